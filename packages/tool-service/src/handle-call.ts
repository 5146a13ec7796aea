import {
  ErrorCode,
  GatewayError,
  Header,
  LOG_LEVELS,
  isLogLevel,
  subjects,
  type Logger,
  type ToolCallReply,
  type ToolCallRequest,
  type ToolResult,
} from '@stockpulse/protocol';
import type { Bus, BusMessage } from '@stockpulse/bus';
import { compileSchema, validate, SchemaName } from '@stockpulse/schemas';
import type { Interaction, RequestContext, ToolContext, ToolImplementation } from './types.js';
import { refusingAsker, streamAsker } from './client-asker.js';
import { InputRequiredSignal, inputRequiredAsker } from './input-required.js';
import { createCancelRegistry, type CancelRegistry } from './cancel-registry.js';

/** A tool with its compiled input validator. */
export interface PreparedTool {
  readonly impl: ToolImplementation;
  readonly check: ReturnType<typeof compileSchema>;
}

/** Prepares tools once: compiles each input schema. */
export function prepareTools(tools: readonly ToolImplementation[]): Map<string, PreparedTool> {
  const out = new Map<string, PreparedTool>();
  for (const impl of tools) {
    if (out.has(impl.definition.name)) {
      throw new TypeError(`duplicate tool name: ${impl.definition.name}`);
    }
    out.set(impl.definition.name, { impl, check: compileSchema(impl.definition.inputSchema) });
  }
  return out;
}

function toolError(text: string): ToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

function progressSender(bus: Bus, msg: BusMessage, req: ToolCallRequest): ToolContext['progress'] {
  const sessionId = msg.header(Header.SessionId);
  const requestId = msg.header(Header.RequestId);
  const token = req.progressToken;
  if (token === undefined || !sessionId || !requestId) return () => undefined;
  const subject = subjects.sessionOut(sessionId);
  return (progress, total, message) => {
    const notification = {
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: {
        progressToken: token,
        progress,
        ...(total === undefined ? {} : { total }),
        ...(message === undefined ? {} : { message }),
      },
    };
    bus.publish(subject, JSON.stringify(notification), {
      headers: { [Header.RequestId]: requestId },
    });
  };
}

/** Longest wait a timer takes (2^31 - 1 ms); later deadlines are clamped to it. */
const MAX_TIMER_MS = 2_147_483_647;

/** The absolute deadline a header gives, a default when absent, null when malformed. */
export function deadlineOf(header: string | undefined): number | null {
  if (header === undefined) return Date.now() + 30_000;
  const n = Number(header);
  return Number.isFinite(n) ? Math.floor(n) : null;
}

/** Sends `notifications/message` on the session subject at or above the client's level. */
function logSender(bus: Bus, msg: BusMessage): ToolContext['log'] {
  const sessionId = msg.header(Header.SessionId);
  const requestId = msg.header(Header.RequestId);
  const wanted = msg.header(Header.LogLevel);
  if (!sessionId || !requestId || !isLogLevel(wanted)) return () => undefined;
  const floor = LOG_LEVELS.indexOf(wanted);
  const subject = subjects.sessionOut(sessionId);
  return (level, data, logger) => {
    if (LOG_LEVELS.indexOf(level) < floor) return;
    const notification = {
      jsonrpc: '2.0',
      method: 'notifications/message',
      params: { level, data, ...(logger ? { logger } : {}) },
    };
    bus.publish(subject, JSON.stringify(notification), {
      headers: { [Header.RequestId]: requestId },
    });
  };
}

/** How the worker may ask the client, from the edge's header. */
function interactionOf(msg: BusMessage): Interaction {
  const v = msg.header(Header.Interaction);
  return v === 'stream' || v === 'input-required' ? v : 'none';
}

