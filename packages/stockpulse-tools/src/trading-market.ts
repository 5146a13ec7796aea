import { randomUUID } from 'node:crypto';
import { getMarketStatus } from '@stockpulse/market-data';
import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import {
  advanceMarket,
  orderWindowStart,
  workingOrders,
  type LedgerState,
  type MarketContext,
} from '@stockpulse/ledger';
import type { TradingDeps } from './trading-deps.js';

/** The market as a ledger decision sees it, and whether the regular session is running. */
export interface MarketView {
  readonly ctx: MarketContext;
  readonly open: boolean;
  /** Current quoted prices of the symbols asked for (known symbols only). */
  readonly prices: ReadonlyMap<string, string>;
}

let minted = 0;

/**
 * Mints an id: the deps' minting function, or a prefixed id that sorts by creation within a
 * process (milliseconds and a counter, then randomness), so records made in the same instant
 * of the simulated clock still list in the order they were made.
 */
export function mintId(deps: Pick<TradingDeps, 'newId'>, prefix: string): string {
  if (deps.newId) return deps.newId(prefix);
  minted = (minted + 1) % 36 ** 4;
  const time = Date.now().toString(36).padStart(9, '0');
  const seq = minted.toString(36).padStart(4, '0');
  return `${prefix}_${time}${seq}${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

/**
 * Quotes `symbols` and builds the ledger's market context at the provider's clock. Prices are
 * offered to the ledger only while the regular session runs, so nothing fills on a stale price
 * when the market is closed; day orders expire at the session's close.
 */
export async function marketView(
  deps: Pick<TradingDeps, 'provider' | 'newId'>,
  symbols: Iterable<string>,
): Promise<MarketView> {
  const now = deps.provider.now();
  const status = getMarketStatus(now);
  const prices = new Map<string, string>();
  for (const symbol of new Set(symbols)) {
    const q = await deps.provider.getQuote(symbol);
    if (q) prices.set(symbol, q.price);
  }
  const ctx: MarketContext = {
    now: now.toISOString(),
    price: (s) => (status.isOpen ? prices.get(s) : undefined),
    sessionClose: status.nextClose,
    newId: () => mintId(deps, 'id'),
  };
  return { ctx, open: status.isOpen, prices };
}

/** The caller's account id: its principal. */
export function accountOf(principalId: string): string {
  if (!principalId)
    throw new GatewayError(ErrorCode.Unauthenticated, 'trading needs an authenticated caller');
  return principalId;
}

/** Opens the account with the starting cash on first use; a concurrent opening is fine. */
export async function ensureAccount(
  deps: Pick<TradingDeps, 'ledger'>,
  accountId: string,
  startingCash: string,
): Promise<void> {
  if (await deps.ledger.getAccount(accountId)) return;
  try {
    await deps.ledger.createAccount({
      id: accountId,
      cash: startingCash,
      limits: {
        maxOrderQuantity: null,
        maxOrderNotional: null,
        maxOrdersPerDay: null,
        maxOrdersPerMinute: null,
      },
    });
  } catch (err) {
    if (!(err instanceof GatewayError && err.code === ErrorCode.Conflict)) throw err;
  }
}

/**
 * Reads the account's state as a decision would see it (working orders, today's orders and the
 * last minute's, positions), without locking: for previews and reports.
 */
export async function readState(
  deps: Pick<TradingDeps, 'ledger'>,
  accountId: string,
  now: string,
): Promise<LedgerState> {
  const account = await deps.ledger.getAccount(accountId);
  if (!account) throw new GatewayError(ErrorCode.NotFound, `no account ${accountId}`);
  const since = orderWindowStart(now);
  const orders = (await deps.ledger.listOrders(accountId)).filter(
    (o) => o.status === 'accepted' || o.createdAt >= since,
  );
  return { account, orders, positions: await deps.ledger.listPositions(accountId) };
}

/**
 * Works the account's resting orders against the market (fills, day-order expiry) before a tool
 * reads or changes the account, so every answer reflects the feed. Does nothing without resting
 * orders.
 */
export async function settleAccount(deps: TradingDeps, accountId: string): Promise<void> {
  const resting = (await deps.ledger.listOrders(accountId)).filter((o) => o.status === 'accepted');
  if (resting.length === 0) return;
  const view = await marketView(
    deps,
    resting.map((o) => o.symbol),
  );
  await deps.ledger.transact(accountId, { since: orderWindowStart(view.ctx.now) }, (state) => {
    const decision = advanceMarket(state, view.ctx);
    return { changes: decision.changes, result: workingOrders(decision.state).length };
  });
}
