import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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

/** What a round's state is bound to, so it cannot be replayed into another call. */
export interface StateBinding {
  /** The tool (or prompt, resource) the call is for. */
  readonly target: string;
  readonly principalId: string;
}

/** Options of {@link inputRequiredAsker}. */
export interface InputRequiredOptions {
  /** The `requestState` the client echoed from the previous round, if any. */
  readonly requestState?: string | undefined;
  readonly binding: StateBinding;
  /** Signs and checks request states; defaults to {@link requestStateKey}. */
  readonly key?: Buffer;
  /** How long a request state stays valid (default 10 minutes). */
  readonly stateTtlMs?: number;
}

/** An asker for one round of a stateless call, and what ends the round. */
export interface InputRequiredAsker {
  readonly ask: RequestContext['ask'];
  /** The questions asked and not yet answered. */
  pending(): InputRequests;
  /** The input_required result that ends this round: the open questions and the new state. */
  result(): ToolResult;
}

const STATE_VERSION = 'v1';
const DEFAULT_STATE_TTL_MS = 10 * 60_000;
const ENV_KEY = 'MCPGW_REQUEST_STATE_SECRET';
let processKey: Buffer | undefined;

/**
 * The key request states are signed with: `MCPGW_REQUEST_STATE_SECRET` when set (every replica
 * of a service must share it, or a round answered on another replica is refused), else a random
 * key for this process.
 */
export function requestStateKey(): Buffer {
  const secret = process.env[ENV_KEY];
  if (secret) return Buffer.from(secret, 'utf8');
  processKey ??= randomBytes(32);
  return processKey;
}

/** What a request state carries: the answers of earlier rounds, bound to one caller and target. */
interface StatePayload {
  readonly t: string;
  readonly p: string;
  readonly exp: number;
  readonly a: Record<string, Record<string, unknown>>;
}

