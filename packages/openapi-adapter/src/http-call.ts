import type { ContentBlock, ToolResult } from '@stockpulse/protocol';
import type { SchemaChecker } from '@stockpulse/schemas';
import { untrustedMeta, untrustedText } from '@stockpulse/tool-service';
import type { HttpRequest } from './http-request.js';
import { isJsonMediaType } from './operation-input.js';

/** Key of the `_meta` entry with the HTTP status of the REST API's response. */
export const HTTP_STATUS_META_KEY = 'stockpulse/http-status';

/** How one call is made and read. */
export interface HttpCallOptions {
  /** Longest wait for the response (the call's deadline bounds it further). */
  readonly timeoutMs: number;
  /** Largest response body read; a longer one is a tool failure. */
  readonly maxResponseBytes: number;
  /** Where the data comes from, as the untrusted marking names it. */
  readonly source: string;
  /** Checks a 2xx JSON object against the tool's outputSchema, when it has one. */
  readonly checkOutput: SchemaChecker | undefined;
  readonly signal: AbortSignal;
  readonly deadline: number;
}

// A reply must reach the edge before it stops waiting at the deadline.
const DEADLINE_MARGIN_MS = 100;

class BodyTooLarge extends Error {}

async function readBody(res: Response, limit: number): Promise<string> {
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) throw new BodyTooLarge(`response larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function failure(text: string, meta: Record<string, unknown> = {}): ToolResult {
  return { content: [{ type: 'text', text }], isError: true, _meta: meta };
}

/**
 * Calls the REST API and turns its response into a tool result. Everything the API returned is
 * marked untrusted (delimited text, `_meta` flag); the status line the adapter writes is not. A
 * 2xx JSON object is also `structuredContent`; a non-2xx response is `isError: true` with the
 * status; an unreachable API or a timeout is `isError: true` as well. A call the client
 * cancelled (or whose deadline passed) rethrows the abort.
 */
export async function callHttp(req: HttpRequest, opts: HttpCallOptions): Promise<ToolResult> {
  const label = `${req.method} ${req.url.pathname}`;
  const budget = Math.min(opts.timeoutMs, opts.deadline - Date.now() - DEADLINE_MARGIN_MS);
  if (budget <= 0) return failure(`${label}: no time left before the call's deadline`);
  const timeout = AbortSignal.timeout(budget);
  let res: Response;
  let text: string;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      ...(req.body === undefined ? {} : { body: req.body }),
      // A redirect could carry credentials to another host; it is reported instead.
      redirect: 'manual',
      signal: AbortSignal.any([opts.signal, timeout]),
    });
    text = await readBody(res, opts.maxResponseBytes);
  } catch (err) {
    if (opts.signal.aborted) throw err;
    if (timeout.aborted) return failure(`${label}: no response within ${budget} ms`);
    if (err instanceof BodyTooLarge) return failure(`${label}: ${err.message}`);
    const cause =
      err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return failure(`${label}: could not reach ${req.url.origin}${cause}`);
  }

  const meta = { ...untrustedMeta(opts.source), [HTTP_STATUS_META_KEY]: res.status };
  const contentType = res.headers.get('content-type') ?? '';
  let json: unknown;
  if (isJsonMediaType(contentType) && text !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  const data: ContentBlock[] = text === '' ? [] : [untrustedText(text, opts.source)];
  const status = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;

  if (res.status < 200 || res.status > 299) {
    return {
      content: [{ type: 'text', text: `${label} failed: ${status}` }, ...data],
      isError: true,
      _meta: meta,
    };
  }
  const object =
    typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined;
  if (opts.checkOutput) {
    const check = object ? opts.checkOutput(object) : undefined;
    if (!check?.ok) {
      const problems =
        check?.ok === false
          ? check.errors.map((e) => `${e.path || '/'} ${e.message}`)
          : ['not a JSON object'];
      return {
        content: [
          {
            type: 'text',
            text: `${label}: the response does not match the tool's outputSchema: ${problems.join('; ')}`,
          },
          ...data,
        ],
        isError: true,
        _meta: meta,
      };
    }
  }
  return {
    content: data.length > 0 ? data : [{ type: 'text', text: `${label}: ${status}, no content` }],
    ...(object ? { structuredContent: object } : {}),
    _meta: meta,
  };
}
