import type { ToolImplementation } from '@stockpulse/tool-service';
import { Decimal } from '@stockpulse/ledger';
import { toolOk } from './tool-kit.js';
import type { TradingDeps } from './trading-deps.js';
import { ACCOUNT_READ_ANNOTATIONS, cents, DECIMAL_SCHEMA } from './trading-schemas.js';
import { openAccountState } from './trading-tool.js';
import { percentOf, valuePortfolio } from './portfolio-valuation.js';

/**
 * `get_portfolio_performance`: the account's return since it opened. The starting cash is
 * rebuilt from the fills (cash moves only by fills), so cash plus positions reconcile exactly.
 */
export function getPortfolioPerformanceTool(deps: TradingDeps): ToolImplementation {
  return {
    definition: {
      name: 'get_portfolio_performance',
      title: 'Get portfolio performance',
      description:
        "Performance of the caller's paper portfolio since the account opened: starting cash, equity, total return (amount and percent), realized and unrealized profit, traded volume. Decimal strings, USD.",
      inputSchema: { type: 'object', properties: {}, additionalProperties: false },
      outputSchema: {
        type: 'object',
        properties: {
          asOf: { type: 'string' },
          startingCash: DECIMAL_SCHEMA,
          cash: DECIMAL_SCHEMA,
          positionsValue: DECIMAL_SCHEMA,
          equity: DECIMAL_SCHEMA,
          totalReturn: DECIMAL_SCHEMA,
          totalReturnPercent: DECIMAL_SCHEMA,
          realizedPnl: DECIMAL_SCHEMA,
          unrealizedPnl: DECIMAL_SCHEMA,
          fills: { type: 'integer' },
          boughtNotional: DECIMAL_SCHEMA,
          soldNotional: DECIMAL_SCHEMA,
        },
        required: ['asOf', 'startingCash', 'equity', 'totalReturn', 'totalReturnPercent'],
      },
      annotations: ACCOUNT_READ_ANNOTATIONS,
    },
    handler: async (_args, ctx) => {
      const { accountId, state } = await openAccountState(deps, ctx);
      const v = await valuePortfolio(deps, state);
      const fills = await deps.ledger.listFills(accountId);
      const bought = fills
        .filter((f) => f.side === 'buy')
        .reduce((acc, f) => acc.plus(f.notional), new Decimal(0));
      const sold = fills
        .filter((f) => f.side === 'sell')
        .reduce((acc, f) => acc.plus(f.notional), new Decimal(0));
      const starting = new Decimal(state.account.cash).plus(bought).minus(sold);
      const equity = new Decimal(state.account.cash).plus(v.positionsValue);
      const totalReturn = equity.minus(starting);
      const data = {
        asOf: v.asOf,
        startingCash: cents(starting),
        cash: cents(state.account.cash),
        positionsValue: v.positionsValue,
        equity: cents(equity),
        totalReturn: cents(totalReturn),
        totalReturnPercent: percentOf(totalReturn, starting),
        realizedPnl: v.realizedPnl,
        unrealizedPnl: v.unrealizedPnl,
        fills: fills.length,
        boughtNotional: cents(bought),
        soldNotional: cents(sold),
      };
      const text = `Equity ${data.equity} USD from ${data.startingCash}: ${data.totalReturn} (${data.totalReturnPercent}%); realized ${data.realizedPnl}, unrealized ${data.unrealizedPnl}, ${data.fills} fills.`;
      return toolOk(text, data);
    },
  };
}
