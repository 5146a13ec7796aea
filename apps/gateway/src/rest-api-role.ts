import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Bus } from '@stockpulse/bus';
import { createSimulatedProvider } from '@stockpulse/market-data';
import { startMarketRestServer, stockpulseRestDocument } from '@stockpulse/market-rest';
import { createOpenApiTools } from '@stockpulse/openapi-adapter';
import type { Logger } from '@stockpulse/protocol';
import { startToolService } from '@stockpulse/tool-service';
import { VERSION } from './version.js';

/** Service id of the tools made from the REST API (calls go to `mcpgw.rpc.tool.call.rest-api`). */
export const REST_API_SERVICE = 'rest-api';

/** Which REST API the tool role turns into tools (environment `REST_API*`). */
export interface RestApiConfig {
  /** `stockpulse` (the built-in REST API, started on loopback) or the path of an OpenAPI JSON file. */
  readonly spec: string;
  /** Base URL of the API; default the document's first server (or the built-in server's URL). */
  readonly baseUrl: string | undefined;
  /** Value of the `Authorization` header sent to the API (a secret: never logged). */
  readonly authorization: string | undefined;
  /** Prefix of the generated tool names. */
  readonly prefix: string;
}

/** Reads `REST_API`, `REST_API_BASE_URL`, `REST_API_AUTHORIZATION`, `REST_API_PREFIX`; unset `REST_API` is off. */
export function restApiConfig(env: NodeJS.ProcessEnv): RestApiConfig | undefined {
  const spec = env['REST_API']?.trim();
  if (!spec) return undefined;
  const baseUrl = env['REST_API_BASE_URL'] || undefined;
  if (baseUrl !== undefined && !/^https?:\/\//.test(baseUrl)) {
    throw new Error(`REST_API_BASE_URL must be an http(s) URL, got ${JSON.stringify(baseUrl)}`);
  }
  const prefix = env['REST_API_PREFIX'] ?? 'rest_';
  if (!/^[a-z0-9_]*$/.test(prefix)) {
    throw new Error(`REST_API_PREFIX may hold only a-z, 0-9 and _, got ${JSON.stringify(prefix)}`);
  }
  return {
    spec,
    baseUrl,
    authorization: env['REST_API_AUTHORIZATION'] || undefined,
    prefix,
  };
}

/**
 * Part of the `tool` role when `REST_API` is set: publishes the operations of a REST API as
 * tools of the service `rest-api`, through the OpenAPI adapter. `stockpulse` starts the built-in
 * StockPulse REST API on 127.0.0.1 first (same seed and clock as the StockPulse tools). Returns
 * the stop functions, in start order.
 */
export async function startRestApiRole(opts: {
  bus: Bus;
  config: {
    readonly restApi: RestApiConfig | undefined;
    readonly marketSeed: number;
    readonly marketClockStart: number | undefined;
  };
  logger: Logger;
}): Promise<Array<() => Promise<void>>> {
  const rest = opts.config.restApi;
  if (!rest) return [];
  const stops: Array<() => Promise<void>> = [];
  let document: unknown;
  let baseUrl = rest.baseUrl;
  if (rest.spec === 'stockpulse') {
    const start = opts.config.marketClockStart;
    const origin = Date.now();
    const provider = createSimulatedProvider({
      seed: opts.config.marketSeed,
      ...(start === undefined ? {} : { now: () => new Date(start + (Date.now() - origin)) }),
    });
    const server = await startMarketRestServer({ provider });
    stops.push(() => server.close());
    document = stockpulseRestDocument();
    baseUrl ??= server.url;
  } else {
    const path = resolve(rest.spec);
    try {
      document = JSON.parse(await readFile(path, 'utf8'));
    } catch (err) {
      throw new Error(`REST_API: cannot read an OpenAPI JSON document at ${path}`, { cause: err });
    }
  }
  const { tools, skipped } = createOpenApiTools(document, {
    ...(baseUrl ? { baseUrl } : {}),
    ...(rest.authorization ? { headers: { authorization: rest.authorization } } : {}),
    namePrefix: rest.prefix,
  });
  for (const s of skipped) opts.logger.warn({ ...s }, 'rest api operation skipped');
  const service = await startToolService({
    bus: opts.bus,
    service: REST_API_SERVICE,
    version: VERSION,
    tools,
    logger: opts.logger,
  });
  stops.push(() => service.stop());
  opts.logger.info({ tools: tools.length, baseUrl: baseUrl ?? 'from document' }, 'rest api tools');
  return stops;
}
