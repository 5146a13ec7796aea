import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startDirectServer, type DirectServer } from '../src/direct-server.js';
import { createHttpClient } from '../src/http-client.js';
import { openSession } from '../src/mcp-session.js';
import { runRound } from '../src/load-round.js';

let server: DirectServer;

beforeAll(async () => {
  server = await startDirectServer({ host: '127.0.0.1', port: 0, seed: 42 });
});

afterAll(async () => {
  await server?.close();
});

describe('the baseline server', () => {
  it('serves get_quote to the official SDK client with the gateway result shape', async () => {
    const client = new Client({ name: 'bench-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    const result = await client.callTool({ name: 'get_quote', arguments: { symbol: 'brk.b' } });
    expect(result.structuredContent).toMatchObject({
      symbol: 'BRK.B',
      currency: 'USD',
      source: 'simulated',
    });
    expect(result.content).toEqual([
      { type: 'text', text: expect.stringContaining('BRK.B (Berkshire') },
    ]);
    await client.close();
  });

  it('passes the virtual client validation and rejects a wrong symbol', async () => {
    const http = createHttpClient(new URL(server.url), 1);
    const session = await openSession(
      http,
      { url: new URL(server.url), authorization: undefined },
      't',
    );
    await session.callQuote('AAPL');
    await expect(session.callQuote('NOPE')).rejects.toThrow(/tool returned an error/);
    await session.close();
    http.close();
  });

  it('runs a short closed-loop round', async () => {
    const target = {
      name: 'direct',
      url: new URL(server.url),
      authorization: undefined,
      pgid: process.pid,
      natsUrl: undefined,
    };
    const r = await runRound({ target, concurrency: 4, durationMs: 300, symbols: ['KO', 'PEP'] });
    expect(r.calls).toBeGreaterThan(4);
    expect(r.latency.count).toBe(r.calls);
    expect(r.callsPerSec).toBeGreaterThan(0);
  });
});
