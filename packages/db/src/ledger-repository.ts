import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from './database-schema.js';
import type { Database } from './database.js';
import {
  toFill,
  toLimits,
  toOrder,
  toPosition,
  type LedgerAccountRecord,
  type LedgerChangeSet,
  type LedgerFillRecord,
  type LedgerLimitsRecord,
  type LedgerOrderRecord,
  type LedgerPositionRecord,
  type LedgerStateRecord,
} from './ledger-records.js';
import { isUniqueViolation } from './row-mapping.js';
import { applyLedgerChanges, DuplicateClientOrderId } from './ledger-writes.js';

/** A new account: its id, starting cash and limits. */
export interface NewLedgerAccount {
  readonly id: string;
  readonly cash: string;
  readonly limits: LedgerLimitsRecord;
}

/** Which orders a decision sees besides the working ones. */
export interface LedgerScope {
  /** Orders created at or after this ISO time (see the ledger's `orderWindowStart`). */
  readonly since: string;
  /** The client order id being placed, so an earlier order with it is seen whatever its age. */
  readonly clientOrderId?: string | undefined;
}

/** What a decision returns: the changes to store and a result for the caller. */
export interface LedgerOutcome<T> {
  readonly changes: LedgerChangeSet;
  readonly result: T;
}

/** What {@link LedgerRepository.transact} did. */
export type LedgerTransactResult<T> =
  | { readonly kind: 'applied'; readonly result: T }
  /** A new order's client order id was taken: nothing was stored; this is the existing order. */
  | { readonly kind: 'duplicate'; readonly order: LedgerOrderRecord };

/** Storage of the paper-trading ledger. */
export interface LedgerRepository {
  /** Creates an account with its limits, kill switch released; a taken id is a `conflict`. */
  createAccount(account: NewLedgerAccount): Promise<void>;
  /** The account, or null. */
  getAccount(accountId: string): Promise<LedgerAccountRecord | null>;
  /** Replaces an account's limits; false when the account is unknown. */
  setLimits(accountId: string, limits: LedgerLimitsRecord): Promise<boolean>;
  /** Engages or releases the operator kill switch; false when the account is unknown. */
  setKillSwitch(accountId: string, engaged: boolean): Promise<boolean>;
  /**
   * Runs `decide` on the account's state and stores its changes, in one transaction holding the
   * account row (`SELECT ... FOR UPDATE`), so decisions on one account are serial. A new order
   * whose client order id is taken stores nothing and returns the existing order. An unknown
   * account is a `not_found` GatewayError.
   */
  transact<T>(
    accountId: string,
    scope: LedgerScope,
    decide: (state: LedgerStateRecord) => LedgerOutcome<T>,
  ): Promise<LedgerTransactResult<T>>;
  /** The order with this client order id, or null. */
  findOrderByClientId(accountId: string, clientOrderId: string): Promise<LedgerOrderRecord | null>;
  /** The account's orders, oldest first. */
  listOrders(accountId: string): Promise<LedgerOrderRecord[]>;
  /** The account's fills, oldest first. */
  listFills(accountId: string): Promise<LedgerFillRecord[]>;
  /** The account's positions by symbol. */
  listPositions(accountId: string): Promise<LedgerPositionRecord[]>;
}

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

async function readAccount(
  db: Db,
  accountId: string,
  lock: boolean,
): Promise<LedgerAccountRecord | null> {
  const query = db.selectFrom('ledger_accounts').select(['id', 'cash']).where('id', '=', accountId);
  const account = await (lock ? query.forUpdate() : query).executeTakeFirst();
  if (!account) return null;
  const limits = await db
    .selectFrom('ledger_account_limits')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return {
    id: account.id,
    cash: account.cash,
    limits: toLimits(limits),
    killSwitch: limits?.kill_switch ?? false,
  };
}

async function readState(
  trx: Db,
  account: LedgerAccountRecord,
  scope: LedgerScope,
): Promise<LedgerStateRecord> {
  const orders = await trx
    .selectFrom('ledger_orders')
    .selectAll()
    .where('account_id', '=', account.id)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'accepted'),
        eb('created_at', '>=', new Date(scope.since)),
        ...(scope.clientOrderId === undefined
          ? []
          : [eb('client_order_id', '=', scope.clientOrderId)]),
      ]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const positions = await trx
    .selectFrom('ledger_positions')
    .selectAll()
    .where('account_id', '=', account.id)
    .orderBy('symbol')
    .execute();
  return { account, orders: orders.map(toOrder), positions: positions.map(toPosition) };
}

/** Builds the {@link LedgerRepository} over a database. */
export function createLedgerRepository(db: Pick<Database, 'kysely'>): LedgerRepository {
  const { kysely } = db;
  const findOrderByClientId = async (accountId: string, clientOrderId: string) => {
    const row = await kysely
      .selectFrom('ledger_orders')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('client_order_id', '=', clientOrderId)
      .executeTakeFirst();
    return row ? toOrder(row) : null;
  };
  return {
    async createAccount(account) {
      try {
        await kysely.transaction().execute(async (trx) => {
          await trx
            .insertInto('ledger_accounts')
            .values({ id: account.id, cash: account.cash, updated_at: new Date() })
            .execute();
          await trx
            .insertInto('ledger_account_limits')
            .values(limitsRow(account.id, account.limits))
            .execute();
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        throw new GatewayError(ErrorCode.Conflict, `ledger account ${account.id} already exists`, {
          details: { id: account.id },
          cause: err,
        });
      }
    },
    getAccount: (accountId) => readAccount(kysely, accountId, false),
    async setLimits(accountId, limits) {
      const result = await kysely
        .updateTable('ledger_account_limits')
        .set(limitsRow(accountId, limits))
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async setKillSwitch(accountId, engaged) {
      const result = await kysely
        .updateTable('ledger_account_limits')
        .set({ kill_switch: engaged, updated_at: new Date() })
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async transact(accountId, scope, decide) {
      try {
        const result = await kysely.transaction().execute(async (trx) => {
          const account = await readAccount(trx, accountId, true);
          if (!account)
            throw new GatewayError(ErrorCode.NotFound, `no ledger account ${accountId}`, {
              details: { accountId },
            });
          const outcome = decide(await readState(trx, account, scope));
          await applyLedgerChanges(trx, accountId, outcome.changes);
          return outcome.result;
        });
        return { kind: 'applied', result };
      } catch (err) {
        if (!(err instanceof DuplicateClientOrderId)) throw err;
        const order = await findOrderByClientId(accountId, err.clientOrderId);
        if (!order)
          throw new GatewayError(
            ErrorCode.Conflict,
            `client order id ${err.clientOrderId} is taken`,
            { cause: err },
          );
        return { kind: 'duplicate', order };
      }
    },
    findOrderByClientId,
    async listOrders(accountId) {
      const rows = await kysely
        .selectFrom('ledger_orders')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toOrder);
    },
    async listFills(accountId) {
      const rows = await kysely
        .selectFrom('ledger_fills')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('at')
        .orderBy('id')
        .execute();
      return rows.map(toFill);
    },
    async listPositions(accountId) {
      const rows = await kysely
        .selectFrom('ledger_positions')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('symbol')
        .execute();
      return rows.map(toPosition);
    },
  };
}

function limitsRow(accountId: string, limits: LedgerLimitsRecord) {
  return {
    account_id: accountId,
    max_order_quantity: limits.maxOrderQuantity,
    max_order_notional: limits.maxOrderNotional,
    max_orders_per_day: limits.maxOrdersPerDay,
    max_orders_per_minute: limits.maxOrdersPerMinute,
    updated_at: new Date(),
  };
}
