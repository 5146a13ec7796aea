import {
  ErrorCode,
  GatewayError,
  sessionsBucket,
  silentLogger,
  type Logger,
  type SessionRecord,
} from '@stockpulse/protocol';
import type { Bus, KvStore } from '@stockpulse/bus';

/** Sessions of the session-based revisions: kept in NATS KV, cached in each edge. */
export interface SessionStore {
  /** Opens a session; `unavailable` when the gateway holds its maximum of sessions. */
  create(record: SessionRecord): Promise<void>;
  /** The session, or null when no edge knows it (never opened, ended, or idle too long). */
  get(id: string): Promise<SessionRecord | null>;
  /** Replaces a session's record (a legacy session learns its revision at initialize). */
  update(record: SessionRecord): Promise<void>;
  /** The ids of every live session, on every edge. */
  ids(): Promise<string[]>;
  /** Ends a session everywhere; false if it did not exist. */
  delete(id: string): Promise<boolean>;
  stop(): void;
}

/** Options of {@link createSessionStore}. */
export interface SessionStoreOptions {
  /** Most sessions the gateway holds at once (all edges together). */
  readonly maxSessions?: number;
  /**
   * A session unused this long ends. It must match the sessions bucket's TTL, which is what
   * removes the entry; edges refresh an entry in use well before that.
   */
  readonly idleMs?: number;
  /** Most sessions one edge caches; the oldest is dropped past it. */
  readonly maxCached?: number;
  readonly logger?: Logger;
}

interface Cached {
  readonly record: SessionRecord;
  /** When this edge last confirmed the entry in KV (ms). */
  readonly checkedAt: number;
}

/**
 * Creates the session store. A session lives in the sessions bucket so any edge can serve any
 * request of it. Each edge keeps a bounded cache: a lookup costs a bus round trip on an edge's
 * first sight of a session and then at most once per refresh interval, when the edge also
 * rewrites an entry in use so the bucket's TTL does not end it. A delete anywhere is seen through
 * the bucket's watch, and so is any change to a session.
 */
export async function createSessionStore(
  bus: Bus,
  opts: SessionStoreOptions = {},
): Promise<SessionStore> {
  const logger = opts.logger ?? silentLogger;
  const maxCached = opts.maxCached ?? 10_000;
  const maxSessions = opts.maxSessions ?? 10_000;
  const idleMs = opts.idleMs ?? 0;
  // Confirm against KV often enough that an expired session is noticed within a quarter of the
  // idle time, and rewrite entries in use once they are half-way to expiring.
  const refreshMs = idleMs > 0 ? Math.min(idleMs / 4, 60_000) : Number.POSITIVE_INFINITY;
  const kv: KvStore = await bus.kv(sessionsBucket.bucket);
  const cache = new Map<string, Cached>();
  const remember = (c: Cached): void => {
    cache.delete(c.record.id);
    if (cache.size >= maxCached) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(c.record.id, c);
  };
  const stop = await kv.watch(
    (e) => {
      // Ended or changed (a log level, a legacy session's revision) on some edge: read it again
      // on next use. A refresh that only rewrites the entry costs the same single re-read.
      cache.delete(e.key);
      if (e.operation !== 'PUT') logger.debug({ sessionId: e.key }, 'session ended elsewhere');
    },
    { updatesOnly: true },
  );
  return {
    async create(record) {
      // The bucket's count includes delete markers, so it can only overstate; when it reaches the
      // cap, count the live sessions exactly (rare, and only then O(sessions)).
      if ((await kv.count()) >= maxSessions && (await kv.keys()).length >= maxSessions) {
        throw new GatewayError(
          ErrorCode.Unavailable,
          'the gateway holds its maximum number of sessions; retry later',
          {
            details: { maxSessions },
          },
        );
      }
      await kv.create(record.id, JSON.stringify(record));
      const now = Date.now();
      remember({ record, checkedAt: now });
    },
    async get(id) {
      const now = Date.now();
      const hit = cache.get(id);
      if (hit && now - hit.checkedAt < refreshMs) return hit.record;
      const e = await kv.get(id);
      if (!e) {
        cache.delete(id);
        return null;
      }
      const record = hit?.record ?? e.json<SessionRecord>();
      if (idleMs > 0 && now - e.createdAt > idleMs / 2) await kv.put(id, JSON.stringify(record));
      remember({ record, checkedAt: now });
      return record;
    },
    async update(record) {
      await kv.put(record.id, JSON.stringify(record));
      remember({ record, checkedAt: Date.now() });
    },
    ids: () => kv.keys(),
    async delete(id) {
      const existed = cache.has(id) || (await kv.get(id)) !== null;
      cache.delete(id);
      if (existed) await kv.delete(id);
      return existed;
    },
    stop,
  };
}
