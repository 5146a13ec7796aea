import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { subjects } from '@stockpulse/protocol';
import type { Gateway } from '../src/gateway.js';
import { runAccountsCommand } from '../src/accounts-command.js';
import { ADMIN_KEY, connectClient, createHarness, type Harness } from './harness.js';

let h: Harness;
let client: Client;
let gw: Gateway;

beforeAll(async () => {
  h = await createHarness();
  gw = await h.start('all', { MARKET_CLOCK_START: '2026-03-10T16:45:00Z' });
  client = await connectClient(gw.mcpUrl!, ADMIN_KEY);
});

afterAll(async () => {
  await client?.close();
  await h?.stop();
});

describe('StockPulse resources and prompts through the gateway', () => {
  it('lists the market status resource and the quote template, and reads both', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain('stockpulse://market/status');
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toContain('stockpulse://quotes/{symbol}');
    const status = await client.readResource({ uri: 'stockpulse://market/status' });
    expect(JSON.parse((status.contents[0] as { text: string }).text)).toMatchObject({
      phase: 'open',
    });
    const quote = await client.readResource({ uri: 'stockpulse://quotes/MSFT' });
    expect(quote.contents[0]).toMatchObject({
      uri: 'stockpulse://quotes/MSFT',
      mimeType: 'application/json',
    });
    expect(JSON.parse((quote.contents[0] as { text: string }).text)).toMatchObject({
      symbol: 'MSFT',
      currency: 'USD',
    });
    await expect(client.readResource({ uri: 'stockpulse://quotes/NOPE' })).rejects.toMatchObject({
      code: -32602,
    });
    await client.subscribeResource({ uri: 'stockpulse://quotes/MSFT' });
  });

  it('offers the three prompts and completes their arguments', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual([
      'analyse_position',
      'daily_brief',
      'pre_trade_checklist',
    ]);
    const got = await client.getPrompt({
      name: 'analyse_position',
      arguments: { symbol: 'nvda' },
    });
    expect((got.messages[0]?.content as { text: string }).text).toContain('position in NVDA');
    await expect(client.getPrompt({ name: 'analyse_position' })).rejects.toMatchObject({
      code: -32602,
    });
    const c = await client.complete({
      ref: { type: 'ref/resource', uri: 'stockpulse://quotes/{symbol}' },
      argument: { name: 'symbol', value: 'AA' },
    });
    expect(c.completion.values).toContain('AAPL');
  });

  it('a price alert fires on a crossing tick and updates the subscribed alert resources', async () => {
    const created = await client.callTool({
      name: 'create_price_alert',
      arguments: { symbol: 'AAPL', condition: 'above', price: '99999.00', note: 'moon' },
    });
    const alert = created.structuredContent as { id: string; status: string };
    expect(alert.status).toBe('active');
    const heard: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      heard.push(n.params.uri);
    });
    await client.subscribeResource({ uri: 'stockpulse://alerts' });
    await client.subscribeResource({ uri: `stockpulse://alerts/${alert.id}` });
    // A tick past the level, as the live feed would publish it.
    gw.bus.publish(
      subjects.marketTick('AAPL'),
      JSON.stringify({
        symbol: 'AAPL',
        price: '100000.00',
        change: '0.00',
        changePercent: '0.00',
        volume: 1,
        asOf: new Date().toISOString(),
      }),
    );
    await expect
      .poll(() => [...new Set(heard)].sort(), { timeout: 5_000 })
      .toEqual(['stockpulse://alerts', `stockpulse://alerts/${alert.id}`]);
    const read = await client.readResource({ uri: `stockpulse://alerts/${alert.id}` });
    expect(JSON.parse((read.contents[0] as { text: string }).text)).toMatchObject({
      id: alert.id,
      status: 'triggered',
      triggerPrice: '100000.00',
    });
    const listed = await client.callTool({
      name: 'list_price_alerts',
      arguments: { status: 'triggered' },
    });
    expect(
      (listed.structuredContent as { alerts: { id: string }[] }).alerts.map((a) => a.id),
    ).toEqual([alert.id]);
    // Deleting is destructive: this client cannot be asked, so it needs a standing grant.
    const refused = await client.callTool({
      name: 'delete_price_alert',
      arguments: { id: alert.id },
    });
    expect(refused.isError).toBe(true);
    const account = await client.callTool({ name: 'get_account', arguments: {} });
    const principal = (account.structuredContent as { accountId: string }).accountId;
    await runAccountsCommand('consent', ['grant', principal, 'delete_price_alert'], {}, h.dataDir, {
      NATS_URL: gw.natsUrl,
    });
    const deleted = await client.callTool({
      name: 'delete_price_alert',
      arguments: { id: alert.id },
    });
    expect(deleted.structuredContent).toEqual({ id: alert.id, deleted: true, consent: 'granted' });
  });

  it('serves the caller’s portfolio, open orders and watchlists, and announces their changes', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(
      expect.arrayContaining([
        'stockpulse://portfolio',
        'stockpulse://orders/open',
        'stockpulse://watchlists',
      ]),
    );
    const readJson = async (uri: string) =>
      JSON.parse(
        ((await client.readResource({ uri })).contents[0] as { text: string }).text,
      ) as Record<string, unknown>;
    expect(await readJson('stockpulse://portfolio')).toMatchObject({
      performance: { startingCash: '100000.00' },
      positions: {},
    });
    expect(await readJson('stockpulse://orders/open')).toMatchObject({ count: 0, orders: [] });
    const heard: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      heard.push(n.params.uri);
    });
    await client.subscribeResource({ uri: 'stockpulse://watchlists' });
    const made = await client.callTool({
      name: 'create_watchlist',
      arguments: { name: 'chips', symbols: ['NVDA', 'AMD'] },
    });
    expect(made.isError).toBeFalsy();
    await expect.poll(() => heard, { timeout: 5_000 }).toContain('stockpulse://watchlists');
    const lists = await readJson('stockpulse://watchlists');
    expect(lists).toMatchObject({
      count: 1,
      watchlists: [{ name: 'chips', symbols: ['NVDA', 'AMD'] }],
    });
  });
});
