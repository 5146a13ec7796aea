import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { createSimulatedProvider } from '@stockpulse/market-data';
import { registerQuoteTool } from './quote-tool.js';

/** Options of {@link startDirectServer}. */
export interface DirectServerOptions {
  /** A loopback address; wildcard addresses are refused. */
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Seed of the simulated market, the gateway's default being 42. */
  readonly seed: number;
}

/** A running baseline server. */
export interface DirectServer {
  /** The MCP endpoint, `http://HOST:PORT/mcp`. */
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
    req.on('error', reject);
  });
}

function fail(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

/**
 * The baseline: the official SDK's `McpServer` behind its `StreamableHTTPServerTransport`,
 * stateful (one server and transport per session, as the SDK's own example does) with JSON
 * responses, serving `get_quote` from the same simulated provider as the gateway.
 */
export async function startDirectServer(opts: DirectServerOptions): Promise<DirectServer> {
  if (['0.0.0.0', '::', ''].includes(opts.host))
    throw new Error('the baseline listens on loopback only');
  const provider = createSimulatedProvider({ seed: opts.seed });
  const sessions = new Map<string, StreamableHTTPServerTransport>();

  const openSession = async (): Promise<StreamableHTTPServerTransport> => {
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: true,
      onsessioninitialized: (id) => void sessions.set(id, transport),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    const server = new McpServer({ name: 'bench-direct-sdk', version: '1.0.0' });
    registerQuoteTool(server, provider);
    await server.connect(transport);
    return transport;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/mcp') return fail(res, 404, 'Not found');
    const id = req.headers['mcp-session-id'];
    const known = typeof id === 'string' ? sessions.get(id) : undefined;
    if (req.method !== 'POST') {
      if (!known) return fail(res, 400, 'Bad Request: no valid session');
      return known.handleRequest(req, res);
    }
    const body = await readJson(req);
    if (known) return known.handleRequest(req, res, body);
    if (id === undefined && isInitializeRequest(body))
      return (await openSession()).handleRequest(req, res, body);
    return fail(res, id === undefined ? 400 : 404, 'Bad Request: no valid session');
  };

  const http = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) fail(res, 500, err instanceof Error ? err.message : String(err));
      else res.destroy();
    });
  });
  http.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://${opts.host}:${port}/mcp`,
    close: async () => {
      await Promise.allSettled([...sessions.values()].map((t) => t.close()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
