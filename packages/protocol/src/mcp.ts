/**
 * MCP protocol constants and JSON-RPC shapes the edges frame. Pure data, no I/O.
 */

/**
 * Session-based protocol revisions the gateway speaks (initialize handshake, Mcp-Session-Id),
 * newest first. `initialize` negotiates only among these: a stateless revision is never the
 * answer to an initialize request, since that revision has no initialize.
 */
export const SUPPORTED_PROTOCOL_VERSIONS = [
  '2025-11-25',
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
] as const;
export type ProtocolVersion = (typeof SUPPORTED_PROTOCOL_VERSIONS)[number];

/**
 * Stateless protocol revisions the gateway speaks (no initialize, no session; every request
 * carries its version, capabilities and client info in `_meta`), newest first.
 */
export const STATELESS_PROTOCOL_VERSIONS = ['2026-07-28'] as const;
export type StatelessProtocolVersion = (typeof STATELESS_PROTOCOL_VERSIONS)[number];

/** Every revision the gateway speaks, newest first (what `server/discover` lists). */
export const ALL_PROTOCOL_VERSIONS: readonly (ProtocolVersion | StatelessProtocolVersion)[] = [
  ...STATELESS_PROTOCOL_VERSIONS,
  ...SUPPORTED_PROTOCOL_VERSIONS,
];

/** The newest session-based revision; offered when an initialize asks for one not spoken. */
export const LATEST_PROTOCOL_VERSION: ProtocolVersion = SUPPORTED_PROTOCOL_VERSIONS[0];

/** Assumed by Streamable HTTP when a request carries no MCP-Protocol-Version header. */
export const DEFAULT_HTTP_PROTOCOL_VERSION: ProtocolVersion = '2025-03-26';

/** Whether a revision string is a session-based revision the gateway speaks. */
export function isSupportedProtocolVersion(v: string): v is ProtocolVersion {
  return (SUPPORTED_PROTOCOL_VERSIONS as readonly string[]).includes(v);
}

/** Whether a revision string is a stateless revision the gateway speaks. */
export function isStatelessProtocolVersion(v: string): v is StatelessProtocolVersion {
  return (STATELESS_PROTOCOL_VERSIONS as readonly string[]).includes(v);
}

/** Keys of the per-request `_meta` of the stateless revisions (and of their results). */
export const MetaKey = {
  ProtocolVersion: 'io.modelcontextprotocol/protocolVersion',
  ClientCapabilities: 'io.modelcontextprotocol/clientCapabilities',
  ClientInfo: 'io.modelcontextprotocol/clientInfo',
  LogLevel: 'io.modelcontextprotocol/logLevel',
  ServerInfo: 'io.modelcontextprotocol/serverInfo',
  SubscriptionId: 'io.modelcontextprotocol/subscriptionId',
} as const;

/** JSON-RPC 2.0 error codes: the standard ones, MCP's, and the gateway's own (-32050..). */
export const JsonRpcErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  /** Used by the SDK and the spec for generic server/transport errors. */
  ServerError: -32000,
  /** The request timed out (the SDK's RequestTimeout). */
  RequestTimeout: -32001,
  /** The serving worker or upstream is not available; retry later. */
  Unavailable: -32050,
  Forbidden: -32051,
  RateLimited: -32052,
  Conflict: -32053,
  PayloadTooLarge: -32054,
  Unauthenticated: -32055,
  /** 2026-07-28: an MCP-Protocol-Version, Mcp-Method or Mcp-Name header disagrees with the body. */
  HeaderMismatch: -32020,
  /** 2026-07-28: serving the request needs a capability the client did not declare. */
  MissingRequiredClientCapability: -32021,
  /** 2026-07-28: the request's protocol version is not one the server speaks. */
  UnsupportedProtocolVersion: -32022,
} as const;

/** A JSON-RPC id. */
export type JsonRpcId = string | number;

/** A JSON-RPC request. */
export interface JsonRpcRequest {
  readonly jsonrpc: '2.0';
  readonly id: JsonRpcId;
  readonly method: string;
  readonly params?: Record<string, unknown>;
}

/** A JSON-RPC notification. */
export interface JsonRpcNotification {
  readonly jsonrpc: '2.0';
  readonly method: string;
  readonly params?: Record<string, unknown>;
}

/** A JSON-RPC error object. */
export interface JsonRpcErrorObject {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

/** A JSON-RPC response, success or error. */
export type JsonRpcResponse =
  | { readonly jsonrpc: '2.0'; readonly id: JsonRpcId; readonly result: unknown }
  | { readonly jsonrpc: '2.0'; readonly id: JsonRpcId | null; readonly error: JsonRpcErrorObject };

/** Any JSON-RPC message. */
export type JsonRpcMessage = JsonRpcRequest | JsonRpcNotification | JsonRpcResponse;

/** MCP logging levels (RFC 5424 severities), least severe first. */
export const LOG_LEVELS = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Whether a string is an MCP logging level. */
export function isLogLevel(v: unknown): v is LogLevel {
  return typeof v === 'string' && (LOG_LEVELS as readonly string[]).includes(v);
}
