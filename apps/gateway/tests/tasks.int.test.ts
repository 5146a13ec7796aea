import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startToolService, type ToolService } from '@stockpulse/tool-service';
import type { Gateway } from '../src/gateway.js';
import { createHarness, mcpHeaders, rawInitialize, waitForTool, type Harness } from './harness.js';

let h: Harness;
let a: Gateway;
let b: Gateway;
let service: ToolService;
const aborted: string[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  h = await createHarness();
  a = await h.start('all');
  b = await h.start('edge');
  service = await startToolService({
    bus: a.bus,
    service: 'tasker',
    version: '1.0.0',
    tools: [
      {
        definition: {
          name: 'slow_echo',
          description: 'Echoes after a while, unless cancelled',
          inputSchema: {
            type: 'object',
            properties: { text: { type: 'string' }, ms: { type: 'integer' } },
            required: ['text', 'ms'],
          },
        },
        handler: async (args, ctx) => {
          const text = String(args['text']);
          await new Promise<void>((resolve, reject) => {
            const t = setTimeout(resolve, Number(args['ms']));
            ctx.signal.addEventListener('abort', () => {
              clearTimeout(t);
              aborted.push(text);
              reject(new Error('aborted'));
            });
          });
          return {
            content: [{ type: 'text', text }],
            ...(text === 'fail' ? { isError: true } : {}),
          };
        },
      },
    ],
  });
  for (const gw of [a, b]) await waitForTool(gw.mcpUrl!, 'slow_echo');
});

afterAll(async () => {
  await service?.stop();
  await h?.stop();
});

let nextId = 1;

async function open(url: string, version: string): Promise<string> {
  const res = await rawInitialize(url, version, 't');
  const sid = res.headers.get('mcp-session-id')!;
  const init = (await res.json()) as { result: { capabilities: Record<string, unknown> } };
  capabilitiesOf.set(sid, init.result.capabilities);
  return sid;
}
const capabilitiesOf = new Map<string, Record<string, unknown>>();

async function rpc(
  url: string,
  sid: string,
  method: string,
  params: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: mcpHeaders(sid),
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
  });
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  return (await res.json()) as Record<string, unknown>;
}

interface Task {
  taskId: string;
  status: string;
  ttl: number;
  pollInterval: number;
  createdAt: string;
  lastUpdatedAt: string;
}

async function startTask(url: string, sid: string, text: string, ms: number): Promise<Task> {
  const r = await rpc(url, sid, 'tools/call', {
    name: 'slow_echo',
    arguments: { text, ms },
    task: { ttl: 60_000 },
  });
  return (r['result'] as { task: Task }).task;
}

