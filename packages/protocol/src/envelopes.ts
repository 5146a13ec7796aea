import type { ErrorData } from './errors.js';
import type { AuditKind } from './subjects.js';

/** A verified caller, as the auth worker returns it and edges cache it. */
export interface Principal {
  /** Stable id of the credential (API key id). */
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  /** Until when an edge may keep this principal without asking again (ms since the epoch). */
  readonly cacheUntil: number;
}

/** Request of `authVerify`. */
export interface VerifyRequest {
  readonly credential: string;
}

/** Reply of `authVerify` and every other request/reply on the bus. */
export type Reply<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorData };

/** An MCP tool definition as listed to clients. */
export interface ToolDefinition {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly inputSchema: Record<string, unknown>;
  readonly outputSchema?: Record<string, unknown>;
  readonly annotations?: Record<string, unknown>;
  /** Icons for clients to show (2025-11-25; older revisions are not sent them). */
  readonly icons?: readonly Record<string, unknown>[];
  /** Execution properties, e.g. `taskSupport` (2025-11-25). */
  readonly execution?: Record<string, unknown>;
}

/** An MCP resource as listed to clients. */
export interface ResourceDefinition {
  readonly uri: string;
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly mimeType?: string;
  readonly size?: number;
  readonly annotations?: Record<string, unknown>;
  readonly icons?: readonly Record<string, unknown>[];
}

/** An MCP resource template (RFC 6570 level-1 `{var}` expressions) as listed to clients. */
export interface ResourceTemplateDefinition {
  readonly uriTemplate: string;
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly mimeType?: string;
  readonly annotations?: Record<string, unknown>;
  readonly icons?: readonly Record<string, unknown>[];
}

/** An MCP prompt as listed to clients. */
export interface PromptDefinition {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly arguments?: readonly {
    readonly name: string;
    readonly title?: string;
    readonly description?: string;
    readonly required?: boolean;
  }[];
  readonly icons?: readonly Record<string, unknown>[];
}

/**
 * The manifest a tool service announces: who it is and what it serves. Tools are called on
 * `toolServiceCall(service)`; resources, prompts and completions are asked on
 * `serviceRequest(service)`.
 */
export interface ToolManifest {
  /** Subject-safe id of the service; calls go to `toolServiceCall(service)`. */
  readonly service: string;
  readonly version: string;
  readonly tools: readonly ToolDefinition[];
  readonly resources?: readonly ResourceDefinition[];
  readonly resourceTemplates?: readonly ResourceTemplateDefinition[];
  readonly prompts?: readonly PromptDefinition[];
  readonly announcedAt: string;
}

/** Methods a service answers on `serviceRequest(service)`. */
export const ServiceMethod = {
  ReadResource: 'resources/read',
  GetPrompt: 'prompts/get',
  Complete: 'completion/complete',
} as const;
export type ServiceMethod = (typeof ServiceMethod)[keyof typeof ServiceMethod];

/** Payload of a `serviceRequest`: the MCP method and its params, as the client sent them. */
export interface ServiceRequest {
  readonly method: ServiceMethod;
  readonly params: Record<string, unknown>;
}

/** Reply of a `serviceRequest`: the MCP result. */
export type ServiceReply = Reply<Record<string, unknown>>;

/**
 * A client's answer to a server-to-client request (elicitation, sampling, roots), published by
 * whichever edge received it on `sessionReply(session, id)`.
 */
export type ClientAnswer =
  | { readonly result: Record<string, unknown> }
  | {
      readonly error: { readonly code: number; readonly message: string; readonly data?: unknown };
    };

/** One route: which service serves a tool. */
export interface Route {
  readonly service: string;
  readonly tool: ToolDefinition;
}

/** Which service serves a resource, a resource template or a prompt. */
export interface ResourceRoute {
  readonly service: string;
  readonly resource: ResourceDefinition;
}
export interface ResourceTemplateRoute {
  readonly service: string;
  readonly template: ResourceTemplateDefinition;
}
export interface PromptRoute {
  readonly service: string;
  readonly prompt: PromptDefinition;
}

