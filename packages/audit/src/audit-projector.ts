import {
  ErrorCode,
  GatewayError,
  auditProjectorConsumer,
  silentLogger,
  type AuditEvent,
  type Logger,
} from '@stockpulse/protocol';
import type { Bus, ConsumerHandle, StreamMessage } from '@stockpulse/bus';
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
  const rejected = new Set<number>();
  // Errors that lie in an event itself, not in the database: retrying cannot cure them.
  const isPoison = (err: unknown): boolean =>
    err instanceof GatewayError &&
    (err.code === ErrorCode.Conflict || err.code === ErrorCode.InvalidParams);
  const reject = (m: StreamMessage, reason: string): void => {
    // A poison message is terminated, not redelivered forever; it stays in the stream for inspection.
    logger.error({ seq: m.seq, reason }, 'audit event rejected');
    rejected.add(m.seq);
    m.term();
  };
  return opts.bus.consume(
    stream,
    durable,
    async (msg) => {
      if (!rejected.delete(msg.seq)) msg.ack();
    },
    {
      batch: opts.batch ?? 256,
      onBatch: async (messages) => {
        const events: Array<{ msg: StreamMessage; event: AuditEvent & { streamSeq: number } }> = [];
        for (const m of messages) {
          try {
            events.push({
              msg: m,
              event: { ...validate<AuditEvent>(SchemaName.AuditEvent, m.json()), streamSeq: m.seq },
            });
          } catch (err) {
            reject(m, `invalid audit event: ${String(err)}`);
          }
        }
        if (!events.length) return;
        try {
          await opts.repo.insertMany(events.map((e) => e.event));
        } catch (err) {
          if (!isPoison(err)) throw err;
          // A forked chain (same producer and seq, another event) or an event Postgres cannot store:
          // find the culprits one by one; the rest of the batch is projected.
          for (const { msg, event } of events) {
            try {
              await opts.repo.insertMany([event]);
            } catch (e) {
              if (!isPoison(e)) throw e;
              reject(msg, `${GatewayError.from(e).message}: ${event.producer}#${event.seq}`);
            }
          }
        }
      },
    },
  );
}
