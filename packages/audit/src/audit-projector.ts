import { auditProjectorConsumer, silentLogger, type AuditEvent, type Logger } from '@stockpulse/protocol';
import type { Bus, ConsumerHandle } from '@stockpulse/bus';
import type { AuditRepository } from '@stockpulse/db';
import { SchemaName, validate } from '@stockpulse/schemas';

/** Options of {@link startAuditProjector}. */
export interface AuditProjectorOptions {
  readonly bus: Bus;
  readonly repo: AuditRepository;
  readonly logger?: Logger;
  readonly batch?: number;
}

/**
 * Projects the audit stream into Postgres: each fetched batch is written in one statement and
 * acknowledged after the write. Redelivered events are ignored by the primary key, so a crash
 * between write and ack never duplicates a record.
 */
export async function startAuditProjector(opts: AuditProjectorOptions): Promise<ConsumerHandle> {
  const logger = (opts.logger ?? silentLogger).child({ component: 'audit-projector' });
  const { stream, durable } = auditProjectorConsumer;
  return opts.bus.consume(
    stream,
    durable,
    async (msg) => msg.ack(),
    {
      batch: opts.batch ?? 256,
      onBatch: async (messages) => {
        const events: Array<AuditEvent & { streamSeq: number }> = [];
        for (const m of messages) {
          try {
            events.push({ ...validate<AuditEvent>(SchemaName.AuditEvent, m.json()), streamSeq: m.seq });
          } catch (err) {
            logger.error({ seq: m.seq, err: String(err) }, 'invalid audit event, skipped');
          }
        }
        if (events.length) await opts.repo.insertMany(events);
      },
    },
  );
}
