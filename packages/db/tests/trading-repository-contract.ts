import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ErrorCode } from '@stockpulse/protocol';
import {
  createConsentGrantRepository,
  createOrderPreviewRepository,
  createWatchlistRepository,
  type Database,
  type OrderPreviewRecord,
} from '../src/index.js';

/**
 * What the watchlist, order preview and consent grant repositories promise, run against any
 * database: PGlite in the unit tests, real Postgres in the integration tests.
 */
export function describeTradingRepositories(label: string, open: () => Promise<Database>): void {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  beforeEach(async () => {
    await sql`truncate watchlists, order_previews, consent_grants`.execute(db.kysely);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  describe(`WatchlistRepository (${label})`, () => {
    it('creates, lists by name, updates and deletes, scoped to the owner', async () => {
      const lists = createWatchlistRepository(db);
      const tech = await lists.create({
        id: 'w1',
        ownerId: 'alice',
        name: 'tech',
        symbols: ['AAPL', 'MSFT'],
      });
      expect(tech).toMatchObject({ id: 'w1', ownerId: 'alice', symbols: ['AAPL', 'MSFT'] });
      await lists.create({ id: 'w2', ownerId: 'alice', name: 'energy', symbols: [] });
      await lists.create({ id: 'w3', ownerId: 'bob', name: 'tech', symbols: ['NVDA'] });
      expect((await lists.list('alice')).map((l) => l.name)).toEqual(['energy', 'tech']);

      expect(await lists.get('bob', 'w1')).toBeNull();
      expect(await lists.update('bob', 'w1', { name: 'mine' })).toBeNull();
      expect(await lists.delete('bob', 'w1')).toBe(false);

      const updated = await lists.update('alice', 'w1', { symbols: ['AAPL', 'MSFT', 'GOOGL'] });
      expect(updated).toMatchObject({ name: 'tech', symbols: ['AAPL', 'MSFT', 'GOOGL'] });
      expect(await lists.delete('alice', 'w1')).toBe(true);
      expect(await lists.get('alice', 'w1')).toBeNull();
      expect(await lists.get('bob', 'w3')).toMatchObject({ symbols: ['NVDA'] });
    });

    it('refuses a name the owner already uses, on create and on rename', async () => {
      const lists = createWatchlistRepository(db);
      await lists.create({ id: 'w1', ownerId: 'alice', name: 'tech', symbols: [] });
      await lists.create({ id: 'w2', ownerId: 'alice', name: 'energy', symbols: [] });
      await expect(
        lists.create({ id: 'w3', ownerId: 'alice', name: 'tech', symbols: [] }),
      ).rejects.toMatchObject({ code: ErrorCode.Conflict });
      await expect(lists.update('alice', 'w2', { name: 'tech' })).rejects.toMatchObject({
        code: ErrorCode.Conflict,
      });
    });
  });

  describe(`OrderPreviewRepository (${label})`, () => {
    const preview: OrderPreviewRecord = {
      id: 'pv1',
      accountId: 'alice',
      symbol: 'AAPL',
      side: 'buy',
      type: 'limit',
      timeInForce: 'day',
      quantity: '2.5',
      limitPrice: '187.12345678',
      stopPrice: null,
      price: '188.01',
      createdAt: '2026-03-10T16:45:00.000Z',
      expiresAt: '2026-03-10T16:50:00.000Z',
    };

    it('finds an unexpired preview of its own account, keeping every digit', async () => {
      const previews = createOrderPreviewRepository(db);
      await previews.save(preview);
      expect(await previews.find('alice', 'pv1', new Date('2026-03-10T16:46:00Z'))).toEqual(
        preview,
      );
      expect(await previews.find('bob', 'pv1', new Date('2026-03-10T16:46:00Z'))).toBeNull();
      expect(await previews.find('alice', 'pv1', new Date('2026-03-10T16:50:00Z'))).toBeNull();
    });

    it('purges expired previews only', async () => {
      const previews = createOrderPreviewRepository(db);
      await previews.save(preview);
      await previews.save({ ...preview, id: 'pv2', expiresAt: '2026-03-10T17:00:00.000Z' });
      expect(await previews.purgeExpired(new Date('2026-03-10T16:55:00Z'))).toBe(1);
      expect(await previews.find('alice', 'pv2', new Date('2026-03-10T16:55:00Z'))).not.toBeNull();
    });
  });

  describe(`ConsentGrantRepository (${label})`, () => {
    it('grants, replaces, expires and revokes standing consent per principal and tool', async () => {
      const grants = createConsentGrantRepository(db);
      const now = new Date('2026-03-10T16:45:00Z');
      expect(await grants.find('alice', 'place_order', now)).toBeNull();
      await grants.grant({ principalId: 'alice', tool: 'place_order', grantedBy: 'admin' });
      expect(await grants.find('alice', 'place_order', now)).toMatchObject({
        grantedBy: 'admin',
        expiresAt: null,
      });
      expect(await grants.find('alice', 'cancel_order', now)).toBeNull();
      expect(await grants.find('bob', 'place_order', now)).toBeNull();

      await grants.grant({
        principalId: 'alice',
        tool: 'place_order',
        grantedBy: 'ops',
        expiresAt: '2026-03-10T17:00:00.000Z',
      });
      expect(await grants.list('alice', now)).toMatchObject([
        { tool: 'place_order', grantedBy: 'ops' },
      ]);
      expect(
        await grants.find('alice', 'place_order', new Date('2026-03-10T17:00:01Z')),
      ).toBeNull();

      expect(await grants.revoke('alice', 'place_order')).toBe(true);
      expect(await grants.revoke('alice', 'place_order')).toBe(false);
      expect(await grants.find('alice', 'place_order', now)).toBeNull();
    });
  });
}
