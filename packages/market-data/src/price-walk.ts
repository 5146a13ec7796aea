import { hashSeed, mulberry32, normal } from './seeded-random.js';
import type { SymbolInfo } from './universe.js';

const TRADING_DAYS_PER_YEAR = 252;
/** Pull of the log price back to the reference level per session; keeps decades near it. */
const MEAN_REVERSION = 0.995;

/** Daily closes (in cents) of one symbol: a seeded, mean-reverting log random walk. */
export interface PriceWalk {
  /** Close in cents of the session with a given trading-day index (see `tradingDayIndex`). */
  closeCents(index: number): number;
  /** Daily volatility (standard deviation of log returns per session). */
  readonly dailySigma: number;
}

/** A lazily extended, cached price walk for a symbol and seed. */
export function createPriceWalk(info: SymbolInfo, seed: number): PriceWalk {
  const rand = mulberry32(hashSeed(`${seed}:${info.symbol}:walk`));
  const dailySigma = info.volatility / Math.sqrt(TRADING_DAYS_PER_YEAR);
  const reference = Number(info.referencePrice) * 100;
  const logs: number[] = [];
  let x = 0;
  return {
    dailySigma,
    closeCents(index) {
      if (index < 0) return Math.round(reference);
      while (logs.length <= index) {
        x = MEAN_REVERSION * x + dailySigma * normal(rand);
        logs.push(x);
      }
      return Math.max(1, Math.round(reference * Math.exp(logs[index] as number)));
    },
  };
}
