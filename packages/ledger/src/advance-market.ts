import { parsePositive } from './decimal.js';
import { execute, isMarketable } from './fill-engine.js';
import { ChangeRecorder, type LedgerDecision } from './ledger-decision.js';
import { withOrders, workingOrders } from './order-book.js';
import { isRefusal, RejectReason } from './reject-reason.js';
import { OrderStatus, type LedgerState, type MarketContext, type Order } from './types.js';

function expired(order: Order, now: string): boolean {
  return order.expiresAt !== null && Date.parse(now) >= Date.parse(order.expiresAt);
}

/**
 * Works the account's resting orders against the market, oldest first: a day order at or past
 * its session close expires; a marketable order fills at the current price; a triggered stop
 * buy that the cash cannot pay for is cancelled with `insufficient_buying_power`. Orders whose
 * symbol has no price wait.
 */
export function advanceMarket(state: LedgerState, ctx: MarketContext): LedgerDecision {
  const changes = new ChangeRecorder();
  let current = state;
  const resting = [...workingOrders(state)].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const order of resting) {
    if (expired(order, ctx.now)) {
      const done: Order = {
        ...order,
        status: OrderStatus.Expired,
        reason: `${RejectReason.SessionEnded}: the day order expired at the close`,
        updatedAt: ctx.now,
      };
      changes.order(done);
      current = withOrders(current, [done]);
      continue;
    }
    const quoted = ctx.price(order.symbol);
    const price = quoted === undefined ? undefined : parsePositive(quoted);
    if (price === undefined || !isMarketable(order, price)) continue;
    const execution = execute(current, order, price, ctx);
    if (isRefusal(execution)) {
      const done: Order = {
        ...order,
        status: OrderStatus.Cancelled,
        reason: `${execution.reason}: ${execution.message}`,
        updatedAt: ctx.now,
      };
      changes.order(done);
      current = withOrders(current, [done]);
      continue;
    }
    changes.order(execution.order);
    changes.fill(execution.fill, execution.position);
    current = execution.state;
  }
  return changes.decide(current);
}
