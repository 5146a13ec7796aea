import {
  ErrorCode,
  GatewayError,
  Header,
  isLogLevel,
  JsonRpcErrorCode,
  subjects,
  type AuditInput,
  type RequestCancelledEvent,
  type ToolCallReply,
  type ToolCallRequest,
} from '@stockpulse/protocol';
import { RpcError } from './json-rpc.js';
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

/** Serves a tools/call: one bus request to the service (or the router), within the deadline. */
async function callTool(
  deps: EdgeDeps,
  settings: EdgeSettings,
  ctx: CallContext,
  params: Record<string, unknown>,
): Promise<Dispatched> {
  const { requestId } = ctx;
  const req = toolCallParams(params);
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
  const headers: Record<string, string> = {
    [Header.RequestId]: requestId,
    [Header.SessionId]: ctx.session.id,
    [Header.RpcId]: JSON.stringify(ctx.rpcId),
    [Header.PrincipalId]: ctx.principal.id,
    [Header.PrincipalScopes]: ctx.principal.scopes.join(','),
    [Header.Deadline]: String(Date.now() + settings.callTimeoutMs),
    [Header.ProtocolVersion]: ctx.session.protocolVersion,
    ...(ctx.session.logLevel ? { [Header.LogLevel]: ctx.session.logLevel } : {}),
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
      const page = paginate(tools, params['cursor'], settings.pageSize);
      return {
        result: { tools: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
      };
    }
    case 'tools/call':
      return callTool(deps, settings, ctx, params);
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

/** The audit input a failed dispatch carries, if any. */
export function auditOf(err: unknown): AuditInput | undefined {
  return (err as { audit?: AuditInput } | null)?.audit;
}
