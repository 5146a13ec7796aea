import { createHash } from 'node:crypto';
import {
  QueueGroup,
  resourceSubscriptionsBucket,
  silentLogger,
  subjects,
  type Logger,
} from '@stockpulse/protocol';
import type { Bus, KvStore, Subscription } from '@stockpulse/bus';
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

/** Opens the registry over the subscriptions bucket. */
export async function createSubscriptionRegistry(bus: Bus): Promise<SubscriptionRegistry> {
  const kv: KvStore = await bus.kv(resourceSubscriptionsBucket.bucket);
  return {
    async subscribe(sessionId, uri) {
      await kv.put(`${uriToken(uri)}.${sessionId}`, JSON.stringify({ uri, sessionId }));
    },
    async unsubscribe(sessionId, uri) {
      const key = `${uriToken(uri)}.${sessionId}`;
      if (!(await kv.get(key))) return false;
      await kv.delete(key);
      return true;
    },
    async subscribers(uri) {
      const token = uriToken(uri);
      const keys = await kv.keys(`${token}.*`);
      return keys.map((k) => k.slice(token.length + 1));
    },
  };
}

/** Drops the subscriptions of a session that has ended. */
async function forget(bus: Bus, uri: string, sessionId: string): Promise<void> {
  const kv = await bus.kv(resourceSubscriptionsBucket.bucket);
  await kv.delete(`${uriToken(uri)}.${sessionId}`);
}

/**
 * Fans a resource update out to the sessions subscribed to it: each gets
 * `notifications/resources/updated` on its session subject (its GET stream, legacy SSE stream or
 * WebSocket). Edges share the work in one queue group; a session that has ended loses its
 * subscription on the way.
 */
export function startUpdateFanout(
  bus: Bus,
  registry: SubscriptionRegistry,
  sessions: SessionStore,
  logger: Logger = silentLogger,
): Subscription {
  return bus.subscribe(
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
}
