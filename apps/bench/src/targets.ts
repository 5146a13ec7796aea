import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpClient } from './http-client.js';
import { sendInitialize, type Endpoint } from './mcp-session.js';
import type { Supervisor } from './supervisor.js';

/** A server under test, running in its own process group. */
export interface Target extends Endpoint {
  /** `direct`, `gateway` or `gateway-router`. */
  readonly name: string;
  /** Process group of the target (the server and anything it spawned), for CPU accounting. */
  readonly pgid: number;
  /** The target's NATS, for the gateway. */
  readonly natsUrl: string | undefined;
}

/** Where the built entry points are. */
export interface Paths {
  readonly directServerMain: string;
  readonly gatewayMain: string;
}

const LOOPBACK = '127.0.0.1';
const START_TIMEOUT_MS = 90_000;

/** A port free on loopback right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, LOOPBACK, () => {
      const addr = srv.address();
      srv.close(() =>
        addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Polls `initialize` until the endpoint answers 200, or throws after `timeoutMs`. */
export async function waitUntilAnswers(endpoint: Endpoint, timeoutMs: number): Promise<void> {
  const http = createHttpClient(endpoint.url, 1);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  try {
    while (Date.now() < deadline) {
      try {
        const reply = await sendInitialize(http, endpoint, 'bench-probe');
        if (reply.status === 200) return;
        last = `HTTP ${reply.status} ${reply.text.slice(0, 200)}`;
      } catch (err) {
        last = err instanceof Error ? err.message : String(err);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    http.close();
  }
  throw new Error(`${endpoint.url.href} did not answer initialize within ${timeoutMs} ms: ${last}`);
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // The targets are self-contained: never an external NATS or database by accident.
  delete env['NATS_URL'];
  delete env['DATABASE_URL'];
  delete env['HOST'];
  return { ...env, ...extra };
}

/** Starts the plain SDK server as a child process and waits until it answers. */
export async function startDirectTarget(
  sup: Supervisor,
  paths: Paths,
  seed: number,
): Promise<Target> {
  const child = sup.spawn('direct', process.execPath, [paths.directServerMain], {
    ...childEnv({ HOST: LOOPBACK, PORT: '0', MARKET_SEED: String(seed) }),
  });
  const [, url = ''] = await child.waitForLine(/^listening (\S+)/, START_TIMEOUT_MS);
  const target: Target = {
    name: 'direct',
    url: new URL(url),
    authorization: undefined,
    pgid: child.pid,
    natsUrl: undefined,
  };
  await waitUntilAnswers(target, START_TIMEOUT_MS);
  return target;
}

/**
 * Starts `gateway start` as a child process on a free loopback port with a temp data folder
 * (it spawns its own nats-server there and uses PGlite), and waits until the MCP endpoint
 * answers an authenticated `initialize`.
 */
export async function startGatewayTarget(
  sup: Supervisor,
  paths: Paths,
  opts: { name: string; routingMode: 'direct' | 'router'; seed: number },
): Promise<Target> {
  const dataDir = await mkdtemp(join(tmpdir(), `mcpgw-bench-${opts.name}-`));
  sup.defer(() => rm(dataDir, { recursive: true, force: true }));
  const adminKey = `bench-${randomBytes(24).toString('hex')}`;
  const port = await freePort();
  const child = sup.spawn(opts.name, process.execPath, [paths.gatewayMain, 'start'], {
    ...childEnv({
      HOST: LOOPBACK,
      PORT: String(port),
      DATA_DIR: dataDir,
      MCPGW_ADMIN_KEY: adminKey,
      LOG_LEVEL: 'warn',
      ROUTING_MODE: opts.routingMode,
      MARKET_SEED: String(opts.seed),
      // Live ticks would add bus traffic that is not the calls' own.
      LIVE_TICKS_MS: '0',
    }),
  });
  const [, printed] = await child.waitForLine(/MCP endpoint:\s+(\S+)/, START_TIMEOUT_MS);
  const url = new URL(printed ?? `http://${LOOPBACK}:${port}/mcp`);
  const natsUrl =
    (await readFile(join(dataDir, 'nats.url'), 'utf8').catch(() => '')).trim() || undefined;
  const target: Target = {
    name: opts.name,
    url,
    authorization: `Bearer ${adminKey}`,
    pgid: child.pid,
    natsUrl,
  };
  await waitUntilAnswers(target, START_TIMEOUT_MS);
  return target;
}
