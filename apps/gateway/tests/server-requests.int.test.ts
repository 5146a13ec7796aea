import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import {
  CreateMessageRequestSchema,
  ElicitationCompleteNotificationSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
  PromptListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { GatewayError } from '@stockpulse/protocol';
import {
  announceResourceUpdated,
  startToolService,
  type ToolImplementation,
  type ToolService,
} from '@stockpulse/tool-service';
import type { Gateway } from '../src/gateway.js';
import {
  ADMIN_KEY,
  createHarness,
  mcpHeaders,
  rawInitialize,
  waitForTool,
  type Harness,
} from './harness.js';

let h: Harness;
let a: Gateway;
let b: Gateway;
let service: ToolService;
/** What the `ask` tool saw when its question ended, by tag. */
const outcomes = new Map<string, string>();

const text = (t: string) => ({ content: [{ type: 'text', text: t }] });

function tool(name: string, handler: ToolImplementation['handler']): ToolImplementation {
  return {
    definition: {
      name,
      description: `the ${name} tool`,
      inputSchema: {
        type: 'object',
        properties: { tag: { type: 'string' }, timeoutMs: { type: 'integer' } },
      },
    },
    handler,
  };
}

const tools: ToolImplementation[] = [
  tool('confirm', async (args, ctx) => {
    const tag = typeof args['tag'] === 'string' ? args['tag'] : '';
    try {
      const answer = await ctx.ask(
        'confirm',
        'elicitation/create',
        {
          message: `Confirm ${tag}?`,
          requestedSchema: {
            type: 'object',
            properties: { ok: { type: 'boolean', title: 'OK' } },
            required: ['ok'],
          },
        },
        typeof args['timeoutMs'] === 'number' ? { timeoutMs: args['timeoutMs'] } : {},
      );
      outcomes.set(tag, String(answer['action']));
      return {
        ...text(`answer: ${JSON.stringify(answer)}`),
        structuredContent: { answer },
      };
    } catch (err) {
      const code = err instanceof GatewayError ? err.code : 'other';
      outcomes.set(tag, code);
      return { ...text(`not asked: ${code}`), isError: true };
    }
  }),
  tool('open_url', async (_args, ctx) => {
    try {
      const answer = await ctx.ask('connect', 'elicitation/create', {
        mode: 'url',
        url: 'https://broker.example.com/connect?session=abc',
        elicitationId: 'connect-1',
        message: 'Connect your brokerage account',
      });
      // The out-of-band step finished: tell the client, on this call's stream.
      ctx.notify('notifications/elicitation/complete', { elicitationId: 'connect-1' });
      return { ...text(JSON.stringify(answer)), structuredContent: { answer } };
    } catch (err) {
      const code = err instanceof GatewayError ? err.code : 'other';
      return { ...text(`not asked: ${code}`), isError: true };
    }
  }),
  tool('sample', async (_args, ctx) => {
    const r = await ctx.ask('sample', 'sampling/createMessage', {
      messages: [{ role: 'user', content: { type: 'text', text: 'Say hi' } }],
      maxTokens: 10,
    });
    return { ...text(JSON.stringify(r)), structuredContent: r };
  }),
  tool('roots', async (_args, ctx) => {
    const r = await ctx.ask('roots', 'roots/list', {});
    return { ...text(JSON.stringify(r)), structuredContent: r };
  }),
];

beforeAll(async () => {
  h = await createHarness();
  a = await h.start('all');
  b = await h.start('edge');
  service = await startToolService({
    bus: a.bus,
    service: 'asker',
    version: '1.0.0',
    tools,
    resources: [
      {
        definition: { uri: 'test://static', name: 'static', mimeType: 'text/plain' },
        read: async () => [{ uri: 'test://static', mimeType: 'text/plain', text: 'static text' }],
      },
    ],
    resourceTemplates: [
      {
        definition: { uriTemplate: 'test://item/{id}', name: 'item' },
        read: async (uri, vars) =>
          vars['id'] === 'missing' ? null : [{ uri, text: `item ${vars['id']}` }],
        complete: async (_v, value) =>
          ['alpha', 'beta', 'gamma'].filter((x) => x.startsWith(value)),
      },
    ],
    prompts: [
      {
        definition: {
          name: 'greet',
          description: 'Greets someone',
          arguments: [{ name: 'who', required: true }],
        },
        get: async (args) => ({
          messages: [{ role: 'user', content: { type: 'text', text: `Hello ${args['who']}` } }],
        }),
        complete: async (_arg, value) =>
          ['Ada', 'Alan', 'Grace'].filter((x) => x.startsWith(value)),
      },
    ],
  });
  for (const gw of [a, b]) await waitForTool(gw.mcpUrl!, 'confirm');
});

afterAll(async () => {
  await service?.stop();
  await h?.stop();
});

type Caps = NonNullable<ConstructorParameters<typeof Client>[1]>['capabilities'];

async function connect(url: string, capabilities: Caps = {}, transport?: Transport) {
  const client = new Client({ name: 'asked', version: '1.0.0' }, { capabilities });
  await client.connect(
    transport ??
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { Authorization: `Bearer ${ADMIN_KEY}` } },
      }),
  );
  return client;
}

