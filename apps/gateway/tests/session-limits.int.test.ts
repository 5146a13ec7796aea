import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../src/gateway.js';
import { createHarness, mcpHeaders, rawInitialize, type Harness } from './harness.js';

let h: Harness;
let gw: Gateway;
let other: Gateway;

beforeAll(async () => {
  h = await createHarness();
  const env = { MAX_SESSIONS: '3', SESSION_IDLE_MS: '3000' };
  gw = await h.start('all', env);
  other = await h.start('edge', env);
});

afterAll(async () => {
  await h?.stop();
});

const headers = (sessionId?: string) => mcpHeaders(sessionId);

function open(url: string): Promise<Response> {
  return rawInitialize(url, '2025-06-18', 'limits');
}

async function ping(url: string, sessionId: string): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: headers(sessionId),
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
  });
  await res.arrayBuffer();
  return res.status;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('bounded sessions', () => {
  it('ends a session left idle, on every edge, and keeps one in use alive', async () => {
    const idle = (await open(gw.mcpUrl!)).headers.get('mcp-session-id')!;
    const busy = (await open(gw.mcpUrl!)).headers.get('mcp-session-id')!;
    expect(await ping(other.mcpUrl!, idle)).toBe(200);
    // Keep one session busy, alternating edges, until the idle one has ended on both edges.
    const started = Date.now();
    let idleGone = false;
    while (!idleGone) {
      expect(await ping(Date.now() % 2 ? gw.mcpUrl! : other.mcpUrl!, busy)).toBe(200);
      await sleep(250);
      // Checking touches a session that still exists, so look only once its TTL has surely passed.
      if (Date.now() - started > 4_500) {
        idleGone =
          (await ping(gw.mcpUrl!, idle)) === 404 && (await ping(other.mcpUrl!, idle)) === 404;
      }
      expect(Date.now() - started, 'the idle session should end within 15 s').toBeLessThan(15_000);
    }
    expect(await ping(other.mcpUrl!, busy)).toBe(200);
  });

  it('refuses a session past the cap with 503 and a JSON-RPC error, and admits again once one ends', async () => {
    const ids: string[] = [];
    for (;;) {
      const res = await open(gw.mcpUrl!);
      if (res.status !== 200) {
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBeTruthy();
        const body = (await res.json()) as { id: number; error: { code: number; message: string } };
        expect(body.id).toBe(1);
        expect(body.error.message).toMatch(/maximum number of sessions/);
        break;
      }
      ids.push(res.headers.get('mcp-session-id')!);
      expect(ids.length).toBeLessThanOrEqual(3);
    }
    const del = await fetch(gw.mcpUrl!, { method: 'DELETE', headers: headers(ids[0]) });
    expect(del.status).toBe(200);
    expect((await open(gw.mcpUrl!)).status).toBe(200);
  });
});
