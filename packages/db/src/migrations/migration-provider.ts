import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './0001-initial.js';
import { ledgerMigration } from './0002-ledger.js';
import { tradingMigration } from './0003-trading.js';

/**
 * Every migration, by name. Names sort in the order they run; a migration once released is
 * never edited, only followed by a new one.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-initial': initialMigration,
  '0002-ledger': ledgerMigration,
  '0003-trading': tradingMigration,
};

/** A Kysely migration provider over the migrations compiled into this package. */
export const inCodeMigrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...migrations }),
};
