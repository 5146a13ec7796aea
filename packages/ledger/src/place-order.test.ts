import { describe, expect, it } from 'vitest';
import { account, CLOSE, market, OPEN, request } from '../tests/ledger-fixtures.js';
import { advanceMarket } from './advance-market.js';
import { cancelOrder } from './cancel-order.js';
import { placeOrder } from './place-order.js';
import { OrderSide, OrderStatus, OrderType, TimeInForce } from './types.js';

const prices = { AAPL: '150.25', MSFT: '400' };

describe('placeOrder', () => {
  it('fills a market buy at the current price and moves cash and position exactly', () => {
    const r = placeOrder(account('10000'), request('a', { quantity: '3.5' }), market(prices));
    expect(r.order).toMatchObject({
      status: OrderStatus.Filled,
      filledQuantity: '3.5',
      averageFillPrice: '150.25',
    });
    expect(r.fill).toMatchObject({ quantity: '3.5', price: '150.25', notional: '525.875' });
    expect(r.changes.cash).toBe('9474.125');
    expect(r.changes.positions).toMatchObject([
      { symbol: 'AAPL', quantity: '3.5', averageCost: '150.25' },
    ]);
  });

  it('averages cost over buys and realizes profit on sells', () => {
    const ctx = market(prices);
    let s = placeOrder(account(), request('a', { quantity: '10' }), ctx).state;
    s = placeOrder(
      s,
      request('b', { quantity: '10' }),
      market({ AAPL: '160.25' }, OPEN, { n: 100 }),
    ).state;
    expect(s.positions[0]).toMatchObject({ quantity: '20', averageCost: '155.25' });
    const sold = placeOrder(
      s,
      request('c', { side: OrderSide.Sell, quantity: '5' }),
      market({ AAPL: '165.25' }, OPEN, { n: 200 }),
    );
    expect(sold.state.positions[0]).toMatchObject({
      quantity: '15',
      averageCost: '155.25',
      realizedPnl: '50',
    });
  });

  it('returns the existing order for a repeated client order id and changes nothing', () => {
    const first = placeOrder(account(), request('a'), market(prices));
    const again = placeOrder(
      first.state,
      request('a', { quantity: '99' }),
      market(prices, OPEN, { n: 50 }),
    );
    expect(again.duplicate).toBe(true);
    expect(again.order).toBe(first.order);
    expect(again.changes).toEqual({
      cash: first.state.account.cash,
      orders: [],
      fills: [],
      positions: [],
    });
  });

  it.each([
    [
      'kill switch',
      { ...account(), account: { ...account().account, killSwitch: true } },
      request('k'),
      'kill_switch',
    ],
    ['bad quantity', account(), request('q', { quantity: '-1' }), 'invalid_quantity'],
    ['float-ish quantity', account(), request('q', { quantity: '1e3' }), 'invalid_quantity'],
    ['too many places', account(), request('q', { quantity: '0.000000001' }), 'invalid_quantity'],
    ['market with a limit', account(), request('p', { limitPrice: '1' }), 'price_not_allowed'],
    [
      'limit without price',
      account(),
      request('p', { type: OrderType.Limit }),
      'price_not_allowed',
    ],
    [
      'bad limit price',
      account(),
      request('p', { type: OrderType.Limit, limitPrice: '0' }),
      'invalid_price',
    ],
    ['bad symbol', account(), request('s', { symbol: 'aapl; drop' }), 'invalid_symbol'],
    ['unknown symbol', account(), request('s', { symbol: 'ZZZZ' }), 'no_market_price'],
    [
      'quantity limit',
      account('10000', { maxOrderQuantity: '5' }),
      request('l'),
      'max_order_quantity',
    ],
    [
      'notional limit',
      account('10000', { maxOrderNotional: '1000' }),
      request('l'),
      'max_order_notional',
    ],
    ['buying power', account('1000'), request('b'), 'insufficient_buying_power'],
    ['short sale', account(), request('s', { side: OrderSide.Sell }), 'insufficient_position'],
  ] as const)('rejects with a reason: %s', (_name, state, req, reason) => {
    const r = placeOrder(state, req, market(prices));
    expect(r.order.status).toBe(OrderStatus.Rejected);
    expect(r.order.reason?.startsWith(`${reason}:`)).toBe(true);
    expect(r.changes.cash).toBe(state.account.cash);
    expect(r.changes.fills).toEqual([]);
  });

  it('rejects day orders after the close, and counts order limits per day and per minute', () => {
    expect(placeOrder(account(), request('d'), market(prices, CLOSE)).order.reason).toMatch(
      /^session_closed:/,
    );
    const ctx = market(prices);
    let s = account('100000', { maxOrdersPerMinute: 2, maxOrdersPerDay: 3 });
    s = placeOrder(s, request('1', { quantity: '1' }), ctx).state;
    s = placeOrder(s, request('2', { quantity: '1' }), ctx).state;
    expect(placeOrder(s, request('3', { quantity: '1' }), ctx).order.reason).toMatch(
      /^max_orders_per_minute:/,
    );
    const later = market(prices, '2026-03-02T15:01:00.001Z', { n: 10 });
    s = placeOrder(s, request('3', { quantity: '1' }), later).state;
    expect(
      placeOrder(
        s,
        request('4', { quantity: '1' }),
        market(prices, '2026-03-02T16:00:00.000Z', { n: 20 }),
      ).order.reason,
    ).toMatch(/^max_orders_per_day:/);
  });
});

