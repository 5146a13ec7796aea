import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SchemaName } from './schema-name.js';

/**
 * The repository's `/schemas` folder. Both `src/` and `dist/` sit two levels below the repo
 * root, so one relative URL serves the sources under test and the built package.
 */
export const SCHEMAS_DIR = new URL('../../../schemas/', import.meta.url);

/** Reads and parses the JSON Schema file of a bus payload. */
export function loadSchemaFile(name: SchemaName): Record<string, unknown> {
  const url = new URL(`${name}.schema.json`, SCHEMAS_DIR);
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`cannot load schema ${name} from ${fileURLToPath(url)}`, { cause: err });
  }
}
