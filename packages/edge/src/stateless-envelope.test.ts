import { describe, expect, it } from 'vitest';
import type { IncomingHttpHeaders } from 'node:http';
import { ALL_PROTOCOL_VERSIONS } from '@stockpulse/protocol';
import {
  checkStatelessRequest,
  isRejection,
  isStatelessRequest,
  type StatelessRejection,
} from './stateless-envelope.js';
import type { IncomingMessage } from './json-rpc.js';

const V = '2026-07-28';
const meta = (extra: Record<string, unknown> = {}) => ({
  'io.modelcontextprotocol/protocolVersion': V,
  'io.modelcontextprotocol/clientCapabilities': {},
  ...extra,
});
const headers = (extra: IncomingHttpHeaders = {}): IncomingHttpHeaders => ({
  'mcp-protocol-version': V,
  'mcp-method': 'tools/list',
  ...extra,
});
const request = (method: string, params: Record<string, unknown> = {}): IncomingMessage => ({
  kind: 'request',
  id: 1,
  method,
  params,
});

function rejection(v: ReturnType<typeof checkStatelessRequest>): StatelessRejection {
  if (!isRejection(v)) throw new Error(`expected a rejection, got ${JSON.stringify(v)}`);
  return v;
}

describe('isStatelessRequest', () => {
  it('takes requests whose version header is not a session-based revision', () => {
    expect(isStatelessRequest({ 'mcp-protocol-version': V }, [request('tools/list')])).toBe(true);
    expect(isStatelessRequest({ 'mcp-protocol-version': 'v9' }, [request('tools/list')])).toBe(
      true,
    );
    for (const v of ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05']) {
      expect(isStatelessRequest({ 'mcp-protocol-version': v }, [request('tools/list')])).toBe(
        false,
      );
    }
  });

  it('takes a header-less request only when its _meta names a version and it is no initialize', () => {
    expect(isStatelessRequest({}, [request('tools/list', { _meta: meta() })])).toBe(true);
    expect(isStatelessRequest({}, [request('tools/list')])).toBe(false);
    expect(isStatelessRequest({}, [request('initialize', { _meta: meta() })])).toBe(false);
    expect(isStatelessRequest({}, [{ kind: 'notification', method: 'x', params: {} }])).toBe(false);
  });
});

describe('checkStatelessRequest', () => {
  it('reads the client from _meta', () => {
    const env = checkStatelessRequest(headers(), 'tools/list', {
      _meta: meta({
        'io.modelcontextprotocol/clientCapabilities': { elicitation: {} },
        'io.modelcontextprotocol/clientInfo': { name: 'c', version: '2' },
        'io.modelcontextprotocol/logLevel': 'info',
      }),
    });
    expect(env).toEqual({
      protocolVersion: V,
      clientCapabilities: { elicitation: {} },
      clientInfo: { name: 'c', version: '2' },
      logLevel: 'info',
    });
  });

  it('needs the version header (-32020)', () => {
    const r = rejection(
      checkStatelessRequest({ 'mcp-method': 'tools/list' }, 'tools/list', { _meta: meta() }),
    );
    expect(r.status).toBe(400);
    expect(r.error.code).toBe(-32020);
  });

  it('needs _meta with a version and capabilities (-32602)', () => {
    for (const params of [
      {},
      { _meta: 'x' },
      { _meta: { 'io.modelcontextprotocol/clientCapabilities': {} } },
      { _meta: { 'io.modelcontextprotocol/protocolVersion': V } },
      { _meta: meta({ 'io.modelcontextprotocol/clientCapabilities': [] }) },
    ]) {
      const r = rejection(checkStatelessRequest(headers(), 'tools/list', params));
      expect(r.status, JSON.stringify(params)).toBe(400);
      expect(r.error.code).toBe(-32602);
    }
  });

  it('refuses a _meta version that differs from the header (-32020)', () => {
    const r = rejection(
      checkStatelessRequest(headers(), 'tools/list', {
        _meta: meta({ 'io.modelcontextprotocol/protocolVersion': '2025-11-25' }),
      }),
    );
    expect(r.error.code).toBe(-32020);
  });

  it('refuses a version it does not speak, listing those it does (-32022)', () => {
    const r = rejection(
      checkStatelessRequest(headers({ 'mcp-protocol-version': 'v9' }), 'tools/list', {
        _meta: meta({ 'io.modelcontextprotocol/protocolVersion': 'v9' }),
      }),
    );
    expect(r).toEqual({
      status: 400,
      error: {
        code: -32022,
        message: 'Unsupported protocol version',
        data: { supported: ALL_PROTOCOL_VERSIONS, requested: 'v9' },
      },
    });
  });

  it('checks Mcp-Method exactly and Mcp-Name after trimming (-32020)', () => {
    const p = { _meta: meta() };
    expect(
      rejection(checkStatelessRequest(headers({ 'mcp-method': undefined }), 'tools/list', p)).error
        .code,
    ).toBe(-32020);
    expect(
      rejection(checkStatelessRequest(headers({ 'mcp-method': 'TOOLS/LIST' }), 'tools/list', p))
        .error.code,
    ).toBe(-32020);
    expect(
      isRejection(
        checkStatelessRequest(headers({ 'mcp-method': ' tools/list ' }), 'tools/list', p),
      ),
    ).toBe(false);
    const call = { name: 'get_quote', _meta: meta() };
    const h = (name?: string) =>
      headers({ 'mcp-method': 'tools/call', ...(name === undefined ? {} : { 'mcp-name': name }) });
    expect(isRejection(checkStatelessRequest(h('  get_quote '), 'tools/call', call))).toBe(false);
    expect(rejection(checkStatelessRequest(h(), 'tools/call', call)).error.code).toBe(-32020);
    expect(rejection(checkStatelessRequest(h('other'), 'tools/call', call)).error.code).toBe(
      -32020,
    );
    const read = { uri: 'stock://AAPL', _meta: meta() };
    const hr = headers({ 'mcp-method': 'resources/read', 'mcp-name': 'stock://MSFT' });
    expect(rejection(checkStatelessRequest(hr, 'resources/read', read)).error.code).toBe(-32020);
  });
});
