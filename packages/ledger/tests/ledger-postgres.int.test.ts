import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@stockpulse/testkit';
import {
  createDatabase,
  createLedgerRepository,
  type Database,
  type LedgerRepository,
} from '@stockpulse/db';
import {
  advanceMarket,
  cancelOrder,
  Decimal,
  noLimits,
  orderWindowStart,
  OrderStatus,
  OrderType,
  placeOrder,
  TimeInForce,
  type MarketContext,
  type PlaceOrderRequest,
  type PlaceOrderResult,
} from '../src/index.js';
import { CLOSE, OPEN, request } from './ledger-fixtures.js';

function ctx(prices: Record<string, string>, now = OPEN): MarketContext {
  return { now, price: (s) => prices[s], sessionClose: CLOSE, newId: randomUUID };
}

/** Places an order the way a service would: the pure decision inside the repository's transaction. */
async function place(
  repo: LedgerRepository,
  req: PlaceOrderRequest,
  market: MarketContext,
): Promise<PlaceOrderResult['order']> {
  const done = await repo.transact(
    req.accountId,
    { since: orderWindowStart(market.now), clientOrderId: req.clientOrderId },
    (state) => {
      const r = placeOrder(state, req, market);
      return { changes: r.changes, result: r.order };
    },
  );
  return done.kind === 'applied' ? done.result : done.order;
}

describe('the ledger on Postgres', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  /** `count` separate pools, as separate processes, on one fresh migrated database with account `acc`. */
  async function open(count: number, cash: string): Promise<Database[]> {
    const target = await createTestDatabase();
    cleanup.push(() => target.drop());
    const dbs: Database[] = [];
    for (let i = 0; i < count; i += 1) {
      const db = await createDatabase({ url: target.url, maxConnections: 4 });
      cleanup.push(() => db.destroy());
      dbs.push(db);
    }
    await dbs[0]!.migrate();
    await createLedgerRepository(dbs[0]!).createAccount({ id: 'acc', cash, limits: noLimits });
    return dbs;
  }

  it('makes one order of concurrent placements with the same client order id', async () => {
    const dbs = await open(4, '10000');
    const orders = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        place(
          createLedgerRepository(dbs[i % 4]!),
          request('dup', { quantity: '2' }),
          ctx({ AAPL: '100' }),
        ),
      ),
    );
    expect(new Set(orders.map((o) => o.id)).size).toBe(1);
    const repo = createLedgerRepository(dbs[0]!);
    expect(await repo.listOrders('acc')).toHaveLength(1);
    expect(await repo.listFills('acc')).toHaveLength(1);
    expect((await repo.getAccount('acc'))?.cash).toBe('9800');
  });

  it('never overdraws cash with concurrent orders, and the stored books reconcile', async () => {
    const dbs = await open(4, '1000');
    // 20 buys of 3 × 99.99 = 299.97: exactly three fit in 1000.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        place(
          createLedgerRepository(dbs[i % 4]!),
          request(`c-${i}`, { quantity: '3' }),
          ctx({ AAPL: '99.99' }),
        ),
      ),
    );
    const repo = createLedgerRepository(dbs[0]!);
    const orders = await repo.listOrders('acc');
    expect(orders.filter((o) => o.status === OrderStatus.Filled)).toHaveLength(3);
    expect(orders.filter((o) => o.reason?.startsWith('insufficient_buying_power:'))).toHaveLength(
      17,
    );
    const fills = await repo.listFills('acc');
    const spent = fills.reduce((acc, f) => acc.plus(f.notional), new Decimal(0));
    const cash = (await repo.getAccount('acc'))!.cash;
    expect(new Decimal(cash).eq(new Decimal(1000).minus(spent))).toBe(true);
    expect(cash).toBe('100.09');
    expect(await repo.listPositions('acc')).toMatchObject([
      { symbol: 'AAPL', quantity: '9', averageCost: '99.99' },
    ]);
  });

  it('persists resting orders, their fills, cancels and expiry as the pure ledger decides', async () => {
    const [db] = await open(1, '5000');
    const repo = createLedgerRepository(db!);
    const limit = await place(
      repo,
      request('lim', { type: OrderType.Limit, limitPrice: '95', timeInForce: TimeInForce.Gtc }),
      ctx({ AAPL: '100' }),
    );
    const day = await place(
      repo,
      request('day', { type: OrderType.Limit, limitPrice: '90' }),
      ctx({ AAPL: '100' }),
    );
    const gone = await place(
      repo,
      request('gone', { type: OrderType.Limit, limitPrice: '80' }),
      ctx({ AAPL: '100' }),
    );
    expect([limit.status, day.status, gone.status]).toEqual(['accepted', 'accepted', 'accepted']);
    await repo.transact('acc', { since: orderWindowStart(OPEN) }, (state) => {
      const r = cancelOrder(state, gone.id, { now: OPEN });
      return { changes: r.changes, result: r.ok };
    });
    await repo.transact('acc', { since: orderWindowStart(CLOSE) }, (state) => {
      const r = advanceMarket(state, ctx({ AAPL: '94.5' }, CLOSE));
      return { changes: r.changes, result: null };
    });
    const byClient = new Map((await repo.listOrders('acc')).map((o) => [o.clientOrderId, o]));
    expect(byClient.get('lim')).toMatchObject({ status: 'filled', averageFillPrice: '94.5' });
    expect(byClient.get('day')).toMatchObject({ status: 'expired' });
    expect(byClient.get('gone')).toMatchObject({ status: 'cancelled' });
    expect((await repo.getAccount('acc'))?.cash).toBe('4055');
    expect(await repo.listFills('acc')).toHaveLength(1);
  });
});
