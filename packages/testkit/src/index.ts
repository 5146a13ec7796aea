export { startNats, type TestNats } from './test-nats.js';
export { createTestDatabase, type TestDatabase } from './test-database.js';
export { startPostgresServer } from './postgres-start.js';
export type { PostgresServer } from './postgres-server.js';
export { findPostgresBinDir, findPsql } from './postgres-binaries.js';
