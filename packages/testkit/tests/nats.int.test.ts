import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startNats } from '../src/index.js';
import { canConnect, hostPort } from './helpers.js';

function readInfo(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(chunk.toString('utf8'));
    });
    socket.once('error', reject);
  });
}

describe('startNats', () => {
  it('starts a JetStream-enabled nats-server on a loopback port and stops it', async () => {
    const nats = await startNats();
    const { host, port } = hostPort(nats.url);
    expect(host).toBe('127.0.0.1');
    const info = await readInfo(host, port);
    expect(info).toMatch(/^INFO /);
    expect(info).toContain('"jetstream":true');

    await nats.stop();
    await nats.stop();
    expect(await canConnect(host, port)).toBe(false);
  });

  it('gives each call its own server', async () => {
    const [a, b] = await Promise.all([startNats(), startNats()]);
    expect(a.url).not.toBe(b.url);
    await Promise.all([a.stop(), b.stop()]);
  });
});
