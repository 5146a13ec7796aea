import { buyingPower, Decimal, sum, type LedgerState, type Position } from '@stockpulse/ledger';
import type { TradingDeps } from './trading-deps.js';
import { cents } from './trading-schemas.js';
import { marketView } from './trading-market.js';

/** A position valued at the current quote. */
export interface ValuedPosition {
  readonly symbol: string;
  readonly quantity: string;
  readonly averageCost: string;
  readonly price: string;
  readonly marketValue: string;
  readonly costBasis: string;
  readonly unrealizedPnl: string;
  readonly unrealizedPnlPercent: string;
  readonly realizedPnl: string;
}

/** The account valued at the current quotes: exact decimals, rounded to cents for display. */
export interface Valuation {
  readonly asOf: string;
  readonly marketOpen: boolean;
  readonly cash: string;
  readonly buyingPower: string;
  readonly positionsValue: string;
  readonly equity: string;
  readonly unrealizedPnl: string;
  readonly realizedPnl: string;
  readonly positions: readonly ValuedPosition[];
}

function percent(part: Decimal, whole: Decimal): string {
  return whole.isZero() ? '0.00' : cents(part.dividedBy(whole).times(100));
}

function valuePosition(p: Position, price: string): ValuedPosition & { mv: Decimal; upl: Decimal } {
  const qty = new Decimal(p.quantity);
  const mv = qty.times(price);
  const basis = qty.times(p.averageCost);
  const upl = mv.minus(basis);
  return {
    symbol: p.symbol,
    quantity: p.quantity,
    averageCost: p.averageCost,
    price,
    marketValue: cents(mv),
    costBasis: cents(basis),
    unrealizedPnl: cents(upl),
    unrealizedPnlPercent: percent(upl, basis),
    realizedPnl: cents(p.realizedPnl),
    mv,
    upl,
  };
}

/**
 * Values the state's positions at current quotes (the last price when the market is closed; a
 * symbol without a quote is valued at its average cost). Flat positions with no realized profit
 * are left out.
 */
export async function valuePortfolio(deps: TradingDeps, state: LedgerState): Promise<Valuation> {
  const held = state.positions.filter(
    (p) => !new Decimal(p.quantity).isZero() || !new Decimal(p.realizedPnl).isZero(),
  );
  const view = await marketView(
    deps,
    held.map((p) => p.symbol),
  );
  const valued = held.map((p) => valuePosition(p, view.prices.get(p.symbol) ?? p.averageCost));
  const positionsValue = valued.reduce((acc, v) => acc.plus(v.mv), new Decimal(0));
  const unrealized = valued.reduce((acc, v) => acc.plus(v.upl), new Decimal(0));
  const realized = sum(held.map((p) => p.realizedPnl));
  return {
    asOf: view.ctx.now,
    marketOpen: view.open,
    cash: cents(state.account.cash),
    buyingPower: cents(buyingPower(state)),
    positionsValue: cents(positionsValue),
    equity: cents(positionsValue.plus(state.account.cash)),
    unrealizedPnl: cents(unrealized),
    realizedPnl: cents(realized),
    positions: valued.map(({ mv: _mv, upl: _upl, ...rest }) => rest),
  };
}

/** Percent change of `now` over `base`, two places. */
export function percentOf(part: Decimal, whole: Decimal): string {
  return percent(part, whole);
}
