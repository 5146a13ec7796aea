import { spawn } from 'node:child_process';
import { chownSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createOutputTail, probeTcp, waitForLines } from '@stockpulse/embedded';
import { findFreePort } from './free-port.js';
import { stopPostgresProcess } from './postgres-process.js';
import type { AdminPostgres } from './postgres-server.js';
import { createPsqlRunner } from './psql.js';
import { guardResource } from './resource-guard.js';
import { runCommand } from './run-command.js';
import { postgresServiceUser } from './service-user.js';
import { makeTempDir } from './temp-dir.js';

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 30_000;
const READY_LINE = /database system is ready to accept connections/;
const PORT_TAKEN = /could not bind|Address already in use/i;
/** Durability is worthless for throwaway test data; speed is not. */
const SETTINGS: Readonly<Record<string, string>> = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '200',
};

interface RunAs {
  readonly uid?: number;
  readonly gid?: number;
}

/** C locale: English log lines to wait for, the same collation everywhere. */
function serverEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LANG: 'C' };
}

async function launch(
  binDir: string,
  dir: string,
  port: number,
  as: RunAs,
): Promise<AdminPostgres> {
  const binary = join(binDir, 'postgres');
  const settings = Object.entries(SETTINGS).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
  const args = ['-D', join(dir, 'data'), '-p', String(port), '-h', HOST, '-k', dir, ...settings];
  const child = spawn(binary, args, {
    cwd: dir,
    env: serverEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...as,
  });
  const output = createOutputTail([child.stdout, child.stderr], 40);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => child.pid === undefined && resolve(null));
  });
  const ready = waitForLines(output, exited, READY_TIMEOUT_MS, READY_LINE);
  ready.catch(() => undefined); // awaited below unless the spawn itself failed
  const pid = child.pid;
  if (pid === undefined) {
    await exited;
    throw new Error(`could not start ${binary}`);
  }
  const release = guardResource({ pid, comm: 'postgres', signal: 'SIGQUIT' });
  try {
    await ready;
    await probeTcp(HOST, port, 2_000);
  } catch (err) {
    await stopPostgresProcess(child, exited);
    release();
    const reason = (err as Error).message;
    throw new Error(`postgres did not start on port ${port}: ${reason}\n${output.text()}`);
  }
  const adminUrl = `postgres://postgres@${HOST}:${port}/postgres`;
  let stopping: Promise<void> | undefined;
  return {
    adminUrl,
    exited,
    runSql: createPsqlRunner(join(binDir, 'psql'), adminUrl),
    stop: () =>
      (stopping ??= (async () => {
        await stopPostgresProcess(child, exited);
        release();
      })()),
  };
}

/**
 * Creates a private Postgres cluster in a fresh temp folder with the binaries in `binDir`
 * (initdb, trust auth, superuser `postgres`) and starts it on a free port of 127.0.0.1, its unix
 * socket in that folder, tuned for tests. As root, the server runs as `postgres` (or `nobody`).
 * `stop()` stops it and removes the folder; both also happen when this process ends.
 */
export async function startPostgresCluster(binDir: string): Promise<AdminPostgres> {
  const dir = makeTempDir('stockpulse-pg-');
  const releaseDir = guardResource({ dir });
  const removeDir = (): void => {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    releaseDir();
  };
  try {
    const user = postgresServiceUser();
    const as: RunAs = user ? { uid: user.uid, gid: user.gid } : {};
    if (user) chownSync(dir, user.uid, user.gid);
    const initdbArgs = ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust'];
    initdbArgs.push('-E', 'UTF8', '--locale=C', '--no-sync');
    await runCommand(join(binDir, 'initdb'), initdbArgs, {
      cwd: dir,
      env: serverEnv(),
      timeoutMs: 120_000,
      ...as,
    });
    for (let attempt = 1; ; attempt++) {
      try {
        const server = await launch(binDir, dir, await findFreePort(HOST), as);
        let stopping: Promise<void> | undefined;
        return {
          ...server,
          stop: () =>
            (stopping ??= (async () => {
              await server.stop();
              removeDir();
            })()),
        };
      } catch (err) {
        if (attempt >= 3 || !PORT_TAKEN.test((err as Error).message)) throw err;
      }
    }
  } catch (err) {
    removeDir();
    throw err;
  }
}
