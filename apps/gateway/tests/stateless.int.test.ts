import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  announceResourceUpdated,
  startToolService,
  type ToolImplementation,
  type ToolService,
} from '@stockpulse/tool-service';
import type { Gateway } from '../src/gateway.js';
import { createHarness, mcpHeaders, rawInitialize, type Harness } from './harness.js';

const V = '2026-07-28';
let h: Harness;
let gw: Gateway;
let url: string;
let service: ToolService;
/** What the slow tool saw, by tag: `started`, then `aborted` when its call was cancelled. */
const seen = new Map<string, string>();

const elicit = (message: string) => ({
  message,
  requestedSchema: {
    type: 'object',
    properties: { v: { type: 'string' } },
    required: ['v'],
  },
});
const accept = (v: string) => ({ action: 'accept', content: { v } });

function tool(name: string, handler: ToolImplementation['handler']): ToolImplementation {
  return {
    definition: {
      name,
      description: `the ${name} tool`,
      inputSchema: { type: 'object', properties: { tag: { type: 'string' } } },
    },
    handler,
  };
}

const tools: ToolImplementation[] = [
  tool('sl_confirm', async (_args, ctx) => {
    const a = await ctx.ask('confirm', 'elicitation/create', elicit('Confirm?'));
    return { content: [{ type: 'text', text: `confirmed ${JSON.stringify(a)}` }] };
  }),
  tool('sl_rounds', async (_args, ctx) => {
    const one = await ctx.ask('step1', 'elicitation/create', elicit('Step 1'));
    const two = await ctx.ask('step2', 'elicitation/create', elicit('Step 2'));
    const v = (x: Record<string, unknown>) => (x['content'] as { v: string }).v;
    return { content: [{ type: 'text', text: `${v(one)}+${v(two)}` }] };
  }),
  tool('sl_both', async (_args, ctx) => {
    const [name, roots] = await Promise.all([
      ctx.ask('name', 'elicitation/create', elicit('Name?')),
      ctx.ask('roots', 'roots/list', {}),
    ]);
    return { content: [{ type: 'text', text: JSON.stringify({ name, roots }) }] };
  }),
  {
    definition: {
      name: 'sl_region',
      description: 'mirrors its region argument in a header (SEP-2243)',
      inputSchema: {
        type: 'object',
        properties: { region: { type: 'string', 'x-mcp-header': 'Region' } },
      },
    },
    handler: async (args) => ({ content: [{ type: 'text', text: String(args['region']) }] }),
  },
  tool('sl_log', async (_args, ctx) => {
    ctx.log('info', 'hello from the tool');
    ctx.log('debug', 'too verbose');
    return { content: [{ type: 'text', text: 'logged' }] };
  }),
  tool('sl_slow', async (args, ctx) => {
    const tag = String(args['tag']);
    seen.set(tag, 'started');
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    seen.set(tag, 'aborted');
    return { content: [{ type: 'text', text: 'too late' }] };
  }),
];

/** The `_meta` a 2026-07-28 client sends with every request. */
function meta(caps: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    'io.modelcontextprotocol/protocolVersion': V,
    'io.modelcontextprotocol/clientCapabilities': caps,
    'io.modelcontextprotocol/clientInfo': { name: 'stateless-test', version: '1.0.0' },
    ...extra,
  };
}

let nextId = 1;

/** A raw stateless POST with the standard headers (overridable) and the parsed reply. */
async function post(
  method: string,
  params: Record<string, unknown>,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown>; text: string }> {
  const name =
    method === 'resources/read' ? params['uri'] : method === 'tools/call' ? params['name'] : '';
  const res = await fetch(url, {
    method: 'POST',
    headers: mcpHeaders(undefined, {
      'mcp-protocol-version': V,
      'mcp-method': method,
      ...(typeof name === 'string' && name ? { 'mcp-name': name } : {}),
      ...headers,
    }),
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
    ...(signal ? { signal } : {}),
  });
  const text = await res.text();
  const ct = res.headers.get('content-type') ?? '';
  let body: Record<string, unknown> = {};
  if (ct.includes('text/event-stream')) {
    const events = text
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)) as Record<string, unknown>);
    body = events.find((e) => 'result' in e || 'error' in e) ?? {};
    return { status: res.status, headers: res.headers, body: { ...body, events }, text };
  }
  if (text) body = JSON.parse(text) as Record<string, unknown>;
  return { status: res.status, headers: res.headers, body, text };
}

