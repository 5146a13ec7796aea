import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditEvent, AuditInput } from '@stockpulse/protocol';
import { GENESIS_HASH, canonicalJson, hashEvent, verifyChain } from './hash-chain.js';

/** Chains inputs the way a recorder does: seq from `fromSeq`, each linked to the previous hash. */
function chainOf(
  producer: string,
  inputs: readonly AuditInput[],
  opts: { fromSeq?: number; prevHash?: string } = {},
): AuditEvent[] {
  let prevHash = opts.prevHash ?? GENESIS_HASH;
  return inputs.map((input, i) => {
    const seq = (opts.fromSeq ?? 1) + i;
    const body = {
      ...input,
      id: `${producer}-${seq}`,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      producer,
      seq,
      prevHash,
    };
    const event: AuditEvent = { ...body, hash: hashEvent(body) };
    prevHash = event.hash;
    return event;
  });
}

const input = (n: number): AuditInput => ({
  kind: 'call',
  action: 'tools/call',
  outcome: n % 3 === 0 ? 'tool_error' : 'ok',
  ...(n % 2 === 1
    ? {
        principalId: `key_${n}`,
        requestId: `req_${n}`,
        durationMs: n / 4,
        data: { n, tags: ['a', 'b'] },
      }
    : {}),
});

const inputs = (count: number): AuditInput[] =>
  Array.from({ length: count }, (_, i) => input(i + 1));

/** Replaces one event of a list, keeping the others. */
function replaced(events: readonly AuditEvent[], index: number, next: AuditEvent): AuditEvent[] {
  return events.map((e, i) => (i === index ? next : e));
}

/** Re-hashes an event after a change, as a forger who knows the algorithm would. */
function rehashed(e: Omit<AuditEvent, 'hash'>): AuditEvent {
  return { ...e, hash: hashEvent(e) };
}

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    const a = { b: 1, a: { y: [1, { q: 1, p: 2 }], x: 'x' } };
    const b = { a: { x: 'x', y: [1, { p: 2, q: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"x","y":[1,{"p":2,"q":1}]},"b":1}');
  });

  it('leaves out null and undefined fields, so a store writing NULL keeps the hash', () => {
    expect(canonicalJson({ a: 1, b: null, c: undefined, d: { e: null } })).toBe('{"a":1,"d":{}}');
    expect(canonicalJson({ a: 1, b: null })).toBe(canonicalJson({ a: 1 }));
  });

  it('keeps array order and array holes as JSON does', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson([1, undefined, null])).toBe(JSON.stringify([1, undefined, null]));
  });

  it('writes scalars as JSON', () => {
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson(false)).toBe('false');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('tells apart values that differ only in type', () => {
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
    expect(canonicalJson({ a: [] })).not.toBe(canonicalJson({ a: {} }));
  });
});

describe('hashEvent', () => {
  it('is sha256 over prevHash then the canonical JSON of every other field', () => {
    const body = {
      kind: 'admin' as const,
      action: 'key.create',
      outcome: 'ok' as const,
      id: 'e1',
      at: '2026-01-01T00:00:00.000Z',
      producer: 'p',
      seq: 1,
      prevHash: GENESIS_HASH,
    };
    const expected = createHash('sha256')
      .update(GENESIS_HASH)
      .update(
        '{"action":"key.create","at":"2026-01-01T00:00:00.000Z","id":"e1","kind":"admin","outcome":"ok","producer":"p","seq":1}',
      )
      .digest('hex');
    expect(hashEvent(body)).toBe(expected);
  });

  it('ignores a hash field already on the event, and null optional fields', () => {
    const [e] = chainOf('p', [input(1)]);
    expect(hashEvent(e!)).toBe(e!.hash);
    expect(hashEvent({ ...e!, hash: 'f'.repeat(64) } as AuditEvent)).toBe(e!.hash);
    expect(hashEvent({ ...e!, sessionId: null, target: undefined } as unknown as AuditEvent)).toBe(
      e!.hash,
    );
  });

  it('changes with every field, prevHash included', () => {
    const [e] = chainOf('p', [input(1)]);
    const changes: Array<Partial<AuditEvent>> = [
      { id: 'other' },
      { at: '2030-01-01T00:00:00.000Z' },
      { producer: 'q' },
      { seq: 2 },
      { prevHash: 'a'.repeat(64) },
      { kind: 'admin' },
      { action: 'tools/list' },
      { outcome: 'denied' },
      { principalId: 'key_other' },
      { sessionId: 's' },
      { requestId: 'req_other' },
      { traceId: 't' },
      { target: 'x' },
      { durationMs: 99 },
      { errorCode: 'internal' },
      { data: { n: 1, tags: ['b', 'a'] } },
    ];
    for (const change of changes) {
      expect(hashEvent({ ...e!, ...change }), JSON.stringify(change)).not.toBe(e!.hash);
    }
  });
});

