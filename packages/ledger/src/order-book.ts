import { Decimal, format, sum } from './decimal.js';
import { OrderSide, OrderStatus, OrderType, type LedgerState, type Order } from './types.js';

/** Working orders of a state: accepted and neither filled nor ended. */
export function workingOrders(state: LedgerState): Order[] {
  return state.orders.filter((o) => o.status === OrderStatus.Accepted);
}

/**
 * Cash a working buy order holds back: quantity × limit for a limit, quantity × stop for a stop
 * (a stop that triggers higher is re-checked when it fills), nothing for a market order, which
 * never rests.
 */
export function reservedCash(order: Order): Decimal {
  if (order.side !== OrderSide.Buy || order.status !== OrderStatus.Accepted) return new Decimal(0);
  const price = order.type === OrderType.Limit ? order.limitPrice : order.stopPrice;
  return price === null ? new Decimal(0) : new Decimal(order.quantity).times(price);
}

/** Cash free for a new buy: cash less what working buys other than `exceptId` hold back. */
export function buyingPower(state: LedgerState, exceptId?: string): Decimal {
  const held = workingOrders(state)
    .filter((o) => o.id !== exceptId)
    .reduce((acc, o) => acc.plus(reservedCash(o)), new Decimal(0));
  return new Decimal(state.account.cash).minus(held);
}

/** Quantity of a symbol free to sell: the position less working sells other than `exceptId`. */
export function sellableQuantity(state: LedgerState, symbol: string, exceptId?: string): Decimal {
  const held = state.positions.find((p) => p.symbol === symbol)?.quantity ?? '0';
  const working = workingOrders(state)
    .filter((o) => o.id !== exceptId && o.side === OrderSide.Sell && o.symbol === symbol)
    .map((o) => o.quantity);
  return new Decimal(held).minus(sum(working));
}

/** The state with these orders replaced by id or appended. */
export function withOrders(state: LedgerState, changed: readonly Order[]): LedgerState {
  const byId = new Map(changed.map((o) => [o.id, o]));
  const kept = state.orders.map((o) => byId.get(o.id) ?? o);
  const added = changed.filter((o) => !state.orders.some((k) => k.id === o.id));
  return { ...state, orders: [...kept, ...added] };
}

/** Formats the cash of a state after a change. */
export function cashAfter(cash: string, delta: Decimal): string {
  return format(new Decimal(cash).plus(delta));
}
