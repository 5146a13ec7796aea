import { Agent, request, type IncomingHttpHeaders } from 'node:http';

/** One HTTP exchange: status, headers, and the body parsed as JSON when it is JSON. */
export interface HttpReply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The parsed body; undefined when the body is empty or not `application/json`. */
  readonly json: unknown;
  /** The raw body, kept for error messages. */
  readonly text: string;
}

/** A keep-alive HTTP/1.1 client bound to one origin. */
export interface HttpClient {
  /** Sends `method` to `path` with an optional JSON body. */
  send(
    method: 'POST' | 'DELETE',
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<HttpReply>;
  /** Closes every pooled connection. */
  close(): void;
}

const TIMEOUT_MS = 15_000;

/**
 * A client over `node:http` with a keep-alive agent of at most `maxSockets` connections: the
 * cheapest client Node offers, so the load generator spends its CPU on as little as possible.
 * Only loopback origins are accepted.
 */
export function createHttpClient(origin: URL, maxSockets: number): HttpClient {
  if (origin.protocol !== 'http:') throw new Error(`only http: origins, got ${origin.protocol}`);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(origin.hostname)) {
    throw new Error(`the bench talks to loopback only, got ${origin.hostname}`);
  }
  const agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  const host = origin.hostname.replace(/^\[|\]$/g, '');
  const port = Number(origin.port || 80);
  return {
    send: (method, path, headers, body) =>
      new Promise<HttpReply>((resolve, reject) => {
        const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
        const req = request(
          {
            agent,
            host,
            port,
            path,
            method,
            timeout: TIMEOUT_MS,
            headers: payload
              ? {
                  ...headers,
                  'content-type': 'application/json',
                  'content-length': String(payload.length),
                }
              : headers,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('error', reject);
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              let json: unknown;
              if (text && (res.headers['content-type'] ?? '').includes('application/json')) {
                try {
                  json = JSON.parse(text);
                } catch {
                  json = undefined;
                }
              }
              resolve({ status: res.statusCode ?? 0, headers: res.headers, json, text });
            });
          },
        );
        req.on('timeout', () =>
          req.destroy(new Error(`${method} ${path} timed out after ${TIMEOUT_MS} ms`)),
        );
        req.on('error', reject);
        req.end(payload);
      }),
    close: () => agent.destroy(),
  };
}
