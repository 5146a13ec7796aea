import { DAY_IN_MS, lastWeekday, nthWeekday } from './civil-date.js';

const HOUR_MS = 3_600_000;

/**
 * Whether US daylight saving time is in force in New York at an instant. Rules: since 2007
 * from the second Sunday of March (02:00 EST) to the first Sunday of November (02:00 EDT);
 * 1987-2006 from the first Sunday of April to the last Sunday of October.
 */
export function isNewYorkDst(instant: Date): boolean {
  const t = instant.getTime();
  const year = new Date(t - 5 * HOUR_MS).getUTCFullYear();
  const [startDay, endDay] =
    year >= 2007
      ? [nthWeekday(year, 3, 0, 2), nthWeekday(year, 11, 0, 1)]
      : [nthWeekday(year, 4, 0, 1), lastWeekday(year, 10, 0)];
  // 02:00 EST is 07:00 UTC; 02:00 EDT is 06:00 UTC.
  const start = startDay * DAY_IN_MS + 7 * HOUR_MS;
  const end = endDay * DAY_IN_MS + 6 * HOUR_MS;
  return t >= start && t < end;
}

/** UTC offset of New York at an instant, in minutes (-240 in summer, -300 in winter). */
export function newYorkOffsetMinutes(instant: Date): number {
  return isNewYorkDst(instant) ? -240 : -300;
}

/**
 * The instant of a New York wall-clock time on a day (day number, minutes after midnight).
 * Meant for market hours, which never fall in the skipped or repeated hour of a DST change.
 */
export function newYorkWallToUtc(day: number, minutes: number): Date {
  const wall = day * DAY_IN_MS + minutes * 60_000;
  const asStandard = new Date(wall + 5 * HOUR_MS);
  return isNewYorkDst(asStandard) ? new Date(wall + 4 * HOUR_MS) : asStandard;
}

/** The New York day number and minutes after midnight of an instant. */
export function toNewYorkWall(instant: Date): { day: number; minutes: number } {
  const local = instant.getTime() + newYorkOffsetMinutes(instant) * 60_000;
  const day = Math.floor(local / DAY_IN_MS);
  return { day, minutes: Math.floor((local - day * DAY_IN_MS) / 60_000) };
}
