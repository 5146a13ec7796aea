import { describe, expect, it } from 'vitest';
import { createSimulatedProvider } from '@stockpulse/market-data';
import { getQuoteTool } from './get-quote.js';

const ctx = {
  principalId: 'p',
  scopes: [],
  sessionId: undefined,
  requestId: 'r',
  deadline: Date.now() + 1000,
  signal: new AbortController().signal,
  progress: () => undefined,
};

describe('get_quote', () => {
  const tool = getQuoteTool(
    createSimulatedProvider({ now: () => new Date('2026-01-05T15:00:00Z') }),
  );

  it('returns text and structured content for a known symbol', async () => {
    const r = await tool.handler({ symbol: 'aapl' }, ctx);
    expect(r.isError).toBeUndefined();
    expect(r.structuredContent?.['symbol']).toBe('AAPL');
    expect(r.content[0]?.['text']).toContain('AAPL');
  });

  it('returns a tool error for an unknown symbol', async () => {
    const r = await tool.handler({ symbol: 'ZZZZ' }, ctx);
    expect(r.isError).toBe(true);
  });
});
