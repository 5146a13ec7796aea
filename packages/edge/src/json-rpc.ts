import {
  ErrorCode,
  GatewayError,
  JsonRpcErrorCode,
  type JsonRpcErrorObject,
  type JsonRpcId,
} from '@stockpulse/protocol';

/** A parsed incoming JSON-RPC message, classified. */
export type IncomingMessage =
  | {
      readonly kind: 'request';
      readonly id: JsonRpcId;
      readonly method: string;
      readonly params: Record<string, unknown>;
    }
  | {
      readonly kind: 'notification';
      readonly method: string;
      readonly params: Record<string, unknown>;
    }
  | {
      readonly kind: 'response';
      readonly id: JsonRpcId;
      /** The result, when the response is a success. */
      readonly result?: Record<string, unknown>;
      /** The error, when it is one. */
      readonly error?: JsonRpcErrorObject;
    };

/** A JSON-RPC error raised at the edge with its exact code (parse errors, bad shapes, unknown methods). */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Classifies one JSON value as a JSON-RPC message; throws RpcError(-32600) for a wrong shape. */
export function classify(value: unknown): IncomingMessage {
  if (!isObject(value) || value['jsonrpc'] !== '2.0') {
    throw new RpcError(JsonRpcErrorCode.InvalidRequest, 'not a JSON-RPC 2.0 message');
  }
  const id = value['id'];
  const hasId = typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
  if (id !== undefined && !hasId) throw new RpcError(JsonRpcErrorCode.InvalidRequest, 'invalid id');
  const params = value['params'];
  if (params !== undefined && !isObject(params)) {
    throw new RpcError(JsonRpcErrorCode.InvalidRequest, 'params must be an object');
  }
  if (typeof value['method'] === 'string') {
    return hasId
      ? { kind: 'request', id: id, method: value['method'], params: params ?? {} }
      : { kind: 'notification', method: value['method'], params: params ?? {} };
  }
  if (hasId && 'result' in value) {
    const result = value['result'];
    return isObject(result) ? { kind: 'response', id: id, result } : { kind: 'response', id: id };
  }
  if (hasId && 'error' in value) {
    const e = value['error'];
    const error: JsonRpcErrorObject = {
      code:
        isObject(e) && typeof e['code'] === 'number' ? e['code'] : JsonRpcErrorCode.InternalError,
      message: isObject(e) && typeof e['message'] === 'string' ? e['message'] : 'error',
      ...(isObject(e) && 'data' in e ? { data: e['data'] } : {}),
    };
    return { kind: 'response', id: id, error };
  }
  throw new RpcError(JsonRpcErrorCode.InvalidRequest, 'not a request, notification or response');
}

const BY_CODE: Partial<Record<string, number>> & Record<ErrorCode, number> = {
  [ErrorCode.BadRequest]: JsonRpcErrorCode.InvalidRequest,
  [ErrorCode.InvalidParams]: JsonRpcErrorCode.InvalidParams,
  [ErrorCode.NotFound]: JsonRpcErrorCode.InvalidParams,
  [ErrorCode.Unauthenticated]: JsonRpcErrorCode.Unauthenticated,
  [ErrorCode.Forbidden]: JsonRpcErrorCode.Forbidden,
  [ErrorCode.Conflict]: JsonRpcErrorCode.Conflict,
  [ErrorCode.PayloadTooLarge]: JsonRpcErrorCode.PayloadTooLarge,
  [ErrorCode.RateLimited]: JsonRpcErrorCode.RateLimited,
  [ErrorCode.Unavailable]: JsonRpcErrorCode.Unavailable,
  [ErrorCode.DeadlineExceeded]: JsonRpcErrorCode.RequestTimeout,
  [ErrorCode.Internal]: JsonRpcErrorCode.InternalError,
};

/**
 * The one mapping from anything thrown to a JSON-RPC error object. Internal errors never leak
 * their message; everything else says what went wrong and whether a retry may help.
 */
export function toJsonRpcError(err: unknown): JsonRpcErrorObject {
  if (err instanceof RpcError) {
    return {
      code: err.code,
      message: err.message,
      ...(err.data === undefined ? {} : { data: err.data }),
    };
  }
  const g = GatewayError.from(err);
  // Internal errors say nothing about the inside: no message, no details.
  const internal = g.code === ErrorCode.Internal;
  return {
    // A code from a worker of another version still gets a valid JSON-RPC code.
    code: BY_CODE[g.code] ?? JsonRpcErrorCode.InternalError,
    message: internal ? 'internal error' : g.message,
    data: {
      code: g.code,
      retryable: g.retryable,
      ...(g.details && !internal ? { details: g.details } : {}),
      // resources/read of an unknown URI names it where clients look (SEP-2164).
      ...(!internal && typeof g.details?.['uri'] === 'string' ? { uri: g.details['uri'] } : {}),
    },
  };
}

/** A JSON-RPC success response. */
export function rpcResult(id: JsonRpcId, result: unknown): Record<string, unknown> {
  return { jsonrpc: '2.0', id, result };
}

/** A JSON-RPC error response. */
export function rpcError(id: JsonRpcId | null, error: JsonRpcErrorObject): Record<string, unknown> {
  return { jsonrpc: '2.0', id, error };
}
