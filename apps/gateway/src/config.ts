import { resolve } from 'node:path';

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
  /** JetStream replicas of streams and buckets: 1 on one server, 3 on a cluster. */
  readonly jsReplicas: number;
  /** Browser origins allowed besides loopback ones (`*` for any). */
  readonly allowedOrigins: readonly string[];
  /** Host header names allowed; empty means loopback names on a loopback edge, any elsewhere. */
  readonly allowedHosts: readonly string[];
  /** Bytes a stream may hold for a client that does not read before it is dropped. */
  readonly maxStreamBufferBytes: number;
  /** Items per page of list results. */
  readonly pageSize: number;
  /** Most MCP sessions held at once, all edges together. */
  readonly maxSessions: number;
  /** A session unused this long ends (ms). */
  readonly sessionIdleMs: number;
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
    jsReplicas: int(env, 'JS_REPLICAS', 1, 1),
    allowedOrigins: list(env['ALLOWED_ORIGINS']),
    maxStreamBufferBytes: int(env, 'MAX_STREAM_BUFFER_BYTES', 1024 * 1024, 16 * 1024),
    pageSize: int(env, 'PAGE_SIZE', 100, 1),
    maxSessions: int(env, 'MAX_SESSIONS', 10_000, 1),
    sessionIdleMs: int(env, 'SESSION_IDLE_MS', 30 * 60_000, 1_000),
    allowedHosts: list(env['ALLOWED_HOSTS']).map((h) => h.toLowerCase()),
  };
}
