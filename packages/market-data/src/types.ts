import type { IsoDate } from './civil-date.js';
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

/** One daily OHLCV bar of a trading day; prices are two-place USD decimal strings. */
export interface DailyBar {
  readonly date: IsoDate;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: number;
}

/** One intraday OHLCV bar; `time` is the UTC instant its interval starts. */
export interface IntradayBar {
  readonly time: string;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: number;
}

/** Widths of intraday bars. */
export const IntradayInterval = {
  OneMinute: '1m',
  FiveMinutes: '5m',
  FifteenMinutes: '15m',
  OneHour: '1h',
} as const;

/** One of {@link IntradayInterval}. */
export type IntradayInterval = (typeof IntradayInterval)[keyof typeof IntradayInterval];

/** A company's profile; `marketCap` is `price × sharesOutstanding`, a whole-dollar string. */
export interface CompanyProfile {
  readonly symbol: string;
  readonly name: string;
  readonly sector: string;
  readonly industry: string;
  readonly exchange: 'NASDAQ' | 'NYSE';
  readonly description: string;
  readonly currency: 'USD';
  readonly sharesOutstanding: number;
  readonly price: string;
  readonly marketCap: string;
  readonly source: string;
}

/** A source of market data; offline simulation by default, online providers behind the same shape. */
export interface MarketDataProvider {
  readonly id: string;
  /** The provider's clock: the instant its quotes and "today" refer to. */
  now(): Date;
  /** Every symbol the provider knows. */
  listSymbols(): readonly SymbolInfo[];
  /** The quote of a symbol at the provider's current time; null for an unknown symbol. */
  getQuote(symbol: string): Promise<Quote | null>;
  /** A company's profile with its market cap at the current price; null for an unknown symbol. */
  getProfile(symbol: string): Promise<CompanyProfile | null>;
  /**
   * Daily bars of the trading days from `from` to `to` (inclusive, `YYYY-MM-DD`) that have
   * started by now; today's bar is partial while its session runs. Null for an unknown symbol;
   * throws RangeError for a malformed date.
   */
  getDailyBars(symbol: string, from: IsoDate, to: IsoDate): Promise<DailyBar[] | null>;
  /**
   * Intraday bars of one trading day, up to now; empty for a non-trading or future day. Null
   * for an unknown symbol; throws RangeError for a malformed date.
   */
  getIntradayBars(
    symbol: string,
    date: IsoDate,
    interval: IntradayInterval,
  ): Promise<IntradayBar[] | null>;
}
