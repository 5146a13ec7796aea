import type { DailyBar } from '@stockpulse/market-data';
import { ATR, BollingerBands, EMA, MACD, RSI, SMA, StochasticOscillator } from 'trading-signals';

/*
 * The only importer of `trading-signals`: it computes in JS numbers (v8 dropped its big.js
 * variants), so results are rounded to decimal strings at the edge of this file's callers.
 */

/** Indicators `get_indicators` computes, by name. */
export const INDICATOR_NAMES = ['sma', 'ema', 'rsi', 'macd', 'bbands', 'atr', 'stoch'] as const;

/** One of {@link INDICATOR_NAMES}. */
export type IndicatorName = (typeof INDICATOR_NAMES)[number];

/** Integer bounds of each numeric parameter (inclusive), `stdDev` aside. */
export const PARAM_BOUNDS = {
  period: { minimum: 2, maximum: 200 },
  fastPeriod: { minimum: 2, maximum: 100 },
  slowPeriod: { minimum: 3, maximum: 200 },
  signalPeriod: { minimum: 1, maximum: 50 },
  slowing: { minimum: 1, maximum: 10 },
  stdDev: { minimum: 0.5, maximum: 5 },
} as const;

/** Name of a numeric indicator parameter. */
export type ParamName = keyof typeof PARAM_BOUNDS;

type Params = Record<string, number>;
type Values = Record<string, number>;
type Step = (bar: DailyBar) => Values | null;

interface Definition {
  readonly defaults: Params;
  readonly fields: readonly string[];
  /** Decimal places of the output: 4 for price levels, 2 for 0-100 oscillators. */
  readonly decimals: number;
  /** Index of the first bar the library gives a value for. */
  firstIndex(p: Params): number;
  /** Extra bars so a recursive smoothing's seed has faded (about 3 periods, e^-6 weight). */
  seedMargin(p: Params): number;
  label(p: Params): string;
  create(p: Params): Step;
}

const num = (p: Params, key: string): number => p[key] ?? 0;
const close = (b: DailyBar): number => Number(b.close);
const hlc = (b: DailyBar) => ({ high: Number(b.high), low: Number(b.low), close: Number(b.close) });

function series(ind: { add(x: number): number | null }): Step {
  return (b) => {
    const v = ind.add(close(b));
    return v === null ? null : { value: v };
  };
}

const DEFINITIONS: Record<IndicatorName, Definition> = {
  sma: {
    defaults: { period: 20 },
    fields: ['value'],
    decimals: 4,
    firstIndex: (p) => num(p, 'period') - 1,
    seedMargin: () => 0,
    label: (p) => `SMA(${num(p, 'period')})`,
    create: (p) => series(new SMA(num(p, 'period'))),
  },
  ema: {
    defaults: { period: 20 },
    fields: ['value'],
    decimals: 4,
    firstIndex: (p) => num(p, 'period') - 1,
    seedMargin: (p) => 3 * num(p, 'period'),
    label: (p) => `EMA(${num(p, 'period')})`,
    create: (p) => series(new EMA(num(p, 'period'))),
  },
  rsi: {
    defaults: { period: 14 },
    fields: ['value'],
    decimals: 2,
    firstIndex: (p) => num(p, 'period'),
    seedMargin: (p) => 3 * num(p, 'period'),
    label: (p) => `RSI(${num(p, 'period')})`,
    create: (p) => series(new RSI(num(p, 'period'))),
  },
  macd: {
    defaults: { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 },
    fields: ['macd', 'signal', 'histogram'],
    decimals: 4,
    firstIndex: (p) => num(p, 'slowPeriod') - 1,
    seedMargin: (p) => 3 * num(p, 'slowPeriod') + num(p, 'signalPeriod'),
    label: (p) => `MACD(${num(p, 'fastPeriod')},${num(p, 'slowPeriod')},${num(p, 'signalPeriod')})`,
    create: (p) => {
      const ema = (key: string) => new EMA(num(p, key));
      const m = new MACD(ema('fastPeriod'), ema('slowPeriod'), ema('signalPeriod'));
      return (b) => {
        const r = m.add(close(b));
        return r && { macd: r.macd, signal: r.signal, histogram: r.histogram };
      };
    },
  },
  bbands: {
    defaults: { period: 20, stdDev: 2 },
    fields: ['upper', 'middle', 'lower'],
    decimals: 4,
    firstIndex: (p) => num(p, 'period') - 1,
    seedMargin: () => 0,
    label: (p) => `BBANDS(${num(p, 'period')},${num(p, 'stdDev')})`,
    create: (p) => {
      const bb = new BollingerBands(num(p, 'period'), num(p, 'stdDev'));
      return (b) => {
        const r = bb.add(close(b));
        return r && { upper: r.upper, middle: r.middle, lower: r.lower };
      };
    },
  },
  atr: {
    defaults: { period: 14 },
    fields: ['value'],
    decimals: 4,
    firstIndex: (p) => num(p, 'period') - 1,
    seedMargin: (p) => 3 * num(p, 'period'),
    label: (p) => `ATR(${num(p, 'period')})`,
    create: (p) => {
      const atr = new ATR(num(p, 'period'));
      return (b) => {
        const v = atr.add(hlc(b));
        return v === null ? null : { value: v };
      };
    },
  },
  stoch: {
    defaults: { period: 14, slowing: 3, signalPeriod: 3 },
    fields: ['k', 'd'],
    decimals: 2,
    firstIndex: (p) => num(p, 'period') + num(p, 'slowing') + num(p, 'signalPeriod') - 3,
    seedMargin: () => 0,
    label: (p) => `STOCH(${num(p, 'period')},${num(p, 'slowing')},${num(p, 'signalPeriod')})`,
    create: (p) => {
      const config = {
        kPeriod: num(p, 'period'),
        kSlowingPeriod: num(p, 'slowing'),
        dPeriod: num(p, 'signalPeriod'),
      };
      const so = new StochasticOscillator(config);
      return (b) => {
        const r = so.add(hlc(b));
        return r && { k: r.stochK, d: r.stochD };
      };
    },
  },
};