/** The client's declared capabilities, from the edge's header ({} when absent or unreadable). */
function clientCapabilitiesOf(msg: BusMessage): Record<string, unknown> {
  const raw = msg.header(Header.ClientCapabilities);
  if (!raw) return {};
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The context of a request as its headers describe it; progress reporting is the caller's. */
export function requestContext(
  bus: Bus,
  msg: BusMessage,
  deadline: number,
  signal: AbortSignal,
  caps: Record<string, unknown> = clientCapabilitiesOf(msg),
  interaction: Interaction = interactionOf(msg),
): RequestContext {
  const sessionId = msg.header(Header.SessionId);
  const requestId = msg.header(Header.RequestId) ?? '';
  const ask =
    interaction === 'stream' && sessionId && requestId
      ? streamAsker({
          bus,
          sessionId,
          requestId,
          clientCapabilities: caps,
          protocolVersion: msg.header(Header.ProtocolVersion),
          deadline,
          signal,
        })
      : refusingAsker(
          interaction === 'input-required'
            ? 'only a tool call can ask a stateless client'
            : 'the client cannot be asked: no stream carries this request',
        );
  return {
    principalId: msg.header(Header.PrincipalId) ?? 'anonymous',
    scopes: (msg.header(Header.PrincipalScopes) ?? '').split(',').filter(Boolean),
    sessionId,
    requestId,
    protocolVersion: msg.header(Header.ProtocolVersion),
    deadline,
    signal,
    clientCapabilities: caps,
    interaction,
    ask,
    notify: (method, params) => {
      if (!sessionId || interaction === 'input-required') return;
      bus.publish(
        subjects.sessionOut(sessionId),
        JSON.stringify({ jsonrpc: '2.0', method, ...(params ? { params } : {}) }),
        interaction === 'stream' && requestId ? { headers: { [Header.RequestId]: requestId } } : {},
      );
    },
    closeStream: () => {
      if (!sessionId || !requestId) return;
      bus.publish(subjects.sessionOut(sessionId), '', {
        headers: { [Header.RequestId]: requestId, [Header.Control]: 'close-stream' },
      });
    },
    progress: () => undefined,
    log: logSender(bus, msg),
  };
}

/**
 * Serves one tools/call message: validates the envelope and arguments, runs the handler within
 * the deadline, and returns the reply to send (or null when the deadline already passed and
 * nobody waits for an answer).
 */
export async function handleCall(
  bus: Bus,
  tools: Map<string, PreparedTool>,
  msg: BusMessage,
  stopSignal: AbortSignal,
  logger: Logger,
  cancels: CancelRegistry = createCancelRegistry(),
): Promise<ToolCallReply | null> {
  const deadline = deadlineOf(msg.header(Header.Deadline));
  if (deadline === null) {
    const err = new GatewayError(ErrorCode.BadRequest, `bad ${Header.Deadline} header`);
    return { ok: false, error: err.toData() };
  }
  const remaining = deadline - Date.now();
  if (remaining <= 0) return null;
  let req: ToolCallRequest;
  try {
    req = validate<ToolCallRequest>(SchemaName.ToolCallRequest, msg.json());
  } catch (err) {
    return { ok: false, error: GatewayError.from(err).toData() };
  }
  const tool = tools.get(req.name);
  if (!tool) {
    const err = new GatewayError(ErrorCode.NotFound, `unknown tool: ${req.name}`);
    return { ok: false, error: err.toData() };
  }
  const checked = tool.check(req.arguments);
  if (!checked.ok) {
    const lines = checked.errors.map((e) => `${e.path || '(root)'}: ${e.message}`);
    return {
      ok: true,
      value: toolError(`Invalid arguments for ${req.name}:\n${lines.join('\n')}`),
    };
  }
  const cancel = cancels.track(msg.header(Header.SessionId), msg.header(Header.RpcId));
  const signal = AbortSignal.any([
    stopSignal,
    cancel.signal,
    AbortSignal.timeout(Math.min(remaining, MAX_TIMER_MS)),
  ]);
  const interaction = interactionOf(msg);
  const caps = clientCapabilitiesOf(msg);
  const stateless =
    interaction === 'input-required'
      ? inputRequiredAsker(caps, req.inputResponses, {
          requestState: req.requestState,
          binding: { target: req.name, principalId: msg.header(Header.PrincipalId) ?? 'anonymous' },
        })
      : undefined;
  const ctx: ToolContext = {
    ...requestContext(bus, msg, deadline, signal, caps, interaction),
    ...(stateless ? { ask: stateless.ask } : {}),
    progress: progressSender(bus, msg, req),
  };
  try {
    return { ok: true, value: await tool.impl.handler(req.arguments, ctx) };
  } catch (err) {
    if (err instanceof InputRequiredSignal && stateless) {
      return { ok: true, value: stateless.result() };
    }
    if (cancel.signal.aborted) {
      return {
        ok: false,
        error: new GatewayError(ErrorCode.BadRequest, 'request cancelled by the client').toData(),
      };
    }
    if (err instanceof GatewayError) return { ok: false, error: err.toData() };
    logger.warn(
      { tool: req.name, err: err instanceof Error ? err.message : String(err) },
      'tool failed',
    );
    return { ok: true, value: toolError(err instanceof Error ? err.message : String(err)) };
  } finally {
    cancel.done();
  }
}
