import type { ToolImplementation } from '@stockpulse/tool-service';
import { intArg, toolOk } from './tool-kit.js';
import type { TradingDeps } from './trading-deps.js';
import { ACCOUNT_READ_ANNOTATIONS, ORDER_SCHEMA, orderJson, orderLine } from './trading-schemas.js';
import { openAccountState } from './trading-tool.js';

/** `list_orders`: the caller's orders, newest first, filtered by status and symbol. */
export function listOrdersTool(deps: TradingDeps): ToolImplementation {
  return {
    definition: {
      name: 'list_orders',
      title: 'List orders',
      description:
        "The caller's paper orders, newest first. `status`: `open` (working), `closed` (filled, cancelled, rejected, expired) or `all` (default).",
      inputSchema: {
        type: 'object',
        properties: {
          status: { enum: ['open', 'closed', 'all'], default: 'all' },
          symbol: { type: 'string', pattern: '^[A-Za-z][A-Za-z.]{0,9}$' },
          limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
        },
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: {
          count: { type: 'integer' },
          orders: { type: 'array', items: ORDER_SCHEMA },
        },
        required: ['count', 'orders'],
      },
      annotations: ACCOUNT_READ_ANNOTATIONS,
    },
    handler: async (args, ctx) => {
      const { accountId } = await openAccountState(deps, ctx);
      const status = typeof args['status'] === 'string' ? args['status'] : 'all';
      const symbol = typeof args['symbol'] === 'string' ? args['symbol'].toUpperCase() : undefined;
      const orders = (await deps.ledger.listOrders(accountId))
        .filter((o) => status === 'all' || (o.status === 'accepted') === (status === 'open'))
        .filter((o) => symbol === undefined || o.symbol === symbol)
        .reverse()
        .slice(0, intArg(args, 'limit', 50));
      const text = orders.length > 0 ? orders.map(orderLine).join('\n') : 'No orders.';
      return toolOk(text, { count: orders.length, orders: orders.map(orderJson) });
    },
  };
}
