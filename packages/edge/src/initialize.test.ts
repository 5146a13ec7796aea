import { describe, expect, it } from 'vitest';
import {
  LATEST_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
  STATELESS_PROTOCOL_VERSIONS,
  subjectToken,
  type Principal,
  type SessionRecord,
} from '@stockpulse/protocol';
import { initializeSession, negotiateVersion, newSessionId } from './initialize.js';
import type { EdgeDeps, EdgeSettings } from './types.js';

describe('negotiateVersion', () => {
  it('speaks the client’s revision when the gateway supports it', () => {
    expect(SUPPORTED_PROTOCOL_VERSIONS).toContain('2024-11-05');
    for (const v of SUPPORTED_PROTOCOL_VERSIONS) expect(negotiateVersion(v)).toBe(v);
    expect(negotiateVersion('2025-06-18')).toBe('2025-06-18');
  });

  it('offers the newest revision for one it does not speak', () => {
    expect(LATEST_PROTOCOL_VERSION).toBe(SUPPORTED_PROTOCOL_VERSIONS[0]);
    for (const v of [
      '2099-01-01',
      '2024-10-07',
      '',
      ' 2025-06-18',
      '2025-06-18 ',
      'latest',
      '2025-6-18',
    ]) {
      expect(negotiateVersion(v), v).toBe(LATEST_PROTOCOL_VERSION);
    }
  });

  it('never answers an initialize with a stateless revision (it has no initialize)', () => {
    for (const v of STATELESS_PROTOCOL_VERSIONS) {
      expect(negotiateVersion(v)).toBe(LATEST_PROTOCOL_VERSION);
    }
    expect(LATEST_PROTOCOL_VERSION).toBe('2025-11-25');
  });

  it('offers the newest revision when the request carries no string', () => {
    for (const v of [undefined, null, 20250618, true, ['2025-06-18'], { version: '2025-06-18' }]) {
      expect(negotiateVersion(v)).toBe(LATEST_PROTOCOL_VERSION);
    }
  });
});

describe('newSessionId', () => {
  it('is 128 random bits in hex, safe as a subject token, never repeated', () => {
    const ids = Array.from({ length: 1000 }, () => newSessionId());
    for (const id of ids.slice(0, 10)) {
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      expect(subjectToken(id)).toBe(id);
    }
    expect(new Set(ids).size).toBe(1000);
  });
});

describe('initializeSession', () => {
  const principal: Principal = {
    id: 'key_1',
    name: 'ci',
    scopes: ['tools'],
    cacheUntil: Date.now() + 60_000,
  };
  const settings: EdgeSettings = {
    host: '127.0.0.1',
    port: 0,
    path: '/mcp',
    callTimeoutMs: 1_000,
    maxBodyBytes: 1_000_000,
    routingMode: 'direct',
    pageSize: 100,
    maxStreamBufferBytes: 1_048_576,
    sseRetryMs: 1000,
    originPolicy: { allowedOrigins: [], allowedHosts: [] },
    serverInfo: { name: 'stockpulse-mcp-gateway', version: '9.9.9' },
  };

  /** Only the session store is used by initializeSession; this fake keeps what it is given. */
  function fakeDeps(): { deps: EdgeDeps; created: SessionRecord[] } {
    const created: SessionRecord[] = [];
    const sessions = {
      create: async (s: SessionRecord) => {
        created.push(s);
      },
    };
    return { deps: { sessions } as unknown as EdgeDeps, created };
  }

  it('stores a session with the negotiated revision and answers with it', async () => {
    const { deps, created } = fakeDeps();
    const { session, result } = await initializeSession(deps, settings, principal, {
      protocolVersion: '2025-03-26',
      capabilities: { roots: { listChanged: true } },
      clientInfo: { name: 'inspector', version: '0.9', title: 'ignored' },
    });
    expect(created).toEqual([session]);
    expect(session).toMatchObject({
      protocolVersion: '2025-03-26',
      principalId: 'key_1',
      clientInfo: { name: 'inspector', version: '0.9' },
      clientCapabilities: { roots: { listChanged: true } },
    });
    expect(session.id).toMatch(/^[0-9a-f]{32}$/);
    expect(Date.parse(session.createdAt)).not.toBeNaN();
    expect(result).toEqual({
      protocolVersion: '2025-03-26',
      capabilities: {
        tools: { listChanged: true },
        resources: { subscribe: true, listChanged: true },
        prompts: { listChanged: true },
        completions: {},
        logging: {},
      },
      serverInfo: settings.serverInfo,
    });
  });

  it('falls back to the newest revision, no client info and no capabilities', async () => {
    const { deps, created } = fakeDeps();
    const { session, result } = await initializeSession(deps, settings, principal, {
      protocolVersion: '1999-01-01',
      clientInfo: { version: '1' },
    });
    expect(result['protocolVersion']).toBe(LATEST_PROTOCOL_VERSION);
    expect(session).toMatchObject({
      protocolVersion: LATEST_PROTOCOL_VERSION,
      clientInfo: null,
      clientCapabilities: {},
    });
    expect(created).toHaveLength(1);
  });

  it('keeps a client name without a version, and adds instructions when set', async () => {
    const { deps } = fakeDeps();
    const { session, result } = await initializeSession(
      deps,
      { ...settings, instructions: 'Prices are simulated.' },
      principal,
      { clientInfo: { name: 'cli', version: 3 } },
    );
    expect(session.clientInfo).toEqual({ name: 'cli', version: '' });
    expect(result['instructions']).toBe('Prices are simulated.');
  });

  it('gives every session its own id', async () => {
    const { deps, created } = fakeDeps();
    await initializeSession(deps, settings, principal, {});
    await initializeSession(deps, settings, principal, {});
    expect(created[0]!.id).not.toBe(created[1]!.id);
  });
});
