import { compareDecimal, type MarketDataProvider, type Quote } from '@stockpulse/market-data';
import type { ToolImplementation } from '@stockpulse/tool-service';
import { marketSnapshot, quoteRow } from './market-snapshot.js';
import { intArg, QUOTE_ROW_SCHEMA, READ_ONLY_ANNOTATIONS, toolOk } from './tool-kit.js';

const list = { type: 'array', items: QUOTE_ROW_SCHEMA } as const;

function line(q: Quote): string {
  return `${q.symbol} ${q.price} (${q.changePercent}%, vol ${q.volume})`;
}

/** `get_market_movers`: today's top gainers, top losers and most active stocks. */
export function getMarketMoversTool(provider: MarketDataProvider): ToolImplementation {
  return {
    definition: {
      name: 'get_market_movers',
      title: 'Get market movers',
      description:
        "Today's top gainers and losers (by percent change from the previous close) and most active stocks (by volume) among the covered US large caps. Outside a session, the last session's figures.",
      inputSchema: {
        type: 'object',
        properties: { limit: { type: 'integer', minimum: 1, maximum: 25, default: 5 } },
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: {
          asOf: { type: 'string' },
          source: { type: 'string' },
          gainers: list,
          losers: list,
          mostActive: list,
        },
        required: ['asOf', 'gainers', 'losers', 'mostActive'],
      },
      annotations: READ_ONLY_ANNOTATIONS,
    },
    handler: async (args) => {
      const limit = intArg(args, 'limit', 5);
      const quotes = (await marketSnapshot(provider)).map((r) => r.quote);
      const byChange = [...quotes].sort(
        (a, b) =>
          compareDecimal(b.changePercent, a.changePercent) || a.symbol.localeCompare(b.symbol),
      );
      const gainers = byChange
        .filter((q) => compareDecimal(q.changePercent, 0) > 0)
        .slice(0, limit);
      const losers = byChange
        .filter((q) => compareDecimal(q.changePercent, 0) < 0)
        .reverse()
        .slice(0, limit);
      const mostActive = [...quotes].sort((a, b) => b.volume - a.volume).slice(0, limit);
      const text = [
        `Gainers: ${gainers.map(line).join('; ') || 'none'}`,
        `Losers: ${losers.map(line).join('; ') || 'none'}`,
        `Most active: ${mostActive.map(line).join('; ') || 'none'}`,
      ].join('\n');
      return toolOk(text, {
        asOf: provider.now().toISOString(),
        source: provider.id,
        gainers: gainers.map(quoteRow),
        losers: losers.map(quoteRow),
        mostActive: mostActive.map(quoteRow),
      });
    },
  };
}
