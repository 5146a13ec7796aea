import {
  ErrorCode,
  GatewayError,
  Header,
  QueueGroup,
  ROUTE_TABLE_KEY,
  manifestsBucket,
  routesBucket,
  silentLogger,
  subjects,
  type Logger,
  type RouteTable,
  type ToolCallReply,
  type ToolManifest,
} from '@stockpulse/protocol';
import type { Bus, Subscription } from '@stockpulse/bus';
import { SchemaName, validate } from '@stockpulse/schemas';
import { buildRouteTable, changedLists } from './route-table.js';
import { createRouteCache } from './route-cache.js';

/** Options of {@link startRouter}. */
export interface RouterOptions {
  readonly bus: Bus;
  readonly logger?: Logger;
  /** Also serve `mcpgw.rpc.tools.call`, forwarding each call with the caller's reply inbox. */
  readonly forward: boolean;
}

/** A running router. */
export interface Router {
  stop(): Promise<void>;
}

/**
 * Starts the router: it watches tool manifests, publishes the routing table to KV (edges read
 * it in process), and in forwarding mode sits in the trip, passing each call to its service with
 * the edge's reply inbox so the service answers the edge directly.
 */
export async function startRouter(opts: RouterOptions): Promise<Router> {
  const { bus } = opts;
  const logger = (opts.logger ?? silentLogger).child({ component: 'router' });
  const manifests = new Map<string, ToolManifest>();
  const routesKv = await bus.kv(routesBucket.bucket);
  let publishing = Promise.resolve();
  const republish = (): void => {
    publishing = publishing
      .then(async () => {
        const prev = await routesKv.get(ROUTE_TABLE_KEY);
        const before = prev?.json<RouteTable>() ?? null;
        const revision = (before?.revision ?? 0) + 1;
        const table = buildRouteTable([...manifests.values()], revision);
        await routesKv.put(ROUTE_TABLE_KEY, JSON.stringify(table));
        const kinds = changedLists(before, table);
        if (kinds.length > 0) {
          // Routers that publish the same change at once are de-duplicated by the stream.
          const event = JSON.stringify({ kinds, revision });
          await bus.jsPublish(subjects.registryChanged(), event, {
            msgId: `registry-${revision}-${kinds.join('-')}`,
          });
        }
        if (table.conflicts.length)
          logger.warn({ conflicts: table.conflicts }, 'tool name conflicts');
        logger.info({ revision, routes: table.routes.length }, 'routing table published');
      })
      .catch((err: unknown) => logger.error({ err: String(err) }, 'publishing routes failed'));
  };
  const manifestsKv = await bus.kv(manifestsBucket.bucket);
  const stopWatch = await manifestsKv.watch((e) => {
    if (e.operation !== 'PUT') manifests.delete(e.key);
    else {
      try {
        manifests.set(e.key, validate<ToolManifest>(SchemaName.ToolManifest, e.json()));
      } catch (err) {
        logger.error({ service: e.key, err: String(err) }, 'rejected manifest');
        return;
      }
    }
    republish();
  });
  let sub: Subscription | undefined;
  let stopCache: (() => void) | undefined;
  if (opts.forward) {
    const cache = await createRouteCache(bus, logger);
    stopCache = () => cache.stop();
    sub = bus.subscribe(
      subjects.toolsCall(),
      (msg) => {
        const tool = msg.header(Header.Tool) ?? '';
        const route = cache.current().lookup(tool);
        if (!route) {
          const reply: ToolCallReply = {
            ok: false,
            error: new GatewayError(ErrorCode.NotFound, `unknown tool: ${tool}`).toData(),
          };
          msg.respond(JSON.stringify(reply));
          return;
        }
        if (!msg.reply) return;
        bus.publish(subjects.toolServiceCall(route.service), msg.data, {
          headers: msg.headers(),
          reply: msg.reply,
        });
      },
      { queue: QueueGroup.Router },
    );
  }
  logger.info({ forward: opts.forward }, 'router started');
  return {
    stop: async () => {
      stopWatch();
      stopCache?.();
      await sub?.drain();
      await publishing;
    },
  };
}
