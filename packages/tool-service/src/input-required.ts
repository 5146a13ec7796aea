import { ErrorCode, GatewayError, type ToolResult } from '@stockpulse/protocol';
import { checkAskCapability } from './client-asker.js';
import type { ClientRequestMethod, RequestContext } from './types.js';

/** Thrown by an input-required asker when a question has no answer yet; ends the call. */
export class InputRequiredSignal extends Error {
  override readonly name = 'InputRequiredSignal';
}

/** The questions of one round, by key. */
export type InputRequests = Record<
  string,
  { readonly method: ClientRequestMethod; readonly params: Record<string, unknown> }
>;

/**
 * An asker for a stateless (2026-07-28) client: a question the client already answered (its
 * `inputResponses`, sent with this call) resolves at once; any other is collected and ends the
 * call, which then answers with an input_required result listing every collected question.
 */
export function inputRequiredAsker(
  clientCapabilities: Readonly<Record<string, unknown>>,
  inputResponses: Readonly<Record<string, unknown>> | undefined,
): { ask: RequestContext['ask']; pending(): InputRequests } {
  const pending: Record<string, InputRequests[string]> = {};
  const ask: RequestContext['ask'] = (key, method, params) => {
    checkAskCapability(clientCapabilities, method, params);
    const answer = inputResponses?.[key];
    if (answer !== undefined) {
      if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
        return Promise.reject(
          new GatewayError(ErrorCode.InvalidParams, `inputResponses.${key} must be an object`),
        );
      }
      return Promise.resolve(answer as Record<string, unknown>);
    }
    pending[key] = { method, params };
    return Promise.reject(new InputRequiredSignal(`input required: ${key}`));
  };
  return { ask, pending: () => ({ ...pending }) };
}

/** The result that ends a round: the open questions and the state to echo with the answers. */
export function inputRequiredResult(requests: InputRequests, requestState?: string): ToolResult {
  return {
    content: [],
    resultType: 'input_required',
    inputRequests: requests,
    ...(requestState === undefined ? {} : { requestState }),
  };
}
