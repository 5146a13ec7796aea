import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import { formatErrors } from './error-format.js';
import { loadSchemaFile } from './schema-files.js';
import type { SchemaName } from './schema-name.js';

const addFormats = addFormatsModule.default;

let ajv: Ajv2020 | undefined;
const validators = new Map<SchemaName, ValidateFunction>();

/**
 * The compiled validator of a bus schema: read and compiled on first use, then reused for the
 * life of the process. Our own schemas compile in strict mode, so a mistake in one fails loudly.
 */
export function validatorFor(name: SchemaName): ValidateFunction {
  let validator = validators.get(name);
  if (!validator) {
    const compiler = (ajv ??= addFormats(new Ajv2020({ strict: true, allErrors: false })));
    const schema = loadSchemaFile(name);
    try {
      validator = compiler.compile(schema);
    } catch (err) {
      // ajv registers the $id before compiling; forget it so the error repeats, not a "duplicate id".
      compiler.removeSchema(schema);
      if (typeof schema['$id'] === 'string') compiler.removeSchema(schema['$id']);
      throw err;
    }
    validators.set(name, validator);
  }
  return validator;
}

/**
 * Checks a payload that enters at a boundary against its bus schema and returns it typed.
 * The value is neither copied nor changed. A mismatch throws `invalid_params`, with the ajv
 * errors in `details.errors` and the schema name in `details.schema`.
 */
export function validate<T>(name: SchemaName, value: unknown): T {
  const validator = validatorFor(name);
  if (validator(value)) return value as T;
  const errors = validator.errors ?? [];
  const summary = formatErrors(errors)
    .map((e) => `${e.path || '(root)'} ${e.message}`)
    .join('; ');
  throw new GatewayError(ErrorCode.InvalidParams, `invalid ${name}: ${summary}`, {
    details: { schema: name, errors: errors.map((e) => ({ ...e })) },
  });
}
