import { format, type Decimal } from './decimal.js';
import { refuse, RejectReason, type Refusal } from './reject-reason.js';
import { OrderStatus, type LedgerState, type Order } from './types.js';

const MINUTE_MS = 60_000;

/**
 * Where the orders a decision must see begin: the earlier of the start of the UTC day and one
 * minute ago, so both the daily and the per-minute counts are complete.
 */
export function orderWindowStart(now: string): string {
  const at = Date.parse(now);
  const day = new Date(at);
  day.setUTCHours(0, 0, 0, 0);
  return new Date(Math.min(day.getTime(), at - MINUTE_MS)).toISOString();
}

function counted(order: Order): boolean {
  return order.status !== OrderStatus.Rejected;
}

/** Accepted orders (any status but rejected) placed on the UTC day of `now`. */
export function ordersToday(state: LedgerState, now: string): number {
  const day = new Date(now).toISOString().slice(0, 10);
  return state.orders.filter(
    (o) => counted(o) && new Date(o.createdAt).toISOString().slice(0, 10) === day,
  ).length;
}

/** Accepted orders placed in the minute up to `now`. */
export function ordersLastMinute(state: LedgerState, now: string): number {
  const from = Date.parse(now) - MINUTE_MS;
  return state.orders.filter((o) => counted(o) && Date.parse(o.createdAt) > from).length;
}

/**
 * Checks the kill switch and the account's limits for a new order of `quantity` judged at
 * `price`; rejected orders never count toward the order limits.
 */
export function checkLimits(
  state: LedgerState,
  quantity: Decimal,
  price: Decimal,
  now: string,
): Refusal | undefined {
  const { killSwitch, limits } = state.account;
  if (killSwitch)
    return refuse(RejectReason.KillSwitch, 'trading is halted on this account by an operator');
  if (limits.maxOrderQuantity !== null && quantity.gt(limits.maxOrderQuantity))
    return refuse(
      RejectReason.MaxOrderQuantity,
      `quantity ${format(quantity)} exceeds the limit of ${limits.maxOrderQuantity} per order`,
    );
  const notional = quantity.times(price);
  if (limits.maxOrderNotional !== null && notional.gt(limits.maxOrderNotional))
    return refuse(
      RejectReason.MaxOrderNotional,
      `notional ${format(notional)} exceeds the limit of ${limits.maxOrderNotional} per order`,
    );
  if (limits.maxOrdersPerDay !== null && ordersToday(state, now) >= limits.maxOrdersPerDay)
    return refuse(
      RejectReason.MaxOrdersPerDay,
      `the limit of ${limits.maxOrdersPerDay} orders per day is reached`,
    );
  if (
    limits.maxOrdersPerMinute !== null &&
    ordersLastMinute(state, now) >= limits.maxOrdersPerMinute
  )
    return refuse(
      RejectReason.MaxOrdersPerMinute,
      `the limit of ${limits.maxOrdersPerMinute} orders per minute is reached`,
    );
  return undefined;
}

/** Limits that limit nothing. */
export const noLimits = {
  maxOrderQuantity: null,
  maxOrderNotional: null,
  maxOrdersPerDay: null,
  maxOrdersPerMinute: null,
} as const;
