import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import type { Gateway } from '../src/gateway.js';
import { ADMIN_KEY, createHarness, type Harness } from './harness.js';

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

const auth = { Authorization: `Bearer ${ADMIN_KEY}` };
const origin = (gw: Gateway) => gw.mcpUrl!.replace(/\/mcp$/, '');

/** Reads SSE events from a streaming response body. */
async function* sseEvents(res: Response): AsyncGenerator<{ event: string; data: string }> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += value;
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (data !== undefined) yield { event, data };
    }
  }
}

describe('legacy HTTP+SSE (2024-11-05)', () => {
  it('serves the official SDK SSE client', async () => {
    const transport = new SSEClientTransport(new URL(`${origin(a)}/sse`), {
      requestInit: { headers: auth },
      eventSourceInit: {
        fetch: (url, init) =>
          fetch(url, {
            ...init,
            headers: { ...(init?.headers as Record<string, string>), ...auth },
          }),
      },
    });
    const client = new Client({ name: 'legacy', version: '1.0.0' });
    await client.connect(transport);
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('get_quote');
    const r = await client.callTool({ name: 'get_quote', arguments: { symbol: 'HD' } });
    expect(r.structuredContent).toMatchObject({ symbol: 'HD' });
    await client.close();
  });

  it('answers a POST made to another edge on the stream held by the first', async () => {
    const abort = new AbortController();
    const stream = await fetch(`${origin(a)}/sse`, {
      headers: { ...auth, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    expect(stream.status).toBe(200);
    const events = sseEvents(stream);
    const first = await events.next();
    expect(first.value).toMatchObject({ event: 'endpoint' });
    const endpoint = (first.value as { data: string }).data;
    expect(endpoint).toMatch(/^\/messages\?sessionId=[0-9a-f]{32}$/);
    const post = (body: object) =>
      fetch(`${origin(b)}${endpoint}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    const init = await post({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2024-11-05',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1' },
      },
    });
    expect(init.status).toBe(202);
    const initReply = JSON.parse((await events.next()).value!.data as string) as {
      id: number;
      result: { protocolVersion: string };
    };
    expect(initReply).toMatchObject({ id: 1, result: { protocolVersion: '2024-11-05' } });

    expect(
      (
        await post({
          jsonrpc: '2.0',
          id: 2,
          method: 'tools/call',
          params: { name: 'get_quote', arguments: { symbol: 'BAC' } },
        })
      ).status,
    ).toBe(202);
    const callReply = JSON.parse((await events.next()).value!.data as string) as {
      id: number;
      result: { structuredContent?: unknown; content: { text: string }[] };
    };
    expect(callReply.id).toBe(2);
    // 2024-11-05 has no structured content: the data arrives as JSON text.
    expect(callReply.result.structuredContent).toBeUndefined();
    expect(JSON.parse(callReply.result.content.at(-1)!.text)).toMatchObject({ symbol: 'BAC' });

    expect(
      (
        await fetch(`${origin(b)}/messages?sessionId=${'0'.repeat(32)}`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(404);
    abort.abort();
    // Closing the stream ends the session everywhere.
    await expect
      .poll(async () => (await post({ jsonrpc: '2.0', id: 3, method: 'ping' })).status, {
        timeout: 3000,
      })
      .toBe(404);
  });

  it('needs an API key for the stream', async () => {
    expect((await fetch(`${origin(a)}/sse`)).status).toBe(401);
  });
});
