import {
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
} from 'kysely';
import { PgliteDriver, type PgliteClient } from './pglite-driver.js';

/**
 * Kysely dialect for an embedded PGlite instance: Postgres SQL, adapter and introspection, with
 * a driver that serializes use of the single PGlite session. The dialect owns the instance and
 * closes it when Kysely is destroyed.
 */
export class PgliteDialect implements Dialect {
  constructor(private readonly client: PgliteClient) {}

  createDriver(): Driver {
    return new PgliteDriver(this.client);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}
