import { resolve } from 'node:path';
import { restApiConfig, type RestApiConfig } from './rest-api-role.js';

/** The roles a process can run. */
export const ROLES = ['edge', 'router', 'tool', 'audit', 'auth'] as const;
export type Role = (typeof ROLES)[number];

/** The gateway's configuration, read from the environment (and `--role`). */
export interface GatewayConfig {
  readonly roles: ReadonlySet<Role>;
  /** NATS to use; when absent the gateway spawns its own nats-server under `dataDir`. */
  readonly natsUrl: string | undefined;
  /** Postgres to use; when absent PGlite under `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly adminKey: string | undefined;
  readonly logLevel: string;
  readonly callTimeoutMs: number;
  readonly maxBodyBytes: number;
  readonly routingMode: 'direct' | 'router';
  readonly principalTtlMs: number;
  readonly auditFlushMs: number;
  readonly marketSeed: number;
  /**
   * Where the simulated market's clock starts (ms since the epoch); it then runs at real speed.
   * Unset: the real clock. Lets demos and tests trade while the real market is closed.
   */
  readonly marketClockStart: number | undefined;
  /** How long trading tools wait for the user's consent (ms); the call's deadline bounds it. */
  readonly consentTimeoutMs: number;
  /**
   * A fail point for crash tests: `after-fill` makes the tool role SIGKILL its own process
   * after an order's ledger commit and before the reply. Never set in production.
   */
  readonly failpoint: 'after-fill' | undefined;
  /** JetStream replicas of streams and buckets: 1 on one server, 3 on a cluster. */
  readonly jsReplicas: number;
  /** Browser origins allowed besides loopback ones (`*` for any). */
  readonly allowedOrigins: readonly string[];
  /** Host header names allowed; empty means loopback names on a loopback edge, any elsewhere. */
  readonly allowedHosts: readonly string[];
  /** Bytes a stream may hold for a client that does not read before it is dropped. */
  readonly maxStreamBufferBytes: number;
  /** `retry` interval (ms) sent with the priming event of a 2025-11-25 client's SSE stream. */
  readonly sseRetryMs: number;
  /** Interval of the tool role's live price ticks (ms); 0 publishes none. */
  readonly liveTicksMs: number;
  /** Items per page of list results. */
  readonly pageSize: number;
  /** Most MCP sessions held at once, all edges together. */
  readonly maxSessions: number;
  /** A session unused this long ends (ms). */
  readonly sessionIdleMs: number;
  /** Requests without a key are served as the principal `anonymous` (local testing only). */
  readonly allowAnonymous: boolean;
  /** A REST API the tool role publishes as tools through the OpenAPI adapter (`REST_API`). */
  readonly restApi: RestApiConfig | undefined;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

/** A comma-separated list, trimmed, without empty items. */
function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A boolean variable: `true`/`1` or `false`/`0`/unset. */
function bool(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new Error(`${name} must be true or false, got ${JSON.stringify(env[name])}`);
}

/** Whether a listen address only takes local connections. */
function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** An ISO 8601 instant as ms since the epoch, or undefined when unset. */
function instant(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms))
    throw new Error(`${name} must be an ISO 8601 instant, got ${JSON.stringify(raw)}`);
  return ms;
}

/** Parses MCPGW_FAILPOINT. */
function failpoint(raw: string | undefined): 'after-fill' | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw !== 'after-fill')
    throw new Error(`MCPGW_FAILPOINT must be after-fill, got ${JSON.stringify(raw)}`);
  return raw;
}

/** Parses a comma-separated role list; `all` means every role. */
export function parseRoles(raw: string | undefined): Set<Role> {
  if (!raw || raw === 'all') return new Set(ROLES);
  const roles = new Set<Role>();
  for (const r of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!(ROLES as readonly string[]).includes(r)) {
      throw new Error(`unknown role ${JSON.stringify(r)}; roles are ${ROLES.join(', ')} or all`);
    }
    roles.add(r as Role);
  }
  return roles;
}

/** Reads and validates the configuration; throws with a clear message on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv, roleArg?: string): GatewayConfig {
  const routingMode = env['ROUTING_MODE'] ?? 'direct';
  if (routingMode !== 'direct' && routingMode !== 'router') {
    throw new Error(`ROUTING_MODE must be direct or router, got ${JSON.stringify(routingMode)}`);
  }
  const host = env['HOST'] ?? '127.0.0.1';
  const allowAnonymous = bool(env, 'ALLOW_ANONYMOUS');
  if (allowAnonymous && !isLoopbackHost(host)) {
    throw new Error(`ALLOW_ANONYMOUS is for local testing: HOST must be loopback, got ${host}`);
  }
  return {
    roles: parseRoles(roleArg ?? env['ROLES']),
    natsUrl: env['NATS_URL'] || undefined,
    databaseUrl: env['DATABASE_URL'] || undefined,
    dataDir: resolve(env['DATA_DIR'] ?? 'data'),
    host,
    port: int(env, 'PORT', 8080),
    adminKey: env['MCPGW_ADMIN_KEY'] || undefined,
    logLevel: env['LOG_LEVEL'] ?? 'info',
    callTimeoutMs: int(env, 'CALL_TIMEOUT_MS', 30_000, 1),
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 4 * 1024 * 1024, 1024),
    routingMode,
    principalTtlMs: int(env, 'PRINCIPAL_TTL_MS', 300_000, 0),
    auditFlushMs: int(env, 'AUDIT_FLUSH_MS', 5, 1),
    marketSeed: int(env, 'MARKET_SEED', 42),
    marketClockStart: instant(env, 'MARKET_CLOCK_START'),
    consentTimeoutMs: int(env, 'CONSENT_TIMEOUT_MS', 60_000, 100),
    failpoint: failpoint(env['MCPGW_FAILPOINT']),
    jsReplicas: int(env, 'JS_REPLICAS', 1, 1),
    allowedOrigins: list(env['ALLOWED_ORIGINS']),
    maxStreamBufferBytes: int(env, 'MAX_STREAM_BUFFER_BYTES', 1024 * 1024, 16 * 1024),
    sseRetryMs: int(env, 'SSE_RETRY_MS', 1000, 0),
    liveTicksMs: int(env, 'LIVE_TICKS_MS', 1000, 0),
    pageSize: int(env, 'PAGE_SIZE', 100, 1),
    maxSessions: int(env, 'MAX_SESSIONS', 10_000, 1),
    sessionIdleMs: int(env, 'SESSION_IDLE_MS', 30 * 60_000, 1_000),
    allowedHosts: list(env['ALLOWED_HOSTS']).map((h) => h.toLowerCase()),
    allowAnonymous,
    restApi: restApiConfig(env),
  };
}
