import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  startNats,
  type TestDatabase,
  type TestNats,
} from '@stockpulse/testkit';
import {
  ErrorCode,
  GatewayError,
  Header,
  Stream,
  provisioning,
  subjects,
  type CreatedKey,
  type KeyInfo,
  type KeyRevokedEvent,
  type Principal,
  type Reply,
} from '@stockpulse/protocol';
import { createBus, type Bus, type HeaderMap } from '@stockpulse/bus';
import {
  createApiKeyRepository,
  createDatabase,
  type ApiKeyRepository,
  type Database,
} from '@stockpulse/db';
import { createAuditRecorder, type AuditRecorder } from '@stockpulse/audit';
import {
  ADMIN_SCOPE,
  createKeyAdmin,
  createPrincipalCache,
  hashCredential,
  startAuthWorker,
  type AuthWorker,
  type DurableAudit,
  type KeyAdmin,
  type PrincipalCache,
} from '../src/index.js';

let nats: TestNats;
let bus: Bus;
let spyBus: Bus;
let target: TestDatabase;
let db: Database;
let keys: ApiKeyRepository;
let recorder: AuditRecorder;
let admin: KeyAdmin;
let worker: AuthWorker;
let cache: PrincipalCache;
/** Admin audit inputs, in order; each was also recorded durably on the audit stream. */
const audited: Array<Parameters<DurableAudit>[0]> = [];
/** authVerify requests seen on the bus by a plain (non-queue) subscriber. */
let verifies = 0;

beforeAll(async () => {
  nats = await startNats();
  bus = await createBus({ url: nats.url, name: 'auth-test' });
  await bus.provision(provisioning);
  spyBus = await createBus({ url: nats.url, name: 'auth-test-spy' });
  spyBus.subscribe(subjects.authVerify(), () => {
    verifies += 1;
  });
  await spyBus.flush();
  target = await createTestDatabase();
  db = await createDatabase({ url: target.url });
  await db.migrate();
  keys = createApiKeyRepository(db);
  recorder = createAuditRecorder({ bus, producer: 'auth-test' });
  admin = createKeyAdmin(keys, async (input) => {
    audited.push(input);
    await recorder.recordDurable(input);
  });
  worker = await startAuthWorker({ bus, keys, admin, principalTtlMs: 60_000 });
  cache = createPrincipalCache({ bus, verifyTimeoutMs: 2_000 });
  await bus.flush();
});

afterAll(async () => {
  await cache?.stop();
  await worker?.stop();
  await recorder?.close();
  await spyBus?.close();
  await bus?.close();
  await db?.destroy();
  await target?.drop();
  await nats?.stop();
});

/** authVerify requests seen so far, once the bus has delivered everything sent before. */
async function verifyCount(): Promise<number> {
  await bus.flush();
  await spyBus.flush();
  return verifies;
}

async function rejection(p: Promise<unknown>): Promise<GatewayError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    return err as GatewayError;
  }
  throw new Error('expected a rejection');
}

function adminRequest<T>(
  action: 'create' | 'revoke' | 'list',
  payload: unknown,
  headers?: HeaderMap,
  on: Bus = bus,
): Promise<Reply<T>> {
  return on.requestJson<Reply<T>>(subjects.adminKeys(action), payload, {
    timeoutMs: 5_000,
    ...(headers ? { headers } : {}),
  });
}

const as = (id: string, ...scopes: string[]): HeaderMap => ({
  [Header.PrincipalId]: id,
  [Header.PrincipalScopes]: scopes.join(','),
});

