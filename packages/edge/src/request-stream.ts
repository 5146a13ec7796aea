import type { ServerResponse } from 'node:http';
import { Header, Stream, subjects, type SessionRecord } from '@stockpulse/protocol';
import type { StreamMessage } from '@stockpulse/bus';
import { holdStream, startSse, writeBounded, writeSseMessage } from './http-io.js';
import type { EdgeDeps, EdgeSettings } from './types.js';

/**
 * The SSE stream of one request (a POST answered as `text/event-stream`). Everything on it - the
 * worker's notifications and questions, then the response - is taken from the session-events
 * stream in JetStream, in stream order, so the stream can be resumed on any edge: its event ids
 * are `<request id>:<stream sequence>`, and a client that lost it sends a GET with the last id it
 * saw as Last-Event-ID. Clients of 2025-11-25 and later first get a priming event (an id and
 * empty data) and a `retry` interval, so they can resume even before the first message, and the
 * edge may close the stream early (SSE polling) when the worker asks it to.
 */

/** Tolerance for clock differences between edges and the NATS server on time-based starts. */
const CLOCK_MARGIN_MS = 2_000;

/** How long the edge waits for the response to come back through JetStream before writing it. */
const ECHO_WAIT_MS = 5_000;

/** Where a stream of a request resumes: after a sequence, or from the time it started. */
export interface RequestStreamPosition {
  readonly requestId: string;
  readonly from: number | Date;
}

const REQUEST_EVENT_ID = /^([0-9a-f-]{36}):(t?)(\d{1,15})$/;

/** Parses a request stream's event id; null when the id is not one (e.g. a GET stream's). */
export function parseRequestEventId(id: unknown): RequestStreamPosition | null {
  if (typeof id !== 'string') return null;
  const m = REQUEST_EVENT_ID.exec(id);
  if (!m) return null;
  const n = Number(m[3]);
  return { requestId: m[1] ?? '', from: m[2] ? new Date(n) : n + 1 };
}

/** Whether a revision knows priming events, `retry` and server-closed streams (SEP-1699). */
export function supportsSsePolling(protocolVersion: string): boolean {
  return protocolVersion >= '2025-11-25';
}

/**
 * Forwards the messages of one request from the session-events stream to `res`, with their ids;
 * resolves `final` once the response is written. A `close-stream` instruction ends `res`.
 */
async function followRequest(
  deps: EdgeDeps,
  settings: EdgeSettings,
  res: ServerResponse,
  sessionId: string,
  position: RequestStreamPosition,
): Promise<{ final: Promise<boolean>; stop(): Promise<void> }> {
  let finish: (written: boolean) => void = () => undefined;
  const final = new Promise<boolean>((resolve) => (finish = resolve));
  const follower = await deps.bus.follow(
    Stream.SessionEvents,
    subjects.sessionOut(sessionId),
    position.from,
    (msg: StreamMessage) => {
      if (msg.header(Header.RequestId) !== position.requestId) return;
      if (msg.header(Header.Control) === 'close-stream') {
        // The id moves the client's Last-Event-ID past the instruction, so its resumed stream
        // is not closed by it again.
        writeBounded(res, `id: ${position.requestId}:${msg.seq}\ndata: \n\n`, Infinity);
        res.end();
        return;
      }
      const event = `id: ${position.requestId}:${msg.seq}\nevent: message\ndata: ${msg.string()}\n\n`;
      writeBounded(res, event, settings.maxStreamBufferBytes);
      if (msg.header(Header.Final)) finish(true);
    },
  );
  res.once('close', () => finish(false));
  return { final, stop: () => follower.stop().catch(() => undefined) };
}

/**
 * Answers one request as a resumable SSE stream: serves it, publishes its response to the
 * session-events stream (marked final) and writes everything of the request in stream order.
 */
export async function serveRequestStream(
  deps: EdgeDeps,
  settings: EdgeSettings,
  res: ServerResponse,
  session: SessionRecord,
  requestId: string,
  serve: (requestId: string) => Promise<Record<string, unknown>>,
): Promise<void> {
  const since = new Date(Date.now() - CLOCK_MARGIN_MS);
  const follower = await followRequest(deps, settings, res, session.id, { requestId, from: since });
  startSse(res, { 'mcp-session-id': session.id });
  if (supportsSsePolling(session.protocolVersion)) {
    res.write(
      `id: ${requestId}:t${since.getTime()}\nretry: ${settings.sseRetryMs ?? 1000}\ndata: \n\n`,
    );
  }
  try {
    const reply = await serve(requestId);
    let stored = false;
    try {
      await deps.bus.jsPublish(subjects.sessionOut(session.id), JSON.stringify(reply), {
        msgId: `${requestId}:final`,
        headers: { [Header.RequestId]: requestId, [Header.Final]: '1' },
      });
      stored = true;
    } catch (err) {
      deps.logger.warn({ err: String(err), sessionId: session.id }, 'response not stored');
    }
    const echoed = stored
      ? await Promise.race([
          follower.final,
          new Promise<boolean>((r) => setTimeout(() => r(false), ECHO_WAIT_MS).unref()),
        ])
      : false;
    // Without JetStream the client still gets its answer, only not a resumable one.
    if (!echoed && !res.writableEnded && !res.destroyed) writeSseMessage(res, reply);
  } finally {
    await follower.stop();
    res.end();
  }
}

/**
 * Resumes the stream of a request on a GET with its Last-Event-ID: everything of the request
 * after that event, up to and including its response, then the stream ends.
 */
export async function resumeRequestStream(
  deps: EdgeDeps,
  settings: EdgeSettings,
  res: ServerResponse,
  session: SessionRecord,
  position: RequestStreamPosition,
): Promise<void> {
  const follower = await followRequest(deps, settings, res, session.id, position);
  startSse(res, { 'mcp-session-id': session.id });
  void follower.final.then((written) => {
    if (written) res.end();
  });
  await holdStream(res, () => deps.sessions.get(session.id), settings.maxStreamBufferBytes);
  await follower.stop();
}
