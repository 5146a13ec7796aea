import { Migrator, type Kysely } from 'kysely';
import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import { inCodeMigrationProvider } from './migrations/migration-provider.js';

/**
 * Brings the schema to the latest migration. Idempotent; on Postgres several processes may run
 * it at once, as Kysely's migrator serializes them with an advisory lock and each migration runs
 * in a transaction. Throws the first migration failure as an internal GatewayError.
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider: inCodeMigrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((r) => r.status === 'Error')?.migrationName;
  const message = error instanceof Error ? error.message : JSON.stringify(error);
  throw new GatewayError(ErrorCode.Internal, `database migration failed: ${message}`, {
    details: { migration: failed ?? null },
    cause: error,
  });
}
