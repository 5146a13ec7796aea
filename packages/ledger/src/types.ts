/**
 * The ledger's data: plain, JSON-ready records whose amounts are decimal strings. The same
 * shapes are what `@stockpulse/db` stores, so a decision applies without translation.
 */

/** Which way an order trades. */
export const OrderSide = { Buy: 'buy', Sell: 'sell' } as const;
export type OrderSide = (typeof OrderSide)[keyof typeof OrderSide];

/** How an order is priced: at the market, at a limit or better, or at the market once a stop trades. */
export const OrderType = { Market: 'market', Limit: 'limit', Stop: 'stop' } as const;
export type OrderType = (typeof OrderType)[keyof typeof OrderType];

/** How long an order works: until the session close, or until cancelled. */
export const TimeInForce = { Day: 'day', Gtc: 'gtc' } as const;
export type TimeInForce = (typeof TimeInForce)[keyof typeof TimeInForce];

/** Where an order is. Only `accepted` is working; every other status is final. */
export const OrderStatus = {
  Accepted: 'accepted',
  Filled: 'filled',
  Cancelled: 'cancelled',
  Rejected: 'rejected',
  Expired: 'expired',
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

/** Per-account limits; `null` means no limit. */
export interface AccountLimits {
  readonly maxOrderQuantity: string | null;
  readonly maxOrderNotional: string | null;
  readonly maxOrdersPerDay: number | null;
  readonly maxOrdersPerMinute: number | null;
}

/** A paper-trading account. `cash` is never negative. */
export interface Account {
  readonly id: string;
  readonly cash: string;
  readonly limits: AccountLimits;
  /** The operator's kill switch: while engaged every new order is rejected. */
  readonly killSwitch: boolean;
}

/** A holding. `quantity` is never negative; short selling is not modelled. */
export interface Position {
  readonly accountId: string;
  readonly symbol: string;
  readonly quantity: string;
  /** Average cost of the held quantity (rounded to 10 places); "0" when flat. */
  readonly averageCost: string;
  /** Profit realized by sells against the average cost. */
  readonly realizedPnl: string;
  readonly updatedAt: string;
}

/** An order. `clientOrderId` is unique per account. Fills are all-or-nothing. */
export interface Order {
  readonly id: string;
  readonly accountId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly quantity: string;
  readonly limitPrice: string | null;
  readonly stopPrice: string | null;
  readonly status: OrderStatus;
  /** Why the order was rejected, cancelled or expired; null while working or once filled. */
  readonly reason: string | null;
  readonly filledQuantity: string;
  readonly averageFillPrice: string | null;
  /** When a day order expires (the session close); null for good-till-cancelled. */
  readonly expiresAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** An execution: `notional` = `quantity` × `price`, exactly. */
export interface Fill {
  readonly id: string;
  readonly orderId: string;
  readonly accountId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly quantity: string;
  readonly price: string;
  readonly notional: string;
  readonly at: string;
}

/**
 * What a decision reads: the account, its positions, and its orders: every working one, every
 * one since {@link orderWindowStart}, and the one with the client order id being placed.
 */
export interface LedgerState {
  readonly account: Account;
  readonly positions: readonly Position[];
  readonly orders: readonly Order[];
}

/** What a decision writes: the new cash, and the orders, fills and positions it made or changed. */
export interface LedgerChanges {
  readonly cash: string;
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
  readonly positions: readonly Position[];
}

/** Current prices: a symbol's last price as a decimal string, or undefined when unknown. */
export type PriceSource = (symbol: string) => string | undefined;

/** What a decision knows of the world: the time, prices, the session close, and id minting. */
export interface MarketContext {
  /** Now, ISO 8601. */
  readonly now: string;
  readonly price: PriceSource;
  /** The close of the current session, ISO 8601; day orders expire then. */
  readonly sessionClose: string;
  /** Mints unique ids for orders and fills. */
  readonly newId: () => string;
}