const structured = (r: unknown) =>
  (r as { structuredContent: Record<string, unknown> }).structuredContent;

describe('server-to-client requests (Streamable HTTP, SDK client)', () => {
  it('elicitation reaches the client on the call stream and its answer reaches the tool', async () => {
    const client = await connect(a.mcpUrl!, { elicitation: {} });
    const asked: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, async (req) => {
      asked.push(req.params.message);
      return { action: 'accept', content: { ok: true } };
    });
    const r = await client.callTool({ name: 'confirm', arguments: { tag: 'sdk-accept' } });
    expect(asked).toEqual(['Confirm sdk-accept?']);
    expect(structured(r)).toEqual({ answer: { action: 'accept', content: { ok: true } } });
    await client.close();
  });

  it('decline and cancel come back as the client gave them', async () => {
    const client = await connect(a.mcpUrl!, { elicitation: {} });
    let action: 'decline' | 'cancel' = 'decline';
    client.setRequestHandler(ElicitRequestSchema, async () => ({ action }));
    const declined = await client.callTool({ name: 'confirm', arguments: { tag: 'decline' } });
    expect(structured(declined)).toEqual({ answer: { action: 'decline' } });
    action = 'cancel';
    const cancelled = await client.callTool({ name: 'confirm', arguments: { tag: 'cancel' } });
    expect(structured(cancelled)).toEqual({ answer: { action: 'cancel' } });
    await client.close();
  });

  it('a client without the capability is never asked; the tool is told so', async () => {
    const client = await connect(a.mcpUrl!);
    const r = await client.callTool({ name: 'confirm', arguments: { tag: 'no-cap' } });
    expect(r.isError).toBe(true);
    expect(outcomes.get('no-cap')).toBe('forbidden');
    await client.close();
  });

  it('URL-mode elicitation reaches a client that declared it, and only such a client', async () => {
    const client = await connect(a.mcpUrl!, { elicitation: { form: {}, url: {} } });
    const completed: string[] = [];
    client.setNotificationHandler(ElicitationCompleteNotificationSchema, (n) => {
      completed.push(n.params.elicitationId);
    });
    const asked: Record<string, unknown>[] = [];
    client.setRequestHandler(ElicitRequestSchema, async (req) => {
      asked.push(req.params);
      return { action: 'accept' };
    });
    const r = await client.callTool({ name: 'open_url', arguments: {} });
    expect(structured(r)).toEqual({ answer: { action: 'accept' } });
    expect(completed).toEqual(['connect-1']);
    expect(asked).toEqual([
      {
        mode: 'url',
        url: 'https://broker.example.com/connect?session=abc',
        elicitationId: 'connect-1',
        message: 'Connect your brokerage account',
      },
    ]);
    await client.close();
    const formOnly = await connect(a.mcpUrl!, { elicitation: { form: {} } });
    const refused = await formOnly.callTool({ name: 'open_url', arguments: {} });
    expect(refused.isError).toBe(true);
    expect((refused.content as { text: string }[])[0]?.text).toBe('not asked: forbidden');
    await formOnly.close();
  });

  it('sampling and roots are asked the same way', async () => {
    const client = await connect(a.mcpUrl!, { sampling: {}, roots: { listChanged: false } });
    client.setRequestHandler(CreateMessageRequestSchema, async () => ({
      role: 'assistant',
      content: { type: 'text', text: 'hi' },
      model: 'test-model',
    }));
    client.setRequestHandler(ListRootsRequestSchema, async () => ({
      roots: [{ uri: 'file:///tmp/project', name: 'project' }],
    }));
    const s = await client.callTool({ name: 'sample', arguments: {} });
    expect(structured(s)).toMatchObject({ model: 'test-model', content: { text: 'hi' } });
    const r = await client.callTool({ name: 'roots', arguments: {} });
    expect(structured(r)).toEqual({ roots: [{ uri: 'file:///tmp/project', name: 'project' }] });
    await client.close();
  });

  it('an unanswered question times out, and the client is told it was cancelled', async () => {
    const client = await connect(a.mcpUrl!, { elicitation: {} });
    const cancelledIds: unknown[] = [];
    let askedId: unknown;
    client.setRequestHandler(ElicitRequestSchema, async (_req, extra) => {
      askedId = extra.requestId;
      // Never answers until the gateway cancels the question.
      await new Promise<void>((resolve) => extra.signal.addEventListener('abort', () => resolve()));
      cancelledIds.push(extra.requestId);
      return { action: 'cancel' };
    });
    const r = await client.callTool({
      name: 'confirm',
      arguments: { tag: 'timeout', timeoutMs: 300 },
    });
    expect(r.isError).toBe(true);
    expect(outcomes.get('timeout')).toBe('deadline_exceeded');
    await expect.poll(() => cancelledIds).toEqual([askedId]);
    await client.close();
  });
});

