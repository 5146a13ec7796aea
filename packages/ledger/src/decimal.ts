import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The ledger's decimal arithmetic: 40 significant digits, banker's rounding, and never
 * exponent notation, so every amount is a plain decimal string that Postgres `numeric` reads.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
/** A decimal of the ledger's arithmetic. */
export type Decimal = InstanceType<typeof Decimal>;

/** Most digits after the point a quantity or a price may carry. */
export const MAX_SCALE = 8;
/** Digits after the point kept of an average cost. */
export const AVERAGE_COST_SCALE = 10;

const PLAIN_DECIMAL = /^(0|[1-9]\d{0,14})(\.\d+)?$/;

/**
 * Parses a positive decimal string of at most {@link MAX_SCALE} fractional digits, or returns
 * undefined: no sign, no exponent, no binary floats, and nothing that rounds to zero.
 */
export function parsePositive(value: string): Decimal | undefined {
  if (!PLAIN_DECIMAL.test(value)) return undefined;
  const parsed = new Decimal(value);
  if (parsed.decimalPlaces() > MAX_SCALE || parsed.lte(0)) return undefined;
  return parsed;
}

/** The canonical string of a decimal: no exponent, no trailing zeros. */
export function format(value: Decimal): string {
  return value.toString();
}

/** Adds decimal strings exactly. */
export function sum(values: readonly string[]): Decimal {
  return values.reduce((acc, v) => acc.plus(v), new Decimal(0));
}
