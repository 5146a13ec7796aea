import type { ToolResult } from '@stockpulse/protocol';
import type { LedgerState } from '@stockpulse/ledger';
import type { ToolContext } from '@stockpulse/tool-service';
import { resolveTradingOptions, type TradingDeps } from './trading-deps.js';
import { accountOf, ensureAccount, readState, settleAccount } from './trading-market.js';

/**
 * The caller's account, opened on first use and settled against the feed (resting orders
 * worked, day orders expired), with its current state.
 */
export async function openAccountState(
  deps: TradingDeps,
  ctx: ToolContext,
): Promise<{ accountId: string; state: LedgerState }> {
  const accountId = accountOf(ctx.principalId);
  await ensureAccount(deps, accountId, resolveTradingOptions(deps.options).startingCash);
  await settleAccount(deps, accountId);
  return { accountId, state: await readState(deps, accountId, deps.provider.now().toISOString()) };
}

/** A tool handler over the caller's account. */
export type AccountHandler = (
  args: Record<string, unknown>,
  ctx: ToolContext,
  account: { accountId: string; state: LedgerState },
) => Promise<ToolResult>;
