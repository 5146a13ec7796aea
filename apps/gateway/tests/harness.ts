import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { silentLogger } from '@stockpulse/protocol';
import {
  createTestDatabase,
  startNats,
  type TestDatabase,
  type TestNats,
} from '@stockpulse/testkit';
import { loadConfig } from '../src/config.js';
import { startGateway, type Gateway } from '../src/gateway.js';

/** A bootstrap admin key for tests. */
export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

/** Real NATS and Postgres for one test file, and gateways started against them. */
export interface Harness {
  readonly nats: TestNats;
  readonly db: TestDatabase;
  readonly dataDir: string;
  /** Starts roles in this process with their own bus connection. */
  start(roles: string, env?: Record<string, string>): Promise<Gateway>;
  stop(): Promise<void>;
}

/** Starts NATS and a fresh database; `stop` stops every gateway started and both services. */
export async function createHarness(): Promise<Harness> {
  const nats = await startNats();
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'mcpgw-test-'));
  const gateways: Gateway[] = [];
  return {
    nats,
    db,
    dataDir,
    async start(roles, env = {}) {
      const config = loadConfig(
        {
          NATS_URL: nats.url,
          DATABASE_URL: db.url,
          DATA_DIR: dataDir,
          PORT: '0',
          MCPGW_ADMIN_KEY: ADMIN_KEY,
          CALL_TIMEOUT_MS: '3000',
          ...env,
        },
        roles,
      );
      const gw = await startGateway(config, silentLogger);
      gateways.push(gw);
      return gw;
    },
    async stop() {
      for (const gw of gateways.reverse()) await gw.stop();
      await db.drop().catch(() => undefined);
      await nats.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** An official SDK client connected over Streamable HTTP with an API key. */
export async function connectClient(url: string, key: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${key}` } },
  });
  const client = new Client({ name: 'gateway-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** Headers of a raw Streamable HTTP request: JSON in, JSON or SSE out, the admin key, a session. */
export function mcpHeaders(
  sessionId?: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    authorization: `Bearer ${ADMIN_KEY}`,
    ...(sessionId ? { 'mcp-session-id': sessionId } : {}),
    ...extra,
  };
}

/** A raw `initialize`; the response's `mcp-session-id` header names the new session. */
export function rawInitialize(
  url: string,
  protocolVersion = '2025-11-25',
  clientName = 'raw',
  capabilities: Record<string, unknown> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: mcpHeaders(),
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion, capabilities, clientInfo: { name: clientName, version: '1' } },
    }),
  });
}

/** Waits until an edge lists a tool (a service started in a test reaches every route table). */
export async function waitForTool(url: string, tool: string, timeoutMs = 10_000): Promise<void> {
  const client = await connectClient(url, ADMIN_KEY);
  try {
    const until = Date.now() + timeoutMs;
    while (!(await client.listTools()).tools.some((t) => t.name === tool)) {
      if (Date.now() > until) throw new Error(`${url} never listed ${tool}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await client.close();
  }
}
