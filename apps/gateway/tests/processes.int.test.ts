import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { McpError } from '@modelcontextprotocol/sdk/types.js';
import { JsonRpcErrorCode } from '@stockpulse/protocol';
import {
  createTestDatabase,
  startNats,
  type TestDatabase,
  type TestNats,
} from '@stockpulse/testkit';
import { ADMIN_KEY, connectClient } from './harness.js';
import { spawnRoles, type RoleProcess } from './role-process.js';

let nats: TestNats;
let db: TestDatabase;
const procs: RoleProcess[] = [];
let env: Record<string, string>;

beforeAll(async () => {
  nats = await startNats();
  db = await createTestDatabase();
  env = {
    NATS_URL: nats.url,
    DATABASE_URL: db.url,
    MCPGW_ADMIN_KEY: ADMIN_KEY,
    PORT: '0',
    CALL_TIMEOUT_MS: '2000',
  };
});

afterAll(async () => {
  for (const p of procs) p.kill();
  await db?.drop().catch(() => undefined);
  await nats?.stop();
});

async function start(roles: string): Promise<RoleProcess> {
  const p = await spawnRoles(roles, env);
  procs.push(p);
  return p;
}

const quote = { name: 'get_quote', arguments: { symbol: 'XOM' } };

describe('roles as separate processes against one NATS', () => {
  it('serves calls, survives the tool process going away and coming back, and shuts down cleanly', async () => {
    const control = await start('router,auth,audit');
    const tool = await start('tool');
    const edge = await start('edge');
    const url = /MCP endpoint:\s+(\S+)/.exec(edge.banner)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);

    const client = await connectClient(url!, ADMIN_KEY);
    expect((await client.callTool(quote)).structuredContent).toMatchObject({ symbol: 'XOM' });

    // SIGTERM while calls run: the process drains, so calls it took still complete.
    const running = Promise.allSettled(Array.from({ length: 20 }, () => client.callTool(quote)));
    expect(await tool.stop()).toBe(0);
    for (const r of await running) {
      if (r.status === 'rejected')
        expect((r.reason as McpError).code).toBe(JsonRpcErrorCode.Unavailable);
    }
    const started = Date.now();
    await expect(client.callTool(quote)).rejects.toMatchObject({
      code: JsonRpcErrorCode.Unavailable,
    });
    expect(Date.now() - started).toBeLessThan(2000);

    await start('tool');
    expect((await client.callTool(quote)).isError).toBeFalsy();
    await client.close();

    expect(await edge.stop()).toBe(0);
    expect(await control.stop()).toBe(0);
  });
});
