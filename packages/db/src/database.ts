import { mkdir } from 'node:fs/promises';
import { Kysely, PostgresDialect, type Dialect } from 'kysely';
import { silentLogger, type Logger } from '@stockpulse/protocol';
import type { DatabaseSchema } from './database-schema.js';
import { migrateToLatest } from './migrate.js';
import { PgliteDialect } from './pglite-dialect.js';

/** Which engine a {@link Database} runs on. */
export const DatabaseDialect = {
  Postgres: 'postgres',
  Pglite: 'pglite',
} as const;
export type DatabaseDialect = (typeof DatabaseDialect)[keyof typeof DatabaseDialect];

/** Where the database lives: a Postgres URL, a PGlite data folder, or neither (in-memory PGlite). */
export interface DatabaseConfig {
  /** A `postgres://` URL; wins over `pgliteDir`. */
  readonly url?: string | undefined;
  /** Folder of an embedded PGlite database, created if missing. */
  readonly pgliteDir?: string | undefined;
  /** Most connections the `pg` pool opens (default 10). */
  readonly maxConnections?: number | undefined;
  /** Receives errors of idle pool connections, which would otherwise crash the process. */
  readonly logger?: Logger | undefined;
}

/** An open database: Kysely over `pg` or PGlite, with its migrations. */
export interface Database {
  readonly kysely: Kysely<DatabaseSchema>;
  readonly dialect: DatabaseDialect;
  /** Applies pending migrations; idempotent and safe to run from several processes at once. */
  migrate(): Promise<void>;
  /** Closes the pool or the PGlite instance; the database is unusable afterwards. */
  destroy(): Promise<void>;
}

/** A dialect and what closing it takes beyond `Kysely.destroy()`. */
interface OpenedDialect {
  readonly name: DatabaseDialect;
  readonly dialect: Dialect;
  /** Kysely destroys a driver only once it was used; this also covers the never-used case. */
  readonly afterDestroy: () => Promise<void>;
}

async function openPostgres(config: DatabaseConfig & { url: string }): Promise<OpenedDialect> {
  // Loaded on demand, so an embedded gateway never loads pg and a Postgres one never loads PGlite.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: config.url, max: config.maxConnections ?? 10 });
  const logger = (config.logger ?? silentLogger).child({ component: 'db' });
  pool.on('error', (err) => logger.warn({ err: err.message }, 'idle postgres connection failed'));
  const dialect = new PostgresDialect({ pool });
  // An unused pool holds no connections, so there is nothing more to close.
  return { name: DatabaseDialect.Postgres, dialect, afterDestroy: async () => undefined };
}

async function openPglite(dataDir: string | undefined): Promise<OpenedDialect> {
  const { PGlite } = await import('@electric-sql/pglite');
  // PGlite makes only the last folder of the path; `memory://` and the like are not folders.
  if (dataDir !== undefined && !/^[a-z]+:\/\//.test(dataDir))
    await mkdir(dataDir, { recursive: true });
  const client = dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir);
  return {
    name: DatabaseDialect.Pglite,
    dialect: new PgliteDialect(client),
    afterDestroy: async () => {
      if (!client.closed) await client.close();
    },
  };
}

/** Opens the database the config names. Does not migrate: call {@link Database.migrate}. */
export async function createDatabase(config: DatabaseConfig = {}): Promise<Database> {
  const opened = config.url
    ? await openPostgres({ ...config, url: config.url })
    : await openPglite(config.pgliteDir);
  const kysely = new Kysely<DatabaseSchema>({ dialect: opened.dialect });
  let destroyed: Promise<void> | undefined;
  return {
    kysely,
    dialect: opened.name,
    migrate: () => migrateToLatest(kysely as Kysely<unknown>),
    destroy: () => (destroyed ??= kysely.destroy().then(opened.afterDestroy)),
  };
}
