import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, openSync, type WriteStream } from 'node:fs';
import { isIPv6 } from 'node:net';
import { dirname } from 'node:path';
import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import { addExitCleanup, terminateProcessSync } from './exit-cleanup.js';
import { pidFile, refuseIfRunning } from './pid-file.js';
import { findNatsServerBinary } from './nats-binary.js';
import { createOutputTail } from './output-tail.js';
import { probeTcp, waitForLines } from './readiness.js';

/** Options of {@link startNatsServer}. */
export interface NatsServerOptions {
  /** The server's folder, created if missing; JetStream keeps its files in `<dataDir>/jetstream`. */
  readonly dataDir: string;
  /** The client port; 0 (the default) lets the server pick a free one. */
  readonly port?: number;
  /** The address to listen on; default 127.0.0.1. A wildcard address (0.0.0.0, ::) is refused. */
  readonly host?: string;
  /** The nats-server executable; default {@link findNatsServerBinary}. */
  readonly binary?: string;
  /** A file the server's log is appended to, besides being read for readiness. */
  readonly logFile?: string;
}

/** A running nats-server started by {@link startNatsServer}. */
export interface NatsServerHandle {
  /** The client URL, `nats://HOST:PORT`. */
  readonly url: string;
  /** The client port the server listens on. */
  readonly port: number;
  /** The server's process id. */
  readonly pid: number;
  /** The folder given as `dataDir`. */
  readonly dataDir: string;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the process is gone. Idempotent. */
  stop(): Promise<void>;
  /** Resolves with the exit code (null when ended by a signal) when the process ends. */
  readonly exited: Promise<number | null>;
}

const DEFAULT_HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 5_000;
const EXIT_HOOK_GRACE_MS = 1_000;
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]', '']);
const LISTENING_LINE = /Listening for client connections on .*:(\d+)\s*$/;
const READY_LINE = /Server is ready/;

function checkHost(host: string): string {
  if (WILDCARD_HOSTS.has(host.trim())) {
    throw new GatewayError(
      ErrorCode.BadRequest,
      `nats-server must not listen on all interfaces (host ${JSON.stringify(host)})`,
    );
  }
  return host;
}

function natsArgs(host: string, port: number, dataDir: string): string[] {
  // nats-server appends `jetstream` to the store dir itself; -p -1 picks a random free port.
  const portArg = port === 0 ? '-1' : String(port);
  return ['-a', host, '-p', portArg, '-js', '-sd', dataDir, '-P', pidFile(dataDir)];
}

function watchExit(child: ChildProcess): {
  exited: Promise<number | null>;
  spawnError: () => Error | undefined;
} {
  let spawnError: Error | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (err) => {
      spawnError = err;
      if (child.pid === undefined) resolve(null);
    });
  });
  return { exited, spawnError: () => spawnError };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const escalate = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(escalate);
}

/** Opens the log copy now, so that a bad path fails the start instead of a later write. */
function openLog(logFile: string): WriteStream {
  mkdirSync(dirname(logFile), { recursive: true });
  const stream = createWriteStream('', { fd: openSync(logFile, 'a') });
  stream.on('error', () => undefined); // a full disk must not crash the process over a log copy
  return stream;
}

function startFailure(binary: string, reason: string, logTail: string, cause?: unknown) {
  const message = `nats-server (${binary}) did not start: ${reason}\n--- last output ---\n${logTail}`;
  return new GatewayError(ErrorCode.Unavailable, message, {
    retryable: false,
    details: { binary, logTail },
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Starts `nats-server` with JetStream as a child process on a loopback address and resolves
 * once it accepts client connections (its "Server is ready" log line and a TCP connect), within
 * 10 s. The server is killed when this process exits, even if `stop()` is never called.
 */
export async function startNatsServer(options: NatsServerOptions): Promise<NatsServerHandle> {
  const host = checkHost(options.host ?? DEFAULT_HOST);
  const binary = options.binary ?? findNatsServerBinary();
  if (!binary) {
    throw new GatewayError(
      ErrorCode.Unavailable,
      'nats-server not found: run scripts/install-deps.sh, put it on PATH or set NATS_SERVER_BIN',
      { retryable: false },
    );
  }
  mkdirSync(options.dataDir, { recursive: true });
  refuseIfRunning(options.dataDir);
  const log = options.logFile ? openLog(options.logFile) : undefined;

  const child = spawn(binary, natsArgs(host, options.port ?? 0, options.dataDir), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = createOutputTail([child.stdout, child.stderr], 40, (c) => log?.write(c));
  const { exited, spawnError } = watchExit(child);
  const ready = waitForLines(output, exited, READY_TIMEOUT_MS, LISTENING_LINE, READY_LINE);
  ready.catch(() => undefined); // awaited below unless the spawn itself failed
  const pid = child.pid;
  if (pid === undefined) {
    await exited;
    log?.end();
    throw startFailure(binary, spawnError()?.message ?? 'spawn failed', '', spawnError());
  }
  const unhook = addExitCleanup(() => terminateProcessSync(pid, { graceMs: EXIT_HOOK_GRACE_MS }));
  void exited.then(unhook);
  child.once('close', () => log?.end()); // after the last output, unlike 'exit'

  let port: number;
  try {
    const [listening = ''] = await ready;
    port = Number(LISTENING_LINE.exec(listening)?.[1]);
    await probeTcp(host, port, 2_000);
  } catch (err) {
    await stopChild(child, exited);
    throw startFailure(binary, (err as Error).message, output.text(), err);
  }

  let stopping: Promise<void> | undefined;
  return {
    url: `nats://${isIPv6(host) ? `[${host}]` : host}:${port}`,
    port,
    pid,
    dataDir: options.dataDir,
    stop: () => (stopping ??= stopChild(child, exited)),
    exited,
  };
}
