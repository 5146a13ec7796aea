import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { createSimulatedProvider } from './simulated-provider.js';
import { toWeeklyBars } from './bar-aggregation.js';
import { UNIVERSE } from './universe.js';
import type { DailyBar, IntradayBar } from './types.js';

const during = new Date('2026-03-10T17:45:00Z');
const money = /^\d+\.\d{2}$/;

function envelope(bars: readonly (DailyBar | IntradayBar)[]): { high: string; low: string } {
  const high = Decimal.max(...bars.map((b) => b.high)).toFixed(2);
  const low = Decimal.min(...bars.map((b) => b.low)).toFixed(2);
  return { high, low };
}

describe('simulated bars', () => {
  const p = createSimulatedProvider({ seed: 3, now: () => during });

  it('has bars on trading days only, with decimal prices and integer volumes', async () => {
    const bars = (await p.getDailyBars('MSFT', '2025-04-14', '2025-04-25'))!;
    expect(bars.map((b) => b.date)).toEqual([
      '2025-04-14',
      '2025-04-15',
      '2025-04-16',
      '2025-04-17',
      '2025-04-21',
      '2025-04-22',
      '2025-04-23',
      '2025-04-24',
      '2025-04-25',
    ]);
    for (const b of bars) {
      for (const k of ['open', 'high', 'low', 'close'] as const) expect(b[k]).toMatch(money);
      expect(Number.isInteger(b.volume)).toBe(true);
      expect(new Decimal(b.high).gte(Decimal.max(b.open, b.close))).toBe(true);
      expect(new Decimal(b.low).lte(Decimal.min(b.open, b.close))).toBe(true);
    }
  });

  it('agrees with the quote: previous close, open, high, low, price and volume', async () => {
    for (const { symbol } of UNIVERSE.slice(0, 10)) {
      const q = (await p.getQuote(symbol))!;
      const bars = (await p.getDailyBars(symbol, '2026-03-02', '2026-03-31'))!;
      const today = bars[bars.length - 1]!;
      const yesterday = bars[bars.length - 2]!;
      expect(today.date).toBe('2026-03-10');
      expect(yesterday.close).toBe(q.previousClose);
      expect(today).toMatchObject({ open: q.open, high: q.high, low: q.low, close: q.price });
      expect(today.volume).toBe(q.volume);
      expect(new Decimal(q.price).minus(q.previousClose).toFixed(2)).toBe(q.change);
    }
  });

  it('builds intraday bars that add up to the daily bar', async () => {
    const daily = (await p.getDailyBars('AAPL', '2026-03-09', '2026-03-09'))![0]!;
    for (const interval of ['1m', '5m', '15m', '1h'] as const) {
      const bars = (await p.getIntradayBars('AAPL', '2026-03-09', interval))!;
      expect(bars[0]!.time).toBe('2026-03-09T13:30:00.000Z');
      expect(bars[0]!.open).toBe(daily.open);
      expect(bars[bars.length - 1]!.close).toBe(daily.close);
      expect(envelope(bars)).toEqual({ high: daily.high, low: daily.low });
      expect(bars.reduce((a, b) => a + b.volume, 0)).toBe(daily.volume);
    }
    expect(await p.getIntradayBars('AAPL', '2026-03-09', '1h')).toHaveLength(7);
    expect(await p.getIntradayBars('AAPL', '2026-03-09', '1m')).toHaveLength(390);
    expect(await p.getIntradayBars('AAPL', '2025-11-28', '1m')).toHaveLength(210);
  });

  it('stops at the current minute and has nothing for future or closed days', async () => {
    expect(await p.getIntradayBars('AAPL', '2026-03-10', '1m')).toHaveLength(255);
    expect(await p.getIntradayBars('AAPL', '2026-03-11', '1m')).toEqual([]);
    expect(await p.getIntradayBars('AAPL', '2026-03-08', '1m')).toEqual([]);
    expect(await p.getDailyBars('AAPL', '2026-03-11', '2026-04-30')).toEqual([]);
  });

  it('aggregates weeks from Monday to Friday', async () => {
    const daily = (await p.getDailyBars('KO', '2025-04-14', '2025-04-25'))!;
    const weekly = toWeeklyBars(daily);
    expect(weekly.map((w) => w.date)).toEqual(['2025-04-14', '2025-04-21']);
    expect(weekly[0]!.close).toBe(daily[3]!.close);
    expect(weekly[1]!.volume).toBe(daily.slice(4).reduce((a, b) => a + b.volume, 0));
  });

  it('rejects malformed dates and answers null for unknown symbols', async () => {
    await expect(p.getDailyBars('AAPL', '2026-02-30', '2026-03-01')).rejects.toThrow(RangeError);
    expect(await p.getDailyBars('NOPE', '2026-03-02', '2026-03-03')).toBeNull();
    expect(await p.getProfile('NOPE')).toBeNull();
  });

  it('computes market cap from the price', async () => {
    const profile = (await p.getProfile('aapl'))!;
    const q = (await p.getQuote('AAPL'))!;
    expect(profile.marketCap).toBe(
      new Decimal(q.price).times(profile.sharesOutstanding).toFixed(0),
    );
    expect(profile).toMatchObject({ sector: 'Information Technology', exchange: 'NASDAQ' });
  });

  it('is deterministic across provider instances', async () => {
    const other = createSimulatedProvider({ seed: 3, now: () => during });
    expect(await other.getDailyBars('NVDA', '2024-01-01', '2024-03-01')).toEqual(
      await p.getDailyBars('NVDA', '2024-01-01', '2024-03-01'),
    );
  });
});
