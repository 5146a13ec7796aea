import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from './redaction.js';

describe('createRedactor', () => {
  const redact = createRedactor(['password', 'token'], 3);

  it('returns clean values as they are, without copying', () => {
    const clean = { a: 1, b: [{ c: 'x' }], d: new Date(0) };
    expect(redact(clean)).toBe(clean);
    expect(redact('token')).toBe('token');
    expect(redact(null)).toBeNull();
  });

  it('copies only the path to a secret and never mutates the input', () => {
    const shared = { keep: true };
    const input = { shared, nested: { Password: 'p', other: 1 }, list: [shared, { token: 't' }] };
    const out = redact(input);
    expect(out).toEqual({
      shared,
      nested: { Password: REDACTED, other: 1 },
      list: [shared, { token: REDACTED }],
    });
    expect(out.shared).toBe(shared);
    expect(input.nested.Password).toBe('p');
    expect(input.list[1]).toEqual({ token: 't' });
  });

  it('stops at the depth limit and on cycles', () => {
    const deep = { a: { b: { c: { d: { token: 't' } } } } };
    expect(redact(deep)).toBe(deep);
    const cyclic: Record<string, unknown> = { token: 't' };
    cyclic['self'] = cyclic;
    expect(redact(cyclic)['token']).toBe(REDACTED);
  });

  it('leaves absent values and class instances alone', () => {
    const err = Object.assign(new Error('e'), { token: 't' });
    expect(redact({ token: undefined })).toEqual({ token: undefined });
    expect(redact({ err }).err).toBe(err);
  });
});
