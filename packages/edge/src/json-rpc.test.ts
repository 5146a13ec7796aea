import { describe, expect, it } from 'vitest';
import { ErrorCode, GatewayError, JsonRpcErrorCode, type ErrorData } from '@stockpulse/protocol';
import { RpcError, classify, rpcError, rpcResult, toJsonRpcError } from './json-rpc.js';

/** What classify threw, or fails the test when it threw nothing. */
function thrownBy(value: unknown): unknown {
  try {
    classify(value);
  } catch (err) {
    return err;
  }
  throw new Error(`classify accepted ${JSON.stringify(value)}`);
}

describe('classify', () => {
  it('accepts requests with string or number ids, params defaulting to {}', () => {
    expect(classify({ jsonrpc: '2.0', id: 1, method: 'tools/list' })).toEqual({
      kind: 'request',
      id: 1,
      method: 'tools/list',
      params: {},
    });
    const params = { name: 'get_quote', arguments: { symbol: 'ACME' } };
    const r = classify({ jsonrpc: '2.0', id: 'abc', method: 'tools/call', params });
    expect(r).toEqual({ kind: 'request', id: 'abc', method: 'tools/call', params });
    for (const id of [0, -7, 2.5, '', 'x'.repeat(200)]) {
      expect(classify({ jsonrpc: '2.0', id, method: 'ping' })).toMatchObject({
        kind: 'request',
        id,
      });
    }
  });

  it('accepts notifications (no id)', () => {
    expect(classify({ jsonrpc: '2.0', method: 'notifications/initialized' })).toEqual({
      kind: 'notification',
      method: 'notifications/initialized',
      params: {},
    });
    expect(
      classify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 3 } }),
    ).toEqual({
      kind: 'notification',
      method: 'notifications/cancelled',
      params: { requestId: 3 },
    });
  });

  it('accepts responses, results and errors alike', () => {
    expect(classify({ jsonrpc: '2.0', id: 4, result: { roots: [] } })).toEqual({
      kind: 'response',
      id: 4,
      result: { roots: [] },
    });
    expect(classify({ jsonrpc: '2.0', id: 's', result: null })).toEqual({
      kind: 'response',
      id: 's',
    });
    expect(classify({ jsonrpc: '2.0', id: 5, error: { code: -32601, message: 'nope' } })).toEqual({
      kind: 'response',
      id: 5,
      error: { code: -32601, message: 'nope' },
    });
  });

  it.each([
    ['null', null],
    ['a number', 1],
    ['a string', '{"jsonrpc":"2.0"}'],
    ['an array (a batch is split before classify)', [{ jsonrpc: '2.0', id: 1, method: 'ping' }]],
    ['a missing jsonrpc', { id: 1, method: 'ping' }],
    ['jsonrpc 1.0', { jsonrpc: '1.0', id: 1, method: 'ping' }],
    ['jsonrpc as a number', { jsonrpc: 2.0, id: 1, method: 'ping' }],
    ['a null id', { jsonrpc: '2.0', id: null, method: 'ping' }],
    ['a boolean id', { jsonrpc: '2.0', id: true, method: 'ping' }],
    ['an object id', { jsonrpc: '2.0', id: {}, method: 'ping' }],
    ['an array id', { jsonrpc: '2.0', id: [1], method: 'ping' }],
    ['a non-finite id', { jsonrpc: '2.0', id: Infinity, method: 'ping' }],
    ['array params', { jsonrpc: '2.0', id: 1, method: 'tools/call', params: ['get_quote'] }],
    ['string params', { jsonrpc: '2.0', id: 1, method: 'tools/call', params: 'x' }],
    ['null params', { jsonrpc: '2.0', method: 'notifications/x', params: null }],
    ['a non-string method', { jsonrpc: '2.0', id: 1, method: 42 }],
    ['neither method nor result', { jsonrpc: '2.0', id: 1 }],
    ['a response without id', { jsonrpc: '2.0', result: {} }],
    [
      'an error response with a bad id',
      { jsonrpc: '2.0', id: false, error: { code: 1, message: 'x' } },
    ],
  ])('rejects %s with -32600', (_what, value) => {
    const err = thrownBy(value);
    expect(err).toBeInstanceOf(RpcError);
    expect((err as RpcError).code).toBe(JsonRpcErrorCode.InvalidRequest);
    expect((err as RpcError).code).toBe(-32600);
  });
});

