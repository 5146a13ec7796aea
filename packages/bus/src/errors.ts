import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import {
  ClosedConnectionError,
  DrainingConnectionError,
  NoRespondersError,
  RequestError,
  TimeoutError,
} from '@nats-io/transport-node';
import { JetStreamApiError } from '@nats-io/jetstream';

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let cur: unknown = err;
  while (cur !== undefined && cur !== null && chain.length < 5) {
    chain.push(cur);
    cur = cur instanceof Error ? cur.cause : undefined;
  }
  return chain;
}

/**
 * Maps an error of the NATS client to the project's error type. No responders and closed
 * connections are `unavailable`, timeouts `deadline_exceeded`; both are retryable.
 */
export function mapNatsError(err: unknown, subject?: string): GatewayError {
  if (err instanceof GatewayError) return err;
  const chain = causes(err);
  const details = subject ? { subject } : undefined;
  const opts = { cause: err, ...(details ? { details } : {}) };
  if (
    chain.some(
      (e) => e instanceof NoRespondersError || (e instanceof RequestError && e.isNoResponders()),
    )
  ) {
    return new GatewayError(ErrorCode.Unavailable, 'no service is serving this request', opts);
  }
  if (chain.some((e) => e instanceof TimeoutError)) {
    return new GatewayError(ErrorCode.DeadlineExceeded, 'the request timed out', opts);
  }
  if (
    chain.some((e) => e instanceof ClosedConnectionError || e instanceof DrainingConnectionError)
  ) {
    return new GatewayError(ErrorCode.Unavailable, 'the bus connection is closed', opts);
  }
  const api = chain.find((e): e is JetStreamApiError => e instanceof JetStreamApiError);
  if (api) {
    return new GatewayError(ErrorCode.Internal, `jetstream: ${api.message}`, {
      ...opts,
      details: { ...details, apiCode: api.code, status: api.status },
    });
  }
  return new GatewayError(
    ErrorCode.Internal,
    err instanceof Error ? err.message : String(err),
    opts,
  );
}
