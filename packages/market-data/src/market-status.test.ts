import { describe, expect, it } from 'vitest';
import { getMarketStatus } from './market-status.js';

describe('market status', () => {
  it('is open during the session and next closes at 16:00', () => {
    const s = getMarketStatus(new Date('2026-03-10T15:30:00Z'));
    expect(s).toMatchObject({ phase: 'open', isOpen: true, localTime: '11:30' });
    expect(s.nextClose).toBe('2026-03-10T20:00:00.000Z');
    expect(s.nextOpen).toBe('2026-03-11T13:30:00.000Z');
  });

  it('is pre-market from 04:00 and post-market until 20:00', () => {
    expect(getMarketStatus(new Date('2026-03-10T12:00:00Z')).phase).toBe('pre');
    expect(getMarketStatus(new Date('2026-03-10T12:00:00Z')).nextOpen).toBe(
      '2026-03-10T13:30:00.000Z',
    );
    expect(getMarketStatus(new Date('2026-03-10T21:00:00Z')).phase).toBe('post');
    expect(getMarketStatus(new Date('2026-03-11T01:00:00Z')).phase).toBe('closed');
  });

  it('is closed on Good Friday and opens next on Monday', () => {
    const s = getMarketStatus(new Date('2025-04-18T15:00:00Z'));
    expect(s).toMatchObject({ phase: 'closed', isTradingDay: false, note: 'Good Friday' });
    expect(s.nextOpen).toBe('2025-04-21T13:30:00.000Z');
    expect(s.nextClose).toBe('2025-04-21T20:00:00.000Z');
  });

  it('closes at 13:00 on an early-close day', () => {
    const s = getMarketStatus(new Date('2025-11-28T17:30:00Z'));
    expect(s).toMatchObject({ phase: 'open', note: 'Day after Thanksgiving' });
    expect(s.nextClose).toBe('2025-11-28T18:00:00.000Z');
    expect(getMarketStatus(new Date('2025-11-28T18:30:00Z')).phase).toBe('post');
  });

  it('is closed over the weekend', () => {
    const s = getMarketStatus(new Date('2026-11-28T16:00:00Z'));
    expect(s.phase).toBe('closed');
    expect(s.nextOpen).toBe('2026-11-30T14:30:00.000Z');
  });
});
