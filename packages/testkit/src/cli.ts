#!/usr/bin/env node
/**
 * The test kit's command line. `postgres`: starts a private Postgres server, prints
 * `TEST_DATABASE_URL=postgres://...` on stdout, and runs until SIGTERM or SIGINT, then stops the
 * server and removes its files.
 */
import { startAdminPostgres } from './postgres-start.js';

const [command] = process.argv.slice(2);
if (command !== 'postgres') {
  process.stderr.write('usage: testkit postgres\n');
  process.exit(2);
}

const server = await startAdminPostgres();
let stopping = false;
const shutdown = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
void server.exited.then(() => {
  if (stopping) return;
  process.stderr.write('testkit: postgres exited unexpectedly\n');
  process.exit(1);
});
process.stdout.write(`TEST_DATABASE_URL=${server.adminUrl}\n`);
