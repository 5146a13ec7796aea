import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import { deref, isObject, resolvePointer } from './local-refs.js';
import type { JsonObject } from './openapi-document.js';

/** Keywords whose value is one subschema. */
const ONE = [
  'additionalProperties',
  'items',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'additionalItems',
];
/** Keywords whose value is an array of subschemas. */
const MANY = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Keywords whose value maps names to subschemas. */
const MAP = ['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions'];
/** OpenAPI-only keywords that mean nothing to a JSON Schema validator. */
const OPENAPI_ONLY = ['discriminator', 'xml', 'externalDocs', 'nullable', 'example'];

/**
 * Builds self-contained JSON Schemas (2020-12, the MCP default) from the schemas of one OpenAPI
 * document: local `$ref`s are copied into the result's `$defs` and pointed at there, so
 * recursive schemas stay finite; OpenAPI 3.0 dialect (`nullable`, boolean `exclusiveMinimum`,
 * `example`) is translated.
 */
export class ToolSchemaBuilder {
  private readonly legacy: boolean;
  private readonly defs = new Map<string, { name: string; schema: unknown }>();
  private readonly names = new Set<string>();

  constructor(private readonly doc: JsonObject) {
    this.legacy = String(doc['openapi']).startsWith('3.0');
  }

  /** Converts one schema; `$ref`s in it become `#/$defs/<name>` collected by this builder. */
  convert(schema: unknown, at: string): unknown {
    if (typeof schema === 'boolean') return schema;
    if (!isObject(schema)) {
      throw new GatewayError(ErrorCode.InvalidParams, `schema is not an object (at ${at})`);
    }
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref' && typeof value === 'string') out[key] = this.defRef(value, at);
      else if (ONE.includes(key) && (isObject(value) || typeof value === 'boolean'))
        out[key] = this.convert(value, `${at}/${key}`);
      else if (key === 'items' && Array.isArray(value))
        out['prefixItems'] = value.map((s, i) => this.convert(s, `${at}/items/${i}`));
      else if (MANY.includes(key) && Array.isArray(value))
        out[key] = value.map((s, i) => this.convert(s, `${at}/${key}/${i}`));
      else if (MAP.includes(key) && isObject(value))
        out[key === 'definitions' ? '$defs' : key] = Object.fromEntries(
          Object.entries(value).map(([k, s]) => [k, this.convert(s, `${at}/${key}/${k}`)]),
        );
      else if (!OPENAPI_ONLY.includes(key)) out[key] = value;
    }
    if (this.legacy) this.translateLegacy(schema, out);
    else if (schema['example'] !== undefined && out['examples'] === undefined)
      out['examples'] = [schema['example']];
    return out;
  }

  /**
   * Converts a schema that must be a JSON object at its root (a tool's input or output): a
   * root `$ref` is followed and inlined. Returns null when the root is not `type: object`.
   */
  rootObject(schema: unknown, at: string): JsonObject | null {
    const root = deref(this.doc, schema, at);
    if (!isObject(root) || root['type'] !== 'object') return null;
    return this.convert(root, at) as JsonObject;
  }

  /** The `$defs` collected so far, converted; empty when no `$ref` was met. */
  collectedDefs(): JsonObject {
    return Object.fromEntries([...this.defs.values()].map((d) => [d.name, d.schema]));
  }

  /** Returns `schema` with the collected `$defs` attached, when there are any. */
  withDefs(schema: JsonObject): JsonObject {
    const defs = this.collectedDefs();
    return Object.keys(defs).length === 0
      ? schema
      : { ...schema, $defs: { ...(schema['$defs'] as JsonObject | undefined), ...defs } };
  }

  private defRef(ref: string, at: string): string {
    const known = this.defs.get(ref);
    if (known) return `#/$defs/${known.name}`;
    const target = resolvePointer(this.doc, ref, at);
    const name = this.uniqueName(ref);
    const entry = { name, schema: undefined as unknown };
    // Registered before converting, so a schema that refers to itself finds its own entry.
    this.defs.set(ref, entry);
    entry.schema = this.convert(target, ref);
    return `#/$defs/${name}`;
  }

  private uniqueName(ref: string): string {
    const base =
      (ref.startsWith('#/components/schemas/') ? ref.slice(21) : ref.slice(2))
        .replace(/[^A-Za-z0-9_.-]+/g, '_')
        .replace(/^_+|_+$/g, '') || 'schema';
    let name = base;
    for (let i = 2; this.names.has(name); i++) name = `${base}_${i}`;
    this.names.add(name);
    return name;
  }

  private translateLegacy(source: JsonObject, out: JsonObject): void {
    if (source['example'] !== undefined && out['examples'] === undefined)
      out['examples'] = [source['example']];
    for (const [flag, bound] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      if (typeof source[flag] !== 'boolean') continue;
      delete out[flag];
      if (source[flag] === true && typeof source[bound] === 'number') {
        out[flag] = source[bound];
        delete out[bound];
      }
    }
    if (source['nullable'] === true) {
      if (typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
      if (Array.isArray(out['enum']) && !out['enum'].includes(null))
        out['enum'] = [...(out['enum'] as unknown[]), null];
    }
  }
}
