import { describe, expect, it } from 'vitest';
import { parseIsoDate } from './civil-date.js';
import {
  calendarEvents,
  earlyCloseName,
  holidayName,
  isTradingDay,
  nextTradingDay,
  previousTradingDay,
  tradingSession,
} from './nyse-calendar.js';

const day = (iso: string): number => parseIsoDate(iso) as number;

describe('NYSE calendar', () => {
  it.each([
    ['2025-01-01', "New Year's Day"],
    ['2025-01-20', 'Martin Luther King Jr. Day'],
    ['2025-02-17', "Washington's Birthday (Presidents' Day)"],
    ['2025-04-18', 'Good Friday'],
    ['2025-05-26', 'Memorial Day'],
    ['2025-06-19', 'Juneteenth National Independence Day'],
    ['2025-07-04', 'Independence Day'],
    ['2025-09-01', 'Labor Day'],
    ['2025-11-27', 'Thanksgiving Day'],
    ['2025-12-25', 'Christmas Day'],
    ['2026-04-03', 'Good Friday'],
    ['2026-07-03', 'Independence Day'],
    ['2027-06-18', 'Juneteenth National Independence Day'],
    ['2027-12-24', 'Christmas Day'],
    ['2023-01-02', "New Year's Day"],
    ['2024-03-29', 'Good Friday'],
  ])('%s is closed for %s', (date, name) => {
    expect(holidayName(day(date))).toBe(name);
    expect(isTradingDay(day(date))).toBe(false);
    expect(tradingSession(day(date))).toBeNull();
  });

  it('keeps trading when a holiday is not observed', () => {
    // 1 January 2022 was a Saturday: NYSE traded on Friday 31 December 2021.
    expect(isTradingDay(day('2021-12-31'))).toBe(true);
    // Juneteenth became an NYSE holiday in 2022.
    expect(isTradingDay(day('2021-06-18'))).toBe(true);
    expect(isTradingDay(day('2026-07-06'))).toBe(true);
  });

  it.each([
    ['2025-07-03', 'Day before Independence Day'],
    ['2025-11-28', 'Day after Thanksgiving'],
    ['2025-12-24', 'Christmas Eve'],
    ['2024-07-03', 'Day before Independence Day'],
    ['2026-11-27', 'Day after Thanksgiving'],
    ['2026-12-24', 'Christmas Eve'],
  ])('%s closes at 13:00 (%s)', (date, name) => {
    expect(earlyCloseName(day(date))).toBe(name);
    const s = tradingSession(day(date));
    expect(s?.earlyClose).toBe(true);
    expect(s!.close.getTime() - s!.open.getTime()).toBe(210 * 60_000);
  });

  it('has no early close when the eve is a holiday or a weekend', () => {
    expect(earlyCloseName(day('2026-07-02'))).toBeUndefined();
    expect(earlyCloseName(day('2022-07-01'))).toBeUndefined();
    expect(earlyCloseName(day('2021-12-23'))).toBeUndefined();
  });

  it('places sessions at 09:30 to 16:00 New York time across DST', () => {
    expect(tradingSession(day('2026-01-05'))?.open.toISOString()).toBe('2026-01-05T14:30:00.000Z');
    expect(tradingSession(day('2026-03-09'))?.open.toISOString()).toBe('2026-03-09T13:30:00.000Z');
    expect(tradingSession(day('2026-03-06'))?.close.toISOString()).toBe('2026-03-06T21:00:00.000Z');
    expect(tradingSession(day('2026-11-02'))?.close.toISOString()).toBe('2026-11-02T21:00:00.000Z');
    expect(tradingSession(day('2026-10-30'))?.close.toISOString()).toBe('2026-10-30T20:00:00.000Z');
  });

  it('steps over weekends and holidays', () => {
    expect(nextTradingDay(day('2025-04-17'))).toBe(day('2025-04-21'));
    expect(previousTradingDay(day('2026-07-06'))).toBe(day('2026-07-02'));
  });

  it('lists a year of events: 10 holidays and 3 early closes in 2025 plus one closure', () => {
    const events = calendarEvents(day('2025-01-01'), day('2025-12-31'));
    expect(events.filter((e) => e.kind === 'holiday')).toHaveLength(11);
    expect(events.filter((e) => e.kind === 'early_close').map((e) => e.date)).toEqual([
      '2025-07-03',
      '2025-11-28',
      '2025-12-24',
    ]);
    expect(events.map((e) => e.date)).toContain('2025-01-09');
  });
});
