import {
  compileUriTemplate,
  type PromptRoute,
  type ResourceRoute,
  type ResourceTemplateRoute,
  type Route,
  type RouteTable,
  type ToolManifest,
  type UriTemplate,
} from '@stockpulse/protocol';

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
  const byUri = new Map<string, ResourceRoute>();
  const byTemplate = new Map<string, ResourceTemplateRoute>();
  const byPrompt = new Map<string, PromptRoute>();
  const conflicts = new Set<string>();
  const claim = <T>(map: Map<string, T>, key: string, value: T, label: string): void => {
    if (map.has(key)) conflicts.add(label);
    else map.set(key, value);
  };
  for (const m of sorted) {
    const service = m.service;
    for (const tool of m.tools) claim(byTool, tool.name, { service, tool }, tool.name);
    for (const resource of m.resources ?? []) {
      claim(byUri, resource.uri, { service, resource }, `resource:${resource.uri}`);
    }
    for (const template of m.resourceTemplates ?? []) {
      const key = template.uriTemplate;
      claim(byTemplate, key, { service, template }, `resource-template:${key}`);
    }
    for (const prompt of m.prompts ?? []) {
      claim(byPrompt, prompt.name, { service, prompt }, `prompt:${prompt.name}`);
    }
  }
  const routes = [...byTool.values()].sort((a, b) => a.tool.name.localeCompare(b.tool.name));
  return {
    revision,
    generatedAt: now.toISOString(),
    routes,
    resources: [...byUri.values()].sort((a, b) => a.resource.uri.localeCompare(b.resource.uri)),
    resourceTemplates: [...byTemplate.values()].sort((a, b) =>
      a.template.uriTemplate.localeCompare(b.template.uriTemplate),
    ),
    prompts: [...byPrompt.values()].sort((a, b) => a.prompt.name.localeCompare(b.prompt.name)),
    conflicts: [...conflicts].sort(),
  };
}

/** Fast lookup over a routing table. */
export interface RouteIndex {
  readonly table: RouteTable;
  lookup(tool: string): Route | undefined;
  /** The service that serves a resource URI: a listed resource first, then a template match. */
  resourceService(uri: string): string | undefined;
  /** The service that serves a resource template (completion refers to it by template). */
  templateService(uriTemplate: string): string | undefined;
  prompt(name: string): PromptRoute | undefined;
}

/** Indexes a routing table by tool name, resource URI and template, and prompt name. */
export function indexRoutes(table: RouteTable): RouteIndex {
  const map = new Map(table.routes.map((r) => [r.tool.name, r]));
  const resources = new Map((table.resources ?? []).map((r) => [r.resource.uri, r.service]));
  const templates: { service: string; uri: UriTemplate | null; key: string }[] = (
    table.resourceTemplates ?? []
  ).map((t) => {
    let uri: UriTemplate | null = null;
    try {
      uri = compileUriTemplate(t.template.uriTemplate);
    } catch {
      // A template the gateway cannot match is listed but never routed to.
    }
    return { service: t.service, uri, key: t.template.uriTemplate };
  });
  const prompts = new Map((table.prompts ?? []).map((p) => [p.prompt.name, p]));
  return {
    table,
    lookup: (tool) => map.get(tool),
    resourceService: (uri) =>
      resources.get(uri) ?? templates.find((t) => t.uri?.match(uri))?.service,
    templateService: (key) => templates.find((t) => t.key === key)?.service,
    prompt: (name) => prompts.get(name),
  };
}

/** The empty table, before the router has published one. */
export const EMPTY_ROUTE_TABLE: RouteTable = {
  revision: 0,
  generatedAt: new Date(0).toISOString(),
  routes: [],
  conflicts: [],
};

/** What a client can list, and which of those lists a new table changes. */
export type ListKind = 'tools' | 'resources' | 'prompts';

/** The lists that differ between two tables (pure; compares what clients would be shown). */
export function changedLists(before: RouteTable | null, after: RouteTable): ListKind[] {
  const shown = (t: RouteTable | null): Record<ListKind, string> => ({
    tools: JSON.stringify(t?.routes.map((r) => r.tool) ?? []),
    resources: JSON.stringify([
      t?.resources?.map((r) => r.resource) ?? [],
      t?.resourceTemplates?.map((r) => r.template) ?? [],
    ]),
    prompts: JSON.stringify(t?.prompts?.map((p) => p.prompt) ?? []),
  });
  const a = shown(before);
  const b = shown(after);
  return (['tools', 'resources', 'prompts'] as const).filter((k) => a[k] !== b[k]);
}
