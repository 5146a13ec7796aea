import {
  sessionsBucket,
  silentLogger,
  type Logger,
  type SessionRecord,
} from '@stockpulse/protocol';
import type { Bus, KvStore } from '@stockpulse/bus';

/** Sessions of the session-based revisions: kept in NATS KV, cached in each edge. */
export interface SessionStore {
  create(record: SessionRecord): Promise<void>;
  /** The session, or null when no edge knows it. */
  get(id: string): Promise<SessionRecord | null>;
  /** Ends a session everywhere; false if it did not exist. */
  delete(id: string): Promise<boolean>;
  stop(): void;
}

/**
 * Creates the session store. A session lives in the sessions bucket so any edge can serve any
 * request of it; each edge keeps a bounded cache and drops entries when the bucket says a
 * session was deleted, so a lookup costs a bus round trip only on an edge's first sight of it.
 */
export async function createSessionStore(
  bus: Bus,
  opts: { maxCached?: number; logger?: Logger } = {},
): Promise<SessionStore> {
  const logger = opts.logger ?? silentLogger;
  const max = opts.maxCached ?? 10_000;
  const kv: KvStore = await bus.kv(sessionsBucket.bucket);
  const cache = new Map<string, SessionRecord>();
  const remember = (s: SessionRecord): void => {
    if (cache.size >= max) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(s.id, s);
  };
  const stop = await kv.watch(
    (e) => {
      if (e.operation !== 'PUT') {
        cache.delete(e.key);
        logger.debug({ sessionId: e.key }, 'session ended elsewhere');
      }
    },
    { updatesOnly: true },
  );
  return {
    async create(record) {
      await kv.create(record.id, JSON.stringify(record));
      remember(record);
    },
    async get(id) {
      const hit = cache.get(id);
      if (hit) return hit;
      const e = await kv.get(id);
      if (!e) return null;
      const record = e.json<SessionRecord>();
      remember(record);
      return record;
    },
    async delete(id) {
      const existed = cache.has(id) || (await kv.get(id)) !== null;
      cache.delete(id);
      if (existed) await kv.delete(id);
      return existed;
    },
    stop,
  };
}
