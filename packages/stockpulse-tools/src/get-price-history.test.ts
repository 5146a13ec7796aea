import { describe, expect, it } from 'vitest';
import { callTool, pinnedProvider, textOf } from '../tests/call-tool.js';
import { getPriceHistoryTool } from './get-price-history.js';

interface History {
  count: number;
  from: string;
  to: string;
  bars: { date: string; close: string; volume: number }[];
}

describe('get_price_history', () => {
  const provider = pinnedProvider();
  const tool = getPriceHistoryTool(provider);

  it('returns daily bars on trading days, ending with today', async () => {
    const r = await callTool(tool, { symbol: 'AAPL', from: '2026-02-13', to: '2026-03-10' });
    const h = r.structuredContent as unknown as History;
    expect(h.bars[0]?.date).toBe('2026-02-13');
    expect(h.bars.map((b) => b.date)).not.toContain('2026-02-16'); // Presidents' Day
    expect(h.count).toBe(h.bars.length);
    const quote = await provider.getQuote('AAPL');
    expect(h.bars[h.bars.length - 1]).toMatchObject({ date: '2026-03-10', close: quote?.price });
    expect(textOf(r)).toContain('AAPL daily 2026-02-13..2026-03-10');
  });

  it('defaults to the last 30 days', async () => {
    const r = await callTool(tool, { symbol: 'MSFT' });
    expect(r.structuredContent).toMatchObject({ from: '2026-02-08', to: '2026-03-10' });
  });

  it('aggregates weeks and renders CSV in the text block', async () => {
    const r = await callTool(tool, {
      symbol: 'KO',
      from: '2026-01-05',
      to: '2026-01-30',
      interval: 'weekly',
      format: 'csv',
    });
    const h = r.structuredContent as unknown as History;
    expect(h.bars.map((b) => b.date)).toEqual([
      '2026-01-05',
      '2026-01-12',
      '2026-01-20',
      '2026-01-26',
    ]);
    const lines = textOf(r).split('\n');
    expect(lines[0]).toBe('date,open,high,low,close,volume');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^2026-01-05,\d+\.\d{2},\d+\.\d{2},\d+\.\d{2},\d+\.\d{2},\d+$/);
  });

  it('refuses reversed, too long and too early ranges, and unknown symbols', async () => {
    const reversed = await callTool(tool, { symbol: 'AAPL', from: '2026-03-01', to: '2026-02-01' });
    expect(reversed.isError).toBe(true);
    expect(textOf(reversed)).toContain('after');
    const long = await callTool(tool, { symbol: 'AAPL', from: '2015-01-01', to: '2026-01-01' });
    expect(textOf(long)).toContain('at most 5 years');
    const early = await callTool(tool, { symbol: 'AAPL', from: '1999-01-01', to: '1999-06-01' });
    expect(early.isError).toBe(true);
    const bad = await callTool(tool, { symbol: 'AAPL', from: '2026-02-30', to: '2026-03-05' });
    expect(textOf(bad)).toContain('Invalid date');
    const unknown = await callTool(tool, { symbol: 'NOPE', from: '2026-03-02', to: '2026-03-05' });
    expect(textOf(unknown)).toBe('Unknown symbol: NOPE');
  });

  it('serves five years of daily bars', async () => {
    const r = await callTool(tool, { symbol: 'NVDA', from: '2021-03-11', to: '2026-03-10' });
    expect((r.structuredContent as unknown as History).count).toBeGreaterThan(1250);
  });
});
