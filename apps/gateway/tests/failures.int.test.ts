import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { JsonRpcErrorCode, subjects } from '@stockpulse/protocol';
import type { Gateway } from '../src/gateway.js';
import { ADMIN_KEY, connectClient, createHarness, type Harness } from './harness.js';

let h: Harness;
let core: Gateway;
let tool: Gateway | undefined;

beforeAll(async () => {
  h = await createHarness();
  core = await h.start('edge,router,auth,audit', { CALL_TIMEOUT_MS: '1500' });
});

afterAll(async () => {
  await h?.stop();
});

const quote = { name: 'get_quote', arguments: { symbol: 'AAPL' } };

async function rpcErrorOf(p: Promise<unknown>): Promise<McpError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(McpError);
    return err as McpError;
  }
  throw new Error('expected the call to fail');
}

describe('when the tool worker goes away', () => {
  it('fails calls fast with a clear error and serves them again once it is back', async () => {
    tool = await h.start('tool');
    const client = await connectClient(core.mcpUrl!, ADMIN_KEY);
    expect((await client.callTool(quote)).isError).toBeFalsy();

    // Calls in flight while the worker stops still finish (it drains).
    const inflight = Promise.allSettled(Array.from({ length: 10 }, () => client.callTool(quote)));
    await tool.stop();
    for (const r of await inflight) {
      if (r.status === 'fulfilled') expect(r.value.isError).toBeFalsy();
      else expect((r.reason as McpError).code).toBe(JsonRpcErrorCode.Unavailable);
    }

    const started = Date.now();
    const err = await rpcErrorOf(client.callTool(quote));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(err.code).toBe(JsonRpcErrorCode.Unavailable);
    expect(err.message).toMatch(/no service/);
    expect(err.data).toMatchObject({ code: 'unavailable', retryable: true });

    tool = await h.start('tool');
    expect((await client.callTool(quote)).isError).toBeFalsy();
    await client.close();
  });

  it('answers a hung worker with a timeout error within the deadline', async () => {
    await tool?.stop();
    const hung = core.bus.subscribe(subjects.toolServiceCall('stockpulse'), () => undefined, {
      queue: 'hung',
    });
    await core.bus.flush();
    const client = await connectClient(core.mcpUrl!, ADMIN_KEY);
    const started = Date.now();
    const err = await rpcErrorOf(client.callTool(quote, undefined, { timeout: 10_000 }));
    const took = Date.now() - started;
    expect(err.code).toBe(JsonRpcErrorCode.RequestTimeout);
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(3000);
    hung.unsubscribe();
    await client.close();
  });
});