describe('server-to-client requests over WebSocket', () => {
  it('asks the client on its one connection', async () => {
    const client = new Client({ name: 'ws', version: '1' }, { capabilities: { elicitation: {} } });
    client.setRequestHandler(ElicitRequestSchema, async () => ({
      action: 'accept',
      content: { ok: false },
    }));
    await connectWebSocket(client, a.mcpUrl!);
    const r = await client.callTool({ name: 'confirm', arguments: { tag: 'ws' } });
    expect(structured(r)).toEqual({ answer: { action: 'accept', content: { ok: false } } });
    await client.close();
  });
});

/** Connects an SDK client over WebSocket, the key in a header as a server-side client would. */
async function connectWebSocket(client: Client, mcpUrl: string): Promise<void> {
  const { default: WebSocket } = await import('ws');
  const g = globalThis as { WebSocket?: unknown };
  const previous = g.WebSocket;
  // The SDK's transport builds `new WebSocket(url, 'mcp')` from the global.
  g.WebSocket = class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    }
  };
  try {
    await client.connect(new WebSocketClientTransport(new URL(mcpUrl.replace('http', 'ws'))));
  } finally {
    g.WebSocket = previous;
  }
}

/** Reads SSE events of a response as they come. */
function sseEvents(res: Response): { next(): Promise<Record<string, unknown>> } {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  const ready: Record<string, unknown>[] = [];
  return {
    async next() {
      for (;;) {
        const event = ready.shift();
        if (event) return event;
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buf += value;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (data) ready.push(JSON.parse(data) as Record<string, unknown>);
        }
      }
    },
  };
}

describe('any replica', () => {
  it('an elicitation asked on edge A’s stream is answered through a POST to edge B', async () => {
    const init = await rawInitialize(a.mcpUrl!, '2025-11-25', 'two-edges', { elicitation: {} });
    const sessionId = init.headers.get('mcp-session-id')!;
    expect(sessionId).toBeTruthy();
    const call = await fetch(a.mcpUrl!, {
      method: 'POST',
      headers: mcpHeaders(sessionId, { 'mcp-protocol-version': '2025-11-25' }),
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 7,
        method: 'tools/call',
        params: { name: 'confirm', arguments: { tag: 'two-edges' } },
      }),
    });
    expect(call.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = sseEvents(call);
    const question = await events.next();
    expect(question).toMatchObject({ jsonrpc: '2.0', method: 'elicitation/create' });
    expect((question['params'] as { message: string }).message).toBe('Confirm two-edges?');
    const answered = await fetch(b.mcpUrl!, {
      method: 'POST',
      headers: mcpHeaders(sessionId, { 'mcp-protocol-version': '2025-11-25' }),
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: question['id'],
        result: { action: 'accept', content: { ok: true } },
      }),
    });
    expect(answered.status).toBe(202);
    const response = await events.next();
    expect(response).toMatchObject({
      id: 7,
      result: { structuredContent: { answer: { action: 'accept', content: { ok: true } } } },
    });
  });

  it('a response naming no question is accepted and changes nothing', async () => {
    const init = await rawInitialize(b.mcpUrl!);
    const sessionId = init.headers.get('mcp-session-id')!;
    const res = await fetch(b.mcpUrl!, {
      method: 'POST',
      headers: mcpHeaders(sessionId),
      body: JSON.stringify({ jsonrpc: '2.0', id: 's2c-00000000deadbeef', result: {} }),
    });
    expect(res.status).toBe(202);
  });
});

