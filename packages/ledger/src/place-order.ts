import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import { isMarketable, execute } from './fill-engine.js';
import { ChangeRecorder, type LedgerDecision } from './ledger-decision.js';
import { checkLimits } from './limits-check.js';
import { buyingPower, sellableQuantity, withOrders } from './order-book.js';
import { assertClientOrderId, validateRequest, type PlaceOrderRequest } from './order-request.js';
import { isRefusal, refuse, RejectReason, type Refusal } from './reject-reason.js';
import { format, type Decimal } from './decimal.js';
import {
  OrderSide,
  OrderStatus,
  TimeInForce,
  type Fill,
  type LedgerState,
  type MarketContext,
  type Order,
} from './types.js';

/** The outcome of placing an order. */
export interface PlaceOrderResult extends LedgerDecision {
  /** The order: new (accepted, filled or rejected), or the earlier one with this client order id. */
  readonly order: Order;
  /** True when an order with this client order id already existed; nothing changed then. */
  readonly duplicate: boolean;
  /** The fill, when the order executed at once. */
  readonly fill: Fill | null;
}

function checkFunds(
  state: LedgerState,
  req: PlaceOrderRequest,
  quantity: Decimal,
  price: Decimal,
): Refusal | undefined {
  if (req.side === OrderSide.Buy) {
    const cost = quantity.times(price);
    const power = buyingPower(state);
    if (cost.gt(power))
      return refuse(
        RejectReason.InsufficientBuyingPower,
        `the order needs ${format(cost)}; buying power is ${format(power)}`,
      );
    return undefined;
  }
  const free = sellableQuantity(state, req.symbol);
  if (quantity.gt(free))
    return refuse(
      RejectReason.InsufficientPosition,
      `selling ${format(quantity)} ${req.symbol} exceeds the ${format(free)} free to sell; short selling is not allowed`,
    );
  return undefined;
}

function newOrder(req: PlaceOrderRequest, ctx: MarketContext): Order {
  return {
    id: ctx.newId(),
    accountId: req.accountId,
    clientOrderId: req.clientOrderId,
    symbol: req.symbol,
    side: req.side,
    type: req.type,
    timeInForce: req.timeInForce,
    quantity: req.quantity,
    limitPrice: req.limitPrice ?? null,
    stopPrice: req.stopPrice ?? null,
    status: OrderStatus.Accepted,
    reason: null,
    filledQuantity: '0',
    averageFillPrice: null,
    expiresAt: req.timeInForce === TimeInForce.Day ? ctx.sessionClose : null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}

function rejected(state: LedgerState, order: Order, refusal: Refusal): PlaceOrderResult {
  const done: Order = {
    ...order,
    status: OrderStatus.Rejected,
    reason: `${refusal.reason}: ${refusal.message}`,
  };
  const changes = new ChangeRecorder();
  changes.order(done);
  return {
    ...changes.decide(withOrders(state, [done])),
    order: done,
    duplicate: false,
    fill: null,
  };
}

/**
 * Places an order: returns the existing order for a known client order id; otherwise validates,
 * checks the kill switch, limits and buying power, and records the order as rejected (with the
 * reason), filled at the current price when marketable, or accepted and working.
 */
export function placeOrder(
  state: LedgerState,
  req: PlaceOrderRequest,
  ctx: MarketContext,
): PlaceOrderResult {
  if (req.accountId !== state.account.id)
    throw new GatewayError(
      ErrorCode.InvalidParams,
      `order for ${req.accountId} given the state of ${state.account.id}`,
    );
  assertClientOrderId(req.clientOrderId);
  const existing = state.orders.find((o) => o.clientOrderId === req.clientOrderId);
  if (existing)
    return { ...new ChangeRecorder().decide(state), order: existing, duplicate: true, fill: null };
  const order = newOrder(req, ctx);
  const valid = validateRequest(req, ctx);
  if (isRefusal(valid)) return rejected(state, order, valid);
  const refusal =
    checkLimits(state, valid.quantity, valid.referencePrice, ctx.now) ??
    checkFunds(state, req, valid.quantity, valid.referencePrice);
  if (refusal) return rejected(state, order, refusal);
  const placed = withOrders(state, [order]);
  if (!isMarketable(order, valid.marketPrice)) {
    const changes = new ChangeRecorder();
    changes.order(order);
    return { ...changes.decide(placed), order, duplicate: false, fill: null };
  }
  const execution = execute(placed, order, valid.marketPrice, ctx);
  if (isRefusal(execution)) return rejected(state, order, execution);
  const changes = new ChangeRecorder();
  changes.order(execution.order);
  changes.fill(execution.fill, execution.position);
  return {
    ...changes.decide(execution.state),
    order: execution.order,
    duplicate: false,
    fill: execution.fill,
  };
}
