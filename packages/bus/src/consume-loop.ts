import type { Logger } from '@stockpulse/protocol';
import type { Consumer } from '@nats-io/jetstream';
import type { ConsumeOptions, StreamMessage } from './types.js';
import { wrapJsMsg } from './message.js';

/**
 * Pulls batches from a durable consumer until stopped. A failing handler's message is nak'ed
 * with a delay so it is redelivered; the loop itself never dies on a handler error.
 */
export function consumeLoop(
  consumer: Consumer,
  handler: (msg: StreamMessage) => Promise<void>,
  opts: ConsumeOptions,
  logger: Logger,
): { stop(): Promise<void> } {
  let stopping = false;
  const done = (async () => {
    while (!stopping) {
      try {
        const iter = await consumer.fetch({ max_messages: opts.batch ?? 256, expires: 1_000 });
        const batch: StreamMessage[] = [];
        for await (const m of iter) {
          batch.push(wrapJsMsg(m));
          if (batch.length >= (opts.batch ?? 256)) break;
        }
        if (batch.length === 0) continue;
        if (opts.onBatch) {
          try {
            await opts.onBatch(batch);
          } catch (err) {
            logger.error(
              { err: err instanceof Error ? err.message : String(err), size: batch.length },
              'batch handler failed',
            );
            for (const msg of batch) msg.nak(1_000);
            continue;
          }
        }
        for (const msg of batch) {
          try {
            await handler(msg);
          } catch (err) {
            logger.error(
              { seq: msg.seq, err: err instanceof Error ? err.message : String(err) },
              'consumer handler failed',
            );
            msg.nak(1_000);
          }
        }
      } catch (err) {
        if (stopping) break;
        logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'consumer fetch failed',
        );
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      await done;
    },
  };
}
