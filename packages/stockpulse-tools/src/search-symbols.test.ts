import { describe, expect, it } from 'vitest';
import { acceptsArgs, callTool, pinnedProvider, textOf } from '../tests/call-tool.js';
import { searchSymbolsTool } from './search-symbols.js';

interface Found {
  results: { symbol: string; sector: string }[];
  count: number;
}

describe('search_symbols', () => {
  const tool = searchSymbolsTool(pinnedProvider());

  it('puts the exact ticker first, then names containing the query', async () => {
    const r = await callTool(tool, { query: 'ma' });
    const symbols = (r.structuredContent as unknown as Found).results.map((x) => x.symbol);
    expect(symbols[0]).toBe('MA');
    expect(symbols).toEqual(expect.arrayContaining(['AMZN', 'WMT']));
  });

  it('finds by company name', async () => {
    const r = await callTool(tool, { query: 'apple' });
    expect((r.structuredContent as unknown as Found).results.map((x) => x.symbol)).toEqual([
      'AAPL',
    ]);
    expect(textOf(r)).toContain('AAPL: Apple Inc.');
  });

  it('finds by sector and honours the limit', async () => {
    const r = await callTool(tool, { query: 'health care', limit: 2 });
    const found = r.structuredContent as unknown as Found;
    expect(found.count).toBe(2);
    expect(found.results.map((x) => x.sector)).toEqual(['Health Care', 'Health Care']);
  });

  it('says when nothing matches, and refuses an empty query', async () => {
    const r = await callTool(tool, { query: 'xyzzy' });
    expect(r.structuredContent).toMatchObject({ count: 0, results: [] });
    expect(textOf(r)).toContain('No symbols match');
    expect(acceptsArgs(tool, { query: '' })).toBe(false);
    expect(acceptsArgs(tool, { query: 'a', limit: 500 })).toBe(false);
  });
});
