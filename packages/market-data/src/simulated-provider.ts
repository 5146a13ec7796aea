import { Decimal } from 'decimal.js';
import { formatDay, parseIsoDate } from './civil-date.js';
import { aggregateMinutes } from './bar-aggregation.js';
import { centsToMoney, percentChange } from './money.js';
import { toNewYorkWall } from './new-york-time.js';
import { previousTradingDay, tradingSession, type TradingSession } from './nyse-calendar.js';
import { createPriceWalk, type PriceWalk } from './price-walk.js';
import { simulateSession, type MinuteCents } from './session-path.js';
import { SIMULATION_START_DAY, tradingDayIndex } from './trading-day-index.js';
import type {
  DailyBar,
  IntradayBar,
  IntradayInterval,
  MarketDataProvider,
  Quote,
} from './types.js';
import { UNIVERSE, type SymbolInfo } from './universe.js';

/** Options of {@link createSimulatedProvider}. */
export interface SimulatedProviderOptions {
  /** Seed of the whole simulation; the same seed gives the same prices. */
  readonly seed?: number;
  /** Clock; tests pin it. */
  readonly now?: () => Date;
}

const MINUTE_MS = 60_000;
const INTERVAL_MINUTES: Record<IntradayInterval, number> = {
  '1m': 1,
  '5m': 5,
  '15m': 15,
  '1h': 60,
};
const SESSION_CACHE_SIZE = 256;
/** Finished days kept (about 100 bytes each): a few years of the whole universe. */
const DAY_CACHE_SIZE = 100_000;

/** The session in progress or last finished at an instant, and its completed minutes. */
function currentSession(t: Date): { session: TradingSession; elapsed: number } {
  const { day } = toNewYorkWall(t);
  const today = tradingSession(day);
  const session = today && t >= today.open ? today : tradingSession(previousTradingDay(day));
  // previousTradingDay only returns trading days, which always have a session.
  if (!session) throw new Error('no session on a trading day');
  const length = (session.close.getTime() - session.open.getTime()) / MINUTE_MS;
  const elapsed = Math.min(length, Math.floor((t.getTime() - session.open.getTime()) / MINUTE_MS));
  return { session, elapsed };
}

function toBar(c: MinuteCents): Omit<DailyBar, 'date'> {
  return {
    open: centsToMoney(c.open),
    high: centsToMoney(c.high),
    low: centsToMoney(c.low),
    close: centsToMoney(c.close),
    volume: c.volume,
  };
}

function parseDay(text: string): number {
  const day = parseIsoDate(text);
  if (day === null) throw new RangeError(`invalid date: ${text}`);
  return day;
}

/**
 * The offline default: deterministic simulated prices for the universe, needing no network.
 * Daily closes are a seeded walk; each session is simulated minute by minute between the open
 * and that close, and daily bars, quotes and intraday bars are all aggregates of those minutes,
 * so they agree with each other.
 */
