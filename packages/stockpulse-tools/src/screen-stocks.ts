import { compareDecimal, type MarketDataProvider } from '@stockpulse/market-data';
import type { ToolImplementation } from '@stockpulse/tool-service';
import { marketSnapshot, quoteRow, type SnapshotRow } from './market-snapshot.js';
import {
  intArg,
  QUOTE_ROW_SCHEMA,
  READ_ONLY_ANNOTATIONS,
  strArg,
  toolError,
  toolOk,
} from './tool-kit.js';

/** Fields a screen can sort by. */
export const ScreenSort = {
  MarketCap: 'marketCap',
  ChangePercent: 'changePercent',
  Price: 'price',
  Volume: 'volume',
  Symbol: 'symbol',
} as const;

interface Row extends SnapshotRow {
  readonly marketCap: string;
}

function compareBy(sort: string, a: Row, b: Row): number {
  switch (sort) {
    case ScreenSort.ChangePercent:
      return compareDecimal(a.quote.changePercent, b.quote.changePercent);
    case ScreenSort.Price:
      return compareDecimal(a.quote.price, b.quote.price);
    case ScreenSort.Volume:
      return a.quote.volume - b.quote.volume;
    case ScreenSort.Symbol:
      return a.info.symbol.localeCompare(b.info.symbol);
    default:
      return compareDecimal(a.marketCap, b.marketCap);
  }
}

function num(args: Record<string, unknown>, key: string): number | undefined {
  const v = args[key];
  return typeof v === 'number' ? v : undefined;
}

/** `screen_stocks`: filters the covered stocks by sector, price, market cap and change. */
export function screenStocksTool(provider: MarketDataProvider): ToolImplementation {
  const sectors = [...new Set(provider.listSymbols().map((s) => s.sector))].sort();
  return {
    definition: {
      name: 'screen_stocks',
      title: 'Screen stocks',
      description:
        'Filter the covered US large caps by sector, price range, minimum market cap (USD) and minimum percent change today; sorted (default market cap, descending) and limited.',
      inputSchema: {
        type: 'object',
        properties: {
          sector: { type: 'string', enum: sectors },
          minPrice: { type: 'number', minimum: 0 },
          maxPrice: { type: 'number', minimum: 0 },
          minMarketCap: { type: 'number', minimum: 0, description: 'USD, e.g. 1e12' },
          minChangePercent: { type: 'number', description: 'e.g. -1.5 or 2' },
          sortBy: { type: 'string', enum: Object.values(ScreenSort), default: 'marketCap' },
          order: { type: 'string', enum: ['asc', 'desc'], default: 'desc' },
          limit: { type: 'integer', minimum: 1, maximum: 50, default: 20 },
        },
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: {
          asOf: { type: 'string' },
          matched: { type: 'integer' },
          results: {
            type: 'array',
            items: {
              ...QUOTE_ROW_SCHEMA,
              properties: {
                ...QUOTE_ROW_SCHEMA.properties,
                sector: { type: 'string' },
                marketCap: { type: 'string', pattern: '^\\d+$' },
              },
            },
          },
        },
        required: ['asOf', 'matched', 'results'],
      },
      annotations: READ_ONLY_ANNOTATIONS,
    },
    handler: async (args) => {
      const [minPrice, maxPrice] = [num(args, 'minPrice'), num(args, 'maxPrice')];
      if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice) {
        return toolError(`Bad filter: minPrice ${minPrice} is above maxPrice ${maxPrice}.`);
      }
      const minCap = num(args, 'minMarketCap');
      const minChange = num(args, 'minChangePercent');
      const sector = strArg(args, 'sector');
      const sort = strArg(args, 'sortBy') ?? ScreenSort.MarketCap;
      const sign = strArg(args, 'order') === 'asc' ? 1 : -1;
      const rows: Row[] = (await marketSnapshot(provider)).map((r) => ({
        ...r,
        marketCap: (
          (BigInt(r.quote.price.replace('.', '')) * BigInt(r.info.sharesOutstanding)) /
          100n
        ).toString(),
      }));
      const matched = rows
        .filter((r) => sector === undefined || r.info.sector === sector)
        .filter((r) => minPrice === undefined || compareDecimal(r.quote.price, minPrice) >= 0)
        .filter((r) => maxPrice === undefined || compareDecimal(r.quote.price, maxPrice) <= 0)
        .filter((r) => minCap === undefined || compareDecimal(r.marketCap, minCap) >= 0)
        .filter(
          (r) => minChange === undefined || compareDecimal(r.quote.changePercent, minChange) >= 0,
        )
        .sort((a, b) => sign * compareBy(sort, a, b) || a.info.symbol.localeCompare(b.info.symbol));
      const results = matched.slice(0, intArg(args, 'limit', 20)).map((r) => ({
        ...quoteRow(r.quote),
        sector: r.info.sector,
        marketCap: r.marketCap,
      }));
      const text =
        results.length === 0
          ? 'No stocks match the screen.'
          : `${matched.length} match; showing ${results.length}:\n` +
            results.map((r) => `${r.symbol} ${r.price} (${r.changePercent}%)`).join('\n');
      return toolOk(text, { asOf: provider.now().toISOString(), matched: matched.length, results });
    },
  };
}
