import type { SymbolInfo } from './universe.js';

/** A quote. Prices are decimal strings in USD, never binary floats on the wire. */
export interface Quote {
  readonly symbol: string;
  readonly name: string;
  readonly currency: 'USD';
  readonly price: string;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly previousClose: string;
  readonly change: string;
  readonly changePercent: string;
  readonly volume: number;
  readonly asOf: string;
  /** Where the figures come from, e.g. `simulated`. */
  readonly source: string;
}

/** A source of market data; offline simulation by default, online providers behind the same shape. */
export interface MarketDataProvider {
  readonly id: string;
  /** Every symbol the provider knows. */
  listSymbols(): readonly SymbolInfo[];
  /** The quote of a symbol at the provider's current time; null for an unknown symbol. */
  getQuote(symbol: string): Promise<Quote | null>;
}
