import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JsonRpcErrorCode } from '@stockpulse/protocol';
import { rpcError } from './json-rpc.js';
import { sendJson } from './http-io.js';
import { handleDelete, handlePost } from './streamable-http.js';
import { isStatelessHttpRequest, refuseStatelessMethod } from './stateless.js';
import { handleGet } from './get-stream.js';
import type { Duplex } from 'node:stream';
import { checkOrigin } from './origin-guard.js';
import { createWebSocketEndpoint } from './websocket-transport.js';
import {
  handleLegacyMessage,
  handleLegacyStream,
  LEGACY_MESSAGES_PATH,
  LEGACY_SSE_PATH,
} from './legacy-sse.js';
import type { EdgeDeps, EdgeSettings } from './types.js';
import { createSubscriptionRegistry, startFanout } from './subscriptions.js';
import { createTaskStore } from './tasks.js';

/** A running edge. */
export interface EdgeServer {
  /** Base URL of the MCP endpoint, e.g. http://127.0.0.1:8080/mcp. */
  readonly url: string;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Starts the Streamable HTTP edge. It frames MCP over HTTP itself and turns each request into
 * one bus request; it holds no state another edge could not rebuild from NATS.
 */
export async function startEdgeServer(deps: EdgeDeps, settings: EdgeSettings): Promise<EdgeServer> {
  const logger = deps.logger.child({ component: 'edge' });
  const ownSubscriptions = deps.subscriptions
    ? undefined
    : await createSubscriptionRegistry(deps.bus);
  const subscriptions = deps.subscriptions ?? ownSubscriptions!;
  const tasks = deps.tasks ?? (await createTaskStore(deps.bus));
  const d: EdgeDeps = { ...deps, logger, subscriptions, tasks };
  const fanout = startFanout(deps.bus, subscriptions, deps.sessions, logger);
  let inflight = 0;
  let idle: (() => void) | undefined;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const path = url.split('?')[0];
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    const legacy = path === LEGACY_SSE_PATH || path === LEGACY_MESSAGES_PATH;
    if (path !== settings.path && !legacy) return sendJson(res, 404, { error: 'not_found' });
    const refused = checkOrigin(req, settings.originPolicy);
    if (refused) {
      logger.warn({ reason: refused }, 'request refused');
      return sendJson(
        res,
        403,
        rpcError(null, { code: JsonRpcErrorCode.ServerError, message: `Forbidden: ${refused}` }),
      );
    }
    if (path === LEGACY_SSE_PATH && req.method === 'GET')
      return handleLegacyStream(d, settings, req, res);
    if (path === LEGACY_MESSAGES_PATH && req.method === 'POST') {
      return handleLegacyMessage(d, settings, req, res);
    }
    if (legacy)
      return sendJson(
        res,
        405,
        { error: 'method_not_allowed' },
        { allow: path === LEGACY_SSE_PATH ? 'GET' : 'POST' },
      );
    // A 2026-07-28 client has no session stream to GET or session to DELETE.
    if (req.method !== 'POST' && isStatelessHttpRequest(req)) return refuseStatelessMethod(res);
    switch (req.method) {
      case 'POST':
        return handlePost(d, settings, req, res);
      case 'DELETE':
        return handleDelete(d, req, res);
      case 'GET':
        return handleGet(d, settings, req, res);
      default:
        return sendJson(
          res,
          405,
          rpcError(null, { code: JsonRpcErrorCode.ServerError, message: 'Method not allowed' }),
          { allow: 'GET, POST, DELETE' },
        );
    }
  };
  const server: Server = createServer((req, res) => {
    // A GET stream (legacy or not) lives until its client leaves: no call for shutdown to wait on.
    // Nor does a 2026-07-28 listen stream (its Mcp-Method header must name the body's method).
    const counted = req.method !== 'GET' && req.headers['mcp-method'] !== 'subscriptions/listen';
    if (counted) inflight += 1;
    handle(req, res)
      .catch((err: unknown) => {
        logger.error(
          { err: err instanceof Error ? err.message : String(err) },
          'unhandled request error',
        );
        if (!res.headersSent) {
          sendJson(
            res,
            500,
            rpcError(null, { code: JsonRpcErrorCode.InternalError, message: 'internal error' }),
          );
        } else res.end();
      })
      .finally(() => {
        if (!counted) return;
        inflight -= 1;
        if (inflight === 0) idle?.();
      });
  });
  server.keepAliveTimeout = 65_000;
  const websockets = createWebSocketEndpoint(d, settings);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0];
    const refused = path === settings.path ? checkOrigin(req, settings.originPolicy) : 'not found';
    if (refused) {
      logger.warn({ reason: refused }, 'websocket upgrade refused');
      socket.end(
        `HTTP/1.1 ${path === settings.path ? '403 Forbidden' : '404 Not Found'}\r\nconnection: close\r\n\r\n`,
      );
      return;
    }
    websockets.upgrade(req, socket, head);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${settings.host}:${port}${settings.path}`;
  logger.info({ url }, 'edge listening');
  return {
    url,
    close: async (graceMs = 10_000) => {
      const closed = new Promise<void>((r) => server.close(() => r()));
      fanout.stop();
      ownSubscriptions?.stop();
      websockets.close();
      server.closeIdleConnections();
      if (inflight > 0) {
        await Promise.race([
          new Promise<void>((r) => (idle = r)),
          new Promise((r) => setTimeout(r, graceMs).unref()),
        ]);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
