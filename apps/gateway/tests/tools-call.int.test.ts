import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditRepository, createDatabase, type Database } from '@stockpulse/db';
import { verifyChain } from '@stockpulse/audit';
import type { AuditEvent } from '@stockpulse/protocol';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Gateway } from '../src/gateway.js';
import { ADMIN_KEY, connectClient, createHarness, type Harness } from './harness.js';

let h: Harness;
let gw: Gateway;
let db: Database;

beforeAll(async () => {
  h = await createHarness();
  gw = await h.start('all');
  db = await createDatabase({ url: h.db.url });
});

afterAll(async () => {
  await db?.destroy();
  await h?.stop();
});

describe('tools/call through the real path', () => {
  it('initializes, lists tools and calls get_quote with the SDK client', async () => {
    const client = await connectClient(gw.mcpUrl!, ADMIN_KEY);
    expect(client.getServerVersion()?.name).toBe('stockpulse-mcp-gateway');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('get_quote');
    const result = await client.callTool({ name: 'get_quote', arguments: { symbol: 'MSFT' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      symbol: 'MSFT',
      currency: 'USD',
      source: 'simulated',
    });
    expect((result.structuredContent as { price: string }).price).toMatch(/^\d+\.\d{2}$/);
    await client.close();
  });

  it('returns invalid arguments as a tool error the model can read', async () => {
    const client = await connectClient(gw.mcpUrl!, ADMIN_KEY);
    const result = await client.callTool({ name: 'get_quote', arguments: { symbol: 42 } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('Invalid arguments');
    await client.close();
  });

  it('answers an unknown tool with a JSON-RPC invalid params error', async () => {
    const client = await connectClient(gw.mcpUrl!, ADMIN_KEY);
    await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(
      /Unknown tool/,
    );
    await client.close();
  });

  it('costs exactly one bus request per tools/call (direct routing)', async () => {
    const client = await connectClient(gw.mcpUrl!, ADMIN_KEY);
    await client.callTool({ name: 'get_quote', arguments: { symbol: 'PG' } });
    const seen: string[] = [];
    const tap = gw.bus.subscribe('mcpgw.rpc.>', (m) => {
      seen.push(m.subject);
    });
    await gw.bus.flush();
    for (let i = 0; i < 5; i++)
      await client.callTool({ name: 'get_quote', arguments: { symbol: 'PG' } });
    await gw.bus.flush();
    tap.unsubscribe();
    expect(seen).toEqual(Array(5).fill('mcpgw.rpc.tool.call.stockpulse'));
    await client.close();
  });

  it('writes exactly one hash-chained audit record per completed call', async () => {
    const repo = createAuditRepository(db);
    const client = await connectClient(gw.mcpUrl!, ADMIN_KEY);
    const sessionId = (client.transport as StreamableHTTPClientTransport).sessionId!;
    const failing = await client
      .callTool({ name: 'no_such_tool', arguments: {} })
      .catch(() => 'failed');
    expect(failing).toBe('failed');
    const n = 25;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        client.callTool({ name: 'get_quote', arguments: { symbol: i % 2 ? 'AAPL' : 'KO' } }),
      ),
    );
    await client.close();
    const ofSession = async () => repo.list({ kind: 'call', sessionId, limit: 10_000 });
    await expect.poll(async () => (await ofSession()).length, { timeout: 10_000 }).toBe(n + 1);
    // Nothing arrives late or twice.
    await new Promise((r) => setTimeout(r, 300));
    const calls: AuditEvent[] = await ofSession();
    expect(calls.length).toBe(n + 1);
    expect(calls.filter((e) => e.outcome === 'error').map((e) => e.target)).toEqual([
      'no_such_tool',
    ]);
    expect(new Set(calls.map((e) => e.requestId)).size).toBe(calls.length);
    expect(calls.every((e) => e.action === 'tools/call' && e.principalId)).toBe(true);
    // Every producer's chain (calls and admin events together) is intact.
    const all = (await repo.list({ limit: 10_000 })).map(
      ({ streamSeq: _seq, ...e }): AuditEvent => e,
    );
    expect(verifyChain(all)).toMatchObject({ ok: true });
  });
});
