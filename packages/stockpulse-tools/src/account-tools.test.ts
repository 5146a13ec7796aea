import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '@stockpulse/ledger';
import { callTool, OPEN_INSTANT, testContext } from '../tests/call-tool.js';
import { tradingFixture, type TradingFixture } from '../tests/trading-fixture.js';
import { getAccountTool } from './get-account.js';
import { getPortfolioPerformanceTool } from './get-portfolio-performance.js';
import { getPositionsTool } from './get-positions.js';
import { listOrdersTool } from './list-orders.js';
import { placeOrderTool } from './place-order.js';
import { previewOrderTool } from './preview-order.js';

let f: TradingFixture;
beforeAll(async () => {
  f = await tradingFixture();
});
afterAll(async () => {
  await f.close();
});

const accept = { action: 'accept', content: { confirm: true } };
const ctxOf = (principalId: string) =>
  testContext({ principalId, ask: () => Promise.resolve(accept) });

async function trade(principalId: string, args: Record<string, unknown>) {
  const ctx = ctxOf(principalId);
  const pv = await callTool(previewOrderTool(f.deps), args, ctx);
  const previewId = (pv.structuredContent as { previewId: string }).previewId;
  return callTool(placeOrderTool(f.deps), { previewId }, ctx);
}

type Data = Record<string, unknown>;

describe('account tools', () => {
  it('get_account opens the account with the default cash on first use', async () => {
    const r = await callTool(getAccountTool(f.deps), {}, ctxOf('fresh'));
    expect(r.structuredContent).toMatchObject({
      accountId: 'fresh',
      currency: 'USD',
      cash: '100000.00',
      buyingPower: '100000.00',
      equity: '100000.00',
      openOrders: 0,
      killSwitch: false,
      marketOpen: true,
    });
    expect(await f.deps.ledger.getAccount('fresh')).toMatchObject({ cash: '100000.00' });
  });

  it('values positions and reconciles performance with the fills, in exact decimals', async () => {
    f.provider.at = OPEN_INSTANT;
    await trade('perf', { symbol: 'AAPL', side: 'buy', quantity: '10' });
    f.provider.at = new Date(OPEN_INSTANT.getTime() + 1800_000);
    await trade('perf', { symbol: 'AAPL', side: 'sell', quantity: '4' });
    await trade('perf', { symbol: 'XOM', side: 'buy', quantity: '0.5' });
    // Prices move: an hour later.
    f.provider.at = new Date(OPEN_INSTANT.getTime() + 3600_000);
    const ctx = ctxOf('perf');
    const positions = (await callTool(getPositionsTool(f.deps), {}, ctx)).structuredContent as {
      positions: Data[];
    };
    expect(positions.positions.map((p) => [p['symbol'], p['quantity']])).toEqual([
      ['AAPL', '6'],
      ['XOM', '0.5'],
    ]);
    const fills = await f.deps.ledger.listFills('perf');
    const aapl = await f.provider.getQuote('AAPL');
    const xom = await f.provider.getQuote('XOM');
    const value = new Decimal(6).times(aapl!.price).plus(new Decimal('0.5').times(xom!.price));
    const account = await f.deps.ledger.getAccount('perf');
    const perf = (await callTool(getPortfolioPerformanceTool(f.deps), {}, ctx))
      .structuredContent as Data;
    expect(perf['startingCash']).toBe('100000.00');
    expect(perf['fills']).toBe(3);
    expect(perf['positionsValue']).toBe(value.toDecimalPlaces(2).toFixed(2));
    const equity = value.plus(account!.cash);
    expect(perf['equity']).toBe(equity.toDecimalPlaces(2).toFixed(2));
    expect(perf['totalReturn']).toBe(equity.minus(100000).toDecimalPlaces(2).toFixed(2));
    // Realized on the sell of 4 at the second fill's price against the first's.
    const buy = fills.find((x) => x.symbol === 'AAPL' && x.side === 'buy')!;
    const sell = fills.find((x) => x.symbol === 'AAPL' && x.side === 'sell')!;
    const realized = new Decimal(sell.price).minus(buy.price).times(4);
    expect(realized.isZero()).toBe(false);
    expect(perf['realizedPnl']).toBe(realized.toDecimalPlaces(2).toFixed(2));
  });

  it('list_orders filters by status and symbol, newest first', async () => {
    f.provider.at = OPEN_INSTANT;
    await trade('lister', { symbol: 'KO', side: 'buy', quantity: '1' });
    await trade('lister', {
      symbol: 'KO',
      side: 'buy',
      quantity: '1',
      type: 'limit',
      limitPrice: '1',
    });
    await trade('lister', { symbol: 'PEP', side: 'buy', quantity: '1' });
    const list = listOrdersTool(f.deps);
    const ctx = ctxOf('lister');
    const all = (await callTool(list, {}, ctx)).structuredContent as { orders: Data[] };
    expect(all.orders.map((o) => o['symbol'])).toEqual(['PEP', 'KO', 'KO']);
    const open = (await callTool(list, { status: 'open' }, ctx)).structuredContent as {
      orders: Data[];
    };
    expect(open.orders).toMatchObject([{ symbol: 'KO', type: 'limit', status: 'accepted' }]);
    const ko = (await callTool(list, { status: 'closed', symbol: 'ko' }, ctx))
      .structuredContent as { orders: Data[] };
    expect(ko.orders).toMatchObject([{ symbol: 'KO', status: 'filled' }]);
  });

  it('declares every account tool read-only and idempotent', () => {
    for (const t of [
      getAccountTool(f.deps),
      getPositionsTool(f.deps),
      getPortfolioPerformanceTool(f.deps),
      listOrdersTool(f.deps),
    ])
      expect(t.definition.annotations).toMatchObject({
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
      });
  });
});
