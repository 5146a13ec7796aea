import { sql, type Kysely, type Migration } from 'kysely';

/** The first schema: API keys and the audit projection. */
export const initialMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('scopes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('revoked_at', 'timestamptz')
      .addColumn('last_used_at', 'timestamptz')
      .addCheckConstraint('api_keys_scopes_is_array', sql`jsonb_typeof(scopes) = 'array'`)
      .execute();

    await db.schema
      .createTable('audit_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('stream_seq', 'bigint', (c) => c.notNull())
      .addColumn('producer', 'text', (c) => c.notNull())
      .addColumn('producer_seq', 'bigint', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('principal_id', 'text')
      .addColumn('session_id', 'text')
      .addColumn('request_id', 'text')
      .addColumn('trace_id', 'text')
      .addColumn('target', 'text')
      .addColumn('duration_ms', 'double precision')
      .addColumn('error_code', 'text')
      .addColumn('data', 'jsonb')
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('projected_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('audit_events_producer_seq_key', ['producer', 'producer_seq'])
      .execute();
    await db.schema
      .createIndex('audit_events_request_id_idx')
      .on('audit_events')
      .column('request_id')
      .execute();
    await db.schema.createIndex('audit_events_at_idx').on('audit_events').column('at').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('audit_events').execute();
    await db.schema.dropTable('api_keys').execute();
  },
};
