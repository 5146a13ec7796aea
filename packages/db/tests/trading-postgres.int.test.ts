import { createTestDatabase } from '@stockpulse/testkit';
import { createDatabase } from '../src/index.js';
import { describeTradingRepositories } from './trading-repository-contract.js';

describeTradingRepositories('postgres', async () => {
  const target = await createTestDatabase();
  const db = await createDatabase({ url: target.url });
  await db.migrate();
  return {
    ...db,
    destroy: async () => {
      await db.destroy();
      await target.drop();
    },
  };
});
