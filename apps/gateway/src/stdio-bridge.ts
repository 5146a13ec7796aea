import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** Options of {@link runStdioBridge}. */
export interface StdioBridgeOptions {
  /** MCP endpoint of a gateway, e.g. https://gw.example/mcp. */
  readonly url: string;
  /** API key sent as a bearer token. */
  readonly apiKey: string;
  readonly stdin?: NodeJS.ReadableStream;
  readonly stdout?: NodeJS.WritableStream;
}

function isInitializeResult(
  m: JSONRPCMessage,
): m is JSONRPCMessage & { result: { protocolVersion: string } } {
  const result = (m as { result?: { protocolVersion?: unknown } }).result;
  return typeof result?.protocolVersion === 'string';
}

/**
 * Bridges a local stdio MCP client to a remote gateway over Streamable HTTP: each JSON-RPC line
 * read from stdin is sent to the gateway, and each message from the gateway is written to
 * stdout. Resolves when either side closes. The SDK's transports do the framing; the bridge only
 * relays, and tells the HTTP side the negotiated revision so it sends `MCP-Protocol-Version`.
 */
export async function runStdioBridge(opts: StdioBridgeOptions): Promise<void> {
  const upstream = new StreamableHTTPClientTransport(new URL(opts.url), {
    requestInit: { headers: { Authorization: `Bearer ${opts.apiKey}` } },
  });
  const downstream = new StdioServerTransport(
    opts.stdin as NodeJS.ReadStream | undefined,
    opts.stdout as NodeJS.WriteStream | undefined,
  );
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const fail = (message: string, id: unknown): void => {
    if (id === undefined) return;
    void downstream.send({
      jsonrpc: '2.0',
      id: id as string | number,
      error: { code: -32000, message: `gateway request failed: ${message}` },
    });
  };
  downstream.onmessage = (m) => {
    upstream
      .send(m)
      .catch((err: unknown) =>
        fail(err instanceof Error ? err.message : String(err), (m as { id?: unknown }).id),
      );
  };
  upstream.onmessage = (m) => {
    if (isInitializeResult(m)) upstream.setProtocolVersion(m.result.protocolVersion);
    void downstream.send(m);
  };
  downstream.onclose = () => {
    void upstream
      .terminateSession()
      .catch(() => undefined)
      .finally(() => {
        void upstream.close().finally(done);
      });
  };
  upstream.onclose = () => void downstream.close().finally(done);
  await upstream.start();
  await downstream.start();
  await finished;
}
