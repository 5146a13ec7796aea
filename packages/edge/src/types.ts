import type { Logger, Principal, SessionRecord } from '@stockpulse/protocol';
import type { Bus } from '@stockpulse/bus';
import type { PrincipalCache } from '@stockpulse/auth';
import type { AuditRecorder } from '@stockpulse/audit';
import type { RouteCache } from '@stockpulse/router';
import type { SessionStore } from './session-store.js';
import type { OriginPolicy } from './origin-guard.js';
import type { SubscriptionRegistry } from './subscriptions.js';
import type { TaskStore } from './tasks.js';

/** How a tools/call reaches its service. */
export const RoutingMode = {
  /** The edge looks the route up in its KV-fed table and asks the service directly. */
  Direct: 'direct',
  /** The edge asks the router, which forwards with the edge's reply inbox. */
  Router: 'router',
} as const;
export type RoutingMode = (typeof RoutingMode)[keyof typeof RoutingMode];

/** Settings of an edge. */
export interface EdgeSettings {
  readonly host: string;
  readonly port: number;
  /** Path of the MCP endpoint. */
  readonly path: string;
  readonly callTimeoutMs: number;
  /** Items per page of a list result (tools/list). */
  readonly pageSize: number;
  readonly maxBodyBytes: number;
  /** The `retry` interval (ms) sent to 2025-11-25 clients with a stream's priming event (1000). */
  readonly sseRetryMs?: number;
  /** Most bytes a stream may hold for a client that does not read; past it the stream is dropped. */
  readonly maxStreamBufferBytes: number;
  readonly routingMode: RoutingMode;
  readonly serverInfo: { readonly name: string; readonly version: string };
  readonly instructions?: string;
  /** Origin and Host validation against DNS rebinding. */
  readonly originPolicy: OriginPolicy;
}

/** What the edge is built from. */
export interface EdgeDeps {
  readonly bus: Bus;
  readonly principals: PrincipalCache;
  readonly sessions: SessionStore;
  readonly routes: RouteCache;
  readonly recorder: AuditRecorder;
  readonly logger: Logger;
  /** Resource subscriptions; the edge server opens them itself when not given. */
  readonly subscriptions?: SubscriptionRegistry;
  /** Tasks (2025-11-25); the edge server opens them itself when not given. */
  readonly tasks?: TaskStore;
}

/** What one JSON-RPC request is served with. */
export interface CallContext {
  readonly principal: Principal;
  readonly session: SessionRecord;
  /** Correlates the request across the bus, the audit trail and its notifications. */
  readonly requestId: string;
  /** The client's JSON-RPC id of the request. */
  readonly rpcId: string | number;
  /**
   * How a worker may ask the client something while serving this request: `stream` when the
   * answer goes out on a stream that can carry server-to-client requests (an SSE response, a
   * legacy SSE or WebSocket session), `input-required` for a stateless client; absent: it cannot.
   */
  readonly interaction?: 'stream' | 'input-required';
}
