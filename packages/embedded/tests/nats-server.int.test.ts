import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  findNatsServerBinary,
  isProcessRunning,
  startNatsServer,
  type NatsServerHandle,
} from '../src/index.js';

const binary = findNatsServerBinary();
const dirs: string[] = [];
const servers: NatsServerHandle[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'embedded-test-'));
  dirs.push(dir);
  return dir;
}

/** Opens a TCP connection and resolves with the first chunk the server sends (its INFO line). */
function readGreeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(chunk.toString('utf8'));
    });
    socket.once('error', reject);
  });
}

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!binary)('startNatsServer', () => {
  it('starts nats-server with JetStream on a free loopback port and stops it', async () => {
    const dataDir = tempDir();
    const logFile = join(dataDir, 'logs', 'nats.log');
    const server = await startNatsServer({ dataDir, logFile });
    servers.push(server);

    expect(server.url).toBe(`nats://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect(isProcessRunning(server.pid)).toBe(true);

    const info = await readGreeting(server.port);
    expect(info).toMatch(/^INFO /);
    expect(info).toContain('"jetstream":true');
    expect(existsSync(join(dataDir, 'jetstream'))).toBe(true);

    await server.stop();
    await expect(server.exited).resolves.not.toBeUndefined();
    expect(isProcessRunning(server.pid)).toBe(false);
    expect(() => process.kill(server.pid, 0)).toThrow();
    await server.stop();
    expect(readFileSync(logFile, 'utf8')).toContain('Server is ready');
  });

  it('runs two servers side by side on different ports', async () => {
    const [a, b] = await Promise.all([
      startNatsServer({ dataDir: tempDir() }),
      startNatsServer({ dataDir: tempDir() }),
    ]);
    servers.push(a, b);
    expect(a.port).not.toBe(b.port);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('fails with the log tail when the port is taken', async () => {
    const first = await startNatsServer({ dataDir: tempDir() });
    servers.push(first);
    const attempt = startNatsServer({ dataDir: tempDir(), port: first.port });
    await expect(attempt).rejects.toThrow(
      /did not start[\s\S]*last output[\s\S]*address already in use/,
    );
    await first.stop();
  });

  it('refuses a data folder that a running server uses', async () => {
    const dataDir = tempDir();
    const first = await startNatsServer({ dataDir });
    servers.push(first);
    await expect(startNatsServer({ dataDir })).rejects.toThrow(
      new RegExp(`nats-server \\(pid ${first.pid}\\) already runs`),
    );
    await first.stop();
    const second = await startNatsServer({ dataDir });
    servers.push(second);
    await second.stop();
  });

  it('refuses to listen on all interfaces', async () => {
    await expect(startNatsServer({ dataDir: tempDir(), host: '0.0.0.0' })).rejects.toThrow(
      /all interfaces/,
    );
  });

  it('reports a missing binary clearly', async () => {
    await expect(
      startNatsServer({ dataDir: tempDir(), binary: '/nonexistent/nats-server' }),
    ).rejects.toThrow(/did not start: spawn \/nonexistent\/nats-server ENOENT/);
  });
});

describe('findNatsServerBinary', () => {
  it('prefers NATS_SERVER_BIN when it is executable', () => {
    expect(findNatsServerBinary({ NATS_SERVER_BIN: process.execPath, PATH: '' })).toBe(
      process.execPath,
    );
  });

  it('ignores a NATS_SERVER_BIN that does not exist', () => {
    const found = findNatsServerBinary({ NATS_SERVER_BIN: '/nonexistent/x', PATH: '' });
    expect(found === null || found.endsWith('/nats-server')).toBe(true);
  });
});
