import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import type { ToolContext } from '@stockpulse/tool-service';
import { callTool, OPEN_INSTANT, testContext, textOf } from '../tests/call-tool.js';
import { tradingFixture, type TradingFixture } from '../tests/trading-fixture.js';
import { cancelOrderTool } from './cancel-order.js';
import { idempotencyKey, placeOrderTool } from './place-order.js';
import { previewOrderTool } from './preview-order.js';

let f: TradingFixture;
let n = 0;
let principal: string;

beforeAll(async () => {
  f = await tradingFixture({ consentTimeoutMs: 2000 });
});
afterAll(async () => {
  await f.close();
});
beforeEach(() => {
  n += 1;
  principal = `trader-${n}`;
  f.provider.at = OPEN_INSTANT;
  f.provider.scale = '1';
});

/** A context of this test's principal whose client answers consent with `answer`. */
function ctxAnswering(answer: Record<string, unknown> | Error): ToolContext {
  return testContext({
    principalId: principal,
    ask: () => (answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer)),
  });
}
const accept = { action: 'accept', content: { confirm: true } };

/** The structured result of a placement. */
type Placed = { order: { id: string } };

async function preview(args: Record<string, unknown>) {
  const r = await callTool(previewOrderTool(f.deps), args, ctxAnswering(accept));
  expect(r.isError, JSON.stringify(r.content)).toBeUndefined();
  return r.structuredContent as Record<string, string>;
}

