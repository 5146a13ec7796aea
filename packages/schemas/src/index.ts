export { SchemaName } from './schema-name.js';
export { validate } from './validate.js';
export { compileSchema, type SchemaCheck, type SchemaChecker } from './compile-schema.js';
export type { SchemaError } from './error-format.js';
