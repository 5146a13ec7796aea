import { ErrorCode, GatewayError, type AuditEvent, type AuditKind } from '@stockpulse/protocol';
import type { Insertable, Selectable } from 'kysely';
import type { AuditEventsTable } from './database-schema.js';
import type { Database } from './database.js';
import {
  isDataException,
  isUniqueViolation,
  toIso,
  toNumber,
  violatedConstraint,
} from './row-mapping.js';

/** An audit event with its position in the audit stream, as the projection stores it. */
export type ProjectedAuditEvent = AuditEvent & { readonly streamSeq: number };

/** Which projected events {@link AuditRepository.list} returns; filters combine with AND. */
export interface AuditFilter {
  readonly requestId?: string;
  readonly sessionId?: string;
  readonly principalId?: string;
  readonly kind?: AuditKind;
  /** At most this many (default 100, capped at 1000). */
  readonly limit?: number;
  /** Newest first instead of stream order. */
  readonly newestFirst?: boolean;
}

/** The searchable projection of the audit stream. */
export interface AuditRepository {
  /**
   * Stores events in one transaction and returns how many were new. An event whose id is
   * already stored is skipped, so a redelivered batch is harmless; a different event at a
   * taken (producer, seq) is a `conflict` GatewayError, as it means a forked chain.
   */
  insertMany(events: readonly ProjectedAuditEvent[]): Promise<number>;
  countByRequestId(requestId: string): Promise<number>;
  list(filter?: AuditFilter): Promise<ProjectedAuditEvent[]>;
  /** The producer's event with the highest seq, or null when it has none. */
  lastForProducer(producer: string): Promise<ProjectedAuditEvent | null>;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
/** Rows per INSERT: 19 parameters each stays far below Postgres's 65535. */
const CHUNK = 500;

function toRow(e: ProjectedAuditEvent): Insertable<AuditEventsTable> {
  return {
    id: e.id,
    stream_seq: e.streamSeq,
    producer: e.producer,
    producer_seq: e.seq,
    kind: e.kind,
    action: e.action,
    outcome: e.outcome,
    principal_id: e.principalId ?? null,
    session_id: e.sessionId ?? null,
    request_id: e.requestId ?? null,
    trace_id: e.traceId ?? null,
    target: e.target ?? null,
    duration_ms: e.durationMs ?? null,
    error_code: e.errorCode ?? null,
    data: e.data === undefined ? null : JSON.stringify(e.data),
    at: e.at,
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

/** Maps a row back to the event as published: absent optional fields stay absent. */
function toEvent(row: Selectable<AuditEventsTable>): ProjectedAuditEvent {
  return {
    id: row.id,
    streamSeq: toNumber(row.stream_seq),
    producer: row.producer,
    seq: toNumber(row.producer_seq),
    kind: row.kind as AuditKind,
    action: row.action,
    outcome: row.outcome as AuditEvent['outcome'],
    ...(row.principal_id !== null && { principalId: row.principal_id }),
    ...(row.session_id !== null && { sessionId: row.session_id }),
    ...(row.request_id !== null && { requestId: row.request_id }),
    ...(row.trace_id !== null && { traceId: row.trace_id }),
    ...(row.target !== null && { target: row.target }),
    ...(row.duration_ms !== null && { durationMs: row.duration_ms }),
    ...(row.error_code !== null && { errorCode: row.error_code }),
    ...(row.data !== null && { data: row.data }),
    at: toIso(row.at),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

/** Builds the {@link AuditRepository} over a database. */
export function createAuditRepository(db: Pick<Database, 'kysely'>): AuditRepository {
  const { kysely } = db;
  return {
    async insertMany(events) {
      if (events.length === 0) return 0;
      try {
        return await kysely.transaction().execute(async (trx) => {
          let inserted = 0;
          for (let i = 0; i < events.length; i += CHUNK) {
            const result = await trx
              .insertInto('audit_events')
              .values(events.slice(i, i + CHUNK).map(toRow))
              .onConflict((oc) => oc.column('id').doNothing())
              .executeTakeFirst();
            inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
          }
          return inserted;
        });
      } catch (err) {
        if (isDataException(err)) {
          throw new GatewayError(ErrorCode.InvalidParams, 'audit event cannot be stored', {
            details: { sqlstate: (err as { code: string }).code },
            cause: err,
          });
        }
        if (!isUniqueViolation(err)) throw err;
        throw new GatewayError(ErrorCode.Conflict, 'audit event conflicts with a stored event', {
          details: { constraint: violatedConstraint(err) ?? null },
          cause: err,
        });
      }
    },
    async countByRequestId(requestId) {
      const row = await kysely
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('request_id', '=', requestId)
        .executeTakeFirstOrThrow();
      return toNumber(row.n);
    },
    async list(filter = {}) {
      let query = kysely.selectFrom('audit_events').selectAll();
      if (filter.requestId !== undefined) query = query.where('request_id', '=', filter.requestId);
      if (filter.sessionId !== undefined) query = query.where('session_id', '=', filter.sessionId);
      if (filter.principalId !== undefined)
        query = query.where('principal_id', '=', filter.principalId);
      if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
      const order = filter.newestFirst ? 'desc' : 'asc';
      const rows = await query
        .orderBy('stream_seq', order)
        .limit(clampLimit(filter.limit))
        .execute();
      return rows.map(toEvent);
    },
    async lastForProducer(producer) {
      const row = await kysely
        .selectFrom('audit_events')
        .selectAll()
        .where('producer', '=', producer)
        .orderBy('producer_seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toEvent(row) : null;
    },
  };
}
