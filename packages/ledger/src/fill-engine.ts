import { AVERAGE_COST_SCALE, Decimal, format } from './decimal.js';
import { buyingPower, sellableQuantity, withOrders } from './order-book.js';
import { refuse, RejectReason, type Refusal } from './reject-reason.js';
import {
  OrderSide,
  OrderStatus,
  OrderType,
  type Fill,
  type LedgerState,
  type MarketContext,
  type Order,
  type Position,
} from './types.js';

/**
 * Whether an order executes at this price: a market order always; a limit buy at or below its
 * limit, a limit sell at or above; a stop buy at or above its stop, a stop sell at or below.
 */
export function isMarketable(order: Order, price: Decimal): boolean {
  const buy = order.side === OrderSide.Buy;
  switch (order.type) {
    case OrderType.Market:
      return true;
    case OrderType.Limit:
      return buy ? price.lte(order.limitPrice ?? 0) : price.gte(order.limitPrice ?? Infinity);
    case OrderType.Stop:
      return buy ? price.gte(order.stopPrice ?? Infinity) : price.lte(order.stopPrice ?? 0);
  }
}

/** The result of executing an order: the new state and what changed. */
export interface Execution {
  readonly state: LedgerState;
  readonly order: Order;
  readonly fill: Fill;
  readonly position: Position;
}

function nextPosition(prev: Position | undefined, fill: Fill): Position {
  const qty = new Decimal(prev?.quantity ?? 0);
  const avg = new Decimal(prev?.averageCost ?? 0);
  const pnl = new Decimal(prev?.realizedPnl ?? 0);
  const fillQty = new Decimal(fill.quantity);
  const base = { accountId: fill.accountId, symbol: fill.symbol, updatedAt: fill.at };
  if (fill.side === OrderSide.Buy) {
    const total = qty.plus(fillQty);
    const cost = qty.times(avg).plus(fill.notional);
    const average = cost.dividedBy(total).toDecimalPlaces(AVERAGE_COST_SCALE);
    return {
      ...base,
      quantity: format(total),
      averageCost: format(average),
      realizedPnl: format(pnl),
    };
  }
  const left = qty.minus(fillQty);
  return {
    ...base,
    quantity: format(left),
    averageCost: left.isZero() ? '0' : format(avg),
    realizedPnl: format(pnl.plus(new Decimal(fill.price).minus(avg).times(fillQty))),
  };
}

/**
 * Fills the whole order at `price` and moves cash and position, or refuses when a buy costs more
 * than the buying power left besides this order's own reservation, or a sell exceeds the
 * position. Cash and position quantity never go negative.
 */
export function execute(
  state: LedgerState,
  order: Order,
  price: Decimal,
  ctx: MarketContext,
): Execution | Refusal {
  const quantity = new Decimal(order.quantity);
  const notional = quantity.times(price);
  const buy = order.side === OrderSide.Buy;
  if (buy && notional.gt(buyingPower(state, order.id)))
    return refuse(
      RejectReason.InsufficientBuyingPower,
      `buying ${order.quantity} ${order.symbol} costs ${format(notional)}, more than the buying power`,
    );
  if (!buy && quantity.gt(sellableQuantity(state, order.symbol, order.id)))
    return refuse(
      RejectReason.InsufficientPosition,
      `selling ${order.quantity} ${order.symbol} exceeds the position`,
    );
  const fill: Fill = {
    id: ctx.newId(),
    orderId: order.id,
    accountId: order.accountId,
    symbol: order.symbol,
    side: order.side,
    quantity: order.quantity,
    price: format(price),
    notional: format(notional),
    at: ctx.now,
  };
  const filled: Order = {
    ...order,
    status: OrderStatus.Filled,
    reason: null,
    filledQuantity: order.quantity,
    averageFillPrice: format(price),
    updatedAt: ctx.now,
  };
  const position = nextPosition(
    state.positions.find((p) => p.symbol === order.symbol),
    fill,
  );
  const cash = new Decimal(state.account.cash)[buy ? 'minus' : 'plus'](notional);
  const next: LedgerState = {
    ...withOrders(state, [filled]),
    account: { ...state.account, cash: format(cash) },
    positions: [...state.positions.filter((p) => p.symbol !== order.symbol), position],
  };
  return { state: next, order: filled, fill, position };
}
