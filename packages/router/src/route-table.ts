import type { Route, RouteTable, ToolManifest } from '@stockpulse/protocol';

/**
 * Builds the routing table from every announced manifest. Tool names are unique across
 * services: when two services claim one name, the earlier announcement keeps it and the name is
 * listed in `conflicts`. Pure; the order of the result is stable (by tool name).
 */
export function buildRouteTable(
  manifests: readonly ToolManifest[],
  revision: number,
  now: Date = new Date(),
): RouteTable {
  const sorted = [...manifests].sort(
    (a, b) => a.announcedAt.localeCompare(b.announcedAt) || a.service.localeCompare(b.service),
  );
  const byTool = new Map<string, Route>();
  const conflicts = new Set<string>();
  for (const m of sorted) {
    for (const tool of m.tools) {
      if (byTool.has(tool.name)) conflicts.add(tool.name);
      else byTool.set(tool.name, { service: m.service, tool });
    }
  }
  const routes = [...byTool.values()].sort((a, b) => a.tool.name.localeCompare(b.tool.name));
  return { revision, generatedAt: now.toISOString(), routes, conflicts: [...conflicts].sort() };
}

/** Fast lookup over a routing table. */
export interface RouteIndex {
  readonly table: RouteTable;
  lookup(tool: string): Route | undefined;
}

/** Indexes a routing table by tool name. */
export function indexRoutes(table: RouteTable): RouteIndex {
  const map = new Map(table.routes.map((r) => [r.tool.name, r]));
  return { table, lookup: (tool) => map.get(tool) };
}

/** The empty table, before the router has published one. */
export const EMPTY_ROUTE_TABLE: RouteTable = {
  revision: 0,
  generatedAt: new Date(0).toISOString(),
  routes: [],
  conflicts: [],
};
