import { describe, expect, it } from 'vitest';
import { AuditKind, subjects, subjectToken } from './subjects.js';
import { ErrorCode, GatewayError, type ErrorData } from './errors.js';
import { isSupportedProtocolVersion, LATEST_PROTOCOL_VERSION } from './mcp.js';

describe('subjects', () => {
  it('follow the grammar', () => {
    expect(subjects.toolServiceCall('stockpulse')).toBe('mcpgw.rpc.tool.call.stockpulse');
    expect(subjects.sessionOut('abc123')).toBe('mcpgw.session.abc123.out');
    expect(subjects.audit(AuditKind.Call)).toBe('mcpgw.audit.call');
    expect(subjects.adminKeys('revoke')).toBe('mcpgw.rpc.admin.keys.revoke');
  });

  it.each(['a.b', '*', '>', 'has space', '', 'x'.repeat(129), 'ünï'])(
    'refuse %j as a token',
    (bad) => {
      expect(() => subjectToken(bad)).toThrow(TypeError);
      expect(() => subjects.sessionOut(bad)).toThrow(TypeError);
    },
  );
});

describe('GatewayError', () => {
  it('derives retryable from the code and survives the bus round trip', () => {
    const e = new GatewayError(ErrorCode.Unavailable, 'down', { details: { subject: 's' } });
    expect(e.retryable).toBe(true);
    expect(new GatewayError(ErrorCode.InvalidParams, 'x').retryable).toBe(false);
    const back = GatewayError.fromData(JSON.parse(JSON.stringify(e.toData())) as ErrorData);
    expect(back).toBeInstanceOf(GatewayError);
    expect(back.toData()).toEqual({
      code: 'unavailable',
      message: 'down',
      retryable: true,
      details: { subject: 's' },
    });
  });

  it('wraps foreign errors as internal, keeping the cause', () => {
    const cause = new Error('boom');
    const g = GatewayError.from(cause);
    expect(g.code).toBe(ErrorCode.Internal);
    expect(g.cause).toBe(cause);
    expect(GatewayError.from(g)).toBe(g);
  });
});

describe('protocol versions', () => {
  it('knows the revisions it speaks', () => {
    expect(isSupportedProtocolVersion(LATEST_PROTOCOL_VERSION)).toBe(true);
    expect(isSupportedProtocolVersion('2024-11-05')).toBe(true);
    expect(isSupportedProtocolVersion('1999-01-01')).toBe(false);
  });
});
