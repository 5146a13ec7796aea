export { createDatabase, DatabaseDialect, type Database, type DatabaseConfig } from './database.js';
export type { DatabaseSchema, ApiKeysTable, AuditEventsTable } from './database-schema.js';
export {
  createApiKeyRepository,
  type ApiKeyRepository,
  type ApiKeyRecord,
  type ApiKeyListing,
  type NewApiKey,
} from './api-key-repository.js';
export {
  createAuditRepository,
  type AuditRepository,
  type AuditFilter,
  type ProjectedAuditEvent,
} from './audit-repository.js';
export type {
  LedgerAccountsTable,
  LedgerAccountLimitsTable,
  LedgerOrdersTable,
  LedgerFillsTable,
  LedgerPositionsTable,
} from './database-schema.js';
export {
  createLedgerRepository,
  type LedgerRepository,
  type NewLedgerAccount,
  type LedgerScope,
  type LedgerOutcome,
  type LedgerTransactResult,
} from './ledger-repository.js';
export type {
  LedgerLimitsRecord,
  LedgerAccountRecord,
  LedgerOrderRecord,
  LedgerFillRecord,
  LedgerPositionRecord,
  LedgerStateRecord,
  LedgerChangeSet,
} from './ledger-records.js';
export type { WatchlistsTable, OrderPreviewsTable, ConsentGrantsTable } from './database-schema.js';
export {
  createWatchlistRepository,
  type WatchlistRepository,
  type WatchlistRecord,
  type WatchlistPatch,
} from './watchlist-repository.js';
export {
  createOrderPreviewRepository,
  type OrderPreviewRepository,
  type OrderPreviewRecord,
} from './order-preview-repository.js';
export {
  createConsentGrantRepository,
  type ConsentGrantRepository,
  type ConsentGrantRecord,
} from './consent-grant-repository.js';