describe('tasks (2025-11-25)', () => {
  it('are offered to 2025-11-25 sessions only', async () => {
    const newer = await open(a.mcpUrl!, '2025-11-25');
    const older = await open(a.mcpUrl!, '2025-06-18');
    expect(capabilitiesOf.get(newer)?.['tasks']).toEqual({
      list: {},
      cancel: {},
      requests: { tools: { call: {} } },
    });
    expect(capabilitiesOf.get(older)?.['tasks']).toBeUndefined();
    const listed = async (sid: string) =>
      (
        (await rpc(a.mcpUrl!, sid, 'tools/list', {}))['result'] as { tools: { name: string }[] }
      ).tools.find((t) => t.name === 'slow_echo');
    expect(await listed(newer)).toMatchObject({ execution: { taskSupport: 'optional' } });
    expect(await listed(older)).not.toHaveProperty('execution');
    const r = await rpc(a.mcpUrl!, older, 'tasks/list', {});
    expect((r['error'] as { code: number }).code).toBe(-32601);
  });

  it('a task answers at once, runs in the background, and its result is fetched on any edge', async () => {
    const sid = await open(a.mcpUrl!, '2025-11-25');
    const started = Date.now();
    const task = await startTask(a.mcpUrl!, sid, 'hello', 600);
    expect(Date.now() - started).toBeLessThan(500);
    expect(task).toMatchObject({ status: 'working', ttl: 60_000 });
    expect(task.taskId).toMatch(/^[0-9a-f]{32}$/);
    const got = await rpc(b.mcpUrl!, sid, 'tasks/get', { taskId: task.taskId });
    expect(got['result']).toMatchObject({ taskId: task.taskId, status: 'working' });
    // tasks/result waits for the end.
    const result = await rpc(b.mcpUrl!, sid, 'tasks/result', { taskId: task.taskId });
    expect(result['result']).toEqual({
      content: [{ type: 'text', text: 'hello' }],
      _meta: { 'io.modelcontextprotocol/related-task': { taskId: task.taskId } },
    });
    const done = await rpc(a.mcpUrl!, sid, 'tasks/get', { taskId: task.taskId });
    expect(done['result']).toMatchObject({ status: 'completed' });
    const list = await rpc(b.mcpUrl!, sid, 'tasks/list', {});
    expect((list['result'] as { tasks: Task[] }).tasks.map((t) => t.taskId)).toEqual([task.taskId]);
  });

  it('a tool error fails the task, and its result is still there', async () => {
    const sid = await open(a.mcpUrl!, '2025-11-25');
    const task = await startTask(a.mcpUrl!, sid, 'fail', 10);
    const result = await rpc(a.mcpUrl!, sid, 'tasks/result', { taskId: task.taskId });
    expect(result['result']).toMatchObject({ isError: true });
    const got = await rpc(a.mcpUrl!, sid, 'tasks/get', { taskId: task.taskId });
    expect(got['result']).toMatchObject({ status: 'failed' });
  });

  it('cancel stops the worker; a cancelled task cannot be cancelled again', async () => {
    const sid = await open(a.mcpUrl!, '2025-11-25');
    const task = await startTask(a.mcpUrl!, sid, 'long-one', 20_000);
    await sleep(100);
    const cancelled = await rpc(b.mcpUrl!, sid, 'tasks/cancel', { taskId: task.taskId });
    expect(cancelled['result']).toMatchObject({ taskId: task.taskId, status: 'cancelled' });
    await expect.poll(() => aborted).toContain('long-one');
    const again = await rpc(a.mcpUrl!, sid, 'tasks/cancel', { taskId: task.taskId });
    expect((again['error'] as { code: number }).code).toBe(-32602);
    // The call's late answer does not overwrite the cancellation.
    await sleep(200);
    const got = await rpc(a.mcpUrl!, sid, 'tasks/get', { taskId: task.taskId });
    expect(got['result']).toMatchObject({ status: 'cancelled' });
    const result = await rpc(a.mcpUrl!, sid, 'tasks/result', { taskId: task.taskId });
    expect(result['error']).toMatchObject({
      data: { 'io.modelcontextprotocol/related-task': { taskId: task.taskId } },
    });
  });

  it('another session’s task, or an unknown one, is -32602', async () => {
    const mine = await open(a.mcpUrl!, '2025-11-25');
    const theirs = await open(a.mcpUrl!, '2025-11-25');
    const task = await startTask(a.mcpUrl!, mine, 'private', 10);
    for (const [sid, taskId] of [
      [theirs, task.taskId],
      [mine, '0'.repeat(32)],
      [mine, '../x'],
    ] as const) {
      const r = await rpc(a.mcpUrl!, sid, 'tasks/get', { taskId });
      expect((r['error'] as { code: number }).code).toBe(-32602);
    }
    expect(
      ((await rpc(a.mcpUrl!, theirs, 'tasks/list', {}))['result'] as { tasks: unknown[] }).tasks,
    ).toEqual([]);
  });

  it('the end of a task is announced on the session’s GET stream', async () => {
    const sid = await open(a.mcpUrl!, '2025-11-25');
    const abort = new AbortController();
    const stream = await fetch(b.mcpUrl!, { headers: mcpHeaders(sid), signal: abort.signal });
    expect(stream.status).toBe(200);
    const task = await startTask(a.mcpUrl!, sid, 'announced', 50);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('notifications/tasks/status')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    abort.abort();
    const line = text.split('\n').find((l) => l.includes('notifications/tasks/status'))!;
    expect(JSON.parse(line.slice('data: '.length))).toMatchObject({
      method: 'notifications/tasks/status',
      params: { taskId: task.taskId, status: 'completed' },
    });
  });
});
