import { Decimal } from 'decimal.js';
import { parseIsoDate, weekday } from './civil-date.js';
import type { DailyBar } from './types.js';
import type { MinuteCents } from './session-path.js';

/** OHLCV of consecutive minutes (cents); null for no minutes. */
export function aggregateMinutes(minutes: readonly MinuteCents[]): MinuteCents | null {
  const first = minutes[0];
  const last = minutes[minutes.length - 1];
  if (!first || !last) return null;
  let high = first.high;
  let low = first.low;
  let volume = 0;
  for (const m of minutes) {
    if (m.high > high) high = m.high;
    if (m.low < low) low = m.low;
    volume += m.volume;
  }
  return { open: first.open, high, low, close: last.close, volume };
}

/**
 * Weekly bars (Monday to Friday weeks) of daily bars in date order; each is dated by the first
 * trading day of its week in the input.
 */
export function toWeeklyBars(daily: readonly DailyBar[]): DailyBar[] {
  const out: DailyBar[] = [];
  let week: DailyBar[] = [];
  let weekKey = Number.NaN;
  const flush = (): void => {
    const first = week[0];
    const last = week[week.length - 1];
    if (!first || !last) return;
    let high = new Decimal(first.high);
    let low = new Decimal(first.low);
    for (const b of week) {
      high = Decimal.max(high, b.high);
      low = Decimal.min(low, b.low);
    }
    out.push({
      date: first.date,
      open: first.open,
      high: high.toFixed(2),
      low: low.toFixed(2),
      close: last.close,
      volume: week.reduce((a, b) => a + b.volume, 0),
    });
  };
  for (const bar of daily) {
    const day = parseIsoDate(bar.date) ?? 0;
    const key = day - ((weekday(day) + 6) % 7);
    if (key !== weekKey) {
      flush();
      week = [];
      weekKey = key;
    }
    week.push(bar);
  }
  flush();
  return out;
}
