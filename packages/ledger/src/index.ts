export { Decimal, MAX_SCALE, AVERAGE_COST_SCALE, parsePositive, format, sum } from './decimal.js';
export {
  OrderSide,
  OrderType,
  TimeInForce,
  OrderStatus,
  type AccountLimits,
  type Account,
  type Position,
  type Order,
  type Fill,
  type LedgerState,
  type LedgerChanges,
  type PriceSource,
  type MarketContext,
} from './types.js';
export { RejectReason, isRefusal, type Refusal } from './reject-reason.js';
export { type LedgerDecision } from './ledger-decision.js';
export { placeOrder, type PlaceOrderResult } from './place-order.js';
export { type PlaceOrderRequest } from './order-request.js';
export { cancelOrder, type CancelOrderResult } from './cancel-order.js';
export { advanceMarket } from './advance-market.js';
export { openAccount, applyChanges, type OpenAccountRequest } from './ledger-state.js';
export { orderWindowStart, noLimits } from './limits-check.js';
export { buyingPower, sellableQuantity, workingOrders } from './order-book.js';
export { isMarketable } from './fill-engine.js';
