import type { Transaction } from 'kysely';
import type { DatabaseSchema } from './database-schema.js';
import type { LedgerChangeSet, LedgerOrderRecord } from './ledger-records.js';

/** Thrown inside a ledger transaction to roll it back when a new order's client order id is taken. */
export class DuplicateClientOrderId extends Error {
  override readonly name = 'DuplicateClientOrderId';
  constructor(readonly clientOrderId: string) {
    super(`client order id ${clientOrderId} is taken`);
  }
}

function orderRow(order: LedgerOrderRecord) {
  return {
    id: order.id,
    account_id: order.accountId,
    client_order_id: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    time_in_force: order.timeInForce,
    quantity: order.quantity,
    limit_price: order.limitPrice,
    stop_price: order.stopPrice,
    status: order.status,
    reason: order.reason,
    filled_quantity: order.filledQuantity,
    average_fill_price: order.averageFillPrice,
    expires_at: order.expiresAt,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
  };
}

async function upsertOrder(
  trx: Transaction<DatabaseSchema>,
  accountId: string,
  order: LedgerOrderRecord,
): Promise<void> {
  const updated = await trx
    .updateTable('ledger_orders')
    .set({
      status: order.status,
      reason: order.reason,
      filled_quantity: order.filledQuantity,
      average_fill_price: order.averageFillPrice,
      updated_at: order.updatedAt,
    })
    .where('id', '=', order.id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (updated.numUpdatedRows > 0n) return;
  // The unique (account_id, client_order_id) constraint is the last word on duplicates.
  const inserted = await trx
    .insertInto('ledger_orders')
    .values({ ...orderRow(order), account_id: accountId })
    .onConflict((oc) => oc.columns(['account_id', 'client_order_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw new DuplicateClientOrderId(order.clientOrderId);
}

/**
 * Stores a decision's changes in the caller's transaction: orders updated by id or inserted,
 * fills appended, positions upserted, cash set. Records of another account are written under
 * `accountId` all the same, so a decision cannot touch another account.
 */
export async function applyLedgerChanges(
  trx: Transaction<DatabaseSchema>,
  accountId: string,
  changes: LedgerChangeSet,
): Promise<void> {
  for (const order of changes.orders) await upsertOrder(trx, accountId, order);
  if (changes.fills.length > 0)
    await trx
      .insertInto('ledger_fills')
      .values(
        changes.fills.map((f) => ({
          id: f.id,
          order_id: f.orderId,
          account_id: accountId,
          symbol: f.symbol,
          side: f.side,
          quantity: f.quantity,
          price: f.price,
          notional: f.notional,
          at: f.at,
        })),
      )
      .execute();
  for (const p of changes.positions) {
    const row = {
      quantity: p.quantity,
      average_cost: p.averageCost,
      realized_pnl: p.realizedPnl,
      updated_at: p.updatedAt,
    };
    await trx
      .insertInto('ledger_positions')
      .values({ account_id: accountId, symbol: p.symbol, ...row })
      .onConflict((oc) => oc.columns(['account_id', 'symbol']).doUpdateSet(row))
      .execute();
  }
  await trx
    .updateTable('ledger_accounts')
    .set({ cash: changes.cash, updated_at: new Date() })
    .where('id', '=', accountId)
    .execute();
}
