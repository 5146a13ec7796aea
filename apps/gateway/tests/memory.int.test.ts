import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  startNats,
  type TestDatabase,
  type TestNats,
} from '@stockpulse/testkit';
import { ADMIN_KEY } from './harness.js';
import { spawnRoles, type RoleProcess } from './role-process.js';

let nats: TestNats;
let db: TestDatabase;
const procs: RoleProcess[] = [];

beforeAll(async () => {
  nats = await startNats();
  db = await createTestDatabase();
});

afterAll(async () => {
  for (const p of procs) p.kill();
  await db?.drop().catch(() => undefined);
  await nats?.stop();
});

/** Resident memory of a process, in bytes. */
function rss(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

describe('memory', () => {
  it('a session making 100,000 calls does not grow the edge', async () => {
    const env = {
      NATS_URL: nats.url,
      DATABASE_URL: db.url,
      MCPGW_ADMIN_KEY: ADMIN_KEY,
      PORT: '0',
      LOG_LEVEL: 'warn',
    };
    procs.push(await spawnRoles('router,auth,audit,tool', env));
    const edge = await spawnRoles('edge', env);
    procs.push(edge);
    const url = new URL(/MCP endpoint:\s+(\S+)/.exec(edge.banner)![1]!);
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const post = (body: string, sessionId?: string) =>
      new Promise<{ status: number; text: string; session?: string }>((resolve, reject) => {
        const req = request(
          {
            agent,
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              accept: 'application/json, text/event-stream',
              authorization: `Bearer ${ADMIN_KEY}`,
              ...(sessionId ? { 'mcp-session-id': sessionId } : {}),
            },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (text += c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                text,
                session: res.headers['mcp-session-id'] as string | undefined,
              }),
            );
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const init = await post(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 0,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'mem', version: '1' },
        },
      }),
    );
    const sessionId = init.session!;
    let next = 1;
    const run = async (calls: number): Promise<void> => {
      const end = next + calls;
      const worker = async (): Promise<void> => {
        while (next < end) {
          const id = next++;
          const r = await post(
            `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"get_quote","arguments":{"symbol":"AAPL"}}}`,
            sessionId,
          );
          if (r.status !== 200 || !r.text.includes('"structuredContent"'))
            throw new Error(`call ${id}: ${r.status} ${r.text.slice(0, 200)}`);
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
    };
    await run(20_000);
    // Sample the edge's resident memory every 5,000 calls. A leak raises its lows; garbage
    // collection only makes spikes, so compare the lowest samples early and late.
    const samples: number[] = [];
    for (let i = 0; i < 16; i++) {
      await run(5_000);
      samples.push(rss(edge.pid));
    }
    agent.destroy();
    expect(next - 1).toBe(100_000);
    const low = (xs: number[]) => Math.min(...xs);
    const growth = low(samples.slice(-4)) - low(samples.slice(0, 4));
    // A leak of even 350 bytes a call would add 20 MB over the 60,000 calls between the windows.
    expect(
      growth,
      `rss samples (MB): ${samples.map((s) => (s / 2 ** 20).toFixed(1)).join(', ')}`,
    ).toBeLessThan(20 * 2 ** 20);
  }, 600_000);
});
