import { createDatabase } from './database.js';
import { describeLedgerRepository } from '../tests/ledger-repository-contract.js';

describeLedgerRepository('pglite', async () => {
  const db = await createDatabase();
  await db.migrate();
  return db;
});
