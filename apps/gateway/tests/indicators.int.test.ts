import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Gateway } from '../src/gateway.js';
import { ADMIN_KEY, connectClient, createHarness, type Harness } from './harness.js';

/**
 * `get_indicators` through the real path (SDK client → edge → NATS → tool service), checked
 * against bars from `get_price_history` in the same test. The gateway runs on the real clock:
 * while a session runs today's bar moves, so the latest point is compared only when the bars
 * did not change around the call, and yesterday's point always.
 */

let h: Harness;
let gw: Gateway;
let client: Client;

type Point = Record<string, string>;
type Indicator = { label: string; count: number; latest: Point; series: Point[] };
type Bar = { date: string; close: string };

function text(result: Awaited<ReturnType<Client['callTool']>>): string {
  const content = result.content as { type: string; text?: string }[];
  return content.map((c) => c.text ?? '').join('\n');
}

async function call(name: string, args: Record<string, unknown>) {
  const result = await client.callTool({ name, arguments: args });
  return { result, data: (result.structuredContent ?? {}) as Record<string, unknown> };
}

async function closes(symbol: string): Promise<Bar[]> {
  const { data } = await call('get_price_history', { symbol });
  return data['bars'] as Bar[];
}

const mean = (bars: readonly Bar[]) => bars.reduce((s, b) => s + Number(b.close), 0) / bars.length;

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

describe('get_indicators through the gateway', () => {
  it('is listed with title, schemas and read-only annotations', async () => {
    const { tools } = await client.listTools();
    const tool = tools.find((t) => t.name === 'get_indicators');
    expect(tool?.title).toBe('Get technical indicators');
    expect(tool?.outputSchema?.type).toBe('object');
    expect(tool?.annotations).toMatchObject({
      readOnlyHint: true,
      openWorldHint: false,
      idempotentHint: true,
    });
  });

  it('SMA(5) equals the mean of the last five closes from get_price_history', async () => {
    const before = await closes('JPM');
    const { result, data } = await call('get_indicators', {
      symbol: 'jpm',
      indicators: [{ name: 'sma', period: 5 }, { name: 'macd' }, { name: 'rsi' }],
      lookback: 10,
    });
    const after = await closes('JPM');
    expect(result.isError).toBeFalsy();
    const [sma, macd, rsi] = data['indicators'] as Indicator[];
    const last = after[after.length - 1];
    expect(data).toMatchObject({ symbol: 'JPM', interval: 'daily', source: 'simulated' });
    expect(data['asOf']).toBe(last?.date);
    expect(sma?.count).toBe(10);
    expect(sma?.latest['date']).toBe(last?.date);
    expect(sma?.series[8]?.['value']).toBe(mean(after.slice(-6, -1)).toFixed(4));
    if (before[before.length - 1]?.close === last?.close) {
      expect(sma?.latest['value']).toBe(mean(after.slice(-5)).toFixed(4));
    }
    expect(Object.keys(macd?.latest ?? {})).toEqual(['date', 'macd', 'signal', 'histogram']);
    expect(Number(rsi?.latest['value'])).toBeGreaterThanOrEqual(0);
    expect(Number(rsi?.latest['value'])).toBeLessThanOrEqual(100);
    expect(text(result)).toContain(`JPM daily indicators as of ${last?.date}: SMA(5) `);
    expect(text(result)).toContain('MACD(12,26,9) macd ');
  });

  it('refuses unknown symbols, unknown indicators and bad parameters as tool errors', async () => {
    const unknown = await call('get_indicators', { symbol: 'NOPE', indicators: [{ name: 'ema' }] });
    expect(unknown.result.isError).toBe(true);
    expect(text(unknown.result)).toBe('Unknown symbol: NOPE');
    const name = await call('get_indicators', { symbol: 'AAPL', indicators: [{ name: 'vwap' }] });
    expect(name.result.isError).toBe(true);
    expect(text(name.result)).toContain('Invalid arguments for get_indicators');
    const swapped = await call('get_indicators', {
      symbol: 'AAPL',
      indicators: [{ name: 'macd', fastPeriod: 30, slowPeriod: 20 }],
    });
    expect(swapped.result.isError).toBe(true);
    expect(text(swapped.result)).toContain('must be below slowPeriod');
  });
});
