import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import {
  createLedgerRepository,
  type Database,
  type LedgerOrderRecord,
  type LedgerOutcome,
  type LedgerStateRecord,
} from '../src/index.js';

/** No limits at all. */
export const noLimits = {
  maxOrderQuantity: null,
  maxOrderNotional: null,
  maxOrdersPerDay: null,
  maxOrdersPerMinute: null,
} as const;

const SINCE = '2026-01-01T00:00:00.000Z';
let seq = 0;

/** An order record with these fields; the rest are a filled 1-share buy. */
export function orderRecord(
  fields: Partial<LedgerOrderRecord> & { accountId: string },
): LedgerOrderRecord {
  seq += 1;
  return {
    id: `ord_${seq}_${Math.random().toString(36).slice(2)}`,
    clientOrderId: `c_${seq}`,
    symbol: 'AAPL',
    side: 'buy',
    type: 'market',
    timeInForce: 'gtc',
    quantity: '1',
    limitPrice: null,
    stopPrice: null,
    status: 'filled',
    reason: null,
    filledQuantity: '1',
    averageFillPrice: '100',
    expiresAt: null,
    createdAt: '2026-01-02T15:00:00.000Z',
    updatedAt: '2026-01-02T15:00:00.000Z',
    ...fields,
  };
}

/**
 * A stand-in decision (the real one lives in `@stockpulse/ledger`, above this package): buy
 * `qty` at `price` under `clientOrderId` if the cash pays for it, else record a rejection; a
 * known client order id changes nothing.
 */
export function buyDecision(clientOrderId: string, qty: number, price: number) {
  return (state: LedgerStateRecord): LedgerOutcome<LedgerOrderRecord> => {
    const existing = state.orders.find((o) => o.clientOrderId === clientOrderId);
    if (existing)
      return {
        changes: { cash: state.account.cash, orders: [], fills: [], positions: [] },
        result: existing,
      };
    const cost = qty * price;
    const cash = Number(state.account.cash);
    const accountId = state.account.id;
    if (cost > cash) {
      const order = orderRecord({
        accountId,
        clientOrderId,
        status: 'rejected',
        reason: 'insufficient_buying_power',
        filledQuantity: '0',
        averageFillPrice: null,
      });
      return {
        changes: { cash: state.account.cash, orders: [order], fills: [], positions: [] },
        result: order,
      };
    }
    const order = orderRecord({
      accountId,
      clientOrderId,
      quantity: String(qty),
      filledQuantity: String(qty),
      averageFillPrice: String(price),
    });
    const held = Number(state.positions.find((p) => p.symbol === 'AAPL')?.quantity ?? 0);
    return {
      changes: {
        cash: String(cash - cost),
        orders: [order],
        fills: [
          {
            id: `f_${order.id}`,
            orderId: order.id,
            accountId,
            symbol: 'AAPL',
            side: 'buy',
            quantity: String(qty),
            price: String(price),
            notional: String(cost),
            at: order.createdAt,
          },
        ],
        positions: [
          {
            accountId,
            symbol: 'AAPL',
            quantity: String(held + qty),
            averageCost: String(price),
            realizedPnl: '0',
            updatedAt: order.createdAt,
          },
        ],
      },
      result: order,
    };
  };
}

