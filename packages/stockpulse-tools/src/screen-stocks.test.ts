import { describe, expect, it } from 'vitest';
import { compareDecimal } from '@stockpulse/market-data';
import { acceptsArgs, callTool, pinnedProvider, textOf } from '../tests/call-tool.js';
import { screenStocksTool } from './screen-stocks.js';

interface Screen {
  matched: number;
  results: {
    symbol: string;
    sector: string;
    price: string;
    marketCap: string;
    changePercent: string;
  }[];
}

describe('screen_stocks', () => {
  const tool = screenStocksTool(pinnedProvider());

  it('filters by sector and sorts by market cap, largest first', async () => {
    const r = await callTool(tool, { sector: 'Health Care' });
    const s = r.structuredContent as unknown as Screen;
    expect(s.matched).toBe(8);
    expect(new Set(s.results.map((x) => x.sector))).toEqual(new Set(['Health Care']));
    for (let i = 1; i < s.results.length; i++) {
      expect(
        compareDecimal(s.results[i - 1]!.marketCap, s.results[i]!.marketCap),
      ).toBeGreaterThanOrEqual(0);
    }
  });

  it('applies price, market cap and change filters', async () => {
    const r = await callTool(tool, {
      minPrice: 100,
      maxPrice: 400,
      minMarketCap: 2e11,
      minChangePercent: -100,
      sortBy: 'price',
      order: 'asc',
      limit: 50,
    });
    const s = r.structuredContent as unknown as Screen;
    expect(s.results.length).toBeGreaterThan(0);
    for (const x of s.results) {
      expect(compareDecimal(x.price, 100)).toBeGreaterThanOrEqual(0);
      expect(compareDecimal(x.price, 400)).toBeLessThanOrEqual(0);
      expect(compareDecimal(x.marketCap, 2e11)).toBeGreaterThanOrEqual(0);
    }
    expect(
      compareDecimal(s.results[0]!.price, s.results[s.results.length - 1]!.price),
    ).toBeLessThanOrEqual(0);
  });

  it('limits results but counts every match', async () => {
    const r = await callTool(tool, { limit: 3 });
    const s = r.structuredContent as unknown as Screen;
    expect(s.results).toHaveLength(3);
    expect(s.matched).toBe(52);
    expect(textOf(r)).toContain('52 match; showing 3');
  });

  it('refuses contradictory filters and unknown sectors', async () => {
    const r = await callTool(tool, { minPrice: 500, maxPrice: 100 });
    expect(r.isError).toBe(true);
    expect(acceptsArgs(tool, { sector: 'Crypto' })).toBe(false);
    const none = await callTool(tool, { minPrice: 100000 });
    expect(textOf(none)).toBe('No stocks match the screen.');
  });
});
