import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import { KvWatchInclude, type KV, type KvEntry as NatsKvEntry } from '@nats-io/kv';
import type { KvEntry, KvStore } from './types.js';
import { toBytes } from './message.js';
import { mapNatsError } from './errors.js';

const decoder = new TextDecoder();

function wrapEntry(e: NatsKvEntry): KvEntry {
  return {
    key: e.key,
    revision: e.revision,
    operation: e.operation,
    value: e.value,
    createdAt: e.created.getTime(),
    json: <T>() => JSON.parse(decoder.decode(e.value)) as T,
  };
}

function isWrongLastSequence(err: unknown): boolean {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : '';
  const text = err instanceof Error ? `${err.message} ${cause}` : String(err);
  return /wrong last sequence|key exists/i.test(text);
}

/** A KV bucket backed by a NATS JetStream KV. */
export class NatsKvStore implements KvStore {
  constructor(
    private readonly kv: KV,
    private readonly bucket: string,
  ) {}

  async get(key: string): Promise<KvEntry | null> {
    try {
      const e = await this.kv.get(key);
      if (!e || e.operation !== 'PUT') return null;
      return wrapEntry(e);
    } catch (err) {
      throw mapNatsError(err, this.bucket);
    }
  }

  async put(key: string, value: Uint8Array | string): Promise<number> {
    try {
      return await this.kv.put(key, toBytes(value));
    } catch (err) {
      throw mapNatsError(err, this.bucket);
    }
  }

  async create(key: string, value: Uint8Array | string): Promise<number> {
    try {
      return await this.kv.create(key, toBytes(value));
    } catch (err) {
      if (isWrongLastSequence(err)) {
        throw new GatewayError(ErrorCode.Conflict, `key already exists: ${key}`, { cause: err });
      }
      throw mapNatsError(err, this.bucket);
    }
  }

  async update(key: string, value: Uint8Array | string, revision: number): Promise<number> {
    try {
      return await this.kv.update(key, toBytes(value), revision);
    } catch (err) {
      if (isWrongLastSequence(err)) {
        throw new GatewayError(ErrorCode.Conflict, `key changed since revision ${revision}`, {
          cause: err,
        });
      }
      throw mapNatsError(err, this.bucket);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.kv.delete(key);
    } catch (err) {
      throw mapNatsError(err, this.bucket);
    }
  }

  async keys(filter?: string): Promise<string[]> {
    try {
      const out: string[] = [];
      for await (const k of await this.kv.keys(filter)) out.push(k);
      return out;
    } catch (err) {
      throw mapNatsError(err, this.bucket);
    }
  }

  async count(): Promise<number> {
    try {
      return (await this.kv.status()).values;
    } catch (err) {
      throw mapNatsError(err, this.bucket);
    }
  }

  async watch(
    onEntry: (entry: KvEntry) => void,
    opts: { key?: string; updatesOnly?: boolean } = {},
  ): Promise<() => void> {
    try {
      const iter = await this.kv.watch({
        ...(opts.key ? { key: opts.key } : {}),
        include: opts.updatesOnly ? KvWatchInclude.UpdatesOnly : KvWatchInclude.LastValue,
      });
      void (async () => {
        for await (const e of iter) onEntry(wrapEntry(e));
      })();
      return () => iter.stop();
    } catch (err) {
      throw mapNatsError(err, this.bucket);
    }
  }
}
