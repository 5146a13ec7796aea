/** Why the ledger refused an order or a cancel, or ended an order without a fill. */
export const RejectReason = {
  KillSwitch: 'kill_switch',
  InvalidSymbol: 'invalid_symbol',
  InvalidQuantity: 'invalid_quantity',
  InvalidPrice: 'invalid_price',
  PriceNotAllowed: 'price_not_allowed',
  NoMarketPrice: 'no_market_price',
  SessionClosed: 'session_closed',
  MaxOrderQuantity: 'max_order_quantity',
  MaxOrderNotional: 'max_order_notional',
  MaxOrdersPerDay: 'max_orders_per_day',
  MaxOrdersPerMinute: 'max_orders_per_minute',
  InsufficientBuyingPower: 'insufficient_buying_power',
  InsufficientPosition: 'insufficient_position',
  OrderNotFound: 'order_not_found',
  OrderNotWorking: 'order_not_working',
  CancelledByClient: 'cancelled_by_client',
  SessionEnded: 'session_ended',
} as const;
export type RejectReason = (typeof RejectReason)[keyof typeof RejectReason];

/** A refusal: a reason code and a sentence for people. */
export interface Refusal {
  readonly reason: RejectReason;
  readonly message: string;
}

/** Builds a {@link Refusal}. */
export function refuse(reason: RejectReason, message: string): Refusal {
  return { reason, message };
}

/** Whether a value is a {@link Refusal} rather than the result it stands in for. */
export function isRefusal<T extends object>(value: T | Refusal): value is Refusal {
  return 'reason' in value && 'message' in value && Object.keys(value).length === 2;
}
