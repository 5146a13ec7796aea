/** Conversions shared by the repositories, so both drivers' row shapes map the same way. */

/** A timestamp as an ISO string (drivers return `Date`; a string passes through `Date`). */
export function toIso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** {@link toIso} that keeps `null`. */
export function toIsoOrNull(value: Date | string | null): string | null {
  return value === null ? null : toIso(value);
}

/** A `bigint` column as a number (`pg` returns a string, PGlite a number). */
export function toNumber(value: string | number | bigint): number {
  return Number(value);
}

/** Whether an error from either driver is a unique-constraint violation (SQLSTATE 23505). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/** The constraint an error from either driver names, when it names one. */
export function violatedConstraint(err: unknown): string | undefined {
  const value =
    typeof err === 'object' && err !== null
      ? (err as { constraint?: unknown }).constraint
      : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Whether an error from either driver is a data exception (SQLSTATE class 22): bad input, not a fault. */
export function isDataException(err: unknown): boolean {
  const code =
    typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('22');
}
