import { dayOf } from './civil-date.js';
import { isTradingDay } from './nyse-calendar.js';

/** First day of the simulation (2000-01-03, the first session of 2000); no bars before it. */
export const SIMULATION_START_DAY = dayOf(2000, 1, 3);

const days: number[] = [];
const indexByDay = new Map<number, number>();

function extendTo(day: number): void {
  let d = days.length === 0 ? SIMULATION_START_DAY : (days[days.length - 1] as number) + 1;
  for (; d <= day; d++) {
    if (!isTradingDay(d)) continue;
    indexByDay.set(d, days.length);
    days.push(d);
  }
}

/**
 * Index of a trading day counted from {@link SIMULATION_START_DAY} (0 for the first session);
 * undefined for a non-trading day or a day before the start.
 */
export function tradingDayIndex(day: number): number | undefined {
  if (day < SIMULATION_START_DAY) return undefined;
  if (days.length === 0 || (days[days.length - 1] as number) < day) extendTo(day + 31);
  return indexByDay.get(day);
}
