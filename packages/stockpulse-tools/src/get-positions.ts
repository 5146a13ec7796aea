import type { ToolImplementation } from '@stockpulse/tool-service';
import { toolOk } from './tool-kit.js';
import type { TradingDeps } from './trading-deps.js';
import { ACCOUNT_READ_ANNOTATIONS, DECIMAL_SCHEMA } from './trading-schemas.js';
import { openAccountState } from './trading-tool.js';
import { valuePortfolio } from './portfolio-valuation.js';

/** JSON Schema of a valued position. */
export const POSITION_SCHEMA = {
  type: 'object',
  properties: {
    symbol: { type: 'string' },
    quantity: DECIMAL_SCHEMA,
    averageCost: DECIMAL_SCHEMA,
    price: DECIMAL_SCHEMA,
    marketValue: DECIMAL_SCHEMA,
    costBasis: DECIMAL_SCHEMA,
    unrealizedPnl: DECIMAL_SCHEMA,
    unrealizedPnlPercent: DECIMAL_SCHEMA,
    realizedPnl: DECIMAL_SCHEMA,
  },
  required: ['symbol', 'quantity', 'averageCost', 'price', 'marketValue', 'unrealizedPnl'],
} as const;

/** `get_positions`: the caller's holdings valued at current quotes. */
export function getPositionsTool(deps: TradingDeps): ToolImplementation {
  return {
    definition: {
      name: 'get_positions',
      title: 'Get positions',
      description:
        "The caller's paper-trading positions with quantity, average cost, current price, market value and profit (unrealized and realized). Decimal strings, USD.",
      inputSchema: {
        type: 'object',
        properties: { symbol: { type: 'string', pattern: '^[A-Za-z][A-Za-z.]{0,9}$' } },
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: {
          asOf: { type: 'string' },
          count: { type: 'integer' },
          positions: { type: 'array', items: POSITION_SCHEMA },
        },
        required: ['asOf', 'count', 'positions'],
      },
      annotations: ACCOUNT_READ_ANNOTATIONS,
    },
    handler: async (args, ctx) => {
      const { state } = await openAccountState(deps, ctx);
      const v = await valuePortfolio(deps, state);
      const only = typeof args['symbol'] === 'string' ? args['symbol'].toUpperCase() : undefined;
      const positions = v.positions.filter(
        (p) => p.quantity !== '0' && (only === undefined || p.symbol === only),
      );
      const lines = positions.map(
        (p) =>
          `${p.symbol} ${p.quantity} @ ${p.averageCost} → ${p.price}: value ${p.marketValue}, P&L ${p.unrealizedPnl} (${p.unrealizedPnlPercent}%)`,
      );
      const text = lines.length > 0 ? lines.join('\n') : 'No open positions.';
      return toolOk(text, { asOf: v.asOf, count: positions.length, positions });
    },
  };
}
