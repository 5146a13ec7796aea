import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedKey } from '@stockpulse/protocol';
import type { Gateway } from '../src/gateway.js';
import { runKeysCommand } from '../src/keys-command.js';
import { createHarness, mcpHeaders, rawInitialize, type Harness } from './harness.js';

let h: Harness;
let a: Gateway;
let b: Gateway;

beforeAll(async () => {
  h = await createHarness();
  a = await h.start('all');
  b = await h.start('edge');
});

afterAll(async () => {
  await h?.stop();
});

const headers = (sessionId?: string) =>
  mcpHeaders(sessionId, sessionId ? { 'mcp-protocol-version': '2025-11-25' } : {});

async function rpc(url: string, sessionId: string | undefined, body: object): Promise<Response> {
  return fetch(url, { method: 'POST', headers: headers(sessionId), body: JSON.stringify(body) });
}

describe('a session lives on the bus, not in an edge', () => {
  it('is served by either edge, and ended on one it is gone on both', async () => {
    const init = await rawInitialize(a.mcpUrl!, '2025-11-25', 'two-edges');
    const sessionId = init.headers.get('mcp-session-id')!;
    expect(sessionId).toBeTruthy();
    for (const [i, url] of [a.mcpUrl!, b.mcpUrl!, a.mcpUrl!, b.mcpUrl!].entries()) {
      const res = await rpc(url, sessionId, {
        jsonrpc: '2.0',
        id: 10 + i,
        method: 'tools/call',
        params: { name: 'get_quote', arguments: { symbol: 'KO' } },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        id: 10 + i,
        result: { structuredContent: { symbol: 'KO' } },
      });
    }
    const del = await fetch(b.mcpUrl!, { method: 'DELETE', headers: headers(sessionId) });
    expect(del.status).toBe(200);
    // Edge a cached the session; the KV watch drops it there too.
    await expect
      .poll(
        async () =>
          (await rpc(a.mcpUrl!, sessionId, { jsonrpc: '2.0', id: 99, method: 'ping' })).status,
        { timeout: 3000 },
      )
      .toBe(404);
  });

  it('sees a change made on one edge on the other (logging/setLevel)', async () => {
    const init = await rawInitialize(a.mcpUrl!, '2025-11-25', 'level');
    const sessionId = init.headers.get('mcp-session-id')!;
    // Edge b caches the session first, then edge a changes it.
    expect(
      (await rpc(b.mcpUrl!, sessionId, { jsonrpc: '2.0', id: 1, method: 'ping' })).status,
    ).toBe(200);
    const set = await rpc(a.mcpUrl!, sessionId, {
      jsonrpc: '2.0',
      id: 2,
      method: 'logging/setLevel',
      params: { level: 'info' },
    });
    expect(await set.json()).toEqual({ jsonrpc: '2.0', id: 2, result: {} });
    // With a log level set, a tools/call on edge b is answered as an SSE stream.
    await expect
      .poll(
        async () => {
          const res = await rpc(b.mcpUrl!, sessionId, {
            jsonrpc: '2.0',
            id: 3,
            method: 'tools/call',
            params: { name: 'get_quote', arguments: { symbol: 'KO' } },
          });
          await res.text();
          return res.headers.get('content-type');
        },
        { timeout: 3000 },
      )
      .toMatch(/text\/event-stream/);
  });

  it('does not let another principal use a session', async () => {
    const init = await rawInitialize(a.mcpUrl!, '2025-11-25', 'x');
    const sessionId = init.headers.get('mcp-session-id')!;
    const { key } = (await runKeysCommand('create', { name: 'other' }, h.dataDir, {
      NATS_URL: h.nats.url,
    })) as CreatedKey;
    const other = await fetch(a.mcpUrl!, {
      method: 'POST',
      headers: { ...headers(sessionId), authorization: `Bearer ${key}` },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
    });
    expect(other.status).toBe(404);
    expect(
      (await rpc(a.mcpUrl!, sessionId, { jsonrpc: '2.0', id: 3, method: 'ping' })).status,
    ).toBe(200);
  });
});
