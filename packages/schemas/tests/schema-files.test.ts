import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SchemaName, validate } from '../src/index.js';

const root = fileURLToPath(new URL('../../../schemas/', import.meta.url));

describe('the /schemas folder', () => {
  it('holds exactly the schemas SchemaName names, named <domain>/<name>.v<N>.schema.json', () => {
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replaceAll('\\', '/'));
    for (const file of files) expect(file).toMatch(/^[a-z-]+\/[a-z-]+\.v\d+\.schema\.json$/);
    expect(files.map((f) => f.replace(/\.schema\.json$/, '')).sort()).toEqual(
      Object.values(SchemaName).sort(),
    );
  });

  it('compiles every schema in strict mode through the public API', () => {
    for (const name of Object.values(SchemaName)) {
      expect(() => validate(name, {})).toThrow(/^invalid /);
    }
  });
});
