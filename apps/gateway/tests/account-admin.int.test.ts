import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Gateway } from '../src/gateway.js';
import { runAccountsCommand, type AccountArgs } from '../src/accounts-command.js';
import { createHarness, type Harness } from './harness.js';
import { callTool, MARKET_OPEN_START, previewId, tradingClient } from './trading-harness.js';

let h: Harness;
let gw: Gateway;
let client: Client;
let accountId: string;

beforeAll(async () => {
  h = await createHarness();
  gw = await h.start('all', { MARKET_CLOCK_START: MARKET_OPEN_START });
  // A client that cannot be asked: only a standing grant lets it trade.
  ({ client } = await tradingClient(gw.mcpUrl!));
  accountId = (await callTool(client, 'get_account', {})).data['accountId'] as string;
});

afterAll(async () => {
  await client?.close();
  await h?.stop();
});

/** The CLI's `accounts` / `consent` commands against the test gateway's NATS. */
const cli = (command: 'accounts' | 'consent', positionals: string[], args: AccountArgs = {}) =>
  runAccountsCommand(command, positionals, args, h.dataDir, { NATS_URL: gw.natsUrl });

async function buy(quantity: string, clientOrderId: string) {
  const id = await previewId(client, { symbol: 'AAPL', side: 'buy', quantity }).catch(
    (err: unknown) => String(err),
  );
  if (!id.startsWith('pv')) return { refused: id };
  const r = await callTool(client, 'place_order', { previewId: id, clientOrderId });
  return r.result.isError ? { refused: r.text } : { placed: r.data };
}

describe('account administration (CLI over the bus)', () => {
  it('a standing grant lets a client without elicitation place orders, until revoked', async () => {
    expect(await buy('1', 'before-grant')).toMatchObject({
      refused: expect.stringMatching(/consent/i),
    });
    expect(await cli('consent', ['grant', accountId, 'place_order'])).toMatchObject({
      principalId: accountId,
      tool: 'place_order',
    });
    expect(await buy('1', 'granted')).toMatchObject({ placed: { placed: true } });
    expect(await cli('consent', ['revoke', accountId, 'place_order'])).toEqual({
      principalId: accountId,
      tool: 'place_order',
      revoked: true,
    });
    expect(await buy('1', 'after-revoke')).toMatchObject({
      refused: expect.stringMatching(/consent/i),
    });
  });

  it('the kill switch stops orders; limits are set and removed', async () => {
    await cli('consent', ['grant', accountId, 'place_order']);
    expect(await cli('accounts', ['kill-switch', accountId, 'on'])).toEqual({
      accountId,
      killSwitch: true,
    });
    expect(await buy('1', 'killed')).toMatchObject({
      refused: expect.stringMatching(/kill.switch/i),
    });
    await cli('accounts', ['kill-switch', accountId, 'off']);
    await cli('accounts', ['limits', accountId], { 'max-order-quantity': '2' });
    expect(await buy('3', 'too-many')).toMatchObject({
      refused: expect.stringMatching(/quantity/i),
    });
    expect(await buy('2', 'within-limit')).toMatchObject({ placed: { placed: true } });
    const shown = (await cli('accounts', ['show', accountId])) as Record<string, unknown>;
    expect(shown).toMatchObject({
      id: accountId,
      killSwitch: false,
      limits: { maxOrderQuantity: '2' },
      grants: [{ tool: 'place_order' }],
    });
    await cli('accounts', ['limits', accountId], { 'max-order-quantity': 'none' });
    expect(await cli('accounts', ['show', accountId])).toMatchObject({
      limits: { maxOrderQuantity: null },
    });
  });

  it('refuses bad requests with a clear message', async () => {
    await expect(cli('accounts', ['show', 'no-such-account'])).rejects.toThrow(/no account/);
    await expect(cli('accounts', ['kill-switch', accountId, 'maybe'])).rejects.toThrow(/on or off/);
    await expect(
      cli('accounts', ['limits', accountId], { 'max-orders-per-day': '-1' }),
    ).rejects.toThrow(/positive integer/);
    await expect(cli('consent', ['grant', accountId])).rejects.toThrow(/tool name/);
  });
});