type Obj = Record<string, unknown>;
const result = (r: { body: Obj }) => r.body['result'] as Obj;
const error = (r: { body: Obj }) => r.body['error'] as Obj;
/** The value at a path inside parsed JSON (undefined where the path does not exist). */
function at(v: unknown, ...path: (string | number)[]): unknown {
  let cur = v;
  for (const k of path) cur = (cur as Record<string | number, unknown> | undefined)?.[k];
  return cur;
}
const keys = (v: unknown) => Object.keys(v as Obj);

beforeAll(async () => {
  h = await createHarness();
  gw = await h.start('all');
  url = gw.mcpUrl!;
  service = await startToolService({
    bus: gw.bus,
    service: 'stateless-test',
    version: '1',
    tools,
    prompts: [
      {
        definition: { name: 'sl_prompt', description: 'asks for its topic' },
        get: async (_args, ctx) => {
          const a = await ctx.ask('topic', 'elicitation/create', elicit('Topic?'));
          const topic = (a['content'] as { v: string }).v;
          return {
            messages: [{ role: 'user', content: { type: 'text', text: `About ${topic}` } }],
          };
        },
      },
    ],
  });
  for (let i = 0; ; i++) {
    const r = await post('tools/list', { _meta: meta() });
    if ((result(r)?.['tools'] as { name: string }[]).some((t) => t.name === 'sl_slow')) break;
    if (i > 100) throw new Error('the test service never reached the route table');
    await new Promise((r) => setTimeout(r, 50));
  }
});

afterAll(async () => {
  await service?.stop();
  await h?.stop();
});

