import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjects } from '@stockpulse/protocol';
import type { Gateway } from '../src/gateway.js';
import { createHarness, mcpHeaders, rawInitialize, type Harness } from './harness.js';

let h: Harness;
let a: Gateway;
let b: Gateway;
let sessionId: string;

const headers = (extra: Record<string, string> = {}) => mcpHeaders(undefined, extra);

beforeAll(async () => {
  h = await createHarness();
  a = await h.start('all');
  b = await h.start('edge');
  const init = await rawInitialize(a.mcpUrl!, '2025-11-25', 'resume');
  sessionId = init.headers.get('mcp-session-id')!;
});

afterAll(async () => {
  await h?.stop();
});

interface Event {
  id: string;
  data: { method: string; params: { n: number } };
}

/** Opens the session's GET stream on an edge and collects its events. */
async function open(url: string, lastEventId?: string) {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: headers({
      'mcp-session-id': sessionId,
      ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
    }),
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const events: Event[] = [];
  void (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: '', done: true }));
      if (done) return;
      buf += value;
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const id = /^id: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (id && data) events.push({ id, data: JSON.parse(data) as Event['data'] });
      }
    }
  })();
  return { events, close: () => abort.abort() };
}

/** What a worker does to reach the client: publish on the session subject. */
function notify(n: number): void {
  a.bus.publish(
    subjects.sessionOut(sessionId),
    JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { n } }),
  );
}

describe('the GET stream', () => {
  it('resumes on another edge from Last-Event-ID without losing or repeating an event', async () => {
    const first = await open(a.mcpUrl!);
    for (const n of [1, 2, 3]) notify(n);
    await expect.poll(() => first.events.length).toBe(3);
    first.close();
    for (const n of [4, 5]) notify(n);
    // Events 2 and 3 were seen on edge a; resume after event 2 on edge b.
    const second = await open(b.mcpUrl!, first.events[1]!.id);
    await expect.poll(() => second.events.map((e) => e.data.params.n)).toEqual([3, 4, 5]);
    notify(6);
    await expect.poll(() => second.events.map((e) => e.data.params.n)).toEqual([3, 4, 5, 6]);
    const ids = second.events.map((e) => Number(e.id));
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    expect(ids[0]).toBe(Number(first.events[2]!.id));
    second.close();
  });

  it('leaves out messages that belong to a request and needs a session', async () => {
    const s = await open(b.mcpUrl!);
    a.bus.publish(
      subjects.sessionOut(sessionId),
      JSON.stringify({ jsonrpc: '2.0', method: 'notifications/progress', params: { n: 0 } }),
      {
        headers: { 'Mcpgw-Request-Id': 'some-request' },
      },
    );
    notify(7);
    await expect.poll(() => s.events.map((e) => e.data.params.n)).toEqual([7]);
    s.close();
    const none = await fetch(b.mcpUrl!, { headers: headers() });
    expect(none.status).toBe(400);
  });
});
