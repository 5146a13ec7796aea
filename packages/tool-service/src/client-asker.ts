import { randomBytes } from 'node:crypto';
import { ErrorCode, GatewayError, Header, subjects, type ClientAnswer } from '@stockpulse/protocol';
import type { Bus } from '@stockpulse/bus';
import type { AskOptions, ClientRequestMethod, RequestContext } from './types.js';

/** The first revision that defines each kind of question. */
const FIRST_REVISION = { elicitation: '2025-06-18', urlElicitation: '2025-11-25' } as const;

/**
 * Refuses a question the client did not declare it can answer, or that its protocol revision
 * does not define: elicitation (from 2025-06-18; URL mode from 2025-11-25 and only with
 * `elicitation.url`), sampling, roots.
 */
export function checkAskCapability(
  caps: Readonly<Record<string, unknown>>,
  method: ClientRequestMethod,
  params: Record<string, unknown>,
  protocolVersion?: string,
): void {
  const before = (first: string): boolean =>
    protocolVersion !== undefined && protocolVersion < first;
  const cap = (name: string): Record<string, unknown> | undefined => {
    const v = caps[name];
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  };
  const refuse = (what: string): never => {
    throw new GatewayError(ErrorCode.Forbidden, `the client does not support ${what}`, {
      details: { method },
    });
  };
  switch (method) {
    case 'elicitation/create': {
      const elicitation = cap('elicitation');
      if (!elicitation || before(FIRST_REVISION.elicitation)) refuse('elicitation');
      if (
        params['mode'] === 'url' &&
        (!elicitation?.['url'] || before(FIRST_REVISION.urlElicitation))
      )
        refuse('URL-mode elicitation');
      return;
    }
    case 'sampling/createMessage':
      if (!cap('sampling')) refuse('sampling');
      return;
    case 'roots/list':
      if (!cap('roots')) refuse('roots');
      return;
  }
}

/** Where a stream-mode question goes and what bounds it. */
export interface StreamAskTarget {
  readonly bus: Bus;
  readonly sessionId: string;
  /** The call's request id: the edge serving the call puts the question on its stream. */
  readonly requestId: string;
  readonly clientCapabilities: Readonly<Record<string, unknown>>;
  /** The session's revision: questions it does not define are refused. */
  readonly protocolVersion?: string | undefined;
  readonly deadline: number;
  readonly signal: AbortSignal;
}

/**
 * Asks the client on the stream of the call: publishes a JSON-RPC request with a fresh id on the
 * session subject (tagged with the call's request id), and waits for the answer that whichever
 * edge receives it publishes on `sessionReply(session, id)`. When the call ends first (deadline,
 * cancellation, shutdown) or the wait times out, the client is told with `notifications/cancelled`.
 */
export function streamAsker(target: StreamAskTarget): RequestContext['ask'] {
  const { bus, sessionId, requestId } = target;
  const out = subjects.sessionOut(sessionId);
  const tell = (message: Record<string, unknown>): void =>
    bus.publish(out, JSON.stringify({ jsonrpc: '2.0', ...message }), {
      headers: { [Header.RequestId]: requestId },
    });
  return (_key, method, params, opts: AskOptions = {}) => {
    checkAskCapability(target.clientCapabilities, method, params, target.protocolVersion);
    if (target.signal.aborted) {
      return Promise.reject(new GatewayError(ErrorCode.DeadlineExceeded, 'the call has ended'));
    }
    const id = `s2c-${randomBytes(12).toString('hex')}`;
    const remaining = target.deadline - Date.now();
    const timeoutMs = Math.max(0, Math.min(opts.timeoutMs ?? remaining, remaining));
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        target.signal.removeEventListener('abort', onAbort);
        sub.unsubscribe();
      };
      const giveUp = (reason: string, err: GatewayError): void => {
        finish();
        tell({ method: 'notifications/cancelled', params: { requestId: id, reason } });
        reject(err);
      };
      const onAbort = (): void =>
        giveUp('the call ended', new GatewayError(ErrorCode.DeadlineExceeded, 'the call ended'));
      // Subscribed before the question goes out: the answer cannot arrive before it is heard.
      const sub = bus.subscribe(subjects.sessionReply(sessionId, id), (msg) => {
        finish();
        let answer: ClientAnswer;
        try {
          answer = msg.json<ClientAnswer>();
        } catch {
          reject(new GatewayError(ErrorCode.BadRequest, `unreadable answer to ${method}`));
          return;
        }
        if ('result' in answer) resolve(answer.result);
        else
          reject(
            new GatewayError(
              ErrorCode.BadRequest,
              `the client answered ${method} with an error: ${answer.error.message}`,
              { details: { code: answer.error.code } },
            ),
          );
      });
      const timer = setTimeout(
        () =>
          giveUp(
            'timed out',
            new GatewayError(
              ErrorCode.DeadlineExceeded,
              `the client did not answer ${method} within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
      target.signal.addEventListener('abort', onAbort, { once: true });
      tell({ id, method, params });
    });
  };
}

/** An asker for a client that cannot be asked. */
export function refusingAsker(why: string): RequestContext['ask'] {
  return () => Promise.reject(new GatewayError(ErrorCode.Forbidden, why));
}
