import { describe, expect, it } from 'vitest';
import { parseIsoDate } from './civil-date.js';
import { isNewYorkDst, newYorkWallToUtc, toNewYorkWall } from './new-york-time.js';

describe('New York time', () => {
  it('switches to EDT at 07:00 UTC on the second Sunday of March', () => {
    expect(isNewYorkDst(new Date('2026-03-08T06:59:59Z'))).toBe(false);
    expect(isNewYorkDst(new Date('2026-03-08T07:00:00Z'))).toBe(true);
    expect(isNewYorkDst(new Date('2025-03-09T07:00:00Z'))).toBe(true);
  });

  it('switches back to EST at 06:00 UTC on the first Sunday of November', () => {
    expect(isNewYorkDst(new Date('2026-11-01T05:59:59Z'))).toBe(true);
    expect(isNewYorkDst(new Date('2026-11-01T06:00:00Z'))).toBe(false);
    expect(isNewYorkDst(new Date('2025-11-02T06:00:00Z'))).toBe(false);
  });

  it('uses the 1987-2006 rules before 2007', () => {
    expect(isNewYorkDst(new Date('2006-03-15T12:00:00Z'))).toBe(false);
    expect(isNewYorkDst(new Date('2006-04-02T07:00:00Z'))).toBe(true);
    expect(isNewYorkDst(new Date('2006-10-29T06:00:00Z'))).toBe(false);
  });

  it('converts wall time both ways', () => {
    const d = parseIsoDate('2026-07-01') as number;
    expect(newYorkWallToUtc(d, 570).toISOString()).toBe('2026-07-01T13:30:00.000Z');
    expect(toNewYorkWall(new Date('2026-07-01T13:30:00Z'))).toEqual({ day: d, minutes: 570 });
    const w = parseIsoDate('2026-12-31') as number;
    expect(toNewYorkWall(new Date('2027-01-01T03:00:00Z'))).toEqual({ day: w, minutes: 22 * 60 });
  });
});
