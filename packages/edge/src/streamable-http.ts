import { randomUUID } from 'node:crypto';
import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import {
  ErrorCode,
  GatewayError,
  JsonRpcErrorCode,
  isSupportedProtocolVersion,
  type AuditInput,
  type Principal,
  type SessionRecord,
} from '@stockpulse/protocol';
import {
  classify,
  rpcError,
  rpcResult,
  RpcError,
  toJsonRpcError,
  type IncomingMessage,
} from './json-rpc.js';
import { bearerToken, readBody, sendJson } from './http-io.js';
import { answer, notify, respond } from './mcp-dispatch.js';
import { initializeSession } from './initialize.js';
import { handleStatelessPost, isStatelessRequest } from './stateless.js';
import { serveRequestStream } from './request-stream.js';
import type { EdgeDeps, EdgeSettings } from './types.js';

const SESSION_HEADER = 'mcp-session-id';
const VERSION_HEADER = 'mcp-protocol-version';

function credentialOf(req: HttpRequest): string {
  const bearer = bearerToken(req);
  if (bearer !== undefined) return bearer;
  const key = req.headers['x-api-key'];
  return typeof key === 'string' ? key.trim() : '';
}

function httpError(res: ServerResponse, status: number, code: number, message: string): void {
  sendJson(res, status, rpcError(null, { code, message }));
}

/** Authenticates the caller; answers 401 (or 503) itself and returns null when it fails. */
export async function authenticate(
  deps: EdgeDeps,
  req: HttpRequest,
  res: ServerResponse,
): Promise<Principal | null> {
  try {
    return await deps.principals.authenticate(credentialOf(req));
  } catch (err) {
    const g = GatewayError.from(err);
    if (g.code === ErrorCode.Unauthenticated) {
      sendJson(
        res,
        401,
        { error: 'unauthorized', error_description: g.message },
        { 'www-authenticate': 'Bearer realm="stockpulse-mcp", error="invalid_token"' },
      );
    } else {
      deps.logger.warn({ err: g.message }, 'authentication unavailable');
      sendJson(
        res,
        503,
        { error: 'unavailable', error_description: 'authentication is unavailable, retry later' },
        { 'retry-after': '1' },
      );
    }
    return null;
  }
}

function parseMessages(body: string): { messages: IncomingMessage[]; batch: boolean } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new RpcError(JsonRpcErrorCode.ParseError, 'Parse error: body is not valid JSON');
  }
  const batch = Array.isArray(value);
  const list = batch ? (value as unknown[]) : [value];
  if (list.length === 0) throw new RpcError(JsonRpcErrorCode.InvalidRequest, 'empty batch');
  return { messages: list.map(classify), batch };
}

/** Requests a worker serves, and so may send notifications or questions for. */
const WORKER_METHODS = new Set(['tools/call', 'resources/read', 'prompts/get']);

/**
 * Whether the client declared a capability a worker could ask it about (elicitation only counts
 * from 2025-06-18, the first revision that defines it).
 */
function canBeAsked(session: SessionRecord): boolean {
  const caps = session.clientCapabilities;
  const elicitation = caps['elicitation'] !== undefined && session.protocolVersion >= '2025-06-18';
  return elicitation || caps['sampling'] !== undefined || caps['roots'] !== undefined;
}

/**
 * Whether to answer as an SSE stream: a single request a worker serves, when the worker may have
 * something to send before the response (progress for a progress token, log messages after
 * logging/setLevel, or a question for a client that can answer elicitation, sampling or roots).
 */
function wantsSse(req: HttpRequest, messages: IncomingMessage[], session: SessionRecord): boolean {
  if (messages.length !== 1) return false;
  const m = messages[0];
  if (m?.kind !== 'request' || !WORKER_METHODS.has(m.method)) return false;
  if (!(req.headers.accept ?? '').includes('text/event-stream')) return false;
  const meta = m.params['_meta'] as Record<string, unknown> | undefined;
  return (
    meta?.['progressToken'] !== undefined || session.logLevel !== undefined || canBeAsked(session)
  );
}

/**
 * The session a request names, when it exists and belongs to the caller. Answers 400 (no
 * Mcp-Session-Id) or 404 (unknown, ended, or another principal's) itself and returns null.
 */
export async function sessionOf(
  deps: EdgeDeps,
  req: HttpRequest,
  res: ServerResponse,
  principal: Principal,
): Promise<SessionRecord | null> {
  const sessionId = req.headers[SESSION_HEADER];
  if (typeof sessionId !== 'string' || !sessionId) {
    httpError(
      res,
      400,
      JsonRpcErrorCode.ServerError,
      'Bad Request: Mcp-Session-Id header is required',
    );
    return null;
  }
  const session = await deps.sessions.get(sessionId);
  if (!session || session.principalId !== principal.id) {
    httpError(res, 404, JsonRpcErrorCode.ServerError, 'Session not found');
    return null;
  }
  return session;
}