describe('classify on random JSON', () => {
  /** mulberry32: a tiny seeded PRNG, so a failure can be replayed. */
  function rng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const KEYS = [
    'jsonrpc',
    'id',
    'method',
    'params',
    'result',
    'error',
    '__proto__',
    'constructor',
    'toString',
    'x',
    '',
  ];
  const STRINGS = [
    '',
    '2.0',
    '1.0',
    'ping',
    'tools/call',
    'notifications/initialized',
    '__proto__',
    'ü∑',
    '\u0000',
  ];

  function gen(next: () => number, depth: number): unknown {
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const r = next();
    if (depth <= 0 || r < 0.35) {
      return pick<() => unknown>([
        () => null,
        () => next() < 0.5,
        () => Math.floor(next() * 2000) - 1000,
        () => (next() - 0.5) * 1e6,
        () => pick(STRINGS),
      ])();
    }
    if (r < 0.5) return Array.from({ length: Math.floor(next() * 4) }, () => gen(next, depth - 1));
    if (r < 0.7) {
      return Object.fromEntries(
        Array.from({ length: Math.floor(next() * 5) }, () => [pick(KEYS), gen(next, depth - 1)]),
      );
    }
    // Shaped like a message, with each part right or wrong.
    const msg: Array<[string, unknown]> = [];
    if (next() < 0.9) msg.push(['jsonrpc', next() < 0.85 ? '2.0' : gen(next, 0)]);
    if (next() < 0.6) msg.push(['id', next() < 0.7 ? pick([1, 0, -3, 'a', '']) : gen(next, 1)]);
    if (next() < 0.7) msg.push(['method', next() < 0.8 ? pick(STRINGS) : gen(next, 1)]);
    if (next() < 0.5)
      msg.push(['params', next() < 0.6 ? { a: gen(next, depth - 1) } : gen(next, 1)]);
    if (next() < 0.25) msg.push(['result', gen(next, depth - 1)]);
    if (next() < 0.15) msg.push(['error', gen(next, depth - 1)]);
    return Object.fromEntries(msg);
  }

  const isPlainObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);

  it('only ever throws RpcError(-32600), and what it accepts is well formed', () => {
    const seen = { request: 0, notification: 0, response: 0, rejected: 0 };
    const next = rng(20260101);
    for (let i = 0; i < 5_000; i++) {
      // Through JSON text, as the edge receives it (own "__proto__" keys included).
      const value: unknown = JSON.parse(JSON.stringify(gen(next, 3)) ?? 'null');
      let out: ReturnType<typeof classify>;
      try {
        out = classify(value);
      } catch (err) {
        if (!(err instanceof RpcError) || err.code !== -32600) {
          throw new Error(`unexpected ${String(err)} for ${JSON.stringify(value)}`);
        }
        seen.rejected += 1;
        continue;
      }
      seen[out.kind] += 1;
      const context = JSON.stringify(value);
      expect(isPlainObject(value), context).toBe(true);
      const v = value as Record<string, unknown>;
      expect(v['jsonrpc'], context).toBe('2.0');
      if (out.kind === 'response') {
        expect(out.id, context).toBe(v['id']);
        expect('result' in v || 'error' in v, context).toBe(true);
        continue;
      }
      expect(out.method, context).toBe(v['method']);
      expect(isPlainObject(out.params), context).toBe(true);
      expect(out.params, context).toEqual(v['params'] ?? {});
      if (out.kind === 'request') {
        expect(typeof out.id === 'string' || Number.isFinite(out.id), context).toBe(true);
        expect(out.id, context).toBe(v['id']);
      } else {
        expect(v['id'], context).toBeUndefined();
      }
      expect(classify(value), context).toEqual(out);
    }
    // The generator reaches every outcome, so the property is not checked on rejections alone.
    expect(seen.request).toBeGreaterThan(100);
    expect(seen.notification).toBeGreaterThan(100);
    expect(seen.response).toBeGreaterThan(20);
    expect(seen.rejected).toBeGreaterThan(1_000);
  });
});

