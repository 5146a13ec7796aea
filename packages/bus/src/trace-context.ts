import { context, propagation, ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import type { MsgHdrs } from '@nats-io/transport-node';

const setter = {
  set(carrier: MsgHdrs, key: string, value: string): void {
    carrier.set(key, value);
  },
};

const getter = {
  get(carrier: MsgHdrs, key: string): string | undefined {
    return carrier.get(key) || undefined;
  },
  keys(carrier: MsgHdrs): string[] {
    return carrier.keys();
  },
};

/** Writes the active W3C trace context (`traceparent`, `tracestate`) into NATS headers. */
export function injectTraceContext(hdrs: MsgHdrs): void {
  propagation.inject(context.active(), hdrs, setter);
}

/** Reads W3C trace context from NATS headers into a context to run a handler in. */
export function extractTraceContext(hdrs: MsgHdrs | undefined): Context {
  if (!hdrs) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, hdrs, getter);
}

/** Runs `fn` within `ctx`. */
export function withContext<T>(ctx: Context, fn: () => T): T {
  return context.with(ctx, fn);
}
