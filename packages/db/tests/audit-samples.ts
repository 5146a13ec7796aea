import { createHash } from 'node:crypto';
import type { ProjectedAuditEvent } from '../src/index.js';

/** A chain of sample audit events of one producer, with every optional field on the odd ones. */
export function auditSamples(
  count: number,
  opts: { producer?: string; requestId?: string; fromSeq?: number } = {},
): ProjectedAuditEvent[] {
  const producer = opts.producer ?? 'recorder-a';
  const from = opts.fromSeq ?? 1;
  let prevHash = '0'.repeat(64);
  const out: ProjectedAuditEvent[] = [];
  for (let i = 0; i < count; i++) {
    const seq = from + i;
    const hash = createHash('sha256').update(`${prevHash}:${producer}:${seq}`).digest('hex');
    const full = i % 2 === 1;
    out.push({
      id: `${producer}-${seq}`,
      streamSeq: 1000 + seq,
      producer,
      seq,
      kind: 'call',
      action: 'tools/call',
      outcome: 'ok',
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      prevHash,
      hash,
      ...(full
        ? {
            principalId: 'key_1',
            sessionId: 'sess_1',
            requestId: opts.requestId ?? 'req_1',
            traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
            target: 'get_quote',
            durationMs: 1.25,
            errorCode: 'internal',
            data: { symbol: 'ACME', nested: { n: 1 } },
          }
        : {}),
    });
    prevHash = hash;
  }
  return out;
}
