/**
 * MCP protocol constants and JSON-RPC shapes the edges frame. Pure data, no I/O.
 */

/** Protocol revisions the gateway speaks, newest first. */
export const SUPPORTED_PROTOCOL_VERSIONS = [
  '2025-11-25',
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
] as const;
export type ProtocolVersion = (typeof SUPPORTED_PROTOCOL_VERSIONS)[number];

/** The newest revision; offered when a client asks for one the gateway does not speak. */
export const LATEST_PROTOCOL_VERSION: ProtocolVersion = SUPPORTED_PROTOCOL_VERSIONS[0];

/** Assumed by Streamable HTTP when a request carries no MCP-Protocol-Version header. */
export const DEFAULT_HTTP_PROTOCOL_VERSION: ProtocolVersion = '2025-03-26';

/** Whether a revision string is one the gateway speaks. */
export function isSupportedProtocolVersion(v: string): v is ProtocolVersion {
  return (SUPPORTED_PROTOCOL_VERSIONS as readonly string[]).includes(v);
}

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
