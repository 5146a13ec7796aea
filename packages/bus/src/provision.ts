import type { ConsumerSpec, KvSpec, StreamSpec } from '@stockpulse/protocol';
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { Kvm } from '@nats-io/kv';

function streamConfig(
  spec: StreamSpec,
  replicas: number,
): Partial<StreamConfig> & { name: string } {
  return {
    name: spec.name,
    subjects: [...spec.subjects],
    description: spec.description,
    retention: RetentionPolicy.Limits,
    storage: spec.storage === 'file' ? StorageType.File : StorageType.Memory,
    discard: DiscardPolicy.Old,
    max_age: nanos(spec.maxAgeMs),
    duplicate_window: nanos(spec.duplicateWindowMs),
    deny_delete: spec.denyDelete,
    deny_purge: spec.denyPurge,
    num_replicas: replicas,
  };
}

function isNotFound(err: unknown): boolean {
  return err instanceof Error && /not found/i.test(err.message);
}

/** Creates a stream, or updates it to match its declaration. */
export async function provisionStream(
  jsm: JetStreamManager,
  spec: StreamSpec,
  replicas: number,
): Promise<void> {
  const config = streamConfig(spec, replicas);
  try {
    await jsm.streams.info(spec.name);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await jsm.streams.add(config);
    return;
  }
  // deny_delete and deny_purge cannot be relaxed on an existing stream; the rest follows the spec.
  await jsm.streams.update(spec.name, config);
}

/** Creates a durable pull consumer, or updates it to match its declaration. */
export async function provisionConsumer(jsm: JetStreamManager, spec: ConsumerSpec): Promise<void> {
  const config = {
    durable_name: spec.durable,
    description: spec.description,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(spec.ackWaitMs),
    max_deliver: spec.maxDeliver,
    ...(spec.filterSubject ? { filter_subject: spec.filterSubject } : {}),
  };
  try {
    await jsm.consumers.info(spec.stream, spec.durable);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await jsm.consumers.add(spec.stream, config);
    return;
  }
  await jsm.consumers.update(spec.stream, spec.durable, {
    description: config.description,
    ack_wait: config.ack_wait,
    max_deliver: config.max_deliver,
  });
}

/**
 * Creates a KV bucket, or brings an existing one's TTL and history to its declaration (opening
 * a bucket never changes its configuration by itself).
 */
export async function provisionBucket(
  kvm: Kvm,
  jsm: JetStreamManager,
  spec: KvSpec,
  replicas: number,
): Promise<void> {
  await kvm.create(spec.bucket, {
    replicas,
    description: spec.description,
    history: spec.history,
    ...(spec.ttlMs > 0 ? { ttl: spec.ttlMs } : {}),
  });
  const stream = `KV_${spec.bucket}`;
  const { config } = await jsm.streams.info(stream);
  const maxAge = nanos(spec.ttlMs);
  if (config.max_age === maxAge && config.max_msgs_per_subject === spec.history) return;
  const window =
    spec.ttlMs > 0 ? Math.min(config.duplicate_window, maxAge) : config.duplicate_window;
  await jsm.streams.update(stream, {
    ...config,
    max_age: maxAge,
    max_msgs_per_subject: spec.history,
    duplicate_window: window,
  });
}