describe('verifyChain', () => {
  it('accepts interleaved, shuffled chains of several producers', () => {
    const a = chainOf('recorder-a', inputs(7));
    const b = chainOf('recorder-b', inputs(5));
    const c = chainOf('recorder-c', inputs(1));
    const all = [
      b[4]!,
      a[3]!,
      c[0]!,
      a[0]!,
      b[0]!,
      a[6]!,
      b[2]!,
      a[1]!,
      b[1]!,
      a[5]!,
      a[2]!,
      b[3]!,
      a[4]!,
    ];
    expect(all).toHaveLength(13);
    expect(verifyChain(all)).toEqual({ ok: true, checked: 13 });
  });

  it('accepts nothing as an empty, valid trail', () => {
    expect(verifyChain([])).toEqual({ ok: true, checked: 0 });
  });

  it('accepts a replay that starts mid-chain', () => {
    const chain = chainOf('p', inputs(10));
    expect(verifyChain(chain.slice(4))).toEqual({ ok: true, checked: 6 });
  });

  it('does not reorder the caller’s array', () => {
    const chain = chainOf('p', inputs(4));
    const given = [chain[2]!, chain[0]!, chain[3]!, chain[1]!];
    const before = given.map((e) => e.seq);
    verifyChain(given);
    expect(given.map((e) => e.seq)).toEqual(before);
  });

  it('detects a changed field', () => {
    const chain = chainOf('p', inputs(5));
    const forged = replaced(chain, 2, { ...chain[2]!, outcome: 'ok', action: 'tools/list' });
    expect(verifyChain(forged)).toEqual({
      ok: false,
      producer: 'p',
      seq: 3,
      reason: 'hash does not match content',
    });
  });

  it('detects a changed nested data field', () => {
    const chain = chainOf('p', inputs(5));
    const e = chain[0]!;
    const forged = replaced(chain, 0, { ...e, data: { ...e.data, n: 2 } });
    expect(verifyChain(forged)).toMatchObject({
      ok: false,
      seq: 1,
      reason: 'hash does not match content',
    });
  });

  it('detects a removed optional field', () => {
    const chain = chainOf('p', inputs(3));
    const { principalId: _dropped, ...rest } = chain[0]!;
    expect(verifyChain(replaced(chain, 0, rest as AuditEvent))).toMatchObject({
      ok: false,
      seq: 1,
    });
  });

  it('detects a wrong prevHash even when the event is re-hashed to match', () => {
    const chain = chainOf('p', inputs(5));
    const forged = replaced(chain, 3, rehashed({ ...chain[3]!, prevHash: chain[1]!.hash }));
    expect(verifyChain(forged)).toEqual({
      ok: false,
      producer: 'p',
      seq: 4,
      reason: 'prevHash does not link to previous event',
    });
  });

  it('detects a rewritten event whose successor still links to the original', () => {
    const chain = chainOf('p', inputs(5));
    const forged = replaced(chain, 1, rehashed({ ...chain[1]!, outcome: 'denied' }));
    expect(verifyChain(forged)).toMatchObject({ ok: false, producer: 'p', seq: 3 });
  });

  it('detects a gap', () => {
    const chain = chainOf('p', inputs(5));
    const withGap = chain.filter((e) => e.seq !== 3);
    expect(verifyChain(withGap)).toEqual({
      ok: false,
      producer: 'p',
      seq: 4,
      reason: 'gap after seq 2',
    });
  });

  it('detects a fork: two events at one seq', () => {
    const chain = chainOf('p', inputs(3));
    const fork = rehashed({ ...chain[1]!, id: 'other', action: 'forked' });
    expect(verifyChain([...chain, fork])).toMatchObject({ ok: false, producer: 'p', seq: 2 });
  });

  it('detects a first event not linked to genesis', () => {
    const chain = chainOf('p', inputs(3), { prevHash: 'b'.repeat(64) });
    expect(verifyChain(chain)).toEqual({
      ok: false,
      producer: 'p',
      seq: 1,
      reason: 'first event must link to genesis',
    });
  });

  it('names the broken producer among good ones', () => {
    const good = chainOf('good', inputs(4));
    const bad = chainOf('bad', inputs(4));
    const forged = replaced(bad, 1, { ...bad[1]!, principalId: 'someone-else' });
    expect(verifyChain([...good, ...forged])).toMatchObject({ ok: false, producer: 'bad', seq: 2 });
  });
});
