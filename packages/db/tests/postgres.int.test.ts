import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase } from '@stockpulse/testkit';
import { createDatabase, type Database } from '../src/index.js';
import { describeRepositories } from './repository-contract.js';

/** A migrated database on a fresh Postgres database that is dropped when destroyed. */
async function openPostgres(): Promise<Database> {
  const target = await createTestDatabase();
  const db = await createDatabase({ url: target.url });
  await db.migrate();
  return {
    ...db,
    destroy: async () => {
      await db.destroy();
      await target.drop();
    },
  };
}

describeRepositories('postgres', openPostgres);

describe('migrate on Postgres', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function fresh(): Promise<string> {
    const target = await createTestDatabase();
    cleanup.push(() => target.drop());
    return target.url;
  }

  async function open(url: string, maxConnections?: number): Promise<Database> {
    const db = await createDatabase({ url, maxConnections });
    cleanup.push(() => db.destroy());
    return db;
  }

  async function applied(db: Database): Promise<string[]> {
    const { rows } = await sql<{
      name: string;
    }>`select name from kysely_migration order by name`.execute(db.kysely);
    return rows.map((r) => r.name);
  }

  it('is idempotent', async () => {
    const db = await open(await fresh());
    expect(db.dialect).toBe('postgres');
    await db.migrate();
    await db.migrate();
    expect(await applied(db)).toEqual(['0001-initial', '0002-ledger', '0003-trading']);
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
  });

  it('runs once when several processes migrate a fresh database at once', async () => {
    const url = await fresh();
    // Each Database has its own pool, so each is a separate session, as separate processes are.
    const dbs = await Promise.all(Array.from({ length: 5 }, () => open(url, 2)));
    const results = await Promise.allSettled(dbs.map((db) => db.migrate()));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await applied(dbs[0]!)).toEqual(['0001-initial', '0002-ledger', '0003-trading']);
  });

  it('creates the indexes and the producer chain constraint', async () => {
    const db = await open(await fresh());
    await db.migrate();
    const { rows } = await sql<{ indexname: string }>`
      select indexname from pg_indexes where tablename = 'audit_events' order by indexname`.execute(
      db.kysely,
    );
    expect(rows.map((r) => r.indexname)).toEqual([
      'audit_events_at_idx',
      'audit_events_pkey',
      'audit_events_producer_seq_key',
      'audit_events_request_id_idx',
    ]);
  });
});
