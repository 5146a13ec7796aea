import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDatabase, type Database } from './database.js';

describe('PGlite dialect', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createDatabase();
  });
  beforeEach(async () => {
    await sql`drop table if exists t`.execute(db.kysely);
    await sql`create table t (n int primary key)`.execute(db.kysely);
  });
  afterAll(async () => {
    await db.destroy();
  });

  const count = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from t`.execute(db.kysely)).rows[0]?.n;

  it('reports the dialect and affected rows', async () => {
    expect(db.dialect).toBe('pglite');
    const inserted = await sql`insert into t values (1), (2), (3)`.execute(db.kysely);
    expect(inserted.numAffectedRows).toBe(3n);
    const updated = await sql`update t set n = n + 10 where n > 1`.execute(db.kysely);
    expect(updated.numAffectedRows).toBe(2n);
    const selected = await sql`select n from t`.execute(db.kysely);
    expect(selected.numAffectedRows).toBeUndefined();
    expect(selected.rows).toHaveLength(3);
  });

  it('commits a transaction', async () => {
    await db.kysely.transaction().execute(async (trx) => {
      await sql`insert into t values (1)`.execute(trx);
    });
    expect(await count()).toBe(1);
  });

  it('rolls a failed transaction back', async () => {
    const failed = db.kysely.transaction().execute(async (trx) => {
      await sql`insert into t values (1)`.execute(trx);
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    expect(await count()).toBe(0);
  });

  it('rolls back to a savepoint', async () => {
    const trx = await db.kysely.startTransaction().execute();
    await sql`insert into t values (1)`.execute(trx);
    const sp = await trx.savepoint('before "two"').execute();
    await sql`insert into t values (2)`.execute(sp);
    await sp.rollbackToSavepoint('before "two"').execute();
    await trx.commit().execute();
    expect((await sql<{ n: number }>`select n from t`.execute(db.kysely)).rows).toEqual([{ n: 1 }]);
  });

  it('applies isolation settings', async () => {
    const level = await db.kysely
      .transaction()
      .setIsolationLevel('serializable')
      .setAccessMode('read only')
      .execute(
        async (trx) =>
          (
            await sql<{ l: string }>`select current_setting('transaction_isolation') as l`.execute(
              trx,
            )
          ).rows[0]?.l,
      );
    expect(level).toBe('serializable');
  });

  it('keeps concurrent callers out of an open transaction', async () => {
    let inside = false;
    const seen: boolean[] = [];
    const tx = db.kysely.transaction().execute(async (trx) => {
      inside = true;
      await sql`insert into t values (1)`.execute(trx);
      await new Promise((r) => setTimeout(r, 30));
      await sql`insert into t values (2)`.execute(trx);
      inside = false;
      throw new Error('undo');
    });
    // Issued while the transaction is open: must wait for it, and must not join it.
    const outside = (async () => {
      await new Promise((r) => setTimeout(r, 5));
      await sql`insert into t values (3)`.execute(db.kysely);
      seen.push(inside);
    })();
    await expect(tx).rejects.toThrow('undo');
    await outside;
    expect(seen).toEqual([false]);
    expect((await sql<{ n: number }>`select n from t`.execute(db.kysely)).rows).toEqual([{ n: 3 }]);
  });

  it('surfaces SQL errors and stays usable', async () => {
    await expect(sql`select * from missing_table`.execute(db.kysely)).rejects.toThrow(
      /missing_table/,
    );
    expect(await count()).toBe(0);
  });

  it('streams a query in chunks', async () => {
    await sql`insert into t select generate_series(1, 25)`.execute(db.kysely);
    const sizes: number[] = [];
    for await (const row of db.kysely
      .selectFrom('t' as never)
      .selectAll()
      .stream(10))
      sizes.push(row ? 1 : 0);
    expect(sizes).toHaveLength(25);
  });

  it('refuses use after destroy', async () => {
    const other = await createDatabase();
    await other.destroy();
    await expect(sql`select 1`.execute(other.kysely)).rejects.toThrow(/destroyed/);
  });
});
