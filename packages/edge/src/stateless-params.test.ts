import { describe, expect, it } from 'vitest';
import { checkParamHeaders, decodeParamHeader } from './stateless-params.js';

const schema = {
  type: 'object',
  properties: {
    region: { type: 'string', 'x-mcp-header': 'Region' },
    priority: { type: 'integer', 'x-mcp-header': 'Priority' },
    verbose: { type: 'boolean', 'x-mcp-header': 'Verbose' },
    query: { type: 'string' },
  },
};
const b64 = (s: string) => `=?base64?${Buffer.from(s).toString('base64')}?=`;

describe('decodeParamHeader', () => {
  it('decodes wrapped Base64 strictly and takes anything else literally', () => {
    expect(decodeParamHeader(b64('Hello'))).toBe('Hello');
    expect(decodeParamHeader('=?base64?SGVsbG8?=')).toBeNull();
    expect(decodeParamHeader('=?base64?SGVs!!!bG8=?=')).toBeNull();
    expect(decodeParamHeader('SGVsbG8=')).toBe('SGVsbG8=');
    expect(decodeParamHeader('=?base64?SGVsbG8=')).toBe('=?base64?SGVsbG8=');
  });
});

describe('checkParamHeaders', () => {
  const args = { region: 'eu-west', priority: 3, verbose: true, query: 'q' };

  it('accepts headers that repeat the annotated arguments', () => {
    const headers = {
      'mcp-param-region': 'eu-west',
      'mcp-param-priority': '3',
      'mcp-param-verbose': 'true',
    };
    expect(checkParamHeaders(headers, schema, args)).toBeNull();
    expect(
      checkParamHeaders({ ...headers, 'mcp-param-region': b64('eu-west') }, schema, args),
    ).toBeNull();
    // Arguments without a value need no header; unannotated ones never do.
    expect(
      checkParamHeaders({ 'mcp-param-region': 'eu-west' }, schema, {
        region: 'eu-west',
        verbose: null,
      }),
    ).toBeNull();
    expect(checkParamHeaders({}, undefined, args)).toBeNull();
  });

  it('refuses a missing, mismatched or badly encoded header (-32020, 400)', () => {
    const ok = {
      'mcp-param-region': 'eu-west',
      'mcp-param-priority': '3',
      'mcp-param-verbose': 'true',
    };
    for (const headers of [
      { ...ok, 'mcp-param-region': undefined },
      { ...ok, 'mcp-param-region': 'us-east' },
      { ...ok, 'mcp-param-priority': '4' },
      { ...ok, 'mcp-param-region': '=?base64?ZXUtd2VzdA?=' },
    ]) {
      const r = checkParamHeaders(headers, schema, args);
      expect(r?.status, JSON.stringify(headers)).toBe(400);
      expect(r?.error.code).toBe(-32020);
    }
  });
});
