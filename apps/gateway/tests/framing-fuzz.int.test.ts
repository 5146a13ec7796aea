import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../src/gateway.js';
import { createHarness, mcpHeaders, rawInitialize, type Harness } from './harness.js';

let h: Harness;
let gw: Gateway;
let sessionId: string;

beforeAll(async () => {
  h = await createHarness();
  gw = await h.start('all', { MAX_BODY_BYTES: '65536' });
  sessionId = (await rawInitialize(gw.mcpUrl!)).headers.get('mcp-session-id')!;
});

afterAll(async () => {
  await h?.stop();
});

/** mulberry32: a seeded generator, so a failing case can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const METHODS = ['tools/call', 'tools/list', 'ping', 'initialize', 'resources/list', 'x', ''];

/** A random body: valid and broken JSON-RPC, wrong types, batches, junk bytes. */
function body(r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const value = (depth: number): unknown => {
    const leaves: Array<() => unknown> = [
      () => null,
      () => true,
      () => Math.floor(r() * 1e6) - 5e5,
      () => 'str',
      () => 1.5,
      () => pick(METHODS),
    ];
    const nested: Array<() => unknown> = [
      () => [value(depth + 1)],
      () => ({ a: value(depth + 1) }),
    ];
    const options = depth > 2 ? leaves : [...leaves, ...nested];
    return pick(options)();
  };
  const message = (): Record<string, unknown> => {
    const m: Record<string, unknown> = {};
    if (r() < 0.9) m['jsonrpc'] = r() < 0.9 ? '2.0' : value(1);
    if (r() < 0.8) m['id'] = r() < 0.7 ? Math.floor(r() * 100) : value(1);
    if (r() < 0.9) m['method'] = r() < 0.8 ? pick(METHODS) : value(1);
    if (r() < 0.7) {
      m['params'] =
        r() < 0.7
          ? {
              name: r() < 0.6 ? 'get_quote' : value(1),
              arguments: r() < 0.7 ? { symbol: pick(['AAPL', 'NOPE', 42]) } : value(1),
              cursor: r() < 0.1 ? value(1) : undefined,
            }
          : value(1);
    }
    if (r() < 0.05) m['result'] = value(1);
    return m;
  };
  const shape = r();
  if (shape < 0.6) return JSON.stringify(message());
  if (shape < 0.7) return JSON.stringify(Array.from({ length: Math.floor(r() * 4) }, message));
  if (shape < 0.8) return JSON.stringify(value(0));
  const text = JSON.stringify(message());
  if (shape < 0.9) return text.slice(0, Math.floor(r() * text.length));
  return Array.from({ length: Math.floor(r() * 200) }, () =>
    String.fromCharCode(Math.floor(r() * 0xffff)),
  ).join('');
}

describe('the Streamable HTTP framing under random input', () => {
  it('answers every request with a defined status and valid JSON, never a 5xx, and stays up', async () => {
    const r = rng(Number(process.env['FUZZ_SEED'] ?? 7));
    const statuses = new Map<number, number>();
    for (let i = 0; i < 600; i++) {
      const withSession = r() < 0.8;
      const headers = mcpHeaders(withSession ? sessionId : undefined);
      if (r() < 0.05) headers['content-type'] = 'text/plain';
      if (r() < 0.05) headers['accept'] = 'application/json';
      if (r() < 0.05) headers['mcp-protocol-version'] = 'bogus';
      const text = body(r);
      const res = await fetch(gw.mcpUrl!, { method: 'POST', headers, body: text });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const payload = await res.text();
      expect(
        [200, 202, 400, 404, 406, 413, 415],
        `status for ${JSON.stringify(text).slice(0, 200)}`,
      ).toContain(res.status);
      if (res.status !== 202) expect(() => JSON.parse(payload) as unknown, payload).not.toThrow();
    }
    // The random inputs really reached both the happy and the refusing paths.
    expect(statuses.get(200)).toBeGreaterThan(50);
    expect(statuses.get(400)).toBeGreaterThan(20);
    const ping = await fetch(gw.mcpUrl!, {
      method: 'POST',
      headers: mcpHeaders(sessionId),
      body: '{"jsonrpc":"2.0","id":1,"method":"ping"}',
    });
    expect(await ping.json()).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
  }, 120_000);
});
