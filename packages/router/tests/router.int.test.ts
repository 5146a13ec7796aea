import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNats, type TestNats } from '@stockpulse/testkit';
import {
  ErrorCode,
  Header,
  ROUTE_TABLE_KEY,
  manifestsBucket,
  provisioning,
  routesBucket,
  subjects,
  type RouteTable,
  type ToolCallReply,
  type ToolManifest,
} from '@stockpulse/protocol';
import {
  createBus,
  type Bus,
  type BusMessage,
  type HeaderMap,
  type KvStore,
} from '@stockpulse/bus';
import { createRouteCache, startRouter, type RouteCache, type Router } from '../src/index.js';

let nats: TestNats;
let bus: Bus;
let router: Router;
let manifests: KvStore;
let routes: KvStore;
let cache: RouteCache;

beforeAll(async () => {
  nats = await startNats();
  bus = await createBus({ url: nats.url, name: 'router-test' });
  await bus.provision(provisioning);
  manifests = await bus.kv(manifestsBucket.bucket);
  routes = await bus.kv(routesBucket.bucket);
  router = await startRouter({ bus, forward: true });
  cache = await createRouteCache(bus);
});

afterAll(async () => {
  cache?.stop();
  await router?.stop();
  await bus?.close();
  await nats?.stop();
});

const manifest = (service: string, announcedAt: string, ...tools: string[]): ToolManifest => ({
  service,
  version: '1.0.0',
  announcedAt,
  tools: tools.map((name) => ({
    name,
    description: `${name} of ${service}`,
    inputSchema: { type: 'object' },
  })),
});

async function table(): Promise<RouteTable | undefined> {
  return (await routes.get(ROUTE_TABLE_KEY))?.json<RouteTable>();
}

