import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@stockpulse/testkit';
import { createDatabase, createLedgerRepository, type Database } from '../src/index.js';
import { buyDecision, describeLedgerRepository, noLimits } from './ledger-repository-contract.js';

const SINCE = '2026-01-01T00:00:00.000Z';

describeLedgerRepository('postgres', async () => {
  const target = await createTestDatabase();
  const db = await createDatabase({ url: target.url });
  await db.migrate();
  return {
    ...db,
    destroy: async () => {
      await db.destroy();
      await target.drop();
    },
  };
});

describe('LedgerRepository under concurrency (postgres)', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  /** `count` databases (separate pools, as separate processes) on one fresh, migrated Postgres database. */
  async function openMany(count: number): Promise<Database[]> {
    const target = await createTestDatabase();
    cleanup.push(() => target.drop());
    const dbs: Database[] = [];
    for (let i = 0; i < count; i += 1) {
      const db = await createDatabase({ url: target.url, maxConnections: 4 });
      cleanup.push(() => db.destroy());
      dbs.push(db);
    }
    await dbs[0]!.migrate();
    return dbs;
  }

  it('makes exactly one order of concurrent placements with one client order id', async () => {
    const dbs = await openMany(4);
    await createLedgerRepository(dbs[0]!).createAccount({
      id: 'acc',
      cash: '1000',
      limits: noLimits,
    });
    const attempts = Array.from({ length: 24 }, (_, i) =>
      createLedgerRepository(dbs[i % dbs.length]!).transact(
        'acc',
        { since: SINCE, clientOrderId: 'same' },
        buyDecision('same', 2, 10),
      ),
    );
    const results = await Promise.all(attempts);
    const ids = new Set(results.map((r) => (r.kind === 'applied' ? r.result.id : r.order.id)));
    expect(ids.size).toBe(1);
    const ledger = createLedgerRepository(dbs[0]!);
    expect(await ledger.listOrders('acc')).toHaveLength(1);
    expect(await ledger.listFills('acc')).toHaveLength(1);
    expect((await ledger.getAccount('acc'))?.cash).toBe('980');
  });

  it('keeps the constraint as the last word when decisions ignore what they read', async () => {
    const dbs = await openMany(4);
    await createLedgerRepository(dbs[0]!).createAccount({
      id: 'acc',
      cash: '1000',
      limits: noLimits,
    });
    const blind = buyDecision('same', 1, 10);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createLedgerRepository(dbs[i % dbs.length]!).transact('acc', { since: SINCE }, (s) =>
          blind({ ...s, orders: [] }),
        ),
      ),
    );
    expect(results.filter((r) => r.kind === 'applied')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'duplicate')).toHaveLength(11);
    expect(await createLedgerRepository(dbs[0]!).listOrders('acc')).toHaveLength(1);
    expect((await createLedgerRepository(dbs[0]!).getAccount('acc'))?.cash).toBe('990');
  });

  it('never overdraws cash with concurrent orders on one account', async () => {
    const dbs = await openMany(4);
    await createLedgerRepository(dbs[0]!).createAccount({
      id: 'acc',
      cash: '1000',
      limits: noLimits,
    });
    // Each buy costs 300: only three fit. Without the row lock several would read 1000 at once.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createLedgerRepository(dbs[i % dbs.length]!).transact(
          'acc',
          { since: SINCE },
          buyDecision(`c-${i}`, 3, 100),
        ),
      ),
    );
    const ledger = createLedgerRepository(dbs[0]!);
    const orders = await ledger.listOrders('acc');
    expect(orders).toHaveLength(20);
    expect(orders.filter((o) => o.status === 'filled')).toHaveLength(3);
    expect((await ledger.getAccount('acc'))?.cash).toBe('100');
    expect(await ledger.listPositions('acc')).toMatchObject([{ quantity: '9' }]);
  });
});
