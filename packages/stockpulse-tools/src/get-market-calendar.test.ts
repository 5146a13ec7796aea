import { describe, expect, it } from 'vitest';
import { callTool, pinnedProvider, textOf } from '../tests/call-tool.js';
import { getMarketCalendarTool } from './get-market-calendar.js';

interface Calendar {
  from: string;
  to: string;
  events: { date: string; kind: string; name: string }[];
}

describe('get_market_calendar', () => {
  const tool = getMarketCalendarTool(pinnedProvider());

  it('lists holidays and early closes of a year', async () => {
    const r = await callTool(tool, { year: 2026 });
    const c = r.structuredContent as unknown as Calendar;
    expect(c).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
    expect(c.events.filter((e) => e.kind === 'holiday').map((e) => e.date)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-04-03',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-11-26',
      '2026-12-25',
    ]);
    expect(c.events.filter((e) => e.kind === 'early_close').map((e) => e.date)).toEqual([
      '2026-11-27',
      '2026-12-24',
    ]);
    expect(textOf(r)).toContain('2026-07-03 closed: Independence Day');
  });

  it('defaults to the current year and accepts a date range', async () => {
    expect((await callTool(tool, {})).structuredContent).toMatchObject({ from: '2026-01-01' });
    const r = await callTool(tool, { from: '2025-11-01', to: '2025-12-31' });
    expect((r.structuredContent as unknown as Calendar).events.map((e) => e.date)).toEqual([
      '2025-11-27',
      '2025-11-28',
      '2025-12-24',
      '2025-12-25',
    ]);
  });

  it('refuses bad ranges', async () => {
    expect((await callTool(tool, { from: '2026-02-01', to: '2026-01-01' })).isError).toBe(true);
    expect(textOf(await callTool(tool, { from: '2000-01-01', to: '2020-01-01' }))).toContain(
      '10 years',
    );
    expect((await callTool(tool, { year: 2026, from: '2026-01-01' })).isError).toBe(true);
  });
});
