import { describe, expect, it } from 'vitest';
import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import { RpcError } from './json-rpc.js';
import { statelessError, statelessResult } from './stateless-results.js';
import { honoredFilter } from './stateless-listen.js';

const info = { name: 'gw', version: '1' };
const SERVER_INFO = 'io.modelcontextprotocol/serverInfo';

describe('statelessResult', () => {
  it('marks results complete, names the server, and hints caching on lists and reads', () => {
    expect(statelessResult('tools/list', { tools: [] }, info)).toEqual({
      tools: [],
      resultType: 'complete',
      ttlMs: 30_000,
      cacheScope: 'private',
      _meta: { [SERVER_INFO]: info },
    });
    const read = statelessResult('resources/read', { contents: [] }, info);
    expect([read['ttlMs'], read['cacheScope']]).toEqual([0, 'private']);
    const call = statelessResult('tools/call', { content: [], _meta: { a: 1 } }, info);
    expect(call).toEqual({
      content: [],
      resultType: 'complete',
      _meta: { a: 1, [SERVER_INFO]: info },
    });
  });

  it("keeps a worker's own valid hints and replaces invalid ones", () => {
    const r = statelessResult(
      'resources/read',
      { contents: [], ttlMs: 5000, cacheScope: 'public' },
      info,
    );
    expect([r['ttlMs'], r['cacheScope']]).toEqual([5000, 'public']);
    const bad = statelessResult(
      'resources/read',
      { contents: [], ttlMs: -1, cacheScope: 'x' },
      info,
    );
    expect([bad['ttlMs'], bad['cacheScope']]).toEqual([0, 'private']);
  });

  it('passes input_required on the methods that may ask, without the complete-only fields', () => {
    const asked = {
      content: [],
      resultType: 'input_required',
      inputRequests: { k: { method: 'roots/list', params: {} } },
      requestState: 's',
    };
    expect(statelessResult('tools/call', asked, info)).toEqual({
      resultType: 'input_required',
      inputRequests: { k: { method: 'roots/list', params: {} } },
      requestState: 's',
      _meta: { [SERVER_INFO]: info },
    });
    expect(statelessResult('prompts/get', asked, info)['resultType']).toBe('input_required');
    // Any other method never says input_required.
    const list = statelessResult('tools/list', { tools: [], ...asked }, info);
    expect(list['resultType']).toBe('complete');
    expect(list).not.toHaveProperty('inputRequests');
    expect(list).not.toHaveProperty('requestState');
  });
});

describe('statelessError', () => {
  it('turns a question the client cannot answer into -32021 naming the capability', () => {
    const err = new GatewayError(ErrorCode.Forbidden, 'no sampling', {
      details: { method: 'sampling/createMessage' },
    });
    expect(statelessError(err)).toEqual({
      status: 400,
      error: {
        code: -32021,
        message: 'no sampling',
        data: { requiredCapabilities: { sampling: {} } },
      },
    });
    const explicit = new GatewayError(ErrorCode.Forbidden, 'no url', {
      details: { requiredCapabilities: { elicitation: { url: {} } } },
    });
    expect(statelessError(explicit).error.data).toEqual({
      requiredCapabilities: { elicitation: { url: {} } },
    });
  });

  it('answers an unknown method with 404 and other errors with 200', () => {
    expect(statelessError(new RpcError(-32601, 'nope')).status).toBe(404);
    const other = statelessError(new GatewayError(ErrorCode.Forbidden, 'denied'));
    expect(other.status).toBe(200);
    expect(other.error.code).not.toBe(-32021);
    expect(statelessError(new GatewayError(ErrorCode.InvalidParams, 'bad')).error.code).toBe(
      -32602,
    );
  });
});

describe('honoredFilter', () => {
  const caps = { tools: { listChanged: true }, resources: { subscribe: true }, prompts: {} };

  it('keeps only what was asked and what the capabilities promise', () => {
    expect(
      honoredFilter(
        {
          toolsListChanged: true,
          promptsListChanged: true,
          resourcesListChanged: true,
          resourceSubscriptions: ['a', 'a', '', 3, 'b'],
        },
        caps,
      ),
    ).toEqual({ toolsListChanged: true, resourceSubscriptions: ['a', 'b'] });
    expect(honoredFilter({ toolsListChanged: false }, caps)).toEqual({});
    expect(honoredFilter({ resourceSubscriptions: ['a'] }, { resources: {} })).toEqual({});
  });

  it('refuses a filter that is not an object', () => {
    for (const f of [undefined, null, [], 'x']) expect(honoredFilter(f, caps)).toBeNull();
  });
});
