import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNats, type TestNats } from '@stockpulse/testkit';
import {
  ErrorCode,
  GatewayError,
  Header,
  manifestsBucket,
  provisioning,
  subjects,
  type ToolCallReply,
  type ToolManifest,
} from '@stockpulse/protocol';
import { createBus, type Bus, type BusMessage, type HeaderMap } from '@stockpulse/bus';
import {
  startToolService,
  type ToolContext,
  type ToolImplementation,
  type ToolService,
} from '../src/index.js';

let nats: TestNats;
let bus: Bus;
let service: ToolService;
const SERVICE = 'test-tools';
/** How often each handler ran. */
const runs = new Map<string, number>();
const counted = (name: string) => runs.get(name) ?? 0;

function tool(
  name: string,
  handler: ToolImplementation['handler'],
  inputSchema: Record<string, unknown> = { type: 'object' },
): ToolImplementation {
  return {
    definition: { name, description: `the ${name} tool`, inputSchema },
    handler: async (args, ctx) => {
      runs.set(name, counted(name) + 1);
      return handler(args, ctx);
    },
  };
}

const text = (t: string) => ({ content: [{ type: 'text', text: t }] });

/** Lets a test hold the `slow` tool until it says so. */
let releaseSlow: () => void = () => undefined;
let slowStarted: () => void = () => undefined;