/** Waits for a published table that passes `check`, and returns it (usable in hooks too). */
async function tableWhere(
  check: (t: RouteTable) => boolean,
  timeoutMs = 5_000,
): Promise<RouteTable> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const t = await table();
    if (t && check(t)) return t;
    if (Date.now() > until) throw new Error(`no matching route table; last: ${JSON.stringify(t)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const serviceOf = (t: RouteTable, tool: string) =>
  t.routes.find((r) => r.tool.name === tool)?.service;

describe('routing table', () => {
  it('is built from the manifests bucket and republished on every change, with conflicts listed', async () => {
    await manifests.put(
      'alpha',
      JSON.stringify(manifest('alpha', '2026-01-01T00:00:00.000Z', 'quotes.get', 'screen*')),
    );
    const t1 = await tableWhere((t) => serviceOf(t, 'screen*') === 'alpha');
    expect(serviceOf(t1, 'quotes.get')).toBe('alpha');
    expect(t1.routes.find((r) => r.tool.name === 'quotes.get')?.tool.description).toBe(
      'quotes.get of alpha',
    );
    expect(t1.revision).toBeGreaterThan(0);

    // A later service claims a taken name: the earlier announcement keeps it.
    await manifests.put(
      'beta',
      JSON.stringify(manifest('beta', '2026-02-01T00:00:00.000Z', 'quotes.get', 'beta.only')),
    );
    const t2 = await tableWhere((t) => serviceOf(t, 'beta.only') === 'beta');
    expect(t2.revision).toBeGreaterThan(t1.revision);
    expect(serviceOf(t2, 'quotes.get')).toBe('alpha');
    expect(t2.conflicts).toContain('quotes.get');

    // Once alpha leaves, beta serves the name and the conflict is gone.
    await manifests.delete('alpha');
    const t3 = await tableWhere((t) => serviceOf(t, 'screen*') === undefined);
    expect(t3.revision).toBeGreaterThan(t2.revision);
    expect(serviceOf(t3, 'quotes.get')).toBe('beta');
    expect(t3.conflicts).not.toContain('quotes.get');
    await manifests.delete('beta');
    await tableWhere((t) => serviceOf(t, 'beta.only') === undefined);
  });

  it('ignores a manifest that fails its schema', async () => {
    const before = await tableWhere(() => true);
    await manifests.put(
      'broken',
      JSON.stringify({ service: 'broken', tools: [{ name: 'broken.tool' }] }),
    );
    await manifests.put(
      'gamma',
      JSON.stringify(manifest('gamma', '2026-03-01T00:00:00.000Z', 'gamma.tool')),
    );
    const after = await tableWhere((t) => serviceOf(t, 'gamma.tool') === 'gamma');
    expect(serviceOf(after, 'broken.tool')).toBeUndefined();
    // Only the valid manifest made a new table.
    expect(after.revision).toBe(before.revision + 1);
  });

  it('keeps counting revisions across a router restart', async () => {
    const before = await tableWhere(() => true);
    await router.stop();
    router = await startRouter({ bus, forward: true });
    const after = await tableWhere((t) => t.revision > before.revision);
    expect(serviceOf(after, 'gamma.tool')).toBe('gamma');
  });

  it('stops following manifests once stopped', async () => {
    await router.stop();
    const before = await tableWhere(() => true);
    await manifests.put(
      'late',
      JSON.stringify(manifest('late', '2026-04-01T00:00:00.000Z', 'late.tool')),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect((await table())?.revision).toBe(before.revision);
    router = await startRouter({ bus, forward: true });
    await tableWhere((t) => serviceOf(t, 'late.tool') === 'late');
  });
});

describe('createRouteCache', () => {
  it('sees new tools, new revisions and removals without asking the bus', async () => {
    await manifests.put(
      'delta',
      JSON.stringify(manifest('delta', '2026-05-01T00:00:00.000Z', 'delta/tool')),
    );
    const index = await cache.waitForTool('delta/tool', 5_000);
    expect(index.lookup('delta/tool')?.service).toBe('delta');
    expect(cache.current().lookup('delta/tool')?.tool.name).toBe('delta/tool');
    const rev = cache.current().table.revision;
    expect((await cache.waitForRevision(rev, 100)).table.revision).toBe(rev);

    await manifests.delete('delta');
    await cache.waitForRevision(rev + 1, 5_000);
    await expect.poll(() => cache.current().lookup('delta/tool')).toBeUndefined();
  });

  it('starts from the published table', async () => {
    const late = await createRouteCache(bus);
    try {
      const published = await tableWhere(() => true);
      await late.waitForRevision(published.revision, 5_000);
      expect(late.current().table.routes.map((r) => r.tool.name)).toEqual(
        published.routes.map((r) => r.tool.name),
      );
    } finally {
      late.stop();
    }
  });

  it('holds the published table as soon as it is created', async () => {
    const published = await tableWhere((t) => t.routes.length > 0);
    const fresh = await createRouteCache(bus);
    try {
      // The router may publish again meanwhile; what matters is that nothing older is held.
      expect(fresh.current().table.revision).toBeGreaterThanOrEqual(published.revision);
      expect(fresh.current().table.routes.length).toBeGreaterThan(0);
    } finally {
      fresh.stop();
    }
  });

  it('gives up waiting for a tool nobody serves', async () => {
    const started = Date.now();
    await expect(cache.waitForTool('nobody.serves.this', 150)).rejects.toThrow(
      /nobody\.serves\.this/,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('forwarding', () => {
  /** A tool service played by a plain subscriber: it answers with what it received. */
  function fakeService(service: string, seen: BusMessage[]) {
    return bus.subscribe(subjects.toolServiceCall(service), (m) => {
      seen.push(m);
      const reply: ToolCallReply = {
        ok: true,
        value: { content: [{ type: 'text', text: service }] },
      };
      m.respond(JSON.stringify(reply));
    });
  }

  beforeAll(async () => {
    await manifests.put(
      'svc-a',
      JSON.stringify(manifest('svc-a', '2026-06-01T00:00:00.000Z', 'a.tool')),
    );
    await manifests.put(
      'svc-b',
      JSON.stringify(manifest('svc-b', '2026-06-01T00:00:01.000Z', 'b.tool')),
    );
    await cache.waitForTool('a.tool', 5_000);
    await cache.waitForTool('b.tool', 5_000);
    // The router keeps its own cache; wait until it routes both.
    await tableWhere(
      (t) => serviceOf(t, 'a.tool') === 'svc-a' && serviceOf(t, 'b.tool') === 'svc-b',
    );
  });

  it('passes a call to its service with the caller’s reply inbox and headers, unchanged', async () => {
    const seenA: BusMessage[] = [];
    const seenB: BusMessage[] = [];
    const subA = fakeService('svc-a', seenA);
    const subB = fakeService('svc-b', seenB);
    const inbox = 'test.inbox.forward';
    const replies: string[] = [];
    const replySub = bus.subscribe(inbox, (m) => {
      replies.push(m.string());
    });
    await bus.flush();
    const payload = JSON.stringify({ name: 'b.tool', arguments: { symbol: 'ACME' } });
    const headers = {
      [Header.Tool]: 'b.tool',
      [Header.RequestId]: 'req-42',
      [Header.PrincipalId]: 'key_1',
      [Header.Deadline]: String(Date.now() + 5_000),
    };
    bus.publish(subjects.toolsCall(), payload, { headers, reply: inbox });
    await expect.poll(() => seenB.length).toBe(1);

    const got = seenB[0]!;
    expect(got.subject).toBe(subjects.toolServiceCall('svc-b'));
    expect(got.reply).toBe(inbox);
    expect(got.string()).toBe(payload);
    expect(got.header(Header.RequestId)).toBe('req-42');
    expect(got.header(Header.PrincipalId)).toBe('key_1');
    expect(got.header(Header.Deadline)).toBe(headers[Header.Deadline]);
    expect(seenA).toHaveLength(0);
    await expect.poll(() => replies.length).toBeGreaterThan(0);
    expect(JSON.parse(replies[0]!)).toMatchObject({
      ok: true,
      value: { content: [{ text: 'svc-b' }] },
    });
    replySub.unsubscribe();
    subA.unsubscribe();
    subB.unsubscribe();
  });

  it('answers a request/reply call from the service, in one trip', async () => {
    const seen: BusMessage[] = [];
    const sub = fakeService('svc-a', seen);
    await bus.flush();
    const reply = await bus.requestJson<ToolCallReply>(
      subjects.toolsCall(),
      { name: 'a.tool', arguments: {} },
      { timeoutMs: 2_000, headers: { [Header.Tool]: 'a.tool' } },
    );
    expect(reply).toEqual({ ok: true, value: { content: [{ type: 'text', text: 'svc-a' }] } });
    expect(seen).toHaveLength(1);
    sub.unsubscribe();
  });

  it('lets the caller know at once when the routed service has no copy running', async () => {
    const started = Date.now();
    const err = await bus
      .request(subjects.toolsCall(), JSON.stringify({ name: 'a.tool', arguments: {} }), {
        timeoutMs: 3_000,
        headers: { [Header.Tool]: 'a.tool' },
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: ErrorCode.Unavailable, retryable: true });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('answers an unknown tool, or a call without a tool header, with not_found', async () => {
    const cases: HeaderMap[] = [{ [Header.Tool]: 'no.such.tool' }, {}];
    for (const headers of cases) {
      const reply = await bus.requestJson<ToolCallReply>(
        subjects.toolsCall(),
        { name: 'no.such.tool', arguments: {} },
        {
          timeoutMs: 2_000,
          headers,
        },
      );
      expect(reply).toMatchObject({
        ok: false,
        error: { code: ErrorCode.NotFound, retryable: false },
      });
    }
  });

  it('routes from its first call on when a router joins', async () => {
    const seen: BusMessage[] = [];
    const sub = fakeService('svc-a', seen);
    const joined = await startRouter({ bus, forward: true });
    try {
      const replies = await Promise.all(
        Array.from({ length: 20 }, () =>
          bus.requestJson<ToolCallReply>(
            subjects.toolsCall(),
            { name: 'a.tool', arguments: {} },
            {
              timeoutMs: 2_000,
              headers: { [Header.Tool]: 'a.tool' },
            },
          ),
        ),
      );
      expect(replies.filter((r) => !r.ok)).toEqual([]);
    } finally {
      await joined.stop();
      sub.unsubscribe();
    }
  });

  it('is not served by a router that does not forward', async () => {
    await router.stop();
    const quiet = await startRouter({ bus, forward: false });
    try {
      const err = await bus
        .request(subjects.toolsCall(), '{}', {
          timeoutMs: 1_000,
          headers: { [Header.Tool]: 'a.tool' },
        })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: ErrorCode.Unavailable });
    } finally {
      await quiet.stop();
      router = await startRouter({ bus, forward: true });
    }
  });
});
