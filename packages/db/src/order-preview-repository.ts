import type { Selectable } from 'kysely';
import type { OrderPreviewsTable } from './database-schema.js';
import type { Database } from './database.js';
import { toIso } from './row-mapping.js';

/** A previewed order: what the user saw (the order and its price) and until when it binds. */
export interface OrderPreviewRecord {
  readonly id: string;
  readonly accountId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly type: 'market' | 'limit' | 'stop';
  readonly timeInForce: 'day' | 'gtc';
  readonly quantity: string;
  readonly limitPrice: string | null;
  readonly stopPrice: string | null;
  /** The market price shown in the preview. */
  readonly price: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** Storage of order previews. Expired previews are never returned. */
export interface OrderPreviewRepository {
  save(preview: OrderPreviewRecord): Promise<void>;
  /** The account's unexpired preview with this id at `now`, or null. */
  find(accountId: string, id: string, now: Date): Promise<OrderPreviewRecord | null>;
  /** Deletes previews that expired before `now`; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}

function toPreview(row: Selectable<OrderPreviewsTable>): OrderPreviewRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    symbol: row.symbol,
    side: row.side as OrderPreviewRecord['side'],
    type: row.type as OrderPreviewRecord['type'],
    timeInForce: row.time_in_force as OrderPreviewRecord['timeInForce'],
    quantity: row.quantity,
    limitPrice: row.limit_price,
    stopPrice: row.stop_price,
    price: row.price,
    createdAt: toIso(row.created_at),
    expiresAt: toIso(row.expires_at),
  };
}

/** Builds the {@link OrderPreviewRepository} over a database. */
export function createOrderPreviewRepository(db: Pick<Database, 'kysely'>): OrderPreviewRepository {
  const { kysely } = db;
  return {
    async save(p) {
      await kysely
        .insertInto('order_previews')
        .values({
          id: p.id,
          account_id: p.accountId,
          symbol: p.symbol,
          side: p.side,
          type: p.type,
          time_in_force: p.timeInForce,
          quantity: p.quantity,
          limit_price: p.limitPrice,
          stop_price: p.stopPrice,
          price: p.price,
          created_at: p.createdAt,
          expires_at: p.expiresAt,
        })
        .execute();
    },
    async find(accountId, id, now) {
      const row = await kysely
        .selectFrom('order_previews')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row ? toPreview(row) : null;
    },
    async purgeExpired(now) {
      const result = await kysely
        .deleteFrom('order_previews')
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
