import { createHash } from 'node:crypto';
import {
  QueueGroup,
  resourceSubscriptionsBucket,
  silentLogger,
  subjects,
  type Logger,
} from '@stockpulse/protocol';
import type { Bus, KvStore } from '@stockpulse/bus';
import type { SessionStore } from './session-store.js';

/** The resource subscriptions of every session, kept in NATS KV so any edge can serve them. */
export interface SubscriptionRegistry {
  subscribe(sessionId: string, uri: string): Promise<void>;
  /** False when the session was not subscribed to the URI. */
  unsubscribe(sessionId: string, uri: string): Promise<boolean>;
  /** The sessions subscribed to a URI. */
  subscribers(uri: string): Promise<string[]>;
}

/** The key token of a URI: URIs are not subject-safe, a digest is. */
function uriToken(uri: string): string {
  return createHash('sha256').update(uri).digest('hex').slice(0, 40);
}

/**
 * Opens the registry over the subscriptions bucket. Each edge keeps an index of the bucket, fed
 * by a watch, so finding the subscribers of a URI costs no bus round trip however often a
 * resource changes.
 */
export async function createSubscriptionRegistry(
  bus: Bus,
): Promise<SubscriptionRegistry & { stop(): void }> {
  const kv: KvStore = await bus.kv(resourceSubscriptionsBucket.bucket);
  const byUri = new Map<string, Set<string>>();
  const byKey = new Map<string, { uri: string; sessionId: string }>();
  const add = (key: string, uri: string, sessionId: string): void => {
    byKey.set(key, { uri, sessionId });
    let set = byUri.get(uri);
    if (!set) byUri.set(uri, (set = new Set()));
    set.add(sessionId);
  };
  const remove = (key: string): void => {
    const entry = byKey.get(key);
    if (!entry) return;
    byKey.delete(key);
    const set = byUri.get(entry.uri);
    set?.delete(entry.sessionId);
    if (set?.size === 0) byUri.delete(entry.uri);
  };
  const stop = await kv.watch((e) => {
    if (e.operation !== 'PUT') return remove(e.key);
    try {
      const v = e.json<{ uri?: unknown; sessionId?: unknown }>();
      if (typeof v.uri === 'string' && typeof v.sessionId === 'string') {
        add(e.key, v.uri, v.sessionId);
      }
    } catch {
      // Not a subscription entry; nothing to index.
    }
  });
  return {
    async subscribe(sessionId, uri) {
      const key = `${uriToken(uri)}.${sessionId}`;
      await kv.put(key, JSON.stringify({ uri, sessionId }));
      add(key, uri, sessionId);
    },
    async unsubscribe(sessionId, uri) {
      const key = `${uriToken(uri)}.${sessionId}`;
      const known = byKey.has(key) || (await kv.get(key)) !== null;
      if (known) await kv.delete(key);
      remove(key);
      return known;
    },
    async subscribers(uri) {
      return [...(byUri.get(uri) ?? [])];
    },
    stop,
  };
}

/** Drops the subscriptions of a session that has ended. */
async function forget(bus: Bus, uri: string, sessionId: string): Promise<void> {
  const kv = await bus.kv(resourceSubscriptionsBucket.bucket);
  await kv.delete(`${uriToken(uri)}.${sessionId}`);
}

const LIST_CHANGED: Record<string, string> = {
  tools: 'notifications/tools/list_changed',
  resources: 'notifications/resources/list_changed',
  prompts: 'notifications/prompts/list_changed',
};

/**
 * Fans events out to client sessions, shared by the edges in one queue group:
 * - a resource update goes to the sessions subscribed to it, as
 *   `notifications/resources/updated` (a session that has ended loses its subscription);
 * - a change of what clients can list goes to every session, as `list_changed` notifications.
 * Each lands on the session subject, so on the session's GET stream, legacy SSE stream or
 * WebSocket, whichever edge holds it.
 */
export function startFanout(
  bus: Bus,
  registry: SubscriptionRegistry,
  sessions: SessionStore,
  logger: Logger = silentLogger,
): { stop(): void } {
  const updates = bus.subscribe(
    subjects.resourceUpdated(),
    async (msg) => {
      const { uri } = msg.json<{ uri?: unknown }>();
      if (typeof uri !== 'string' || !uri) return;
      const notification = JSON.stringify({
        jsonrpc: '2.0',
        method: 'notifications/resources/updated',
        params: { uri },
      });
      for (const sessionId of await registry.subscribers(uri)) {
        if (await sessions.get(sessionId)) {
          bus.publish(subjects.sessionOut(sessionId), notification);
        } else {
          await forget(bus, uri, sessionId).catch(() => undefined);
          logger.debug({ sessionId, uri }, 'subscription of an ended session dropped');
        }
      }
    },
    { queue: QueueGroup.Fanout },
  );
  const lists = bus.subscribe(
    subjects.registryChanged(),
    async (msg) => {
      const { kinds } = msg.json<{ kinds?: unknown }>();
      if (!Array.isArray(kinds)) return;
      const methods = kinds.map((k) => LIST_CHANGED[String(k)]).filter(Boolean);
      if (methods.length === 0) return;
      const ids = await sessions.ids();
      for (const sessionId of ids) {
        for (const method of methods) {
          bus.publish(subjects.sessionOut(sessionId), JSON.stringify({ jsonrpc: '2.0', method }));
        }
      }
      logger.info({ kinds, sessions: ids.length }, 'list changes announced');
    },
    { queue: QueueGroup.Fanout },
  );
  return {
    stop: () => {
      updates.unsubscribe();
      lists.unsubscribe();
    },
  };
}
