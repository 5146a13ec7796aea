import { describe, expect, it } from 'vitest';
import { compileUriTemplate } from './uri-template.js';

describe('compileUriTemplate', () => {
  it('matches one variable and decodes it', () => {
    const t = compileUriTemplate('stockpulse://quotes/{symbol}');
    expect(t.variables).toEqual(['symbol']);
    expect(t.match('stockpulse://quotes/AAPL')).toEqual({ symbol: 'AAPL' });
    expect(t.match('stockpulse://quotes/BRK%2EB')).toEqual({ symbol: 'BRK.B' });
  });

  it('does not match across a slash, an empty value or a different prefix', () => {
    const t = compileUriTemplate('test://template/{id}/data');
    expect(t.match('test://template/42/data')).toEqual({ id: '42' });
    expect(t.match('test://template/4/2/data')).toBeNull();
    expect(t.match('test://template//data')).toBeNull();
    expect(t.match('other://template/42/data')).toBeNull();
  });

  it('treats regular-expression characters literally', () => {
    const t = compileUriTemplate('file:///a.b/{x}');
    expect(t.match('file:///aXb/1')).toBeNull();
    expect(t.match('file:///a.b/1')).toEqual({ x: '1' });
  });

  it('refuses malformed templates', () => {
    expect(() => compileUriTemplate('x://{a')).toThrow(TypeError);
    expect(() => compileUriTemplate('x://{a-b}')).toThrow(TypeError);
  });
});
