import { randomUUID } from 'node:crypto';
import type { IncomingMessage as HttpRequest } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import {
  ErrorCode,
  GatewayError,
  JsonRpcErrorCode,
  subjects,
  type Principal,
  type SessionRecord,
} from '@stockpulse/protocol';
import type { Subscription } from '@stockpulse/bus';
import { classify, rpcError, rpcResult, RpcError, toJsonRpcError } from './json-rpc.js';
import { answer, notify, respond } from './mcp-dispatch.js';
import { bearerToken } from './http-io.js';
import { initializeSession } from './initialize.js';
import type { EdgeDeps, EdgeSettings } from './types.js';

/** The WebSocket subprotocol of MCP (not in the spec yet; the SDK's client transport uses it). */
export const MCP_SUBPROTOCOL = 'mcp';
/** A subprotocol carrying an API key, for clients that cannot set headers (browsers). */
const BEARER_PROTOCOL = 'bearer.';
const PING_MS = 30_000;

/** Accepts WebSocket upgrades on the MCP endpoint and serves each connection as one session. */
export interface WebSocketEndpoint {
  /** Handles an HTTP upgrade; the caller has checked path and origin. */
  upgrade(req: HttpRequest, socket: Duplex, head: Buffer): void;
  /** Closes every connection with 1001 (going away). */
  close(): void;
}

function credentialOf(req: HttpRequest): string {
  const bearer = bearerToken(req);
  if (bearer !== undefined) return bearer;
  const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  return protocols.find((p) => p.startsWith(BEARER_PROTOCOL))?.slice(BEARER_PROTOCOL.length) ?? '';
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const body = JSON.stringify({
    error: status === 401 ? 'unauthorized' : 'unavailable',
    error_description: reason,
  });
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Service Unavailable'}\r\n` +
      `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/**
 * Creates the WebSocket endpoint: subprotocol `mcp`, one JSON-RPC message per text frame. The
 * caller authenticates at the upgrade (Authorization header, or a `bearer.<key>` subprotocol).
 * Each connection is one session, kept in KV like any other; messages for it on the session
 * subject are sent as frames, and closing the socket ends the session.
 */
export function createWebSocketEndpoint(deps: EdgeDeps, settings: EdgeSettings): WebSocketEndpoint {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: settings.maxBodyBytes,
    handleProtocols: (protocols) => (protocols.has(MCP_SUBPROTOCOL) ? MCP_SUBPROTOCOL : false),
  });
  return {
    upgrade(req, socket, head) {
      deps.principals.authenticate(credentialOf(req)).then(
        (principal) =>
          wss.handleUpgrade(req, socket, head, (ws) =>
            serveConnection(deps, settings, ws, principal),
          ),
        (err: unknown) => {
          const g = GatewayError.from(err);
          refuse(socket, g.code === ErrorCode.Unauthenticated ? 401 : 503, g.message);
        },
      );
    },
    close() {
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      wss.close();
    },
  };
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function serveConnection(
  deps: EdgeDeps,
  settings: EdgeSettings,
  ws: WebSocket,
  principal: Principal,
): void {
  let session: SessionRecord | undefined;
  let sub: Subscription | undefined;
  let alive = true;
  const send = (m: unknown): void => {
    if (ws.readyState !== WebSocket.OPEN) return;
    // A client that stopped reading is dropped rather than buffered for without bound.
    if (ws.bufferedAmount > settings.maxStreamBufferBytes) return ws.terminate();
    ws.send(typeof m === 'string' ? m : JSON.stringify(m));
  };
  const ping = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
    if (session) void deps.sessions.get(session.id).catch(() => undefined);
  }, PING_MS);
  ws.on('pong', () => (alive = true));
  // Frames are taken in order. An initialize is served before anything after it; other requests
  // run side by side, so that a response to a question a running call asked (elicitation,
  // sampling, roots) is never stuck behind that call.
  let queue = Promise.resolve();
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) return ws.close(1003, 'MCP over WebSocket uses text frames');
    const m = parseFrame(textOf(data));
    if (!m) return;
    if (m.kind === 'notification') {
      if (session) notify(deps, session, m.method, m.params);
      return;
    }
    if (m.kind === 'response') {
      if (session) answer(deps, session, m);
      return;
    }
    if (m.method === 'initialize') queue = queue.then(() => serveInitialize(m));
    else queue = queue.then(() => void serveRequest(m));
  });
  /** The frame's message, or null after answering a malformed one. */
  const parseFrame = (text: string): ReturnType<typeof classify> | null => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      send(
        rpcError(null, {
          code: JsonRpcErrorCode.ParseError,
          message: 'Parse error: frame is not valid JSON',
        }),
      );
      return null;
    }
    try {
      return classify(value);
    } catch (err) {
      send(rpcError(null, toJsonRpcError(err)));
      return null;
    }
  };
  type Request = Extract<ReturnType<typeof classify>, { kind: 'request' }>;
  const serveInitialize = async (m: Request): Promise<void> => {
    try {
      if (session)
        throw new RpcError(JsonRpcErrorCode.InvalidRequest, 'session is already initialized');
      const opened = await initializeSession(deps, settings, principal, m.params, 'websocket');
      session = opened.session;
      sub = deps.bus.subscribe(subjects.sessionOut(session.id), (msg) => send(msg.string()));
      send(rpcResult(m.id, opened.result));
    } catch (err) {
      send(rpcError(m.id, toJsonRpcError(err)));
    }
  };
  const serveRequest = async (m: Request): Promise<void> => {
    if (!session) {
      const err = new RpcError(JsonRpcErrorCode.InvalidRequest, 'send initialize first');
      return send(rpcError(m.id, toJsonRpcError(err)));
    }
    const { reply, audit } = await respond(
      deps,
      settings,
      // Everything of a WebSocket session goes out on its one stream, questions included.
      { principal, session, requestId: randomUUID(), rpcId: m.id, interaction: 'stream' },
      m.method,
      m.params,
    );
    send(reply);
    if (audit) await deps.recorder.record(audit);
  };
  ws.on('close', () => {
    clearInterval(ping);
    sub?.unsubscribe();
    if (session) void deps.sessions.delete(session.id).catch(() => false);
  });
}
