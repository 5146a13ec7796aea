import { ErrorCode, GatewayError, type AuditInput, type ToolResult } from '@stockpulse/protocol';
import type { ToolContext } from '@stockpulse/tool-service';
import { resolveTradingOptions, type TradingDeps } from './trading-deps.js';
import { toolError, toolOk } from './tool-kit.js';

/** How a consent question ended. Only `accepted` and `granted` let the tool go on. */
export const ConsentOutcome = {
  /** The user confirmed through elicitation. */
  Accepted: 'accepted',
  /** The principal holds a standing grant for the tool; nobody was asked. */
  Granted: 'granted',
  /** The user answered no (or accepted without confirming). */
  Declined: 'declined',
  /** The user dismissed the question. */
  Cancelled: 'cancelled',
  /** No answer before the consent timeout. */
  Timeout: 'timeout',
  /** The client cannot be asked (no elicitation capability, no stream) and there is no grant. */
  Refused: 'refused',
} as const;
export type ConsentOutcome = (typeof ConsentOutcome)[keyof typeof ConsentOutcome];

/** What a consent question needs: which tool, what to show, and what to audit with it. */
export interface ConsentRequest {
  readonly tool: string;
  readonly message: string;
  /** Title of the confirm checkbox. */
  readonly confirmTitle: string;
  /** Extra audit data (order, preview id, ...). */
  readonly data?: Record<string, unknown>;
}

/** The outcome and a sentence for the user. */
export interface ConsentDecision {
  readonly outcome: ConsentOutcome;
  readonly detail: string;
}

/** The first revision whose clients take `mode` on an elicitation request. */
const MODE_REVISION = '2025-11-25';
/** Time kept back from the call's deadline to reply after a consent timeout. */
const REPLY_MARGIN_MS = 500;

function auditOutcome(outcome: ConsentOutcome): AuditInput['outcome'] {
  if (outcome === ConsentOutcome.Accepted || outcome === ConsentOutcome.Granted) return 'ok';
  return outcome === ConsentOutcome.Timeout ? 'error' : 'denied';
}

async function ask(
  ctx: ToolContext,
  req: ConsentRequest,
  timeoutMs: number,
): Promise<ConsentDecision> {
  const params: Record<string, unknown> = {
    message: req.message,
    requestedSchema: {
      type: 'object',
      properties: { confirm: { type: 'boolean', title: req.confirmTitle } },
      required: ['confirm'],
    },
    ...(ctx.protocolVersion !== undefined && ctx.protocolVersion >= MODE_REVISION
      ? { mode: 'form' }
      : {}),
  };
  const budget = Math.max(100, Math.min(timeoutMs, ctx.deadline - Date.now() - REPLY_MARGIN_MS));
  try {
    const answer = await ctx.ask('consent', 'elicitation/create', params, { timeoutMs: budget });
    const action = answer['action'];
    const content = answer['content'] as Record<string, unknown> | undefined;
    if (action === 'accept' && content?.['confirm'] === true)
      return { outcome: ConsentOutcome.Accepted, detail: 'the user confirmed' };
    if (action === 'cancel')
      return { outcome: ConsentOutcome.Cancelled, detail: 'the user dismissed the request' };
    return { outcome: ConsentOutcome.Declined, detail: 'the user declined' };
  } catch (err) {
    // Anything else (an input_required round, a shutdown) is not ours to turn into an outcome.
    if (!(err instanceof GatewayError)) throw err;
    if (err.code === ErrorCode.DeadlineExceeded)
      return { outcome: ConsentOutcome.Timeout, detail: `no answer within ${budget} ms` };
    if (err.code === ErrorCode.Forbidden || err.code === ErrorCode.BadRequest)
      return {
        outcome: ConsentOutcome.Refused,
        detail: `consent could not be asked: ${err.message}`,
      };
    throw err;
  }
}

/**
 * Obtains the user's consent for a consent-gated tool: a standing grant of the principal for
 * the tool counts as consent without asking; otherwise the client is asked with a form
 * elicitation (a `confirm` checkbox). Decline, cancel, timeout and "cannot be asked" are
 * outcomes, not errors. Every outcome is audited durably before this returns.
 */
export async function obtainConsent(
  deps: Pick<TradingDeps, 'consentGrants' | 'audit'>,
  ctx: ToolContext,
  req: ConsentRequest,
  timeoutMs: number,
): Promise<ConsentDecision> {
  const grant = await deps.consentGrants.find(ctx.principalId, req.tool, new Date());
  const decision: ConsentDecision = grant
    ? { outcome: ConsentOutcome.Granted, detail: `standing grant by ${grant.grantedBy}` }
    : await ask(ctx, req, timeoutMs);
  await deps.audit({
    kind: 'call',
    action: 'consent',
    outcome: auditOutcome(decision.outcome),
    principalId: ctx.principalId,
    sessionId: ctx.sessionId,
    requestId: ctx.requestId,
    target: req.tool,
    ...(decision.outcome === ConsentOutcome.Timeout
      ? { errorCode: ErrorCode.DeadlineExceeded }
      : {}),
    data: { consent: decision.outcome, detail: decision.detail, ...req.data },
  });
  return decision;
}

/** Whether an outcome lets the gated tool go on. */
export function consented(decision: ConsentDecision): boolean {
  return (
    decision.outcome === ConsentOutcome.Accepted || decision.outcome === ConsentOutcome.Granted
  );
}

/** What a consent gate needs: grants, the audit trail and the consent timeout. */
export type ConsentDeps = Pick<TradingDeps, 'consentGrants' | 'audit' | 'options'>;

/**
 * Asks consent for a destructive change; `stop: null` when it may go on, else the refusal (a tool
 * error saying how to get consent) or the outcome that stops it (made by `stopped`).
 */
export async function consentFor(
  deps: ConsentDeps,
  ctx: ToolContext,
  tool: string,
  message: string,
  data: Record<string, unknown>,
  stopped: (outcome: string, detail: string) => ToolResult,
): Promise<{ stop: ToolResult | null; consent: string }> {
  const decision = await obtainConsent(
    deps,
    ctx,
    { tool, message, confirmTitle: 'Allow this change', data },
    resolveTradingOptions(deps.options).consentTimeoutMs,
  );
  if (decision.outcome === ConsentOutcome.Refused)
    return {
      consent: decision.outcome,
      stop: toolError(
        `Refused: ${tool} needs your consent, and ${decision.detail}. Use a client that supports elicitation, or ask an operator for a standing consent grant for ${tool}.`,
      ),
    };
  if (!consented(decision))
    return { consent: decision.outcome, stop: stopped(decision.outcome, decision.detail) };
  return { consent: decision.outcome, stop: null };
}

/** Output schema of a consent-gated delete: whether it happened, and the consent outcome. */
export const DELETED_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    deleted: { type: 'boolean' },
    consent: { enum: Object.values(ConsentOutcome) },
    detail: { type: 'string' },
  },
  required: ['id', 'deleted'],
} as const;

/** The result of a delete that consent stopped (declined, cancelled, timed out). */
export function notDeleted(
  what: string,
  id: string,
): (outcome: string, detail: string) => ToolResult {
  return (outcome, detail) =>
    toolOk(`${what} not deleted: ${detail} (consent ${outcome}).`, {
      id,
      deleted: false,
      consent: outcome,
      detail,
    });
}
