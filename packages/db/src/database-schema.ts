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

/** Every table of the gateway's database. */
export interface DatabaseSchema {
  api_keys: ApiKeysTable;
  audit_events: AuditEventsTable;
}
