import { Decimal } from 'decimal.js';
import type { MarketDataProvider, Quote } from './types.js';
import { UNIVERSE, type SymbolInfo } from './universe.js';
import { hashSeed, mulberry32, normal } from './seeded-random.js';

/** Options of {@link createSimulatedProvider}. */
export interface SimulatedProviderOptions {
  /** Seed of the whole simulation; the same seed gives the same prices. */
  readonly seed?: number;
  /** Clock; tests pin it. */
  readonly now?: () => Date;
}

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(2024, 0, 1);
const TRADING_DAYS = 252;

function dayIndex(t: Date): number {
  return Math.floor((t.getTime() - EPOCH) / DAY_MS);
}

/** Close of day `d` for a symbol: a seeded geometric random walk around its reference price. */
function closeOn(info: SymbolInfo, seed: number, d: number): number {
  const rand = mulberry32(hashSeed(`${seed}:${info.symbol}`));
  const sigma = info.volatility / Math.sqrt(TRADING_DAYS);
  // A mean-reverting log walk keeps years of simulation near the reference level.
  let x = 0;
  const steps = Math.max(0, d) % 4096;
  for (let i = 0; i < steps; i++) x = 0.995 * x + sigma * normal(rand);
  return Number(info.referencePrice) * Math.exp(x);
}

function money(n: number | Decimal): string {
  return new Decimal(n).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2);
}

/**
 * The offline default: deterministic simulated prices for the universe, needing no network.
 * Intraday prices move from the previous close towards the day's close along a seeded path.
 */
export function createSimulatedProvider(opts: SimulatedProviderOptions = {}): MarketDataProvider {
  const seed = opts.seed ?? 42;
  const now = opts.now ?? (() => new Date());
  const bySymbol = new Map(UNIVERSE.map((s) => [s.symbol, s]));
  return {
    id: 'simulated',
    listSymbols: () => UNIVERSE,
    getQuote: async (symbol) => {
      const info = bySymbol.get(symbol.toUpperCase());
      if (!info) return null;
      const t = now();
      const d = dayIndex(t);
      const prev = closeOn(info, seed, d - 1);
      const close = closeOn(info, seed, d);
      const frac = ((t.getTime() - EPOCH) % DAY_MS) / DAY_MS;
      const wiggle = mulberry32(hashSeed(`${seed}:${info.symbol}:${d}:${Math.floor(frac * 390)}`));
      const sigmaIntra = (info.volatility / Math.sqrt(TRADING_DAYS)) * 0.25;
      const price = (prev + (close - prev) * frac) * (1 + sigmaIntra * normal(wiggle));
      const open =
        prev * (1 + sigmaIntra * normal(mulberry32(hashSeed(`${info.symbol}:${d}:open`))));
      const high = Math.max(open, price, prev) * 1.004;
      const low = Math.min(open, price, prev) * 0.996;
      const p = new Decimal(money(price));
      const pc = new Decimal(money(prev));
      const change = p.minus(pc);
      const quote: Quote = {
        symbol: info.symbol,
        name: info.name,
        currency: 'USD',
        price: p.toFixed(2),
        open: money(open),
        high: money(high),
        low: money(low),
        previousClose: pc.toFixed(2),
        change: change.toFixed(2),
        changePercent: change.div(pc).times(100).toDecimalPlaces(2).toFixed(2),
        volume: Math.round(2_000_000 + 30_000_000 * wiggle() * frac),
        asOf: t.toISOString(),
        source: 'simulated',
      };
      return quote;
    },
  };
}
