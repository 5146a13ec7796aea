import { Decimal } from '@stockpulse/ledger';
import type { Order } from '@stockpulse/ledger';

/** JSON Schema of a decimal string (any scale, optional sign): money and quantities. */
export const DECIMAL_SCHEMA = { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' } as const;

/** JSON Schema of a positive decimal argument of at most 8 places, as the ledger accepts. */
export const POSITIVE_DECIMAL_ARG = {
  type: 'string',
  pattern: '^(0|[1-9]\\d{0,14})(\\.\\d{1,8})?$',
} as const;

/** JSON Schema of a decimal that may be null. */
export const NULLABLE_DECIMAL = {
  type: ['string', 'null'],
  pattern: '^-?\\d+(\\.\\d+)?$',
} as const;

/** Annotations of a tool that reads the caller's own account (open world: no; idempotent). */
export const ACCOUNT_READ_ANNOTATIONS = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
} as const;

/** Annotations of the tools that change or remove something, safely repeatable. */
export const DESTRUCTIVE_ANNOTATIONS = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: false,
} as const;

/** The terms of an order, as orders and previews show them. */
export const ORDER_TERMS_PROPERTIES = {
  side: { enum: ['buy', 'sell'] },
  type: { enum: ['market', 'limit', 'stop'] },
  timeInForce: { enum: ['day', 'gtc'] },
  quantity: DECIMAL_SCHEMA,
  limitPrice: NULLABLE_DECIMAL,
  stopPrice: NULLABLE_DECIMAL,
} as const;

/** JSON Schema of an order as the trading tools return it. */
export const ORDER_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    clientOrderId: { type: 'string' },
    symbol: { type: 'string' },
    ...ORDER_TERMS_PROPERTIES,
    status: { enum: ['accepted', 'filled', 'cancelled', 'rejected', 'expired'] },
    reason: { type: ['string', 'null'] },
    filledQuantity: DECIMAL_SCHEMA,
    averageFillPrice: NULLABLE_DECIMAL,
    expiresAt: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
  required: ['id', 'clientOrderId', 'symbol', 'side', 'type', 'quantity', 'status'],
} as const;

/** JSON Schema of a fill. */
export const FILL_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    orderId: { type: 'string' },
    symbol: { type: 'string' },
    side: { enum: ['buy', 'sell'] },
    quantity: DECIMAL_SCHEMA,
    price: DECIMAL_SCHEMA,
    notional: DECIMAL_SCHEMA,
    at: { type: 'string' },
  },
  required: ['id', 'orderId', 'symbol', 'side', 'quantity', 'price', 'notional', 'at'],
} as const;

/** A decimal rounded half-even to cents, as a two-place string. */
export function cents(value: Decimal | string): string {
  return new Decimal(value).toDecimalPlaces(2).toFixed(2);
}

/** An order as plain JSON (the ledger's records are already JSON-ready). */
export function orderJson(order: Order): Record<string, unknown> {
  return { ...order };
}

/** One line describing an order, for text forms. */
export function orderLine(o: Order): string {
  const price =
    o.type === 'limit' ? ` limit ${o.limitPrice}` : o.type === 'stop' ? ` stop ${o.stopPrice}` : '';
  const fill = o.averageFillPrice ? ` @ ${o.averageFillPrice}` : '';
  const why = o.reason ? ` (${o.reason})` : '';
  return `${o.id} [${o.clientOrderId}] ${o.side} ${o.quantity} ${o.symbol} ${o.type}${price} ${o.timeInForce}: ${o.status}${fill}${why}`;
}
