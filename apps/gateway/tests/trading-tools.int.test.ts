import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { createDatabase, createLedgerRepository, type Database } from '@stockpulse/db';
import { TRADING_TOOL_NAMES } from '@stockpulse/stockpulse-tools';
import type { Gateway } from '../src/gateway.js';
import { loadConfig } from '../src/config.js';
import { createHarness, type Harness } from './harness.js';
import { callTool, MARKET_OPEN_START, previewId, tradingClient } from './trading-harness.js';

/**
 * The watchlist, portfolio and order tools through the real path (official SDK client, which
 * checks every structuredContent against the tool's outputSchema; edge; NATS; tool service;
 * Postgres), on a simulated market clock that starts during a session.
 */

let h: Harness;
let a: Gateway;
let b: Gateway;
let db: Database;
let client: Client;

type Row = Record<string, unknown>;

beforeAll(async () => {
  h = await createHarness();
  const env = { MARKET_CLOCK_START: MARKET_OPEN_START, CALL_TIMEOUT_MS: '8000' };
  a = await h.start('all', env);
  b = await h.start('edge', env);
  db = await createDatabase({ url: h.db.url });
  client = (await tradingClient(a.mcpUrl!, { action: 'accept', content: { confirm: true } }))
    .client;
});

afterAll(async () => {
  await client?.close();
  await db?.destroy();
  await h?.stop();
});

describe('trading tools through the gateway', () => {
  it('lists every trading tool with title, schemas and annotations', async () => {
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    for (const name of TRADING_TOOL_NAMES) {
      const t = byName.get(name);
      expect(t?.title, name).toBeTruthy();
      expect(t?.outputSchema?.type, name).toBe('object');
      expect(t?.annotations?.readOnlyHint, name).toBeTypeOf('boolean');
    }
    expect(byName.get('place_order')?.annotations).toMatchObject({
      destructiveHint: true,
      idempotentHint: true,
    });
  });

  it('watchlists: create, list, update, delete', async () => {
    const created = await callTool(client, 'create_watchlist', {
      name: 'energy',
      symbols: ['xom', 'CVX'],
    });
    expect(created.data).toMatchObject({ name: 'energy', symbols: ['XOM', 'CVX'] });
    const id = created.data['id'] as string;
    const updated = await callTool(client, 'update_watchlist', {
      id,
      add: ['IBM'],
      remove: ['CVX'],
    });
    expect(updated.data).toMatchObject({
      symbols: ['XOM', 'IBM'],
      updated: true,
      consent: 'accepted',
    });
    const listed = await callTool(client, 'list_watchlists', {});
    expect(listed.data).toMatchObject({ count: 1, watchlists: [{ id, name: 'energy' }] });
    expect((await callTool(client, 'delete_watchlist', { id })).data).toEqual({
      id,
      deleted: true,
      consent: 'accepted',
    });
    expect((await callTool(client, 'list_watchlists', {})).data['count']).toBe(0);
  });

  it('account, preview, place, positions, performance and orders agree with each other', async () => {
    const before = await callTool(client, 'get_account', {});
    expect(before.data).toMatchObject({ cash: '100000.00', marketOpen: true, killSwitch: false });

    const preview = await callTool(client, 'preview_order', {
      symbol: 'NVDA',
      side: 'buy',
      quantity: '5',
    });
    expect(preview.data).toMatchObject({ symbol: 'NVDA', marketable: true, maxDriftPercent: '2' });
    const placed = await callTool(client, 'place_order', {
      previewId: preview.data['previewId'],
      clientOrderId: 'nvda-1',
    });
    expect(placed.data).toMatchObject({
      placed: true,
      order: { status: 'filled', clientOrderId: 'nvda-1' },
    });
    const fill = placed.data['fill'] as Row;

    const positions = await callTool(client, 'get_positions', {});
    expect(positions.data['positions']).toEqual([
      expect.objectContaining({ symbol: 'NVDA', quantity: '5', averageCost: fill['price'] }),
    ]);
    const account = await callTool(client, 'get_account', {});
    const principal = account.data['accountId'] as string;
    const stored = await createLedgerRepository(db).getAccount(principal);
    expect(Number(stored?.cash)).toBeCloseTo(100000 - Number(fill['notional']), 6);
    const perf = await callTool(client, 'get_portfolio_performance', {});
    expect(perf.data).toMatchObject({ startingCash: '100000.00', fills: 1 });
    const orders = await callTool(client, 'list_orders', { status: 'closed' });
    expect(orders.data['orders']).toEqual([
      expect.objectContaining({ clientOrderId: 'nvda-1', status: 'filled' }),
    ]);
  });

  it('refuses a placement whose terms differ from the preview', async () => {
    const id = await previewId(client, { symbol: 'KO', side: 'buy', quantity: '1' });
    const r = await callTool(client, 'place_order', { previewId: id, side: 'sell' });
    expect(r.result.isError).toBe(true);
    expect(r.text).toContain('side: sell ≠ previewed buy');
  });

  it('one order for one client order id when placed at once through two edges', async () => {
    const other = (await tradingClient(b.mcpUrl!, { action: 'accept', content: { confirm: true } }))
      .client;
    const id = await previewId(client, { symbol: 'PG', side: 'buy', quantity: '1' });
    const args = { previewId: id, clientOrderId: 'pg-once' };
    const results = await Promise.all([
      callTool(client, 'place_order', args),
      callTool(other, 'place_order', args),
      callTool(other, 'place_order', args),
    ]);
    const ids = new Set(results.map((r) => (r.data['order'] as Row | undefined)?.['id']));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBeTypeOf('string');
    const principal = (await callTool(client, 'get_account', {})).data['accountId'] as string;
    const pg = (await createLedgerRepository(db).listOrders(principal)).filter(
      (o) => o.clientOrderId === 'pg-once',
    );
    expect(pg).toHaveLength(1);
    await other.close();
  });
});

describe('trading configuration', () => {
  it('reads the market clock, the consent timeout and the fail point, and refuses bad values', () => {
    const c = loadConfig({
      MARKET_CLOCK_START: MARKET_OPEN_START,
      CONSENT_TIMEOUT_MS: '1500',
      MCPGW_FAILPOINT: 'after-fill',
    });
    expect(c.marketClockStart).toBe(Date.parse(MARKET_OPEN_START));
    expect(c.consentTimeoutMs).toBe(1500);
    expect(c.failpoint).toBe('after-fill');
    expect(loadConfig({})).toMatchObject({
      marketClockStart: undefined,
      consentTimeoutMs: 60_000,
      failpoint: undefined,
    });
    expect(() => loadConfig({ MARKET_CLOCK_START: 'tuesday' })).toThrow(/MARKET_CLOCK_START/);
    expect(() => loadConfig({ MCPGW_FAILPOINT: 'before-fill' })).toThrow(/MCPGW_FAILPOINT/);
    expect(() => loadConfig({ CONSENT_TIMEOUT_MS: '5' })).toThrow(/CONSENT_TIMEOUT_MS/);
  });
});
