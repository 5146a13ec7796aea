import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createConsentGrantRepository,
  createDatabase,
  createLedgerRepository,
  type Database,
} from '@stockpulse/db';
import {
  createTestDatabase,
  startNats,
  type TestDatabase,
  type TestNats,
} from '@stockpulse/testkit';
import { ADMIN_KEY } from './harness.js';
import { spawnRoles, type RoleProcess } from './role-process.js';
import { callTool, MARKET_OPEN_START, previewId, tradingClient } from './trading-harness.js';

/**
 * Exactly-once order placement when the worker dies after the fill and before the reply: a real
 * tool process started with MCPGW_FAILPOINT=after-fill SIGKILLs itself right after the ledger
 * commit. The caller retries with the same client order id through another edge, served by a
 * fresh tool process, and gets the first order back; the ledger holds one order and one fill.
 */

let nats: TestNats;
let target: TestDatabase;
let db: Database;
const procs: RoleProcess[] = [];
let env: Record<string, string>;

beforeAll(async () => {
  nats = await startNats();
  target = await createTestDatabase();
  db = await createDatabase({ url: target.url });
  env = {
    NATS_URL: nats.url,
    DATABASE_URL: target.url,
    MCPGW_ADMIN_KEY: ADMIN_KEY,
    PORT: '0',
    CALL_TIMEOUT_MS: '3000',
    MARKET_CLOCK_START: MARKET_OPEN_START,
  };
});

afterAll(async () => {
  for (const p of procs) p.kill();
  await db?.destroy();
  await target?.drop().catch(() => undefined);
  await nats?.stop();
});

async function start(roles: string, extra: Record<string, string> = {}): Promise<RoleProcess> {
  const p = await spawnRoles(roles, { ...env, ...extra });
  procs.push(p);
  return p;
}

const urlOf = (p: RoleProcess) => /MCP endpoint:\s+(\S+)/.exec(p.banner)?.[1] as string;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('exactly-once orders across a worker crash', () => {
  it('a retry through another edge after the worker died past the fill returns the first order', async () => {
    await start('router,auth,audit');
    const crashing = await start('tool', { MCPGW_FAILPOINT: 'after-fill' });
    const edgeA = await start('edge');
    const edgeB = await start('edge');

    const a = await tradingClient(urlOf(edgeA));
    const account = await callTool(a.client, 'get_account', {});
    const principal = account.data['accountId'] as string;
    expect(account.data['cash']).toBe('100000.00');
    // This client cannot be asked, so consent comes from a standing grant.
    await createConsentGrantRepository(db).grant({
      principalId: principal,
      tool: 'place_order',
      grantedBy: 'orders-crash test',
    });
    const id = await previewId(a.client, { symbol: 'JPM', side: 'buy', quantity: '3' });
    const args = { previewId: id, clientOrderId: 'crash-order-1' };

    const first = await a.client.callTool({ name: 'place_order', arguments: args }).then(
      (r) => ({ ok: !r.isError }),
      () => ({ ok: false }),
    );
    expect(first.ok).toBe(false);
    await expect.poll(() => alive(crashing.pid), { timeout: 5000 }).toBe(false);

    const ledger = createLedgerRepository(db);
    const committed = await ledger.listOrders(principal);
    expect(committed).toHaveLength(1);
    expect(committed[0]).toMatchObject({ clientOrderId: 'crash-order-1', status: 'filled' });
    const cashAfterFill = (await ledger.getAccount(principal))?.cash;

    await start('tool');
    const b = await tradingClient(urlOf(edgeB));
    const retry = await callTool(b.client, 'place_order', args);
    expect(retry.result.isError).toBeFalsy();
    expect(retry.data).toMatchObject({
      placed: true,
      duplicate: true,
      consent: 'not_asked',
      order: { id: committed[0]!.id, status: 'filled' },
      fill: { quantity: '3' },
    });
    // Once more through the first edge: the idempotency record now answers.
    const again = await callTool(a.client, 'place_order', args);
    expect(again.data).toMatchObject({ duplicate: true, order: { id: committed[0]!.id } });

    expect(await ledger.listOrders(principal)).toHaveLength(1);
    expect(await ledger.listFills(principal)).toHaveLength(1);
    expect((await ledger.getAccount(principal))?.cash).toBe(cashAfterFill);
    await a.client.close();
    await b.client.close();
  });
});
