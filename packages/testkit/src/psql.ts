import { runCommand } from './run-command.js';

/**
 * A function that runs one SQL command through `psql` against `url`, without psqlrc, stopping at
 * the first error.
 */
export function createPsqlRunner(psql: string, url: string): (sql: string) => Promise<void> {
  return async (sql) => {
    await runCommand(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], {
      env: { ...process.env, PGCONNECT_TIMEOUT: '10' },
      timeoutMs: 60_000,
    });
  };
}
