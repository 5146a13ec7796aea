import { describe, expect, it } from 'vitest';
import { callTool, pinnedProvider, textOf } from '../tests/call-tool.js';
import { getMarketStatusTool } from './get-market-status.js';

describe('get_market_status', () => {
  it('reports an open market with the close ahead', async () => {
    const r = await callTool(getMarketStatusTool(pinnedProvider()), {});
    expect(r.structuredContent).toMatchObject({
      phase: 'open',
      isOpen: true,
      localDate: '2026-03-10',
      localTime: '12:45',
      nextClose: '2026-03-10T20:00:00.000Z',
    });
    expect(textOf(r)).toContain('US market is open');
  });

  it('reports a holiday as closed with the next open', async () => {
    const tool = getMarketStatusTool(pinnedProvider(new Date('2026-07-03T15:00:00Z')));
    const r = await callTool(tool, {});
    expect(r.structuredContent).toMatchObject({
      phase: 'closed',
      isTradingDay: false,
      note: 'Independence Day',
      session: null,
      nextOpen: '2026-07-06T13:30:00.000Z',
    });
    expect(textOf(r)).toContain('Independence Day');
  });
});
