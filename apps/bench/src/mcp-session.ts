import type { HttpClient, HttpReply } from './http-client.js';
import { checkQuoteReply, expectResult, InvalidResponseError } from './validate.js';

/** The revision the virtual clients offer; both targets speak it. */
export const PROTOCOL_VERSION = '2025-11-25';

/** Where and how to reach one MCP endpoint. */
export interface Endpoint {
  /** The MCP endpoint URL. */
  readonly url: URL;
  /** `Authorization` header value, when the target wants one. */
  readonly authorization: string | undefined;
}

/** One client session on a Streamable HTTP endpoint, used by one virtual client at a time. */
export interface McpSession {
  readonly id: string;
  /** Calls `get_quote` for `symbol` and validates the reply; throws on anything unexpected. */
  callQuote(symbol: string): Promise<void>;
  /** Ends the session with DELETE; a server that does not support it is not an error. */
  close(): Promise<void>;
}

function baseHeaders(endpoint: Endpoint): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json, text/event-stream' };
  if (endpoint.authorization) h['authorization'] = endpoint.authorization;
  return h;
}

/** Sends `initialize` and returns the reply; used alone as a readiness probe. */
export function sendInitialize(
  http: HttpClient,
  endpoint: Endpoint,
  clientName: string,
): Promise<HttpReply> {
  return http.send('POST', endpoint.url.pathname, baseHeaders(endpoint), {
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: {
      protocolVersion: PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: clientName, version: '1.0.0' },
    },
  });
}

/**
 * Opens a session the way an MCP client does: `initialize`, then
 * `notifications/initialized` with the session id the server assigned.
 */
export async function openSession(
  http: HttpClient,
  endpoint: Endpoint,
  clientName: string,
): Promise<McpSession> {
  const init = await sendInitialize(http, endpoint, clientName);
  const result = expectResult(init, 0);
  const id = init.headers['mcp-session-id'];
  if (typeof id !== 'string' || !id)
    throw new InvalidResponseError('initialize returned no Mcp-Session-Id', init);
  const version =
    typeof result['protocolVersion'] === 'string' ? result['protocolVersion'] : PROTOCOL_VERSION;
  const headers = {
    ...baseHeaders(endpoint),
    'mcp-session-id': id,
    'mcp-protocol-version': version,
  };
  const path = endpoint.url.pathname;
  const ack = await http.send('POST', path, headers, {
    jsonrpc: '2.0',
    method: 'notifications/initialized',
  });
  if (ack.status !== 202 && ack.status !== 200) {
    throw new InvalidResponseError('notifications/initialized was not accepted', ack);
  }
  let next = 1;
  return {
    id,
    callQuote: async (symbol) => {
      const rid = next++;
      const reply = await http.send('POST', path, headers, {
        jsonrpc: '2.0',
        id: rid,
        method: 'tools/call',
        params: { name: 'get_quote', arguments: { symbol } },
      });
      checkQuoteReply(reply, rid, symbol);
    },
    close: async () => {
      await http.send('DELETE', path, headers).catch(() => undefined);
    },
  };
}
