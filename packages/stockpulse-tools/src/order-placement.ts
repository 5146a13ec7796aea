import { createHash } from 'node:crypto';
import type { ToolResult } from '@stockpulse/protocol';
import type { ToolContext } from '@stockpulse/tool-service';
import { orderWindowStart, placeOrder, type Fill, type Order } from '@stockpulse/ledger';
import { toolOk } from './tool-kit.js';
import type { ResolvedTradingOptions, TradingDeps } from './trading-deps.js';
import { orderLine } from './trading-schemas.js';
import { marketView, settleAccount, type MarketView } from './trading-market.js';
import type { OrderArgs } from './order-args.js';
import { driftPercent } from './preview-binding.js';

/** The `consent` of a placement answered from an earlier one: nobody was asked. */
export const NOT_ASKED = 'not_asked';

/** The idempotency key of a placement: account and client order id, hashed to KV-safe text. */
export function idempotencyKey(accountId: string, clientOrderId: string): string {
  const digest = createHash('sha256').update(JSON.stringify([accountId, clientOrderId]));
  return `order.${digest.digest('hex')}`;
}

/** What the idempotency store holds for a placement. */
interface IdempotencyRecord {
  readonly state: 'pending' | 'done';
  readonly at: string;
  readonly result?: Record<string, unknown>;
}

/** One placement: whose, under which ids, and its idempotency key. */
export interface Placement {
  readonly accountId: string;
  readonly clientOrderId: string;
  readonly previewId: string;
  readonly key: string;
}

/** The result of a placed (or earlier placed) order. */
export function placedResult(
  order: Order,
  fill: Fill | null,
  extra: { duplicate: boolean; consent: string; previewId: string },
): ToolResult {
  const head = extra.duplicate
    ? `Order ${order.clientOrderId} was already placed; nothing new was done.`
    : order.status === 'rejected'
      ? 'The ledger rejected the order.'
      : 'Order placed.';
  const data = { placed: true, ...extra, clientOrderId: order.clientOrderId, order, fill };
  return toolOk(`${head}\n${orderLine(order)}`, data);
}

async function existingResult(deps: TradingDeps, p: Placement, order: Order): Promise<ToolResult> {
  const fill = (await deps.ledger.listFills(p.accountId)).find((f) => f.orderId === order.id);
  return placedResult(order, fill ?? null, {
    duplicate: true,
    consent: NOT_ASKED,
    previewId: p.previewId,
  });
}

/**
 * The answer of an earlier placement with this client order id, or null: the recorded result
 * of a finished one, or the ledger's order of one that committed but never answered (a worker
 * that died after the fill, a lost reply).
 */
export async function priorPlacement(deps: TradingDeps, p: Placement): Promise<ToolResult | null> {
  const recorded = await deps.idempotency.get(p.key);
  const record = recorded === null ? null : (JSON.parse(recorded) as IdempotencyRecord);
  if (record?.state === 'done' && record.result) {
    const order = record.result['order'] as Order;
    const text = `Order ${p.clientOrderId} was already placed; nothing new was done.\n${orderLine(order)}`;
    return toolOk(text, { ...record.result, duplicate: true, consent: NOT_ASKED });
  }
  const existing = await deps.ledger.findOrderByClientId(p.accountId, p.clientOrderId);
  return existing ? existingResult(deps, p, existing) : null;
}

/** Why the order cannot be placed on the market now (closed, no price, drift), or null. */
export async function marketCheck(
  deps: TradingDeps,
  options: ResolvedTradingOptions,
  terms: OrderArgs,
  previewPrice: string,
): Promise<{ view: MarketView; refusal: string | null }> {
  const view = await marketView(deps, [terms.symbol]);
  if (!view.open)
    return { view, refusal: `The market is closed (${view.ctx.now}); the order was not placed.` };
  const price = view.prices.get(terms.symbol);
  if (price === undefined) return { view, refusal: `No price for ${terms.symbol}.` };
  const drift = driftPercent(previewPrice, price);
  if (drift.gt(options.maxDriftPercent))
    return {
      view,
      refusal: `The price of ${terms.symbol} moved ${drift.toDecimalPlaces(2).toFixed(2)}% since the preview (${previewPrice} → ${price}), more than ${options.maxDriftPercent}%; preview again.`,
    };
  return { view, refusal: null };
}

/**
 * Places a consented order: claims the idempotency key, works the account's resting orders,
 * places through the ledger (whose unique client order id decides between concurrent
 * placements), audits durably, runs the crash hook, and records the result for retries.
 */
export async function commitPlacement(
  deps: TradingDeps,
  ctx: ToolContext,
  p: Placement,
  terms: OrderArgs,
  view: MarketView,
  consent: string,
): Promise<ToolResult> {
  const claimed: IdempotencyRecord = { state: 'pending', at: new Date().toISOString() };
  // Losing this claim to a concurrent placement is fine: the ledger's uniqueness decides.
  await deps.idempotency.create(p.key, JSON.stringify(claimed));
  await settleAccount(deps, p.accountId);
  const request = {
    ...terms,
    accountId: p.accountId,
    clientOrderId: p.clientOrderId,
    limitPrice: terms.limitPrice ?? undefined,
    stopPrice: terms.stopPrice ?? undefined,
  };
  const scope = { since: orderWindowStart(view.ctx.now), clientOrderId: p.clientOrderId };
  const stored = await deps.ledger.transact(p.accountId, scope, (state) => {
    const r = placeOrder(state, request, view.ctx);
    return { changes: r.changes, result: r };
  });
  if (stored.kind === 'duplicate') return existingResult(deps, p, stored.order);
  if (stored.result.duplicate) return existingResult(deps, p, stored.result.order);
  const { order, fill } = stored.result;
  await deps.audit({
    kind: 'call',
    action: 'order',
    outcome: order.status === 'rejected' ? 'tool_error' : 'ok',
    principalId: ctx.principalId,
    sessionId: ctx.sessionId,
    requestId: ctx.requestId,
    target: 'place_order',
    data: {
      orderId: order.id,
      clientOrderId: p.clientOrderId,
      previewId: p.previewId,
      status: order.status,
      consent,
    },
  });
  deps.afterOrderCommit?.();
  const result = placedResult(order, fill, { duplicate: false, consent, previewId: p.previewId });
  const done: IdempotencyRecord = {
    state: 'done',
    at: new Date().toISOString(),
    result: result.structuredContent,
  };
  try {
    await deps.idempotency.put(p.key, JSON.stringify(done));
  } catch {
    // The order stands in the ledger, which answers a retry just as well; the reply must not
    // turn a placed order into an error the caller might act on.
  }
  return result;
}
