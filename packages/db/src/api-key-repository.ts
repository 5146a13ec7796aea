import { ErrorCode, GatewayError, type KeyInfo } from '@stockpulse/protocol';
import { sql, type Selectable } from 'kysely';
import type { ApiKeysTable } from './database-schema.js';
import type { Database } from './database.js';
import { isUniqueViolation, toIso, toIsoOrNull, violatedConstraint } from './row-mapping.js';

/** What is stored of a new API key; never the key itself. */
export interface NewApiKey {
  readonly id: string;
  readonly name: string;
  /** First characters of the key, for display. */
  readonly prefix: string;
  /** sha256 hex of the whole key. */
  readonly keyHash: string;
  readonly scopes: readonly string[];
}

/** A stored API key. */
export interface ApiKeyRecord extends KeyInfo {
  readonly keyHash: string;
  readonly lastUsedAt: string | null;
}

/** An API key as listed to operators: {@link KeyInfo} and when it was last used. */
export type ApiKeyListing = KeyInfo & { readonly lastUsedAt: string | null };

/** Storage of API keys. */
export interface ApiKeyRepository {
  /** Stores a key; a taken id or hash is a `conflict` GatewayError. */
  insert(key: NewApiKey): Promise<void>;
  /** The unrevoked key with this hash, or null. */
  findActiveByHash(keyHash: string): Promise<ApiKeyRecord | null>;
  /** Revokes a key; false when the id is unknown or the key was already revoked. */
  revoke(id: string): Promise<boolean>;
  /** Every key, revoked ones included, oldest first. */
  list(): Promise<ApiKeyListing[]>;
  /** Records that the key was just used. */
  touchLastUsed(id: string): Promise<void>;
}

function toListing(row: Selectable<ApiKeysTable>): ApiKeyListing {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: toIso(row.created_at),
    revokedAt: toIsoOrNull(row.revoked_at),
    lastUsedAt: toIsoOrNull(row.last_used_at),
  };
}

/** Builds the {@link ApiKeyRepository} over a database. */
export function createApiKeyRepository(db: Pick<Database, 'kysely'>): ApiKeyRepository {
  const { kysely } = db;
  return {
    async insert(key) {
      try {
        await kysely
          .insertInto('api_keys')
          .values({
            id: key.id,
            name: key.name,
            prefix: key.prefix,
            key_hash: key.keyHash,
            scopes: JSON.stringify(key.scopes),
          })
          .execute();
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        throw new GatewayError(ErrorCode.Conflict, `api key ${key.id} already exists`, {
          details: { id: key.id, constraint: violatedConstraint(err) ?? null },
          cause: err,
        });
      }
    },
    async findActiveByHash(keyHash) {
      const row = await kysely
        .selectFrom('api_keys')
        .selectAll()
        .where('key_hash', '=', keyHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row ? { ...toListing(row), keyHash: row.key_hash } : null;
    },
    async revoke(id) {
      const result = await kysely
        .updateTable('api_keys')
        .set({ revoked_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async list() {
      const rows = await kysely
        .selectFrom('api_keys')
        .selectAll()
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toListing);
    },
    async touchLastUsed(id) {
      await kysely
        .updateTable('api_keys')
        .set({ last_used_at: sql<Date>`now()` })
        .where('id', '=', id)
        .execute();
    },
  };
}
