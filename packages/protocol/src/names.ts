import { subjects } from './subjects.js';

/**
 * Streams, consumers and KV buckets declared as data. The bus provisions them idempotently at
 * start; these declarations are the single source of their configuration.
 */

/** A JetStream stream declaration. */
export interface StreamSpec {
  readonly name: string;
  readonly subjects: readonly string[];
  readonly description: string;
  /** Max age in milliseconds; 0 keeps forever. */
  readonly maxAgeMs: number;
  readonly denyDelete: boolean;
  readonly denyPurge: boolean;
  /** Window in which a repeated `Nats-Msg-Id` is dropped, in milliseconds. */
  readonly duplicateWindowMs: number;
  readonly storage: 'file' | 'memory';
}

/** A durable pull consumer declaration. */
export interface ConsumerSpec {
  readonly stream: string;
  readonly durable: string;
  readonly description: string;
  readonly ackWaitMs: number;
  readonly maxDeliver: number;
  readonly filterSubject?: string;
}

/** A KV bucket declaration. */
export interface KvSpec {
  readonly bucket: string;
  readonly description: string;
  /** Per-entry max age in milliseconds; 0 keeps forever. */
  readonly ttlMs: number;
  readonly history: number;
}

/** Stream names. */
export const Stream = {
  Audit: 'MCPGW_AUDIT',
  Events: 'MCPGW_EVENTS',
  SessionEvents: 'MCPGW_SESSION_EVENTS',
} as const;

/** Durable consumer names. */
export const Consumer = {
  AuditProjector: 'audit-projector',
} as const;

/** KV bucket names. */
export const Bucket = {
  Sessions: 'mcpgw-sessions',
  Manifests: 'mcpgw-manifests',
  Routes: 'mcpgw-routes',
  ResourceSubscriptions: 'mcpgw-resource-subs',
  Tasks: 'mcpgw-tasks',
  PriceAlerts: 'mcpgw-price-alerts',
  Idempotency: 'mcpgw-idempotency',
} as const;

/** Queue groups: one per worker concern, so copies share the work. */
export const QueueGroup = {
  Auth: 'mcpgw-auth',
  Router: 'mcpgw-router',
  ToolService: (serviceId: string) => `mcpgw-tool-${serviceId}`,
  /** Account administration, served by the tool role's copies. */
  AccountAdmin: 'mcpgw-account-admin',
  /** Edges share the fan-out of resource updates to subscribed sessions. */
  Fanout: 'mcpgw-fanout',
} as const;

/** The audit stream: immutable (no delete, no purge), kept forever. */
export const auditStream: StreamSpec = {
  name: Stream.Audit,
  subjects: [subjects.auditAll()],
  description: 'Immutable, hash-chained audit trail of the gateway',
  maxAgeMs: 0,
  denyDelete: true,
  denyPurge: true,
  duplicateWindowMs: 120_000,
  storage: 'file',
};

/** Domain events (key revocations, registry changes), kept a week. */
export const eventsStream: StreamSpec = {
  name: Stream.Events,
  subjects: [subjects.eventsAll()],
  description: 'Gateway domain events',
  maxAgeMs: 7 * 24 * 3600_000,
  denyDelete: false,
  denyPurge: false,
  duplicateWindowMs: 120_000,
  storage: 'file',
};

/**
 * Every message for a client session, kept a while so a broken SSE stream can resume on any
 * edge from its Last-Event-ID (the stream sequence).
 */
export const sessionEventsStream: StreamSpec = {
  name: Stream.SessionEvents,
  subjects: [subjects.sessionOutAll()],
  description: 'Messages for client sessions, for resumable streams',
  maxAgeMs: 15 * 60_000,
  denyDelete: false,
  denyPurge: false,
  duplicateWindowMs: 60_000,
  storage: 'file',
};

/** The audit worker's durable consumer that projects the trail into Postgres. */
export const auditProjectorConsumer: ConsumerSpec = {
  stream: Stream.Audit,
  durable: Consumer.AuditProjector,
  description: 'Projects audit events into Postgres',
  ackWaitMs: 30_000,
  maxDeliver: -1,
};

/** Session state of the session-based MCP revisions. */
export const sessionsBucket: KvSpec = {
  bucket: Bucket.Sessions,
  description: 'MCP sessions',
  ttlMs: 0,
  history: 1,
};

/** Tool manifests announced by tool services, one key per service. */
export const manifestsBucket: KvSpec = {
  bucket: Bucket.Manifests,
  description: 'Tool manifests announced by services',
  ttlMs: 0,
  history: 1,
};

/** The routing table the router publishes and edges read in process. */
export const routesBucket: KvSpec = {
  bucket: Bucket.Routes,
  description: 'Routing table: tool name to service',
  ttlMs: 0,
  history: 5,
};

/**
 * Resource subscriptions of sessions: one key `<uri digest>.<session id>` each, so the sessions
 * subscribed to one URI are one key filter away. Entries of ended sessions are dropped when an
 * update finds them.
 */
export const resourceSubscriptionsBucket: KvSpec = {
  bucket: Bucket.ResourceSubscriptions,
  description: 'Resource subscriptions of client sessions',
  ttlMs: 0,
  history: 1,
};

/**
 * Idempotency records of side-effecting calls (order placement by account and client order id):
 * a retry through any edge finds the first call's outcome. Kept a day; the ledger's uniqueness
 * is the last word after that.
 */
export const idempotencyBucket: KvSpec = {
  bucket: Bucket.Idempotency,
  description: 'Idempotency keys of side-effecting calls',
  ttlMs: 24 * 3600_000,
  history: 1,
};

/**
 * Tasks (2025-11-25 task-augmented tools/call), one key `<session id>.<task id>` each: status,
 * and the result once there is one. Entries live at most an hour (a task's longest ttl).
 */
export const tasksBucket: KvSpec = {
  bucket: Bucket.Tasks,
  description: 'Tasks of client sessions and their results',
  ttlMs: 3_600_000,
  history: 1,
};

/** Price alerts of StockPulse users, one key `<principal digest>.<alert id>` each. */
export const priceAlertsBucket: KvSpec = {
  bucket: Bucket.PriceAlerts,
  description: 'StockPulse price alerts',
  ttlMs: 0,
  history: 1,
};

/** Everything the gateway provisions at start. */
export const provisioning = {
  streams: [auditStream, eventsStream, sessionEventsStream],
  consumers: [auditProjectorConsumer],
  buckets: [
    sessionsBucket,
    manifestsBucket,
    routesBucket,
    resourceSubscriptionsBucket,
    idempotencyBucket,
    tasksBucket,
    priceAlertsBucket,
  ],
} as const;

/** Key of the single routing-table entry in the routes bucket. */
export const ROUTE_TABLE_KEY = 'table';
