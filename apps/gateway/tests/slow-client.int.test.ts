import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjects } from '@stockpulse/protocol';
import type { Gateway } from '../src/gateway.js';
import { ADMIN_KEY, createHarness, rawInitialize, type Harness } from './harness.js';

let h: Harness;
let gw: Gateway;
let sessionId: string;

beforeAll(async () => {
  h = await createHarness();
  gw = await h.start('all', { MAX_STREAM_BUFFER_BYTES: '65536' });
  const init = await rawInitialize(gw.mcpUrl!, '2025-11-25', 'slow');
  sessionId = init.headers.get('mcp-session-id')!;
});

afterAll(async () => {
  await h?.stop();
});

describe('a client that never reads its stream', () => {
  it('is dropped once its stream holds too much, instead of growing the edge', async () => {
    const url = new URL(gw.mcpUrl!);
    const socket = connect(Number(url.port), url.hostname);
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.pause();
    socket.write(
      `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${ADMIN_KEY}\r\n` +
        `Accept: text/event-stream\r\nMcp-Session-Id: ${sessionId}\r\n\r\n`,
    );
    await new Promise((r) => setTimeout(r, 300));
    const total = 2_000;
    const pad = 'x'.repeat(10_000);
    for (let i = 0; i < total; i++) {
      gw.bus.publish(
        subjects.sessionOut(sessionId),
        JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { i, pad } }),
      );
      if (i % 200 === 0) await gw.bus.flush();
    }
    await gw.bus.flush();
    await new Promise((r) => setTimeout(r, 1_500));
    // Now read what the edge kept: far less than was published, and then the end of the stream.
    let received = 0;
    socket.on('data', (d: Buffer) => (received += d.length));
    const ended = new Promise<void>((r) => socket.once('close', () => r()));
    socket.resume();
    await ended;
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(total * pad.length * 0.8);

    // The session itself lives on: a new GET stream works.
    const again = await fetch(gw.mcpUrl!, {
      headers: {
        accept: 'text/event-stream',
        authorization: `Bearer ${ADMIN_KEY}`,
        'mcp-session-id': sessionId,
      },
    });
    expect(again.status).toBe(200);
    await again.body?.cancel();
  }, 30_000);
});
