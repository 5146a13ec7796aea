import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Gateway } from '../src/gateway.js';
import { ADMIN_KEY, connectClient, createHarness, type Harness } from './harness.js';

/**
 * Every StockPulse market-data tool through the real path (SDK client → edge → NATS → tool
 * service). The SDK client checks each structuredContent against the tool's outputSchema once
 * it has listed the tools. The gateway runs on the real clock, so assertions hold at any hour.
 */

let h: Harness;
let gw: Gateway;
let client: Client;

type Structured = Record<string, unknown>;
type Bar = { date: string; close: string };
type Row = { symbol: string; sector?: string; changePercent: string; volume: number };

function text(result: Awaited<ReturnType<Client['callTool']>>): string {
  const content = result.content as { type: string; text?: string }[];
  return content.map((c) => c.text ?? '').join('\n');
}

async function call(name: string, args: Record<string, unknown>) {
  const result = await client.callTool({ name, arguments: args });
  return { result, data: (result.structuredContent ?? {}) as Structured };
}

beforeAll(async () => {
  h = await createHarness();
  gw = await h.start('all');
  client = await connectClient(gw.mcpUrl!, ADMIN_KEY);
  // Listing caches the output schemas the client validates structured results against.
  await client.listTools();
});

afterAll(async () => {
  await client?.close();
  await h?.stop();
});

describe('StockPulse market-data tools through the gateway', () => {
  it('lists every tool with title, schemas and read-only annotations', async () => {
    const { tools } = await client.listTools();
    const ours = tools.filter((t) =>
      [
        'search_symbols',
        'get_quote',
        'get_price_history',
        'get_company_profile',
        'get_market_movers',
        'screen_stocks',
        'get_market_status',
        'get_market_calendar',
      ].includes(t.name),
    );
    expect(ours).toHaveLength(8);
    for (const t of ours) {
      expect(t.title).toBeTruthy();
      expect(t.outputSchema?.type).toBe('object');
      expect(t.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: false });
    }
  });

  it('search_symbols finds companies by name and sector', async () => {
    const { result, data } = await call('search_symbols', { query: 'apple' });
    expect(result.isError).toBeFalsy();
    expect(data['results']).toEqual([
      expect.objectContaining({ symbol: 'AAPL', name: 'Apple Inc.', exchange: 'NASDAQ' }),
    ]);
    const energy = await call('search_symbols', { query: 'integrated oil' });
    expect((energy.data['results'] as Row[]).map((r) => r.symbol).sort()).toEqual(['CVX', 'XOM']);
  });

  it('get_quote and get_price_history agree on the previous close', async () => {
    const quote = await call('get_quote', { symbol: 'nvda' });
    expect(quote.data).toMatchObject({ symbol: 'NVDA', currency: 'USD', source: 'simulated' });
    const history = await call('get_price_history', { symbol: 'NVDA' });
    expect(history.result.isError).toBeFalsy();
    const bars = history.data['bars'] as Bar[];
    expect(bars.length).toBeGreaterThan(15);
    expect(bars[bars.length - 2]?.close).toBe(quote.data['previousClose']);
    expect(text(history.result)).toContain('NVDA daily');
  });

  it('get_price_history returns weekly CSV and refuses bad ranges', async () => {
    const csv = await call('get_price_history', {
      symbol: 'KO',
      from: '2025-01-06',
      to: '2025-03-28',
      interval: 'weekly',
      format: 'csv',
    });
    const lines = text(csv.result).split('\n');
    expect(lines[0]).toBe('date,open,high,low,close,volume');
    expect(lines).toHaveLength(13);
    expect((csv.data['bars'] as Bar[]).map((b) => b.date)).toContain('2025-01-21');
    const reversed = await call('get_price_history', {
      symbol: 'KO',
      from: '2025-03-01',
      to: '2025-01-01',
    });
    expect(reversed.result.isError).toBe(true);
    expect(text(reversed.result)).toContain('Bad range');
    const unknown = await call('get_price_history', { symbol: 'NOPE' });
    expect(text(unknown.result)).toBe('Unknown symbol: NOPE');
  });

  it('get_company_profile gives the sector and a market cap', async () => {
    const { data } = await call('get_company_profile', { symbol: 'MSFT' });
    expect(data).toMatchObject({
      name: 'Microsoft Corporation',
      sector: 'Information Technology',
      exchange: 'NASDAQ',
    });
    expect(String(data['marketCap'])).toMatch(/^\d{12,14}$/);
  });

  it('get_market_movers ranks gainers, losers and volume', async () => {
    const { data } = await call('get_market_movers', { limit: 3 });
    const gainers = data['gainers'] as Row[];
    const mostActive = data['mostActive'] as Row[];
    expect(mostActive).toHaveLength(3);
    expect(mostActive[0]!.volume).toBeGreaterThanOrEqual(mostActive[1]!.volume);
    for (const g of gainers) expect(Number(g.changePercent)).toBeGreaterThan(0);
    for (const l of data['losers'] as Row[]) expect(Number(l.changePercent)).toBeLessThan(0);
  });

  it('screen_stocks filters by sector', async () => {
    const { data } = await call('screen_stocks', {
      sector: 'Energy',
      sortBy: 'symbol',
      order: 'asc',
    });
    expect(data['matched']).toBe(2);
    expect((data['results'] as Row[]).map((r) => r.symbol)).toEqual(['CVX', 'XOM']);
  });

  it('get_market_status reports a phase and the next open', async () => {
    const { data } = await call('get_market_status', {});
    expect(['pre', 'open', 'post', 'closed']).toContain(data['phase']);
    expect(Date.parse(String(data['nextOpen']))).toBeGreaterThan(Date.parse(String(data['asOf'])));
    expect(data['timeZone']).toBe('America/New_York');
  });

  it('get_market_calendar lists 2025 holidays and early closes', async () => {
    const { result, data } = await call('get_market_calendar', { year: 2025 });
    const events = data['events'] as { date: string; kind: string; name: string }[];
    expect(events).toContainEqual({ date: '2025-04-18', name: 'Good Friday', kind: 'holiday' });
    expect(events).toContainEqual(
      expect.objectContaining({ date: '2025-07-03', kind: 'early_close', closeTime: '13:00' }),
    );
    expect(text(result)).toContain('2025-11-28 closes 13:00: Day after Thanksgiving');
    const bad = await call('get_market_calendar', { from: '2025-12-31', to: '2025-01-01' });
    expect(bad.result.isError).toBe(true);
  });
});
