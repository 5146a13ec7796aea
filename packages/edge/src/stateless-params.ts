import type { IncomingHttpHeaders } from 'node:http';
import { JsonRpcErrorCode } from '@stockpulse/protocol';
import type { StatelessRejection } from './stateless-envelope.js';

const BASE64_WRAPPED = /^=\?base64\?(.*)\?=$/;
const BASE64_ALPHABET = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The value an `Mcp-Param-*` header stands for: the Base64 payload of a `=?base64?…?=` value
 * (strictly: alphabet and padding checked), else the value itself. Null when the Base64 is bad.
 */
export function decodeParamHeader(raw: string): string | null {
  const m = BASE64_WRAPPED.exec(raw);
  if (!m) return raw;
  const b64 = m[1] ?? '';
  if (b64.length % 4 !== 0 || !BASE64_ALPHABET.test(b64)) return null;
  return Buffer.from(b64, 'base64').toString('utf8');
}

/** How a body value is written in its header: strings as they are, numbers and booleans as text. */
function headerForm(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * Checks the `Mcp-Param-<Name>` headers of a tools/call (SEP-2243): every argument whose schema
 * property carries `x-mcp-header: <Name>` and has a value in the body must be repeated in that
 * header, literally or Base64-wrapped, and agree with the body. Returns the refusal (400, -32020)
 * or null when the headers agree.
 */
export function checkParamHeaders(
  headers: IncomingHttpHeaders,
  inputSchema: Readonly<Record<string, unknown>> | undefined,
  args: Readonly<Record<string, unknown>>,
): StatelessRejection | null {
  const props = inputSchema?.['properties'];
  if (typeof props !== 'object' || props === null) return null;
  for (const [prop, schema] of Object.entries(props as Record<string, unknown>)) {
    const name = (schema as Record<string, unknown> | null)?.['x-mcp-header'];
    if (typeof name !== 'string' || !name) continue;
    const expected = headerForm(args[prop]);
    if (expected === undefined) continue;
    const raw = headers[`mcp-param-${name.toLowerCase()}`];
    const value = Array.isArray(raw) ? raw[0] : raw;
    const refuse = (message: string): StatelessRejection => ({
      status: 400,
      error: { code: JsonRpcErrorCode.HeaderMismatch, message },
    });
    if (value === undefined) return refuse(`Missing Mcp-Param-${name} header`);
    const decoded = decodeParamHeader(value.trim());
    if (decoded === null) return refuse(`Mcp-Param-${name} header is not valid Base64`);
    if (decoded !== expected) {
      return refuse(`Mcp-Param-${name} header does not match arguments.${prop}`);
    }
  }
  return null;
}
