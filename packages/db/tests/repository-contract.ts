import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import { createApiKeyRepository, createAuditRepository, type Database } from '../src/index.js';
import { auditSamples } from './audit-samples.js';

/**
 * The behaviour both repositories promise, run against any database: PGlite in the unit tests,
 * real Postgres in the integration tests. `open` returns a fresh, migrated database; the
 * tables are emptied before each test.
 */
export function describeRepositories(label: string, open: () => Promise<Database>): void {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  beforeEach(async () => {
    await sql`truncate api_keys, audit_events`.execute(db.kysely);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  describe(`ApiKeyRepository (${label})`, () => {
    const key = {
      id: 'key_1',
      name: 'ci',
      prefix: 'spk_abcdefgh',
      keyHash: 'a'.repeat(64),
      scopes: ['tools:*'],
    };

    it('inserts, finds by hash, lists and revokes once', async () => {
      const keys = createApiKeyRepository(db);
      await keys.insert(key);
      const found = await keys.findActiveByHash(key.keyHash);
      expect(found).toMatchObject({
        id: 'key_1',
        name: 'ci',
        prefix: 'spk_abcdefgh',
        keyHash: key.keyHash,
        scopes: ['tools:*'],
        revokedAt: null,
        lastUsedAt: null,
      });
      expect(Date.parse(found!.createdAt)).not.toBeNaN();
      expect(await keys.findActiveByHash('b'.repeat(64))).toBeNull();

      expect(await keys.revoke('key_1')).toBe(true);
      expect(await keys.revoke('key_1')).toBe(false);
      expect(await keys.revoke('key_unknown')).toBe(false);
      expect(await keys.findActiveByHash(key.keyHash)).toBeNull();

      const listed = await keys.list();
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ id: 'key_1', scopes: ['tools:*'] });
      expect(listed[0]!.revokedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(listed[0]).not.toHaveProperty('keyHash');
    });

    it('rejects a duplicate id or hash as a conflict', async () => {
      const keys = createApiKeyRepository(db);
      await keys.insert(key);
      const dupHash = keys.insert({ ...key, id: 'key_2' });
      await expect(dupHash).rejects.toBeInstanceOf(GatewayError);
      await expect(dupHash).rejects.toMatchObject({ code: ErrorCode.Conflict });
      await expect(keys.insert({ ...key, keyHash: 'c'.repeat(64) })).rejects.toMatchObject({
        code: ErrorCode.Conflict,
      });
    });

    it('stores empty scopes and records last use', async () => {
      const keys = createApiKeyRepository(db);
      await keys.insert({ ...key, scopes: [] });
      await keys.touchLastUsed('key_1');
      const found = await keys.findActiveByHash(key.keyHash);
      expect(found?.scopes).toEqual([]);
      expect(found?.lastUsedAt).not.toBeNull();
    });
  });

  describe(`AuditRepository (${label})`, () => {
    it('round-trips events exactly, absent fields staying absent', async () => {
      const audit = createAuditRepository(db);
      const events = auditSamples(4);
      expect(await audit.insertMany(events)).toBe(4);
      expect(await audit.list()).toEqual(events);
      expect(await audit.list({ newestFirst: true, limit: 2 })).toEqual([events[3], events[2]]);
    });

    it('is idempotent when a batch is redelivered', async () => {
      const audit = createAuditRepository(db);
      const events = auditSamples(6);
      expect(await audit.insertMany(events.slice(0, 4))).toBe(4);
      expect(await audit.insertMany(events)).toBe(2);
      expect(await audit.insertMany(events)).toBe(0);
      expect(await audit.insertMany([])).toBe(0);
      expect(await audit.list({ limit: 1000 })).toHaveLength(6);
    });

    it('rejects a forked chain (another event at a taken producer seq) as a conflict', async () => {
      const audit = createAuditRepository(db);
      const [first] = auditSamples(1);
      await audit.insertMany([first!]);
      await expect(audit.insertMany([{ ...first!, id: 'other-id' }])).rejects.toMatchObject({
        code: ErrorCode.Conflict,
      });
    });

    it('filters, counts by request and finds the last event of a producer', async () => {
      const audit = createAuditRepository(db);
      await audit.insertMany([
        ...auditSamples(5, { requestId: 'req_x' }),
        ...auditSamples(3, { producer: 'recorder-b', fromSeq: 10 }),
      ]);
      expect(await audit.countByRequestId('req_x')).toBe(2);
      expect(await audit.countByRequestId('req_none')).toBe(0);
      expect((await audit.list({ requestId: 'req_x' })).map((e) => e.id)).toEqual([
        'recorder-a-2',
        'recorder-a-4',
      ]);
      expect(
        await audit.list({ sessionId: 'sess_1', principalId: 'key_1', kind: 'call' }),
      ).toHaveLength(3);
      expect(await audit.list({ kind: 'admin' })).toEqual([]);
      expect((await audit.lastForProducer('recorder-a'))?.seq).toBe(5);
      expect((await audit.lastForProducer('recorder-b'))?.id).toBe('recorder-b-12');
      expect(await audit.lastForProducer('nobody')).toBeNull();
    });

    it('inserts a batch larger than one statement holds', async () => {
      const audit = createAuditRepository(db);
      expect(await audit.insertMany(auditSamples(1200))).toBe(1200);
      expect((await audit.lastForProducer('recorder-a'))?.streamSeq).toBe(2200);
    });
  });
}
