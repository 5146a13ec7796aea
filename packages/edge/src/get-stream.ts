import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import { Header, JsonRpcErrorCode, Stream, subjects } from '@stockpulse/protocol';
import { rpcError } from './json-rpc.js';
import { holdStream, sendJson, startSse, writeBounded } from './http-io.js';
import { authenticate, sessionOf } from './streamable-http.js';
import type { EdgeDeps, EdgeSettings } from './types.js';
import { parseRequestEventId, resumeRequestStream } from './request-stream.js';

/** The stream sequence a Last-Event-ID names, or null for none or a malformed one. */
export function lastEventSeq(header: string | string[] | undefined): number | null {
  if (typeof header !== 'string' || !/^\d{1,15}$/.test(header)) return null;
  return Number(header);
}

/**
 * GET on the MCP endpoint: the session's stream for messages not tied to a request. Events come
 * from the session-events stream in JetStream with their sequence as the SSE id, so a client
 * whose stream broke resumes on any edge with `Last-Event-ID` and gets every later event once.
 * Without it, the stream starts with what is published from now on. Messages that belong to a
 * request (they carry its request id) go on that request's stream instead; a Last-Event-ID of a
 * request's stream resumes that stream (see request-stream.ts).
 */
export async function handleGet(
  deps: EdgeDeps,
  settings: EdgeSettings,
  req: HttpRequest,
  res: ServerResponse,
): Promise<void> {
  const principal = await authenticate(deps, req, res);
  if (!principal) return;
  if (!(req.headers.accept ?? '').includes('text/event-stream')) {
    return sendJson(
      res,
      406,
      rpcError(null, {
        code: JsonRpcErrorCode.ServerError,
        message: 'Not Acceptable: client must accept text/event-stream',
      }),
    );
  }
  const session = await sessionOf(deps, req, res, principal);
  if (!session) return;
  const resumed = parseRequestEventId(req.headers['last-event-id']);
  if (resumed) return resumeRequestStream(deps, settings, res, session, resumed);
  const last = lastEventSeq(req.headers['last-event-id']);
  // The consumer exists before the client sees 200, so nothing published after that is missed.
  let started = false;
  const early: string[] = [];
  const follower = await deps.bus.follow(
    Stream.SessionEvents,
    subjects.sessionOut(session.id),
    last === null ? 'new' : last + 1,
    (msg) => {
      if (msg.header(Header.RequestId)) return;
      const event = `id: ${msg.seq}\nevent: message\ndata: ${msg.string()}\n\n`;
      if (started) writeBounded(res, event, settings.maxStreamBufferBytes);
      else early.push(event);
    },
  );
  startSse(res, { 'mcp-session-id': session.id });
  started = true;
  for (const event of early) writeBounded(res, event, settings.maxStreamBufferBytes);
  await holdStream(res, () => deps.sessions.get(session.id), settings.maxStreamBufferBytes);
  await follower.stop().catch(() => undefined);
}