describe('2026-07-28 stateless client', () => {
  it('discovers the server without a session', async () => {
    const r = await post('server/discover', { _meta: meta() });
    expect(r.status).toBe(200);
    expect(r.headers.get('mcp-session-id')).toBeNull();
    const d = result(r);
    expect(d['supportedVersions']).toEqual([
      V,
      '2025-11-25',
      '2025-06-18',
      '2025-03-26',
      '2024-11-05',
    ]);
    expect(d['capabilities']).toHaveProperty('tools');
    expect(d['resultType']).toBe('complete');
    expect(d['ttlMs']).toBeTypeOf('number');
    expect(['public', 'private']).toContain(d['cacheScope']);
    expect(at(d, '_meta', 'io.modelcontextprotocol/serverInfo')).toHaveProperty('name');
  });

  it('lists tools with caching hints and calls get_quote with per-request _meta', async () => {
    const list = result(await post('tools/list', { _meta: meta() }));
    expect(list['resultType']).toBe('complete');
    expect(list['ttlMs']).toBe(30_000);
    expect(list['cacheScope']).toBe('private');
    expect((list['tools'] as { name: string }[]).map((t) => t.name)).toContain('get_quote');
    const r = await post('tools/call', {
      name: 'get_quote',
      arguments: { symbol: 'MSFT' },
      _meta: meta(),
    });
    expect(r.status).toBe(200);
    const call = result(r);
    expect(call['resultType']).toBe('complete');
    expect(call['isError']).toBeFalsy();
    expect(JSON.stringify(call['content'])).toContain('MSFT');
    expect(call['ttlMs']).toBeUndefined();
  });

  it('refuses requests whose _meta lacks the version or the capabilities (-32602, 400)', async () => {
    for (const m of [
      undefined,
      { 'io.modelcontextprotocol/clientCapabilities': {} },
      { 'io.modelcontextprotocol/protocolVersion': V },
    ]) {
      const r = await post('tools/list', m ? { _meta: m } : {});
      expect(r.status).toBe(400);
      expect(error(r)['code']).toBe(-32602);
      expect(r.body['id']).toBe(nextId - 1);
    }
    // clientInfo is optional.
    const ok = await post('server/discover', {
      _meta: {
        'io.modelcontextprotocol/protocolVersion': V,
        'io.modelcontextprotocol/clientCapabilities': {},
      },
    });
    expect(ok.status).toBe(200);
  });

  it('rejects headers that disagree with the body (-32020, 400)', async () => {
    const cases: [string, Record<string, unknown>, Record<string, string>][] = [
      ['tools/list', { _meta: meta() }, { 'mcp-method': 'prompts/list' }],
      ['tools/list', { _meta: meta() }, { 'mcp-method': 'TOOLS/LIST' }],
      ['tools/call', { name: 'get_quote', arguments: {}, _meta: meta() }, { 'mcp-name': 'other' }],
      [
        'server/discover',
        { _meta: meta({}, { 'io.modelcontextprotocol/protocolVersion': '2099-01-01' }) },
        {},
      ],
    ];
    for (const [method, params, headers] of cases) {
      const r = await post(method, params, headers);
      expect(r.status, JSON.stringify(headers)).toBe(400);
      expect(error(r)['code']).toBe(-32020);
    }
    const spaced = await post(
      'tools/call',
      { name: 'get_quote', arguments: { symbol: 'AAPL' }, _meta: meta() },
      { 'mcp-name': '  get_quote  ' },
    );
    expect(result(spaced)['resultType']).toBe('complete');
  });

  it('checks Mcp-Param headers of x-mcp-header arguments (SEP-2243)', async () => {
    const call = (headers: Record<string, string>) =>
      post(
        'tools/call',
        { name: 'sl_region', arguments: { region: 'eu-west' }, _meta: meta() },
        headers,
      );
    const b64 = Buffer.from('eu-west').toString('base64');
    const good: Record<string, string>[] = [
      { 'mcp-param-region': 'eu-west' },
      { 'Mcp-Param-Region': `=?base64?${b64}?=` },
    ];
    for (const h of good) {
      const r = await call(h);
      expect(r.status, JSON.stringify(h)).toBe(200);
      expect(at(result(r), 'content', 0, 'text')).toBe('eu-west');
    }
    const bad: Record<string, string>[] = [
      {},
      { 'mcp-param-region': 'us-east' },
      { 'mcp-param-region': '=?base64?ZXUtd2VzdA?=' },
    ];
    for (const h of bad) {
      const r = await call(h);
      expect(r.status, JSON.stringify(h)).toBe(400);
      expect(error(r)['code']).toBe(-32020);
    }
  });

  it('answers an unknown version with the supported ones (-32022, 400)', async () => {
    const r = await post(
      'server/discover',
      { _meta: meta({}, { 'io.modelcontextprotocol/protocolVersion': 'v999.0.0' }) },
      { 'mcp-protocol-version': 'v999.0.0' },
    );
    expect(r.status).toBe(400);
    expect(error(r)['code']).toBe(-32022);
    expect(error(r)['data']).toEqual({
      supported: [V, '2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'],
      requested: 'v999.0.0',
    });
  });

  it('answers methods the revision removed or never had with 404 and -32601', async () => {
    for (const method of ['initialize', 'ping', 'logging/setLevel', 'resources/subscribe', 'x/y']) {
      const r = await post(method, { _meta: meta() });
      expect(r.status, method).toBe(404);
      expect(error(r)['code']).toBe(-32601);
    }
  });

  it('answers GET and DELETE with 405: the revision uses POST only', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(url, {
        method,
        headers: mcpHeaders(undefined, { 'mcp-protocol-version': V }),
      });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    }
  });

  it('never negotiates 2026-07-28 through initialize', async () => {
    const r = await rawInitialize(url, V);
    const body = (await r.json()) as { result: { protocolVersion: string } };
    expect(body.result.protocolVersion).toBe('2025-11-25');
  });
});

