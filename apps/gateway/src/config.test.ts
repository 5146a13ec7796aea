import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('ALLOW_ANONYMOUS', () => {
  it('is off unless asked for', () => {
    expect(loadConfig({}).allowAnonymous).toBe(false);
    expect(loadConfig({ ALLOW_ANONYMOUS: 'false' }).allowAnonymous).toBe(false);
    expect(loadConfig({ ALLOW_ANONYMOUS: 'true' }).allowAnonymous).toBe(true);
  });

  it('refuses a value that is not a boolean', () => {
    expect(() => loadConfig({ ALLOW_ANONYMOUS: 'yes' })).toThrow(/ALLOW_ANONYMOUS/);
  });

  it('is only for an edge that listens on loopback', () => {
    expect(() => loadConfig({ ALLOW_ANONYMOUS: 'true', HOST: '0.0.0.0' })).toThrow(/loopback/);
    expect(loadConfig({ ALLOW_ANONYMOUS: '1', HOST: 'localhost' }).allowAnonymous).toBe(true);
  });
});
