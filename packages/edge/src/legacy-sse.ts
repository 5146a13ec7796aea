import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  GatewayError,
  JsonRpcErrorCode,
  subjects,
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
import { holdStream, readBody, sendJson, startSse, writeBounded } from './http-io.js';
import { answer, notify, respond } from './mcp-dispatch.js';
import {
  clientCapabilitiesOf,
  clientInfoOf,
  initializeResult,
  negotiateVersion,
  newSessionId,
} from './initialize.js';
import { authenticate } from './streamable-http.js';
import type { EdgeDeps, EdgeSettings } from './types.js';

/** Paths of the legacy HTTP+SSE transport (2024-11-05). */
export const LEGACY_SSE_PATH = '/sse';
export const LEGACY_MESSAGES_PATH = '/messages';

/**
 * GET /sse: opens a legacy session and its one SSE stream. The stream says where to POST (the
 * `endpoint` event), then carries every message of the session: the edge subscribes to the
 * session subject, so a POST answered by any edge reaches the client here. Closing the stream
 * ends the session.
 */
export async function handleLegacyStream(
  deps: EdgeDeps,
  settings: EdgeSettings,
  req: HttpRequest,
  res: ServerResponse,
): Promise<void> {
  const principal = await authenticate(deps, req, res);
  if (!principal) return;
  const session: SessionRecord = {
    id: newSessionId(),
    protocolVersion: '2024-11-05',
    principalId: principal.id,
    clientInfo: null,
    clientCapabilities: {},
    createdAt: new Date().toISOString(),
    transport: 'sse',
  };
  try {
    await deps.sessions.create(session);
  } catch (err) {
    const g = GatewayError.from(err);
    return sendJson(res, g.code === ErrorCode.Unavailable ? 503 : 500, {
      error: g.code,
      error_description: g.message,
    });
  }
  startSse(res);
  const sub = deps.bus.subscribe(subjects.sessionOut(session.id), (msg) => {
    writeBounded(res, `event: message\ndata: ${msg.string()}\n\n`, settings.maxStreamBufferBytes);
  });
  await deps.bus.flush();
  res.write(`event: endpoint\ndata: ${LEGACY_MESSAGES_PATH}?sessionId=${session.id}\n\n`);
  deps.logger.info(
    { sessionId: session.id, principalId: principal.id },
    'legacy sse session opened',
  );
  await holdStream(res, () => deps.sessions.get(session.id), settings.maxStreamBufferBytes);
  sub.unsubscribe();
  await deps.sessions.delete(session.id).catch(() => false);
  deps.logger.info({ sessionId: session.id }, 'legacy sse session closed');
}

/**
 * POST /messages?sessionId=…: accepts messages of a legacy session with 202; every response is
 * published on the session subject for the edge that holds the session's stream.
 */
export async function handleLegacyMessage(
  deps: EdgeDeps,
  settings: EdgeSettings,
  req: HttpRequest,
  res: ServerResponse,
): Promise<void> {
  const principal = await authenticate(deps, req, res);
  if (!principal) return;
  const sessionId = new URL(req.url ?? '/', 'http://edge').searchParams.get('sessionId');
  if (!sessionId)
    return sendJson(
      res,
      400,
      rpcError(null, { code: JsonRpcErrorCode.InvalidRequest, message: 'sessionId is required' }),
    );
  const session = await deps.sessions.get(sessionId).catch(() => null);
  if (!session || session.principalId !== principal.id || session.transport !== 'sse') {
    return sendJson(
      res,
      404,
      rpcError(null, { code: JsonRpcErrorCode.ServerError, message: 'Session not found' }),
    );
  }
  let messages: IncomingMessage[];
  try {
    let value: unknown;
    try {
      value = JSON.parse(await readBody(req, settings.maxBodyBytes));
    } catch (err) {
      if (err instanceof GatewayError) throw err;
      throw new RpcError(JsonRpcErrorCode.ParseError, 'Parse error: body is not valid JSON');
    }
    messages = (Array.isArray(value) ? value : [value]).map(classify);
  } catch (err) {
    const status =
      err instanceof GatewayError && err.code === ErrorCode.PayloadTooLarge ? 413 : 400;
    return sendJson(res, status, rpcError(null, toJsonRpcError(err)));
  }
  res.writeHead(202, { 'content-type': 'text/plain' }).end('Accepted');
  const out = subjects.sessionOut(session.id);
  const audits: AuditInput[] = [];
  await Promise.all(
    messages.map(async (m) => {
      if (m.kind === 'notification') notify(deps, session, m.method, m.params);
      if (m.kind === 'response') answer(deps, session, m);
      if (m.kind !== 'request') return;
      const reply = await serveLegacy(deps, settings, principal, session, m, audits);
      deps.bus.publish(out, JSON.stringify(reply));
    }),
  );
  for (const a of audits) await deps.recorder.record(a);
}

async function serveLegacy(
  deps: EdgeDeps,
  settings: EdgeSettings,
  principal: Principal,
  session: SessionRecord,
  m: Extract<IncomingMessage, { kind: 'request' }>,
  audits: AuditInput[],
): Promise<Record<string, unknown>> {
  if (m.method === 'initialize') {
    // The session already exists (GET /sse made it): initialize sets its revision and client.
    try {
      const protocolVersion = negotiateVersion(m.params['protocolVersion']);
      await deps.sessions.update({
        ...session,
        protocolVersion,
        clientInfo: clientInfoOf(m.params),
        clientCapabilities: clientCapabilitiesOf(m.params),
      });
      return rpcResult(m.id, initializeResult(settings, protocolVersion));
    } catch (err) {
      return rpcError(m.id, toJsonRpcError(err));
    }
  }
  const { reply, audit } = await respond(
    deps,
    settings,
    // Everything of a legacy session goes out on its one stream, questions included.
    { principal, session, requestId: randomUUID(), rpcId: m.id, interaction: 'stream' },
    m.method,
    m.params,
  );
  if (audit) audits.push(audit);
  return reply;
}