function sign(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

/** Encodes and signs a state (HMAC-SHA256): `v1.<payload>.<mac>`, all base64url. */
export function sealState(key: Buffer, payload: StatePayload): string {
  const body = `${STATE_VERSION}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${sign(key, body)}`;
}

function invalidState(why: string): GatewayError {
  return new GatewayError(ErrorCode.InvalidParams, `invalid requestState: ${why}`);
}

/**
 * Checks a state the client echoed and returns the answers it carries. Refuses (invalid_params)
 * a state that was altered, has expired, or belongs to another caller or target.
 */
export function openState(
  key: Buffer,
  state: string,
  binding: StateBinding,
  now = Date.now(),
): Record<string, Record<string, unknown>> {
  const parts = state.split('.');
  const [version, encoded, mac] = parts;
  if (parts.length !== 3 || version !== STATE_VERSION || !encoded || !mac) {
    throw invalidState('malformed');
  }
  const expected = Buffer.from(sign(key, `${version}.${encoded}`));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw invalidState('integrity check failed');
  }
  let payload: StatePayload;
  try {
    payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as StatePayload;
  } catch {
    throw invalidState('malformed');
  }
  if (payload.t !== binding.target || payload.p !== binding.principalId) {
    throw invalidState('issued for another request');
  }
  if (typeof payload.exp !== 'number' || payload.exp < now) throw invalidState('expired');
  return payload.a;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether an answer has the shape of the result of the method it answers. */
export function isValidAnswer(method: ClientRequestMethod, answer: unknown): boolean {
  if (!isObject(answer)) return false;
  switch (method) {
    case 'elicitation/create':
      return (
        ['accept', 'decline', 'cancel'].includes(answer['action'] as string) &&
        (answer['content'] === undefined || isObject(answer['content']))
      );
    case 'sampling/createMessage':
      return (
        typeof answer['role'] === 'string' &&
        (isObject(answer['content']) || Array.isArray(answer['content']))
      );
    case 'roots/list':
      return Array.isArray(answer['roots']);
  }
}

/** The client capability a question needs, as a ClientCapabilities object. */
function requiredCapability(
  method: ClientRequestMethod,
  params: Record<string, unknown>,
): Record<string, unknown> {
  switch (method) {
    case 'elicitation/create':
      return { elicitation: params['mode'] === 'url' ? { url: {} } : {} };
    case 'sampling/createMessage':
      return { sampling: {} };
    case 'roots/list':
      return { roots: {} };
  }
}

/**
 * An asker for a stateless (2026-07-28) client. A question the client answered (in this call's
 * `inputResponses`, or in an earlier round whose signed `requestState` it echoed) resolves at
 * once; any other is collected and rejects with {@link InputRequiredSignal}, which ends the call
 * with an input_required result listing every collected question (ask them together, with
 * Promise.all, to get them in one round). Extra answers are ignored; an answer of the wrong
 * shape, or a state that fails its integrity check, is refused with invalid_params; a question
 * the client has no capability for is refused with forbidden naming the capability.
 */
export function inputRequiredAsker(
  clientCapabilities: Readonly<Record<string, unknown>>,
  inputResponses: Readonly<Record<string, unknown>> | undefined,
  opts: InputRequiredOptions,
): InputRequiredAsker {
  const key = opts.key ?? requestStateKey();
  let earlier: Record<string, Record<string, unknown>> = {};
  let stateError: GatewayError | undefined;
  if (opts.requestState !== undefined) {
    try {
      earlier = openState(key, opts.requestState, opts.binding);
    } catch (err) {
      stateError = GatewayError.from(err);
    }
  }
  const pending: Record<string, InputRequests[string]> = {};
  const answered: Record<string, Record<string, unknown>> = {};
  const ask: RequestContext['ask'] = (k, method, params) => {
    if (stateError) return Promise.reject(stateError);
    try {
      checkAskCapability(clientCapabilities, method, params);
    } catch (err) {
      const g = GatewayError.from(err);
      return Promise.reject(
        new GatewayError(g.code, g.message, {
          details: { method, requiredCapabilities: requiredCapability(method, params) },
        }),
      );
    }
    const answer = inputResponses?.[k] ?? earlier[k];
    if (answer !== undefined) {
      if (!isValidAnswer(method, answer)) {
        return Promise.reject(
          new GatewayError(
            ErrorCode.InvalidParams,
            `inputResponses.${k} is not a valid ${method} result`,
          ),
        );
      }
      answered[k] = answer as Record<string, unknown>;
      return Promise.resolve(answer as Record<string, unknown>);
    }
    pending[k] = { method, params };
    return Promise.reject(new InputRequiredSignal(`input required: ${k}`));
  };
  return {
    ask,
    pending: () => ({ ...pending }),
    result: () => {
      const ttl = opts.stateTtlMs ?? DEFAULT_STATE_TTL_MS;
      const state = sealState(key, {
        t: opts.binding.target,
        p: opts.binding.principalId,
        exp: Date.now() + ttl,
        a: answered,
      });
      return inputRequiredResult({ ...pending }, state);
    },
  };
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

/**
 * Runs a resources/read or prompts/get for a stateless client so that its handler can ask like a
 * tool does (SEP-2322 allows input_required on those methods): the request's `inputResponses` and
 * `requestState` answer, an unanswered question ends the request with an input_required result.
 * For any other client it runs the handler with the context unchanged.
 */
export async function answerable<T>(
  ctx: RequestContext,
  params: Record<string, unknown>,
  target: string,
  run: (ctx: RequestContext) => Promise<T>,
): Promise<T | Record<string, unknown>> {
  if (ctx.interaction !== 'input-required') return run(ctx);
  const responses = params['inputResponses'];
  const state = params['requestState'];
  const asker = inputRequiredAsker(
    ctx.clientCapabilities,
    isObject(responses) ? responses : undefined,
    {
      requestState: typeof state === 'string' ? state : undefined,
      binding: { target, principalId: ctx.principalId },
    },
  );
  try {
    return await run({ ...ctx, ask: asker.ask });
  } catch (err) {
    if (err instanceof InputRequiredSignal) return { ...asker.result() };
    throw err;
  }
}
