import { describe, expect, it } from 'vitest';
import { restApiConfig } from './rest-api-role.js';

describe('restApiConfig', () => {
  it('is off unless REST_API is set, with rest_ as the default prefix', () => {
    expect(restApiConfig({})).toBeUndefined();
    expect(restApiConfig({ REST_API: ' ' })).toBeUndefined();
    expect(restApiConfig({ REST_API: 'stockpulse' })).toEqual({
      spec: 'stockpulse',
      baseUrl: undefined,
      authorization: undefined,
      prefix: 'rest_',
    });
    expect(
      restApiConfig({
        REST_API: './api.json',
        REST_API_BASE_URL: 'https://api.example',
        REST_API_AUTHORIZATION: 'Bearer x',
        REST_API_PREFIX: '',
      }),
    ).toEqual({
      spec: './api.json',
      baseUrl: 'https://api.example',
      authorization: 'Bearer x',
      prefix: '',
    });
  });

  it('refuses a base URL that is not http(s) and a prefix outside [a-z0-9_]', () => {
    expect(() => restApiConfig({ REST_API: 'x', REST_API_BASE_URL: 'file:///etc' })).toThrow(
      /REST_API_BASE_URL/,
    );
    expect(() => restApiConfig({ REST_API: 'x', REST_API_PREFIX: 'Rest.' })).toThrow(
      /REST_API_PREFIX/,
    );
  });
});
