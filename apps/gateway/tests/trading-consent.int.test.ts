import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAuditRepository,
  createConsentGrantRepository,
  createDatabase,
  type Database,
} from '@stockpulse/db';
import type { Gateway } from '../src/gateway.js';
import { createHarness, mcpHeaders, type Harness } from './harness.js';
import { callTool, MARKET_OPEN_START, previewId, tradingClient } from './trading-harness.js';

/**
 * Consent for place_order and cancel_order through the real path: the official SDK client,
 * the edge, NATS, the tool service, Postgres. A client that declares elicitation is asked and
 * its accept, decline, cancel or silence decides; one that does not is refused unless its
 * principal holds a standing grant. Every outcome is in the audit trail.
 */

let h: Harness;
let gw: Gateway;
let db: Database;
let principal: string;

beforeAll(async () => {
  h = await createHarness();
  gw = await h.start('all', {
    MARKET_CLOCK_START: MARKET_OPEN_START,
    CONSENT_TIMEOUT_MS: '700',
    CALL_TIMEOUT_MS: '8000',
  });
  db = await createDatabase({ url: h.db.url });
  const { client } = await tradingClient(gw.mcpUrl!);
  principal = (await callTool(client, 'get_account', {})).data['accountId'] as string;
  await client.close();
});

afterAll(async () => {
  await db?.destroy();
  await h?.stop();
});

describe('consent for orders with a client that declares elicitation', () => {
  it('accept: the user is asked with a confirm form, and the order is placed', async () => {
    const { client, asked } = await tradingClient(gw.mcpUrl!, {
      action: 'accept',
      content: { confirm: true },
    });
    const id = await previewId(client, { symbol: 'AAPL', side: 'buy', quantity: '2' });
    const { result, data } = await callTool(client, 'place_order', { previewId: id });
    expect(result.isError).toBeFalsy();
    expect(data).toMatchObject({ placed: true, consent: 'accepted', order: { status: 'filled' } });
    expect(asked).toHaveLength(1);
    expect(asked[0]!.message).toContain('buy 2 AAPL market');
    expect(asked[0]!.params).toMatchObject({
      mode: 'form',
      requestedSchema: { properties: { confirm: { type: 'boolean' } }, required: ['confirm'] },
    });
    await client.close();
  });

  it('decline and cancel place nothing and are normal results', async () => {
    for (const action of ['decline', 'cancel'] as const) {
      const { client, asked } = await tradingClient(gw.mcpUrl!, { action });
      const id = await previewId(client);
      const { result, data } = await callTool(client, 'place_order', { previewId: id });
      expect(result.isError).toBeFalsy();
      expect(data).toMatchObject({
        placed: false,
        consent: `${action}d`.replace('cancel', 'cancelle'),
      });
      expect(asked).toHaveLength(1);
      const orders = await callTool(client, 'list_orders', {});
      expect(
        (orders.data['orders'] as { clientOrderId: string }[]).map((o) => o.clientOrderId),
      ).not.toContain(id);
      await client.close();
    }
  });

  it('timeout: a user who never answers places nothing, within the call', async () => {
    const { client, asked } = await tradingClient(gw.mcpUrl!, 'never');
    const id = await previewId(client);
    const started = Date.now();
    const { result, data } = await callTool(client, 'place_order', { previewId: id });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.isError).toBeFalsy();
    expect(data).toMatchObject({ placed: false, consent: 'timeout' });
    expect(asked).toHaveLength(1);
    await client.close();
  });

  it('cancel_order asks too, and cancels a working order on accept', async () => {
    const { client, asked } = await tradingClient(gw.mcpUrl!, {
      action: 'accept',
      content: { confirm: true },
    });
    const id = await previewId(client, {
      symbol: 'MSFT',
      side: 'buy',
      quantity: '1',
      type: 'limit',
      limitPrice: '1',
      timeInForce: 'gtc',
    });
    const placed = await callTool(client, 'place_order', { previewId: id });
    expect(placed.data).toMatchObject({ placed: true, order: { status: 'accepted' } });
    const orderId = (placed.data['order'] as { id: string }).id;
    const { data } = await callTool(client, 'cancel_order', { orderId });
    expect(data).toMatchObject({
      cancelled: true,
      consent: 'accepted',
      order: { status: 'cancelled' },
    });
    expect(asked.map((a) => a.message)).toEqual([
      expect.stringContaining('Place a paper order'),
      expect.stringContaining('Cancel the paper order'),
    ]);
    await client.close();
  });
});

