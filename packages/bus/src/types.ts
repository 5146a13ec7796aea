import type { ConsumerSpec, KvSpec, StreamSpec } from '@stockpulse/protocol';

/** Message headers as plain strings; trace context is added and read by the bus itself. */
export type HeaderMap = Readonly<Record<string, string>>;

/** A message received from the bus. */
export interface BusMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  /** Reply subject of a request, if any. */
  readonly reply: string | undefined;
  /** Value of a header, or undefined. */
  header(name: string): string | undefined;
  /** Every header, first value of each (trace context included). */
  headers(): Record<string, string>;
  /** The payload decoded as UTF-8 JSON. */
  json<T>(): T;
  /** The payload decoded as UTF-8. */
  string(): string;
  /** Replies to a request; false when the message has no reply subject. */
  respond(data: Uint8Array | string, opts?: { headers?: HeaderMap }): boolean;
}

/** Options of a request. */
export interface RequestOptions {
  /** Time to wait for the reply, in milliseconds. */
  readonly timeoutMs: number;
  readonly headers?: HeaderMap;
}

/** Options of a publish. */
export interface PublishOptions {
  readonly headers?: HeaderMap;
  /** Reply subject to stamp on the message (forwarding a request keeps the caller's inbox). */
  readonly reply?: string;
}

/** Options of a subscription. */
export interface SubscribeOptions {
  /** Queue group: copies in one group share the messages. */
  readonly queue?: string;
}

/** A live subscription. */
export interface Subscription {
  /** Stops taking new messages and waits for the handlers of taken ones. */
  drain(): Promise<void>;
  unsubscribe(): void;
}

/** A message handler; a thrown error is logged, never crashes the process. */
export type MessageHandler = (msg: BusMessage) => void | Promise<void>;

/** The acknowledgement of a JetStream publish. */
export interface PublishAck {
  readonly stream: string;
  readonly seq: number;
  readonly duplicate: boolean;
}

/** A message delivered by a JetStream consumer. */
export interface StreamMessage extends BusMessage {
  readonly seq: number;
  readonly redelivered: boolean;
  ack(): void;
  nak(delayMs?: number): void;
  term(): void;
}

/** An entry of a KV bucket. */
export interface KvEntry {
  readonly key: string;
  readonly revision: number;
  /** put, or del / purge for a removed key. */
  readonly operation: 'PUT' | 'DEL' | 'PURGE';
  readonly value: Uint8Array;
  /** When this revision was written (ms since the epoch). */
  readonly createdAt: number;
  json<T>(): T;
}

/** A KV bucket. */
export interface KvStore {
  get(key: string): Promise<KvEntry | null>;
  put(key: string, value: Uint8Array | string): Promise<number>;
  /** Creates the key only if absent; throws `conflict` otherwise. */
  create(key: string, value: Uint8Array | string): Promise<number>;
  /** Writes only if the key is at `revision`; throws `conflict` otherwise. */
  update(key: string, value: Uint8Array | string, revision: number): Promise<number>;
  delete(key: string): Promise<void>;
  /** Every live key, or those matching a filter (`.`-separated tokens, `*` and `>` wildcards). */
  keys(filter?: string): Promise<string[]>;
  /** How many live values the bucket holds. */
  count(): Promise<number>;
  /**
   * Calls `onEntry` for the current value of every key (unless `updatesOnly`) and for every
   * later change, until the returned stop function is called.
   */
  watch(
    onEntry: (entry: KvEntry) => void,
    opts?: { key?: string; updatesOnly?: boolean },
  ): Promise<() => void>;
}

/** Options of a JetStream consumer loop. */
export interface ConsumeOptions {
  /** Messages fetched per pull. */
  readonly batch?: number;
  /** Called once per fetched batch, before its messages' handlers; lets a worker batch writes. */
  readonly onBatch?: (messages: readonly StreamMessage[]) => Promise<void>;
}

/** A running consumer loop. */
export interface ConsumerHandle {
  stop(): Promise<void>;
}

/** Everything provisioned at start. */
export interface Provisioning {
  readonly streams: readonly StreamSpec[];
  readonly consumers: readonly ConsumerSpec[];
  readonly buckets: readonly KvSpec[];
}

/**
 * The message bus. The only implementation wraps the NATS client; code above takes this
 * interface. Every method that talks to the server throws GatewayError on failure.
 */
export interface Bus {
  /** Request/reply with a deadline; no responders and timeouts become `unavailable` and `deadline_exceeded`. */
  request(subject: string, data: Uint8Array | string, opts: RequestOptions): Promise<BusMessage>;
  /** Request/reply with JSON in and out. */
  requestJson<T>(subject: string, payload: unknown, opts: RequestOptions): Promise<T>;
  publish(subject: string, data: Uint8Array | string, opts?: PublishOptions): void;
  subscribe(subject: string, handler: MessageHandler, opts?: SubscribeOptions): Subscription;
  /** Acknowledged JetStream publish; `msgId` de-duplicates. */
  jsPublish(
    subject: string,
    data: Uint8Array | string,
    opts: { msgId: string; headers?: HeaderMap; timeoutMs?: number },
  ): Promise<PublishAck>;
  /**
   * Creates or updates streams, consumers and buckets so they match their declarations, with
   * `replicas` copies of each (1 on a single server, 3 on a production cluster).
   */
  provision(p: Provisioning, opts?: { replicas?: number }): Promise<void>;
  /** Opens a provisioned KV bucket. */
  kv(bucket: string): Promise<KvStore>;
  /** Runs a pull loop on a durable consumer until stopped. */
  consume(
    stream: string,
    durable: string,
    handler: (msg: StreamMessage) => Promise<void>,
    opts?: ConsumeOptions,
  ): Promise<ConsumerHandle>;
  /**
   * Follows a stream's messages on one subject in order, with an ephemeral ordered consumer:
   * from sequence `from` onwards, from a time on (a Date), or only messages stored from now on
   * (`'new'`). For replays and resumable streams; nothing is acknowledged.
   */
  follow(
    stream: string,
    subject: string,
    from: number | 'new' | Date,
    onMessage: (msg: StreamMessage) => void,
  ): Promise<ConsumerHandle>;
  /** Waits until the server has processed everything published so far. */
  flush(): Promise<void>;
  /** Drains every subscription (in-flight handlers finish) and closes the connection. */
  drain(): Promise<void>;
  /** Closes at once. */
  close(): Promise<void>;
  /** Resolves when the connection is closed, for whatever reason. */
  readonly closed: Promise<void>;
  /** The server URL connected to. */
  readonly url: string;
}
