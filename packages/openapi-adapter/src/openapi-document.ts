import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import { compileSchema } from '@stockpulse/schemas';

/** A JSON object of an OpenAPI document, kept loose past the fields the adapter reads. */
export type JsonObject = Record<string, unknown>;

/** The HTTP methods an OpenAPI path item can hold operations for. */
export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

/** One of {@link HTTP_METHODS}. */
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** An OpenAPI 3.0 or 3.1 document, as far as the adapter reads it. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string };
  readonly servers?: readonly {
    readonly url: string;
    readonly variables?: Record<string, { readonly default: string }>;
  }[];
  readonly paths?: Record<string, JsonObject>;
  readonly components?: JsonObject;
}

const ref = { type: 'object', required: ['$ref'], properties: { $ref: { type: 'string' } } };
const parameter = {
  type: 'object',
  if: { required: ['$ref'] },
  then: ref,
  else: {
    required: ['name', 'in'],
    properties: {
      name: { type: 'string', minLength: 1 },
      in: { enum: ['path', 'query', 'header', 'cookie'] },
      required: { type: 'boolean' },
    },
  },
};
const operation = {
  type: 'object',
  properties: {
    operationId: { type: 'string', minLength: 1 },
    summary: { type: 'string' },
    description: { type: 'string' },
    parameters: { type: 'array', items: parameter },
    requestBody: { type: 'object' },
    responses: { type: 'object' },
  },
};

/** The shape the adapter relies on; the rest of the OpenAPI specification is not checked. */
const DOCUMENT_SHAPE = {
  type: 'object',
  required: ['openapi', 'info'],
  properties: {
    openapi: { type: 'string', pattern: '^3\\.[01]\\.\\d+' },
    info: {
      type: 'object',
      required: ['title', 'version'],
      properties: { title: { type: 'string' }, version: { type: 'string' } },
    },
    servers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['url'],
        properties: {
          url: { type: 'string' },
          variables: {
            type: 'object',
            additionalProperties: {
              type: 'object',
              required: ['default'],
              properties: { default: { type: 'string' } },
            },
          },
        },
      },
    },
    paths: {
      type: 'object',
      // Paths start with `/`; `x-` keys are specification extensions.
      propertyNames: { pattern: '^(/|x-)' },
      additionalProperties: {
        type: 'object',
        properties: {
          parameters: { type: 'array', items: parameter },
          ...Object.fromEntries(HTTP_METHODS.map((m) => [m, operation])),
        },
      },
    },
    components: { type: 'object' },
  },
};

const checkShape = compileSchema(DOCUMENT_SHAPE);

/**
 * Checks that a value is an OpenAPI 3.0 or 3.1 document the adapter can read: the version, the
 * info, servers, path keys, operations and parameters. Throws `invalid_params` listing every
 * problem with its JSON path.
 */
export function assertOpenApiDocument(value: unknown): asserts value is OpenApiDocument {
  const result = checkShape(value);
  if (result.ok) return;
  const problems = result.errors.map((e) => `${e.path || '/'}: ${e.message}`);
  const version =
    typeof value === 'object' && value !== null ? (value as JsonObject)['openapi'] : undefined;
  const hint =
    typeof version !== 'string' && typeof value === 'object' && value !== null && 'swagger' in value
      ? ' (Swagger 2.0 is not supported; convert it to OpenAPI 3 first)'
      : '';
  throw new GatewayError(
    ErrorCode.InvalidParams,
    `not an OpenAPI 3.0/3.1 document${hint}: ${problems.join('; ')}`,
    { details: { problems } },
  );
}
