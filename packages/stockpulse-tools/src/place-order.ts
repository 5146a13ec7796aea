import type { ToolResult } from '@stockpulse/protocol';
import type { ToolContext, ToolImplementation } from '@stockpulse/tool-service';
import { toolError, toolOk } from './tool-kit.js';
import { resolveTradingOptions, type TradingDeps } from './trading-deps.js';
import { DESTRUCTIVE_ANNOTATIONS, FILL_SCHEMA, ORDER_SCHEMA } from './trading-schemas.js';
import { accountOf, ensureAccount } from './trading-market.js';
import { consented, ConsentOutcome, obtainConsent } from './trading-consent.js';
import { describeOrder, ORDER_ARG_PROPERTIES } from './order-args.js';
import { previewTerms, termDifferences } from './preview-binding.js';
import {
  commitPlacement,
  idempotencyKey,
  marketCheck,
  NOT_ASKED,
  priorPlacement,
  type Placement,
} from './order-placement.js';

export { idempotencyKey } from './order-placement.js';

function notPlaced(outcome: string, detail: string, previewId: string): ToolResult {
  return toolOk(`Order not placed: ${detail} (consent ${outcome}).`, {
    placed: false,
    consent: outcome,
    previewId,
    detail,
  });
}

/** `place_order`: places a previewed paper order after the user's consent, exactly once. */
export function placeOrderTool(deps: TradingDeps): ToolImplementation {
  const options = resolveTradingOptions(deps.options);

  const handler = async (args: Record<string, unknown>, ctx: ToolContext) => {
    const accountId = accountOf(ctx.principalId);
    const previewId = String(args['previewId']);
    const clientOrderId =
      typeof args['clientOrderId'] === 'string' ? args['clientOrderId'] : previewId;
    const p: Placement = {
      accountId,
      clientOrderId,
      previewId,
      key: idempotencyKey(accountId, clientOrderId),
    };
    await ensureAccount(deps, accountId, options.startingCash);
    const prior = await priorPlacement(deps, p);
    if (prior) return prior;

    const preview = await deps.previews.find(accountId, previewId, deps.provider.now());
    if (!preview)
      return toolError(`Unknown or expired preview ${previewId}; call preview_order first.`);
    const terms = previewTerms(preview);
    const differences = termDifferences(terms, args);
    if (differences.length > 0)
      return toolError(`The order differs from preview ${previewId}: ${differences.join('; ')}.`);
    const before = await marketCheck(deps, options, terms, preview.price);
    if (before.refusal) return toolError(before.refusal);

    const decision = await obtainConsent(
      deps,
      ctx,
      {
        tool: 'place_order',
        message: `Place a paper order: ${describeOrder(terms)} at about ${preview.price} USD (client order id ${clientOrderId})?`,
        confirmTitle: 'Place this order',
        data: { previewId, clientOrderId, order: { ...terms } },
      },
      options.consentTimeoutMs,
    );
    if (decision.outcome === ConsentOutcome.Refused)
      return toolError(
        `Order refused: placing orders needs your consent, and ${decision.detail}. Use a client that supports elicitation, or ask an operator for a standing consent grant for place_order.`,
      );
    if (!consented(decision)) return notPlaced(decision.outcome, decision.detail, previewId);
    // The price is checked again: the user may have taken a while to answer.
    const after = await marketCheck(deps, options, terms, preview.price);
    if (after.refusal) return toolError(after.refusal);
    return commitPlacement(deps, ctx, p, terms, after.view, decision.outcome);
  };

  return {
    definition: {
      name: 'place_order',
      title: 'Place a paper order',
      description:
        'Places a paper order previewed with preview_order, after asking the user to confirm (elicitation) unless they hold a standing consent grant. Refused when the terms differ from the preview, the preview expired, or the price moved beyond the bound since the preview. Exactly once: placing again with the same clientOrderId (default: the previewId) returns the first order. Declining, dismissing or not answering the confirmation places nothing.',
      inputSchema: {
        type: 'object',
        properties: {
          previewId: { type: 'string', minLength: 1, maxLength: 64 },
          clientOrderId: {
            type: 'string',
            pattern: '^[\\x21-\\x7e]{1,64}$',
            description: 'Your id for the order (1-64 visible ASCII); default the previewId',
          },
          ...ORDER_ARG_PROPERTIES,
        },
        required: ['previewId'],
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: {
          placed: { type: 'boolean' },
          consent: { enum: [...Object.values(ConsentOutcome), NOT_ASKED] },
          previewId: { type: 'string' },
          clientOrderId: { type: 'string' },
          duplicate: { type: 'boolean' },
          detail: { type: 'string' },
          order: ORDER_SCHEMA,
          fill: { anyOf: [FILL_SCHEMA, { type: 'null' }] },
        },
        required: ['placed', 'consent'],
      },
      annotations: DESTRUCTIVE_ANNOTATIONS,
    },
    handler,
  };
}
