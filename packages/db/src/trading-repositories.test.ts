import { createDatabase } from './database.js';
import { describeTradingRepositories } from '../tests/trading-repository-contract.js';

describeTradingRepositories('pglite', async () => {
  const db = await createDatabase();
  await db.migrate();
  return db;
});
