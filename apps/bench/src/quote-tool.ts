import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { MarketDataProvider } from '@stockpulse/market-data';
import { z } from 'zod';

/**
 * Registers `get_quote` on an SDK server with the gateway tool's contract: the same input
 * pattern, and the same result shape (one text block plus the quote as `structuredContent`).
 * No `outputSchema` is declared, so the SDK skips result validation: that favours the
 * baseline, never the gateway.
 */
export function registerQuoteTool(server: McpServer, provider: MarketDataProvider): void {
  server.registerTool(
    'get_quote',
    {
      title: 'Get quote',
      description:
        'Latest price, day range, change and volume of one US-listed stock. Prices are USD decimal strings.',
      inputSchema: {
        symbol: z
          .string()
          .regex(/^[A-Za-z][A-Za-z.]{0,9}$/)
          .describe('Ticker symbol, e.g. AAPL'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
    },
    async ({ symbol: raw }) => {
      const symbol = raw.toUpperCase();
      const q = await provider.getQuote(symbol);
      if (!q)
        return { content: [{ type: 'text', text: `Unknown symbol: ${symbol}` }], isError: true };
      const text = `${q.symbol} (${q.name}) ${q.price} ${q.currency}, ${q.change} (${q.changePercent}%) as of ${q.asOf} [${q.source}]`;
      return { content: [{ type: 'text', text }], structuredContent: { ...q } };
    },
  );
}