/** An indicator with its parameters checked and defaulted, ready to run over daily bars. */
export interface ResolvedIndicator {
  readonly name: IndicatorName;
  readonly label: string;
  readonly params: Readonly<Params>;
  readonly fields: readonly string[];
  readonly decimals: number;
  /** Bars consumed before the first value worth reporting: library warm-up plus seed margin. */
  readonly warmUp: number;
  /** The library's value at each bar (null before it has one), aligned with `bars`. */
  run(bars: readonly DailyBar[]): (Values | null)[];
}

/**
 * Checks an indicator request against the definitions; returns the resolved indicator or a
 * message for the model. Parameters that do not apply to the indicator are refused.
 */
export function resolveIndicator(
  name: string,
  given: Readonly<Record<string, unknown>>,
): ResolvedIndicator | string {
  if (!(INDICATOR_NAMES as readonly string[]).includes(name)) {
    return `Unknown indicator "${name}"; known: ${INDICATOR_NAMES.join(', ')}.`;
  }
  const key = name as IndicatorName;
  const def = DEFINITIONS[key];
  const params: Params = { ...def.defaults };
  for (const [param, value] of Object.entries(given)) {
    if (!(param in def.defaults)) return `Parameter "${param}" does not apply to ${name}.`;
    const bounds = PARAM_BOUNDS[param as ParamName];
    const integer = param !== 'stdDev';
    if (typeof value !== 'number' || (integer && !Number.isInteger(value))) {
      return `Parameter "${param}" of ${name} must be ${integer ? 'an integer' : 'a number'}.`;
    }
    if (value < bounds.minimum || value > bounds.maximum) {
      return `Parameter "${param}" of ${name} must be between ${bounds.minimum} and ${bounds.maximum}.`;
    }
    params[param] = value;
  }
  if (key === 'macd' && num(params, 'fastPeriod') >= num(params, 'slowPeriod')) {
    return `macd: fastPeriod (${num(params, 'fastPeriod')}) must be below slowPeriod (${num(params, 'slowPeriod')}).`;
  }
  return {
    name: key,
    label: def.label(params),
    params,
    fields: def.fields,
    decimals: def.decimals,
    warmUp: def.firstIndex(params) + def.seedMargin(params),
    run: (bars) => {
      const step = def.create(params);
      return bars.map(step);
    },
  };
}

/** A number as a decimal string with `places` digits, never `-0.00`; throws on NaN or infinity. */
export function toDecimalString(value: number, places: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const text = value.toFixed(places);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}
