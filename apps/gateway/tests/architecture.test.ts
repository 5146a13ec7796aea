import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;

/** Each external library and the one package allowed to import it. */
const OWNERS: Array<[RegExp, string]> = [
  [/^@nats-io\//, 'packages/bus'],
  [/^(kysely|pg|pg-pool)$/, 'packages/db'],
  [/^@electric-sql\//, 'packages/db'],
  [/^pino/, 'packages/telemetry'],
  [/^@opentelemetry\/(sdk-|exporter-)/, 'packages/telemetry'],
  [/^ajv/, 'packages/schemas'],
  [/^testcontainers$/, 'packages/testkit'],
  [/^ws$/, 'packages/edge'],
  [/^trading-signals$/, 'packages/stockpulse-tools'],
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map(
    (m) => m[1] as string,
  );
}

const projects = ['apps', 'packages'].flatMap((top) =>
  readdirSync(join(root, top)).map((name) => `${top}/${name}`),
);
const files = projects.flatMap((p) =>
  sourceFiles(join(root, p, 'src')).map((f) => ({ project: p, file: f })),
);

describe('architecture', () => {
  it('scans the real tree', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('gives each external library exactly one owning package', () => {
    const violations = files.flatMap(({ project, file }) =>
      importsOf(file)
        .filter((spec) => OWNERS.some(([re, owner]) => re.test(spec) && owner !== project))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(violations).toEqual([]);
  });

  it('keeps packages from importing apps, and apps from importing each other', () => {
    const apps = new Set(readdirSync(join(root, 'apps')).map((a) => `@stockpulse/${a}`));
    const violations = files.flatMap(({ project, file }) =>
      importsOf(file)
        .filter((spec) => apps.has(spec) || /(^|\/)apps\//.test(spec))
        .map((spec) => `${project}: ${relative(root, file)} imports ${spec}`),
    );
    expect(violations).toEqual([]);
  });

  it('keeps protocol pure: no dependencies and no I/O', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'packages/protocol/package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
    const imports = files
      .filter((f) => f.project === 'packages/protocol')
      .flatMap((f) => importsOf(f.file));
    expect(imports.filter((s) => !s.startsWith('./'))).toEqual([]);
  });

  it('keeps Postgres off the hot path: the edge and the tool service never depend on the database', () => {
    for (const p of ['packages/edge', 'packages/tool-service', 'packages/router']) {
      const pkg = JSON.parse(readFileSync(join(root, p, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      expect(Object.keys(pkg.dependencies ?? {}), p).not.toContain('@stockpulse/db');
    }
  });

  it('lets no package depend on an app in package.json', () => {
    const apps = readdirSync(join(root, 'apps')).map((a) => `@stockpulse/${a}`);
    for (const p of projects.filter((x) => x.startsWith('packages/'))) {
      const pkg = JSON.parse(readFileSync(join(root, p, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
      expect(
        deps.filter((d) => apps.includes(d)),
        p,
      ).toEqual([]);
    }
  });
});
