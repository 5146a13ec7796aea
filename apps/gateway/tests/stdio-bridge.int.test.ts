import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Gateway } from '../src/gateway.js';
import { ADMIN_KEY, createHarness, type Harness } from './harness.js';

const MAIN = new URL('../dist/main.js', import.meta.url).pathname;
let h: Harness;
let gw: Gateway;

beforeAll(async () => {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: build first (npx nx run-many -t build)`);
  h = await createHarness();
  gw = await h.start('all');
});

afterAll(async () => {
  await h?.stop();
});

function bridge(key: string): StdioClientTransport {
  return new StdioClientTransport({
    command: process.execPath,
    args: [MAIN, 'stdio', '--url', gw.mcpUrl!, '--key', key],
    stderr: 'pipe',
  });
}

describe('the stdio bridge', () => {
  it('lets a stdio client list and call tools on a remote gateway', async () => {
    const transport = bridge(ADMIN_KEY);
    const client = new Client({ name: 'desktop', version: '1.0.0' });
    await client.connect(transport);
    expect(client.getServerVersion()?.name).toBe('stockpulse-mcp-gateway');
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('get_quote');
    const r = await client.callTool({ name: 'get_quote', arguments: { symbol: 'META' } });
    expect(r.structuredContent).toMatchObject({ symbol: 'META' });
    const pid = transport.pid!;
    await client.close();
    await expect
      .poll(() => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      })
      .toBe(false);
  });

  it('passes the gateway refusing a bad key on to the client', async () => {
    const client = new Client({ name: 'desktop', version: '1.0.0' });
    await expect(client.connect(bridge('spk_wrong-key-000000000000000000000'))).rejects.toThrow(
      /gateway request failed: .*(401|[Uu]nauthorized)/,
    );
    await client.close().catch(() => undefined);
  });
});
