import type { ServerResponse } from 'node:http';
import { JsonRpcErrorCode, MetaKey, subjects, type SessionRecord } from '@stockpulse/protocol';
import type { Subscription } from '@stockpulse/bus';
import { rpcError, type IncomingMessage } from './json-rpc.js';
import { holdStream, sendJson, startSse, writeBounded } from './http-io.js';
import { serverCapabilities } from './initialize.js';
import type { EdgeDeps, EdgeSettings } from './types.js';

/** The notification types of a listen stream the client asked for and the gateway honors. */
export interface HonoredFilter {
  readonly toolsListChanged?: true;
  readonly promptsListChanged?: true;
  readonly resourcesListChanged?: true;
  readonly resourceSubscriptions?: readonly string[];
}

function flag(caps: Record<string, unknown>, name: string, key: string): boolean {
  const c = caps[name];
  return typeof c === 'object' && c !== null && (c as Record<string, unknown>)[key] === true;
}

/**
 * The part of a client's filter the gateway will honor: only types it asked for, and only
 * those the server's capabilities promise (a list_changed type needs `listChanged`, resource
 * subscriptions need `resources.subscribe`). Returns null when the filter is not an object.
 */
export function honoredFilter(
  requested: unknown,
  caps: Record<string, unknown> = serverCapabilities(),
): HonoredFilter | null {
  if (typeof requested !== 'object' || requested === null || Array.isArray(requested)) return null;
  const r = requested as Record<string, unknown>;
  const uris = Array.isArray(r['resourceSubscriptions'])
    ? r['resourceSubscriptions'].filter((u): u is string => typeof u === 'string' && u !== '')
    : [];
  return {
    ...(r['toolsListChanged'] === true && flag(caps, 'tools', 'listChanged')
      ? { toolsListChanged: true as const }
      : {}),
    ...(r['promptsListChanged'] === true && flag(caps, 'prompts', 'listChanged')
      ? { promptsListChanged: true as const }
      : {}),
    ...(r['resourcesListChanged'] === true && flag(caps, 'resources', 'listChanged')
      ? { resourcesListChanged: true as const }
      : {}),
    ...(uris.length > 0 && flag(caps, 'resources', 'subscribe')
      ? { resourceSubscriptions: [...new Set(uris)] }
      : {}),
  };
}

/** The list_changed notifications a filter asks for, by the registry's kind name. */
function listsOf(f: HonoredFilter): Map<string, string> {
  const m = new Map<string, string>();
  if (f.toolsListChanged) m.set('tools', 'notifications/tools/list_changed');
  if (f.promptsListChanged) m.set('prompts', 'notifications/prompts/list_changed');
  if (f.resourcesListChanged) m.set('resources', 'notifications/resources/list_changed');
  return m;
}

/**
 * Serves `subscriptions/listen` (2026-07-28, in place of the GET stream and resources/subscribe):
 * an SSE stream whose first message acknowledges the honored filter, followed by the requested
 * notifications, each tagged with the subscription id (the listen request's JSON-RPC id): updates
 * of the subscribed resources and list changes the registry announces. It keeps no state on the
 * bus: the stream hears those events directly and filters them, so it ends, and everything it
 * held with it, when the client closes it.
 */
export async function serveListen(
  deps: EdgeDeps,
  settings: EdgeSettings,
  res: ServerResponse,
  session: SessionRecord,
  m: Extract<IncomingMessage, { kind: 'request' }>,
): Promise<void> {
  const honored = honoredFilter(m.params['notifications']);
  if (!honored) {
    return sendJson(
      res,
      200,
      rpcError(m.id, {
        code: JsonRpcErrorCode.InvalidParams,
        message: 'params.notifications must be an object',
      }),
    );
  }
  const tag = { [MetaKey.SubscriptionId]: m.id };
  const send = (method: string, params: Record<string, unknown>): void => {
    const body = JSON.stringify({ jsonrpc: '2.0', method, params: { ...params, _meta: tag } });
    writeBounded(res, `event: message\ndata: ${body}\n\n`, settings.maxStreamBufferBytes);
  };
  const uris = new Set(honored.resourceSubscriptions ?? []);
  const lists = listsOf(honored);
  // Acknowledged before anything else can be written: subscriptions only buffer until then.
  let open = false;
  const early: [string, Record<string, unknown>][] = [];
  const emit = (method: string, params: Record<string, unknown>): void => {
    if (open) send(method, params);
    else early.push([method, params]);
  };
  const subs: Subscription[] = [];
  if (uris.size > 0) {
    subs.push(
      deps.bus.subscribe(subjects.resourceUpdated(), (msg) => {
        const { uri } = msg.json<{ uri?: unknown }>();
        if (typeof uri === 'string' && uris.has(uri)) {
          emit('notifications/resources/updated', { uri });
        }
      }),
    );
  }
  if (lists.size > 0) {
    subs.push(
      deps.bus.subscribe(subjects.registryChanged(), (msg) => {
        const { kinds } = msg.json<{ kinds?: unknown }>();
        if (!Array.isArray(kinds)) return;
        for (const k of kinds) {
          const method = lists.get(String(k));
          if (method) emit(method, {});
        }
      }),
    );
  }
  try {
    if (subs.length > 0) await deps.bus.flush();
    startSse(res);
    send('notifications/subscriptions/acknowledged', { notifications: honored });
    open = true;
    for (const [method, params] of early.splice(0)) send(method, params);
    deps.logger.debug({ principalId: session.principalId, uris: uris.size }, 'listen stream open');
    await holdStream(res, () => Promise.resolve(), settings.maxStreamBufferBytes);
  } finally {
    for (const s of subs) s.unsubscribe();
  }
}
