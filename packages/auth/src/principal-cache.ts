import {
  ErrorCode,
  GatewayError,
  silentLogger,
  subjects,
  type KeyRevokedEvent,
  type Logger,
  type Principal,
  type Reply,
} from '@stockpulse/protocol';
import type { Bus, Subscription } from '@stockpulse/bus';

/** Options of {@link createPrincipalCache}. */
export interface PrincipalCacheOptions {
  readonly bus: Bus;
  readonly logger?: Logger;
  /** Most principals kept; the oldest is dropped past it. */
  readonly maxEntries?: number;
  readonly verifyTimeoutMs?: number;
  /**
   * Serves requests that carry no credential as this principal instead of refusing them. For
   * local testing only (the conformance suite cannot send a key); a wrong key is still refused.
   */
  readonly anonymous?: Principal;
}

/**
 * The principal of requests without a credential when anonymous access is switched on (local
 * testing only): no scopes, never expires.
 */
export function anonymousPrincipal(): Principal {
  return { id: 'anonymous', name: 'anonymous', scopes: [], cacheUntil: Number.MAX_SAFE_INTEGER };
}

/** The edge's view of callers: verified once by the auth worker, then held in process. */
export interface PrincipalCache {
  /** The principal for a credential; throws `unauthenticated` for a bad one. */
  authenticate(credential: string): Promise<Principal>;
  readonly size: number;
  stop(): Promise<void>;
}

/**
 * Creates the edge's principal cache. A credential costs one bus round trip the first time and
 * none after, until the principal's `cacheUntil` passes or a revocation event names its key.
 */
export function createPrincipalCache(opts: PrincipalCacheOptions): PrincipalCache {
  const { bus } = opts;
  const logger = (opts.logger ?? silentLogger).child({ component: 'principal-cache' });
  const max = opts.maxEntries ?? 10_000;
  const cache = new Map<string, Principal>();
  const pending = new Map<string, Promise<Principal>>();
  // Revocation is final: a verification that was in flight when its key was revoked must not
  // put the principal back. Bounded; the oldest ids fall out (their cached entries are gone).
  const revoked = new Set<string>();
  const sub: Subscription = bus.subscribe(subjects.keyRevoked(), (msg) => {
    const { keyId } = msg.json<KeyRevokedEvent>();
    revoked.add(keyId);
    if (revoked.size > max) revoked.delete(revoked.values().next().value as string);
    for (const [cred, p] of cache) if (p.id === keyId) cache.delete(cred);
    logger.info({ keyId }, 'dropped revoked key');
  });

  const verify = async (credential: string): Promise<Principal> => {
    const reply = await bus.requestJson<Reply<Principal>>(
      subjects.authVerify(),
      { credential },
      { timeoutMs: opts.verifyTimeoutMs ?? 5_000 },
    );
    if (!reply.ok) throw GatewayError.fromData(reply.error);
    if (revoked.has(reply.value.id)) {
      throw new GatewayError(ErrorCode.Unauthenticated, 'invalid or revoked API key');
    }
    if (cache.size >= max) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(credential, reply.value);
    return reply.value;
  };

  return {
    authenticate(credential) {
      if (!credential) {
        if (opts.anonymous) return Promise.resolve(opts.anonymous);
        return Promise.reject(
          new GatewayError(ErrorCode.Unauthenticated, 'an API key is required'),
        );
      }
      const hit = cache.get(credential);
      if (hit && hit.cacheUntil > Date.now()) return Promise.resolve(hit);
      if (hit) cache.delete(credential);
      let p = pending.get(credential);
      if (!p) {
        p = verify(credential).finally(() => pending.delete(credential));
        pending.set(credential, p);
      }
      return p;
    },
    get size() {
      return cache.size;
    },
    stop: () => sub.drain(),
  };
}
