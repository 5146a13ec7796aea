import { ErrorCode, GatewayError, silentLogger, type Logger } from '@stockpulse/protocol';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
} from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type {
  Bus,
  BusMessage,
  ConsumeOptions,
  ConsumerHandle,
  HeaderMap,
  KvStore,
  MessageHandler,
  Provisioning,
  PublishAck,
  PublishOptions,
  RequestOptions,
  StreamMessage,
  SubscribeOptions,
  Subscription,
} from './types.js';
import { buildHeaders, toBytes, wrapJsMsg, wrapMsg } from './message.js';
import { mapNatsError } from './errors.js';
import { extractTraceContext, withContext } from './trace-context.js';
import { provisionBucket, provisionConsumer, provisionStream } from './provision.js';
import { NatsKvStore } from './kv-store.js';
import { consumeLoop } from './consume-loop.js';

/** Options of {@link createBus}. */
export interface BusOptions {
  /** nats:// URL (or comma-separated URLs) of the server or cluster. */
  readonly url: string;
  /** Connection name shown by the server's monitoring. */
  readonly name: string;
  readonly logger?: Logger;
  /** Fail the first connect after this many milliseconds. */
  readonly connectTimeoutMs?: number;
}

/** Connects to NATS with unlimited reconnects and returns the bus. */
export async function createBus(opts: BusOptions): Promise<Bus> {
  const logger = opts.logger ?? silentLogger;
  try {
    const nc = await connect({
      servers: opts.url.split(','),
      name: opts.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      timeout: opts.connectTimeoutMs ?? 5_000,
    });
    return new NatsBus(nc, opts.url, logger);
  } catch (err) {
    throw new GatewayError(ErrorCode.Unavailable, `cannot connect to NATS at ${opts.url}`, {
      cause: err,
    });
  }
}

/** The bus over a NATS connection. */
export class NatsBus implements Bus {
  readonly closed: Promise<void>;
  private readonly js: JetStreamClient;
  private kvm: Kvm | undefined;
  private readonly subs = new Set<Subscription>();
  private readonly consumers = new Set<ConsumerHandle>();

  constructor(
    private readonly nc: NatsConnection,
    readonly url: string,
    private readonly logger: Logger,
  ) {
    this.js = jetstream(nc);
    this.closed = nc.closed().then(() => undefined);
    void this.watchStatus();
  }