/** The routing table the router publishes. Tool names are unique across services. */
export interface RouteTable {
  readonly revision: number;
  readonly generatedAt: string;
  readonly routes: readonly Route[];
  /** Absent in tables published before resources and prompts were routed. */
  readonly resources?: readonly ResourceRoute[];
  readonly resourceTemplates?: readonly ResourceTemplateRoute[];
  readonly prompts?: readonly PromptRoute[];
  /** Tool names claimed by more than one service; the first announced keeps the route. */
  readonly conflicts: readonly string[];
}

/** Content of an MCP tool result, kept opaque past its type tag. */
export interface ContentBlock {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** An MCP CallToolResult. Tool failures are results with `isError: true`, not errors. */
export interface ToolResult {
  readonly content: readonly ContentBlock[];
  readonly structuredContent?: Record<string, unknown>;
  readonly isError?: boolean;
  readonly _meta?: Record<string, unknown>;
  /**
   * 2026-07-28: `input_required` when the call needs the client's answers first; then
   * `inputRequests` holds the questions by key and `requestState` what to echo back (the edge
   * drops the empty `content` of such a result).
   */
  readonly resultType?: 'complete' | 'input_required';
  readonly inputRequests?: Record<
    string,
    { readonly method: string; readonly params: Record<string, unknown> }
  >;
  readonly requestState?: string;
}

/** Payload of a tools/call on the bus; caller and deadline travel in headers. */
export interface ToolCallRequest {
  readonly name: string;
  readonly arguments: Record<string, unknown>;
  readonly progressToken?: string | number;
  /**
   * Answers of a stateless (2026-07-28) client to the input requests of an earlier
   * `input_required` result, by key, with the opaque state that result carried.
   */
  readonly inputResponses?: Record<string, unknown>;
  readonly requestState?: string;
}

/** Reply of a tools/call on the bus. */
export type ToolCallReply = Reply<ToolResult>;

/** A session of the session-based MCP revisions, kept in the sessions bucket. */
export interface SessionRecord {
  readonly id: string;
  readonly protocolVersion: string;
  readonly principalId: string;
  readonly clientInfo: { readonly name: string; readonly version: string } | null;
  readonly clientCapabilities: Record<string, unknown>;
  readonly createdAt: string;
  /**
   * How the client is connected; absent means Streamable HTTP. Legacy HTTP+SSE (2024-11-05) and
   * WebSocket sessions get every message of the session on their one stream.
   */
  readonly transport?: 'streamable-http' | 'sse' | 'websocket';
  /** The least severe level of log messages the client wants (logging/setLevel). */
  readonly logLevel?: string;
}

/** What is recorded about one event, before the recorder chains and stamps it. */
export interface AuditInput {
  readonly kind: AuditKind;
  readonly action: string;
  readonly outcome: 'ok' | 'tool_error' | 'error' | 'denied';
  readonly principalId?: string | undefined;
  readonly sessionId?: string | undefined;
  readonly requestId?: string | undefined;
  readonly traceId?: string | undefined;
  readonly target?: string | undefined;
  readonly durationMs?: number | undefined;
  readonly errorCode?: string | undefined;
  readonly data?: Record<string, unknown> | undefined;
}

/** An audit event as published on the audit stream. */
export interface AuditEvent extends AuditInput {
  /** Unique id; also the `Nats-Msg-Id` and the projection's primary key. */
  readonly id: string;
  readonly at: string;
  /** The recorder that chained this event; each recorder keeps its own chain. */
  readonly producer: string;
  /** Position in the producer's chain, from 1. */
  readonly seq: number;
  /** Hash of the producer's previous event, or 64 zeros for the first. */
  readonly prevHash: string;
  /** sha256 over prevHash and the canonical JSON of every other field. */
  readonly hash: string;
}

/** Request to create an API key. */
export interface KeyCreateRequest {
  readonly name: string;
  readonly scopes?: readonly string[];
}

/** A created API key; `secret` is shown once and never stored. */
export interface CreatedKey {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly key: string;
}

/** An API key as listed; never holds the secret. */
export interface KeyInfo {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly scopes: readonly string[];
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** A client's `notifications/cancelled` for one of its requests, as published to workers. */
export interface RequestCancelledEvent {
  readonly sessionId: string;
  /** The JSON-RPC id of the cancelled request, JSON-encoded (ids may be numbers or strings). */
  readonly rpcId: string;
  readonly reason?: string;
}

/** Event published when a key is revoked. */
export interface KeyRevokedEvent {
  readonly keyId: string;
  readonly revokedAt: string;
}
