import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, testContext, textOf } from '../tests/call-tool.js';
import { tradingFixture, type TradingFixture } from '../tests/trading-fixture.js';
import {
  createWatchlistTool,
  deleteWatchlistTool,
  listWatchlistsTool,
  updateWatchlistTool,
} from './watchlist-tools.js';

let f: TradingFixture;
beforeAll(async () => {
  f = await tradingFixture();
});
afterAll(async () => {
  await f.close();
});

describe('watchlist tools', () => {
  it('create, list, update and delete, each caller seeing only their own lists', async () => {
    const accept = () => Promise.resolve({ action: 'accept', content: { confirm: true } });
    const alice = testContext({ principalId: 'alice', ask: accept });
    const bob = testContext({ principalId: 'bob', ask: accept });
    const created = await callTool(
      createWatchlistTool(f.deps),
      { name: 'tech', symbols: ['aapl', 'MSFT', 'AAPL'] },
      alice,
    );
    const list = created.structuredContent as { id: string; symbols: string[] };
    expect(list.symbols).toEqual(['AAPL', 'MSFT']);

    const listed = await callTool(listWatchlistsTool(f.deps), {}, alice);
    expect(listed.structuredContent).toMatchObject({ count: 1, watchlists: [{ name: 'tech' }] });
    expect((await callTool(listWatchlistsTool(f.deps), {}, bob)).structuredContent).toMatchObject({
      count: 0,
    });

    const updated = await callTool(
      updateWatchlistTool(f.deps),
      { id: list.id, name: 'big tech', add: ['NVDA'], remove: ['msft'] },
      alice,
    );
    expect(updated.structuredContent).toMatchObject({
      name: 'big tech',
      symbols: ['AAPL', 'NVDA'],
      updated: true,
      consent: 'accepted',
    });
    const foreign = await callTool(updateWatchlistTool(f.deps), { id: list.id, add: ['KO'] }, bob);
    expect(foreign.isError).toBe(true);
    expect((await callTool(deleteWatchlistTool(f.deps), { id: list.id }, bob)).isError).toBe(true);

    const deleted = await callTool(deleteWatchlistTool(f.deps), { id: list.id }, alice);
    expect(deleted.structuredContent).toEqual({ id: list.id, deleted: true, consent: 'accepted' });
    expect((await callTool(listWatchlistsTool(f.deps), {}, alice)).structuredContent).toMatchObject(
      { count: 0 },
    );
  });

  it('refuses unknown symbols and a name already used', async () => {
    const carol = testContext({ principalId: 'carol' });
    const bad = await callTool(
      createWatchlistTool(f.deps),
      { name: 'x', symbols: ['AAPL', 'ZZZZ'] },
      carol,
    );
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toBe('Unknown symbols: ZZZZ');
    await callTool(createWatchlistTool(f.deps), { name: 'dup' }, carol);
    const dup = await callTool(createWatchlistTool(f.deps), { name: 'dup' }, carol);
    expect(dup.isError).toBe(true);
    expect(textOf(dup)).toContain('already exists');
  });
});

describe('consent for destructive watchlist changes', () => {
  it('asks before dropping symbols or deleting; decline keeps the list, adding asks nothing', async () => {
    const asked: string[] = [];
    const dave = testContext({
      principalId: 'dave',
      ask: (_key, _method, params) => {
        asked.push(String(params['message']));
        return Promise.resolve({ action: 'decline' });
      },
    });
    const w = (
      await callTool(createWatchlistTool(f.deps), { name: 'mine', symbols: ['KO', 'PEP'] }, dave)
    ).structuredContent as { id: string };
    const added = await callTool(updateWatchlistTool(f.deps), { id: w.id, add: ['AAPL'] }, dave);
    expect(added.structuredContent).toMatchObject({
      updated: true,
      symbols: ['KO', 'PEP', 'AAPL'],
    });
    expect(asked).toEqual([]);
    const dropped = await callTool(updateWatchlistTool(f.deps), { id: w.id, remove: ['KO'] }, dave);
    expect(dropped.isError).toBeUndefined();
    expect(dropped.structuredContent).toMatchObject({
      updated: false,
      consent: 'declined',
      symbols: ['KO', 'PEP', 'AAPL'],
    });
    const kept = await callTool(deleteWatchlistTool(f.deps), { id: w.id }, dave);
    expect(kept.structuredContent).toMatchObject({ deleted: false, consent: 'declined' });
    expect(asked).toEqual([
      'Remove KO from the watchlist mine?',
      expect.stringContaining('Delete the watchlist mine'),
    ]);

    const unaskable = testContext({ principalId: 'dave' });
    const refused = await callTool(deleteWatchlistTool(f.deps), { id: w.id }, unaskable);
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('standing consent grant for delete_watchlist');
    await f.deps.consentGrants.grant({
      principalId: 'dave',
      tool: 'delete_watchlist',
      grantedBy: 'test',
    });
    const granted = await callTool(deleteWatchlistTool(f.deps), { id: w.id }, unaskable);
    expect(granted.structuredContent).toEqual({ id: w.id, deleted: true, consent: 'granted' });
    expect(f.audits.map((a) => `${a.target}:${String(a.data?.['consent'])}`)).toEqual(
      expect.arrayContaining([
        'update_watchlist:declined',
        'delete_watchlist:declined',
        'delete_watchlist:refused',
        'delete_watchlist:granted',
      ]),
    );
  });
});