/** The behaviour the ledger repository promises on any database; `open` gives a fresh, migrated one. */
export function describeLedgerRepository(label: string, open: () => Promise<Database>): void {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  beforeEach(async () => {
    await sql`truncate ledger_accounts cascade`.execute(db.kysely);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  describe(`LedgerRepository (${label})`, () => {
    it('creates an account with limits and a kill switch, and refuses a taken id', async () => {
      const ledger = createLedgerRepository(db);
      await ledger.createAccount({
        id: 'acc',
        cash: '1000.50',
        limits: { ...noLimits, maxOrdersPerDay: 5 },
      });
      expect(await ledger.getAccount('acc')).toEqual({
        id: 'acc',
        cash: '1000.50',
        limits: { ...noLimits, maxOrdersPerDay: 5 },
        killSwitch: false,
      });
      expect(await ledger.setKillSwitch('acc', true)).toBe(true);
      expect(await ledger.setLimits('acc', { ...noLimits, maxOrderNotional: '250.25' })).toBe(true);
      expect(await ledger.getAccount('acc')).toMatchObject({
        killSwitch: true,
        limits: { maxOrderNotional: '250.25', maxOrdersPerDay: null },
      });
      expect(await ledger.setKillSwitch('nobody', true)).toBe(false);
      expect(await ledger.getAccount('nobody')).toBeNull();
      const err = await ledger
        .createAccount({ id: 'acc', cash: '1', limits: noLimits })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GatewayError);
      expect((err as GatewayError).code).toBe(ErrorCode.Conflict);
    });

    it('applies a decision: order, fill, position and cash together, exactly as decimals', async () => {
      const ledger = createLedgerRepository(db);
      await ledger.createAccount({ id: 'acc', cash: '1000', limits: noLimits });
      const done = await ledger.transact('acc', { since: SINCE }, buyDecision('c-1', 3, 100.25));
      expect(done.kind).toBe('applied');
      expect((await ledger.getAccount('acc'))?.cash).toBe('699.25');
      const [order] = await ledger.listOrders('acc');
      expect(order).toMatchObject({
        clientOrderId: 'c-1',
        status: 'filled',
        quantity: '3',
        averageFillPrice: '100.25',
      });
      expect(await ledger.listFills('acc')).toMatchObject([
        { orderId: order!.id, notional: '300.75' },
      ]);
      expect(await ledger.listPositions('acc')).toMatchObject([{ symbol: 'AAPL', quantity: '3' }]);
      expect(await ledger.findOrderByClientId('acc', 'c-1')).toEqual(order);
    });

    it('shows a decision the old order with the client order id, and returns it on a repeat', async () => {
      const ledger = createLedgerRepository(db);
      await ledger.createAccount({ id: 'acc', cash: '1000', limits: noLimits });
      const first = await ledger.transact(
        'acc',
        { since: SINCE, clientOrderId: 'c-1' },
        buyDecision('c-1', 1, 10),
      );
      // A later window would hide the order, but the scope's client order id brings it back.
      const again = await ledger.transact(
        'acc',
        { since: '2030-01-01T00:00:00.000Z', clientOrderId: 'c-1' },
        buyDecision('c-1', 1, 10),
      );
      expect(again).toEqual(first);
      expect(await ledger.listOrders('acc')).toHaveLength(1);
    });

    it('enforces client order id uniqueness in the database and rolls the decision back', async () => {
      const ledger = createLedgerRepository(db);
      await ledger.createAccount({ id: 'acc', cash: '1000', limits: noLimits });
      await ledger.transact('acc', { since: SINCE }, buyDecision('c-1', 1, 10));
      // A decision that does not look at the state would insert a second order; the constraint wins.
      const blind = buyDecision('c-1', 2, 10);
      const result = await ledger.transact('acc', { since: SINCE }, (state) =>
        blind({ ...state, orders: [] }),
      );
      expect(result).toMatchObject({
        kind: 'duplicate',
        order: { clientOrderId: 'c-1', quantity: '1' },
      });
      expect(await ledger.listOrders('acc')).toHaveLength(1);
      expect((await ledger.getAccount('acc'))?.cash).toBe('990');
    });

    it('refuses negative cash and negative positions with check constraints', async () => {
      const ledger = createLedgerRepository(db);
      await ledger.createAccount({ id: 'acc', cash: '10', limits: noLimits });
      const overdraw = (state: LedgerStateRecord) => ({
        changes: { cash: '-0.01', orders: [], fills: [], positions: [] },
        result: state,
      });
      await expect(ledger.transact('acc', { since: SINCE }, overdraw)).rejects.toThrow();
      expect((await ledger.getAccount('acc'))?.cash).toBe('10');
    });

    it('is not_found for an unknown account', async () => {
      const ledger = createLedgerRepository(db);
      const err = await ledger
        .transact('nobody', { since: SINCE }, buyDecision('c', 1, 1))
        .catch((e: unknown) => e);
      expect((err as GatewayError).code).toBe(ErrorCode.NotFound);
    });
  });
}
