import type { Selectable } from 'kysely';
import type {
  LedgerAccountLimitsTable,
  LedgerFillsTable,
  LedgerOrdersTable,
  LedgerPositionsTable,
} from './database-schema.js';
import { toIso, toIsoOrNull } from './row-mapping.js';

/**
 * The ledger's records as the repository reads and writes them: the same shapes as the
 * `@stockpulse/ledger` types (declared here because infrastructure does not import the domain),
 * amounts as decimal strings, times as ISO strings.
 */

/** Limits of an account; `null` means none. */
export interface LedgerLimitsRecord {
  readonly maxOrderQuantity: string | null;
  readonly maxOrderNotional: string | null;
  readonly maxOrdersPerDay: number | null;
  readonly maxOrdersPerMinute: number | null;
}

/** A stored account with its limits and kill switch. */
export interface LedgerAccountRecord {
  readonly id: string;
  readonly cash: string;
  readonly limits: LedgerLimitsRecord;
  readonly killSwitch: boolean;
}

/** A stored order; the status and kinds are the ledger's values, guarded by check constraints. */
export interface LedgerOrderRecord {
  readonly id: string;
  readonly accountId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly type: 'market' | 'limit' | 'stop';
  readonly timeInForce: 'day' | 'gtc';
  readonly quantity: string;
  readonly limitPrice: string | null;
  readonly stopPrice: string | null;
  readonly status: 'accepted' | 'filled' | 'cancelled' | 'rejected' | 'expired';
  readonly reason: string | null;
  readonly filledQuantity: string;
  readonly averageFillPrice: string | null;
  readonly expiresAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A stored fill. */
export interface LedgerFillRecord {
  readonly id: string;
  readonly orderId: string;
  readonly accountId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly quantity: string;
  readonly price: string;
  readonly notional: string;
  readonly at: string;
}

/** A stored position. */
export interface LedgerPositionRecord {
  readonly accountId: string;
  readonly symbol: string;
  readonly quantity: string;
  readonly averageCost: string;
  readonly realizedPnl: string;
  readonly updatedAt: string;
}

/** What a decision reads: the account, its positions, and the orders in scope. */
export interface LedgerStateRecord {
  readonly account: LedgerAccountRecord;
  readonly positions: readonly LedgerPositionRecord[];
  readonly orders: readonly LedgerOrderRecord[];
}

/** What a decision writes: the new cash and the orders, fills and positions made or changed. */
export interface LedgerChangeSet {
  readonly cash: string;
  readonly orders: readonly LedgerOrderRecord[];
  readonly fills: readonly LedgerFillRecord[];
  readonly positions: readonly LedgerPositionRecord[];
}

/** Maps a limits row. */
export function toLimits(
  row: Selectable<LedgerAccountLimitsTable> | undefined,
): LedgerLimitsRecord {
  return {
    maxOrderQuantity: row?.max_order_quantity ?? null,
    maxOrderNotional: row?.max_order_notional ?? null,
    maxOrdersPerDay: row?.max_orders_per_day ?? null,
    maxOrdersPerMinute: row?.max_orders_per_minute ?? null,
  };
}

/** Maps an order row. */
export function toOrder(row: Selectable<LedgerOrdersTable>): LedgerOrderRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    clientOrderId: row.client_order_id,
    symbol: row.symbol,
    side: row.side as LedgerOrderRecord['side'],
    type: row.type as LedgerOrderRecord['type'],
    timeInForce: row.time_in_force as LedgerOrderRecord['timeInForce'],
    quantity: row.quantity,
    limitPrice: row.limit_price,
    stopPrice: row.stop_price,
    status: row.status as LedgerOrderRecord['status'],
    reason: row.reason,
    filledQuantity: row.filled_quantity,
    averageFillPrice: row.average_fill_price,
    expiresAt: toIsoOrNull(row.expires_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** Maps a fill row. */
export function toFill(row: Selectable<LedgerFillsTable>): LedgerFillRecord {
  return {
    id: row.id,
    orderId: row.order_id,
    accountId: row.account_id,
    symbol: row.symbol,
    side: row.side as LedgerFillRecord['side'],
    quantity: row.quantity,
    price: row.price,
    notional: row.notional,
    at: toIso(row.at),
  };
}

/** Maps a position row. */
export function toPosition(row: Selectable<LedgerPositionsTable>): LedgerPositionRecord {
  return {
    accountId: row.account_id,
    symbol: row.symbol,
    quantity: row.quantity,
    averageCost: row.average_cost,
    realizedPnl: row.realized_pnl,
    updatedAt: toIso(row.updated_at),
  };
}
