import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedKey } from '@stockpulse/protocol';
import type { Gateway } from '../src/gateway.js';
import { runKeysCommand } from '../src/keys-command.js';
import { ADMIN_KEY, connectClient, createHarness, type Harness } from './harness.js';

let h: Harness;
let gw: Gateway;

beforeAll(async () => {
  h = await createHarness();
  gw = await h.start('all');
});

afterAll(async () => {
  await h?.stop();
});

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'raw', version: '1' },
  },
};

function post(key: string | undefined, body: unknown = initialize): Promise<Response> {
  return fetch(gw.mcpUrl!, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

describe('closed by default', () => {
  it('answers a request without a key with 401 and a clear JSON error', async () => {
    const res = await post(undefined);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await res.json()).toMatchObject({
      error: 'unauthorized',
      error_description: expect.stringMatching(/API key/),
    });
  });

  it('answers a wrong key with 401', async () => {
    const res = await post('spk_not-a-real-key-at-all-000000000000000');
    expect(res.status).toBe(401);
    expect((await res.json()) as object).toHaveProperty('error', 'unauthorized');
  });

  it('creates a key from the CLI that works, and revoking it shuts it out at once', async () => {
    const env = { NATS_URL: h.nats.url };
    const created = (await runKeysCommand(
      'create',
      { name: 'ci', scopes: 'tools' },
      h.dataDir,
      env,
    )) as CreatedKey;
    expect(created.key).toMatch(/^spk_/);
    const listed = (await runKeysCommand('list', {}, h.dataDir, env)) as Array<{
      id: string;
      prefix: string;
    }>;
    const row = listed.find((k) => k.id === created.id);
    expect(row?.prefix).toBe(created.key.slice(0, 12));
    expect(JSON.stringify(listed)).not.toContain(created.key);

    const client = await connectClient(gw.mcpUrl!, created.key);
    expect(
      (await client.callTool({ name: 'get_quote', arguments: { symbol: 'V' } })).isError,
    ).toBeFalsy();

    await expect(runKeysCommand('revoke', {}, h.dataDir, env)).rejects.toThrow(/key id/);
    await runKeysCommand('revoke', { id: created.id }, h.dataDir, env);
    await expect.poll(async () => (await post(created.key)).status, { timeout: 5000 }).toBe(401);
    await client.close().catch(() => undefined);
  });

  it('refuses to revoke an unknown key', async () => {
    await expect(
      runKeysCommand('revoke', { id: 'key_nope' }, h.dataDir, { NATS_URL: h.nats.url }),
    ).rejects.toThrow(/no active key/);
  });
});

describe('sessions', () => {
  const headers = (sessionId?: string) => ({
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    authorization: `Bearer ${ADMIN_KEY}`,
    ...(sessionId ? { 'mcp-session-id': sessionId } : {}),
  });
  const ping = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' });

  it('needs a session id (400), knows unknown ones (404) and ends one on DELETE', async () => {
    const init = await post(ADMIN_KEY);
    expect(init.status).toBe(200);
    const sessionId = init.headers.get('mcp-session-id')!;
    expect(sessionId).toMatch(/^[0-9a-f]{32}$/);
    expect((await init.json()) as object).toMatchObject({
      result: { protocolVersion: '2025-06-18' },
    });

    expect(
      (await fetch(gw.mcpUrl!, { method: 'POST', headers: headers(), body: ping })).status,
    ).toBe(400);
    expect(
      (await fetch(gw.mcpUrl!, { method: 'POST', headers: headers('0'.repeat(32)), body: ping }))
        .status,
    ).toBe(404);
    const ok = await fetch(gw.mcpUrl!, { method: 'POST', headers: headers(sessionId), body: ping });
    expect(await ok.json()).toEqual({ jsonrpc: '2.0', id: 2, result: {} });

    const note = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(
      (await fetch(gw.mcpUrl!, { method: 'POST', headers: headers(sessionId), body: note })).status,
    ).toBe(202);

    expect(
      (await fetch(gw.mcpUrl!, { method: 'DELETE', headers: headers(sessionId) })).status,
    ).toBe(200);
    expect(
      (await fetch(gw.mcpUrl!, { method: 'POST', headers: headers(sessionId), body: ping })).status,
    ).toBe(404);
  });

  it('answers malformed JSON with a parse error and an oversized body with 413', async () => {
    const bad = await fetch(gw.mcpUrl!, {
      method: 'POST',
      headers: headers(),
      body: '{"jsonrpc":',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: number } }).error.code).toBe(-32700);
    const big = await fetch(gw.mcpUrl!, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ pad: 'x'.repeat(5 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
  });

  it('answers an unknown method with method not found', async () => {
    const init = await post(ADMIN_KEY);
    const sessionId = init.headers.get('mcp-session-id')!;
    const res = await fetch(gw.mcpUrl!, {
      method: 'POST',
      headers: headers(sessionId),
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'no/such' }),
    });
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(-32601);
  });
});

describe('DNS rebinding protection', () => {
  it('answers a foreign Origin or a rebound Host with 403', async () => {
    const base = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${ADMIN_KEY}`,
    };
    const body = JSON.stringify(initialize);
    const foreign = await fetch(gw.mcpUrl!, {
      method: 'POST',
      headers: { ...base, origin: 'https://evil.example' },
      body,
    });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { message: string } }).error.message).toMatch(
      /Origin/,
    );
    const local = await fetch(gw.mcpUrl!, {
      method: 'POST',
      headers: { ...base, origin: 'http://localhost:3000' },
      body,
    });
    expect(local.status).toBe(200);
  });

  it('checks the Host header of a loopback edge', async () => {
    const { request } = await import('node:http');
    const url = new URL(gw.mcpUrl!);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { host: 'rebound.example', 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(initialize));
    });
    expect(status).toBe(403);
  });
});
