import {
  ErrorCode,
  GatewayError,
  Header,
  QueueGroup,
  silentLogger,
  subjects,
  type KeyCreateRequest,
  type KeyRevokedEvent,
  type Logger,
  type Principal,
  type Reply,
  type VerifyRequest,
} from '@stockpulse/protocol';
import type { Bus, BusMessage, Subscription } from '@stockpulse/bus';
import type { ApiKeyRepository } from '@stockpulse/db';
import { SchemaName, validate } from '@stockpulse/schemas';
import { hashCredential } from './key-material.js';
import { ADMIN_SCOPE, type KeyAdmin } from './key-admin.js';

/** Options of {@link startAuthWorker}. */
export interface AuthWorkerOptions {
  readonly bus: Bus;
  readonly keys: ApiKeyRepository;
  readonly admin: KeyAdmin;
  readonly logger?: Logger;
  /** How long an edge may keep a verified principal (ms). */
  readonly principalTtlMs: number;
}

/** A running auth worker. */
export interface AuthWorker {
  stop(): Promise<void>;
}

async function answer<T>(msg: BusMessage, work: () => Promise<T>): Promise<void> {
  let reply: Reply<T>;
  try {
    reply = { ok: true, value: await work() };
  } catch (err) {
    reply = { ok: false, error: GatewayError.from(err).toData() };
  }
  msg.respond(JSON.stringify(reply));
}

/** Admin requests carry the caller's principal; only admin-scoped callers may change keys. */
function requireAdmin(msg: BusMessage): string {
  const scopes = (msg.header(Header.PrincipalScopes) ?? '').split(',');
  const id = msg.header(Header.PrincipalId);
  // Requests from inside the trusted bus (the CLI) carry no principal and act as the operator.
  if (!id) return 'operator';
  if (!scopes.includes(ADMIN_SCOPE))
    throw new GatewayError(ErrorCode.Forbidden, 'admin scope required');
  return id;
}

/**
 * Starts the auth worker: verifies credentials for edges (which then cache the principal), and
 * serves key administration. A revocation is announced on the events stream so edges drop the
 * principal at once.
 */
export async function startAuthWorker(opts: AuthWorkerOptions): Promise<AuthWorker> {
  const { bus, keys, admin } = opts;
  const logger = (opts.logger ?? silentLogger).child({ component: 'auth' });
  const subs: Subscription[] = [];
  const queue = { queue: QueueGroup.Auth };
  subs.push(
    bus.subscribe(
      subjects.authVerify(),
      (msg) =>
        answer<Principal>(msg, async () => {
          const { credential } = validate<VerifyRequest>(SchemaName.VerifyRequest, msg.json());
          const row = await keys.findActiveByHash(hashCredential(credential));
          if (!row) throw new GatewayError(ErrorCode.Unauthenticated, 'invalid or revoked API key');
          // Verifications happen once per key and edge per cache period, so this write is rare.
          keys.touchLastUsed(row.id).catch((err: unknown) => {
            logger.warn({ keyId: row.id, err: String(err) }, 'recording key use failed');
          });
          return {
            id: row.id,
            name: row.name,
            scopes: row.scopes,
            cacheUntil: Date.now() + opts.principalTtlMs,
          };
        }),
      queue,
    ),
    bus.subscribe(
      subjects.adminKeys('create'),
      (msg) =>
        answer(msg, async () => {
          const actor = requireAdmin(msg);
          const input = validate<KeyCreateRequest>(SchemaName.KeyCreateRequest, msg.json());
          return admin.create(input, actor);
        }),
      queue,
    ),
    bus.subscribe(
      subjects.adminKeys('revoke'),
      (msg) =>
        answer(msg, async () => {
          const actor = requireAdmin(msg);
          const { id } = msg.json<{ id: string }>();
          if (typeof id !== 'string' || !id)
            throw new GatewayError(ErrorCode.InvalidParams, 'id is required');
          const revoked = await admin.revoke(id, actor);
          const event: KeyRevokedEvent = { keyId: id, revokedAt: revoked.revokedAt };
          await bus.jsPublish(subjects.keyRevoked(), JSON.stringify(event), {
            msgId: `revoke-${id}`,
          });
          return revoked;
        }),
      queue,
    ),
    bus.subscribe(
      subjects.adminKeys('list'),
      (msg) =>
        answer(msg, async () => {
          requireAdmin(msg);
          return admin.list();
        }),
      queue,
    ),
  );
  logger.info({}, 'auth worker started');
  return {
    stop: async () => {
      await Promise.all(subs.map((s) => s.drain()));
    },
  };
}
