import {
  ErrorCode,
  GatewayError,
  Header,
  isLogLevel,
  JsonRpcErrorCode,
  subjects,
  ServiceMethod,
  type AuditInput,
  type ClientAnswer,
  type ServiceReply,
  type ServiceRequest,
  type RequestCancelledEvent,
  type ToolCallReply,
  type ToolCallRequest,
} from '@stockpulse/protocol';
import { RpcError, type IncomingMessage } from './json-rpc.js';
import { paginate } from './pagination.js';
import { RoutingMode, type CallContext, type EdgeDeps, type EdgeSettings } from './types.js';

/** The result of one request, and what to audit once the answer is out. */
export interface Dispatched {
  readonly result: unknown;
  readonly audit?: AuditInput;
}

function toolCallParams(params: Record<string, unknown>): ToolCallRequest {
  const name = params['name'];
  const args = params['arguments'] ?? {};
  if (typeof name !== 'string' || !name) {
    throw new GatewayError(ErrorCode.InvalidParams, 'params.name must be a tool name');
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new GatewayError(ErrorCode.InvalidParams, 'params.arguments must be an object');
  }
  const meta = params['_meta'] as Record<string, unknown> | undefined;
  const token = meta?.['progressToken'];
  return {
    name,
    arguments: args as Record<string, unknown>,
    ...(typeof token === 'string' || typeof token === 'number' ? { progressToken: token } : {}),
  };
}

/** The headers every request to a worker carries: who asks, in which session, until when. */
function busHeaders(settings: EdgeSettings, ctx: CallContext): Record<string, string> {
  const caps = ctx.session.clientCapabilities;
  return {
    [Header.RequestId]: ctx.requestId,
    [Header.SessionId]: ctx.session.id,
    [Header.RpcId]: JSON.stringify(ctx.rpcId),
    [Header.PrincipalId]: ctx.principal.id,
    [Header.PrincipalScopes]: ctx.principal.scopes.join(','),
    [Header.Deadline]: String(Date.now() + settings.callTimeoutMs),
    [Header.ProtocolVersion]: ctx.session.protocolVersion,
    ...(ctx.session.logLevel ? { [Header.LogLevel]: ctx.session.logLevel } : {}),
    ...(Object.keys(caps).length > 0 ? { [Header.ClientCapabilities]: JSON.stringify(caps) } : {}),
    ...(ctx.interaction ? { [Header.Interaction]: ctx.interaction } : {}),
  };
}

/** Serves a tools/call: one bus request to the service (or the router), within the deadline. */
async function callTool(
  deps: EdgeDeps,
  settings: EdgeSettings,
  ctx: CallContext,
  params: Record<string, unknown>,
): Promise<Dispatched> {
  const { requestId } = ctx;
  const req = toolCallParams(params);
  const headers = busHeaders(settings, ctx);
  const started = performance.now();
  const route = deps.routes.current().lookup(req.name);
  const base: AuditInput = {
    kind: 'call',
    action: 'tools/call',
    outcome: 'ok',
    target: req.name,
    principalId: ctx.principal.id,
    sessionId: ctx.session.id,
    requestId,
  };
  const direct = settings.routingMode === RoutingMode.Direct;
  if (!direct) headers[Header.Tool] = req.name;
  try {
    if (!route) {
      throw new GatewayError(ErrorCode.NotFound, `Unknown tool: ${req.name}`, {
        details: { tool: req.name },
      });
    }
    const subject = direct ? subjects.toolServiceCall(route.service) : subjects.toolsCall();
    const msg = await deps.bus.request(subject, JSON.stringify(req), {
      timeoutMs: settings.callTimeoutMs,
      headers,
    });
    const reply = msg.json<ToolCallReply>();
    if (!reply.ok) throw GatewayError.fromData(reply.error);
    const durationMs = performance.now() - started;
    const outcome = reply.value.isError ? 'tool_error' : 'ok';
    return { result: reply.value, audit: { ...base, outcome, durationMs } };
  } catch (err) {
    const g = GatewayError.from(err);
    const durationMs = performance.now() - started;
    // The audit of a failed call travels on the error so the transport records it after replying.
    throw Object.assign(g, { audit: { ...base, outcome: 'error', errorCode: g.code, durationMs } });
  }
}

