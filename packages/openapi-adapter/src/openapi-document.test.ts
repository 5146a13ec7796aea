import { describe, expect, it } from 'vitest';
import { GatewayError } from '@stockpulse/protocol';
import { assertOpenApiDocument } from './openapi-document.js';

const minimal = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} };

function problem(value: unknown): string {
  try {
    assertOpenApiDocument(value);
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe('invalid_params');
    return (err as Error).message;
  }
  return 'accepted';
}

describe('assertOpenApiDocument', () => {
  it('accepts OpenAPI 3.0 and 3.1 documents', () => {
    expect(problem(minimal)).toBe('accepted');
    expect(problem({ ...minimal, openapi: '3.0.3' })).toBe('accepted');
  });

  it('names each problem with its path', () => {
    expect(problem({ ...minimal, openapi: '4.0.0' })).toMatch(/\/openapi: must match pattern/);
    expect(problem({ openapi: '3.1.0', paths: {} })).toMatch(/\/info: is required/);
    expect(
      problem({
        ...minimal,
        paths: { '/x': { get: { parameters: [{ name: 'a', in: 'body' }] } } },
      }),
    ).toMatch(/\/paths\/~1x\/get\/parameters\/0\/in: must be one of "path", "query"/);
    expect(problem({ ...minimal, paths: { 'x/y': {} } })).toMatch(/\/paths/);
    expect(problem('{"openapi":"3.1.0"}')).toMatch(/not an OpenAPI 3\.0\/3\.1 document/);
  });

  it('says Swagger 2.0 must be converted first', () => {
    expect(problem({ swagger: '2.0', info: { title: 't', version: '1' }, paths: {} })).toMatch(
      /Swagger 2\.0 is not supported/,
    );
  });
});
