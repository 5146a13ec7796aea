import { sql, type Kysely, type Migration } from 'kysely';

/**
 * What the trading tools keep besides the ledger: watchlists (unique name per owner), order
 * previews (what a user saw, bound to a later placement until they expire), and standing
 * consent grants (a principal's permission to run a consent-gated tool without being asked).
 */
export const tradingMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('watchlists')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('symbols', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('watchlists_owner_name_key', ['owner_id', 'name'])
      .execute();

    await db.schema
      .createTable('order_previews')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('symbol', 'text', (c) => c.notNull())
      .addColumn('side', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('time_in_force', 'text', (c) => c.notNull())
      .addColumn('quantity', 'numeric', (c) => c.notNull())
      .addColumn('limit_price', 'numeric')
      .addColumn('stop_price', 'numeric')
      .addColumn('price', 'numeric', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('order_previews_expires_idx')
      .on('order_previews')
      .column('expires_at')
      .execute();

    await db.schema
      .createTable('consent_grants')
      .addColumn('principal_id', 'text', (c) => c.notNull())
      .addColumn('tool', 'text', (c) => c.notNull())
      .addColumn('granted_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('expires_at', 'timestamptz')
      .addPrimaryKeyConstraint('consent_grants_pkey', ['principal_id', 'tool'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('consent_grants').execute();
    await db.schema.dropTable('order_previews').execute();
    await db.schema.dropTable('watchlists').execute();
  },
};
