import { randomBytes } from 'node:crypto';
import {
  LATEST_PROTOCOL_VERSION,
  isSupportedProtocolVersion,
  type Principal,
  type SessionRecord,
} from '@stockpulse/protocol';
import type { EdgeDeps, EdgeSettings } from './types.js';

/** What the gateway offers a client of a revision (tasks exist in 2025-11-25 sessions only). */
export function serverCapabilities(protocolVersion?: string): Record<string, unknown> {
  return {
    tools: { listChanged: true },
    resources: { subscribe: true, listChanged: true },
    prompts: { listChanged: true },
    // The completions capability exists from 2025-03-26 (completion/complete itself is older).
    ...(protocolVersion === undefined || protocolVersion >= '2025-03-26'
      ? { completions: {} }
      : {}),
    logging: {},
    ...(protocolVersion === '2025-11-25'
      ? { tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } }
      : {}),
  };
}

/** Picks the revision to speak: the client's when supported, else the newest. */
export function negotiateVersion(requested: unknown): string {
  return typeof requested === 'string' && isSupportedProtocolVersion(requested)
    ? requested
    : LATEST_PROTOCOL_VERSION;
}

/** A new, unguessable session id (also a valid subject token). */
export function newSessionId(): string {
  return randomBytes(16).toString('hex');
}

/** The client info an `initialize` names, or null. */
export function clientInfoOf(params: Record<string, unknown>): SessionRecord['clientInfo'] {
  const info = params['clientInfo'] as { name?: unknown; version?: unknown } | undefined;
  return info && typeof info.name === 'string'
    ? { name: info.name, version: typeof info.version === 'string' ? info.version : '' }
    : null;
}

/** The capabilities an `initialize` declares ({} when none). */
export function clientCapabilitiesOf(params: Record<string, unknown>): Record<string, unknown> {
  return (params['capabilities'] as Record<string, unknown> | undefined) ?? {};
}

/** The result of an `initialize` in a revision. */
export function initializeResult(
  settings: EdgeSettings,
  protocolVersion: string,
): Record<string, unknown> {
  return {
    protocolVersion,
    capabilities: serverCapabilities(protocolVersion),
    serverInfo: settings.serverInfo,
    ...(settings.instructions ? { instructions: settings.instructions } : {}),
  };
}

/** Opens a session for an `initialize` request and returns the session and the result. */
export async function initializeSession(
  deps: EdgeDeps,
  settings: EdgeSettings,
  principal: Principal,
  params: Record<string, unknown>,
  transport?: SessionRecord['transport'],
): Promise<{ session: SessionRecord; result: Record<string, unknown> }> {
  const protocolVersion = negotiateVersion(params['protocolVersion']);
  const session: SessionRecord = {
    id: newSessionId(),
    protocolVersion,
    principalId: principal.id,
    clientInfo: clientInfoOf(params),
    clientCapabilities: clientCapabilitiesOf(params),
    createdAt: new Date().toISOString(),
    ...(transport ? { transport } : {}),
  };
  await deps.sessions.create(session);
  return { session, result: initializeResult(settings, protocolVersion) };
}
