import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startToolService, type ToolService } from '@stockpulse/tool-service';
import type { Gateway } from '../src/gateway.js';
import {
  ADMIN_KEY,
  connectClient,
  createHarness,
  mcpHeaders,
  rawInitialize,
  waitForTool,
  type Harness,
} from './harness.js';

let h: Harness;
let a: Gateway;
let b: Gateway;
let service: ToolService;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  h = await createHarness();
  a = await h.start('all', { SSE_RETRY_MS: '250' });
  b = await h.start('edge', { SSE_RETRY_MS: '250' });
  service = await startToolService({
    bus: a.bus,
    service: 'poller',
    version: '1.0.0',
    tools: [
      {
        definition: {
          name: 'poll_steps',
          description: 'Reports step 1, closes its stream, then reports steps 2 and 3',
          inputSchema: { type: 'object', properties: { close: { type: 'boolean' } } },
        },
        handler: async (args, ctx) => {
          ctx.progress(1, 3, 'one');
          await sleep(50);
          if (args['close'] !== false) ctx.closeStream();
          await sleep(300);
          ctx.progress(2, 3, 'two');
          ctx.progress(3, 3, 'three');
          return { content: [{ type: 'text', text: 'all steps done' }] };
        },
      },
    ],
  });
  for (const gw of [a, b]) await waitForTool(gw.mcpUrl!, 'poll_steps');
});

afterAll(async () => {
  await service?.stop();
  await h?.stop();
});

interface SseEvent {
  id?: string;
  retry?: number;
  data: string;
}

/** Every SSE event of a response, until the server ends it. */
async function readAll(res: Response): Promise<SseEvent[]> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim() && !block.startsWith(':'))
    .map((block) => {
      const e: SseEvent = { data: '' };
      for (const line of block.split('\n')) {
        const [field, ...rest] = line.split(': ');
        const value = rest.join(': ');
        if (field === 'id') e.id = value;
        else if (field === 'retry') e.retry = Number(value);
        else if (field === 'data') e.data += value;
        else if (line === 'data:' || line === 'data: ') e.data += '';
      }
      return e;
    });
}

async function session(url: string, version: string): Promise<string> {
  const init = await rawInitialize(url, version, 'poll');
  return init.headers.get('mcp-session-id')!;
}

function callPoll(url: string, sessionId: string, version: string, close = true) {
  return fetch(url, {
    method: 'POST',
    headers: mcpHeaders(sessionId, { 'mcp-protocol-version': version }),
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 42,
      method: 'tools/call',
      params: { name: 'poll_steps', arguments: { close }, _meta: { progressToken: 'p' } },
    }),
  });
}

const progressOf = (events: SseEvent[]) =>
  events
    .filter((e) => e.data)
    .map((e) => JSON.parse(e.data) as { method?: string; params?: { progress: number } })
    .filter((m) => m.method === 'notifications/progress')
    .map((m) => m.params?.progress);

describe('resumable request streams', () => {
  it('a 2025-11-25 stream starts with a priming event and retry, and every event has an id', async () => {
    const sid = await session(a.mcpUrl!, '2025-11-25');
    const events = await readAll(await callPoll(a.mcpUrl!, sid, '2025-11-25', false));
    const [priming, ...rest] = events;
    expect(priming?.id).toMatch(/^[0-9a-f-]{36}:t\d+$/);
    expect(priming?.retry).toBe(250);
    expect(priming?.data).toBe('');
    expect(rest.every((e) => /^[0-9a-f-]{36}:\d+$/.test(e.id ?? ''))).toBe(true);
    expect(progressOf(events)).toEqual([1, 2, 3]);
    expect(JSON.parse(rest.at(-1)!.data)).toMatchObject({ id: 42, result: {} });
  });

  it('a 2025-06-18 stream gets ids but no priming event', async () => {
    const sid = await session(a.mcpUrl!, '2025-06-18');
    const events = await readAll(await callPoll(a.mcpUrl!, sid, '2025-06-18', false));
    expect(events.every((e) => e.data !== '')).toBe(true);
    expect(events.every((e) => e.retry === undefined)).toBe(true);
    expect(events.every((e) => /^[0-9a-f-]{36}:\d+$/.test(e.id ?? ''))).toBe(true);
    expect(progressOf(events)).toEqual([1, 2, 3]);
  });

  it('a stream the worker closes resumes on the other edge with nothing lost or repeated', async () => {
    const sid = await session(a.mcpUrl!, '2025-11-25');
    const first = await readAll(await callPoll(a.mcpUrl!, sid, '2025-11-25'));
    // The stream ended early: step 1, the id that passes the close, and no response.
    expect(progressOf(first)).toEqual([1]);
    expect(first.some((e) => e.data.includes('"result"'))).toBe(false);
    const lastId = first.at(-1)!.id!;
    const resumed = await fetch(b.mcpUrl!, {
      headers: mcpHeaders(sid, { 'mcp-protocol-version': '2025-11-25', 'last-event-id': lastId }),
    });
    expect(resumed.status).toBe(200);
    const rest = await readAll(resumed);
    expect(progressOf(rest)).toEqual([2, 3]);
    expect(JSON.parse(rest.at(-1)!.data)).toMatchObject({
      id: 42,
      result: { content: [{ type: 'text', text: 'all steps done' }] },
    });
  });

  it('resuming from the priming event replays the whole request once', async () => {
    const sid = await session(a.mcpUrl!, '2025-11-25');
    const res = await callPoll(a.mcpUrl!, sid, '2025-11-25');
    const first = await readAll(res);
    const priming = first[0]!.id!;
    // Wait for the call to finish, then resume from before its first message.
    await sleep(600);
    const resumed = await fetch(b.mcpUrl!, {
      headers: mcpHeaders(sid, { 'mcp-protocol-version': '2025-11-25', 'last-event-id': priming }),
    });
    const replay = await readAll(resumed);
    // The close instruction ends the replay where it ended the original; from its id, the rest.
    expect(progressOf(replay)).toEqual([1]);
    const again = await fetch(a.mcpUrl!, {
      headers: mcpHeaders(sid, {
        'mcp-protocol-version': '2025-11-25',
        'last-event-id': replay.at(-1)!.id!,
      }),
    });
    const rest = await readAll(again);
    expect(progressOf(rest)).toEqual([2, 3]);
    expect(rest.filter((e) => e.data.includes('"result"'))).toHaveLength(1);
  });

  it('the SDK client rides through a closed stream: it resumes and gets the result', async () => {
    const client = await connectClient(a.mcpUrl!, ADMIN_KEY);
    const seen: number[] = [];
    const r = await client.callTool({ name: 'poll_steps', arguments: {} }, undefined, {
      onprogress: (p) => seen.push(p.progress),
    });
    expect(r.content).toEqual([{ type: 'text', text: 'all steps done' }]);
    expect(seen).toEqual([1, 2, 3]);
    await client.close();
  });
});
