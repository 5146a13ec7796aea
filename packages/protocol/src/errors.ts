/**
 * The one error type used inside the gateway. It carries a code, whether a retry may succeed,
 * details, and a cause. Over the bus it travels as {@link ErrorData}; JSON-RPC errors are made
 * from it only at the edges.
 */

/** Error codes of the gateway. */
export const ErrorCode = {
  BadRequest: 'bad_request',
  InvalidParams: 'invalid_params',
  Unauthenticated: 'unauthenticated',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  Conflict: 'conflict',
  PayloadTooLarge: 'payload_too_large',
  RateLimited: 'rate_limited',
  Unavailable: 'unavailable',
  DeadlineExceeded: 'deadline_exceeded',
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The wire form of an error, as it crosses the bus. */
export interface ErrorData {
  readonly code: ErrorCode;
  readonly message: string;
  readonly retryable: boolean;
  readonly details?: Record<string, unknown>;
}

/** Codes a retry can cure when nothing else changes. */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ErrorCode.Unavailable,
  ErrorCode.DeadlineExceeded,
  ErrorCode.RateLimited,
]);

/** Options of a {@link GatewayError}. */
export interface GatewayErrorOptions {
  readonly retryable?: boolean;
  readonly details?: Record<string, unknown>;
  readonly cause?: unknown;
}

/** The gateway's error: a code, a retryable flag, details and a cause. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE.has(code);
    this.details = options.details;
  }

  /** The form that crosses the bus. */
  toData(): ErrorData {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.details ? { details: this.details } : {}),
    };
  }

  /** Rebuilds an error that crossed the bus. */
  static fromData(data: ErrorData): GatewayError {
    return new GatewayError(data.code, data.message, {
      retryable: data.retryable,
      ...(data.details ? { details: data.details } : {}),
    });
  }

  /**
   * Wraps anything thrown into a GatewayError, keeping GatewayErrors as they are; a JSON syntax
   * error is a bad request, anything else internal.
   */
  static from(err: unknown): GatewayError {
    if (err instanceof GatewayError) return err;
    if (err instanceof SyntaxError) {
      return new GatewayError(ErrorCode.BadRequest, `malformed payload: ${err.message}`, {
        cause: err,
      });
    }
    const message = err instanceof Error ? err.message : String(err);
    return new GatewayError(ErrorCode.Internal, message, { cause: err });
  }
}
