import type { MarketDataProvider, SymbolInfo } from '@stockpulse/market-data';
import type { ToolImplementation } from '@stockpulse/tool-service';
import { intArg, READ_ONLY_ANNOTATIONS, SYMBOL_INFO_PROPERTIES, toolOk } from './tool-kit.js';

/** Rank of a symbol for a query: lower is better; undefined when it does not match. */
function rank(info: SymbolInfo, q: string): number | undefined {
  const symbol = info.symbol.toLowerCase();
  if (symbol === q) return 0;
  if (symbol.startsWith(q)) return 1;
  const name = info.name.toLowerCase();
  if (name.startsWith(q)) return 2;
  if (name.includes(q)) return 3;
  if (info.sector.toLowerCase().includes(q)) return 4;
  if (info.industry.toLowerCase().includes(q)) return 5;
  return undefined;
}

/** `search_symbols`: finds symbols by ticker, company name, sector or industry. */
export function searchSymbolsTool(provider: MarketDataProvider): ToolImplementation {
  return {
    definition: {
      name: 'search_symbols',
      title: 'Search symbols',
      description:
        'Find US-listed stocks by ticker, company name, sector or industry (case-insensitive). Best matches first: exact ticker, ticker prefix, name, sector, industry.',
      inputSchema: {
        type: 'object',
        properties: {
          query: {
            type: 'string',
            minLength: 1,
            maxLength: 64,
            description: 'e.g. "apple", "MS", "Energy"',
          },
          limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
        },
        required: ['query'],
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: {
          query: { type: 'string' },
          count: { type: 'integer' },
          results: {
            type: 'array',
            items: {
              type: 'object',
              properties: SYMBOL_INFO_PROPERTIES,
              required: ['symbol', 'name', 'sector', 'industry', 'exchange'],
            },
          },
        },
        required: ['query', 'count', 'results'],
      },
      annotations: READ_ONLY_ANNOTATIONS,
    },
    handler: async (args) => {
      const query = String(args['query']).trim();
      const q = query.toLowerCase();
      const limit = intArg(args, 'limit', 10);
      const results = provider
        .listSymbols()
        .map((info) => ({ info, r: rank(info, q) }))
        .filter((m): m is { info: SymbolInfo; r: number } => m.r !== undefined)
        .sort((a, b) => a.r - b.r || a.info.symbol.localeCompare(b.info.symbol))
        .slice(0, limit)
        .map(({ info }) => ({
          symbol: info.symbol,
          name: info.name,
          sector: info.sector,
          industry: info.industry,
          exchange: info.exchange,
        }));
      const text =
        results.length === 0
          ? `No symbols match "${query}".`
          : results.map((r) => `${r.symbol}: ${r.name} (${r.sector}, ${r.exchange})`).join('\n');
      return toolOk(text, { query, count: results.length, results });
    },
  };
}
