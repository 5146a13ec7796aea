import {
  QueueGroup,
  manifestsBucket,
  silentLogger,
  subjects,
  subjectToken,
  type Logger,
  type RequestCancelledEvent,
  type ToolManifest,
} from '@stockpulse/protocol';
import type { Bus } from '@stockpulse/bus';
import type {
  PromptImplementation,
  ResourceImplementation,
  ResourceTemplateImplementation,
  ToolImplementation,
} from './types.js';
import { handleCall, prepareTools } from './handle-call.js';
import { createCancelRegistry } from './cancel-registry.js';
import { handleServiceRequest, prepareCatalog } from './serve-request.js';

/** Options of {@link startToolService}. */
export interface ToolServiceOptions {
  readonly bus: Bus;
  /** Subject-safe id of the service; copies with one id share the calls. */
  readonly service: string;
  readonly version: string;
  readonly tools: readonly ToolImplementation[];
  readonly resources?: readonly ResourceImplementation[];
  readonly resourceTemplates?: readonly ResourceTemplateImplementation[];
  readonly prompts?: readonly PromptImplementation[];
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
  const catalog = prepareCatalog(opts.resources, opts.resourceTemplates, opts.prompts);
  const stopper = new AbortController();
  const cancels = createCancelRegistry();
  const { bus } = opts;
  // Every instance hears every cancellation; only the one running the call acts on it.
  const cancelSub = bus.subscribe(subjects.requestCancelled(), (msg) => {
    const e = msg.json<RequestCancelledEvent>();
    if (cancels.cancel(e.sessionId, e.rpcId, e.reason)) {
      logger.info({ sessionId: e.sessionId, rpcId: e.rpcId }, 'call cancelled by the client');
    }
  });
  const sub = bus.subscribe(
    subjects.toolServiceCall(service),
    async (msg) => {
      const reply = await handleCall(bus, tools, msg, stopper.signal, logger, cancels);
      if (reply) msg.respond(JSON.stringify(reply));
    },
    { queue: QueueGroup.ToolService(service) },
  );
  const requests = bus.subscribe(
    subjects.serviceRequest(service),
    async (msg) => {
      const reply = await handleServiceRequest(bus, catalog, msg, stopper.signal, logger);
      if (reply) msg.respond(JSON.stringify(reply));
    },
    { queue: QueueGroup.ToolService(service) },
  );
  const listed = <T>(items: readonly { definition: T }[] | undefined): T[] | undefined =>
    items && items.length > 0 ? items.map((i) => i.definition) : undefined;
  const resources = listed(opts.resources);
  const resourceTemplates = listed(opts.resourceTemplates);
  const prompts = listed(opts.prompts);
  const manifest: ToolManifest = {
    service,
    version: opts.version,
    tools: opts.tools.map((t) => t.definition),
    ...(resources ? { resources } : {}),
    ...(resourceTemplates ? { resourceTemplates } : {}),
    ...(prompts ? { prompts } : {}),
    announcedAt: new Date().toISOString(),
  };
  await bus.flush();
  const kv = await bus.kv(manifestsBucket.bucket);
  await kv.put(service, JSON.stringify(manifest));
  logger.info({ tools: manifest.tools.length }, 'tool service started');
  return {
    manifest,
    stop: async () => {
      await Promise.all([sub.drain(), requests.drain()]);
      cancelSub.unsubscribe();
      stopper.abort();
    },
  };
}

/**
 * Tells every session subscribed to a resource that it changed: the edges send them
 * `notifications/resources/updated`. Any service may announce updates of the resources it serves.
 */
export function announceResourceUpdated(bus: Bus, uri: string): void {
  bus.publish(subjects.resourceUpdated(), JSON.stringify({ uri }));
}
