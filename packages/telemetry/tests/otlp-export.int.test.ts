import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { context, propagation, trace } from '@opentelemetry/api';
import { startTelemetry } from '../src/index.js';

/** A stand-in OTLP/HTTP collector on a free loopback port that records what it receives. */
function startCollector() {
  const received: Array<{ url: string; body: string }> = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise<{ url: string; received: typeof received; close: () => Promise<void> }>(
    (resolve) => {
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        resolve({
          url: `http://127.0.0.1:${port}/`,
          received,
          close: () => new Promise((done) => server.close(() => done())),
        });
      });
    },
  );
}

describe('startTelemetry with an endpoint', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  beforeAll(async () => {
    collector = await startCollector();
  });
  afterAll(async () => {
    await collector.close();
  });

  it('exports spans over OTLP/HTTP and propagates W3C trace context', async () => {
    const telemetry = await startTelemetry({
      serviceName: 'telemetry-test',
      otlpEndpoint: collector.url,
    });
    expect(telemetry.enabled).toBe(true);
    expect(await startTelemetry({ serviceName: 'again', otlpEndpoint: collector.url })).toBe(
      telemetry,
    );

    const span = trace.getTracer('test').startSpan('unit-of-work');
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(context.active(), span), carrier);
    span.end();
    expect(carrier['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(carrier['traceparent']).toContain(span.spanContext().traceId);

    await telemetry.shutdown();
    await telemetry.shutdown();
    const traces = collector.received.filter((r) => r.url === '/v1/traces');
    expect(traces.length).toBeGreaterThan(0);
    const body = traces.map((t) => t.body).join('\n');
    expect(body).toContain('unit-of-work');
    expect(body).toContain('telemetry-test');
  });
});
