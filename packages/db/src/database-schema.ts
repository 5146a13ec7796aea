import type { ColumnType } from 'kysely';

/**
 * Row types of the tables, as Kysely sees them. Timestamps read back as `Date`; `bigint` reads
 * back as a string from `pg` and a number from PGlite, so repositories convert with `Number()`.
 * `jsonb` columns are written as JSON text (both drivers pass it through unchanged) and read
 * back parsed.
 */

/** A timestamp the database fills in on insert. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A nullable timestamp set later by an update. */
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
/** A `bigint` column. */
type Int8 = ColumnType<string | number, number | bigint | string, never>;
/** A `jsonb` column holding `T`, written as JSON text (`null` stays SQL null). */
type Jsonb<T> = ColumnType<
  T,
  null extends T ? string | null : string,
  null extends T ? string | null : string
>;

/** Table `api_keys`: API keys by the sha256 of the whole key; the key itself is never stored. */
export interface ApiKeysTable {
  id: string;
  name: string;
  /** First characters of the key, for display. */
  prefix: string;
  /** sha256 hex of the whole key; unique. */
  key_hash: string;
  scopes: Jsonb<string[]>;
  created_at: CreatedAt;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

/** Table `audit_events`: the searchable projection of the audit stream; unique per event id. */
export interface AuditEventsTable {
  id: string;
  stream_seq: Int8;
  producer: string;
  producer_seq: Int8;
  kind: string;
  action: string;
  outcome: string;
  principal_id: string | null;
  session_id: string | null;
  request_id: string | null;
  trace_id: string | null;
  target: string | null;
  duration_ms: number | null;
  error_code: string | null;
  data: Jsonb<Record<string, unknown> | null>;
  at: ColumnType<Date, Date | string, never>;
  prev_hash: string;
  hash: string;
  projected_at: CreatedAt;
}

/** A `numeric` column: read and written as a decimal string, never a binary float. */
type Numeric = ColumnType<string, string, string>;
/** A `numeric` column that may be null. */
type NullableNumeric = ColumnType<string | null, string | null | undefined, string | null>;
/** A timestamp the caller supplies and may change. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Table `ledger_accounts`: paper-trading accounts; `cash >= 0` is a check constraint. */
export interface LedgerAccountsTable {
  id: string;
  cash: Numeric;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** Table `ledger_account_limits`: one row per account, its limits (null: none) and kill switch. */
export interface LedgerAccountLimitsTable {
  account_id: string;
  max_order_quantity: NullableNumeric;
  max_order_notional: NullableNumeric;
  max_orders_per_day: number | null;
  max_orders_per_minute: number | null;
  kill_switch: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: Timestamp;
}

/** Table `ledger_orders`: every order, rejected ones included; unique (account_id, client_order_id). */
export interface LedgerOrdersTable {
  id: string;
  account_id: string;
  client_order_id: string;
  symbol: string;
  side: string;
  type: string;
  time_in_force: string;
  quantity: Numeric;
  limit_price: NullableNumeric;
  stop_price: NullableNumeric;
  status: string;
  reason: string | null;
  filled_quantity: Numeric;
  average_fill_price: NullableNumeric;
  expires_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  created_at: ColumnType<Date, Date | string, never>;
  updated_at: Timestamp;
}

/** Table `ledger_fills`: executions; append-only. */
export interface LedgerFillsTable {
  id: string;
  order_id: string;
  account_id: string;
  symbol: string;
  side: string;
  quantity: Numeric;
  price: Numeric;
  notional: Numeric;
  at: ColumnType<Date, Date | string, never>;
}

/** Table `ledger_positions`: holdings by (account_id, symbol); `quantity >= 0` is a check constraint. */
export interface LedgerPositionsTable {
  account_id: string;
  symbol: string;
  quantity: Numeric;
  average_cost: Numeric;
  realized_pnl: Numeric;
  updated_at: Timestamp;
}

/** Table `watchlists`: named lists of symbols per owner; unique (owner_id, name). */
export interface WatchlistsTable {
  id: string;
  owner_id: string;
  name: string;
  symbols: Jsonb<string[]>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** Table `order_previews`: previewed orders and the price seen, until `expires_at`. */
export interface OrderPreviewsTable {
  id: string;
  account_id: string;
  symbol: string;
  side: string;
  type: string;
  time_in_force: string;
  quantity: Numeric;
  limit_price: NullableNumeric;
  stop_price: NullableNumeric;
  price: Numeric;
  created_at: ColumnType<Date, Date | string, never>;
  expires_at: ColumnType<Date, Date | string, never>;
}

/** Table `consent_grants`: standing consent of a principal for one tool; primary key (principal_id, tool). */
export interface ConsentGrantsTable {
  principal_id: string;
  tool: string;
  granted_by: string;
  created_at: CreatedAt;
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** Every table of the gateway's database. */
export interface DatabaseSchema {
  api_keys: ApiKeysTable;
  audit_events: AuditEventsTable;
  ledger_accounts: LedgerAccountsTable;
  ledger_account_limits: LedgerAccountLimitsTable;
  ledger_orders: LedgerOrdersTable;
  ledger_fills: LedgerFillsTable;
  ledger_positions: LedgerPositionsTable;
  watchlists: WatchlistsTable;
  order_previews: OrderPreviewsTable;
  consent_grants: ConsentGrantsTable;
}
