import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import type { Gateway } from '../src/gateway.js';
import { ADMIN_KEY, createHarness, type Harness } from './harness.js';

let h: Harness;
let gw: Gateway;
let wsUrl: string;

beforeAll(async () => {
  h = await createHarness();
  gw = await h.start('all');
  wsUrl = gw.mcpUrl!.replace(/^http/, 'ws');
  // Node 20 has no global WebSocket; the SDK transport uses the global, so give it `ws`, with
  // the API key as a header (a browser would use the `bearer.<key>` subprotocol instead).
  class AuthedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
    }
  }
  (globalThis as { WebSocket?: unknown }).WebSocket = AuthedWebSocket;
});

afterAll(async () => {
  delete (globalThis as { WebSocket?: unknown }).WebSocket;
  await h?.stop();
});

/** Opens a raw socket and collects its frames. */
async function raw(protocols: string[], headers: Record<string, string> = {}) {
  const ws = new WebSocket(wsUrl, protocols, { headers });
  const frames: unknown[] = [];
  ws.on('message', (d: Buffer) => frames.push(JSON.parse(d.toString('utf8'))));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = async (n: number) => {
    await expect.poll(() => frames.length, { timeout: 3000 }).toBeGreaterThanOrEqual(n);
    return frames[n - 1] as Record<string, unknown>;
  };
  return { ws, next };
}

describe('WebSocket transport', () => {
  it('serves the official SDK WebSocket client over subprotocol mcp', async () => {
    const client = new Client({ name: 'ws', version: '1.0.0' });
    await client.connect(new WebSocketClientTransport(new URL(wsUrl)));
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('get_quote');
    const r = await client.callTool({ name: 'get_quote', arguments: { symbol: 'ORCL' } });
    expect(r.structuredContent).toMatchObject({ symbol: 'ORCL' });
    await client.close();
  });

  it('takes the key as a bearer subprotocol, answers bad frames, and needs initialize first', async () => {
    const { ws, next } = await raw(['mcp', `bearer.${ADMIN_KEY}`]);
    expect(ws.protocol).toBe('mcp');
    ws.send('{not json');
    expect(await next(1)).toMatchObject({ id: null, error: { code: -32700 } });
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }));
    expect(await next(2)).toMatchObject({ id: 1, error: { code: -32600 } });
    ws.send(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 2,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'raw', version: '1' },
        },
      }),
    );
    expect(await next(3)).toMatchObject({ id: 2, result: { protocolVersion: '2025-06-18' } });
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'ping' }));
    expect(await next(4)).toEqual({ jsonrpc: '2.0', id: 3, result: {} });
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await closed).toBe(1003);
  });

  it('refuses an upgrade without a valid key with 401', async () => {
    const ws = new WebSocket(wsUrl, ['mcp']);
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
      ws.once('error', () => undefined);
    });
    expect(status).toBe(401);
  });
});
