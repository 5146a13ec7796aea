import type { Selectable } from 'kysely';
import type { ConsentGrantsTable } from './database-schema.js';
import type { Database } from './database.js';
import { toIso, toIsoOrNull } from './row-mapping.js';

/** A standing consent: `principalId` may run `tool` without being asked, until `expiresAt`. */
export interface ConsentGrantRecord {
  readonly principalId: string;
  readonly tool: string;
  /** Who granted it (an operator's principal id, or `test`, `cli`, ...). */
  readonly grantedBy: string;
  readonly createdAt: string;
  /** Null: until revoked. */
  readonly expiresAt: string | null;
}

/**
 * Storage of standing consent grants, one per (principal, tool). Granting again replaces the
 * grant; an expired grant is never returned.
 */
export interface ConsentGrantRepository {
  grant(grant: {
    principalId: string;
    tool: string;
    grantedBy: string;
    expiresAt?: string | null | undefined;
  }): Promise<ConsentGrantRecord>;
  /** False when there was no grant. */
  revoke(principalId: string, tool: string): Promise<boolean>;
  /** The grant in force at `now`, or null. */
  find(principalId: string, tool: string, now: Date): Promise<ConsentGrantRecord | null>;
  /** The principal's grants in force at `now`, by tool. */
  list(principalId: string, now: Date): Promise<ConsentGrantRecord[]>;
}

function toGrant(row: Selectable<ConsentGrantsTable>): ConsentGrantRecord {
  return {
    principalId: row.principal_id,
    tool: row.tool,
    grantedBy: row.granted_by,
    createdAt: toIso(row.created_at),
    expiresAt: toIsoOrNull(row.expires_at),
  };
}

/** Builds the {@link ConsentGrantRepository} over a database. */
export function createConsentGrantRepository(db: Pick<Database, 'kysely'>): ConsentGrantRepository {
  const { kysely } = db;
  return {
    async grant(g) {
      const values = { granted_by: g.grantedBy, expires_at: g.expiresAt ?? null };
      const row = await kysely
        .insertInto('consent_grants')
        .values({ principal_id: g.principalId, tool: g.tool, ...values })
        .onConflict((oc) => oc.columns(['principal_id', 'tool']).doUpdateSet(values))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toGrant(row);
    },
    async revoke(principalId, tool) {
      const result = await kysely
        .deleteFrom('consent_grants')
        .where('principal_id', '=', principalId)
        .where('tool', '=', tool)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async find(principalId, tool, now) {
      const row = await kysely
        .selectFrom('consent_grants')
        .selectAll()
        .where('principal_id', '=', principalId)
        .where('tool', '=', tool)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .executeTakeFirst();
      return row ? toGrant(row) : null;
    },
    async list(principalId, now) {
      const rows = await kysely
        .selectFrom('consent_grants')
        .selectAll()
        .where('principal_id', '=', principalId)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .orderBy('tool')
        .execute();
      return rows.map(toGrant);
    },
  };
}