describe('consent with a client that does not declare elicitation', () => {
  it('refuses with a clear tool error, then places once a standing grant exists', async () => {
    const { client } = await tradingClient(gw.mcpUrl!);
    const id = await previewId(client);
    const refused = await callTool(client, 'place_order', { previewId: id });
    expect(refused.result.isError).toBe(true);
    expect(refused.text).toContain('placing orders needs your consent');
    expect(refused.text).toContain('standing consent grant');

    await createConsentGrantRepository(db).grant({
      principalId: principal,
      tool: 'place_order',
      grantedBy: 'trading-consent test',
    });
    const granted = await callTool(client, 'place_order', { previewId: id });
    expect(granted.result.isError).toBeFalsy();
    expect(granted.data).toMatchObject({ placed: true, consent: 'granted' });
    await createConsentGrantRepository(db).revoke(principal, 'place_order');
    await client.close();
  });
});

/** A raw 2026-07-28 (stateless) tools/call of place_order with elicitation declared. */
async function statelessPlace(params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const V = '2026-07-28';
  const res = await fetch(gw.mcpUrl!, {
    method: 'POST',
    headers: mcpHeaders(undefined, {
      'mcp-protocol-version': V,
      'mcp-method': 'tools/call',
      'mcp-name': 'place_order',
    }),
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: {
        name: 'place_order',
        ...params,
        _meta: {
          'io.modelcontextprotocol/protocolVersion': V,
          'io.modelcontextprotocol/clientCapabilities': { elicitation: {} },
          'io.modelcontextprotocol/clientInfo': { name: 'stateless-trader', version: '1.0.0' },
        },
      },
    }),
  });
  const text = await res.text();
  const data = text.includes('data: ')
    ? text
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .map((l) => JSON.parse(l.slice(6)) as Record<string, unknown>)
        .find((e) => 'result' in e || 'error' in e)
    : (JSON.parse(text) as Record<string, unknown>);
  return (data?.['result'] ?? { error: data?.['error'] }) as Record<string, unknown>;
}

describe('consent with a stateless (2026-07-28) client: input_required round trips', () => {
  it('asks with input_required, then places on accept and not on decline', async () => {
    const { client } = await tradingClient(gw.mcpUrl!);
    for (const [action, placed] of [
      ['accept', true],
      ['decline', false],
    ] as const) {
      const id = await previewId(client);
      const args = { arguments: { previewId: id } };
      const first = await statelessPlace(args);
      expect(first['resultType']).toBe('input_required');
      expect(first['inputRequests']).toMatchObject({
        consent: {
          method: 'elicitation/create',
          params: { mode: 'form', requestedSchema: { required: ['confirm'] } },
        },
      });
      const answer = action === 'accept' ? { action, content: { confirm: true } } : { action };
      const second = await statelessPlace({
        ...args,
        inputResponses: { consent: answer },
        requestState: first['requestState'],
      });
      expect(second['isError'] ?? false).toBe(false);
      expect(second['structuredContent']).toMatchObject({
        placed,
        consent: placed ? 'accepted' : 'declined',
      });
    }
    await client.close();
  });
});

describe('the audit trail of consent', () => {
  it('holds every outcome: accepted, declined, cancelled, timeout, refused, granted', async () => {
    const audit = createAuditRepository(db);
    await expect
      .poll(
        async () => {
          const events = await audit.list({ principalId: principal, kind: 'call', limit: 1000 });
          return new Set(
            events
              .filter((e) => e.action === 'consent')
              .map((e) => `${e.target}:${String(e.data?.['consent'])}:${e.outcome}`),
          );
        },
        { timeout: 10_000, interval: 200 },
      )
      .toEqual(
        new Set([
          'place_order:accepted:ok',
          'place_order:declined:denied',
          'place_order:cancelled:denied',
          'place_order:timeout:error',
          'place_order:refused:denied',
          'place_order:granted:ok',
          'cancel_order:accepted:ok',
        ]),
      );
  });
});
