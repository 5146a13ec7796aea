import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from './harness.js';
import { spawnRoles, type RoleProcess } from './role-process.js';

let dataDir: string;
let gw: RoleProcess | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mcpgw-embedded-'));
});

afterAll(async () => {
  gw?.kill();
  await rm(dataDir, { recursive: true, force: true });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the embedded default', () => {
  it('spawns its own NATS, uses PGlite, prints a working key, and stops what it started', async () => {
    // No NATS_URL and no DATABASE_URL: the quick-start configuration.
    gw = await spawnRoles('all', {
      NATS_URL: '',
      DATABASE_URL: '',
      MCPGW_ADMIN_KEY: '',
      DATA_DIR: dataDir,
      PORT: '0',
    });
    const url = /MCP endpoint:\s+(\S+)/.exec(gw.banner)?.[1];
    const key = /Admin API key:\s+(\S+)/.exec(gw.banner)?.[1];
    expect(gw.banner).toMatch(/NATS:\s+nats:\/\/127\.0\.0\.1:\d+ \(embedded\)/);
    expect(gw.banner).toContain(`PGlite at ${join(dataDir, 'pglite')}`);
    expect(key).toMatch(/^spk_/);
    expect((await readFile(join(dataDir, 'admin.key'), 'utf8')).trim()).toBe(key);

    const client = await connectClient(url!, key!);
    const r = await client.callTool({ name: 'get_quote', arguments: { symbol: 'COST' } });
    expect(r.structuredContent).toMatchObject({ symbol: 'COST' });
    await client.close();

    const natsPid = Number(
      (await readFile(join(dataDir, 'nats', 'nats-server.pid'), 'utf8')).trim(),
    );
    expect(isAlive(natsPid)).toBe(true);
    expect(await gw.stop()).toBe(0);
    expect(isAlive(natsPid)).toBe(false);
  });
});
