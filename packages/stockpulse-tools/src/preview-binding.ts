import { Decimal } from '@stockpulse/ledger';
import type { OrderPreviewRecord } from '@stockpulse/db';
import type { OrderArgs } from './order-args.js';

/** The order terms a preview binds. */
export function previewTerms(p: OrderPreviewRecord): OrderArgs {
  return {
    symbol: p.symbol,
    side: p.side,
    type: p.type,
    timeInForce: p.timeInForce,
    quantity: p.quantity,
    limitPrice: p.limitPrice,
    stopPrice: p.stopPrice,
  };
}

function sameDecimal(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return new Decimal(a).eq(b);
}

/**
 * The terms given with a placement that differ from the preview's, as `field: given ≠ previewed`
 * sentences; terms not given are taken from the preview. Empty when they agree.
 */
export function termDifferences(preview: OrderArgs, args: Record<string, unknown>): string[] {
  const out: string[] = [];
  const given = (k: keyof OrderArgs): string | undefined =>
    typeof args[k] === 'string' ? args[k] : undefined;
  for (const field of ['symbol', 'side', 'type', 'timeInForce'] as const) {
    const v = given(field);
    const mine = field === 'symbol' ? v?.toUpperCase() : v;
    if (mine !== undefined && mine !== preview[field])
      out.push(`${field}: ${mine} ≠ previewed ${preview[field]}`);
  }
  for (const field of ['quantity', 'limitPrice', 'stopPrice'] as const) {
    const v = given(field);
    if (v !== undefined && !sameDecimal(v, preview[field]))
      out.push(`${field}: ${v} ≠ previewed ${preview[field] ?? 'none'}`);
  }
  return out;
}

/** How far `now` moved from `then`, in percent of `then` (absolute, exact). */
export function driftPercent(then: string, now: string): Decimal {
  return new Decimal(now).minus(then).abs().dividedBy(then).times(100);
}