/** Handles POST on the MCP endpoint: one JSON-RPC message or a batch. */
export async function handlePost(
  deps: EdgeDeps,
  settings: EdgeSettings,
  req: HttpRequest,
  res: ServerResponse,
): Promise<void> {
  const principal = await authenticate(deps, req, res);
  if (!principal) return;
  const accept = req.headers.accept ?? '';
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
    return httpError(
      res,
      406,
      JsonRpcErrorCode.ServerError,
      'Not Acceptable: client must accept both application/json and text/event-stream',
    );
  }
  if (!(req.headers['content-type'] ?? '').includes('application/json')) {
    return httpError(
      res,
      415,
      JsonRpcErrorCode.ServerError,
      'Unsupported Media Type: Content-Type must be application/json',
    );
  }
  let parsed: { messages: IncomingMessage[]; batch: boolean };
  try {
    parsed = parseMessages(await readBody(req, settings.maxBodyBytes));
  } catch (err) {
    const status =
      err instanceof GatewayError && err.code === ErrorCode.PayloadTooLarge ? 413 : 400;
    return sendJson(res, status, rpcError(null, toJsonRpcError(err)));
  }
  const { messages, batch } = parsed;
  // 2026-07-28 clients have no session: their requests are served apart (stateless.ts).
  if (isStatelessRequest(req.headers, messages)) {
    return handleStatelessPost(deps, settings, req, res, principal, messages, batch);
  }
  const init = messages.find((m) => m.kind === 'request' && m.method === 'initialize');
  if (init && init.kind === 'request') {
    if (messages.length > 1) {
      return httpError(res, 400, JsonRpcErrorCode.InvalidRequest, 'initialize must be sent alone');
    }
    let opened: Awaited<ReturnType<typeof initializeSession>>;
    try {
      opened = await initializeSession(deps, settings, principal, init.params);
    } catch (err) {
      const unavailable = err instanceof GatewayError && err.code === ErrorCode.Unavailable;
      return sendJson(
        res,
        unavailable ? 503 : 500,
        rpcError(init.id, toJsonRpcError(err)),
        unavailable ? { 'retry-after': '5' } : {},
      );
    }
    const { session, result } = opened;
    deps.logger.info(
      {
        sessionId: session.id,
        principalId: principal.id,
        protocolVersion: session.protocolVersion,
      },
      'session opened',
    );
    return sendJson(res, 200, rpcResult(init.id, result), { 'mcp-session-id': session.id });
  }
  const version = req.headers[VERSION_HEADER];
  if (typeof version === 'string' && !isSupportedProtocolVersion(version)) {
    return httpError(
      res,
      400,
      JsonRpcErrorCode.ServerError,
      `Bad Request: unsupported protocol version ${version}`,
    );
  }
  const session = await sessionOf(deps, req, res, principal);
  if (!session) return;
  const requests = messages.filter(
    (m): m is Extract<IncomingMessage, { kind: 'request' }> => m.kind === 'request',
  );
  for (const m of messages) {
    if (m.kind === 'notification') notify(deps, session, m.method, m.params);
    else if (m.kind === 'response') answer(deps, session, m);
  }
  if (requests.length === 0) {
    res.writeHead(202).end();
    return;
  }
  const audits: AuditInput[] = [];
  const serve = async (
    m: (typeof requests)[number],
    requestId: string,
    interaction?: 'stream',
  ): Promise<Record<string, unknown>> => {
    const ctx = {
      principal,
      session,
      requestId,
      rpcId: m.id,
      ...(interaction ? { interaction } : {}),
    };
    const { reply, audit } = await respond(deps, settings, ctx, m.method, m.params);
    if (audit) audits.push(audit);
    return reply;
  };
  const first = requests[0];
  if (first && wantsSse(req, messages, session)) {
    await serveRequestStream(deps, settings, res, session, randomUUID(), (requestId) =>
      serve(first, requestId, 'stream'),
    );
  } else {
    const replies = await Promise.all(requests.map((m) => serve(m, randomUUID())));
    sendJson(res, 200, batch ? replies : replies[0]);
  }
  for (const a of audits) await deps.recorder.record(a);
}

/** Handles DELETE on the MCP endpoint: ends the session. */
export async function handleDelete(
  deps: EdgeDeps,
  req: HttpRequest,
  res: ServerResponse,
): Promise<void> {
  const principal = await authenticate(deps, req, res);
  if (!principal) return;
  const session = await sessionOf(deps, req, res, principal);
  if (!session) return;
  await deps.sessions.delete(session.id);
  deps.logger.info({ sessionId: session.id }, 'session closed');
  res.writeHead(200).end();
}
