import { createHash } from 'node:crypto';
import type { AuditEvent } from '@stockpulse/protocol';

/** prevHash of the first event of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every depth and absent or null fields left out, so a hash
 * survives a round trip through a store that orders keys or writes NULL for missing values.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined && obj[k] !== null)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** sha256 over the previous hash and the canonical JSON of every field but `hash`. */
export function hashEvent(event: Omit<AuditEvent, 'hash'>): string {
  const { prevHash, ...rest } = event as Omit<AuditEvent, 'hash'> & { hash?: string };
  delete (rest as { hash?: string }).hash;
  return createHash('sha256').update(prevHash).update(canonicalJson(rest)).digest('hex');
}

/** Outcome of {@link verifyChain}. */
export type ChainVerdict =
  | { readonly ok: true; readonly checked: number }
  | {
      readonly ok: false;
      readonly producer: string;
      readonly seq: number;
      readonly reason: string;
    };

/**
 * Checks the chains of a set of events: per producer, sequences are contiguous from the first
 * one given, each event links to its predecessor's hash, and each hash matches its content.
 */
export function verifyChain(events: readonly AuditEvent[]): ChainVerdict {
  const byProducer = new Map<string, AuditEvent[]>();
  for (const e of events) {
    const list = byProducer.get(e.producer) ?? [];
    list.push(e);
    byProducer.set(e.producer, list);
  }
  for (const [producer, list] of byProducer) {
    list.sort((a, b) => a.seq - b.seq);
    let prev: AuditEvent | undefined;
    for (const e of list) {
      const fail = (reason: string): ChainVerdict => ({ ok: false, producer, seq: e.seq, reason });
      if (hashEvent(e) !== e.hash) return fail('hash does not match content');
      if (prev && e.seq !== prev.seq + 1) return fail(`gap after seq ${prev.seq}`);
      if (prev && e.prevHash !== prev.hash) return fail('prevHash does not link to previous event');
      if (!prev && e.seq === 1 && e.prevHash !== GENESIS_HASH) {
        return fail('first event must link to genesis');
      }
      prev = e;
    }
  }
  return { ok: true, checked: events.length };
}
