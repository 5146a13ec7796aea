import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiKeyRepository } from './api-key-repository.js';
import { createDatabase } from './database.js';

describe('migrate on PGlite', () => {
  it('creates the tables, and running it again changes nothing', async () => {
    const db = await createDatabase();
    try {
      await db.migrate();
      await db.migrate();
      const tables = (await db.kysely.introspection.getTables()).map((t) => t.name).sort();
      expect(tables).toEqual([
        'api_keys',
        'audit_events',
        'consent_grants',
        'ledger_account_limits',
        'ledger_accounts',
        'ledger_fills',
        'ledger_orders',
        'ledger_positions',
        'order_previews',
        'watchlists',
      ]);
      const applied = await db.kysely
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute();
      expect(applied).toEqual([
        { name: '0001-initial' },
        { name: '0002-ledger' },
        { name: '0003-trading' },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it('survives concurrent calls in one process', async () => {
    const db = await createDatabase();
    try {
      await Promise.all([db.migrate(), db.migrate(), db.migrate()]);
      expect(await createApiKeyRepository(db).list()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('keeps data in a PGlite folder across restarts', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'db-pglite-'));
    const dir = join(parent, 'nested', 'data');
    try {
      const first = await createDatabase({ pgliteDir: dir });
      await first.migrate();
      await createApiKeyRepository(first).insert({
        id: 'k',
        name: 'n',
        prefix: 'p',
        keyHash: 'h',
        scopes: ['s'],
      });
      await first.destroy();

      const second = await createDatabase({ pgliteDir: dir });
      await second.migrate();
      expect((await createApiKeyRepository(second).list()).map((k) => k.id)).toEqual(['k']);
      await second.destroy();
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
