import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  startNats,
  type TestDatabase,
  type TestNats,
} from '@stockpulse/testkit';
import {
  provisioning,
  subjects,
  type AuditEvent,
  type AuditInput,
  type Logger,
} from '@stockpulse/protocol';
import { createBus, type Bus, type ConsumerHandle } from '@stockpulse/bus';
import {
  createAuditRepository,
  createDatabase,
  type AuditRepository,
  type Database,
  type ProjectedAuditEvent,
} from '@stockpulse/db';
import {
  GENESIS_HASH,
  createAuditRecorder,
  hashEvent,
  startAuditProjector,
  verifyChain,
} from '../src/index.js';

let nats: TestNats;
let bus: Bus;
let target: TestDatabase;
let db: Database;
let repo: AuditRepository;
let projector: ConsumerHandle;

/**
 * The projector's batch size. Every step below publishes a whole number of batches (padding
 * with filler events), so which events share a batch is known, and no fetch waits for its expiry.
 */
const BATCH = 8;

/** Every `error` line the projector logs, with its fields. */
const errors: Array<{ msg: string; fields: Record<string, unknown> }> = [];
const capturing: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (fields, msg) => errors.push({ msg, fields }),
  child: () => capturing,
};

beforeAll(async () => {
  nats = await startNats();
  bus = await createBus({ url: nats.url, name: 'audit-projector-test' });
  await bus.provision(provisioning);
  target = await createTestDatabase();
  db = await createDatabase({ url: target.url });
  await db.migrate();
  repo = createAuditRepository(db);
  projector = await startAuditProjector({ bus, repo, logger: capturing, batch: BATCH });
});

afterAll(async () => {
  await projector?.stop();
  await db?.destroy();
  await target?.drop();
  await bus?.close();
  await nats?.stop();
});

const base: AuditInput = { kind: 'call', action: 'tools/call', outcome: 'ok', target: 'get_quote' };

/** A hand-made chain, so a test can publish duplicates and forks the recorder never makes. */
function chain(
  producer: string,
  count: number,
  from: { seq: number; prevHash: string } = { seq: 1, prevHash: GENESIS_HASH },
) {
  let prevHash = from.prevHash;
  return Array.from({ length: count }, (_, i) => {
    const body = {
      ...base,
      requestId: `req-${producer}-${from.seq + i}`,
      id: randomUUID(),
      at: new Date().toISOString(),
      producer,
      seq: from.seq + i,
      prevHash,
    };
    const event: AuditEvent = { ...body, hash: hashEvent(body) };
    prevHash = event.hash;
    return event;
  });
}

let lastSeq = 0;

/** Publishes raw data on the audit stream under a fresh Nats-Msg-Id; returns its stream seq. */
async function publish(data: AuditEvent | string): Promise<number> {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  const ack = await bus.jsPublish(subjects.audit('call'), payload, { msgId: randomUUID() });
  expect(ack.duplicate).toBe(false);
  lastSeq = ack.seq;
  return ack.seq;
}

/** The next event of the filler chain, which pads steps to whole batches. */
let fillerTip = { seq: 1, prevHash: GENESIS_HASH };
function nextFiller(): AuditEvent {
  const e = chain('filler', 1, fillerTip)[0]!;
  fillerTip = { seq: e.seq + 1, prevHash: e.hash };
  return e;
}

/** Publishes fillers until the stream ends on a batch boundary (at least one). */
async function pad(): Promise<void> {
  do await publish(nextFiller());
  while (lastSeq % BATCH !== 0);
}

/** Publishes the items, then fillers up to the end of the batch; returns the items' seqs. */
async function step(...items: Array<AuditEvent | string>): Promise<number[]> {
  const seqs: number[] = [];
  for (const item of items) seqs.push(await publish(item));
  await pad();
  return seqs;
}

async function rowsOf(producer: string): Promise<ProjectedAuditEvent[]> {
  return (await repo.list({ limit: 1000 })).filter((e) => e.producer === producer);
}

/** Waits until the projection holds `event`, and returns the producer's rows then. */
async function projectedThrough(event: AuditEvent): Promise<ProjectedAuditEvent[]> {
  await expect
    .poll(async () => (await rowsOf(event.producer)).map((e) => e.id), { timeout: 8_000 })
    .toContain(event.id);
  return rowsOf(event.producer);
}

const strip = ({ streamSeq: _seq, ...event }: ProjectedAuditEvent): AuditEvent => event;
const rejectedSeqs = () =>
  errors.filter((e) => e.msg === 'audit event rejected').map((e) => e.fields['seq']);

