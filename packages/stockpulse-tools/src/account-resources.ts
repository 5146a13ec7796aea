import { ErrorCode, GatewayError, type ToolResult } from '@stockpulse/protocol';
import type { Bus } from '@stockpulse/bus';
import {
  announceResourceUpdated,
  type RequestContext,
  type ResourceImplementation,
  type ToolImplementation,
} from '@stockpulse/tool-service';
import type { TradingDeps } from './trading-deps.js';
import { getPortfolioPerformanceTool } from './get-portfolio-performance.js';
import { getPositionsTool } from './get-positions.js';
import { listOrdersTool } from './list-orders.js';
import { listWatchlistsTool } from './watchlist-tools.js';

/** URIs of the caller's account resources. */
export const PORTFOLIO_URI = 'stockpulse://portfolio';
export const OPEN_ORDERS_URI = 'stockpulse://orders/open';
export const WATCHLISTS_URI = 'stockpulse://watchlists';

/** The structured content of a read-only tool's result, or an error the client can read. */
async function structuredOf(
  tool: ToolImplementation,
  args: Record<string, unknown>,
  ctx: RequestContext,
): Promise<Record<string, unknown>> {
  const r: ToolResult = await tool.handler(args, ctx);
  if (r.isError || !r.structuredContent) {
    const text = r.content.map((c) => (typeof c['text'] === 'string' ? c['text'] : '')).join(' ');
    throw new GatewayError(ErrorCode.Unavailable, text || `${tool.definition.name} failed`);
  }
  return r.structuredContent;
}

function jsonResource(
  uri: string,
  name: string,
  title: string,
  description: string,
  read: (ctx: RequestContext) => Promise<unknown>,
): ResourceImplementation {
  return {
    definition: { uri, name, title, description, mimeType: 'application/json' },
    read: async (ctx) => [
      { uri, mimeType: 'application/json', text: JSON.stringify(await read(ctx)) },
    ],
  };
}

/**
 * The caller's portfolio, open orders and watchlists as resources, read through the same code
 * as the account tools (so both always agree). Subscribe to hear of orders placed or cancelled
 * and watchlist changes.
 */
export function accountResources(trading: TradingDeps): ResourceImplementation[] {
  const performance = getPortfolioPerformanceTool(trading);
  const positions = getPositionsTool(trading);
  const orders = listOrdersTool(trading);
  const watchlists = listWatchlistsTool(trading);
  return [
    jsonResource(
      PORTFOLIO_URI,
      'portfolio',
      'My paper portfolio',
      'Positions and performance of your paper-trading account (decimal strings, USD).',
      async (ctx) => ({
        performance: await structuredOf(performance, {}, ctx),
        positions: await structuredOf(positions, {}, ctx),
      }),
    ),
    jsonResource(
      OPEN_ORDERS_URI,
      'open-orders',
      'My open orders',
      'Orders of your paper-trading account that are still working.',
      (ctx) => structuredOf(orders, { status: 'open' }, ctx),
    ),
    jsonResource(
      WATCHLISTS_URI,
      'watchlists',
      'My watchlists',
      'Your watchlists and their symbols.',
      (ctx) => structuredOf(watchlists, {}, ctx),
    ),
  ];
}

/** Which resources a successful call of a tool changes. */
const CHANGES: Readonly<Record<string, readonly string[]>> = {
  place_order: [PORTFOLIO_URI, OPEN_ORDERS_URI],
  cancel_order: [PORTFOLIO_URI, OPEN_ORDERS_URI],
  create_watchlist: [WATCHLISTS_URI],
  update_watchlist: [WATCHLISTS_URI],
  delete_watchlist: [WATCHLISTS_URI],
};

/**
 * Wraps the tools that change account resources so that a successful call announces the change
 * to subscribed sessions. Other tools pass through untouched.
 */
export function announcingChanges(
  tools: readonly ToolImplementation[],
  bus: Bus,
): ToolImplementation[] {
  return tools.map((tool) => {
    const uris = CHANGES[tool.definition.name];
    if (!uris) return tool;
    return {
      definition: tool.definition,
      handler: async (args, ctx) => {
        const result = await tool.handler(args, ctx);
        if (!result.isError) for (const uri of uris) announceResourceUpdated(bus, uri);
        return result;
      },
    };
  });
}
