import {
  ROUTE_TABLE_KEY,
  routesBucket,
  silentLogger,
  type Logger,
  type RouteTable,
} from '@stockpulse/protocol';
import type { Bus } from '@stockpulse/bus';
import { EMPTY_ROUTE_TABLE, indexRoutes, type RouteIndex } from './route-table.js';

/** The routing table held in process and kept current by a KV watch. */
export interface RouteCache {
  current(): RouteIndex;
  /** Resolves once a table with at least this revision is held. */
  waitForRevision(revision: number, timeoutMs: number): Promise<RouteIndex>;
  /** Resolves once a route for the tool is held. */
  waitForTool(tool: string, timeoutMs: number): Promise<RouteIndex>;
  stop(): void;
}

/** Watches the routes bucket so lookups never cost a bus round trip. */
export async function createRouteCache(
  bus: Bus,
  logger: Logger = silentLogger,
): Promise<RouteCache> {
  let index = indexRoutes(EMPTY_ROUTE_TABLE);
  const waiters = new Set<() => void>();
  const kv = await bus.kv(routesBucket.bucket);
  const accept = (table: RouteTable): void => {
    if (table.revision < index.table.revision) return;
    index = indexRoutes(table);
    for (const w of [...waiters]) w();
  };
  // The watch delivers the current table asynchronously; read it first so the cache holds the
  // published table from the moment it is returned.
  const initial = await kv.get(ROUTE_TABLE_KEY);
  if (initial) accept(initial.json<RouteTable>());
  const stop = await kv.watch(
    (e) => {
      if (e.operation !== 'PUT') return;
      try {
        accept(e.json<RouteTable>());
      } catch (err) {
        logger.error({ err: String(err) }, 'bad route table');
      }
    },
    { key: ROUTE_TABLE_KEY },
  );
  const waitUntil = (ok: () => boolean, timeoutMs: number, what: string): Promise<RouteIndex> =>
    new Promise((resolve, reject) => {
      if (ok()) return resolve(index);
      const check = (): void => {
        if (!ok()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(index);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      waiters.add(check);
    });
  return {
    current: () => index,
    waitForRevision: (rev, t) =>
      waitUntil(() => index.table.revision >= rev, t, `route revision ${rev}`),
    waitForTool: (tool, t) => waitUntil(() => index.lookup(tool) !== undefined, t, `tool ${tool}`),
    stop,
  };
}
