import {
  QueueGroup,
  manifestsBucket,
  silentLogger,
  subjects,
  subjectToken,
  type Logger,
  type ToolManifest,
} from '@stockpulse/protocol';
import type { Bus } from '@stockpulse/bus';
import type { ToolImplementation } from './types.js';
import { handleCall, prepareTools } from './handle-call.js';

/** Options of {@link startToolService}. */
export interface ToolServiceOptions {
  readonly bus: Bus;
  /** Subject-safe id of the service; copies with one id share the calls. */
  readonly service: string;
  readonly version: string;
  readonly tools: readonly ToolImplementation[];
  readonly logger?: Logger;
}

/** A running tool service. */
export interface ToolService {
  readonly manifest: ToolManifest;
  /** Stops taking calls and lets in-flight calls finish. */
  stop(): Promise<void>;
}

/**
 * Starts serving tools on the bus: subscribes to the service's call subject in a queue group,
 * then announces the manifest in the manifests bucket so the router routes to it. Any internal
 * service can publish tools this way.
 */
export async function startToolService(opts: ToolServiceOptions): Promise<ToolService> {
  const service = subjectToken(opts.service);
  const logger = (opts.logger ?? silentLogger).child({ component: 'tool-service', service });
  const tools = prepareTools(opts.tools);
  const stopper = new AbortController();
  const { bus } = opts;
  const sub = bus.subscribe(
    subjects.toolServiceCall(service),
    async (msg) => {
      const reply = await handleCall(bus, tools, msg, stopper.signal, logger);
      if (reply) msg.respond(JSON.stringify(reply));
    },
    { queue: QueueGroup.ToolService(service) },
  );
  const manifest: ToolManifest = {
    service,
    version: opts.version,
    tools: opts.tools.map((t) => t.definition),
    announcedAt: new Date().toISOString(),
  };
  await bus.flush();
  const kv = await bus.kv(manifestsBucket.bucket);
  await kv.put(service, JSON.stringify(manifest));
  logger.info({ tools: manifest.tools.length }, 'tool service started');
  return {
    manifest,
    stop: async () => {
      await sub.drain();
      stopper.abort();
    },
  };
}
