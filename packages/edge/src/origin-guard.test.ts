import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkOrigin, defaultOriginPolicy } from './origin-guard.js';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('origin guard', () => {
  const loopback = defaultOriginPolicy('127.0.0.1');

  it('lets non-browser clients on loopback through', () => {
    expect(checkOrigin(req({ host: '127.0.0.1:8080' }), loopback)).toBeNull();
    expect(checkOrigin(req({ host: 'localhost:8080' }), loopback)).toBeNull();
    expect(checkOrigin(req({ host: '[::1]:8080' }), loopback)).toBeNull();
  });

  it('refuses a rebound host name on a loopback edge', () => {
    expect(checkOrigin(req({ host: 'evil.example:8080' }), loopback)).toMatch(/Host/);
    expect(checkOrigin(req({}), loopback)).toMatch(/Host/);
  });

  it('refuses foreign browser origins and accepts loopback or listed ones', () => {
    expect(
      checkOrigin(req({ host: 'localhost:8080', origin: 'https://evil.example' }), loopback),
    ).toMatch(/Origin/);
    expect(
      checkOrigin(req({ host: 'localhost:8080', origin: 'http://localhost:5173' }), loopback),
    ).toBeNull();
    expect(checkOrigin(req({ host: 'localhost:8080', origin: 'null' }), loopback)).toMatch(
      /Origin/,
    );
    const listed = defaultOriginPolicy('127.0.0.1', ['https://app.stockpulse.example']);
    expect(
      checkOrigin(req({ host: 'localhost', origin: 'https://app.stockpulse.example' }), listed),
    ).toBeNull();
  });

  it('accepts any Host on a non-loopback edge unless hosts are listed', () => {
    expect(
      checkOrigin(req({ host: 'gw.internal:8080' }), defaultOriginPolicy('0.0.0.0')),
    ).toBeNull();
    const pinned = defaultOriginPolicy('0.0.0.0', [], ['gw.stockpulse.example']);
    expect(checkOrigin(req({ host: 'gw.internal:8080' }), pinned)).toMatch(/Host/);
    expect(checkOrigin(req({ host: 'gw.stockpulse.example' }), pinned)).toBeNull();
  });
});