/** A page of a list, under the result key the method uses. */
function listPage(
  key: string,
  items: readonly unknown[],
  params: Record<string, unknown>,
  settings: EdgeSettings,
): Dispatched {
  const page = paginate(items, params['cursor'], settings.pageSize);
  return {
    result: { [key]: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
  };
}

/** Asks the service that owns a resource, prompt or completion; one bus request. */
async function askService(
  deps: EdgeDeps,
  settings: EdgeSettings,
  ctx: CallContext,
  service: string,
  method: ServiceMethod,
  params: Record<string, unknown>,
): Promise<Dispatched> {
  const payload: ServiceRequest = { method, params };
  const msg = await deps.bus.request(subjects.serviceRequest(service), JSON.stringify(payload), {
    timeoutMs: settings.callTimeoutMs,
    headers: busHeaders(settings, ctx),
  });
  const reply = msg.json<ServiceReply>();
  if (!reply.ok) throw GatewayError.fromData(reply.error);
  return { result: reply.value };
}

function requiredString(params: Record<string, unknown>, key: string, what: string): string {
  const v = params[key];
  if (typeof v !== 'string' || !v) {
    throw new GatewayError(ErrorCode.InvalidParams, `params.${key} must be ${what}`);
  }
  return v;
}

/** The service a completion/complete refers to, through its prompt or resource template. */
function completionService(deps: EdgeDeps, params: Record<string, unknown>): string {
  const ref = params['ref'];
  if (typeof ref !== 'object' || ref === null) {
    throw new GatewayError(ErrorCode.InvalidParams, 'params.ref must be an object');
  }
  const r = ref as Record<string, unknown>;
  const routes = deps.routes.current();
  const service =
    r['type'] === 'ref/prompt' && typeof r['name'] === 'string'
      ? routes.prompt(r['name'])?.service
      : r['type'] === 'ref/resource' && typeof r['uri'] === 'string'
        ? routes.templateService(r['uri'])
        : undefined;
  if (!service) {
    throw new GatewayError(ErrorCode.InvalidParams, 'params.ref names no known prompt or template');
  }
  return service;
}

/** Serves one JSON-RPC request of an initialized session. */
export async function dispatch(
  deps: EdgeDeps,
  settings: EdgeSettings,
  ctx: CallContext,
  method: string,
  params: Record<string, unknown>,
): Promise<Dispatched> {
  switch (method) {
    case 'ping':
      return { result: {} };
    case 'tools/list': {
      const tools = deps.routes.current().table.routes.map((r) => r.tool);
      return listPage('tools', tools, params, settings);
    }
    case 'tools/call':
      return callTool(deps, settings, ctx, params);
    case 'resources/list': {
      const resources = (deps.routes.current().table.resources ?? []).map((r) => r.resource);
      return listPage('resources', resources, params, settings);
    }
    case 'resources/templates/list': {
      const templates = (deps.routes.current().table.resourceTemplates ?? []).map(
        (t) => t.template,
      );
      return listPage('resourceTemplates', templates, params, settings);
    }
    case 'resources/read': {
      const uri = requiredString(params, 'uri', 'a resource URI');
      const service = deps.routes.current().resourceService(uri);
      if (!service) {
        throw new GatewayError(ErrorCode.NotFound, `Resource not found: ${uri}`, {
          details: { uri },
        });
      }
      return askService(deps, settings, ctx, service, ServiceMethod.ReadResource, params);
    }
    case 'resources/subscribe':
    case 'resources/unsubscribe': {
      const uri = requiredString(params, 'uri', 'a resource URI');
      if (!deps.subscriptions) throw new RpcError(JsonRpcErrorCode.MethodNotFound, method);
      if (method === 'resources/unsubscribe') {
        await deps.subscriptions.unsubscribe(ctx.session.id, uri);
        return { result: {} };
      }
      if (!deps.routes.current().resourceService(uri)) {
        throw new GatewayError(ErrorCode.NotFound, `Resource not found: ${uri}`, {
          details: { uri },
        });
      }
      await deps.subscriptions.subscribe(ctx.session.id, uri);
      return { result: {} };
    }
    case 'prompts/list': {
      const prompts = (deps.routes.current().table.prompts ?? []).map((p) => p.prompt);
      return listPage('prompts', prompts, params, settings);
    }
    case 'prompts/get': {
      const name = requiredString(params, 'name', 'a prompt name');
      const route = deps.routes.current().prompt(name);
      if (!route) {
        throw new GatewayError(ErrorCode.NotFound, `Unknown prompt: ${name}`, {
          details: { prompt: name },
        });
      }
      return askService(deps, settings, ctx, route.service, ServiceMethod.GetPrompt, params);
    }
    case 'completion/complete':
      return askService(
        deps,
        settings,
        ctx,
        completionService(deps, params),
        ServiceMethod.Complete,
        params,
      );
    case 'logging/setLevel': {
      const level = params['level'];
      if (!isLogLevel(level))
        throw new GatewayError(ErrorCode.InvalidParams, `unknown log level: ${String(level)}`);
      await deps.sessions.update({ ...ctx.session, logLevel: level });
      return { result: {} };
    }
    case 'initialize':
      throw new RpcError(JsonRpcErrorCode.InvalidRequest, 'session is already initialized');
    default:
      throw new RpcError(JsonRpcErrorCode.MethodNotFound, `Method not found: ${method}`);
  }
}

/**
 * Acts on a client notification. `notifications/cancelled` is published to the workers, which
 * abort the request it names; the edge that holds the request answers whatever comes back.
 * Everything else needs no action yet.
 */
export function notify(
  deps: EdgeDeps,
  session: { id: string },
  method: string,
  params: Record<string, unknown>,
): void {
  if (method !== 'notifications/cancelled') return;
  const id = params['requestId'];
  if (typeof id !== 'string' && typeof id !== 'number') return;
  const event: RequestCancelledEvent = {
    sessionId: session.id,
    rpcId: JSON.stringify(id),
    ...(typeof params['reason'] === 'string' ? { reason: params['reason'] } : {}),
  };
  deps.bus.publish(subjects.requestCancelled(), JSON.stringify(event));
}

/**
 * Passes a client's response on to the worker that asked: the answer to a server-to-client
 * request, whichever edge it reaches, is published on the session's reply subject for that id.
 * A response to anything the gateway did not ask is dropped.
 */
export function answer(
  deps: EdgeDeps,
  session: { id: string },
  m: Extract<IncomingMessage, { kind: 'response' }>,
): void {
  if (typeof m.id !== 'string' || !SERVER_REQUEST_ID.test(m.id)) {
    deps.logger.debug({ sessionId: session.id, id: m.id }, 'response to no request dropped');
    return;
  }
  const body: ClientAnswer = m.error ? { error: m.error } : { result: m.result ?? {} };
  deps.bus.publish(subjects.sessionReply(session.id, m.id), JSON.stringify(body));
}

/** Ids the gateway gives its server-to-client requests (see the tool service's asker). */
const SERVER_REQUEST_ID = /^s2c-[0-9a-f]{8,64}$/;

/** The audit input a failed dispatch carries, if any. */
export function auditOf(err: unknown): AuditInput | undefined {
  return (err as { audit?: AuditInput } | null)?.audit;
}
