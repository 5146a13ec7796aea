import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNats, type TestNats } from '@stockpulse/testkit';
import { manifestsBucket, provisioning, type ToolManifest } from '@stockpulse/protocol';
import { createBus, type Bus, type KvStore } from '@stockpulse/bus';
import {
  CONFORMANCE_SERVICE,
  DYNAMIC_SERVICE,
  startConformanceFixture,
  startListChanger,
  type ConformanceFixture,
} from '../src/index.js';

let nats: TestNats;
let bus: Bus;
let manifests: KvStore;
let fixture: ConformanceFixture;

beforeAll(async () => {
  nats = await startNats();
  bus = await createBus({ url: nats.url, name: 'conformance-fixture-test' });
  await bus.provision(provisioning);
  manifests = await bus.kv(manifestsBucket.bucket);
  fixture = await startConformanceFixture({ bus });
});

afterAll(async () => {
  await fixture?.stop();
  await bus?.close();
  await nats?.stop();
});

const manifest = async (service: string): Promise<ToolManifest | undefined> =>
  (await manifests.get(service))?.json<ToolManifest>();

describe('conformance fixture on the bus', () => {
  it('announces its catalog like any internal service', async () => {
    const announced = await manifest(CONFORMANCE_SERVICE);
    expect(announced?.tools.map((t) => t.name)).toEqual(fixture.tools);
    expect(announced?.tools.map((t) => t.name)).toContain('test_simple_text');
    expect(announced?.resources?.map((r) => r.uri)).toContain('test://static-text');
    expect(announced?.resourceTemplates?.map((t) => t.uriTemplate)).toEqual([
      'test://template/{id}/data',
    ]);
    expect(announced?.prompts?.map((p) => p.name)).toContain('test_prompt_with_arguments');
    expect((await manifest(DYNAMIC_SERVICE))?.tools).toEqual([]);
  });

  it('changes the tool and prompt lists by re-announcing its companion service', async () => {
    const changer = await startListChanger(bus, '0.0.0-test');
    try {
      await changer.changeTools();
      expect((await manifest(DYNAMIC_SERVICE))?.tools.map((t) => t.name)).toEqual([
        'test_dynamic_tool',
      ]);
      await changer.changePrompts();
      const both = await manifest(DYNAMIC_SERVICE);
      expect(both?.tools.map((t) => t.name)).toEqual(['test_dynamic_tool']);
      expect(both?.prompts?.map((p) => p.name)).toEqual(['test_dynamic_prompt']);
      await changer.changeTools();
      expect((await manifest(DYNAMIC_SERVICE))?.tools).toEqual([]);
    } finally {
      await changer.stop();
    }
  });
});