export function createSimulatedProvider(opts: SimulatedProviderOptions = {}): MarketDataProvider {
  const seed = opts.seed ?? 42;
  const now = opts.now ?? (() => new Date());
  const bySymbol = new Map(UNIVERSE.map((s) => [s.symbol, s]));
  const walks = new Map<string, PriceWalk>();
  const sessions = new Map<string, MinuteCents[]>();
  const finishedDays = new Map<string, MinuteCents>();

  const walkOf = (info: SymbolInfo): PriceWalk => {
    let w = walks.get(info.symbol);
    if (!w) walks.set(info.symbol, (w = createPriceWalk(info, seed)));
    return w;
  };

  /** Minute bars of a whole session (cached); empty before the simulation starts. */
  const minutesOf = (info: SymbolInfo, session: TradingSession): MinuteCents[] => {
    const key = `${info.symbol}:${session.day}`;
    const hit = sessions.get(key);
    if (hit) return hit;
    const index = tradingDayIndex(session.day);
    if (index === undefined) return [];
    const walk = walkOf(info);
    const minutes = simulateSession({
      seed,
      symbol: info.symbol,
      day: session.day,
      minutes: (session.close.getTime() - session.open.getTime()) / MINUTE_MS,
      previousCloseCents: walk.closeCents(index - 1),
      closeCents: walk.closeCents(index),
      dailySigma: walk.dailySigma,
      sharesOutstanding: info.sharesOutstanding,
    });
    if (sessions.size >= SESSION_CACHE_SIZE)
      sessions.delete(sessions.keys().next().value as string);
    sessions.set(key, minutes);
    return minutes;
  };

  /** The minutes of a session that have completed by now (all of them for past sessions). */
  const minutesSoFar = (info: SymbolInfo, session: TradingSession): MinuteCents[] => {
    const current = currentSession(now());
    if (session.day > current.session.day) return [];
    const all = minutesOf(info, session);
    return session.day === current.session.day ? all.slice(0, current.elapsed) : all;
  };

  /** OHLCV of a session so far; a session with no completed minute is flat at its open. */
  const dayCents = (info: SymbolInfo, session: TradingSession): MinuteCents | null => {
    const key = `${info.symbol}:${session.day}`;
    const done = finishedDays.get(key);
    if (done) return done;
    const currentDay = currentSession(now()).session.day;
    if (session.day > currentDay) return null;
    const sofar = minutesSoFar(info, session);
    const agg = aggregateMinutes(sofar);
    // Only finished sessions are cached: the clock may move on within today's.
    if (agg && session.day < currentDay) {
      if (finishedDays.size >= DAY_CACHE_SIZE) {
        finishedDays.delete(finishedDays.keys().next().value as string);
      }
      finishedDays.set(key, agg);
    }
    if (agg) return agg;
    const first = minutesOf(info, session)[0];
    if (!first) return null;
    return { open: first.open, high: first.open, low: first.open, close: first.open, volume: 0 };
  };

  const lookup = (symbol: string): SymbolInfo | undefined => bySymbol.get(symbol.toUpperCase());

  const quoteOf = (info: SymbolInfo): Quote | null => {
    const t = now();
    const { session } = currentSession(t);
    const day = dayCents(info, session);
    const index = tradingDayIndex(session.day);
    if (!day || index === undefined) return null;
    const previousClose = walkOf(info).closeCents(index - 1);
    return {
      symbol: info.symbol,
      name: info.name,
      currency: 'USD',
      price: centsToMoney(day.close),
      open: centsToMoney(day.open),
      high: centsToMoney(day.high),
      low: centsToMoney(day.low),
      previousClose: centsToMoney(previousClose),
      change: centsToMoney(day.close - previousClose),
      changePercent: percentChange(day.close, previousClose),
      volume: day.volume,
      asOf: t.toISOString(),
      source: 'simulated',
    };
  };

  return {
    id: 'simulated',
    now,
    listSymbols: () => UNIVERSE,
    getQuote: async (symbol) => {
      const info = lookup(symbol);
      return info ? quoteOf(info) : null;
    },
    getProfile: async (symbol) => {
      const info = lookup(symbol);
      const quote = info ? quoteOf(info) : null;
      if (!info || !quote) return null;
      return {
        symbol: info.symbol,
        name: info.name,
        sector: info.sector,
        industry: info.industry,
        exchange: info.exchange,
        description: info.description,
        currency: 'USD',
        sharesOutstanding: info.sharesOutstanding,
        price: quote.price,
        marketCap: new Decimal(quote.price).times(info.sharesOutstanding).toFixed(0),
        source: 'simulated',
      };
    },
    getDailyBars: async (symbol, from, to) => {
      const fromDay = Math.max(parseDay(from), SIMULATION_START_DAY);
      const toDay = parseDay(to);
      const info = lookup(symbol);
      if (!info) return null;
      const bars: DailyBar[] = [];
      for (let d = fromDay; d <= toDay; d++) {
        const session = tradingSession(d);
        const cents = session ? dayCents(info, session) : null;
        if (!cents) {
          if (session) break;
          continue;
        }
        bars.push({ date: formatDay(d), ...toBar(cents) });
      }
      return bars;
    },
    getIntradayBars: async (symbol, date, interval) => {
      const session = tradingSession(parseDay(date));
      const info = lookup(symbol);
      if (!info) return null;
      if (!session || session.day < SIMULATION_START_DAY) return [];
      const width = INTERVAL_MINUTES[interval];
      const minutes = minutesSoFar(info, session);
      const bars: IntradayBar[] = [];
      for (let i = 0; i < minutes.length; i += width) {
        const agg = aggregateMinutes(minutes.slice(i, i + width)) as MinuteCents;
        const time = new Date(session.open.getTime() + i * MINUTE_MS).toISOString();
        bars.push({ time, ...toBar(agg) });
      }
      return bars;
    },
  };
}
