import { Decimal } from 'decimal.js';

/** A whole number of cents as a two-place USD decimal string, e.g. 12345 → `123.45`. */
export function centsToMoney(cents: number): string {
  return new Decimal(cents).div(100).toFixed(2);
}

/** `(price - base) / base` in percent, two places, half-even; `0.00` for a zero base. */
export function percentChange(priceCents: number, baseCents: number): string {
  if (baseCents === 0) return '0.00';
  return new Decimal(priceCents - baseCents)
    .div(baseCents)
    .times(100)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN)
    .toFixed(2);
}

/**
 * Compares two decimal numbers given as strings or finite JS numbers, exactly (no binary
 * float rounding of the strings): -1, 0 or 1.
 */
export function compareDecimal(a: string | number, b: string | number): -1 | 0 | 1 {
  return new Decimal(a).comparedTo(new Decimal(b)) as -1 | 0 | 1;
}