describe('input_required round trips', () => {
  it('asks with input_required and completes with the answer', async () => {
    const caps = { elicitation: {} };
    const first = result(
      await post('tools/call', { name: 'sl_confirm', arguments: {}, _meta: meta(caps) }),
    );
    expect(first['resultType']).toBe('input_required');
    expect(first['content']).toBeUndefined();
    expect(first['inputRequests']).toEqual({
      confirm: { method: 'elicitation/create', params: elicit('Confirm?') },
    });
    expect(first['requestState']).toBeTypeOf('string');
    const second = result(
      await post('tools/call', {
        name: 'sl_confirm',
        arguments: {},
        inputResponses: { confirm: accept('yes'), extra: accept('ignored') },
        requestState: first['requestState'],
        _meta: meta(caps),
      }),
    );
    expect(second['resultType']).toBe('complete');
    expect(at(second, 'content', 0, 'text')).toContain('"v":"yes"');
  });

  it('never sends a stateless client a request, even on an SSE response', async () => {
    const r = await post('tools/call', {
      name: 'sl_confirm',
      arguments: {},
      _meta: meta({ elicitation: {} }, { progressToken: 7 }),
    });
    expect(r.headers.get('content-type')).toContain('text/event-stream');
    const events = r.body['events'] as Record<string, unknown>[];
    expect(events.filter((e) => 'method' in e && 'id' in e)).toEqual([]);
    expect(result(r)['resultType']).toBe('input_required');
  });

  it('carries earlier answers across rounds in the signed state', async () => {
    const caps = { elicitation: {} };
    const call = (extra: Record<string, unknown>) =>
      post('tools/call', { name: 'sl_rounds', arguments: {}, _meta: meta(caps), ...extra });
    const r1 = result(await call({}));
    expect(keys(r1['inputRequests'])).toEqual(['step1']);
    const r2 = result(
      await call({ inputResponses: { step1: accept('a') }, requestState: r1['requestState'] }),
    );
    expect(keys(r2['inputRequests'])).toEqual(['step2']);
    expect(r2['requestState']).not.toBe(r1['requestState']);
    const r3 = result(
      await call({ inputResponses: { step2: accept('b') }, requestState: r2['requestState'] }),
    );
    expect(r3['resultType']).toBe('complete');
    expect(at(r3, 'content', 0, 'text')).toBe('a+b');
    // Without the state, the first answer is gone and is asked for again.
    const again = result(await call({ inputResponses: { step2: accept('b') } }));
    expect(keys(again['inputRequests'])).toEqual(['step1']);
  });

  it('asks several questions in one round', async () => {
    const caps = { elicitation: {}, roots: {} };
    const r = result(
      await post('tools/call', { name: 'sl_both', arguments: {}, _meta: meta(caps) }),
    );
    expect(keys(r['inputRequests']).sort()).toEqual(['name', 'roots']);
    const done = result(
      await post('tools/call', {
        name: 'sl_both',
        arguments: {},
        inputResponses: { name: accept('n'), roots: { roots: [{ uri: 'file:///x' }] } },
        _meta: meta(caps),
      }),
    );
    expect(done['resultType']).toBe('complete');
  });

  it('asks from prompts/get the same way', async () => {
    const caps = { elicitation: {} };
    const get = (extra: Record<string, unknown>) =>
      post(
        'prompts/get',
        { name: 'sl_prompt', _meta: meta(caps), ...extra },
        { 'mcp-name': 'sl_prompt' },
      );
    const first = result(await get({}));
    expect(first['resultType']).toBe('input_required');
    expect(keys(first['inputRequests'])).toEqual(['topic']);
    const done = result(
      await get({
        inputResponses: { topic: accept('bonds') },
        requestState: first['requestState'],
      }),
    );
    expect(done['resultType']).toBe('complete');
    expect(at(done, 'messages', 0, 'content', 'text')).toBe('About bonds');
  });

  it('refuses a tampered state, a malformed answer and an undeclared capability', async () => {
    const caps = { elicitation: {} };
    const first = result(
      await post('tools/call', { name: 'sl_confirm', arguments: {}, _meta: meta(caps) }),
    );
    const tampered = await post('tools/call', {
      name: 'sl_confirm',
      arguments: {},
      inputResponses: { confirm: accept('x') },
      requestState: `${first['requestState'] as string}-TAMPERED`,
      _meta: meta(caps),
    });
    expect(error(tampered)['code']).toBe(-32602);
    const otherTool = await post('tools/call', {
      name: 'sl_rounds',
      arguments: {},
      inputResponses: { step1: accept('x') },
      requestState: first['requestState'],
      _meta: meta(caps),
    });
    expect(error(otherTool)['code']).toBe(-32602);
    for (const bad of [{ confirm: 12345 }, null, { confirm: { action: 'maybe' } }]) {
      const r = await post('tools/call', {
        name: 'sl_confirm',
        arguments: {},
        inputResponses: bad,
        _meta: meta(caps),
      });
      expect(error(r)['code'], JSON.stringify(bad)).toBe(-32602);
    }
    const missing = await post('tools/call', { name: 'sl_confirm', arguments: {}, _meta: meta() });
    expect(missing.status).toBe(400);
    expect(error(missing)['code']).toBe(-32021);
    expect(error(missing)['data']).toEqual({ requiredCapabilities: { elicitation: {} } });
  });
});

