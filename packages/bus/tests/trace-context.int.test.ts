import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { context, propagation, trace, TraceFlags } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { startNats, type TestNats } from '@stockpulse/testkit';
import { createBus, type Bus } from '../src/index.js';

let nats: TestNats;
let bus: Bus;

beforeAll(async () => {
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  nats = await startNats();
  bus = await createBus({ url: nats.url, name: 'trace-test' });
});

afterAll(async () => {
  propagation.disable();
  context.disable();
  await bus?.close();
  await nats?.stop();
});

describe('trace context', () => {
  it('crosses the bus in W3C headers and is active in the handler', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const spanContext = {
      traceId,
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
      isRemote: false,
    };
    const sub = bus.subscribe('t.trace', (m) => {
      const active = trace.getSpanContext(context.active());
      m.respond(JSON.stringify({ header: m.header('traceparent'), active: active?.traceId }));
    });
    const ctx = trace.setSpanContext(context.active(), spanContext);
    const reply = await context.with(ctx, () =>
      bus.requestJson<{ header: string; active: string }>('t.trace', {}, { timeoutMs: 2000 }),
    );
    expect(reply.header).toBe(`00-${traceId}-00f067aa0ba902b7-01`);
    expect(reply.active).toBe(traceId);
    sub.unsubscribe();
  });
});