describe('toJsonRpcError', () => {
  const expected: Record<ErrorCode, number> = {
    [ErrorCode.BadRequest]: -32600,
    [ErrorCode.InvalidParams]: -32602,
    [ErrorCode.NotFound]: -32602,
    [ErrorCode.Unauthenticated]: -32055,
    [ErrorCode.Forbidden]: -32051,
    [ErrorCode.Conflict]: -32053,
    [ErrorCode.PayloadTooLarge]: -32054,
    [ErrorCode.RateLimited]: -32052,
    [ErrorCode.Unavailable]: -32050,
    [ErrorCode.DeadlineExceeded]: -32001,
    [ErrorCode.Internal]: -32603,
  };

  it.each(Object.values(ErrorCode))(
    'maps %s to its JSON-RPC code, with the code and retryable flag as data',
    (code) => {
      const err = new GatewayError(code, `something ${code}`);
      const out = toJsonRpcError(err);
      expect(Number.isInteger(out.code)).toBe(true);
      expect(out.code).toBe(expected[code]);
      expect(out.data).toEqual({ code, retryable: err.retryable });
      if (code !== ErrorCode.Internal) expect(out.message).toBe(`something ${code}`);
    },
  );

  it('covers every error code', () => {
    expect(Object.keys(expected).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('keeps details and a retryable flag that was set explicitly', () => {
    const err = new GatewayError(ErrorCode.NotFound, 'Unknown tool: x', {
      details: { tool: 'x' },
      retryable: true,
    });
    expect(toJsonRpcError(err)).toEqual({
      code: -32602,
      message: 'Unknown tool: x',
      data: { code: 'not_found', retryable: true, details: { tool: 'x' } },
    });
    expect(toJsonRpcError(new GatewayError(ErrorCode.Unavailable, 'down')).data).toEqual({
      code: 'unavailable',
      retryable: true,
    });
  });

  it('never lets the message or cause of an internal error through', () => {
    const secret = 'password=hunter2 at /srv/app/db.ts:42';
    const thrown: unknown[] = [
      new GatewayError(ErrorCode.Internal, secret, { cause: new Error(secret) }),
      new Error(secret),
      new TypeError(secret),
      secret,
      { message: secret },
      undefined,
      null,
    ];
    for (const t of thrown) {
      const out = toJsonRpcError(t);
      expect(out.code).toBe(JsonRpcErrorCode.InternalError);
      expect(out.message).toBe('internal error');
      expect(JSON.stringify(out)).not.toContain('hunter2');
      expect(out.data).toEqual({ code: 'internal', retryable: false });
    }
  });

  it('passes an RpcError through with its exact code, message and data', () => {
    expect(toJsonRpcError(new RpcError(-32700, 'Parse error'))).toEqual({
      code: -32700,
      message: 'Parse error',
    });
    expect(toJsonRpcError(new RpcError(-32601, 'Method not found: x', { method: 'x' }))).toEqual({
      code: -32601,
      message: 'Method not found: x',
      data: { method: 'x' },
    });
  });

  it('gives an error code from another version a valid JSON-RPC code', () => {
    const data = {
      code: 'quota_exceeded',
      message: 'over quota',
      retryable: false,
    } as unknown as ErrorData;
    const out = toJsonRpcError(GatewayError.fromData(data));
    expect(Number.isInteger(out.code)).toBe(true);
  });
});

describe('response builders', () => {
  it('build JSON-RPC 2.0 results and errors', () => {
    expect(rpcResult(7, { ok: 1 })).toEqual({ jsonrpc: '2.0', id: 7, result: { ok: 1 } });
    expect(rpcError(null, { code: -32700, message: 'Parse error' })).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'Parse error' },
    });
  });
});