describe('preview_order and place_order', () => {
  it('previews with the current price, then places and fills a market buy after consent', async () => {
    const pv = await preview({ symbol: 'aapl', side: 'buy', quantity: '10' });
    expect(pv).toMatchObject({ symbol: 'AAPL', side: 'buy', type: 'market', marketable: true });
    const place = placeOrderTool(f.deps);
    const r = await callTool(place, { previewId: pv['previewId'] }, ctxAnswering(accept));
    expect(r.isError).toBeUndefined();
    const data = r.structuredContent as Record<string, unknown>;
    expect(data).toMatchObject({ placed: true, consent: 'accepted', duplicate: false });
    expect(data['order']).toMatchObject({ status: 'filled', clientOrderId: pv['previewId'] });
    expect(data['fill']).toMatchObject({ price: pv['price'], quantity: '10' });
    expect(f.audits.at(-1)).toMatchObject({
      action: 'order',
      target: 'place_order',
      outcome: 'ok',
    });
    const account = await f.deps.ledger.getAccount(principal);
    expect(account?.cash).toBe(String(100000 - 10 * Number(pv['price'])));
  });

  it('never places a second order for the same client order id, and does not ask again', async () => {
    const pv = await preview({ symbol: 'MSFT', side: 'buy', quantity: '1' });
    const place = placeOrderTool(f.deps);
    const args = { previewId: pv['previewId'], clientOrderId: 'my-order-1' };
    const first = await callTool(place, args, ctxAnswering(accept));
    let asked = 0;
    const again = testContext({
      principalId: principal,
      ask: () => {
        asked += 1;
        return Promise.resolve(accept);
      },
    });
    const second = await callTool(place, args, again);
    expect(asked).toBe(0);
    expect(second.structuredContent).toMatchObject({ duplicate: true, consent: 'not_asked' });
    const o1 = (first.structuredContent as Placed).order;
    expect((second.structuredContent as Placed).order.id).toBe(o1.id);
    // The ledger alone (an idempotency record lost, or a worker that died before writing it).
    f.idempotency.data.delete(idempotencyKey(principal, 'my-order-1'));
    const third = await callTool(place, args, again);
    expect((third.structuredContent as Placed).order.id).toBe(o1.id);
    expect(asked).toBe(0);
    expect(await f.deps.ledger.listOrders(principal)).toHaveLength(1);
    expect(await f.deps.ledger.listFills(principal)).toHaveLength(1);
  });

  it('refuses terms that differ from the preview, and unknown previews', async () => {
    const pv = await preview({
      symbol: 'NVDA',
      side: 'buy',
      quantity: '2',
      type: 'limit',
      limitPrice: '1',
    });
    const place = placeOrderTool(f.deps);
    const r = await callTool(
      place,
      { previewId: pv['previewId'], quantity: '3' },
      ctxAnswering(accept),
    );
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('quantity: 3 ≠ previewed 2');
    const p = await callTool(
      place,
      { previewId: pv['previewId'], limitPrice: '1.5' },
      ctxAnswering(accept),
    );
    expect(textOf(p)).toContain('limitPrice');
    // The same value written differently is the same term.
    const same = await callTool(
      place,
      { previewId: pv['previewId'], quantity: '2.00', limitPrice: '1.0', symbol: 'nvda' },
      ctxAnswering(accept),
    );
    expect(same.structuredContent).toMatchObject({ placed: true, order: { status: 'accepted' } });
    const unknown = await callTool(place, { previewId: 'pv_nope' }, ctxAnswering(accept));
    expect(textOf(unknown)).toContain('Unknown or expired preview');
  });

  it("refuses another account's preview", async () => {
    const pv = await preview({ symbol: 'AAPL', side: 'buy', quantity: '1' });
    const other = testContext({
      principalId: `${principal}-other`,
      ask: () => Promise.resolve(accept),
    });
    const r = await callTool(placeOrderTool(f.deps), { previewId: pv['previewId'] }, other);
    expect(textOf(r)).toContain('Unknown or expired preview');
    expect(await f.deps.ledger.listOrders(`${principal}-other`)).toHaveLength(0);
  });

  it('refuses an expired preview', async () => {
    const pv = await preview({ symbol: 'AAPL', side: 'buy', quantity: '1' });
    f.provider.at = new Date(OPEN_INSTANT.getTime() + 6 * 60_000);
    const r = await callTool(
      placeOrderTool(f.deps),
      { previewId: pv['previewId'] },
      ctxAnswering(accept),
    );
    expect(textOf(r)).toContain('Unknown or expired preview');
  });

  it('refuses when the price moved more than the bound since the preview', async () => {
    const pv = await preview({ symbol: 'AAPL', side: 'buy', quantity: '1' });
    f.provider.scale = '1.03';
    const place = placeOrderTool(f.deps);
    const r = await callTool(place, { previewId: pv['previewId'] }, ctxAnswering(accept));
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/moved 3\.\d\d% since the preview/);
    f.provider.scale = '1.015';
    const ok = await callTool(place, { previewId: pv['previewId'] }, ctxAnswering(accept));
    expect(ok.structuredContent).toMatchObject({ placed: true });
  });

  it('places nothing when the user declines, cancels or does not answer', async () => {
    const place = placeOrderTool(f.deps);
    const answers: Array<[Record<string, unknown> | Error, string]> = [
      [{ action: 'decline' }, 'declined'],
      [{ action: 'cancel' }, 'cancelled'],
      [new GatewayError(ErrorCode.DeadlineExceeded, 'no answer'), 'timeout'],
    ];
    for (const [answer, outcome] of answers) {
      const pv = await preview({ symbol: 'KO', side: 'buy', quantity: '1' });
      const r = await callTool(place, { previewId: pv['previewId'] }, ctxAnswering(answer));
      expect(r.isError).toBeUndefined();
      expect(r.structuredContent).toMatchObject({ placed: false, consent: outcome });
    }
    expect(await f.deps.ledger.listOrders(principal)).toHaveLength(0);
  });

  it('refuses with a tool error when the client cannot be asked, unless a grant stands', async () => {
    const pv = await preview({ symbol: 'KO', side: 'buy', quantity: '1' });
    const place = placeOrderTool(f.deps);
    const noElicitation = new GatewayError(
      ErrorCode.Forbidden,
      'the client does not support elicitation',
    );
    const r = await callTool(place, { previewId: pv['previewId'] }, ctxAnswering(noElicitation));
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('needs your consent');
    await f.deps.consentGrants.grant({
      principalId: principal,
      tool: 'place_order',
      grantedBy: 'ops',
    });
    const g = await callTool(place, { previewId: pv['previewId'] }, ctxAnswering(noElicitation));
    expect(g.structuredContent).toMatchObject({ placed: true, consent: 'granted' });
  });

  it('refuses orders while the market is closed', async () => {
    f.provider.at = new Date('2026-03-10T22:00:00Z');
    const r = await callTool(
      previewOrderTool(f.deps),
      { symbol: 'AAPL', side: 'buy', quantity: '1' },
      ctxAnswering(accept),
    );
    expect(textOf(r)).toContain('market is closed');
  });

  it('previews an order the ledger would reject as a tool error', async () => {
    const r = await callTool(
      previewOrderTool(f.deps),
      { symbol: 'AAPL', side: 'sell', quantity: '1' },
      ctxAnswering(accept),
    );
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('insufficient_position');
  });

  it('expires a resting day order at the close', async () => {
    const pv = await preview({
      symbol: 'AAPL',
      side: 'buy',
      quantity: '1',
      type: 'limit',
      limitPrice: '1',
    });
    const r = await callTool(
      placeOrderTool(f.deps),
      { previewId: pv['previewId'] },
      ctxAnswering(accept),
    );
    expect(r.structuredContent).toMatchObject({ order: { status: 'accepted' } });
    f.provider.at = new Date('2026-03-10T20:30:00Z');
    const pv2 = await callTool(
      previewOrderTool(f.deps),
      { symbol: 'AAPL', side: 'buy', quantity: '1' },
      ctxAnswering(accept),
    );
    expect(pv2.isError).toBe(true);
    const orders = await f.deps.ledger.listOrders(principal);
    expect(orders[0]).toMatchObject({ status: 'expired' });
  });
});

describe('cancel_order', () => {
  it('cancels a working order after consent, and refuses a final one', async () => {
    const pv = await preview({
      symbol: 'AAPL',
      side: 'buy',
      quantity: '1',
      type: 'limit',
      limitPrice: '1',
      timeInForce: 'gtc',
    });
    const placed = await callTool(
      placeOrderTool(f.deps),
      { previewId: pv['previewId'] },
      ctxAnswering(accept),
    );
    const orderId = (placed.structuredContent as Placed).order.id;
    const cancel = cancelOrderTool(f.deps);
    const declined = await callTool(cancel, { orderId }, ctxAnswering({ action: 'decline' }));
    expect(declined.structuredContent).toMatchObject({ cancelled: false, consent: 'declined' });
    const r = await callTool(cancel, { orderId }, ctxAnswering(accept));
    expect(r.structuredContent).toMatchObject({ cancelled: true, order: { status: 'cancelled' } });
    const again = await callTool(cancel, { orderId }, ctxAnswering(accept));
    expect(again.isError).toBe(true);
    expect(textOf(again)).toContain('only working orders');
    expect(
      f.audits.filter((a) => a.target === 'cancel_order').map((a) => a.data?.['consent']),
    ).toEqual(['declined', 'accepted', 'accepted']);
  });
});
