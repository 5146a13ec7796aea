import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { findNatsServerBinary, startNatsServer } from '@stockpulse/embedded';
import { findContainerRuntime, startLoopbackContainer } from './container-runtime.js';
import { guardResource } from './resource-guard.js';
import { makeTempDir } from './temp-dir.js';

/** A NATS server with JetStream started for a test; see {@link startNats}. */
export interface TestNats {
  /** The client URL, `nats://127.0.0.1:PORT`. */
  readonly url: string;
  /** Stops the server and removes its files. Idempotent. */
  stop(): Promise<void>;
}

async function startLocalNats(binary: string): Promise<TestNats> {
  const dir = makeTempDir('stockpulse-nats-');
  const releaseDir = guardResource({ dir });
  const removeDir = (): void => {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    releaseDir();
  };
  let server;
  try {
    server = await startNatsServer({ dataDir: dir, binary });
  } catch (err) {
    removeDir();
    throw err;
  }
  const comm = basename(binary).slice(0, 15);
  const releaseProcess = guardResource({ pid: server.pid, comm, signal: 'SIGKILL' });
  let stopping: Promise<void> | undefined;
  return {
    url: server.url,
    stop: () =>
      (stopping ??= (async () => {
        await server.stop();
        releaseProcess();
        removeDir();
      })()),
  };
}

/**
 * Starts a fresh nats-server with JetStream on a free loopback port, its store in a new temp
 * folder, through `@stockpulse/embedded`. Without a nats-server binary it falls back to a
 * `nats:2.10` container when a Docker engine answers. Whatever it starts is stopped when the test
 * process ends, even abruptly.
 */
export async function startNats(): Promise<TestNats> {
  const binary = findNatsServerBinary();
  if (binary) return startLocalNats(binary);
  const tc = await findContainerRuntime();
  if (!tc) {
    throw new Error(
      'no nats-server binary and no Docker engine: run scripts/install-deps.sh or set NATS_SERVER_BIN',
    );
  }
  const container = await startLoopbackContainer(tc, {
    image: 'nats:2.10',
    command: ['-js'],
    port: 4222,
    readyLog: /Server is ready/,
  });
  let stopping: Promise<void> | undefined;
  return {
    url: `nats://${container.getHost()}:${container.getMappedPort(4222)}`,
    stop: () =>
      (stopping ??= (async () => {
        await container.stop();
      })()),
  };
}
