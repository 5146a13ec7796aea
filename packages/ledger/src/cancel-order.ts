import { ChangeRecorder, type LedgerDecision } from './ledger-decision.js';
import { withOrders } from './order-book.js';
import { refuse, RejectReason, type Refusal } from './reject-reason.js';
import { OrderStatus, type LedgerState, type MarketContext, type Order } from './types.js';

/** The outcome of a cancel: the cancelled order, or why it could not be cancelled. */
export type CancelOrderResult =
  | (LedgerDecision & { readonly ok: true; readonly order: Order })
  | (LedgerDecision & { readonly ok: false; readonly refusal: Refusal });

/**
 * Cancels a working order by its id. A final order (filled, cancelled, rejected, expired) is
 * refused with `order_not_working` and left unchanged; a cancelled order never fills.
 */
export function cancelOrder(
  state: LedgerState,
  orderId: string,
  ctx: Pick<MarketContext, 'now'>,
): CancelOrderResult {
  const order = state.orders.find((o) => o.id === orderId);
  const unchanged = new ChangeRecorder().decide(state);
  if (!order)
    return {
      ...unchanged,
      ok: false,
      refusal: refuse(RejectReason.OrderNotFound, `no order ${orderId} on this account`),
    };
  if (order.status !== OrderStatus.Accepted)
    return {
      ...unchanged,
      ok: false,
      refusal: refuse(RejectReason.OrderNotWorking, `order ${orderId} is ${order.status}`),
    };
  const cancelled: Order = {
    ...order,
    status: OrderStatus.Cancelled,
    reason: `${RejectReason.CancelledByClient}: cancelled on request`,
    updatedAt: ctx.now,
  };
  const changes = new ChangeRecorder();
  changes.order(cancelled);
  return { ...changes.decide(withOrders(state, [cancelled])), ok: true, order: cancelled };
}
