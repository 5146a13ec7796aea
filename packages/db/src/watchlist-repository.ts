import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import type { Selectable } from 'kysely';
import type { WatchlistsTable } from './database-schema.js';
import type { Database } from './database.js';
import { isUniqueViolation, toIso } from './row-mapping.js';

/** A stored watchlist: a named, ordered list of symbols belonging to one owner. */
export interface WatchlistRecord {
  readonly id: string;
  readonly ownerId: string;
  readonly name: string;
  readonly symbols: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a watchlist update changes; absent fields stay. */
export interface WatchlistPatch {
  readonly name?: string | undefined;
  readonly symbols?: readonly string[] | undefined;
}

/**
 * Storage of watchlists. Every method is scoped to an owner, so one owner never reads or
 * changes another's lists; names are unique per owner (a taken name is a `conflict`).
 */
export interface WatchlistRepository {
  create(list: {
    id: string;
    ownerId: string;
    name: string;
    symbols: readonly string[];
  }): Promise<WatchlistRecord>;
  /** The owner's lists, by name. */
  list(ownerId: string): Promise<WatchlistRecord[]>;
  get(ownerId: string, id: string): Promise<WatchlistRecord | null>;
  /** The updated list, or null when the owner has no list with this id. */
  update(ownerId: string, id: string, patch: WatchlistPatch): Promise<WatchlistRecord | null>;
  /** False when the owner has no list with this id. */
  delete(ownerId: string, id: string): Promise<boolean>;
}

function toWatchlist(row: Selectable<WatchlistsTable>): WatchlistRecord {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    symbols: row.symbols,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function nameTaken(name: string, cause: unknown): GatewayError {
  return new GatewayError(ErrorCode.Conflict, `a watchlist named ${name} already exists`, {
    details: { name },
    cause,
  });
}

/** Builds the {@link WatchlistRepository} over a database. */
export function createWatchlistRepository(db: Pick<Database, 'kysely'>): WatchlistRepository {
  const { kysely } = db;
  return {
    async create(list) {
      try {
        const row = await kysely
          .insertInto('watchlists')
          .values({
            id: list.id,
            owner_id: list.ownerId,
            name: list.name,
            symbols: JSON.stringify(list.symbols),
            updated_at: new Date(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toWatchlist(row);
      } catch (err) {
        if (isUniqueViolation(err)) throw nameTaken(list.name, err);
        throw err;
      }
    },
    async list(ownerId) {
      const rows = await kysely
        .selectFrom('watchlists')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .orderBy('name')
        .execute();
      return rows.map(toWatchlist);
    },
    async get(ownerId, id) {
      const row = await kysely
        .selectFrom('watchlists')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toWatchlist(row) : null;
    },
    async update(ownerId, id, patch) {
      try {
        const row = await kysely
          .updateTable('watchlists')
          .set({
            ...(patch.name === undefined ? {} : { name: patch.name }),
            ...(patch.symbols === undefined ? {} : { symbols: JSON.stringify(patch.symbols) }),
            updated_at: new Date(),
          })
          .where('owner_id', '=', ownerId)
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        return row ? toWatchlist(row) : null;
      } catch (err) {
        if (isUniqueViolation(err)) throw nameTaken(patch.name ?? '', err);
        throw err;
      }
    },
    async delete(ownerId, id) {
      const result = await kysely
        .deleteFrom('watchlists')
        .where('owner_id', '=', ownerId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
