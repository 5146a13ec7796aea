import {
  dayOf,
  easterSunday,
  formatDay,
  lastWeekday,
  nthWeekday,
  weekday,
  type IsoDate,
} from './civil-date.js';
import { newYorkWallToUtc } from './new-york-time.js';

/** A day the NYSE closes all day or early, with the reason. */
export interface CalendarEvent {
  readonly date: IsoDate;
  readonly name: string;
  readonly kind: 'holiday' | 'early_close';
  /** New York close time of an early close (`13:00`); absent for a full-day holiday. */
  readonly closeTime?: string;
}

/** One regular trading session: its New York day and its open and close instants. */
export interface TradingSession {
  readonly date: IsoDate;
  readonly day: number;
  readonly open: Date;
  readonly close: Date;
  readonly earlyClose: boolean;
}

/** Minutes after midnight (New York) of the regular open, close and early close. */
export const SESSION_MINUTES = { open: 570, close: 960, earlyClose: 780 } as const;

/** Unscheduled full-day closures of the NYSE (national mourning, weather, 9/11), since 2001. */
const SPECIAL_CLOSURES: readonly (readonly [IsoDate, string])[] = [
  ['2001-09-11', 'September 11 attacks'],
  ['2001-09-12', 'September 11 attacks'],
  ['2001-09-13', 'September 11 attacks'],
  ['2001-09-14', 'September 11 attacks'],
  ['2004-06-11', 'Day of mourning for President Reagan'],
  ['2007-01-02', 'Day of mourning for President Ford'],
  ['2012-10-29', 'Hurricane Sandy'],
  ['2012-10-30', 'Hurricane Sandy'],
  ['2018-12-05', 'Day of mourning for President George H. W. Bush'],
  ['2025-01-09', 'Day of mourning for President Carter'],
];

/** Saturday holidays move to Friday, Sunday holidays to Monday. */
function observed(day: number): number {
  const wd = weekday(day);
  return wd === 6 ? day - 1 : wd === 0 ? day + 1 : day;
}

function holidayDays(year: number): [number, string][] {
  const out: [number, string][] = [];
  const newYear = dayOf(year, 1, 1);
  // NYSE does not close on Friday 31 December when 1 January is a Saturday.
  if (weekday(newYear) !== 6) out.push([observed(newYear), "New Year's Day"]);
  out.push([nthWeekday(year, 1, 1, 3), 'Martin Luther King Jr. Day']);
  out.push([nthWeekday(year, 2, 1, 3), "Washington's Birthday (Presidents' Day)"]);
  out.push([easterSunday(year) - 2, 'Good Friday']);
  out.push([lastWeekday(year, 5, 1), 'Memorial Day']);
  if (year >= 2022)
    out.push([observed(dayOf(year, 6, 19)), 'Juneteenth National Independence Day']);
  out.push([observed(dayOf(year, 7, 4)), 'Independence Day']);
  out.push([nthWeekday(year, 9, 1, 1), 'Labor Day']);
  out.push([nthWeekday(year, 11, 4, 4), 'Thanksgiving Day']);
  out.push([observed(dayOf(year, 12, 25)), 'Christmas Day']);
  for (const [date, name] of SPECIAL_CLOSURES) {
    if (date.startsWith(`${year}-`))
      out.push([dayOf(year, Number(date.slice(5, 7)), Number(date.slice(8))), name]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

const holidayCache = new Map<number, Map<number, string>>();

function holidaysByDay(year: number): Map<number, string> {
  let m = holidayCache.get(year);
  if (!m) {
    m = new Map(holidayDays(year));
    holidayCache.set(year, m);
  }
  return m;
}

function yearOfDay(day: number): number {
  return Number(formatDay(day).slice(0, 4));
}

/** The name of the full-day holiday on a day, or undefined. */
export function holidayName(day: number): string | undefined {
  return holidaysByDay(yearOfDay(day)).get(day);
}

/** The reason of a 13:00 early close on a day, or undefined for a regular or closed day. */
export function earlyCloseName(day: number): string | undefined {
  const year = yearOfDay(day);
  const wd = weekday(day);
  if (!isTradingDay(day)) return undefined;
  if (day === dayOf(year, 7, 3) && wd >= 1 && wd <= 4) return 'Day before Independence Day';
  if (day === nthWeekday(year, 11, 4, 4) + 1) return 'Day after Thanksgiving';
  if (day === dayOf(year, 12, 24)) return 'Christmas Eve';
  return undefined;
}

/** Whether the NYSE holds a regular session on a day (a weekday that is not a holiday). */
export function isTradingDay(day: number): boolean {
  const wd = weekday(day);
  return wd !== 0 && wd !== 6 && holidayName(day) === undefined;
}

/** The session of a day, or null when the market is closed all day. */
export function tradingSession(day: number): TradingSession | null {
  if (!isTradingDay(day)) return null;
  const earlyClose = earlyCloseName(day) !== undefined;
  return {
    date: formatDay(day),
    day,
    open: newYorkWallToUtc(day, SESSION_MINUTES.open),
    close: newYorkWallToUtc(day, earlyClose ? SESSION_MINUTES.earlyClose : SESSION_MINUTES.close),
    earlyClose,
  };
}

/** The first trading day strictly after a day. */
export function nextTradingDay(day: number): number {
  let d = day + 1;
  while (!isTradingDay(d)) d++;
  return d;
}

/** The last trading day strictly before a day. */
export function previousTradingDay(day: number): number {
  let d = day - 1;
  while (!isTradingDay(d)) d--;
  return d;
}

/** Holidays and early closes between two day numbers (inclusive), in date order. */
export function calendarEvents(fromDay: number, toDay: number): CalendarEvent[] {
  const out: CalendarEvent[] = [];
  for (let year = yearOfDay(fromDay); year <= yearOfDay(toDay); year++) {
    for (const [day, name] of holidaysByDay(year)) {
      if (day >= fromDay && day <= toDay) out.push({ date: formatDay(day), name, kind: 'holiday' });
    }
    for (const day of [dayOf(year, 7, 3), nthWeekday(year, 11, 4, 4) + 1, dayOf(year, 12, 24)]) {
      const name = earlyCloseName(day);
      if (name && day >= fromDay && day <= toDay) {
        out.push({ date: formatDay(day), name, kind: 'early_close', closeTime: '13:00' });
      }
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
