import { ErrorCode, GatewayError, type ToolDefinition } from '@stockpulse/protocol';
import { compileSchema } from '@stockpulse/schemas';
import type { ToolImplementation } from '@stockpulse/tool-service';
import { callHttp } from './http-call.js';
import { buildHttpRequest, RequestBuildError, type HttpRequest } from './http-request.js';
import { deref, isObject } from './local-refs.js';
import {
  assertOpenApiDocument,
  HTTP_METHODS,
  type HttpMethod,
  type JsonObject,
  type OpenApiDocument,
} from './openapi-document.js';
import { buildOperationInput, buildOperationOutput } from './operation-input.js';
import { createNameRegistry, toolNameFor } from './tool-names.js';

/** Options of {@link createOpenApiTools}. */
export interface OpenApiToolsOptions {
  /** Base URL of the API; default the document's first server (its variables at their defaults). */
  readonly baseUrl?: string;
  /** Headers sent with every request, e.g. `{ authorization: 'Bearer ...' }`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Prefix of every tool name (e.g. `rest_`), to keep them apart from other services' tools. */
  readonly namePrefix?: string;
  /** Names already taken (by other tools of the same service); generated names avoid them. */
  readonly reservedNames?: Iterable<string>;
  /** Longest wait for the API, per call (default 10 s); the call's deadline bounds it further. */
  readonly timeoutMs?: number;
  /** Largest response body read (default 1 MiB). */
  readonly maxResponseBytes?: number;
  /** Where the data comes from, as the untrusted marking names it; default `openapi:<title>`. */
  readonly source?: string;
  /** Only operations this returns true for become tools (default: all). */
  readonly include?: (op: { operationId?: string; method: HttpMethod; path: string }) => boolean;
}

/** An operation that did not become a tool, and why. */
export interface SkippedOperation {
  readonly method: HttpMethod;
  readonly path: string;
  readonly reason: string;
}

/** The tools made from a document, and the operations left out. */
export interface OpenApiTools {
  readonly tools: ToolImplementation[];
  readonly skipped: SkippedOperation[];
}

/** The base URL of the API: the option, or the document's first server with default variables. */
function baseUrlOf(doc: OpenApiDocument, option: string | undefined): URL {
  const server = doc.servers?.[0];
  const raw =
    option ??
    server?.url.replace(
      /\{([^}]+)\}/g,
      (whole, v: string) => server.variables?.[v]?.default ?? whole,
    );
  if (raw === undefined) {
    throw new GatewayError(
      ErrorCode.InvalidParams,
      'no base URL: the document has no servers and no baseUrl was given',
    );
  }
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url;
  } catch (cause) {
    throw new GatewayError(
      ErrorCode.InvalidParams,
      `base URL "${raw}" is not an absolute http(s) URL; pass baseUrl`,
      { cause },
    );
  }
}

/** A key as one JSON Pointer segment. */
function pointerKey(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function annotations(method: HttpMethod, title: string | undefined): Record<string, unknown> {
  const readOnly = method === 'get' || method === 'head';
  return {
    ...(title ? { title } : {}),
    readOnlyHint: readOnly,
    // POST, PUT and PATCH keep the MCP default (may be destructive): the document cannot say.
    ...(readOnly
      ? { destructiveHint: false }
      : method === 'delete'
        ? { destructiveHint: true }
        : {}),
    idempotentHint: readOnly || method === 'put' || method === 'delete' || method === 'options',
    openWorldHint: true,
  };
}

/**
 * Turns every operation of an OpenAPI 3.0/3.1 document into a tool: the name from the
 * operationId (snake_case, unique), title and description from the summary and description,
 * the input schema from the parameters and JSON request body, the output schema from the 2xx
 * JSON response when it is an object, and annotations from the method. The handler calls the
 * API with fetch; everything the API returns is marked untrusted. Throws `invalid_params` for a
 * document it cannot read (shape, remote or dangling `$ref`, no base URL).
 */
export function createOpenApiTools(
  document: unknown,
  opts: OpenApiToolsOptions = {},
): OpenApiTools {
  assertOpenApiDocument(document);
  const doc = document as unknown as JsonObject;
  const baseUrl = baseUrlOf(document, opts.baseUrl);
  const source = opts.source ?? `openapi:${document.info.title}`;
  const unique = createNameRegistry(opts.reservedNames);
  const tools: ToolImplementation[] = [];
  const skipped: SkippedOperation[] = [];

  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (!path.startsWith('/')) continue;
    const pathItem = deref(doc, item, `#/paths/${pointerKey(path)}`);
    if (!isObject(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const op = pathItem[method];
      if (!isObject(op)) continue;
      const operationId = typeof op['operationId'] === 'string' ? op['operationId'] : undefined;
      if (opts.include && !opts.include({ operationId, method, path })) continue;
      const at = `#/paths/${pointerKey(path)}/${method}`;
      const input = buildOperationInput(doc, pathItem, op, at);
      if (input === null) {
        skipped.push({ method, path, reason: 'its required request body is not JSON' });
        continue;
      }
      const outputSchema = buildOperationOutput(doc, op, at);
      const summary = typeof op['summary'] === 'string' ? op['summary'] : undefined;
      const description = typeof op['description'] === 'string' ? op['description'] : undefined;
      const route = `${method.toUpperCase()} ${path}`;
      const definition: ToolDefinition = {
        name: unique(toolNameFor(operationId, method, path, opts.namePrefix)),
        ...(summary ? { title: summary } : {}),
        description: [description ?? summary, `(${route} on ${document.info.title})`]
          .filter(Boolean)
          .join(' '),
        inputSchema: input.inputSchema,
        ...(outputSchema ? { outputSchema } : {}),
        annotations: annotations(method, summary),
      };
      const checkOutput = outputSchema ? compileSchema(outputSchema) : undefined;
      tools.push({
        definition,
        handler: async (args, ctx) => {
          let request: HttpRequest;
          try {
            request = buildHttpRequest(baseUrl, method, path, input, args, opts.headers ?? {});
          } catch (err) {
            if (!(err instanceof RequestBuildError)) throw err;
            return { content: [{ type: 'text', text: err.message }], isError: true };
          }
          return callHttp(request, {
            timeoutMs: opts.timeoutMs ?? 10_000,
            maxResponseBytes: opts.maxResponseBytes ?? 1024 * 1024,
            source,
            checkOutput,
            signal: ctx.signal,
            deadline: ctx.deadline,
          });
        },
      });
    }
  }
  return { tools, skipped };
}