  private async watchStatus(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnect' || s.type === 'error') {
        this.logger.warn(
          { status: s.type, server: 'server' in s ? s.server : undefined },
          'nats status',
        );
      }
    }
  }

  async request(
    subject: string,
    data: Uint8Array | string,
    opts: RequestOptions,
  ): Promise<BusMessage> {
    try {
      const msg = await this.nc.request(subject, toBytes(data), {
        timeout: opts.timeoutMs,
        headers: buildHeaders(opts.headers),
      });
      return wrapMsg(msg);
    } catch (err) {
      throw mapNatsError(err, subject);
    }
  }

  async requestJson<T>(subject: string, payload: unknown, opts: RequestOptions): Promise<T> {
    const msg = await this.request(subject, JSON.stringify(payload), opts);
    return msg.json<T>();
  }

  publish(subject: string, data: Uint8Array | string, opts: PublishOptions = {}): void {
    try {
      this.nc.publish(subject, toBytes(data), {
        headers: buildHeaders(opts.headers),
        ...(opts.reply ? { reply: opts.reply } : {}),
      });
    } catch (err) {
      throw mapNatsError(err, subject);
    }
  }

  subscribe(subject: string, handler: MessageHandler, opts: SubscribeOptions = {}): Subscription {
    const inflight = new Set<Promise<void>>();
    const logger = this.logger;
    const sub = this.nc.subscribe(subject, {
      ...(opts.queue ? { queue: opts.queue } : {}),
      callback: (err, msg) => {
        if (err) {
          logger.error({ subject, err: err.message }, 'subscription error');
          return;
        }
        const run = async (): Promise<void> => {
          try {
            await withContext(extractTraceContext(msg.headers), () => handler(wrapMsg(msg)));
          } catch (e) {
            logger.error(
              { subject, err: e instanceof Error ? e.message : String(e) },
              'handler failed',
            );
          }
        };
        const p = run();
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
      },
    });
    const handle: Subscription = {
      drain: async () => {
        this.subs.delete(handle);
        if (!sub.isClosed()) await sub.drain();
        await Promise.allSettled([...inflight]);
      },
      unsubscribe: () => {
        this.subs.delete(handle);
        sub.unsubscribe();
      },
    };
    this.subs.add(handle);
    return handle;
  }

  async jsPublish(
    subject: string,
    data: Uint8Array | string,
    opts: { msgId: string; headers?: HeaderMap; timeoutMs?: number },
  ): Promise<PublishAck> {
    try {
      const ack = await this.js.publish(subject, toBytes(data), {
        msgID: opts.msgId,
        headers: buildHeaders(opts.headers),
        timeout: opts.timeoutMs ?? 5_000,
      });
      return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
    } catch (err) {
      throw mapNatsError(err, subject);
    }
  }

  async provision(p: Provisioning, opts: { replicas?: number } = {}): Promise<void> {
    const replicas = opts.replicas ?? 1;
    try {
      const jsm = await jetstreamManager(this.nc);
      for (const s of p.streams) await provisionStream(jsm, s, replicas);
      for (const c of p.consumers) await provisionConsumer(jsm, c);
      const kvm = this.getKvm();
      for (const b of p.buckets) await provisionBucket(kvm, jsm, b, replicas);
    } catch (err) {
      throw mapNatsError(err);
    }
  }

  private getKvm(): Kvm {
    this.kvm ??= new Kvm(this.js);
    return this.kvm;
  }

  async kv(bucket: string): Promise<KvStore> {
    try {
      return new NatsKvStore(await this.getKvm().open(bucket), bucket);
    } catch (err) {
      throw mapNatsError(err, bucket);
    }
  }

  async consume(
    stream: string,
    durable: string,
    handler: (msg: StreamMessage) => Promise<void>,
    opts: ConsumeOptions = {},
  ): Promise<ConsumerHandle> {
    try {
      const consumer = await this.js.consumers.get(stream, durable);
      const loop = consumeLoop(consumer, handler, opts, this.logger);
      const handle: ConsumerHandle = {
        stop: async () => {
          this.consumers.delete(handle);
          await loop.stop();
        },
      };
      this.consumers.add(handle);
      return handle;
    } catch (err) {
      throw mapNatsError(err, `${stream}/${durable}`);
    }
  }

  async follow(
    stream: string,
    subject: string,
    from: number | 'new' | Date,
    onMessage: (msg: StreamMessage) => void,
  ): Promise<ConsumerHandle> {
    try {
      const consumer = await this.js.consumers.get(stream, {
        filter_subjects: subject,
        ...(from === 'new'
          ? { deliver_policy: DeliverPolicy.New }
          : from instanceof Date
            ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: from.toISOString() }
            : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: Math.max(1, from) }),
      });
      const messages = await consumer.consume({
        callback: (m) => {
          try {
            onMessage(wrapJsMsg(m));
          } catch (err) {
            this.logger.error(
              { stream, err: err instanceof Error ? err.message : String(err) },
              'follower failed',
            );
          }
        },
      });
      const handle: ConsumerHandle = {
        stop: async () => {
          this.consumers.delete(handle);
          await messages.close();
        },
      };
      this.consumers.add(handle);
      return handle;
    } catch (err) {
      throw mapNatsError(err, `${stream}/${subject}`);
    }
  }

  async flush(): Promise<void> {
    try {
      await this.nc.flush();
    } catch (err) {
      throw mapNatsError(err);
    }
  }

  async drain(): Promise<void> {
    if (this.nc.isClosed()) return;
    await Promise.allSettled([...this.consumers].map((c) => c.stop()));
    await Promise.allSettled([...this.subs].map((s) => s.drain()));
    if (!this.nc.isClosed() && !this.nc.isDraining()) await this.nc.drain();
  }

  async close(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.close();
  }
}
