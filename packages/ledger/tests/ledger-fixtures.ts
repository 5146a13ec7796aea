import {
  openAccount,
  OrderSide,
  OrderType,
  TimeInForce,
  type AccountLimits,
  type LedgerState,
  type MarketContext,
  type PlaceOrderRequest,
} from '../src/index.js';

/** The session close the fixtures trade in. */
export const CLOSE = '2026-03-02T21:00:00.000Z';
/** A time inside the session. */
export const OPEN = '2026-03-02T15:00:00.000Z';

/** A market context with fixed prices, a counter for ids, and `now`. */
export function market(
  prices: Record<string, string>,
  now = OPEN,
  counter = { n: 0 },
): MarketContext {
  return {
    now,
    price: (symbol) => prices[symbol],
    sessionClose: CLOSE,
    newId: () => `id-${(counter.n += 1)}`,
  };
}

/** A fresh account `acc` with this cash and limits. */
export function account(cash = '10000', limits: Partial<AccountLimits> = {}): LedgerState {
  return openAccount({ id: 'acc', cash, limits });
}

/** A day market buy of `quantity` AAPL under `clientOrderId`, with overrides. */
export function request(
  clientOrderId: string,
  fields: Partial<PlaceOrderRequest> = {},
): PlaceOrderRequest {
  return {
    accountId: 'acc',
    clientOrderId,
    symbol: 'AAPL',
    side: OrderSide.Buy,
    type: OrderType.Market,
    timeInForce: TimeInForce.Day,
    quantity: '10',
    ...fields,
  };
}
