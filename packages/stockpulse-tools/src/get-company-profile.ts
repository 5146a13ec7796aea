import type { MarketDataProvider } from '@stockpulse/market-data';
import type { ToolImplementation } from '@stockpulse/tool-service';
import {
  MONEY_SCHEMA,
  READ_ONLY_ANNOTATIONS,
  SYMBOL_INFO_PROPERTIES,
  SYMBOL_INPUT_SCHEMA,
  toolError,
  toolOk,
} from './tool-kit.js';

/** `get_company_profile`: who a company is, and its market cap at the current price. */
export function getCompanyProfileTool(provider: MarketDataProvider): ToolImplementation {
  return {
    definition: {
      name: 'get_company_profile',
      title: 'Get company profile',
      description:
        'Company name, sector, industry, exchange, a one-line description, shares outstanding and market cap (price × shares, USD) of one US-listed stock.',
      inputSchema: SYMBOL_INPUT_SCHEMA,
      outputSchema: {
        type: 'object',
        properties: {
          ...SYMBOL_INFO_PROPERTIES,
          description: { type: 'string' },
          currency: { type: 'string' },
          sharesOutstanding: { type: 'integer' },
          price: MONEY_SCHEMA,
          marketCap: { type: 'string', pattern: '^\\d+$' },
          source: { type: 'string' },
        },
        required: ['symbol', 'name', 'sector', 'industry', 'exchange', 'price', 'marketCap'],
      },
      annotations: READ_ONLY_ANNOTATIONS,
    },
    handler: async (args) => {
      const symbol = String(args['symbol']).toUpperCase();
      const p = await provider.getProfile(symbol);
      if (!p) return toolError(`Unknown symbol: ${symbol}`);
      const billions = (BigInt(p.marketCap) / 100_000_000n).toString();
      const capText = `${billions.slice(0, -1) || '0'}.${billions.slice(-1)}B`;
      const text = `${p.symbol} — ${p.name} (${p.exchange}); ${p.sector} / ${p.industry}. ${p.description} Price ${p.price} USD, market cap ${capText} USD [${p.source}]`;
      return toolOk(text, { ...p });
    },
  };
}
