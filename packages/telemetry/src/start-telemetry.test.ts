import { afterEach, describe, expect, it, vi } from 'vitest';

const loaded = vi.hoisted(() => ({ sdk: false, exporter: false }));
vi.mock('@opentelemetry/sdk-node', () => {
  loaded.sdk = true;
  return {};
});
vi.mock('@opentelemetry/exporter-trace-otlp-http', () => {
  loaded.exporter = true;
  return {};
});

const { startTelemetry } = await import('./start-telemetry.js');

describe('startTelemetry without an endpoint', () => {
  const vars = [
    'OTEL_EXPORTER_OTLP_ENDPOINT',
    'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    'OTEL_SDK_DISABLED',
  ];
  const saved = Object.fromEntries(vars.map((v) => [v, process.env[v]]));
  afterEach(() => {
    for (const v of vars) {
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
    }
  });

  it('does nothing and never loads the SDK', async () => {
    for (const v of vars) delete process.env[v];
    const telemetry = await startTelemetry({ serviceName: 'test' });
    expect(telemetry.enabled).toBe(false);
    await telemetry.shutdown();
    await telemetry.shutdown();
    expect(loaded).toEqual({ sdk: false, exporter: false });
  });

  it('stays off when OTEL_SDK_DISABLED=true, even with an endpoint', async () => {
    process.env['OTEL_SDK_DISABLED'] = 'true';
    const telemetry = await startTelemetry({
      serviceName: 'test',
      otlpEndpoint: 'http://127.0.0.1:1',
    });
    expect(telemetry.enabled).toBe(false);
    expect(loaded).toEqual({ sdk: false, exporter: false });
  });
});
