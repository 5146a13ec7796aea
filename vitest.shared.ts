import { defineConfig, type ViteUserConfig } from 'vitest/config';

/** Workspace packages resolve to their TypeScript sources in tests through this condition. */
const conditions = ['@stockpulse/source', 'node', 'development|production'];

/**
 * The shared Vitest configuration of every project: unit tests beside the code, integration
 * tests in `tests/*.int.test.ts`, a JSON report per project for the CI summary.
 */
export function defineProjectConfig(name: string): ViteUserConfig {
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: {
      name,
      include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
      environment: 'node',
      testTimeout: 30_000,
      hookTimeout: 60_000,
      reporters: ['default', ['json', { outputFile: `../../reports/vitest/${name}.json` }]],
      pool: 'forks',
    },
  });
}