describe('streams', () => {
  it('streams log messages only at the level the request asked for', async () => {
    const logged = await post('tools/call', {
      name: 'sl_log',
      arguments: {},
      _meta: meta({}, { 'io.modelcontextprotocol/logLevel': 'info' }),
    });
    expect(logged.headers.get('content-type')).toContain('text/event-stream');
    const events = logged.body['events'] as Obj[];
    expect(events.filter((e) => e['method'] === 'notifications/message')).toEqual([
      {
        jsonrpc: '2.0',
        method: 'notifications/message',
        params: { level: 'info', data: 'hello from the tool' },
      },
    ]);
    expect(result(logged)['resultType']).toBe('complete');
    const quiet = await post('tools/call', { name: 'sl_log', arguments: {}, _meta: meta() });
    expect(quiet.headers.get('content-type')).toContain('application/json');
    expect(quiet.text).not.toContain('notifications/message');
  });

  it('closing the response cancels the request at the worker', async () => {
    const ac = new AbortController();
    const pending = post(
      'tools/call',
      { name: 'sl_slow', arguments: { tag: 'close' }, _meta: meta() },
      {},
      ac.signal,
    ).catch((err: unknown) => err);
    for (let i = 0; seen.get('close') !== 'started'; i++) {
      if (i > 100) throw new Error('the slow tool never started');
      await new Promise((r) => setTimeout(r, 20));
    }
    ac.abort();
    await pending;
    for (let i = 0; seen.get('close') !== 'aborted'; i++) {
      if (i > 50) throw new Error('the call was not cancelled');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen.get('close')).toBe('aborted');
  });

  it('subscriptions/listen acknowledges first, then delivers only subscribed updates', async () => {
    const ac = new AbortController();
    const res = await fetch(url, {
      method: 'POST',
      headers: mcpHeaders(undefined, {
        'mcp-protocol-version': V,
        'mcp-method': 'subscriptions/listen',
      }),
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 'listen-1',
        method: 'subscriptions/listen',
        params: {
          _meta: meta(),
          notifications: { toolsListChanged: true, resourceSubscriptions: ['test://a'] },
        },
      }),
      signal: ac.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const frames: Obj[] = [];
    let buf = '';
    const next = async (): Promise<Obj> => {
      while (frames.length === 0) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buf += new TextDecoder().decode(value as Uint8Array);
        const lines = buf.split('\n');
        buf = lines.pop() ?? '';
        for (const l of lines)
          if (l.startsWith('data: ')) frames.push(JSON.parse(l.slice(6)) as Obj);
      }
      return frames.shift()!;
    };
    const ack = await next();
    expect(ack['method']).toBe('notifications/subscriptions/acknowledged');
    // Prompt list changes were not asked for, so they are not honored.
    expect(at(ack, 'params', 'notifications')).toEqual({
      toolsListChanged: true,
      resourceSubscriptions: ['test://a'],
    });
    expect(at(ack, 'params', '_meta', 'io.modelcontextprotocol/subscriptionId')).toBe('listen-1');
    announceResourceUpdated(gw.bus, 'test://b');
    announceResourceUpdated(gw.bus, 'test://a');
    const update = await next();
    expect(update).toEqual({
      jsonrpc: '2.0',
      method: 'notifications/resources/updated',
      params: { uri: 'test://a', _meta: { 'io.modelcontextprotocol/subscriptionId': 'listen-1' } },
    });
    // A new service changes the tool list; the router announces it.
    const extra = await startToolService({
      bus: gw.bus,
      service: 'stateless-extra',
      version: '1',
      tools: [tool('sl_extra', async () => ({ content: [] }))],
    });
    try {
      const changed = await next();
      expect(changed).toEqual({
        jsonrpc: '2.0',
        method: 'notifications/tools/list_changed',
        params: { _meta: { 'io.modelcontextprotocol/subscriptionId': 'listen-1' } },
      });
    } finally {
      await extra.stop();
    }
    ac.abort();
    await reader.cancel().catch(() => undefined);
  });
  it('an open listen stream does not hold up the edge shutting down', async () => {
    const edge = await h.start('edge');
    const ac = new AbortController();
    const res = await fetch(edge.mcpUrl!, {
      method: 'POST',
      headers: mcpHeaders(undefined, {
        'mcp-protocol-version': V,
        'mcp-method': 'subscriptions/listen',
      }),
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 9,
        method: 'subscriptions/listen',
        params: { _meta: meta(), notifications: { toolsListChanged: true } },
      }),
      signal: ac.signal,
    });
    expect(res.status).toBe(200);
    const started = Date.now();
    await edge.stop();
    // The edge's grace for in-flight calls is 10 s; a listen stream is not one.
    expect(Date.now() - started).toBeLessThan(5000);
    ac.abort();
  });
});
