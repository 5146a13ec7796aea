import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { createAsyncMutex } from './async-mutex.js';

/** The subset of PGlite the driver uses, declared here so the driver does not depend on it. */
export interface PgliteClient {
  query<R>(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: R[]; affectedRows?: number; rowCount?: number; command?: string }>;
  close(): Promise<void>;
  readonly closed: boolean;
}

const COUNTED = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The one connection to a PGlite instance; the driver lends it to one holder at a time. */
class PgliteConnection implements DatabaseConnection {
  constructor(private readonly client: PgliteClient) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.client.query<R>(compiled.sql, [...compiled.parameters]);
    const command = result.command?.toUpperCase();
    const affected = result.rowCount ?? result.affectedRows;
    return {
      rows: result.rows,
      ...(command && COUNTED.has(command) && affected !== undefined
        ? { numAffectedRows: BigInt(affected) }
        : {}),
    };
  }

  /** PGlite runs in process and has no cursors worth the name: fetch once, hand out chunks. */
  async *streamQuery<R>(
    compiled: CompiledQuery,
    chunkSize = 100,
  ): AsyncIterableIterator<QueryResult<R>> {
    if (!Number.isInteger(chunkSize) || chunkSize <= 0) {
      throw new Error('chunkSize must be a positive integer');
    }
    const { rows } = await this.executeQuery<R>(compiled);
    for (let i = 0; i < rows.length; i += chunkSize) {
      yield { rows: rows.slice(i, i + chunkSize) };
    }
  }
}

/**
 * A Kysely driver over one PGlite instance. PGlite is a single session, so the driver serializes
 * its use: acquiring the connection waits until the previous holder (a query, a transaction, a
 * `connection()` block) released it. Code inside a transaction must use the transaction, not
 * the outer Kysely instance, or it waits for itself.
 */
export class PgliteDriver implements Driver {
  private readonly mutex = createAsyncMutex();
  private readonly connection: PgliteConnection;
  private readonly releases = new Map<DatabaseConnection, () => void>();

  constructor(private readonly client: PgliteClient) {
    this.connection = new PgliteConnection(client);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.acquire();
    if (this.client.closed) {
      release();
      throw new Error('driver has already been destroyed');
    }
    this.releases.set(this.connection, release);
    return this.connection;
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const release = this.releases.get(connection);
    this.releases.delete(connection);
    release?.();
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    let statement = 'begin';
    if (settings.isolationLevel) statement += ` isolation level ${settings.isolationLevel}`;
    if (settings.accessMode) statement += ` ${settings.accessMode}`;
    await connection.executeQuery(CompiledQuery.raw(statement));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(
      CompiledQuery.raw(`rollback to savepoint ${quoteIdentifier(name)}`),
    );
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdentifier(name)}`));
  }

  /** Waits for the current holder to finish, then closes the PGlite instance. */
  async destroy(): Promise<void> {
    const release = await this.mutex.acquire();
    try {
      if (!this.client.closed) await this.client.close();
    } finally {
      release();
    }
  }
}
