import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@stockpulse/protocol';
import { compileSchema } from './compile-schema.js';

const quoteInput = {
  type: 'object',
  properties: {
    symbol: { type: 'string', pattern: '^[A-Z]{1,5}$', description: 'ticker' },
    days: { type: 'integer', minimum: 1, maximum: 365 },
    from: { type: 'string', format: 'date' },
  },
  required: ['symbol'],
  additionalProperties: false,
};

describe('compileSchema', () => {
  it('accepts valid arguments and explains invalid ones with paths', () => {
    const check = compileSchema(quoteInput);
    expect(check({ symbol: 'ACME', days: 30, from: '2026-01-02' })).toEqual({ ok: true });
    const result = check({ days: 0, from: 'yesterday', extra: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: '/symbol', message: 'is required' },
        { path: '/extra', message: 'is not allowed' },
        { path: '/days', message: 'must be >= 1' },
        { path: '/from', message: 'must match format "date"' },
      ]),
    );
  });

  it('ignores unknown formats and keywords instead of throwing', () => {
    const check = compileSchema({
      type: 'object',
      'x-ui': { order: 1 },
      properties: {
        ticker: { type: 'string', format: 'ticker-symbol', examples: ['ACME'], deprecated: false },
      },
    });
    expect(check({ ticker: 'anything' })).toEqual({ ok: true });
    expect(check({ ticker: 3 }).ok).toBe(false);
  });

  it('reads 2020-12 by default and honours draft-07 and 2019-09 schemas', () => {
    const tuple2020 = compileSchema({
      type: 'array',
      prefixItems: [{ type: 'string' }],
      items: false,
    });
    expect(tuple2020(['a']).ok).toBe(true);
    expect(tuple2020(['a', 'b']).ok).toBe(false);

    const draft7 = compileSchema({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }] } },
      definitions: { unused: { type: 'string' } },
    });
    expect(draft7({ pair: ['a', 1] }).ok).toBe(true);
    expect(draft7({ pair: [1, 'a'] }).ok).toBe(false);

    const draft2019 = compileSchema({
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      type: 'object',
      required: ['a'],
    });
    expect(draft2019({}).ok).toBe(false);
  });

  it('reads an unknown $schema as the MCP default dialect', () => {
    const check = compileSchema({
      $schema: 'https://example.com/my-dialect',
      type: 'object',
      required: ['q'],
    });
    expect(check({ q: 1 })).toEqual({ ok: true });
    expect(check({})).toEqual({ ok: false, errors: [{ path: '/q', message: 'is required' }] });
  });

  it('lets tools share an $id and keeps recursive schemas working', () => {
    const tree = {
      $id: 'https://example.com/tree',
      type: 'object',
      properties: { children: { type: 'array', items: { $ref: '#' } } },
    };
    const first = compileSchema(tree);
    const second = compileSchema({ ...tree });
    const value = { children: [{ children: [{ children: 'no' }] }] };
    expect(first(value).ok).toBe(false);
    expect(second({ children: [{ children: [] }] })).toEqual({ ok: true });
  });

  it('throws invalid_params for something that is not a JSON Schema', () => {
    expect(() => compileSchema({ type: 'objectish' })).toThrow(
      expect.objectContaining({ code: ErrorCode.InvalidParams }),
    );
  });
});
