import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { startToolService, type ToolService } from '@stockpulse/tool-service';
import type { Gateway } from '../src/gateway.js';
import { ADMIN_KEY, connectClient, createHarness, type Harness } from './harness.js';

let h: Harness;
let direct: Gateway;
let routed: Gateway;
let extra: ToolService;
const cancelled: string[] = [];

beforeAll(async () => {
  h = await createHarness();
  direct = await h.start('all');
  routed = await h.start('edge,router', { ROUTING_MODE: 'router', PAGE_SIZE: '3' });
  extra = await startToolService({
    bus: direct.bus,
    service: 'counter',
    version: '1.0.0',
    tools: [
      {
        definition: {
          name: 'count_to',
          description: 'Counts to n, reporting progress',
          inputSchema: {
            type: 'object',
            properties: { n: { type: 'integer', minimum: 1, maximum: 20 } },
            required: ['n'],
          },
        },
        handler: async (args, ctx) => {
          const n = Number(args['n']);
          for (let i = 1; i <= n; i++) {
            ctx.progress(i, n, `step ${i}`);
            await new Promise((r) => setTimeout(r, 5));
          }
          return { content: [{ type: 'text', text: `counted to ${n}` }] };
        },
      },
      {
        definition: {
          name: 'log_three',
          description: 'Logs at debug, info and warning',
          inputSchema: { type: 'object', properties: {} },
        },
        handler: async (_args, ctx) => {
          ctx.log('debug', 'debug detail');
          ctx.log('info', { step: 'info' }, 'counter');
          ctx.log('warning', 'careful');
          return { content: [{ type: 'text', text: 'logged' }] };
        },
      },
      {
        definition: {
          name: 'wait_for_cancel',
          description: 'Waits until cancelled, or 10 s',
          inputSchema: {
            type: 'object',
            properties: { tag: { type: 'string' } },
            required: ['tag'],
          },
        },
        handler: async (args, ctx) => {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 10_000);
            ctx.signal.addEventListener('abort', () => {
              clearTimeout(timer);
              cancelled.push(String(args['tag']));
              resolve();
            });
          });
          return { content: [{ type: 'text', text: 'done waiting' }] };
        },
      },
    ],
  });
});

afterAll(async () => {
  await extra?.stop();
  await h?.stop();
});

describe('routing', () => {
  it('routes a tool announced by another service without restarting anything', async () => {
    const client = await connectClient(direct.mcpUrl!, ADMIN_KEY);
    await expect
      .poll(async () => (await client.listTools()).tools.map((t) => t.name), { timeout: 5000 })
      .toContain('count_to');
    const r = await client.callTool({ name: 'count_to', arguments: { n: 2 } });
    expect(r.content).toEqual([{ type: 'text', text: 'counted to 2' }]);
    await client.close();
  });

  it('works with the router in the trip as well (router mode)', async () => {
    const client = await connectClient(routed.mcpUrl!, ADMIN_KEY);
    await expect
      .poll(async () => (await client.listTools()).tools.length, { timeout: 5000 })
      .toBeGreaterThan(0);
    const r = await client.callTool({ name: 'get_quote', arguments: { symbol: 'JPM' } });
    expect(r.structuredContent).toMatchObject({ symbol: 'JPM' });
    await client.close();
  });
});

describe('lists and cancellation', () => {
  it('pages tools/list with cursors, every tool exactly once', async () => {
    const client = await connectClient(routed.mcpUrl!, ADMIN_KEY);
    await expect
      .poll(async () => (await client.listTools()).tools.length, { timeout: 5000 })
      .toBe(3);
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : {});
      expect(page.tools.length).toBeLessThanOrEqual(3);
      names.push(...page.tools.map((t) => t.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(names.length).toBeGreaterThan(3);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('get_quote');
    await expect(client.listTools({ cursor: 'bogus' })).rejects.toThrow(/invalid cursor/);
    await client.close();
  });

  it('passes a client cancellation over the bus to the worker running the call', async () => {
    const client = await connectClient(direct.mcpUrl!, ADMIN_KEY);
    await expect
      .poll(async () => (await client.listTools()).tools.map((t) => t.name), { timeout: 5000 })
      .toContain('wait_for_cancel');
    const abort = new AbortController();
    const call = client.callTool({ name: 'wait_for_cancel', arguments: { tag: 'c1' } }, undefined, {
      signal: abort.signal,
    });
    await new Promise((r) => setTimeout(r, 300));
    abort.abort('user gave up');
    await expect(call).rejects.toThrow();
    await expect.poll(() => cancelled, { timeout: 2000 }).toContain('c1');
    await client.close();
  });
});

describe('logging', () => {
  it("sends a tool's log messages at or above the level the client set, on the call's stream", async () => {
    const client = await connectClient(direct.mcpUrl!, ADMIN_KEY);
    expect(client.getServerCapabilities()?.logging).toBeDefined();
    await expect
      .poll(async () => (await client.listTools()).tools.map((t) => t.name), { timeout: 5000 })
      .toContain('log_three');
    const seen: Array<{ level: string; data: unknown; logger?: string }> = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      seen.push(n.params);
    });
    await client.callTool({ name: 'log_three', arguments: {} });
    expect(seen).toEqual([]);
    await client.setLoggingLevel('info');
    await client.callTool({ name: 'log_three', arguments: {} });
    expect(seen).toEqual([
      { level: 'info', data: { step: 'info' }, logger: 'counter' },
      { level: 'warning', data: 'careful' },
    ]);
    await expect(client.setLoggingLevel('loud' as 'info')).rejects.toThrow(/unknown log level/);
    await client.close();
  });
});

describe('progress over an SSE response', () => {
  it('streams the progress notifications of a call before its result', async () => {
    const client = await connectClient(direct.mcpUrl!, ADMIN_KEY);
    await expect
      .poll(async () => (await client.listTools()).tools.map((t) => t.name), { timeout: 5000 })
      .toContain('count_to');
    const seen: Array<{ progress: number; total?: number; message?: string }> = [];
    const r = await client.callTool({ name: 'count_to', arguments: { n: 5 } }, undefined, {
      onprogress: (p) => seen.push(p),
    });
    expect(r.content).toEqual([{ type: 'text', text: 'counted to 5' }]);
    expect(seen.map((p) => p.progress)).toEqual([1, 2, 3, 4, 5]);
    expect(seen[4]).toMatchObject({ total: 5, message: 'step 5' });
    await client.close();
  });
});
