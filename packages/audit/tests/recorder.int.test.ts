import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNats, type TestNats } from '@stockpulse/testkit';
import { provisioning, type AuditEvent, type AuditInput } from '@stockpulse/protocol';
import { createBus, type Bus } from '@stockpulse/bus';
import {
  GENESIS_HASH,
  createAuditRecorder,
  hashEvent,
  verifyChain,
  type AuditRecorder,
} from '../src/index.js';
import { isStored, readProducer, streamMark } from './stream-reader.js';

let nats: TestNats;
let bus: Bus;
const recorders: AuditRecorder[] = [];

beforeAll(async () => {
  nats = await startNats();
  bus = await createBus({ url: nats.url, name: 'audit-recorder-test' });
  await bus.provision(provisioning);
});

afterAll(async () => {
  for (const r of recorders) await r.close();
  await bus?.close();
  await nats?.stop();
});

let producers = 0;
function recorder(
  opts: { maxBuffered?: number; maxBatch?: number; flushIntervalMs?: number } = {},
  on = bus,
) {
  producers += 1;
  const r = createAuditRecorder({ bus: on, producer: `test-producer-${producers}`, ...opts });
  recorders.push(r);
  return { r, producer: `test-producer-${producers}` };
}

const call = (n: number): AuditInput => ({
  kind: 'call',
  action: 'tools/call',
  outcome: 'ok',
  requestId: `req-${n}`,
  target: 'get_quote',
  durationMs: n % 7,
  data: { n },
});

const byId = (events: readonly AuditEvent[]) => new Map(events.map((e) => [e.id, e]));

describe('createAuditRecorder', () => {
  it('chains each event to the previous one and stamps a valid hash', async () => {
    const { r, producer } = recorder();
    const a = await r.record(call(1));
    const b = await r.record(call(2));
    expect(a).toMatchObject({ producer, seq: 1, prevHash: GENESIS_HASH, requestId: 'req-1' });
    expect(b).toMatchObject({ producer, seq: 2, prevHash: a.hash });
    expect(a.hash).toBe(hashEvent(a));
    expect(b.hash).toBe(hashEvent(b));
    expect(a.id).not.toBe(b.id);
    await r.flush();
  });

  it('resolves record() once buffered, before anything is published', async () => {
    const { r } = recorder({ flushIntervalMs: 1_000 });
    const e = await r.record(call(1));
    expect(r.pending).toBe(1);
    await r.flush();
    expect(r.pending).toBe(0);
    expect(await isStored(bus, e)).toBe(true);
  });

  it('lands 500 recorded events on the stream after flush(), exactly once, in a valid chain', async () => {
    const { r, producer } = recorder();
    const before = await streamMark(bus);
    const recorded = await Promise.all(Array.from({ length: 500 }, (_, i) => r.record(call(i))));
    await r.flush();
    expect(r.pending).toBe(0);
    const after = await streamMark(bus);
    expect(after - before - 1).toBe(500);

    const stored = await readProducer(bus, producer, 500);
    expect(stored).toHaveLength(500);
    expect(byId(stored)).toEqual(byId(recorded));
    expect(verifyChain(stored)).toEqual({ ok: true, checked: 500 });
    expect(stored.map((e) => e.seq).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 500 }, (_, i) => i + 1),
    );
  });

  it('keeps one chain per producer when several record at once', async () => {
    const a = recorder({ maxBatch: 16 });
    const b = recorder({ maxBatch: 16 });
    await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a.r : b.r).record(call(i))));
    await Promise.all([a.r.flush(), b.r.flush()]);
    const stored = [
      ...(await readProducer(bus, a.producer, 30)),
      ...(await readProducer(bus, b.producer, 30)),
    ];
    expect(verifyChain(stored)).toEqual({ ok: true, checked: 60 });
  });

  it('resolves recordDurable only once the event is in the stream', async () => {
    const { r } = recorder({ flushIntervalMs: 1_000 });
    const earlier = await Promise.all([r.record(call(1)), r.record(call(2))]);
    const durable = await r.recordDurable({
      kind: 'admin',
      action: 'key.revoke',
      outcome: 'ok',
      target: 'key_1',
    });
    // The recorder publishes with the event id as Nats-Msg-Id: a repeat is reported as a duplicate
    // only if the stream already stored the event.
    expect(await isStored(bus, durable)).toBe(true);
    // What was recorded before it is in the stream too, so the chain has no hole up to it.
    for (const e of earlier) expect(await isStored(bus, e)).toBe(true);
    expect(durable.seq).toBe(3);
  });

  it('applies back-pressure with a small buffer and still loses nothing', async () => {
    const { r, producer } = recorder({ maxBuffered: 10, maxBatch: 4 });
    let settled = 0;
    let maxPending = 0;
    const calls = Array.from({ length: 200 }, (_, i) =>
      r.record(call(i)).then((e) => {
        settled += 1;
        maxPending = Math.max(maxPending, r.pending);
        return e;
      }),
    );
    // Microtasks only: no publish can be acknowledged yet. Accepted so far: the buffer (10) and
    // the one batch (4) already taken out of it for publishing.
    for (let i = 0; i < 50; i++) await Promise.resolve();
    expect(settled).toBeGreaterThan(0);
    expect(settled).toBeLessThanOrEqual(14);
    expect(r.pending).toBeLessThanOrEqual(10);

    const recorded = await Promise.all(calls);
    expect(settled).toBe(200);
    expect(maxPending).toBeLessThanOrEqual(10);
    await r.flush();
    const stored = await readProducer(bus, producer, 200);
    expect(stored).toHaveLength(200);
    expect(byId(stored)).toEqual(byId(recorded));
    expect(verifyChain(stored)).toEqual({ ok: true, checked: 200 });
  });

  it('flushes what is buffered on close()', async () => {
    const { r, producer } = recorder({ flushIntervalMs: 10_000 });
    await Promise.all(Array.from({ length: 5 }, (_, i) => r.record(call(i))));
    expect(r.pending).toBe(5);
    await r.close();
    expect(r.pending).toBe(0);
    expect(await readProducer(bus, producer, 5)).toHaveLength(5);
  });
});

describe('createAuditRecorder without a stream yet', () => {
  let other: TestNats;
  let otherBus: Bus;

  beforeAll(async () => {
    other = await startNats();
    otherBus = await createBus({ url: other.url, name: 'audit-recorder-unprovisioned' });
  });

  afterAll(async () => {
    await otherBus?.close();
    await other?.stop();
  });

  it('holds recordDurable and buffered events until JetStream takes them, then publishes all', async () => {
    const { r, producer } = recorder({}, otherBus);
    const buffered = await Promise.all(Array.from({ length: 20 }, (_, i) => r.record(call(i))));
    let durableDone = false;
    const durable = r
      .recordDurable({ kind: 'admin', action: 'key.create', outcome: 'ok' })
      .then((e) => {
        durableDone = true;
        return e;
      });
    await new Promise((res) => setTimeout(res, 400));
    expect(durableDone).toBe(false);
    expect(r.pending).toBeGreaterThan(0);

    await otherBus.provision(provisioning);
    const event = await durable;
    expect(await isStored(otherBus, event)).toBe(true);
    await r.flush();
    const stored = await readProducer(otherBus, producer, 21);
    expect(byId(stored)).toEqual(byId([...buffered, event]));
    expect(verifyChain(stored)).toEqual({ ok: true, checked: 21 });
    await r.close();
  });
});