describe('verification and the principal cache', () => {
  it('authenticates a valid key with its id, name and scopes', async () => {
    const created = await admin.create({ name: 'reader', scopes: ['tools', 'quotes'] });
    const before = Date.now();
    const p = await cache.authenticate(created.key);
    expect(p).toMatchObject({ id: created.id, name: 'reader', scopes: ['tools', 'quotes'] });
    expect(p.cacheUntil).toBeGreaterThan(before + 50_000);
    expect(p.cacheUntil).toBeLessThanOrEqual(Date.now() + 60_000);
    // The verification is recorded as the key's last use.
    await expect
      .poll(async () => (await admin.list()).find((k) => k.id === created.id)?.lastUsedAt)
      .toBeTruthy();
  });

  it('refuses a wrong key with unauthenticated', async () => {
    const err = await rejection(cache.authenticate(`spk_${'x'.repeat(43)}`));
    expect(err.code).toBe(ErrorCode.Unauthenticated);
    expect(err.retryable).toBe(false);
  });

  it('refuses an empty credential without asking the bus', async () => {
    const before = await verifyCount();
    expect((await rejection(cache.authenticate(''))).code).toBe(ErrorCode.Unauthenticated);
    expect(await verifyCount()).toBe(before);
  });

  it('answers a known credential from the cache, without a bus round trip', async () => {
    const created = await admin.create({ name: 'cached' });
    const before = await verifyCount();
    const first = await cache.authenticate(created.key);
    expect(await verifyCount()).toBe(before + 1);
    for (let i = 0; i < 5; i++) expect(await cache.authenticate(created.key)).toEqual(first);
    expect(await verifyCount()).toBe(before + 1);
  });

  it('shares one round trip between concurrent first calls of one credential', async () => {
    const created = await admin.create({ name: 'concurrent' });
    const before = await verifyCount();
    const all = await Promise.all(
      Array.from({ length: 10 }, () => cache.authenticate(created.key)),
    );
    expect(new Set(all.map((p) => p.id))).toEqual(new Set([created.id]));
    expect(await verifyCount()).toBe(before + 1);
  });

  it('answers a malformed verify request with invalid_params', async () => {
    const reply = await bus.requestJson<Reply<Principal>>(
      subjects.authVerify(),
      { credential: 5 },
      { timeoutMs: 2_000 },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: ErrorCode.InvalidParams } });
  });
});

describe('revocation', () => {
  it('revokes over the admin subject, announces it on the events stream, and the cache drops the key', async () => {
    const created = await admin.create({ name: 'to-revoke', scopes: ['tools'] });
    const other = await admin.create({ name: 'stays' });
    await cache.authenticate(created.key);
    await cache.authenticate(other.key);
    const announced: KeyRevokedEvent[] = [];
    const sub = spyBus.subscribe(subjects.keyRevoked(), (m) => {
      announced.push(m.json<KeyRevokedEvent>());
    });
    await spyBus.flush();

    const reply = await adminRequest<{ id: string; revokedAt: string }>('revoke', {
      id: created.id,
    });
    expect(reply).toMatchObject({ ok: true, value: { id: created.id } });
    await expect.poll(() => announced.map((e) => e.keyId)).toEqual([created.id]);
    expect(Date.parse(announced[0]!.revokedAt)).not.toBeNaN();
    sub.unsubscribe();

    // The next call goes back to the worker, which refuses the revoked key.
    const before = await verifyCount();
    await expect
      .poll(async () => await cache.authenticate(created.key).catch((e: GatewayError) => e.code))
      .toBe(ErrorCode.Unauthenticated);
    expect(await verifyCount()).toBeGreaterThan(before);
    // Other keys stay cached.
    const afterRevoke = await verifyCount();
    expect((await cache.authenticate(other.key)).id).toBe(other.id);
    expect(await verifyCount()).toBe(afterRevoke);
    expect(audited.at(-1)).toMatchObject({
      action: 'key.revoke',
      outcome: 'ok',
      target: created.id,
      principalId: 'operator',
    });
  });

  it('keeps the revocation event in the events stream', async () => {
    const created = await admin.create({ name: 'revoked-in-stream' });
    expect((await adminRequest('revoke', { id: created.id })).ok).toBe(true);
    const durable = `test-revocations-${randomUUID().slice(0, 8)}`;
    await bus.provision({
      streams: [],
      consumers: [
        {
          stream: Stream.Events,
          durable,
          description: 'test',
          ackWaitMs: 30_000,
          maxDeliver: -1,
          filterSubject: subjects.keyRevoked(),
        },
      ],
      buckets: [],
    });
    const seen: KeyRevokedEvent[] = [];
    let stopping: Promise<void> | undefined;
    const ref: { stop?: () => Promise<void> } = {};
    const handle = await bus.consume(
      Stream.Events,
      durable,
      async (m) => {
        seen.push(m.json<KeyRevokedEvent>());
        m.ack();
        // Stopping from inside the handler spares the wait for the next fetch to expire.
        if (seen.some((e) => e.keyId === created.id)) stopping ??= ref.stop?.();
      },
      { batch: 1 },
    );
    ref.stop = () => handle.stop();
    await expect.poll(() => seen.map((e) => e.keyId)).toContain(created.id);
    await (stopping ?? handle.stop());
  });

  it('reports an unknown or already revoked key as not_found, and a missing id as invalid_params', async () => {
    const created = await admin.create({ name: 'twice' });
    expect((await adminRequest('revoke', { id: created.id })).ok).toBe(true);
    expect(await adminRequest('revoke', { id: created.id })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.NotFound },
    });
    expect(await adminRequest('revoke', { id: 'key_nope' })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.NotFound },
    });
    expect(await adminRequest('revoke', {})).toMatchObject({
      ok: false,
      error: { code: ErrorCode.InvalidParams },
    });
  });
});

