import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../src/gateway.js';
import { createHarness, mcpHeaders, rawInitialize, type Harness } from './harness.js';

let h: Harness;
let gw: Gateway;

beforeAll(async () => {
  h = await createHarness();
  gw = await h.start('all', { LIVE_TICKS_MS: '0' });
});

afterAll(async () => {
  await h?.stop();
});

/** Opens a session of a revision and returns a function sending one request in it. */
async function session(version: string, capabilities: Record<string, unknown> = {}) {
  const init = await rawInitialize(gw.mcpUrl!, version, 'old-client', capabilities);
  const sid = init.headers.get('mcp-session-id')!;
  const initialized = ((await init.json()) as { result: Record<string, unknown> }).result;
  let id = 1;
  const send = async (method: string, params: Record<string, unknown> = {}) => {
    const res = await fetch(gw.mcpUrl!, {
      method: 'POST',
      headers: mcpHeaders(sid, { 'mcp-protocol-version': version }),
      body: JSON.stringify({ jsonrpc: '2.0', id: (id += 1), method, params }),
    });
    return (await res.json()) as { result: Record<string, unknown> };
  };
  return { initialized, send };
}

describe('each revision gets what it defines', () => {
  it('a 2024-11-05 client sees tools without titles, output schemas or annotations', async () => {
    const { initialized, send } = await session('2024-11-05');
    expect(initialized['protocolVersion']).toBe('2024-11-05');
    expect(initialized['capabilities']).not.toHaveProperty('completions');
    expect(initialized['capabilities']).not.toHaveProperty('tasks');
    const { tools } = (await send('tools/list')).result as { tools: Record<string, unknown>[] };
    const quote = tools.find((t) => t['name'] === 'get_quote')!;
    expect(Object.keys(quote).sort()).toEqual(['description', 'inputSchema', 'name']);
  });

  it('before 2025-06-18 a call’s structured content arrives as JSON text', async () => {
    const { send } = await session('2025-03-26');
    const { result } = await send('tools/call', {
      name: 'get_quote',
      arguments: { symbol: 'AAPL' },
    });
    expect(result).not.toHaveProperty('structuredContent');
    const texts = (result['content'] as { type: string; text: string }[]).map((c) => c.text);
    expect(JSON.parse(texts.at(-1)!)).toMatchObject({ symbol: 'AAPL', currency: 'USD' });
  });

  it('2025-06-18 gets titles, output schemas and structured content, but no task support', async () => {
    const { send } = await session('2025-06-18');
    const { tools } = (await send('tools/list')).result as { tools: Record<string, unknown>[] };
    const quote = tools.find((t) => t['name'] === 'get_quote')!;
    expect(quote).toHaveProperty('title');
    expect(quote).toHaveProperty('outputSchema');
    expect(quote).not.toHaveProperty('execution');
    const { result } = await send('tools/call', {
      name: 'get_quote',
      arguments: { symbol: 'AAPL' },
    });
    expect(result['structuredContent']).toMatchObject({ symbol: 'AAPL' });
  });

  it('a 2025-03-26 client is never asked for elicitation, whatever it declares', async () => {
    const { send } = await session('2025-03-26', { elicitation: {} });
    const made = await send('tools/call', { name: 'create_watchlist', arguments: { name: 'old' } });
    const id = (made.result['content'] as { text: string }[]).at(-1)!.text;
    const watchlist = JSON.parse(id) as { id: string };
    // Deleting needs consent; a client that cannot be asked is refused, not asked.
    const { result } = await send('tools/call', {
      name: 'delete_watchlist',
      arguments: { id: watchlist.id },
    });
    expect(result['isError']).toBe(true);
    expect(JSON.stringify(result['content'])).toMatch(/consent/i);
  });
});
