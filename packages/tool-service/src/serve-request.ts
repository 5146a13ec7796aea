import {
  compileUriTemplate,
  ErrorCode,
  GatewayError,
  Header,
  ServiceMethod,
  type Logger,
  type ServiceReply,
  type ServiceRequest,
  type UriTemplate,
} from '@stockpulse/protocol';
import type { Bus, BusMessage } from '@stockpulse/bus';
import { deadlineOf, requestContext } from './handle-call.js';
import { answerable } from './input-required.js';
import type {
  PromptImplementation,
  RequestContext,
  ResourceImplementation,
  ResourceTemplateImplementation,
} from './types.js';

/** Most completion values one answer carries (the specification's limit). */
const MAX_COMPLETIONS = 100;

/** What a service serves besides tools, indexed once. */
export interface Catalog {
  readonly resources: ReadonlyMap<string, ResourceImplementation>;
  readonly templates: readonly {
    readonly impl: ResourceTemplateImplementation;
    readonly uri: UriTemplate;
  }[];
  readonly prompts: ReadonlyMap<string, PromptImplementation>;
}

/** Indexes resources, templates and prompts; throws on duplicates or malformed templates. */
export function prepareCatalog(
  resources: readonly ResourceImplementation[] = [],
  templates: readonly ResourceTemplateImplementation[] = [],
  prompts: readonly PromptImplementation[] = [],
): Catalog {
  const byUri = new Map<string, ResourceImplementation>();
  for (const r of resources) {
    if (byUri.has(r.definition.uri)) throw new TypeError(`duplicate resource: ${r.definition.uri}`);
    byUri.set(r.definition.uri, r);
  }
  const byName = new Map<string, PromptImplementation>();
  for (const p of prompts) {
    if (byName.has(p.definition.name))
      throw new TypeError(`duplicate prompt: ${p.definition.name}`);
    byName.set(p.definition.name, p);
  }
  return {
    resources: byUri,
    templates: templates.map((impl) => ({
      impl,
      uri: compileUriTemplate(impl.definition.uriTemplate),
    })),
    prompts: byName,
  };
}

function stringParam(params: Record<string, unknown>, key: string): string {
  const v = params[key];
  if (typeof v !== 'string' || !v) {
    throw new GatewayError(ErrorCode.InvalidParams, `params.${key} must be a non-empty string`);
  }
  return v;
}

function objectParam(params: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = params[key] ?? {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new GatewayError(ErrorCode.InvalidParams, `params.${key} must be an object`);
  }
  return v as Record<string, unknown>;
}

async function readResource(
  catalog: Catalog,
  params: Record<string, unknown>,
  ctx: RequestContext,
): Promise<Record<string, unknown>> {
  const uri = stringParam(params, 'uri');
  const fixed = catalog.resources.get(uri);
  if (fixed) return { contents: await fixed.read(ctx) };
  for (const t of catalog.templates) {
    const vars = t.uri.match(uri);
    if (!vars) continue;
    const contents = await t.impl.read(uri, vars, ctx);
    if (contents) return { contents };
  }
  throw new GatewayError(ErrorCode.NotFound, `Resource not found: ${uri}`, { details: { uri } });
}

async function getPrompt(
  catalog: Catalog,
  params: Record<string, unknown>,
  ctx: RequestContext,
): Promise<Record<string, unknown>> {
  const name = stringParam(params, 'name');
  const prompt = catalog.prompts.get(name);
  if (!prompt) {
    throw new GatewayError(ErrorCode.NotFound, `Unknown prompt: ${name}`, {
      details: { prompt: name },
    });
  }
  const raw = objectParam(params, 'arguments');
  const args: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string') {
      throw new GatewayError(ErrorCode.InvalidParams, `prompt argument ${k} must be a string`);
    }
    args[k] = v;
  }
  const missing = (prompt.definition.arguments ?? [])
    .filter((a) => a.required && args[a.name] === undefined)
    .map((a) => a.name);
  if (missing.length > 0) {
    throw new GatewayError(
      ErrorCode.InvalidParams,
      `missing required prompt arguments: ${missing.join(', ')}`,
      { details: { missing } },
    );
  }
  return { ...(await prompt.get(args, ctx)) };
}

async function complete(
  catalog: Catalog,
  params: Record<string, unknown>,
  ctx: RequestContext,
): Promise<Record<string, unknown>> {
  const ref = objectParam(params, 'ref');
  const argument = objectParam(params, 'argument');
  const argName = stringParam(argument, 'name');
  const value = typeof argument['value'] === 'string' ? argument['value'] : '';
  let values: readonly string[] = [];
  if (ref['type'] === 'ref/prompt') {
    const prompt = catalog.prompts.get(stringParam(ref, 'name'));
    if (!prompt) throw new GatewayError(ErrorCode.NotFound, 'Unknown prompt in ref');
    values = (await prompt.complete?.(argName, value, ctx)) ?? [];
  } else if (ref['type'] === 'ref/resource') {
    const uri = stringParam(ref, 'uri');
    const t = catalog.templates.find((x) => x.impl.definition.uriTemplate === uri);
    if (!t) throw new GatewayError(ErrorCode.NotFound, 'Unknown resource template in ref');
    values = (await t.impl.complete?.(argName, value, ctx)) ?? [];
  } else {
    throw new GatewayError(ErrorCode.InvalidParams, 'ref.type must be ref/prompt or ref/resource');
  }
  return {
    completion: {
      values: values.slice(0, MAX_COMPLETIONS),
      total: values.length,
      hasMore: values.length > MAX_COMPLETIONS,
    },
  };
}

/**
 * Serves one request on the service-request subject: resources/read, prompts/get or
 * completion/complete. Returns the reply, or null when the deadline already passed.
 */
export async function handleServiceRequest(
  bus: Bus,
  catalog: Catalog,
  msg: BusMessage,
  stopSignal: AbortSignal,
  logger: Logger,
): Promise<ServiceReply | null> {
  try {
    const deadline = deadlineOf(msg.header(Header.Deadline));
    if (deadline === null) throw new GatewayError(ErrorCode.BadRequest, 'bad deadline header');
    const remaining = deadline - Date.now();
    if (remaining <= 0) return null;
    const req = msg.json<ServiceRequest>();
    const params =
      typeof req.params === 'object' && req.params !== null && !Array.isArray(req.params)
        ? req.params
        : {};
    const signal = AbortSignal.any([stopSignal, AbortSignal.timeout(remaining)]);
    const ctx = requestContext(bus, msg, deadline, signal);
    switch (req.method) {
      // A stateless client is asked with input_required results (see input-required.ts).
      case ServiceMethod.ReadResource:
        return {
          ok: true,
          value: await answerable(ctx, params, `resource:${String(params['uri'])}`, (c) =>
            readResource(catalog, params, c),
          ),
        };
      case ServiceMethod.GetPrompt:
        return {
          ok: true,
          value: await answerable(ctx, params, `prompt:${String(params['name'])}`, (c) =>
            getPrompt(catalog, params, c),
          ),
        };
      case ServiceMethod.Complete:
        return { ok: true, value: await complete(catalog, params, ctx) };
      default:
        throw new GatewayError(ErrorCode.BadRequest, `not a service method: ${String(req.method)}`);
    }
  } catch (err) {
    if (!(err instanceof GatewayError)) {
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'request failed');
    }
    return { ok: false, error: GatewayError.from(err).toData() };
  }
}
