import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, GatewayError } from '@stockpulse/protocol';

/** Reads a request body up to `limit` bytes; throws `payload_too_large` past it. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function tooLarge(limit: number): GatewayError {
  return new GatewayError(ErrorCode.PayloadTooLarge, `request body exceeds ${limit} bytes`);
}

/** Writes a JSON response. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Starts a Server-Sent Events response. */
export function startSse(res: ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    ...headers,
  });
  res.flushHeaders();
}

/** Writes one SSE `message` event carrying a JSON-RPC message. */
export function writeSseMessage(res: ServerResponse, message: unknown, id?: string): void {
  res.write(`event: message\n${id ? `id: ${id}\n` : ''}data: ${JSON.stringify(message)}\n\n`);
}

/**
 * Writes to a long-lived stream unless the client has stopped reading: past `maxBuffered` bytes
 * waiting for it, the response is destroyed instead (a GET stream can be resumed from its
 * Last-Event-ID). Returns whether it wrote.
 */
export function writeBounded(res: ServerResponse, chunk: string, maxBuffered: number): boolean {
  if (res.destroyed || res.writableEnded) return false;
  if (res.writableLength + Buffer.byteLength(chunk) > maxBuffered) {
    res.destroy();
    return false;
  }
  res.write(chunk);
  return true;
}

/** The token of an `Authorization: Bearer …` header, or undefined. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  return auth?.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : undefined;
}

const KEEPALIVE_MS = 15_000;

/**
 * Holds an SSE stream open until the client leaves: a comment every 15 s keeps proxies from
 * closing it, and re-reading the session keeps it from idling out while its stream is open.
 */
export async function holdStream(
  res: ServerResponse,
  touch: () => Promise<unknown>,
  maxBuffered: number,
): Promise<void> {
  const keepalive = setInterval(() => {
    writeBounded(res, ': keepalive\n\n', maxBuffered);
    void touch().catch(() => undefined);
  }, KEEPALIVE_MS);
  await new Promise<void>((resolve) => res.once('close', resolve));
  clearInterval(keepalive);
}