const tools: ToolImplementation[] = [
  tool(
    'echo',
    async (args) => ({
      ...text(String(args['text'])),
      structuredContent: { echoed: args['text'] },
    }),
    {
      type: 'object',
      properties: { text: { type: 'string', minLength: 1 }, times: { type: 'integer' } },
      required: ['text'],
      additionalProperties: false,
    },
  ),
  tool('refuse', async () => {
    throw new GatewayError(ErrorCode.Forbidden, 'not for you', { details: { need: 'trading' } });
  }),
  tool('crash', async () => {
    throw new Error('disk on fire');
  }),
  tool('context', async (_args, ctx: ToolContext) => ({
    ...text('context'),
    structuredContent: {
      principalId: ctx.principalId,
      scopes: [...ctx.scopes],
      sessionId: ctx.sessionId ?? null,
      requestId: ctx.requestId,
      deadline: ctx.deadline,
      aborted: ctx.signal.aborted,
    },
  })),
  tool('progress', async (_args, ctx) => {
    ctx.progress(1, 2, 'half way');
    ctx.progress(2);
    return text('done');
  }),
  tool('until-aborted', async (_args, ctx) => {
    const started = Date.now();
    await new Promise<void>((resolve) =>
      ctx.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
    return {
      ...text('aborted'),
      structuredContent: { waitedMs: Date.now() - started, deadline: ctx.deadline },
    };
  }),
  tool('slow', async () => {
    slowStarted();
    await new Promise<void>((resolve) => {
      releaseSlow = resolve;
    });
    return text('slow done');
  }),
];

beforeAll(async () => {
  nats = await startNats();
  bus = await createBus({ url: nats.url, name: 'tool-service-test' });
  await bus.provision(provisioning);
  service = await startToolService({ bus, service: SERVICE, version: '1.2.3', tools });
});

afterAll(async () => {
  releaseSlow();
  await service?.stop();
  await bus?.close();
  await nats?.stop();
});

const deadlineIn = (ms: number) => ({ [Header.Deadline]: String(Date.now() + ms) });

function call(
  name: string,
  args: Record<string, unknown> = {},
  headers: HeaderMap = deadlineIn(5_000),
  extra: Record<string, unknown> = {},
  timeoutMs = 3_000,
): Promise<ToolCallReply> {
  return bus.requestJson<ToolCallReply>(
    subjects.toolServiceCall(SERVICE),
    { name, arguments: args, ...extra },
    {
      timeoutMs,
      headers,
    },
  );
}

describe('startToolService', () => {
  it('announces its manifest in the manifests bucket', async () => {
    const entry = await (await bus.kv(manifestsBucket.bucket)).get(SERVICE);
    expect(entry).not.toBeNull();
    const announced = entry!.json<ToolManifest>();
    expect(announced).toEqual(service.manifest);
    expect(announced).toMatchObject({ service: SERVICE, version: '1.2.3' });
    expect(announced.tools.map((t) => t.name)).toEqual(tools.map((t) => t.definition.name));
    expect(announced.tools[0]?.inputSchema).toMatchObject({ required: ['text'] });
    expect(Date.parse(announced.announcedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses a service id that is not a subject token, and duplicate tool names', async () => {
    await expect(
      startToolService({ bus, service: 'bad.id', version: '1', tools: [] }),
    ).rejects.toThrow(TypeError);
    await expect(
      startToolService({ bus, service: 'dups', version: '1', tools: [tools[0]!, tools[0]!] }),
    ).rejects.toThrow(/duplicate/);
    expect(await (await bus.kv(manifestsBucket.bucket)).get('dups')).toBeNull();
  });

  it('serves a valid call with the handler’s result', async () => {
    expect(await call('echo', { text: 'hi', times: 2 })).toEqual({
      ok: true,
      value: { content: [{ type: 'text', text: 'hi' }], structuredContent: { echoed: 'hi' } },
    });
  });

  it('drops a call whose deadline has passed: no reply, no handler run', async () => {
    const before = counted('echo');
    const past = { [Header.Deadline]: String(Date.now() - 1) };
    // Valid, invalid and unknown calls alike: nobody waits for the answer any more.
    const calls: Array<[string, Record<string, unknown>]> = [
      ['echo', { text: 'late' }],
      ['echo', { text: 5 }],
      ['no-such-tool', {}],
    ];
    const outcomes = await Promise.all(
      calls.map(([name, args]) => call(name, args, past, {}, 300).catch((e: unknown) => e)),
    );
    for (const err of outcomes) {
      expect(err).toBeInstanceOf(GatewayError);
      expect((err as GatewayError).code).toBe(ErrorCode.DeadlineExceeded);
    }
    expect(counted('echo')).toBe(before);
  });

  it('answers invalid arguments with a tool error result, without running the handler', async () => {
    const before = counted('echo');
    const reply = await call('echo', { text: 5, extra: true });
    expect(reply.ok).toBe(true);
    const value = (reply as Extract<ToolCallReply, { ok: true }>).value;
    expect(value.isError).toBe(true);
    expect(value.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringMatching(/^Invalid arguments for echo:/),
    });
    expect(String(value.content[0]!['text'])).toMatch(/text/);
    expect(counted('echo')).toBe(before);
  });

  it('passes a thrown GatewayError back as an error, code, retryable flag and details included', async () => {
    expect(await call('refuse')).toEqual({
      ok: false,
      error: {
        code: ErrorCode.Forbidden,
        message: 'not for you',
        retryable: false,
        details: { need: 'trading' },
      },
    });
  });

  it('turns any other thrown error into a tool error result', async () => {
    expect(await call('crash')).toEqual({
      ok: true,
      value: { content: [{ type: 'text', text: 'disk on fire' }], isError: true },
    });
  });

  it('answers an unknown tool with not_found', async () => {
    expect(await call('no-such-tool')).toMatchObject({
      ok: false,
      error: { code: ErrorCode.NotFound, retryable: false },
    });
  });

  it('answers a malformed call envelope with invalid_params', async () => {
    const reply = await bus.requestJson<ToolCallReply>(
      subjects.toolServiceCall(SERVICE),
      { name: 'echo' },
      {
        timeoutMs: 2_000,
        headers: deadlineIn(2_000),
      },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: ErrorCode.InvalidParams } });
  });

  it('gives the handler the caller, session, request and deadline from the headers', async () => {
    const deadline = Date.now() + 4_000;
    const reply = await call(
      'context',
      {},
      {
        [Header.Deadline]: String(deadline),
        [Header.PrincipalId]: 'key_7',
        [Header.PrincipalScopes]: 'tools,admin',
        [Header.SessionId]: 'sess-1',
        [Header.RequestId]: 'req-1',
      },
    );
    expect(reply).toMatchObject({
      ok: true,
      value: {
        structuredContent: {
          principalId: 'key_7',
          scopes: ['tools', 'admin'],
          sessionId: 'sess-1',
          requestId: 'req-1',
          deadline,
          aborted: false,
        },
      },
    });
  });

  it('gives an anonymous context and a default deadline when headers are missing', async () => {
    const reply = await call('context', {}, {});
    const ctx = (reply as Extract<ToolCallReply, { ok: true }>).value.structuredContent!;
    expect(ctx).toMatchObject({
      principalId: 'anonymous',
      scopes: [],
      sessionId: null,
      requestId: '',
    });
    expect(ctx['deadline'] as number).toBeGreaterThan(Date.now() + 20_000);
  });

  it('aborts the handler’s signal when the deadline passes', async () => {
    const deadline = Date.now() + 200;
    const reply = await call(
      'until-aborted',
      {},
      { [Header.Deadline]: String(deadline) },
      {},
      2_000,
    );
    const value = (reply as Extract<ToolCallReply, { ok: true }>).value;
    expect(value.structuredContent?.['deadline']).toBe(deadline);
    expect(value.structuredContent?.['waitedMs'] as number).toBeGreaterThanOrEqual(100);
    expect(value.structuredContent?.['waitedMs'] as number).toBeLessThan(1_500);
  });

  it('answers a call whose deadline header is not a whole number of milliseconds', async () => {
    const reply = await call(
      'echo',
      { text: 'x' },
      { [Header.Deadline]: `${Date.now() + 2_000}.5` },
      {},
      1_000,
    );
    expect(reply).toBeDefined();
  });

  it('sends progress to the session subject when the caller asked for it', async () => {
    const seen: BusMessage[] = [];
    const sub = bus.subscribe(subjects.sessionOut('sess-p'), (m) => {
      seen.push(m);
    });
    await bus.flush();
    const headers = {
      ...deadlineIn(3_000),
      [Header.SessionId]: 'sess-p',
      [Header.RequestId]: 'req-p',
    };
    expect((await call('progress', {}, headers, { progressToken: 'tok-1' })).ok).toBe(true);
    await expect.poll(() => seen.length).toBe(2);
    expect(seen.map((m) => m.json())).toEqual([
      {
        jsonrpc: '2.0',
        method: 'notifications/progress',
        params: { progressToken: 'tok-1', progress: 1, total: 2, message: 'half way' },
      },
      {
        jsonrpc: '2.0',
        method: 'notifications/progress',
        params: { progressToken: 'tok-1', progress: 2 },
      },
    ]);
    expect(seen[0]!.header(Header.RequestId)).toBe('req-p');

    // Without a progress token nothing is sent.
    expect((await call('progress', {}, headers)).ok).toBe(true);
    await bus.flush();
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toHaveLength(2);
    sub.unsubscribe();
  });

  it('shares calls between copies of one service', async () => {
    const served: string[] = [];
    const copy = await startToolService({
      bus,
      service: SERVICE,
      version: '1.2.3',
      tools: [
        {
          definition: tools[0]!.definition,
          handler: async () => {
            served.push('copy');
            return text('from copy');
          },
        },
      ],
    });
    try {
      const replies = await Promise.all(
        Array.from({ length: 40 }, () => call('echo', { text: 'original' })),
      );
      const texts = replies.map((r) => (r.ok ? r.value.content[0]!['text'] : 'error'));
      expect(texts).toContain('from copy');
      expect(texts).toContain('original');
      expect(texts.filter((t) => t === 'from copy')).toHaveLength(served.length);
    } finally {
      await copy.stop();
    }
  });

  it('lets an in-flight call finish on stop(), then takes no more calls', async () => {
    const started = new Promise<void>((resolve) => {
      slowStarted = resolve;
    });
    const inFlight = call('slow', {}, deadlineIn(5_000), {}, 5_000);
    await started;
    let stopped = false;
    const stopping = service.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(stopped).toBe(false);
    releaseSlow();
    expect(await inFlight).toEqual({ ok: true, value: text('slow done') });
    await stopping;
    const err = await call('echo', { text: 'after stop' }, deadlineIn(1_000), {}, 1_000).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: ErrorCode.Unavailable });
  });
});
