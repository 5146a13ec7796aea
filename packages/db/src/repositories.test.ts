import { createDatabase } from './database.js';
import { describeRepositories } from '../tests/repository-contract.js';

describeRepositories('pglite', async () => {
  const db = await createDatabase();
  await db.migrate();
  return db;
});
