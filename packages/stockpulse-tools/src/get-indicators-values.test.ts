import type { DailyBar } from '@stockpulse/market-data';
import { describe, expect, it } from 'vitest';
import { resolveIndicator, toDecimalString, type ResolvedIndicator } from './indicator-library.js';

/*
 * The library's values against hand computations on a fixed series. Closes 10 11 12 11 13 14
 * 13 15, each bar with high = close + 1 and low = close - 1.
 */
const CLOSES = [10, 11, 12, 11, 13, 14, 13, 15];
const BARS: DailyBar[] = CLOSES.map((c, i) => ({
  date: `2026-01-${String(i + 5).padStart(2, '0')}`,
  open: c.toFixed(2),
  high: (c + 1).toFixed(2),
  low: (c - 1).toFixed(2),
  close: c.toFixed(2),
  volume: 1000,
}));

function resolve(name: string, params: Record<string, unknown> = {}): ResolvedIndicator {
  const r = resolveIndicator(name, params);
  if (typeof r === 'string') throw new Error(r);
  return r;
}

/** The field `f` of each bar's value from index `from` on. */
function column(ind: ResolvedIndicator, f: string, from: number): (number | undefined)[] {
  return ind
    .run(BARS)
    .slice(from)
    .map((v) => v?.[f]);
}

/** An EMA seeded with the first value, as trading-signals defines it. */
function emaOf(xs: readonly number[], period: number): number[] {
  const k = 2 / (period + 1);
  const out: number[] = [];
  xs.forEach((x, i) => out.push(i === 0 ? x : x * k + (out[i - 1] ?? x) * (1 - k)));
  return out;
}

describe('indicator values (hand computed)', () => {
  it('SMA(3) is the mean of the last three closes, from the third bar', () => {
    const sma = resolve('sma', { period: 3 });
    expect(sma.run(BARS).slice(0, 2)).toEqual([null, null]);
    const got = column(sma, 'value', 2);
    const want = [11, 34 / 3, 12, 38 / 3, 40 / 3, 14];
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i] ?? NaN, 10));
  });

  it('EMA(3) uses k = 0.5 seeded with the first close', () => {
    const got = column(resolve('ema', { period: 3 }), 'value', 2);
    expect(got).toEqual([11.25, 11.125, 12.0625, 13.03125, 13.015625, 14.0078125]);
  });

  it('RSI(3) uses Wilder smoothing of gains and losses', () => {
    const rsi = resolve('rsi', { period: 3 });
    expect(rsi.run(BARS)[2]).toBeNull();
    // gains 1,1,0 / losses 0,0,1 → RS 2; then +2 → RS 5; then +1 → RS 7.25.
    const got = column(rsi, 'value', 3).slice(0, 3);
    [200 / 3, 250 / 3, 100 - 100 / 8.25].forEach((w, i) => expect(got[i]).toBeCloseTo(w, 10));
  });

  it('ATR(3) averages true ranges with Wilder smoothing', () => {
    // True ranges: 2 2 2 2 3 2 2 3 (a gap of 2 widens the range to 3).
    const got = column(resolve('atr', { period: 3 }), 'value', 2).slice(0, 4);
    [2, 2, 7 / 3, 20 / 9].forEach((w, i) => expect(got[i]).toBeCloseTo(w, 10));
  });

  it('Bollinger(3, 2) is the SMA ± 2 population standard deviations', () => {
    const first = resolve('bbands', { period: 3 }).run(BARS)[2];
    const sd = Math.sqrt(2 / 3);
    expect(first?.['middle']).toBeCloseTo(11, 10);
    expect(first?.['upper']).toBeCloseTo(11 + 2 * sd, 10);
    expect(first?.['lower']).toBeCloseTo(11 - 2 * sd, 10);
  });

  it('MACD(2,3,2) is EMA2 - EMA3 with an EMA2 signal line', () => {
    const macd = resolve('macd', { fastPeriod: 2, slowPeriod: 3, signalPeriod: 2 }).run(BARS);
    const fast = emaOf(CLOSES, 2);
    const slow = emaOf(CLOSES, 3);
    const line = CLOSES.map((_, i) => (fast[i] ?? 0) - (slow[i] ?? 0)).slice(2);
    const signal = emaOf(line, 2);
    line.forEach((m, j) => {
      const got = macd[j + 2];
      expect(got?.['macd']).toBeCloseTo(m, 10);
      expect(got?.['signal']).toBeCloseTo(signal[j] ?? NaN, 10);
      expect(got?.['histogram']).toBeCloseTo(m - (signal[j] ?? NaN), 10);
    });
  });

  it('Stochastic(3,1,2): %K over the 3-bar range, %D its 2-bar mean', () => {
    const st = resolve('stoch', { period: 3, slowing: 1, signalPeriod: 2 }).run(BARS);
    // Bar 2: (12 - 9) / (13 - 9) = 75; bar 3: (11 - 10) / (13 - 10) = 33.33.
    expect(st[3]?.['k']).toBeCloseTo(100 / 3, 10);
    expect(st[3]?.['d']).toBeCloseTo((75 + 100 / 3) / 2, 10);
  });

  it('rounds to decimal strings without negative zero', () => {
    expect(toDecimalString(13.03125, 4)).toBe('13.0313');
    expect(toDecimalString(-0.00001, 4)).toBe('0.0000');
    expect(toDecimalString(-1.5, 2)).toBe('-1.50');
    expect(() => toDecimalString(Number.NaN, 2)).toThrow(RangeError);
  });
});

describe('indicator parameters', () => {
  it('defaults and warm-up sizes', () => {
    expect(resolve('sma')).toMatchObject({ label: 'SMA(20)', warmUp: 19 });
    expect(resolve('ema', { period: 10 })).toMatchObject({ warmUp: 9 + 30 });
    expect(resolve('rsi')).toMatchObject({ label: 'RSI(14)', warmUp: 14 + 42, decimals: 2 });
    expect(resolve('macd')).toMatchObject({ label: 'MACD(12,26,9)', warmUp: 25 + 78 + 9 });
    expect(resolve('bbands')).toMatchObject({ label: 'BBANDS(20,2)', warmUp: 19 });
    expect(resolve('atr')).toMatchObject({ warmUp: 13 + 42 });
    expect(resolve('stoch')).toMatchObject({ label: 'STOCH(14,3,3)', warmUp: 17 });
  });

  it('gives a value at the warm-up bar of every indicator, not before for non-recursive ones', () => {
    for (const [name, params] of [
      ['sma', { period: 3 }],
      ['bbands', { period: 4 }],
      ['stoch', { period: 3, slowing: 2, signalPeriod: 2 }],
    ] as const) {
      const ind = resolve(name, params);
      const values = ind.run(BARS);
      expect(values[ind.warmUp]).not.toBeNull();
      expect(values[ind.warmUp - 1]).toBeNull();
    }
  });

  it('refuses unknown names, foreign or out-of-range parameters, and fast >= slow', () => {
    expect(resolveIndicator('vwap', {})).toBe(
      'Unknown indicator "vwap"; known: sma, ema, rsi, macd, bbands, atr, stoch.',
    );
    expect(resolveIndicator('rsi', { stdDev: 2 })).toBe(
      'Parameter "stdDev" does not apply to rsi.',
    );
    expect(resolveIndicator('sma', { period: 1 })).toContain('between 2 and 200');
    expect(resolveIndicator('sma', { period: 2.5 })).toContain('must be an integer');
    expect(resolveIndicator('macd', { fastPeriod: 26, slowPeriod: 12 })).toContain(
      'fastPeriod (26) must be below slowPeriod (12)',
    );
  });
});