describe('resources, prompts and completion from a service', () => {
  it('lists and reads resources and templates on either edge', async () => {
    const client = await connect(b.mcpUrl!);
    const { resources } = await client.listResources();
    expect(resources).toContainEqual({
      uri: 'test://static',
      name: 'static',
      mimeType: 'text/plain',
    });
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates).toContainEqual({ uriTemplate: 'test://item/{id}', name: 'item' });
    expect((await client.readResource({ uri: 'test://static' })).contents).toEqual([
      { uri: 'test://static', mimeType: 'text/plain', text: 'static text' },
    ]);
    expect((await client.readResource({ uri: 'test://item/42' })).contents).toEqual([
      { uri: 'test://item/42', text: 'item 42' },
    ]);
    await client.close();
  });

  it('an unknown resource is -32602 with its URI in the error data', async () => {
    const client = await connect(a.mcpUrl!);
    for (const uri of ['test://nowhere', 'test://item/missing']) {
      const err = await client.readResource({ uri }).then(
        () => null,
        (e: unknown) => e as { code: number; data: { uri: string } },
      );
      expect(err?.code).toBe(-32602);
      expect(err?.data.uri).toBe(uri);
    }
    await client.close();
  });

  it('gets prompts, checks required arguments, and completes', async () => {
    const client = await connect(a.mcpUrl!);
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toContain('greet');
    const got = await client.getPrompt({ name: 'greet', arguments: { who: 'Ada' } });
    expect(got.messages).toEqual([{ role: 'user', content: { type: 'text', text: 'Hello Ada' } }]);
    await expect(client.getPrompt({ name: 'greet', arguments: {} })).rejects.toMatchObject({
      code: -32602,
    });
    await expect(client.getPrompt({ name: 'nope' })).rejects.toMatchObject({ code: -32602 });
    const c = await client.complete({
      ref: { type: 'ref/prompt', name: 'greet' },
      argument: { name: 'who', value: 'A' },
    });
    expect(c.completion).toEqual({ values: ['Ada', 'Alan'], total: 2, hasMore: false });
    const t = await client.complete({
      ref: { type: 'ref/resource', uri: 'test://item/{id}' },
      argument: { name: 'id', value: 'g' },
    });
    expect(t.completion.values).toEqual(['gamma']);
    await client.close();
  });

  it('a subscribed client hears of updates on its stream, until it unsubscribes', async () => {
    const client = await connect(b.mcpUrl!);
    const heard: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      heard.push(n.params.uri);
    });
    await client.subscribeResource({ uri: 'test://item/5' });
    await expect(client.subscribeResource({ uri: 'test://none' })).rejects.toMatchObject({
      code: -32602,
    });
    // The SDK opens its GET stream after initialize; updates go there, on any edge.
    await expect
      .poll(
        () => {
          announceResourceUpdated(a.bus, 'test://item/5');
          announceResourceUpdated(a.bus, 'test://item/6');
          return heard.length > 0;
        },
        { interval: 200, timeout: 5_000 },
      )
      .toBe(true);
    expect(new Set(heard)).toEqual(new Set(['test://item/5']));
    await client.unsubscribeResource({ uri: 'test://item/5' });
    await new Promise((r) => setTimeout(r, 200));
    const before = heard.length;
    announceResourceUpdated(a.bus, 'test://item/5');
    await new Promise((r) => setTimeout(r, 500));
    expect(heard.length).toBe(before);
    await client.close();
  });
});

describe('list changes', () => {
  it('a new service’s tools and prompts are announced to connected clients on any edge', async () => {
    const client = await connect(b.mcpUrl!);
    const heard: string[] = [];
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      heard.push('tools');
    });
    client.setNotificationHandler(PromptListChangedNotificationSchema, () => {
      heard.push('prompts');
    });
    // Give the SDK's GET stream a moment to open; list changes go there.
    await new Promise((r) => setTimeout(r, 300));
    const late = await startToolService({
      bus: a.bus,
      service: 'late',
      version: '1.0.0',
      tools: [tool('late_tool', async () => text('late'))],
      prompts: [
        {
          definition: { name: 'late_prompt' },
          get: async () => ({ messages: [] }),
        },
      ],
    });
    try {
      await expect
        .poll(() => [...new Set(heard)].sort(), { timeout: 5_000 })
        .toEqual(['prompts', 'tools']);
      expect((await client.listTools()).tools.map((t) => t.name)).toContain('late_tool');
    } finally {
      await late.stop();
      await client.close();
    }
  });
});
