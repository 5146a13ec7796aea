import type { DailyBar, MarketDataProvider } from '@stockpulse/market-data';
import { describe, expect, it } from 'vitest';
import { acceptsArgs, callTool, pinnedProvider, textOf } from '../tests/call-tool.js';
import { barsNeeded, calendarSpan, getIndicatorsTool } from './get-indicators.js';
import { resolveIndicator, type ResolvedIndicator } from './indicator-library.js';

type Point = Record<string, string>;
interface Result {
  asOf: string;
  barsUsed: number;
  lookback: number;
  indicators: { label: string; count: number; warmUp: number; latest: Point; series: Point[] }[];
}

/** A provider that records the ranges it was asked for. */
function recording(inner: MarketDataProvider): MarketDataProvider & { ranges: string[][] } {
  const ranges: string[][] = [];
  return {
    ...inner,
    ranges,
    getDailyBars: (symbol, from, to) => {
      ranges.push([from, to]);
      return inner.getDailyBars(symbol, from, to);
    },
  };
}

const meanOf = (bars: readonly DailyBar[]) =>
  bars.reduce((s, b) => s + Number(b.close), 0) / bars.length;

describe('get_indicators', () => {
  const provider = pinnedProvider();
  const tool = getIndicatorsTool(provider);

  it('SMA latest is the mean of the last N closes, dated today', async () => {
    const r = await callTool(tool, { symbol: 'aapl', indicators: [{ name: 'sma', period: 5 }] });
    const out = r.structuredContent as unknown as Result;
    const bars = (await provider.getDailyBars('AAPL', '2026-02-01', '2026-03-10')) ?? [];
    const sma = out.indicators[0];
    expect(out.asOf).toBe('2026-03-10');
    expect(sma?.latest).toEqual({ date: '2026-03-10', value: meanOf(bars.slice(-5)).toFixed(4) });
    expect(sma?.series[28]?.['value']).toBe(meanOf(bars.slice(-6, -1)).toFixed(4));
    expect(textOf(r)).toBe(
      `AAPL daily indicators as of 2026-03-10: SMA(5) ${sma?.latest['value']} [simulated]`,
    );
  });

  it('returns lookback points after the warm-up, from just enough bars', async () => {
    const spy = recording(provider);
    const indicators = [{ name: 'ema', period: 10 }, { name: 'rsi' }, { name: 'macd' }];
    const r = await callTool(getIndicatorsTool(spy), { symbol: 'MSFT', indicators, lookback: 12 });
    const out = r.structuredContent as unknown as Result;
    // Longest warm-up: MACD(12,26,9) = 25 + 3×26 + 9 = 112 bars before the first point.
    expect(out.barsUsed).toBe(12 + 112);
    const [from, to] = spy.ranges[0] ?? [];
    expect(to).toBe('2026-03-10');
    const all = (await provider.getDailyBars('MSFT', from ?? '', to ?? '')) ?? [];
    expect(all.length).toBeGreaterThanOrEqual(124);
    const dates = all.slice(-12).map((b) => b.date);
    for (const ind of out.indicators) {
      expect(ind.count).toBe(12);
      expect(ind.series.map((p) => p['date'])).toEqual(dates);
    }
    const [, rsi, macd] = out.indicators;
    expect(rsi?.latest['value']).toMatch(/^\d{1,3}\.\d{2}$/);
    expect(Object.keys(macd?.latest ?? {})).toEqual(['date', 'macd', 'signal', 'histogram']);
    expect(Number(macd?.latest['histogram'])).toBeCloseTo(
      Number(macd?.latest['macd']) - Number(macd?.latest['signal']),
      3,
    );
  });

  it('sizes the request from the longest warm-up', () => {
    const ind = (name: string, p: Record<string, unknown> = {}) =>
      resolveIndicator(name, p) as ResolvedIndicator;
    expect(barsNeeded([ind('sma', { period: 50 }), ind('bbands')], 30)).toBe(30 + 49);
    expect(barsNeeded([ind('ema', { period: 200 })], 500)).toBe(500 + 199 + 600);
    // 252 trading days a year: a year of calendar days is enough for 250 bars.
    expect(calendarSpan(250)).toBe(372);
  });

  it('returns every field of bands, ATR and stochastic as decimal strings', async () => {
    const r = await callTool(tool, {
      symbol: 'NVDA',
      indicators: [{ name: 'bbands', period: 10, stdDev: 1.5 }, { name: 'atr' }, { name: 'stoch' }],
      lookback: 3,
    });
    const [bb, atr, stoch] = (r.structuredContent as unknown as Result).indicators;
    const upper = Number(bb?.latest['upper']);
    expect(upper).toBeGreaterThan(Number(bb?.latest['middle']));
    expect(Number(bb?.latest['middle'])).toBeGreaterThan(Number(bb?.latest['lower']));
    expect(Number(atr?.latest['value'])).toBeGreaterThan(0);
    expect(stoch?.latest).toMatchObject({ k: expect.stringMatching(/^\d+\.\d{2}$/) });
    expect(textOf(r)).toContain('BBANDS(10,1.5) upper');
  });

  it('refuses unknown symbols, indicators and bad parameters', async () => {
    const unknown = await callTool(tool, { symbol: 'NOPE', indicators: [{ name: 'sma' }] });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toBe('Unknown symbol: NOPE');
    const swapped = await callTool(tool, {
      symbol: 'AAPL',
      indicators: [{ name: 'macd', fastPeriod: 30, slowPeriod: 20 }],
    });
    expect(swapped.isError).toBe(true);
    const foreign = await callTool(tool, {
      symbol: 'AAPL',
      indicators: [{ name: 'sma', slowing: 2 }],
    });
    expect(textOf(foreign)).toBe('Parameter "slowing" does not apply to sma.');
    expect(acceptsArgs(tool, { symbol: 'AAPL', indicators: [{ name: 'vwap' }] })).toBe(false);
    expect(acceptsArgs(tool, { symbol: 'AAPL', indicators: [] })).toBe(false);
    expect(
      acceptsArgs(tool, { symbol: 'AAPL', indicators: [{ name: 'sma' }], lookback: 501 }),
    ).toBe(false);
    // Past the schema (a direct caller), the handler still names the known indicators.
    const direct = await tool.handler(
      { symbol: 'AAPL', indicators: [{ name: 'vwap' }] },
      {} as never,
    );
    expect(direct.isError).toBe(true);
    expect(textOf(direct)).toContain('known: sma, ema, rsi, macd, bbands, atr, stoch');
  });
});
