import { findContainerRuntime, startLoopbackContainer } from './container-runtime.js';
import { findPostgresBinDir } from './postgres-binaries.js';
import { startPostgresCluster } from './postgres-cluster.js';
import type { AdminPostgres, PostgresServer } from './postgres-server.js';

const SETTINGS = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];

async function startPostgresContainer(): Promise<AdminPostgres | undefined> {
  const tc = await findContainerRuntime();
  if (!tc) return undefined;
  const container = await startLoopbackContainer(tc, {
    image: 'postgres:16',
    command: ['postgres', ...SETTINGS],
    environment: { POSTGRES_HOST_AUTH_METHOD: 'trust' },
    port: 5432,
    readyLog: /database system is ready to accept connections/,
    readyLogTimes: 2, // the image's init script runs a first, temporary server
  });
  let stopping: Promise<void> | undefined;
  return {
    adminUrl: `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`,
    exited: new Promise(() => undefined),
    runSql: async (sql) => {
      const psql = ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-U', 'postgres', '-c', sql];
      const result = await container.exec(psql);
      if (result.exitCode !== 0) throw new Error(`psql failed in the container: ${result.output}`);
    },
    stop: () =>
      (stopping ??= (async () => {
        await container.stop();
      })()),
  };
}

/**
 * Starts a Postgres server the kit administers: a private cluster from the local binaries, else
 * a `postgres:16` container when a Docker engine answers.
 */
export async function startAdminPostgres(): Promise<AdminPostgres> {
  const binDir = findPostgresBinDir();
  if (binDir) return startPostgresCluster(binDir);
  const container = await startPostgresContainer();
  if (container) return container;
  throw new Error(
    'no Postgres binaries (initdb) and no Docker engine: run scripts/install-deps.sh --test, ' +
      'set POSTGRES_BIN_DIR, or set TEST_DATABASE_URL',
  );
}

/**
 * Starts a private Postgres server for a test run: a fresh cluster in a temp folder on a free
 * 127.0.0.1 port (trust auth, superuser `postgres`, tuned for speed over durability), or a
 * `postgres:16` container when no Postgres binaries exist and a Docker engine answers.
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const server = await startAdminPostgres();
  return { adminUrl: server.adminUrl, stop: () => server.stop() };
}
