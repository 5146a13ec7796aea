import type { MarketDataProvider, Quote, SymbolInfo } from '@stockpulse/market-data';

/** One symbol's quote together with its listing. */
export interface SnapshotRow {
  readonly info: SymbolInfo;
  readonly quote: Quote;
}

/** Quotes of every symbol the provider knows, at the provider's current time. */
export async function marketSnapshot(provider: MarketDataProvider): Promise<SnapshotRow[]> {
  const rows: SnapshotRow[] = [];
  for (const info of provider.listSymbols()) {
    const quote = await provider.getQuote(info.symbol);
    if (quote) rows.push({ info, quote });
  }
  return rows;
}

/** The summary of a quote that lists of stocks return. */
export interface QuoteRow {
  readonly symbol: string;
  readonly name: string;
  readonly price: string;
  readonly change: string;
  readonly changePercent: string;
  readonly volume: number;
}

/** The {@link QuoteRow} of a quote. */
export function quoteRow(q: Quote): QuoteRow {
  return {
    symbol: q.symbol,
    name: q.name,
    price: q.price,
    change: q.change,
    changePercent: q.changePercent,
    volume: q.volume,
  };
}
