import { describe, expect, it } from 'vitest';
import { forRevision } from './revision-filter.js';

const tool = {
  name: 'get_quote',
  title: 'Get quote',
  description: 'd',
  inputSchema: { type: 'object' },
  outputSchema: { type: 'object' },
  annotations: { readOnlyHint: true },
  icons: [{ src: 'https://example.com/i.png' }],
  execution: { taskSupport: 'optional' },
};

describe('forRevision', () => {
  it('lists tools with only the fields each revision defines', () => {
    const list = (v: string) =>
      Object.keys(
        (forRevision(v, 'tools/list', { tools: [tool] }) as { tools: object[] }).tools[0]!,
      );
    expect(list('2025-11-25').sort()).toEqual(Object.keys(tool).sort());
    expect(list('2025-06-18')).not.toContain('icons');
    expect(list('2025-06-18')).toContain('outputSchema');
    expect(list('2025-03-26')).toEqual(['name', 'description', 'inputSchema', 'annotations']);
    expect(list('2024-11-05')).toEqual(['name', 'description', 'inputSchema']);
  });

  it('leaves the newest revisions and unknown methods alone', () => {
    const r = { tools: [tool] };
    expect(forRevision('2026-07-28', 'tools/list', r)).toBe(r);
    expect(forRevision('2024-11-05', 'ping', r)).toBe(r);
  });

  it('gives older clients structured content as JSON text, and content they can show', () => {
    const result = {
      content: [
        { type: 'text', text: 'AAPL 190.00' },
        { type: 'audio', data: 'AAAA', mimeType: 'audio/wav' },
        { type: 'resource_link', uri: 'stockpulse://quotes/AAPL', name: 'quote' },
      ],
      structuredContent: { symbol: 'AAPL', price: '190.00' },
    };
    expect(forRevision('2025-06-18', 'tools/call', result)).toEqual({
      ...result,
      content: result.content,
    });
    expect(forRevision('2025-03-26', 'tools/call', result)).toEqual({
      content: [
        { type: 'text', text: 'AAPL 190.00' },
        { type: 'audio', data: 'AAAA', mimeType: 'audio/wav' },
        { type: 'text', text: 'Resource: stockpulse://quotes/AAPL (quote)' },
        { type: 'text', text: '{"symbol":"AAPL","price":"190.00"}' },
      ],
    });
    const old = forRevision('2024-11-05', 'tools/call', result) as { content: { type: string }[] };
    expect(old.content.map((c) => c.type)).toEqual(['text', 'text', 'text', 'text']);
  });

  it('strips titles of prompts and their arguments before 2025-06-18', () => {
    const prompts = {
      prompts: [{ name: 'p', title: 'P', arguments: [{ name: 'a', title: 'A', required: true }] }],
    };
    expect(forRevision('2025-03-26', 'prompts/list', prompts)).toEqual({
      prompts: [{ name: 'p', arguments: [{ name: 'a', required: true }] }],
    });
    expect(forRevision('2025-06-18', 'prompts/list', prompts)).toEqual(prompts);
  });
});
