/** A Postgres server started for tests; {@link startPostgresServer}. */
export interface PostgresServer {
  /** A superuser URL, `postgres://postgres@HOST:PORT/postgres`. */
  readonly adminUrl: string;
  /** Stops the server and removes its files. Idempotent. */
  stop(): Promise<void>;
}

/** A server the kit can run administrative SQL on (create and drop databases). */
export interface AdminPostgres extends PostgresServer {
  /** Runs SQL as the admin user on the `adminUrl` database; rejects with the error output. */
  runSql(sql: string): Promise<void>;
  /** Settles when the server ends on its own (never for a server the kit does not own). */
  readonly exited: Promise<unknown>;
}
