import { randomBytes } from 'node:crypto';
import { findPsql } from './postgres-binaries.js';
import { startAdminPostgres } from './postgres-start.js';
import type { AdminPostgres } from './postgres-server.js';
import { createPsqlRunner } from './psql.js';

/** A fresh, empty database for one test; see {@link createTestDatabase}. */
export interface TestDatabase {
  /** A `postgres://` URL to the database. */
  readonly url: string;
  /** The database's name. */
  readonly name: string;
  /** Drops the database, closing any connection still open to it. Idempotent. */
  drop(): Promise<void>;
}

let privateServer: Promise<AdminPostgres> | undefined;
let counter = 0;

function externalServer(adminUrl: string): AdminPostgres {
  const psql = findPsql();
  if (!psql) {
    throw new Error('TEST_DATABASE_URL is set but psql was not found: install postgresql-client');
  }
  return {
    adminUrl,
    exited: new Promise(() => undefined),
    runSql: createPsqlRunner(psql, adminUrl),
    stop: async () => undefined,
  };
}

function adminServer(): Promise<AdminPostgres> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) return Promise.resolve(externalServer(given));
  // One private cluster per process, started on first use and stopped when the process ends.
  privateServer ??= startAdminPostgres();
  return privateServer;
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Creates a uniquely named, empty database. With `TEST_DATABASE_URL` (a superuser URL to a
 * server the test run controls) it is created there; otherwise in a private Postgres cluster
 * started once per process and reused.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = await adminServer();
  counter += 1;
  const suffix = `${Date.now().toString(36)}_${counter}_${randomBytes(3).toString('hex')}`;
  const name = `test_${process.pid}_${suffix}`;
  await server.runSql(`CREATE DATABASE "${name}"`);
  let dropping: Promise<void> | undefined;
  return {
    url: databaseUrl(server.adminUrl, name),
    name,
    drop: () => (dropping ??= server.runSql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}
