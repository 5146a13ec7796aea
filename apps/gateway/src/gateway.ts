import { hostname } from 'node:os';
import { join } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { provisioning, sessionsBucket, type Logger } from '@stockpulse/protocol';
import { createBus, type Bus } from '@stockpulse/bus';
import {
  createApiKeyRepository,
  createAuditRepository,
  createDatabase,
  type Database,
} from '@stockpulse/db';
import { startNatsServer, type NatsServerHandle } from '@stockpulse/embedded';
import { createAuditRecorder, startAuditProjector } from '@stockpulse/audit';
import {
  anonymousPrincipal,
  createKeyAdmin,
  createPrincipalCache,
  startAuthWorker,
} from '@stockpulse/auth';
import { createRouteCache, startRouter } from '@stockpulse/router';
import { createSessionStore, defaultOriginPolicy, startEdgeServer } from '@stockpulse/edge';
import type { GatewayConfig } from './config.js';
import { resolveAdminKey } from './admin-key.js';
import { VERSION } from './version.js';
import { startStockpulseRole } from './stockpulse-role.js';
import { startRestApiRole } from './rest-api-role.js';

/** A running gateway process (any subset of roles). */
export interface Gateway {
  readonly natsUrl: string;
  /** MCP endpoint, when this process runs the edge. */
  readonly mcpUrl: string | undefined;
  /** The bootstrap admin key, when this process runs the auth role. */
  readonly adminKey: string | undefined;
  readonly databaseLabel: string | undefined;
  readonly bus: Bus;
  /** Drains and stops every role, in-flight calls first; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the roles in `config.roles` against one NATS: spawns a local nats-server when no
 * NATS_URL is given, provisions streams and buckets, opens the database for the roles that
 * need it, and wires each role.
 */
export async function startGateway(config: GatewayConfig, logger: Logger): Promise<Gateway> {
  const stops: Array<() => Promise<void>> = [];
  const run = async (): Promise<Gateway> => {
    let nats: NatsServerHandle | undefined;
    let natsUrl = config.natsUrl;
    if (!natsUrl) {
      await mkdir(config.dataDir, { recursive: true });
      nats = await startNatsServer({ dataDir: join(config.dataDir, 'nats') });
      natsUrl = nats.url;
      await writeFile(join(config.dataDir, 'nats.url'), `${natsUrl}\n`);
      stops.push(() => nats!.stop());
    }
    const roles = [...config.roles].join(',');
    const bus = await createBus({ url: natsUrl, name: `stockpulse-gateway[${roles}]`, logger });
    stops.push(() => bus.drain());
    // The sessions bucket's TTL is the idle expiry; every process provisions the same value.
    const buckets = provisioning.buckets.map((b) =>
      b.bucket === sessionsBucket.bucket ? { ...b, ttlMs: config.sessionIdleMs } : b,
    );
    await bus.provision({ ...provisioning, buckets }, { replicas: config.jsReplicas });
    const recorder = createAuditRecorder({
      bus,
      producer: `gw-${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`,
      logger,
      flushIntervalMs: config.auditFlushMs,
    });
    stops.push(() => recorder.close());

    let db: Database | undefined;
    let databaseLabel: string | undefined;
    if (config.roles.has('auth') || config.roles.has('audit') || config.roles.has('tool')) {
      const pgliteDir = join(config.dataDir, 'pglite');
      db = await createDatabase(config.databaseUrl ? { url: config.databaseUrl } : { pgliteDir });
      databaseLabel = config.databaseUrl ? 'Postgres (DATABASE_URL)' : `PGlite at ${pgliteDir}`;
      stops.push(() => db!.destroy());
      await db.migrate();
    }
    let adminKey: string | undefined;
    if (config.roles.has('auth') && db) {
      const keys = createApiKeyRepository(db);
      const admin = createKeyAdmin(keys, async (input) => {
        await recorder.recordDurable(input);
      });
      adminKey = await resolveAdminKey(config.dataDir, config.adminKey);
      await admin.ensureBootstrapKey(adminKey);
      const worker = await startAuthWorker({
        bus,
        keys,
        admin,
        logger,
        principalTtlMs: config.principalTtlMs,
      });
      stops.push(() => worker.stop());
    }
    if (config.roles.has('audit') && db) {
      const projector = await startAuditProjector({ bus, repo: createAuditRepository(db), logger });
      stops.push(() => projector.stop());
    }
    if (config.roles.has('router')) {
      const router = await startRouter({ bus, logger, forward: config.routingMode === 'router' });
      stops.push(() => router.stop());
    }
    if (config.roles.has('tool')) {
      stops.push(...(await startStockpulseRole({ bus, db, recorder, config, logger })));
      stops.push(...(await startRestApiRole({ bus, config, logger })));
    }
    let mcpUrl: string | undefined;
    if (config.roles.has('edge')) {
      if (config.allowAnonymous)
        logger.warn({}, 'ALLOW_ANONYMOUS: requests without a key are served');
      const principals = createPrincipalCache({
        bus,
        logger,
        ...(config.allowAnonymous ? { anonymous: anonymousPrincipal() } : {}),
      });
      stops.push(() => principals.stop());
      const sessions = await createSessionStore(bus, {
        logger,
        maxSessions: config.maxSessions,
        idleMs: config.sessionIdleMs,
      });
      stops.push(async () => sessions.stop());
      const routes = await createRouteCache(bus, logger);
      stops.push(async () => routes.stop());
      const edge = await startEdgeServer(
        { bus, principals, sessions, routes, recorder, logger },
        {
          host: config.host,
          port: config.port,
          path: '/mcp',
          callTimeoutMs: config.callTimeoutMs,
          pageSize: config.pageSize,
          maxStreamBufferBytes: config.maxStreamBufferBytes,
          sseRetryMs: config.sseRetryMs,
          maxBodyBytes: config.maxBodyBytes,
          routingMode: config.routingMode,
          serverInfo: { name: 'stockpulse-mcp-gateway', version: VERSION },
          instructions: 'StockPulse market data and paper trading. Prices are simulated demo data.',
          originPolicy: defaultOriginPolicy(
            config.host,
            config.allowedOrigins,
            config.allowedHosts,
          ),
        },
      );
      mcpUrl = edge.url;
      stops.push(() => edge.close());
    }
    let stopping: Promise<void> | undefined;
    return {
      natsUrl,
      mcpUrl,
      adminKey,
      databaseLabel,
      bus,
      stop: () => (stopping ??= stopAll(stops, logger)),
    };
  };
  try {
    return await run();
  } catch (err) {
    await stopAll(stops, logger);
    throw err;
  }
}

/** Runs stop functions in reverse start order; one failing does not keep the rest running. */
async function stopAll(stops: Array<() => Promise<void>>, logger: Logger): Promise<void> {
  for (const stop of stops.reverse()) {
    const started = Date.now();
    try {
      await stop();
      logger.debug({ step: stop.name || 'anonymous', ms: Date.now() - started }, 'stopped');
    } catch (err) {
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'stop failed');
    }
  }
}
