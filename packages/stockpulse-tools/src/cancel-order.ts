import type { ToolImplementation } from '@stockpulse/tool-service';
import { cancelOrder, orderWindowStart } from '@stockpulse/ledger';
import { toolError, toolOk } from './tool-kit.js';
import { resolveTradingOptions, type TradingDeps } from './trading-deps.js';
import { DESTRUCTIVE_ANNOTATIONS, ORDER_SCHEMA, orderLine } from './trading-schemas.js';
import { consented, ConsentOutcome, obtainConsent } from './trading-consent.js';
import { openAccountState } from './trading-tool.js';

/** `cancel_order`: cancels one of the caller's working orders, after the user's consent. */
export function cancelOrderTool(deps: TradingDeps): ToolImplementation {
  const options = resolveTradingOptions(deps.options);
  return {
    definition: {
      name: 'cancel_order',
      title: 'Cancel a paper order',
      description:
        "Cancels one of the caller's working paper orders by its order id, after asking the user to confirm (elicitation) unless they hold a standing consent grant for cancel_order. Filled, cancelled, rejected and expired orders cannot be cancelled.",
      inputSchema: {
        type: 'object',
        properties: { orderId: { type: 'string', minLength: 1, maxLength: 128 } },
        required: ['orderId'],
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: {
          cancelled: { type: 'boolean' },
          consent: { enum: Object.values(ConsentOutcome) },
          detail: { type: 'string' },
          order: ORDER_SCHEMA,
        },
        required: ['cancelled', 'consent'],
      },
      annotations: DESTRUCTIVE_ANNOTATIONS,
    },
    handler: async (args, ctx) => {
      const orderId = String(args['orderId']);
      const { accountId, state } = await openAccountState(deps, ctx);
      const order = state.orders.find((o) => o.id === orderId);
      if (!order) return toolError(`No order ${orderId} on this account.`);
      if (order.status !== 'accepted')
        return toolError(
          `Order ${orderId} is ${order.status}; only working orders can be cancelled.`,
        );
      const decision = await obtainConsent(
        deps,
        ctx,
        {
          tool: 'cancel_order',
          message: `Cancel the paper order ${orderLine(order)}?`,
          confirmTitle: 'Cancel this order',
          data: { orderId },
        },
        options.consentTimeoutMs,
      );
      if (decision.outcome === ConsentOutcome.Refused)
        return toolError(
          `Cancel refused: cancelling orders needs your consent, and ${decision.detail}. Use a client that supports elicitation, or ask an operator for a standing consent grant for cancel_order.`,
        );
      if (!consented(decision))
        return toolOk(`Order not cancelled: ${decision.detail} (consent ${decision.outcome}).`, {
          cancelled: false,
          consent: decision.outcome,
          detail: decision.detail,
        });
      const now = deps.provider.now().toISOString();
      const stored = await deps.ledger.transact(
        accountId,
        { since: orderWindowStart(now) },
        (s) => {
          const r = cancelOrder(s, orderId, { now });
          return { changes: r.changes, result: r };
        },
      );
      const r = stored.kind === 'applied' ? stored.result : null;
      if (!r || !r.ok)
        return toolError(
          `Order ${orderId} could not be cancelled: ${r && !r.ok ? r.refusal.message : 'conflict'}.`,
        );
      await deps.audit({
        kind: 'call',
        action: 'order_cancel',
        outcome: 'ok',
        principalId: ctx.principalId,
        sessionId: ctx.sessionId,
        requestId: ctx.requestId,
        target: 'cancel_order',
        data: { orderId, consent: decision.outcome },
      });
      return toolOk(`Order cancelled.\n${orderLine(r.order)}`, {
        cancelled: true,
        consent: decision.outcome,
        order: r.order,
      });
    },
  };
}
