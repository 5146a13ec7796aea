import {
  ALL_PROTOCOL_VERSIONS,
  JsonRpcErrorCode,
  MetaKey,
  type JsonRpcErrorObject,
} from '@stockpulse/protocol';
import { serverCapabilities } from './initialize.js';
import { toJsonRpcError } from './json-rpc.js';
import type { EdgeSettings } from './types.js';

/** How long and for whom a client may cache a result (SEP-2549). */
export interface CacheHint {
  readonly ttlMs: number;
  readonly cacheScope: 'public' | 'private';
}

/**
 * The caching hints of the results that carry them. Lists may later be filtered per principal,
 * so they are private; they change only when a service (re)registers, so a short TTL is safe.
 * Resource contents are live market data: private and immediately stale unless the serving
 * worker says otherwise. Discovery is the same for every caller.
 */
export const CACHE_HINTS: Readonly<Record<string, CacheHint>> = {
  'server/discover': { ttlMs: 300_000, cacheScope: 'public' },
  'tools/list': { ttlMs: 30_000, cacheScope: 'private' },
  'prompts/list': { ttlMs: 30_000, cacheScope: 'private' },
  'resources/list': { ttlMs: 30_000, cacheScope: 'private' },
  'resources/templates/list': { ttlMs: 30_000, cacheScope: 'private' },
  'resources/read': { ttlMs: 0, cacheScope: 'private' },
};

/** Methods that may answer `input_required` (SEP-2322); any other never does. */
export const INPUT_REQUIRED_METHODS: ReadonlySet<string> = new Set([
  'tools/call',
  'prompts/get',
  'resources/read',
]);

/** Requests the stateless revision serves through the shared dispatcher. */
export const DISPATCHED_METHODS: ReadonlySet<string> = new Set([
  'tools/list',
  'tools/call',
  'resources/list',
  'resources/templates/list',
  'resources/read',
  'prompts/list',
  'prompts/get',
  'completion/complete',
]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keys a CallToolResult has that an InputRequiredResult does not. */
const COMPLETE_ONLY = ['content', 'structuredContent', 'isError'];

/**
 * Shapes a result for a 2026-07-28 client: `resultType` always (`complete` unless the worker
 * said `input_required`, and then only on methods that may say so), caching hints on the
 * methods that carry them (a worker's own hints win), and the server's identity in `_meta`.
 */
export function statelessResult(
  method: string,
  result: unknown,
  serverInfo: EdgeSettings['serverInfo'],
): Record<string, unknown> {
  const r: Record<string, unknown> = isObject(result) ? { ...result } : {};
  if (r['resultType'] === 'input_required' && INPUT_REQUIRED_METHODS.has(method)) {
    for (const k of COMPLETE_ONLY) delete r[k];
  } else {
    r['resultType'] = 'complete';
    delete r['inputRequests'];
    delete r['requestState'];
    const hint = CACHE_HINTS[method];
    if (hint) {
      if (typeof r['ttlMs'] !== 'number' || !Number.isInteger(r['ttlMs']) || r['ttlMs'] < 0) {
        r['ttlMs'] = hint.ttlMs;
      }
      if (r['cacheScope'] !== 'public' && r['cacheScope'] !== 'private') {
        r['cacheScope'] = hint.cacheScope;
      }
    }
  }
  const meta = isObject(r['_meta']) ? r['_meta'] : {};
  r['_meta'] = { ...meta, [MetaKey.ServerInfo]: serverInfo };
  return r;
}

/** The result of `server/discover`: every revision spoken, the capabilities, who serves. */
export function discoverResult(settings: EdgeSettings): Record<string, unknown> {
  return statelessResult(
    'server/discover',
    {
      supportedVersions: ALL_PROTOCOL_VERSIONS,
      capabilities: serverCapabilities(),
      ...(settings.instructions ? { instructions: settings.instructions } : {}),
    },
    settings.serverInfo,
  );
}

/** Client capabilities that a question of each method needs. */
function requiredCapabilityOf(method: unknown, mode: unknown): Record<string, unknown> | null {
  if (method === 'elicitation/create') {
    return { elicitation: mode === 'url' ? { url: {} } : {} };
  }
  if (method === 'sampling/createMessage') return { sampling: {} };
  if (method === 'roots/list') return { roots: {} };
  return null;
}

/**
 * The JSON-RPC error and HTTP status a stateless client gets for a failed request. The one
 * mapping (toJsonRpcError) is kept; on top of it, a question the client cannot answer becomes
 * MissingRequiredClientCapability (-32021, HTTP 400) naming the capability as a
 * ClientCapabilities object, and an unknown method is HTTP 404.
 */
export function statelessError(err: unknown): { status: number; error: JsonRpcErrorObject } {
  const error = toJsonRpcError(err);
  const data = isObject(error.data) ? error.data : undefined;
  const details = isObject(data?.['details']) ? data['details'] : undefined;
  const required = isObject(details?.['requiredCapabilities'])
    ? details['requiredCapabilities']
    : requiredCapabilityOf(details?.['method'], details?.['mode']);
  if (required && data?.['code'] === 'forbidden') {
    return {
      status: 400,
      error: {
        code: JsonRpcErrorCode.MissingRequiredClientCapability,
        message: error.message,
        data: { requiredCapabilities: required },
      },
    };
  }
  if (error.code === JsonRpcErrorCode.MethodNotFound) return { status: 404, error };
  return { status: 200, error };
}