describe('admin subjects', () => {
  it('refuse a principal without the admin scope, and change nothing', async () => {
    const victim = await admin.create({ name: 'victim' });
    const listed = (await admin.list()).length;
    const caller = as('key_caller', 'tools', 'administrator');
    for (const [action, payload] of [
      ['create', { name: 'sneaky', scopes: [ADMIN_SCOPE] }],
      ['revoke', { id: victim.id }],
      ['list', {}],
    ] as const) {
      const reply = await adminRequest(action, payload, caller);
      expect(reply, action).toMatchObject({
        ok: false,
        error: { code: ErrorCode.Forbidden, retryable: false },
      });
    }
    expect(
      await adminRequest('create', { name: 'no-scopes' }, { [Header.PrincipalId]: 'key_caller' }),
    ).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Forbidden },
    });
    expect((await admin.list()).length).toBe(listed);
    expect((await cache.authenticate(victim.key)).id).toBe(victim.id);
  });

  it('serve an admin principal and record it as the actor', async () => {
    const reply = await adminRequest<CreatedKey>(
      'create',
      { name: 'by-admin', scopes: ['tools'] },
      as('key_boss', 'tools', ADMIN_SCOPE),
    );
    expect(reply.ok).toBe(true);
    const created = (reply as { value: CreatedKey }).value;
    expect(created).toMatchObject({ name: 'by-admin', scopes: ['tools'] });
    expect(audited.at(-1)).toMatchObject({
      action: 'key.create',
      target: created.id,
      principalId: 'key_boss',
    });
    expect((await cache.authenticate(created.key)).id).toBe(created.id);
  });

  it('validate a create request', async () => {
    expect(await adminRequest('create', { name: '' })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.InvalidParams },
    });
    expect(await adminRequest('create', { name: 'x', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.InvalidParams },
    });
  });

  it('list keys without their secrets or hashes', async () => {
    const created = await admin.create({ name: 'listed' });
    const reply = await adminRequest<KeyInfo[]>('list', {});
    expect(reply.ok).toBe(true);
    const list = (reply as { value: KeyInfo[] }).value;
    expect(list.find((k) => k.id === created.id)).toMatchObject({
      name: 'listed',
      prefix: created.key.slice(0, 12),
      revokedAt: null,
    });
    const text = JSON.stringify(list);
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(hashCredential(created.key));
  });
});

