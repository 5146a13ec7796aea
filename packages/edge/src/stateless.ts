import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import {
  GatewayError,
  Header,
  JsonRpcErrorCode,
  isStatelessProtocolVersion,
  subjects,
  type AuditInput,
  type JsonRpcErrorObject,
  type JsonRpcId,
  type Principal,
  type RequestCancelledEvent,
  type SessionRecord,
} from '@stockpulse/protocol';
import { rpcError, rpcResult, RpcError, type IncomingMessage } from './json-rpc.js';
import { sendJson, startSse, writeSseMessage } from './http-io.js';
import { auditOf, dispatch } from './mcp-dispatch.js';
import {
  checkStatelessRequest,
  isRejection,
  type StatelessEnvelope,
} from './stateless-envelope.js';
import {
  DISPATCHED_METHODS,
  INPUT_REQUIRED_METHODS,
  discoverResult,
  statelessError,
  statelessResult,
} from './stateless-results.js';
import { serveListen } from './stateless-listen.js';
import { checkParamHeaders } from './stateless-params.js';
import type { CallContext, EdgeDeps, EdgeSettings } from './types.js';

export { isStatelessRequest } from './stateless-envelope.js';

type Request = Extract<IncomingMessage, { kind: 'request' }>;

/** Requests a worker serves, and so may report progress or log messages for. */
const WORKER_METHODS = new Set(['tools/call', 'resources/read', 'prompts/get']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The session a stateless request is served as: built from its `_meta`, never stored. Its id
 * is fresh per request, so the subject its worker reports on (progress, logs) belongs to this
 * request alone, and cancelling it names nothing else.
 */
export function syntheticSession(principal: Principal, env: StatelessEnvelope): SessionRecord {
  return {
    id: `sl${randomBytes(15).toString('hex')}`,
    protocolVersion: env.protocolVersion,
    principalId: principal.id,
    clientInfo: env.clientInfo,
    clientCapabilities: env.clientCapabilities,
    createdAt: new Date().toISOString(),
    ...(env.logLevel ? { logLevel: env.logLevel } : {}),
  };
}

/**
 * The params of an input_required retry must be well formed before they reach a worker:
 * `inputResponses` an object of objects, `requestState` a string.
 */
function checkInputParams(params: Record<string, unknown>): void {
  const responses = params['inputResponses'];
  if (responses !== undefined) {
    if (!isObject(responses)) {
      throw new RpcError(JsonRpcErrorCode.InvalidParams, 'params.inputResponses must be an object');
    }
    for (const [key, value] of Object.entries(responses)) {
      if (!isObject(value)) {
        throw new RpcError(
          JsonRpcErrorCode.InvalidParams,
          `params.inputResponses.${key} must be an object`,
        );
      }
    }
  }
  const state = params['requestState'];
  if (state !== undefined && typeof state !== 'string') {
    throw new RpcError(JsonRpcErrorCode.InvalidParams, 'params.requestState must be a string');
  }
}

/** Whether a request names a stateless revision in its MCP-Protocol-Version header. */
export function isStatelessHttpRequest(req: HttpRequest): boolean {
  const v = req.headers['mcp-protocol-version'];
  return typeof v === 'string' && isStatelessProtocolVersion(v.trim());
}

/**
 * Answers GET or DELETE from a 2026-07-28 client: 405, only POST. The revision has no session to
 * delete, and its stream of notifications is a `subscriptions/listen` POST.
 */
export function refuseStatelessMethod(res: ServerResponse): void {
  sendJson(
    res,
    405,
    rpcError(null, {
      code: JsonRpcErrorCode.ServerError,
      message: 'Method not allowed: the 2026-07-28 revision uses POST only (subscriptions/listen)',
    }),
    { allow: 'POST' },
  );
}

function reply(
  res: ServerResponse,
  id: JsonRpcId | null,
  status: number,
  error: JsonRpcErrorObject,
): void {
  sendJson(res, status, rpcError(id, error));
}

/**
 * Serves one POST of a 2026-07-28 client: no session, every request self-describing. Checks the
 * envelope, then answers `server/discover` itself, opens a `subscriptions/listen` stream, or
 * dispatches the request like a session-based one with a session built from its `_meta` and
 * shapes the result for the revision. A request the revision removed (initialize, ping,
 * logging/setLevel, resources/subscribe, ...) or does not know is 404 with -32601. Nothing is
 * ever sent to the client but notifications for its request and the response; a question a
 * worker has for the client comes back as an input_required result. Closing the response
 * (before it is complete) cancels the request.
 */
export async function handleStatelessPost(
  deps: EdgeDeps,
  settings: EdgeSettings,
  req: HttpRequest,
  res: ServerResponse,
  principal: Principal,
  messages: readonly IncomingMessage[],
  batch: boolean,
): Promise<void> {
  const m = messages[0];
  if (batch || messages.length !== 1 || !m) {
    return reply(res, null, 400, {
      code: JsonRpcErrorCode.InvalidRequest,
      message: 'Invalid Request: the 2026-07-28 revision takes one JSON-RPC message per POST',
    });
  }
  // Notifications need nothing (cancellation is closing the stream); there are no
  // server-to-client requests a response could answer.
  if (m.kind !== 'request') {
    res.writeHead(202).end();
    return;
  }
  const checked = checkStatelessRequest(req.headers, m.method, m.params);
  if (isRejection(checked)) return reply(res, m.id, checked.status, checked.error);
  if (m.method === 'server/discover') {
    return sendJson(res, 200, rpcResult(m.id, discoverResult(settings)));
  }
  const session = syntheticSession(principal, checked);
  if (m.method === 'subscriptions/listen') {
    return serveListen(deps, settings, res, session, m);
  }
  if (!DISPATCHED_METHODS.has(m.method)) {
    return reply(res, m.id, 404, {
      code: JsonRpcErrorCode.MethodNotFound,
      message: `Method not found: ${m.method}`,
    });
  }
  const mismatch = paramHeaderMismatch(deps, req, m);
  if (mismatch) return reply(res, m.id, mismatch.status, mismatch.error);
  await serveRequest(deps, settings, req, res, { principal, session }, m);
}

/** A tools/call whose `Mcp-Param-*` headers disagree with its arguments (SEP-2243), or null. */
function paramHeaderMismatch(deps: EdgeDeps, req: HttpRequest, m: Request) {
  if (m.method !== 'tools/call' || typeof m.params['name'] !== 'string') return null;
  const args = m.params['arguments'];
  const tool = deps.routes.current().lookup(m.params['name'])?.tool;
  return isObject(args) ? checkParamHeaders(req.headers, tool?.inputSchema, args) : null;
}

/** Serves one dispatched request, as JSON or (when it may report progress or logs) as SSE. */
async function serveRequest(
  deps: EdgeDeps,
  settings: EdgeSettings,
  req: HttpRequest,
  res: ServerResponse,
  who: { principal: Principal; session: SessionRecord },
  m: Request,
): Promise<void> {
  const requestId = randomUUID();
  const ctx: CallContext = {
    ...who,
    requestId,
    rpcId: m.id,
    // Never `stream`: a stateless client is asked only through input_required results.
    ...(INPUT_REQUIRED_METHODS.has(m.method) ? { interaction: 'input-required' as const } : {}),
  };
  const cancelOnClose = (): void => {
    if (res.writableFinished) return;
    const event: RequestCancelledEvent = {
      sessionId: who.session.id,
      rpcId: JSON.stringify(m.id),
      reason: 'the client closed the response stream',
    };
    deps.bus.publish(subjects.requestCancelled(), JSON.stringify(event));
    deps.logger.debug({ requestId, method: m.method }, 'stateless request cancelled by close');
  };
  res.once('close', cancelOnClose);
  const audits: AuditInput[] = [];
  const serve = async (): Promise<{ status: number; body: Record<string, unknown> }> => {
    try {
      checkInputParams(m.params);
      const d = await dispatch(deps, settings, ctx, m.method, m.params);
      if (d.audit) audits.push(d.audit);
      const result = statelessResult(m.method, d.result, settings.serverInfo);
      return { status: 200, body: rpcResult(m.id, result) };
    } catch (err) {
      const a = auditOf(err);
      if (a) audits.push(a);
      if (!(err instanceof RpcError) && !(err instanceof GatewayError)) {
        deps.logger.error({ err: String(err), method: m.method }, 'request failed');
      }
      const { status, error } = statelessError(err);
      return { status, body: rpcError(m.id, error) };
    }
  };
  try {
    if (wantsSse(req, m, who.session)) {
      await serveSse(deps, res, who.session.id, requestId, serve);
    } else {
      const { status, body } = await serve();
      if (!res.destroyed) sendJson(res, status, body);
    }
  } finally {
    res.off('close', cancelOnClose);
  }
  for (const a of audits) await deps.recorder.record(a);
}

/** SSE when a worker may report something before the response: progress or log messages. */
function wantsSse(req: HttpRequest, m: Request, session: SessionRecord): boolean {
  if (!WORKER_METHODS.has(m.method)) return false;
  if (!(req.headers.accept ?? '').includes('text/event-stream')) return false;
  const meta = m.params['_meta'] as Record<string, unknown> | undefined;
  return meta?.['progressToken'] !== undefined || session.logLevel !== undefined;
}

/**
 * Answers as an SSE stream: the notifications the worker publishes for this request on the
 * request's own subject, then the response. Only notifications pass: a stateless client is
 * never sent a request.
 */
async function serveSse(
  deps: EdgeDeps,
  res: ServerResponse,
  sessionId: string,
  requestId: string,
  serve: () => Promise<{ status: number; body: Record<string, unknown> }>,
): Promise<void> {
  startSse(res);
  const sub = deps.bus.subscribe(subjects.sessionOut(sessionId), (msg) => {
    if (msg.header(Header.RequestId) !== requestId || res.destroyed) return;
    const message = msg.json<Record<string, unknown>>();
    if (typeof message['method'] === 'string' && message['id'] === undefined) {
      writeSseMessage(res, message);
    }
  });
  try {
    await deps.bus.flush();
    const { body } = await serve();
    if (!res.destroyed) writeSseMessage(res, body);
  } finally {
    sub.unsubscribe();
    res.end();
  }
}
