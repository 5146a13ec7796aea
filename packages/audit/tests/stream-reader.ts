import { randomUUID } from 'node:crypto';
import { Stream, subjects, type AuditEvent } from '@stockpulse/protocol';
import type { Bus } from '@stockpulse/bus';

let readers = 0;

/**
 * Reads the audit stream from its start through a new durable consumer and returns the events
 * of one producer, once `expected` of them have arrived (or rejects after `timeoutMs`).
 */
export async function readProducer(
  bus: Bus,
  producer: string,
  expected: number,
  timeoutMs = 5_000,
): Promise<AuditEvent[]> {
  readers += 1;
  const durable = `test-reader-${process.pid}-${readers}`;
  await bus.provision({
    streams: [],
    consumers: [
      {
        stream: Stream.Audit,
        durable,
        description: 'test reader',
        ackWaitMs: 30_000,
        maxDeliver: -1,
      },
    ],
    buckets: [],
  });
  // A fetch waits for a full batch or its expiry; asking for exactly what the stream holds now
  // makes the first fetch return at once.
  const held = await streamMark(bus);
  const events: AuditEvent[] = [];
  let stop: (() => Promise<void>) | undefined;
  let stopping: Promise<void> | undefined;
  const enough = new Promise<void>((resolve) => {
    void bus
      .consume(
        Stream.Audit,
        durable,
        async (m) => {
          m.ack();
          const e = m.json<Partial<AuditEvent>>();
          if (e.producer !== producer) return;
          events.push(e as AuditEvent);
          if (events.length >= expected) {
            // Stopping from inside the handler ends the loop without waiting for another fetch.
            stopping ??= stop?.();
            resolve();
          }
        },
        { batch: held },
      )
      .then((h) => {
        stop = () => h.stop();
        if (events.length >= expected) stopping ??= stop();
      });
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`only ${events.length} of ${expected} events of ${producer} arrived`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([enough, timedOut]);
  } finally {
    clearTimeout(timer);
    stopping ??= stop?.();
    await stopping;
  }
  return events;
}

/**
 * Stream sequence of a fresh marker message on the audit stream. Two markers around a step give
 * the exact number of messages the step stored, duplicates included.
 */
export async function streamMark(bus: Bus): Promise<number> {
  const ack = await bus.jsPublish(subjects.audit('call'), '{"marker":true}', {
    msgId: `mark-${randomUUID()}`,
  });
  return ack.seq;
}

/** Whether the audit stream already holds a message with this `Nats-Msg-Id` (false adds one). */
export async function isStored(bus: Bus, event: AuditEvent): Promise<boolean> {
  const ack = await bus.jsPublish(subjects.audit(event.kind), JSON.stringify(event), {
    msgId: event.id,
  });
  return ack.duplicate;
}
