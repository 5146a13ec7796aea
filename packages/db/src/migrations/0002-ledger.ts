import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The paper-trading ledger: accounts, their limits and kill switch, orders (unique per account
 * and client order id), fills, and positions. Amounts are `numeric`, so they keep every digit
 * the ledger computed; check constraints guard what the ledger promises (cash and position
 * quantities never negative).
 */
export const ledgerMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('ledger_accounts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('cash', 'numeric', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('ledger_accounts_cash_non_negative', sql`cash >= 0`)
      .execute();

    await db.schema
      .createTable('ledger_account_limits')
      .addColumn('account_id', 'text', (c) =>
        c.primaryKey().references('ledger_accounts.id').onDelete('cascade'),
      )
      .addColumn('max_order_quantity', 'numeric')
      .addColumn('max_order_notional', 'numeric')
      .addColumn('max_orders_per_day', 'integer')
      .addColumn('max_orders_per_minute', 'integer')
      .addColumn('kill_switch', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    await db.schema
      .createTable('ledger_orders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) =>
        c.notNull().references('ledger_accounts.id').onDelete('cascade'),
      )
      .addColumn('client_order_id', 'text', (c) => c.notNull())
      .addColumn('symbol', 'text', (c) => c.notNull())
      .addColumn('side', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('time_in_force', 'text', (c) => c.notNull())
      .addColumn('quantity', 'numeric', (c) => c.notNull())
      .addColumn('limit_price', 'numeric')
      .addColumn('stop_price', 'numeric')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('filled_quantity', 'numeric', (c) => c.notNull())
      .addColumn('average_fill_price', 'numeric')
      .addColumn('expires_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addUniqueConstraint('ledger_orders_client_order_id_key', ['account_id', 'client_order_id'])
      .addCheckConstraint('ledger_orders_side', sql`side in ('buy', 'sell')`)
      .addCheckConstraint('ledger_orders_type', sql`type in ('market', 'limit', 'stop')`)
      .addCheckConstraint('ledger_orders_time_in_force', sql`time_in_force in ('day', 'gtc')`)
      .addCheckConstraint(
        'ledger_orders_status',
        sql`status in ('accepted', 'filled', 'cancelled', 'rejected', 'expired')`,
      )
      .execute();
    await db.schema
      .createIndex('ledger_orders_account_created_idx')
      .on('ledger_orders')
      .columns(['account_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('ledger_orders_working_idx')
      .on('ledger_orders')
      .column('account_id')
      .where(sql.ref('status'), '=', 'accepted')
      .execute();

    await db.schema
      .createTable('ledger_fills')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('order_id', 'text', (c) =>
        c.notNull().references('ledger_orders.id').onDelete('cascade'),
      )
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('symbol', 'text', (c) => c.notNull())
      .addColumn('side', 'text', (c) => c.notNull())
      .addColumn('quantity', 'numeric', (c) => c.notNull())
      .addColumn('price', 'numeric', (c) => c.notNull())
      .addColumn('notional', 'numeric', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addCheckConstraint('ledger_fills_positive', sql`quantity > 0 and price > 0`)
      .execute();
    await db.schema
      .createIndex('ledger_fills_account_idx')
      .on('ledger_fills')
      .columns(['account_id', 'at'])
      .execute();

    await db.schema
      .createTable('ledger_positions')
      .addColumn('account_id', 'text', (c) =>
        c.notNull().references('ledger_accounts.id').onDelete('cascade'),
      )
      .addColumn('symbol', 'text', (c) => c.notNull())
      .addColumn('quantity', 'numeric', (c) => c.notNull())
      .addColumn('average_cost', 'numeric', (c) => c.notNull())
      .addColumn('realized_pnl', 'numeric', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('ledger_positions_pkey', ['account_id', 'symbol'])
      .addCheckConstraint('ledger_positions_quantity_non_negative', sql`quantity >= 0`)
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('ledger_positions').execute();
    await db.schema.dropTable('ledger_fills').execute();
    await db.schema.dropTable('ledger_orders').execute();
    await db.schema.dropTable('ledger_account_limits').execute();
    await db.schema.dropTable('ledger_accounts').execute();
  },
};
