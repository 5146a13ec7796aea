import { describe, expect, it } from 'vitest';
import { createNameRegistry, MAX_TOOL_NAME, toolNameFor } from './tool-names.js';

describe('toolNameFor', () => {
  it('turns an operationId into snake_case with only [a-z0-9_]', () => {
    expect(toolNameFor('getQuote', 'get', '/q')).toBe('get_quote');
    expect(toolNameFor('listHTTPRoutes', 'get', '/r')).toBe('list_http_routes');
    expect(toolNameFor('orders.cancel-by id', 'post', '/o')).toBe('orders_cancel_by_id');
    expect(toolNameFor('__weird__Ünïcode!!', 'get', '/x')).toBe('weird_n_code');
  });

  it('falls back to the method and path without an operationId, and never returns empty', () => {
    expect(toolNameFor(undefined, 'get', '/v1/quotes/{symbol}')).toBe('get_v1_quotes_by_symbol');
    expect(toolNameFor('!!!', 'delete', '/x')).toBe('delete');
  });

  it('adds the prefix and keeps within the length limit', () => {
    expect(toolNameFor('getQuote', 'get', '/q', 'rest_')).toBe('rest_get_quote');
    const long = toolNameFor('a'.repeat(200), 'get', '/q', 'p_');
    expect(long.length).toBe(MAX_TOOL_NAME);
    expect(long.startsWith('p_a')).toBe(true);
  });
});

describe('createNameRegistry', () => {
  it('suffixes names already taken, within the limit', () => {
    const unique = createNameRegistry(['taken']);
    expect(unique('taken')).toBe('taken_2');
    expect(unique('taken')).toBe('taken_3');
    expect(unique('free')).toBe('free');
    const long = 'x'.repeat(MAX_TOOL_NAME);
    expect(unique(long)).toBe(long);
    const second = unique(long);
    expect(second.length).toBe(MAX_TOOL_NAME);
    expect(second.endsWith('_2')).toBe(true);
  });
});
