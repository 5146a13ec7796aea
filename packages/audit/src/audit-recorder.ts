import { randomUUID } from 'node:crypto';
import {
  silentLogger,
  subjects,
  type AuditEvent,
  type AuditInput,
  type Logger,
} from '@stockpulse/protocol';
import type { Bus } from '@stockpulse/bus';
import { GENESIS_HASH, hashEvent } from './hash-chain.js';

/** Options of {@link createAuditRecorder}. */
export interface AuditRecorderOptions {
  readonly bus: Bus;
  /** Name of this chain; unique per recorder instance. */
  readonly producer: string;
  readonly logger?: Logger;
  /** Flush at least this often while events wait (ms). */
  readonly flushIntervalMs?: number;
  /** Events per flush. */
  readonly maxBatch?: number;
  /** Events held before `record` makes callers wait. */
  readonly maxBuffered?: number;
}

/** Records audit events onto the audit stream. */
export interface AuditRecorder {
  /**
   * Chains the event and buffers it for a batched, acknowledged publish. Resolves as soon as it
   * is buffered; waits only while the buffer is full (back-pressure).
   */
  record(input: AuditInput): Promise<AuditEvent>;
  /** Chains the event and resolves once JetStream has acknowledged it (calls with side effects). */
  recordDurable(input: AuditInput): Promise<AuditEvent>;
  /** Publishes everything buffered. */
  flush(): Promise<void>;
  /** Flushes and stops the timer. */
  close(): Promise<void>;
  /** Events waiting to be published. */
  readonly pending: number;
}

interface Buffered {
  readonly event: AuditEvent;
  readonly acked?: { resolve(): void; reject(err: unknown): void };
}

/**
 * Creates a recorder: each event carries the hash of this producer's previous one, events are
 * published in batches of acknowledged JetStream publishes off the reply path, and a failed
 * publish is retried (the `Nats-Msg-Id` makes a retry harmless) so nothing is lost.
 */
export function createAuditRecorder(opts: AuditRecorderOptions): AuditRecorder {
  const { bus, producer } = opts;
  const logger = (opts.logger ?? silentLogger).child({ component: 'audit-recorder' });
  const interval = opts.flushIntervalMs ?? 5;
  const maxBatch = opts.maxBatch ?? 256;
  const maxBuffered = opts.maxBuffered ?? 10_000;
  const queue: Buffered[] = [];
  const spaceWaiters: Array<() => void> = [];
  let seq = 0;
  let prevHash = GENESIS_HASH;
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  let closed = false;

  const chain = (input: AuditInput): AuditEvent => {
    seq += 1;
    const body = {
      ...input,
      id: randomUUID(),
      at: new Date().toISOString(),
      producer,
      seq,
      prevHash,
    };
    const event: AuditEvent = { ...body, hash: hashEvent(body) };
    prevHash = event.hash;
    return event;
  };

  const publishBatch = async (batch: Buffered[]): Promise<void> => {
    const results = await Promise.allSettled(
      batch.map((b) =>
        bus.jsPublish(subjects.audit(b.event.kind), JSON.stringify(b.event), { msgId: b.event.id }),
      ),
    );
    const failed: Buffered[] = [];
    results.forEach((r, i) => {
      const b = batch[i] as Buffered;
      if (r.status === 'fulfilled') b.acked?.resolve();
      else failed.push(b);
    });
    if (failed.length) {
      logger.warn({ failed: failed.length }, 'audit publish failed, will retry');
      queue.unshift(...failed);
      throw new Error('audit publish failed');
    }
  };

  const drainOnce = async (): Promise<void> => {
    while (queue.length) {
      const batch = queue.splice(0, maxBatch);
      while (spaceWaiters.length && queue.length < maxBuffered) spaceWaiters.shift()?.();
      await publishBatch(batch);
    }
  };

  const flush = (): Promise<void> => {
    flushing ??= drainOnce().finally(() => {
      flushing = undefined;
    });
    return flushing;
  };

  const schedule = (): void => {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      flush().catch(() => setTimeout(schedule, 200));
    }, interval);
  };

  const enqueue = async (b: Buffered): Promise<void> => {
    while (queue.length >= maxBuffered) await new Promise<void>((r) => spaceWaiters.push(r));
    queue.push(b);
    if (queue.length >= maxBatch) void flush().catch(() => undefined);
    else schedule();
  };

  return {
    async record(input) {
      const event = chain(input);
      await enqueue({ event });
      return event;
    },
    async recordDurable(input) {
      const event = chain(input);
      const acked = new Promise<void>(
        (resolve, reject) => void enqueue({ event, acked: { resolve, reject } }),
      );
      void flush().catch(() => schedule());
      await acked;
      return event;
    },
    flush: async () => {
      for (let i = 0; i < 20 && queue.length; i++) {
        try {
          await flush();
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      if (flushing) await flushing.catch(() => undefined);
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await this.flush();
      if (queue.length) logger.error({ lost: queue.length }, 'audit events not published at close');
    },
    get pending() {
      return queue.length;
    },
  };
}
