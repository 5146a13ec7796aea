import { Ajv, type Options, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import { formatErrors, type SchemaError } from './error-format.js';

const addFormats = addFormatsModule.default;

/** The outcome of checking a value against a compiled tool schema. */
export type SchemaCheck = { ok: true } | { ok: false; errors: SchemaError[] };

/** A compiled tool schema. */
export type SchemaChecker = (value: unknown) => SchemaCheck;

/**
 * Lenient on purpose: tool schemas come from tool authors and upstream servers and carry
 * formats and keywords of their own, which are ignored instead of refused. Schemas are not
 * kept by id (`addUsedSchema: false`), so two tools may share an `$id`.
 */
const OPTIONS: Options = { strict: false, allErrors: true, logger: false, addUsedSchema: false };

type Dialect = '2020-12' | '2019-09' | 'draft-07';
const instances = new Map<Dialect, Ajv>();

function instance(dialect: Dialect): Ajv {
  let ajv = instances.get(dialect);
  if (!ajv) {
    const created =
      dialect === '2020-12'
        ? new Ajv2020(OPTIONS)
        : dialect === '2019-09'
          ? new Ajv2019(OPTIONS)
          : new Ajv(OPTIONS);
    ajv = addFormats(created);
    instances.set(dialect, ajv);
  }
  return ajv;
}

/** MCP tool schemas are JSON Schema 2020-12 unless `$schema` names another dialect. */
function dialectOf(schema: Record<string, unknown>): { dialect: Dialect; known: boolean } {
  const uri = typeof schema['$schema'] === 'string' ? schema['$schema'] : undefined;
  if (uri === undefined || uri.includes('2020-12')) return { dialect: '2020-12', known: true };
  if (uri.includes('2019-09')) return { dialect: '2019-09', known: true };
  if (uri.includes('draft-07')) return { dialect: 'draft-07', known: true };
  // Older drafts read much like draft-07; anything else is read as the MCP default.
  return { dialect: /draft-0[4-6]/.test(uri) ? 'draft-07' : '2020-12', known: false };
}

/**
 * Compiles an arbitrary tool input (or output) schema into a checker that never throws.
 * Compile once per schema and keep the checker: compiling costs far more than checking.
 * Unknown formats and keywords are ignored; a schema that is not valid JSON Schema at all
 * throws `invalid_params`.
 */
export function compileSchema(schema: object): SchemaChecker {
  const source = schema as Record<string, unknown>;
  const { dialect, known } = dialectOf(source);
  // An unknown $schema would make ajv look for a meta-schema it does not have.
  const { $schema: _unknown, ...withoutDialect } = source;
  const effective = known ? source : withoutDialect;
  const ajv = instance(dialect);
  let validator: ValidateFunction;
  try {
    validator = ajv.compile(effective);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new GatewayError(ErrorCode.InvalidParams, `invalid JSON Schema: ${message}`, {
      cause: err,
    });
  } finally {
    // Compiled functions stand alone; dropping ajv's cache entry keeps memory flat when
    // upstream tool lists are refreshed over and over.
    ajv.removeSchema(effective);
  }
  return (value) =>
    validator(value) ? { ok: true } : { ok: false, errors: formatErrors(validator.errors) };
}
