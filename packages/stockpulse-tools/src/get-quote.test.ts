import { describe, expect, it } from 'vitest';
import { callTool, pinnedProvider, textOf } from '../tests/call-tool.js';
import { getQuoteTool } from './get-quote.js';

describe('get_quote', () => {
  const tool = getQuoteTool(pinnedProvider());

  it('returns text and structured content for a known symbol', async () => {
    const r = await callTool(tool, { symbol: 'aapl' });
    expect(r.isError).toBeUndefined();
    expect(r.structuredContent).toMatchObject({
      symbol: 'AAPL',
      currency: 'USD',
      source: 'simulated',
    });
    expect(textOf(r)).toContain('AAPL (Apple Inc.)');
  });

  it('returns a tool error for an unknown symbol', async () => {
    const r = await callTool(tool, { symbol: 'ZZZZ' });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toBe('Unknown symbol: ZZZZ');
  });

  it('is read-only and closed-world', () => {
    expect(tool.definition.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: false });
  });
});
