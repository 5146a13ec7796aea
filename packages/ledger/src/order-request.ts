import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import { Decimal, parsePositive } from './decimal.js';
import { refuse, RejectReason, type Refusal } from './reject-reason.js';
import { OrderType, TimeInForce, type MarketContext, type OrderSide } from './types.js';

/** A request to place an order. Prices and quantity are decimal strings. */
export interface PlaceOrderRequest {
  readonly accountId: string;
  /** The caller's id for the order; placing again with the same id returns the first order. */
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly quantity: string;
  readonly limitPrice?: string | undefined;
  readonly stopPrice?: string | undefined;
}

/** A request that passed validation, with its numbers parsed. */
export interface ValidOrderRequest {
  readonly quantity: Decimal;
  /** The current price of the symbol. */
  readonly marketPrice: Decimal;
  /** The price an order is judged by for limits and reservations: market, limit or stop. */
  readonly referencePrice: Decimal;
}

const SYMBOL = /^[A-Z0-9][A-Z0-9.-]{0,15}$/;
const CLIENT_ORDER_ID = /^[\x21-\x7e]{1,64}$/;

/** Throws `invalid_params` when the client order id cannot identify an order (1-64 visible ASCII). */
export function assertClientOrderId(id: string): void {
  if (!CLIENT_ORDER_ID.test(id))
    throw new GatewayError(
      ErrorCode.InvalidParams,
      'client order id must be 1-64 visible ASCII characters',
    );
}

function checkPrices(req: PlaceOrderRequest): Refusal | undefined {
  const wantsLimit = req.type === OrderType.Limit;
  const wantsStop = req.type === OrderType.Stop;
  if ((req.limitPrice !== undefined) !== wantsLimit || (req.stopPrice !== undefined) !== wantsStop)
    return refuse(
      RejectReason.PriceNotAllowed,
      `a ${req.type} order takes ${wantsLimit ? 'a limit price only' : wantsStop ? 'a stop price only' : 'no price'}`,
    );
  const given = req.limitPrice ?? req.stopPrice;
  if (given !== undefined && parsePositive(given) === undefined)
    return refuse(
      RejectReason.InvalidPrice,
      `price ${given} is not a positive decimal of at most 8 places`,
    );
  return undefined;
}

/**
 * Validates the shape of a request against the market: symbol, quantity, prices, the session,
 * and a known market price. Limits and buying power are checked elsewhere.
 */
export function validateRequest(
  req: PlaceOrderRequest,
  ctx: MarketContext,
): ValidOrderRequest | Refusal {
  if (!SYMBOL.test(req.symbol))
    return refuse(RejectReason.InvalidSymbol, `symbol ${req.symbol} is not a ticker`);
  const quantity = parsePositive(req.quantity);
  if (quantity === undefined)
    return refuse(
      RejectReason.InvalidQuantity,
      `quantity ${req.quantity} is not a positive decimal of at most 8 places`,
    );
  const priceRefusal = checkPrices(req);
  if (priceRefusal) return priceRefusal;
  if (req.timeInForce === TimeInForce.Day && Date.parse(ctx.now) >= Date.parse(ctx.sessionClose))
    return refuse(
      RejectReason.SessionClosed,
      'the session has closed; day orders are not accepted',
    );
  const quoted = ctx.price(req.symbol);
  const marketPrice = quoted === undefined ? undefined : parsePositive(quoted);
  if (marketPrice === undefined)
    return refuse(RejectReason.NoMarketPrice, `no market price for ${req.symbol}`);
  const referencePrice = new Decimal(req.limitPrice ?? req.stopPrice ?? marketPrice);
  return { quantity, marketPrice, referencePrice };
}