describe('resting orders', () => {
  it('rests a limit buy, reserves its cash, and fills it when the price comes down', () => {
    const placed = placeOrder(
      account('2000'),
      request('l', { type: OrderType.Limit, limitPrice: '140' }),
      market(prices),
    );
    expect(placed.order.status).toBe(OrderStatus.Accepted);
    expect(placed.fill).toBeNull();
    // 10 × 140 = 1400 is held back: a second such order does not fit in 2000.
    const second = placeOrder(
      placed.state,
      request('m', { type: OrderType.Limit, limitPrice: '140' }),
      market(prices, OPEN, { n: 10 }),
    );
    expect(second.order.reason).toMatch(/^insufficient_buying_power:/);
    const later = advanceMarket(placed.state, market({ AAPL: '139.5' }, OPEN, { n: 20 }));
    expect(later.changes.fills).toMatchObject([{ price: '139.5', notional: '1395' }]);
    expect(later.changes.cash).toBe('605');
  });

  it('triggers a stop sell at or below its stop', () => {
    let s = placeOrder(account(), request('b'), market(prices)).state;
    s = placeOrder(
      s,
      request('s', {
        side: OrderSide.Sell,
        type: OrderType.Stop,
        stopPrice: '140',
        timeInForce: TimeInForce.Gtc,
      }),
      market(prices, OPEN, { n: 10 }),
    ).state;
    expect(advanceMarket(s, market({ AAPL: '141' }, OPEN, { n: 20 })).changes.fills).toEqual([]);
    const hit = advanceMarket(s, market({ AAPL: '139' }, OPEN, { n: 30 }));
    expect(hit.changes.orders).toMatchObject([
      { status: OrderStatus.Filled, averageFillPrice: '139' },
    ]);
    expect(hit.state.positions[0]?.quantity).toBe('0');
  });

  it('expires day orders at the close and never fills them after', () => {
    const placed = placeOrder(
      account(),
      request('l', { type: OrderType.Limit, limitPrice: '100' }),
      market(prices),
    );
    const closed = advanceMarket(placed.state, market({ AAPL: '90' }, CLOSE, { n: 10 }));
    expect(closed.changes.orders).toMatchObject([{ status: OrderStatus.Expired }]);
    expect(closed.changes.fills).toEqual([]);
  });

  it('cancels a working order once, and the cancelled order never fills', () => {
    const placed = placeOrder(
      account(),
      request('l', { type: OrderType.Limit, limitPrice: '100' }),
      market(prices),
    );
    const cancelled = cancelOrder(placed.state, placed.order.id, { now: OPEN });
    expect(cancelled).toMatchObject({ ok: true, order: { status: OrderStatus.Cancelled } });
    expect(cancelOrder(cancelled.state, placed.order.id, { now: OPEN })).toMatchObject({
      ok: false,
      refusal: { reason: 'order_not_working' },
    });
    expect(cancelOrder(cancelled.state, 'nope', { now: OPEN })).toMatchObject({
      ok: false,
      refusal: { reason: 'order_not_found' },
    });
    expect(
      advanceMarket(cancelled.state, market({ AAPL: '1' }, OPEN, { n: 10 })).changes.fills,
    ).toEqual([]);
  });

  it('cancels a triggered stop buy the cash cannot pay for', () => {
    const placed = placeOrder(
      account('1500'),
      request('s', { type: OrderType.Stop, stopPrice: '149', timeInForce: TimeInForce.Gtc }),
      market({ AAPL: '140' }),
    );
    expect(placed.order.status).toBe(OrderStatus.Accepted);
    const gap = advanceMarket(placed.state, market({ AAPL: '200' }, OPEN, { n: 10 }));
    expect(gap.changes.orders).toMatchObject([{ status: OrderStatus.Cancelled }]);
    expect(gap.changes.orders[0]?.reason).toMatch(/^insufficient_buying_power:/);
    expect(gap.changes.cash).toBe('1500');
  });
});
