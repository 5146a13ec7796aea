import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { startNats, type TestNats } from '@stockpulse/testkit';
import { Stream, provisioning } from '@stockpulse/protocol';
import { createBus, type Bus } from '../src/index.js';

let nats: TestNats;
let bus: Bus;
let nc: NatsConnection;

beforeAll(async () => {
  nats = await startNats();
  bus = await createBus({ url: nats.url, name: 'audit-stream-test' });
  await bus.provision(provisioning);
  nc = await connect({ servers: nats.url });
});

afterAll(async () => {
  await nc?.close();
  await bus?.close();
  await nats?.stop();
});

describe('the audit stream', () => {
  it('refuses purge and message delete, keeping every event', async () => {
    await bus.jsPublish('mcpgw.audit.call', '{"n":1}', { msgId: 'e1' });
    await bus.jsPublish('mcpgw.audit.call', '{"n":2}', { msgId: 'e2' });
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(Stream.Audit);
    expect(info.config.deny_delete).toBe(true);
    expect(info.config.deny_purge).toBe(true);
    await expect(jsm.streams.purge(Stream.Audit)).rejects.toThrow();
    await expect(jsm.streams.deleteMessage(Stream.Audit, 1)).rejects.toThrow();
    expect((await jsm.streams.info(Stream.Audit)).state.messages).toBe(2);
  });

  it('cannot be relaxed by re-provisioning with deny flags off', async () => {
    const jsm = await jetstreamManager(nc);
    const cfg = (await jsm.streams.info(Stream.Audit)).config;
    await jsm.streams
      .update(Stream.Audit, { ...cfg, deny_purge: false, deny_delete: false })
      .catch(() => undefined);
    const after = (await jsm.streams.info(Stream.Audit)).config;
    expect(after.deny_purge).toBe(true);
    expect(after.deny_delete).toBe(true);
  });
});
