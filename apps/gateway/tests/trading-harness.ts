import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { ADMIN_KEY } from './harness.js';

/**
 * A Tuesday 11:00 New York time: the simulated market's clock starts here in the trading tests
 * (MARKET_CLOCK_START), so orders are accepted whatever the real hour.
 */
export const MARKET_OPEN_START = '2026-03-10T15:00:00Z';

/** What an SDK client's elicitation handler saw. */
export interface Asked {
  readonly message: string;
  readonly params: Record<string, unknown>;
}

/**
 * An official SDK client over Streamable HTTP with the admin key. With `answer`, it declares
 * the elicitation capability and answers every elicitation with it (`'never'`: waits until the
 * gateway cancels the question); without, it declares no capability.
 */
export async function tradingClient(
  url: string,
  answer?: ElicitResult | 'never',
): Promise<{ client: Client; asked: Asked[] }> {
  const asked: Asked[] = [];
  const client = new Client(
    { name: 'trading-test', version: '1.0.0' },
    { capabilities: answer ? { elicitation: {} } : {} },
  );
  if (answer)
    client.setRequestHandler(ElicitRequestSchema, async (req, extra) => {
      asked.push({ message: req.params.message, params: req.params });
      if (answer !== 'never') return answer;
      await new Promise<void>((resolve) => extra.signal.addEventListener('abort', () => resolve()));
      return { action: 'cancel' };
    });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { Authorization: `Bearer ${ADMIN_KEY}` } },
    }),
  );
  // Listing caches the output schemas the client checks structured results against.
  await client.listTools();
  return { client, asked };
}

/** Calls a tool and returns the result with its structured content. */
export async function callTool(client: Client, name: string, args: Record<string, unknown>) {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as { type: string; text?: string }[];
  return {
    result,
    data: (result.structuredContent ?? {}) as Record<string, unknown>,
    text: content.map((c) => c.text ?? '').join('\n'),
  };
}

/** Previews a market order and returns its preview id. */
export async function previewId(
  client: Client,
  args: Record<string, unknown> = { symbol: 'AAPL', side: 'buy', quantity: '1' },
): Promise<string> {
  const { result, data, text } = await callTool(client, 'preview_order', args);
  if (result.isError) throw new Error(`preview failed: ${text}`);
  return data['previewId'] as string;
}
