import type { ToolImplementation } from '@stockpulse/tool-service';
import { workingOrders } from '@stockpulse/ledger';
import { toolOk } from './tool-kit.js';
import type { TradingDeps } from './trading-deps.js';
import {
  ACCOUNT_READ_ANNOTATIONS,
  cents,
  DECIMAL_SCHEMA,
  NULLABLE_DECIMAL,
} from './trading-schemas.js';
import { openAccountState } from './trading-tool.js';
import { valuePortfolio } from './portfolio-valuation.js';

/** `get_account`: the caller's paper account: cash, buying power, equity, limits. */
export function getAccountTool(deps: TradingDeps): ToolImplementation {
  return {
    definition: {
      name: 'get_account',
      title: 'Get paper-trading account',
      description:
        "The caller's paper-trading account (opened with default cash on first use): cash, buying power, positions value, equity, open orders, limits and kill switch. Amounts are USD decimal strings.",
      inputSchema: { type: 'object', properties: {}, additionalProperties: false },
      outputSchema: {
        type: 'object',
        properties: {
          accountId: { type: 'string' },
          currency: { const: 'USD' },
          cash: DECIMAL_SCHEMA,
          buyingPower: DECIMAL_SCHEMA,
          positionsValue: DECIMAL_SCHEMA,
          equity: DECIMAL_SCHEMA,
          openOrders: { type: 'integer' },
          killSwitch: { type: 'boolean' },
          marketOpen: { type: 'boolean' },
          limits: {
            type: 'object',
            properties: {
              maxOrderQuantity: NULLABLE_DECIMAL,
              maxOrderNotional: NULLABLE_DECIMAL,
              maxOrdersPerDay: { type: ['integer', 'null'] },
              maxOrdersPerMinute: { type: ['integer', 'null'] },
            },
          },
          asOf: { type: 'string' },
        },
        required: ['accountId', 'cash', 'buyingPower', 'equity', 'killSwitch', 'asOf'],
      },
      annotations: ACCOUNT_READ_ANNOTATIONS,
    },
    handler: async (_args, ctx) => {
      const { accountId, state } = await openAccountState(deps, ctx);
      const v = await valuePortfolio(deps, state);
      const data = {
        accountId,
        currency: 'USD',
        cash: cents(state.account.cash),
        buyingPower: v.buyingPower,
        positionsValue: v.positionsValue,
        equity: v.equity,
        openOrders: workingOrders(state).length,
        killSwitch: state.account.killSwitch,
        marketOpen: v.marketOpen,
        limits: { ...state.account.limits },
        asOf: v.asOf,
      };
      const halted = data.killSwitch ? ' Trading is halted by an operator.' : '';
      const text = `Account ${accountId}: cash ${data.cash} USD, buying power ${data.buyingPower}, equity ${data.equity}, ${data.openOrders} open orders.${halted}`;
      return toolOk(text, data);
    },
  };
}
