import { describe, expect, it } from 'vitest';
import type { ToolManifest } from '@stockpulse/protocol';
import { buildRouteTable, changedLists, indexRoutes } from './route-table.js';

const tool = (name: string) => ({ name, inputSchema: { type: 'object' } });
const manifest = (service: string, at: string, ...names: string[]): ToolManifest => ({
  service,
  version: '1',
  announcedAt: at,
  tools: names.map(tool),
});

describe('buildRouteTable', () => {
  it('routes every tool to its service, sorted by name', () => {
    const t = buildRouteTable(
      [manifest('b', '2026-01-02', 'z', 'y'), manifest('a', '2026-01-01', 'x')],
      3,
    );
    expect(t.revision).toBe(3);
    expect(t.routes.map((r) => [r.tool.name, r.service])).toEqual([
      ['x', 'a'],
      ['y', 'b'],
      ['z', 'b'],
    ]);
    expect(t.conflicts).toEqual([]);
  });

  it('keeps the earlier announcement on a name conflict and reports it', () => {
    const t = buildRouteTable(
      [manifest('late', '2026-02-01', 'q'), manifest('early', '2026-01-01', 'q')],
      1,
    );
    expect(indexRoutes(t).lookup('q')?.service).toBe('early');
    expect(t.conflicts).toEqual(['q']);
  });

  it('routes resources, templates and prompts, and reports their conflicts', () => {
    const withCatalog = (service: string, at: string): ToolManifest => ({
      ...manifest(service, at),
      resources: [{ uri: 'stockpulse://portfolio', name: 'portfolio' }],
      resourceTemplates: [{ uriTemplate: 'stockpulse://quotes/{symbol}', name: 'quote' }],
      prompts: [{ name: `brief-${service}` }],
    });
    const t = buildRouteTable([withCatalog('b', '2026-01-02'), withCatalog('a', '2026-01-01')], 1);
    const index = indexRoutes(t);
    expect(index.resourceService('stockpulse://portfolio')).toBe('a');
    expect(index.resourceService('stockpulse://quotes/MSFT')).toBe('a');
    expect(index.resourceService('stockpulse://quotes/')).toBeUndefined();
    expect(index.resourceService('stockpulse://orders')).toBeUndefined();
    expect(index.templateService('stockpulse://quotes/{symbol}')).toBe('a');
    expect(index.prompt('brief-b')?.service).toBe('b');
    expect(t.prompts?.map((p) => p.prompt.name)).toEqual(['brief-a', 'brief-b']);
    expect(t.conflicts).toEqual([
      'resource-template:stockpulse://quotes/{symbol}',
      'resource:stockpulse://portfolio',
    ]);
  });
});

describe('changedLists', () => {
  const base = buildRouteTable([manifest('a', '2026-01-01', 'x')], 1);
  it('names the lists a client would see differently', () => {
    expect(changedLists(null, base)).toEqual(['tools']);
    expect(changedLists(base, buildRouteTable([manifest('a', '2026-01-01', 'x')], 2))).toEqual([]);
    const withPrompt = buildRouteTable(
      [{ ...manifest('a', '2026-01-01', 'x'), prompts: [{ name: 'p' }] }],
      3,
    );
    expect(changedLists(base, withPrompt)).toEqual(['prompts']);
    const withResource = buildRouteTable(
      [{ ...manifest('a', '2026-01-01', 'y'), resources: [{ uri: 'u://1', name: 'one' }] }],
      4,
    );
    expect(changedLists(base, withResource)).toEqual(['tools', 'resources']);
  });
});
