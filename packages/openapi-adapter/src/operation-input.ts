import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import { deref, isObject } from './local-refs.js';
import type { JsonObject } from './openapi-document.js';
import { ToolSchemaBuilder } from './tool-schema.js';

/** Where an argument goes in the HTTP request. */
export type ArgumentLocation = 'path' | 'query' | 'header' | 'cookie' | 'body';

/** One tool argument and the request part it fills. */
export interface ArgumentBinding {
  /** Name of the property in the tool's arguments. */
  readonly argument: string;
  readonly in: ArgumentLocation;
  /** Name in the request (the parameter name); unused for the body. */
  readonly name: string;
  /** A parameter described with `content` (JSON) instead of `schema` is sent as JSON text. */
  readonly json: boolean;
}

/** A tool's input schema and how its arguments map onto the request. */
export interface OperationInput {
  readonly inputSchema: JsonObject;
  readonly bindings: readonly ArgumentBinding[];
  /** Media type of the request body, when the tool takes one. */
  readonly bodyMediaType: string | undefined;
}

/** True for `application/json` and `application/<anything>+json` (parameters ignored). */
export function isJsonMediaType(mediaType: string): boolean {
  const base = mediaType.split(';')[0]!.trim().toLowerCase();
  return base === 'application/json' || /^application\/[^/]+\+json$/.test(base);
}

function jsonContent(content: unknown): { mediaType: string; schema: unknown } | undefined {
  if (!isObject(content)) return undefined;
  for (const [mediaType, media] of Object.entries(content)) {
    if (isJsonMediaType(mediaType) && isObject(media))
      return { mediaType, schema: media['schema'] ?? {} };
  }
  return undefined;
}

/**
 * The parameters of an operation: the path item's, overridden by the operation's with the same
 * name and location (as OpenAPI specifies).
 */
function mergedParameters(doc: JsonObject, pathItem: JsonObject, op: JsonObject, at: string) {
  const merged = new Map<string, JsonObject>();
  for (const [list, where] of [
    [pathItem['parameters'], `${at}/..`],
    [op['parameters'], at],
  ] as const) {
    if (!Array.isArray(list)) continue;
    list.forEach((p, i) => {
      const param = deref(doc, p, `${where}/parameters/${i}`);
      if (!isObject(param)) return;
      merged.set(`${String(param['in'])}:${String(param['name'])}`, param);
    });
  }
  return [...merged.values()];
}

/**
 * Builds a tool's input schema from an operation: path, query, header and cookie parameters
 * become top-level properties (a name used in two locations is prefixed with the location for
 * the later one), and a JSON request body becomes the property `body`. Returns null when the
 * operation needs a body the adapter cannot send (not JSON).
 */
export function buildOperationInput(
  doc: JsonObject,
  pathItem: JsonObject,
  op: JsonObject,
  at: string,
): OperationInput | null {
  const schemas = new ToolSchemaBuilder(doc);
  const properties: JsonObject = {};
  const required: string[] = [];
  const bindings: ArgumentBinding[] = [];
  const claim = (name: string, location: string): string =>
    properties[name] === undefined ? name : claim(`${location}_${name}`, location);

  mergedParameters(doc, pathItem, op, at).forEach((param) => {
    const name = String(param['name']);
    const location = param['in'] as ArgumentLocation;
    const where = `${at}/parameters/${name}`;
    const content = jsonContent(param['content']);
    const schema = schemas.convert(content?.schema ?? param['schema'] ?? {}, where);
    const argument = claim(name, location);
    const described =
      typeof param['description'] === 'string' && isObject(schema) && !schema['description']
        ? { ...schema, description: param['description'] }
        : schema;
    properties[argument] = described;
    if (param['required'] === true || location === 'path') required.push(argument);
    bindings.push({ argument, in: location, name, json: content !== undefined });
  });

  let bodyMediaType: string | undefined;
  if (op['requestBody'] !== undefined) {
    const body = deref(doc, op['requestBody'], `${at}/requestBody`);
    if (!isObject(body)) {
      throw new GatewayError(ErrorCode.InvalidParams, `requestBody is not an object (at ${at})`);
    }
    const content = jsonContent(body['content']);
    if (content === undefined) {
      if (body['required'] === true) return null;
    } else {
      const argument = claim('body', 'request');
      const schema = schemas.convert(content.schema, `${at}/requestBody`);
      properties[argument] =
        typeof body['description'] === 'string' && isObject(schema) && !schema['description']
          ? { ...schema, description: body['description'] }
          : schema;
      if (body['required'] === true) required.push(argument);
      bindings.push({ argument, in: 'body', name: argument, json: true });
      bodyMediaType = content.mediaType;
    }
  }

  const inputSchema = schemas.withDefs({
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  });
  return { inputSchema, bindings, bodyMediaType };
}

/**
 * The output schema of an operation: the JSON schema of its first 2xx response (by status
 * code, `2XX` after the exact codes), when that schema is an object; otherwise undefined.
 */
export function buildOperationOutput(
  doc: JsonObject,
  op: JsonObject,
  at: string,
): JsonObject | undefined {
  const responses = isObject(op['responses']) ? op['responses'] : {};
  const codes = Object.keys(responses)
    .filter((c) => /^2(\d\d|XX)$/i.test(c))
    .sort();
  const first = codes[0];
  if (first === undefined) return undefined;
  const response = deref(doc, responses[first], `${at}/responses/${first}`);
  const content = isObject(response) ? jsonContent(response['content']) : undefined;
  if (content === undefined) return undefined;
  const schemas = new ToolSchemaBuilder(doc);
  const root = schemas.rootObject(content.schema, `${at}/responses/${first}`);
  return root === null ? undefined : schemas.withDefs(root);
}
