import type { MarketDataProvider } from '@stockpulse/market-data';
import type { ToolImplementation } from '@stockpulse/tool-service';
import {
  MONEY_SCHEMA,
  READ_ONLY_ANNOTATIONS,
  SYMBOL_INPUT_SCHEMA,
  toolError,
  toolOk,
} from './tool-kit.js';

/** `get_quote`: the latest quote of one symbol. */
export function getQuoteTool(provider: MarketDataProvider): ToolImplementation {
  return {
    definition: {
      name: 'get_quote',
      title: 'Get quote',
      description:
        'Latest price, day range, change and volume of one US-listed stock. Prices are USD decimal strings.',
      inputSchema: SYMBOL_INPUT_SCHEMA,
      outputSchema: {
        type: 'object',
        properties: {
          symbol: { type: 'string' },
          name: { type: 'string' },
          currency: { type: 'string' },
          price: MONEY_SCHEMA,
          open: MONEY_SCHEMA,
          high: MONEY_SCHEMA,
          low: MONEY_SCHEMA,
          previousClose: MONEY_SCHEMA,
          change: MONEY_SCHEMA,
          changePercent: MONEY_SCHEMA,
          volume: { type: 'integer' },
          asOf: { type: 'string', format: 'date-time' },
          source: { type: 'string' },
        },
        required: ['symbol', 'price', 'currency', 'asOf', 'source'],
      },
      annotations: READ_ONLY_ANNOTATIONS,
    },
    handler: async (args) => {
      const symbol = String(args['symbol']).toUpperCase();
      const q = await provider.getQuote(symbol);
      if (!q) return toolError(`Unknown symbol: ${symbol}`);
      const text = `${q.symbol} (${q.name}) ${q.price} ${q.currency}, ${q.change} (${q.changePercent}%) as of ${q.asOf} [${q.source}]`;
      return toolOk(text, { ...q });
    },
  };
}