describe('ensureBootstrapKey', () => {
  const bootstrapRows = async (key: string) =>
    (await admin.list()).filter(
      (k) => k.prefix === key.slice(0, 12) && k.name === 'bootstrap admin',
    );

  it('registers an admin key once, however often it is called', async () => {
    const key = `boot-${randomUUID()}`;
    const auditedBefore = audited.filter((a) => a.action === 'key.bootstrap').length;
    await admin.ensureBootstrapKey(key);
    await admin.ensureBootstrapKey(key);
    expect(await bootstrapRows(key)).toHaveLength(1);
    expect((await cache.authenticate(key)).scopes).toEqual([ADMIN_SCOPE]);
    expect(audited.filter((a) => a.action === 'key.bootstrap')).toHaveLength(auditedBefore + 1);
  });

  it('tolerates two replicas registering the same key at once', async () => {
    // A second replica: its own pool, as another process would have.
    const otherDb = await createDatabase({ url: target.url });
    try {
      const otherAdmin = createKeyAdmin(createApiKeyRepository(otherDb), async () => undefined);
      const otherKeys = createApiKeyRepository(otherDb);
      // Open connections first, so every call's lookup runs before any insert lands.
      await Promise.all(
        Array.from({ length: 4 }, () => Promise.all([keys.list(), otherKeys.list()])),
      );
      for (let round = 0; round < 3; round++) {
        const key = `boot-${randomUUID()}`;
        const results = await Promise.allSettled(
          Array.from({ length: 4 }, () => [
            admin.ensureBootstrapKey(key),
            otherAdmin.ensureBootstrapKey(key),
          ]).flat(),
        );
        expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
        expect(await bootstrapRows(key)).toHaveLength(1);
        expect(await keys.findActiveByHash(hashCredential(key))).not.toBeNull();
      }
    } finally {
      await otherDb.destroy();
    }
  });

  it('refuses a short key, and does not bring back a revoked one', async () => {
    expect((await rejection(admin.ensureBootstrapKey('too-short'))).code).toBe(
      ErrorCode.InvalidParams,
    );
    const key = `boot-${randomUUID()}`;
    await admin.ensureBootstrapKey(key);
    const row = await keys.findActiveByHash(hashCredential(key));
    await admin.revoke(row!.id);
    expect((await rejection(admin.ensureBootstrapKey(key))).code).toBe(ErrorCode.Conflict);
    expect(await keys.findActiveByHash(hashCredential(key))).toBeNull();
  });
});

describe('principal expiry and a revocation racing a verification', () => {
  let nats3: TestNats;
  let bus3: Bus;
  let verifies3 = 0;

  beforeAll(async () => {
    nats3 = await startNats();
    bus3 = await createBus({ url: nats3.url, name: 'auth-test-3' });
    await bus3.provision(provisioning);
    bus3.subscribe(subjects.authVerify(), () => {
      verifies3 += 1;
    });
  });

  afterAll(async () => {
    await bus3?.close();
    await nats3?.stop();
  });

  it('asks the worker again once a principal’s cacheUntil has passed', async () => {
    const shortWorker = await startAuthWorker({ bus: bus3, keys, admin, principalTtlMs: 300 });
    const shortCache = createPrincipalCache({ bus: bus3 });
    try {
      const created = await admin.create({ name: 'short-lived' });
      await bus3.flush();
      const before = verifies3;
      await shortCache.authenticate(created.key);
      await shortCache.authenticate(created.key);
      await bus3.flush();
      expect(verifies3).toBe(before + 1);
      await new Promise((r) => setTimeout(r, 350));
      await shortCache.authenticate(created.key);
      await bus3.flush();
      expect(verifies3).toBe(before + 2);
    } finally {
      await shortCache.stop();
      await shortWorker.stop();
    }
  });

  it('refuses, and does not cache, a principal whose key was revoked while it was being verified', async () => {
    // A slow auth worker, played by a plain responder on the real bus: its first answer was read
    // from the database before the revocation and is sent after the revocation event;
    // afterwards the database says the key is revoked.
    let calls = 0;
    const slowWorker = bus3.subscribe(subjects.authVerify(), async (m) => {
      calls += 1;
      if (calls > 1) {
        const error = { code: ErrorCode.Unauthenticated, message: 'revoked', retryable: false };
        m.respond(JSON.stringify({ ok: false, error }));
        return;
      }
      const event: KeyRevokedEvent = { keyId: 'key_race', revokedAt: new Date().toISOString() };
      await bus3.jsPublish(subjects.keyRevoked(), JSON.stringify(event), {
        msgId: `race-${randomUUID()}`,
      });
      await new Promise((r) => setTimeout(r, 100));
      const principal: Principal = {
        id: 'key_race',
        name: 'race',
        scopes: [],
        cacheUntil: Date.now() + 60_000,
      };
      m.respond(JSON.stringify({ ok: true, value: principal }));
    });
    const raceCache = createPrincipalCache({ bus: bus3 });
    try {
      await bus3.flush();
      // Revoked while in flight: refused at once, and not cached for later.
      expect((await rejection(raceCache.authenticate('spk_race'))).code).toBe(
        ErrorCode.Unauthenticated,
      );
      expect((await rejection(raceCache.authenticate('spk_race'))).code).toBe(
        ErrorCode.Unauthenticated,
      );
      expect(raceCache.size).toBe(0);
    } finally {
      await raceCache.stop();
      slowWorker.unsubscribe();
    }
  });
});
