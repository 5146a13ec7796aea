import { describe, expect, it } from 'vitest';
import { compareDecimal } from '@stockpulse/market-data';
import { callTool, pinnedProvider, textOf } from '../tests/call-tool.js';
import { getMarketMoversTool } from './get-market-movers.js';

interface Row {
  symbol: string;
  changePercent: string;
  volume: number;
}
interface Movers {
  gainers: Row[];
  losers: Row[];
  mostActive: Row[];
}

describe('get_market_movers', () => {
  const provider = pinnedProvider();
  const tool = getMarketMoversTool(provider);

  it('ranks gainers, losers and most active stocks', async () => {
    const r = await callTool(tool, { limit: 3 });
    const m = r.structuredContent as unknown as Movers;
    expect(m.gainers).toHaveLength(3);
    expect(m.losers.length).toBeGreaterThan(0);
    for (const g of m.gainers) expect(compareDecimal(g.changePercent, 0)).toBe(1);
    for (const l of m.losers) expect(compareDecimal(l.changePercent, 0)).toBe(-1);
    expect(
      compareDecimal(m.gainers[0]!.changePercent, m.gainers[1]!.changePercent),
    ).toBeGreaterThanOrEqual(0);
    expect(
      compareDecimal(m.losers[0]!.changePercent, m.losers[1]!.changePercent ?? '0'),
    ).toBeLessThanOrEqual(0);
    expect(m.mostActive[0]!.volume).toBeGreaterThanOrEqual(m.mostActive[2]!.volume);
    expect(textOf(r)).toMatch(/^Gainers: /);
  });

  it('matches the quotes of every symbol', async () => {
    const r = await callTool(tool, {});
    const top = (r.structuredContent as unknown as Movers).gainers[0]!;
    const quotes = await Promise.all(
      provider.listSymbols().map((s) => provider.getQuote(s.symbol)),
    );
    const best = quotes.reduce((a, b) =>
      compareDecimal(b!.changePercent, a!.changePercent) > 0 ? b : a,
    );
    expect(top.changePercent).toBe(best!.changePercent);
  });
});
