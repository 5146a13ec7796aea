/** A started (or skipped) OpenTelemetry set-up. */
export interface Telemetry {
  /** Whether spans are exported. */
  readonly enabled: boolean;
  /** Flushes pending spans and stops exporting; idempotent. */
  shutdown(): Promise<void>;
}

/** Options of {@link startTelemetry}. */
export interface TelemetryOptions {
  /** `service.name` of the exported spans. */
  readonly serviceName: string;
  /**
   * Base URL of an OTLP/HTTP collector (e.g. `http://otel-collector:4318`); spans go to
   * `<endpoint>/v1/traces`. Default: the standard `OTEL_EXPORTER_OTLP_ENDPOINT` /
   * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` variables, read by the exporter itself.
   */
  readonly otlpEndpoint?: string | undefined;
}

const disabled: Telemetry = { enabled: false, shutdown: async () => undefined };

let running: Promise<Telemetry> | undefined;

function configured(opts: TelemetryOptions): boolean {
  if (process.env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true') return false;
  return Boolean(
    opts.otlpEndpoint ||
    process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] ||
    process.env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'],
  );
}

/** The traces URL under a collector's base URL; a URL that already names it is kept. */
function tracesUrl(endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '');
  return base.endsWith('/v1/traces') ? base : `${base}/v1/traces`;
}

/**
 * Starts the OpenTelemetry Node SDK: spans exported over OTLP/HTTP, W3C trace-context and
 * baggage propagation, no metrics or log export (those have their own pipelines). When no
 * endpoint is configured (or `OTEL_SDK_DISABLED=true`) it does nothing and does not even load
 * the SDK. The SDK is process-wide: while one is running, later calls return it.
 */
export function startTelemetry(opts: TelemetryOptions): Promise<Telemetry> {
  if (running) return running;
  if (!configured(opts)) return Promise.resolve(disabled);
  const started = startSdk(opts, () => {
    if (running === started) running = undefined;
  });
  running = started;
  started.catch(() => {
    if (running === started) running = undefined;
  });
  return started;
}

async function startSdk(opts: TelemetryOptions, onShutdown: () => void): Promise<Telemetry> {
  const [{ NodeSDK, core }, { OTLPTraceExporter }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
  ]);
  const sdk = new NodeSDK({
    serviceName: opts.serviceName,
    traceExporter: new OTLPTraceExporter(
      opts.otlpEndpoint ? { url: tracesUrl(opts.otlpEndpoint) } : {},
    ),
    textMapPropagator: new core.CompositePropagator({
      propagators: [new core.W3CTraceContextPropagator(), new core.W3CBaggagePropagator()],
    }),
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  let stopped: Promise<void> | undefined;
  return {
    enabled: true,
    shutdown: () => (stopped ??= sdk.shutdown().finally(onShutdown)),
  };
}
