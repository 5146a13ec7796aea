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
