import type { MarketDataProvider } from '@stockpulse/market-data';
import type { ToolImplementation } from '@stockpulse/tool-service';

const money = { type: 'string', pattern: '^-?\\d+\\.\\d{2}$' } as const;

/** `get_quote`: the latest quote of one symbol. */
export function getQuoteTool(provider: MarketDataProvider): ToolImplementation {
  return {
    definition: {
      name: 'get_quote',
      title: 'Get quote',
      description:
        'Latest price, day range, change and volume of one US-listed stock. Prices are USD decimal strings.',
      inputSchema: {
        type: 'object',
        properties: {
          symbol: {
            type: 'string',
            description: 'Ticker symbol, e.g. AAPL',
            pattern: '^[A-Za-z][A-Za-z.]{0,9}$',
          },
        },
        required: ['symbol'],
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: {
          symbol: { type: 'string' },
          name: { type: 'string' },
          currency: { type: 'string' },
          price: money,
          open: money,
          high: money,
          low: money,
          previousClose: money,
          change: money,
          changePercent: money,
          volume: { type: 'integer' },
          asOf: { type: 'string', format: 'date-time' },
          source: { type: 'string' },
        },
        required: ['symbol', 'price', 'currency', 'asOf', 'source'],
      },
      annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
    },
    handler: async (args) => {
      const symbol = String(args['symbol']).toUpperCase();
      const q = await provider.getQuote(symbol);
      if (!q) {
        return {
          content: [{ type: 'text', text: `Unknown symbol: ${symbol}` }],
          isError: true,
        };
      }
      const text = `${q.symbol} (${q.name}) ${q.price} ${q.currency}, ${q.change} (${q.changePercent}%) as of ${q.asOf} [${q.source}]`;
      return {
        content: [{ type: 'text', text }],
        structuredContent: { ...q },
      };
    },
  };
}