describe('startAuditProjector', () => {
  it('projects recorded events once, as published, and the projection verifies', async () => {
    const recorder = createAuditRecorder({ bus, producer: 'projected-recorder' });
    const recorded = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        recorder.record({
          ...base,
          requestId: `r${i}`,
          principalId: 'key_1',
          durationMs: i / 3,
          data: { i, nested: { b: [1, 2], a: null } },
        }),
      ),
    );
    recorded.push(
      await recorder.recordDurable({
        kind: 'admin',
        action: 'key.create',
        outcome: 'ok',
        target: 'key_9',
      }),
    );
    await recorder.close();
    await pad();

    const rows = await projectedThrough(recorded.at(-1)!);
    expect(rows).toHaveLength(41);
    expect(new Set(rows.map((r) => r.streamSeq)).size).toBe(41);
    const events = rows.map(strip);
    // The projection is the event as published, so it verifies on its own.
    expect(new Map(events.map((e) => [e.id, e]))).toEqual(
      new Map(recorded.map((e) => [e.id, JSON.parse(JSON.stringify(e)) as AuditEvent])),
    );
    expect(verifyChain(events)).toEqual({ ok: true, checked: 41 });
  });

  it('keeps one row for an event published twice under different Nats-Msg-Ids', async () => {
    const [e1, e2, e3] = chain('twice', 3);
    // Twice in one batch, so in one INSERT...
    await step(e1!, e1!, e2!);
    expect((await projectedThrough(e2!)).map((r) => r.id)).toEqual([e1!.id, e2!.id]);
    // ...and again in a later batch, long after it was projected.
    await step(e1!, e3!);
    const rows = await projectedThrough(e3!);
    expect(rows.map((r) => r.id)).toEqual([e1!.id, e2!.id, e3!.id]);
    expect(verifyChain(rows.map(strip))).toEqual({ ok: true, checked: 3 });
  });

  it('terminates invalid payloads and projects the valid events of the same batch and after', async () => {
    const [good1, good2, good3] = chain('after-invalid', 3);
    const { hash: _hash, ...unhashed } = good1!;
    const seqs = await step(
      'not json at all',
      good1!,
      '{"id":"x"}',
      JSON.stringify({ ...good2, hash: 'not-a-hash' }),
      JSON.stringify({ ...unhashed, extra: 'field' }),
      good2!,
    );
    const bad = [seqs[0], seqs[2], seqs[3], seqs[4]];
    expect((await projectedThrough(good2!)).map((r) => r.id)).toEqual([good1!.id, good2!.id]);
    expect(rejectedSeqs()).toEqual(expect.arrayContaining(bad));
    // A batch of nothing but invalid payloads does not stall the loop either.
    const onlyBad = await step(...Array.from({ length: BATCH - 1 }, () => '[]'));
    await step(good3!);
    expect((await projectedThrough(good3!)).map((r) => r.id)).toEqual([
      good1!.id,
      good2!.id,
      good3!.id,
    ]);
    expect(rejectedSeqs()).toEqual(expect.arrayContaining(onlyBad));
  });

  it('rejects a forked event (same producer and seq, another id) without blocking later ones', async () => {
    const [a1, a2, a3] = chain('forked', 3);
    await step(a1!, a2!);
    await projectedThrough(a2!);

    const fork = chain('forked', 1, { seq: 2, prevHash: a1!.hash })[0]!;
    const [forkSeq] = await step(fork, a3!);
    const rows = await projectedThrough(a3!);
    expect(rows.map((r) => r.id)).toEqual([a1!.id, a2!.id, a3!.id]);
    expect(rejectedSeqs()).toContain(forkSeq);
    expect(errors.find((e) => e.fields['seq'] === forkSeq)?.fields['reason']).toMatch(/forked#2/);
  });

  it('keeps the first of two forked events in one batch, and projects the rest of the batch', async () => {
    const [b1, b2] = chain('forked-together', 2);
    const fork = chain('forked-together', 1)[0]!;
    const [, forkSeq] = await step(b1!, fork, b2!);
    const rows = await projectedThrough(b2!);
    expect(rows.map((r) => r.id)).toEqual([b1!.id, b2!.id]);
    expect(rejectedSeqs()).toContain(forkSeq);
  });

  it('projected every filler, whatever shared its batch, as one verifiable chain', async () => {
    await step();
    const last = fillerTip.seq - 1;
    await expect.poll(async () => (await rowsOf('filler')).length, { timeout: 8_000 }).toBe(last);
    expect(verifyChain((await rowsOf('filler')).map(strip))).toEqual({ ok: true, checked: last });
    // Each rejected message was rejected once: terminated, not redelivered.
    const seqs = rejectedSeqs();
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('terminates an event Postgres cannot store, and projects its batch neighbours', async () => {
    const { hash: _hash, ...body } = { ...chain('unstorable', 1)[0]!, target: 'get\u0000quote' };
    const nul: AuditEvent = { ...body, hash: hashEvent(body) };
    const [sameBatch] = chain('unstorable-neighbour', 1);
    const [nulSeq] = await step(nul, sameBatch!);
    await expect.poll(rejectedSeqs, { timeout: 3_000 }).toContain(nulSeq);
    expect((await projectedThrough(sameBatch!)).map((r) => r.id)).toEqual([sameBatch!.id]);
  });
});
