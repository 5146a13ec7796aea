import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ADMIN_KEY, connectClient, createHarness, type Harness } from './harness.js';

let h: Harness;
let client: Client;

beforeAll(async () => {
  h = await createHarness();
  const gw = await h.start('all', { MARKET_CLOCK_START: '2026-03-10T16:45:00Z' });
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
});
