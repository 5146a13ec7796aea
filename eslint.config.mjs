import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** Each external library has one owning package; everything else reaches it through that package. */
const owned = [
  { pattern: '@nats-io/*', owner: 'bus' },
  { pattern: 'kysely', owner: 'db' },
  { pattern: 'pg', owner: 'db' },
  { pattern: '@electric-sql/*', owner: 'db' },
  { pattern: 'pino', owner: 'telemetry' },
  { pattern: '@opentelemetry/sdk-*', owner: 'telemetry' },
  { pattern: '@opentelemetry/exporter-*', owner: 'telemetry' },
  { pattern: 'ajv', owner: 'schemas' },
  { pattern: 'ajv-formats', owner: 'schemas' },
  { pattern: 'trading-signals', owner: 'stockpulse-tools' },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.nx/**', 'data/**', 'reports/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/require-await': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'layer:pure', onlyDependOnLibsWithTags: ['layer:pure'] },
            {
              sourceTag: 'layer:infra',
              onlyDependOnLibsWithTags: ['layer:pure', 'layer:infra', 'layer:testkit'],
            },
            {
              sourceTag: 'layer:core',
              onlyDependOnLibsWithTags: [
                'layer:pure',
                'layer:core',
                'layer:infra',
                'layer:testkit',
              ],
            },
          ],
        },
      ],
    },
  },
  ...[null, ...new Set(owned.map((o) => o.owner))].map((owner) => ({
    files: owner ? [`packages/${owner}/**/*.ts`] : ['apps/**/*.ts', 'packages/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: owned
            .filter((o) => o.owner !== owner)
            .map((o) => ({
              group: [o.pattern],
              message: `only packages/${o.owner} may import ${o.pattern}`,
            })),
        },
      ],
    },
  })),
  {
    files: ['**/*.test.ts', '**/tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/vitest.config.ts', 'vitest.shared.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
