import type { Order, OrderSide, OrderType, TimeInForce } from '@stockpulse/ledger';
import { SYMBOL_SCHEMA } from './tool-kit.js';
import { POSITIVE_DECIMAL_ARG } from './trading-schemas.js';

/** The order an order tool is asked about: the terms of a ledger order (decimal strings). */
export type OrderArgs = Pick<
  Order,
  'symbol' | 'side' | 'type' | 'timeInForce' | 'quantity' | 'limitPrice' | 'stopPrice'
>;

/** JSON Schema properties of an order's terms. */
export const ORDER_ARG_PROPERTIES = {
  symbol: SYMBOL_SCHEMA,
  side: { enum: ['buy', 'sell'] },
  quantity: { ...POSITIVE_DECIMAL_ARG, description: 'Shares, a decimal string, e.g. "10"' },
  type: { enum: ['market', 'limit', 'stop'], default: 'market' },
  limitPrice: { ...POSITIVE_DECIMAL_ARG, description: 'Limit price (limit orders only)' },
  stopPrice: { ...POSITIVE_DECIMAL_ARG, description: 'Stop price (stop orders only)' },
  timeInForce: {
    enum: ['day', 'gtc'],
    default: 'day',
    description: 'day: expires at the close; gtc: good till cancelled',
  },
} as const;

/** The order terms of validated arguments, with defaults and the symbol upper-cased. */
export function orderArgs(args: Record<string, unknown>): OrderArgs {
  const str = (k: string): string | null => (typeof args[k] === 'string' ? args[k] : null);
  return {
    symbol: String(args['symbol']).toUpperCase(),
    side: args['side'] as OrderSide,
    type: (str('type') ?? 'market') as OrderType,
    timeInForce: (str('timeInForce') ?? 'day') as TimeInForce,
    quantity: String(args['quantity']),
    limitPrice: str('limitPrice'),
    stopPrice: str('stopPrice'),
  };
}

/** A short description of an order's terms, e.g. `buy 10 AAPL limit 190 (day)`. */
export function describeOrder(o: OrderArgs): string {
  const price =
    o.type === 'limit' ? ` limit ${o.limitPrice}` : o.type === 'stop' ? ` stop ${o.stopPrice}` : '';
  return `${o.side} ${o.quantity} ${o.symbol} ${o.type}${price} (${o.timeInForce})`;
}
