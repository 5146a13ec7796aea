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
import { randomUUID } from 'node:crypto';
import { rpcError, rpcResult, RpcError, toJsonRpcError, type IncomingMessage } from './json-rpc.js';
import { publicTask, RELATED_TASK, type TaskStore } from './tasks.js';
import { forRevision } from './revision-filter.js';
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
  const responses = params['inputResponses'];
  const state = params['requestState'];
  return {
    name,
    arguments: args as Record<string, unknown>,
    ...(typeof token === 'string' || typeof token === 'number' ? { progressToken: token } : {}),
    // A stateless client's answers to an input_required result (2026-07-28).
    ...(typeof responses === 'object' && responses !== null && !Array.isArray(responses)
      ? { inputResponses: responses as Record<string, unknown> }
      : {}),
    ...(typeof state === 'string' ? { requestState: state } : {}),
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
  timeoutMs: number = settings.callTimeoutMs,
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
    const msg = await deps.bus.request(subject, JSON.stringify(req), { timeoutMs, headers });
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

/** Whether a session's revision has tasks (2025-11-25; the stateless revision does not). */
export function supportsTasks(protocolVersion: string): boolean {
  return protocolVersion === '2025-11-25';
}

/**
 * Starts a task-augmented tools/call: answers with the task at once and runs the call in the
 * background with the task's retention as its deadline; the outcome is stored with the task and
 * announced with `notifications/tasks/status`.
 */
async function startTask(
  deps: EdgeDeps,
  settings: EdgeSettings,
  ctx: CallContext,
  params: Record<string, unknown>,
  tasks: TaskStore,
): Promise<Dispatched> {
  toolCallParams(params); // refuse bad params before a task exists
  const meta = params['task'] as Record<string, unknown>;
  const task = await tasks.create(ctx.session.id, meta['ttl']);
  const { task: _ignored, ...callParams } = params;
  // The task's call runs without a stream: it has no way to ask the client anything.
  const taskCtx: CallContext = {
    principal: ctx.principal,
    session: ctx.session,
    requestId: randomUUID(),
    rpcId: task.rpcId,
  };
  void (async () => {
    let outcome: Parameters<TaskStore['finish']>[1];
    try {
      const d = await callTool(deps, settings, taskCtx, callParams, task.ttl);
      const result = d.result as { isError?: boolean } & Record<string, unknown>;
      outcome = { status: result.isError ? 'failed' : 'completed', result };
      if (d.audit) await deps.recorder.record(d.audit);
    } catch (err) {
      const error = toJsonRpcError(err);
      outcome = { status: 'failed', statusMessage: error.message, error };
      const a = auditOf(err);
      if (a) await deps.recorder.record(a);
    }
    const ended = await tasks.finish(task, outcome);
    deps.bus.publish(
      subjects.sessionOut(ctx.session.id),
      JSON.stringify({
        jsonrpc: '2.0',
        method: 'notifications/tasks/status',
        params: publicTask(ended),
      }),
    );
  })().catch((err: unknown) =>
    deps.logger.error({ err: String(err), taskId: task.taskId }, 'task bookkeeping failed'),
  );
  return { result: { task: publicTask(task) } };
}

/** tasks/get, tasks/result, tasks/list and tasks/cancel. */
async function taskMethod(
  deps: EdgeDeps,
  settings: EdgeSettings,
  ctx: CallContext,
  method: string,
  params: Record<string, unknown>,
): Promise<Dispatched> {
  const tasks = deps.tasks;
  if (!tasks || !supportsTasks(ctx.session.protocolVersion)) {
    throw new RpcError(JsonRpcErrorCode.MethodNotFound, `Method not found: ${method}`);
  }
  const sid = ctx.session.id;
  if (method === 'tasks/list') {
    return { result: await tasks.list(sid, params['cursor'], settings.pageSize) };
  }
  const taskId = requiredString(params, 'taskId', 'a task id');
  switch (method) {
    case 'tasks/get':
      return { result: publicTask(await tasks.get(sid, taskId)) };
    case 'tasks/cancel':
      return { result: publicTask(await tasks.cancel(sid, taskId)) };
    default: {
      // tasks/result waits for the end, within the request's own deadline.
      const t = await tasks.waitForEnd(sid, taskId, settings.callTimeoutMs);
      const related = { [RELATED_TASK]: { taskId } };
      if (t.result) {
        const meta = (t.result['_meta'] as Record<string, unknown> | undefined) ?? {};
        return { result: { ...t.result, _meta: { ...meta, ...related } } };
      }
      const error = t.error ?? {
        code: JsonRpcErrorCode.InvalidRequest,
        message: `Task ${taskId} was ${t.status}`,
      };
      throw new RpcError(error.code, error.message, { ...(error.data ?? {}), ...related });
    }
  }
}

/** Tools as a session's revision sees them: 2025-11-25 learns that any call can be a task. */
function toolsFor(deps: EdgeDeps, protocolVersion: string): readonly unknown[] {
  const tools = deps.routes.current().table.routes.map((r) => r.tool);
  if (!deps.tasks || !supportsTasks(protocolVersion)) return tools;
  return tools.map((t) =>
    'execution' in t ? t : { ...t, execution: { taskSupport: 'optional' } },
  );
}

/**
 * Serves one JSON-RPC request of an initialized session, and shapes its result for the
 * session's protocol revision (nothing the revision does not define is sent).
 */
export async function dispatch(
  deps: EdgeDeps,
  settings: EdgeSettings,
  ctx: CallContext,
  method: string,
  params: Record<string, unknown>,
): Promise<Dispatched> {
  const d = await serveMethod(deps, settings, ctx, method, params);
  const result = forRevision(ctx.session.protocolVersion, method, d.result);
  return result === d.result ? d : { ...d, result };
}

async function serveMethod(
  deps: EdgeDeps,
  settings: EdgeSettings,
  ctx: CallContext,
  method: string,
  params: Record<string, unknown>,
): Promise<Dispatched> {
  switch (method) {
    case 'ping':
      return { result: {} };
    case 'tools/list':
      return listPage('tools', toolsFor(deps, ctx.session.protocolVersion), params, settings);
    case 'tools/call': {
      const task = params['task'];
      if (
        deps.tasks &&
        supportsTasks(ctx.session.protocolVersion) &&
        typeof task === 'object' &&
        task !== null
      ) {
        return startTask(deps, settings, ctx, params, deps.tasks);
      }
      return callTool(deps, settings, ctx, params);
    }
    case 'tasks/get':
    case 'tasks/result':
    case 'tasks/list':
    case 'tasks/cancel':
      return taskMethod(deps, settings, ctx, method, params);
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

/** One request's JSON-RPC reply, and what to audit once it is out. */
export interface Responded {
  readonly reply: Record<string, unknown>;
  readonly audit?: AuditInput;
}

/**
 * Serves one request and turns the outcome into its JSON-RPC reply: the result, or the error
 * made by `toJsonRpcError`. Every transport answers through this; an error that is neither an
 * RpcError nor a GatewayError is logged, since it means a bug.
 */
export async function respond(
  deps: EdgeDeps,
  settings: EdgeSettings,
  ctx: CallContext,
  method: string,
  params: Record<string, unknown>,
): Promise<Responded> {
  try {
    const d = await dispatch(deps, settings, ctx, method, params);
    return { reply: rpcResult(ctx.rpcId, d.result), ...(d.audit ? { audit: d.audit } : {}) };
  } catch (err) {
    if (!(err instanceof RpcError) && !(err instanceof GatewayError)) {
      deps.logger.error({ err: String(err), method }, 'request failed');
    }
    const audit = auditOf(err);
    return { reply: rpcError(ctx.rpcId, toJsonRpcError(err)), ...(audit ? { audit } : {}) };
  }
}

/** The audit input a failed dispatch carries, if any. */
export function auditOf(err: unknown): AuditInput | undefined {
  return (err as { audit?: AuditInput } | null)?.audit;
}
