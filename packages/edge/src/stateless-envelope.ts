import type { IncomingHttpHeaders } from 'node:http';
import {
  ALL_PROTOCOL_VERSIONS,
  JsonRpcErrorCode,
  MetaKey,
  isLogLevel,
  isStatelessProtocolVersion,
  isSupportedProtocolVersion,
  type JsonRpcErrorObject,
  type LogLevel,
  type StatelessProtocolVersion,
} from '@stockpulse/protocol';
import type { IncomingMessage } from './json-rpc.js';

/** What a stateless (2026-07-28) request says about its client, from its `_meta`. */
export interface StatelessEnvelope {
  readonly protocolVersion: StatelessProtocolVersion;
  readonly clientCapabilities: Record<string, unknown>;
  readonly clientInfo: { readonly name: string; readonly version: string } | null;
  /** The least severe log level the client wants for this request; absent: no log messages. */
  readonly logLevel?: LogLevel;
}

/** Why a stateless request is refused before it is served: the HTTP status and the error. */
export interface StatelessRejection {
  readonly status: number;
  readonly error: JsonRpcErrorObject;
}

const VERSION_HEADER = 'mcp-protocol-version';
const METHOD_HEADER = 'mcp-method';
const NAME_HEADER = 'mcp-name';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A header's value with optional whitespace trimmed (RFC 9110 §5.5); undefined when absent. */
function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : first.trim();
}

/**
 * Whether a POST belongs to the stateless revision: its MCP-Protocol-Version header names a
 * revision that is not session-based (a stateless one, or one nobody speaks, which only the
 * stateless path can refuse with the supported list), or it carries no version header but its
 * single request carries a `_meta` protocol version and is not an initialize. Session-based
 * clients always send a session-based version header after initialize, so they never land here.
 */
export function isStatelessRequest(
  headers: IncomingHttpHeaders,
  messages: readonly IncomingMessage[],
): boolean {
  const version = headerValue(headers, VERSION_HEADER);
  if (version !== undefined && version !== '') return !isSupportedProtocolVersion(version);
  const m = messages[0];
  if (messages.length !== 1 || m?.kind !== 'request' || m.method === 'initialize') return false;
  const meta = m.params['_meta'];
  return isObject(meta) && meta[MetaKey.ProtocolVersion] !== undefined;
}

function reject(status: number, code: number, message: string, data?: unknown): StatelessRejection {
  return { status, error: { code, message, ...(data === undefined ? {} : { data }) } };
}

/** The `params` key whose value the Mcp-Name header must repeat, for methods that have one. */
export function nameParamOf(method: string): 'name' | 'uri' | undefined {
  if (method === 'tools/call' || method === 'prompts/get') return 'name';
  if (method === 'resources/read') return 'uri';
  return undefined;
}

/**
 * Checks the headers and `_meta` of a stateless request in the order the specification gives:
 * a version header must be present (-32020), `_meta` must carry the protocol version and the
 * client capabilities (-32602), the two versions must agree (-32020), the version must be one
 * the gateway speaks (-32022, listing the supported ones), and the Mcp-Method and Mcp-Name
 * headers must repeat the body's method and name or URI (-32020). Every refusal is HTTP 400.
 */
export function checkStatelessRequest(
  headers: IncomingHttpHeaders,
  method: string,
  params: Record<string, unknown>,
): StatelessEnvelope | StatelessRejection {
  const version = headerValue(headers, VERSION_HEADER);
  if (!version) {
    return reject(400, JsonRpcErrorCode.HeaderMismatch, 'Missing MCP-Protocol-Version header');
  }
  const meta = params['_meta'];
  const missing = !isObject(meta)
    ? [MetaKey.ProtocolVersion, MetaKey.ClientCapabilities]
    : [MetaKey.ProtocolVersion, MetaKey.ClientCapabilities].filter((k) => meta[k] === undefined);
  if (!isObject(meta) || missing.length > 0) {
    return reject(
      400,
      JsonRpcErrorCode.InvalidParams,
      `Invalid params: missing _meta keys: ${missing.join(', ')}`,
    );
  }
  const metaVersion = meta[MetaKey.ProtocolVersion];
  const caps = meta[MetaKey.ClientCapabilities];
  if (typeof metaVersion !== 'string' || !isObject(caps)) {
    return reject(
      400,
      JsonRpcErrorCode.InvalidParams,
      `Invalid params: _meta ${MetaKey.ProtocolVersion} must be a string and ${MetaKey.ClientCapabilities} an object`,
    );
  }
  if (metaVersion !== version) {
    return reject(
      400,
      JsonRpcErrorCode.HeaderMismatch,
      'MCP-Protocol-Version header does not match _meta protocolVersion',
    );
  }
  if (!isStatelessProtocolVersion(version)) {
    return reject(
      400,
      JsonRpcErrorCode.UnsupportedProtocolVersion,
      'Unsupported protocol version',
      {
        supported: ALL_PROTOCOL_VERSIONS,
        requested: version,
      },
    );
  }
  const headerMethod = headerValue(headers, METHOD_HEADER);
  if (headerMethod !== method) {
    return reject(
      400,
      JsonRpcErrorCode.HeaderMismatch,
      headerMethod === undefined
        ? 'Missing Mcp-Method header'
        : 'Mcp-Method header does not match the request method',
    );
  }
  const nameKey = nameParamOf(method);
  const bodyName = nameKey ? params[nameKey] : undefined;
  if (typeof bodyName === 'string' && headerValue(headers, NAME_HEADER) !== bodyName) {
    return reject(
      400,
      JsonRpcErrorCode.HeaderMismatch,
      `Mcp-Name header does not match params.${nameKey ?? 'name'}`,
    );
  }
  const info = meta[MetaKey.ClientInfo];
  const level = meta[MetaKey.LogLevel];
  return {
    protocolVersion: version,
    clientCapabilities: caps,
    clientInfo:
      isObject(info) && typeof info['name'] === 'string'
        ? {
            name: info['name'],
            version: typeof info['version'] === 'string' ? info['version'] : '',
          }
        : null,
    ...(isLogLevel(level) ? { logLevel: level } : {}),
  };
}

/** Whether a check ended in a refusal. */
export function isRejection(v: StatelessEnvelope | StatelessRejection): v is StatelessRejection {
  return 'error' in v;
}
