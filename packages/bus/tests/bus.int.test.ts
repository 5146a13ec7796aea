import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNats, type TestNats } from '@stockpulse/testkit';
import { ErrorCode, GatewayError, provisioning, sessionsBucket } from '@stockpulse/protocol';
import { createBus, type Bus } from '../src/index.js';

let nats: TestNats;
let bus: Bus;

beforeAll(async () => {
  nats = await startNats();
  bus = await createBus({ url: nats.url, name: 'bus-test' });
  await bus.provision(provisioning);
});

afterAll(async () => {
  await bus?.close();
  await nats?.stop();
});

async function rejection(p: Promise<unknown>): Promise<GatewayError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    return err as GatewayError;
  }
  throw new Error('expected a rejection');
}

describe('request/reply', () => {
  it('carries headers and trace context both ways', async () => {
    const sub = bus.subscribe('t.echo', (m) => {
      m.respond(JSON.stringify({ got: m.json(), h: m.header('X-Test') }));
    });
    const r = await bus.requestJson<{ got: unknown; h: string }>(
      't.echo',
      { a: 1 },
      { timeoutMs: 2000, headers: { 'X-Test': 'yes' } },
    );
    expect(r).toEqual({ got: { a: 1 }, h: 'yes' });
    sub.unsubscribe();
  });

  it('maps no responders to a retryable unavailable error at once', async () => {
    const started = Date.now();
    const err = await rejection(bus.request('t.nobody', 'x', { timeoutMs: 5000 }));
    expect(err.code).toBe(ErrorCode.Unavailable);
    expect(err.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('maps a silent responder to deadline_exceeded within the deadline', async () => {
    const sub = bus.subscribe('t.silent', () => undefined);
    await bus.flush();
    const started = Date.now();
    const err = await rejection(bus.request('t.silent', 'x', { timeoutMs: 300 }));
    expect(err.code).toBe(ErrorCode.DeadlineExceeded);
    expect(Date.now() - started).toBeLessThan(1500);
    sub.unsubscribe();
  });

  it('spreads a queue group across members and drains in-flight handlers', async () => {
    const seen: string[] = [];
    const mk = (name: string) =>
      bus.subscribe(
        't.q',
        async (m) => {
          await new Promise((r) => setTimeout(r, 20));
          seen.push(name);
          m.respond(name);
        },
        { queue: 'g' },
      );
    const a = mk('a');
    const b = mk('b');
    await bus.flush();
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => bus.request('t.q', '', { timeoutMs: 2000 })),
    );
    expect(new Set(replies.map((r) => r.string()))).toEqual(new Set(['a', 'b']));
    const pending = bus.request('t.q', '', { timeoutMs: 2000 });
    await new Promise((r) => setTimeout(r, 5));
    await Promise.all([a.drain(), b.drain()]);
    expect(['a', 'b']).toContain((await pending).string());
  });
});

describe('provisioning and KV', () => {
  it('brings an existing bucket to a changed TTL', async () => {
    const spec = { bucket: 'ttl-test', description: 't', ttlMs: 0, history: 1 };
    await bus.provision({ streams: [], consumers: [], buckets: [spec] });
    await bus.provision({ streams: [], consumers: [], buckets: [{ ...spec, ttlMs: 300 }] });
    const kv = await bus.kv('ttl-test');
    await kv.put('k', 'v');
    expect(await kv.get('k')).not.toBeNull();
    await expect.poll(() => kv.get('k'), { timeout: 5000 }).toBeNull();
  });

  it('is idempotent', async () => {
    await bus.provision(provisioning);
    await bus.provision(provisioning);
  });

  it('creates a key once and reports a conflict the second time', async () => {
    const kv = await bus.kv(sessionsBucket.bucket);
    await kv.create('k1', 'v1');
    const err = await rejection(kv.create('k1', 'v2'));
    expect(err.code).toBe(ErrorCode.Conflict);
    const entry = await kv.get('k1');
    expect(new TextDecoder().decode(entry?.value)).toBe('v1');
  });

  it('watches deletes', async () => {
    const kv = await bus.kv(sessionsBucket.bucket);
    await kv.put('k2', '"x"');
    const seen: string[] = [];
    const stop = await kv.watch((e) => seen.push(`${e.operation}:${e.key}`), { updatesOnly: true });
    await kv.delete('k2');
    await expect.poll(() => seen).toContain('DEL:k2');
    stop();
    expect(await kv.get('k2')).toBeNull();
  });
});

describe('jetstream publish', () => {
  it('acknowledges and de-duplicates by message id', async () => {
    const a = await bus.jsPublish('mcpgw.audit.call', '{}', { msgId: 'dup-1' });
    const b = await bus.jsPublish('mcpgw.audit.call', '{}', { msgId: 'dup-1' });
    expect(a.duplicate).toBe(false);
    expect(b.duplicate).toBe(true);
    expect(b.seq).toBe(a.seq);
  });
});
