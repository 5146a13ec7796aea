import { describe, expect, it } from 'vitest';
import { compileSchema } from '@stockpulse/schemas';
import { buildOperationInput, buildOperationOutput } from './operation-input.js';
import type { JsonObject } from './openapi-document.js';

const components = {
  parameters: {
    Limit: { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1 } },
  },
  requestBodies: {
    Order: {
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } },
    },
  },
  schemas: {
    Money: { type: 'string', pattern: '^\\d+\\.\\d{2}$' },
    Order: {
      type: 'object',
      required: ['symbol', 'limitPrice'],
      properties: {
        symbol: { type: 'string' },
        limitPrice: { $ref: '#/components/schemas/Money' },
      },
    },
    Node: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
      },
    },
  },
};

function doc(openapi = '3.1.0'): JsonObject {
  return { openapi, info: { title: 't', version: '1' }, paths: {}, components };
}

describe('buildOperationInput', () => {
  it('makes path, query and header parameters properties; path ones are required', () => {
    const input = buildOperationInput(
      doc(),
      { parameters: [{ name: 'symbol', in: 'path', schema: { type: 'string' } }] },
      {
        parameters: [
          { $ref: '#/components/parameters/Limit' },
          { name: 'X-Trace', in: 'header', description: 'trace id', schema: { type: 'string' } },
        ],
      },
      '#/paths/~1x/get',
    )!;
    expect(input.inputSchema).toEqual({
      type: 'object',
      properties: {
        symbol: { type: 'string' },
        limit: { type: 'integer', minimum: 1 },
        'X-Trace': { type: 'string', description: 'trace id' },
      },
      required: ['symbol'],
      additionalProperties: false,
    });
    expect(input.bindings.map((b) => `${b.in}:${b.name}->${b.argument}`)).toEqual([
      'path:symbol->symbol',
      'query:limit->limit',
      'header:X-Trace->X-Trace',
    ]);
  });

  it("lets an operation's parameter override the path item's, and prefixes a clashing name", () => {
    const input = buildOperationInput(
      doc(),
      { parameters: [{ name: 'id', in: 'query', schema: { type: 'string' } }] },
      {
        parameters: [
          { name: 'id', in: 'query', required: true, schema: { type: 'integer' } },
          { name: 'id', in: 'header', schema: { type: 'string' } },
        ],
      },
      '#',
    )!;
    expect(input.inputSchema['properties']).toEqual({
      id: { type: 'integer' },
      header_id: { type: 'string' },
    });
    expect(input.inputSchema['required']).toEqual(['id']);
  });

  it('puts a JSON request body under `body`, its $refs resolved into $defs', () => {
    const input = buildOperationInput(
      doc(),
      {},
      { requestBody: { $ref: '#/components/requestBodies/Order' } },
      '#',
    )!;
    expect(input.bodyMediaType).toBe('application/json');
    expect(input.inputSchema).toEqual({
      type: 'object',
      properties: { body: { $ref: '#/$defs/Order' } },
      required: ['body'],
      additionalProperties: false,
      $defs: {
        Order: {
          type: 'object',
          required: ['symbol', 'limitPrice'],
          properties: { symbol: { type: 'string' }, limitPrice: { $ref: '#/$defs/Money' } },
        },
        Money: { type: 'string', pattern: '^\\d+\\.\\d{2}$' },
      },
    });
    const check = compileSchema(input.inputSchema);
    expect(check({ body: { symbol: 'AAPL', limitPrice: '10.00' } })).toEqual({ ok: true });
    expect(check({ body: { symbol: 'AAPL', limitPrice: '10' } }).ok).toBe(false);
  });

  it('keeps a recursive schema finite', () => {
    const input = buildOperationInput(
      doc(),
      {},
      {
        requestBody: {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } },
        },
      },
      '#',
    )!;
    const defs = input.inputSchema['$defs'] as JsonObject;
    expect(Object.keys(defs)).toEqual(['Node']);
    const check = compileSchema(input.inputSchema);
    expect(check({ body: { name: 'a', children: [{ name: 'b', children: [] }] } })).toEqual({
      ok: true,
    });
    expect(check({ body: { children: [{ name: 1 }] } }).ok).toBe(false);
  });

  it('refuses remote and dangling $refs with where they are', () => {
    expect(() =>
      buildOperationInput(
        doc(),
        {},
        { parameters: [{ $ref: 'https://example.com/params.json#/Limit' }] },
        '#/paths/~1x/get',
      ),
    ).toThrow(
      /remote \$ref "https:\/\/example.com\/params.json#\/Limit" is not supported.*#\/paths\/~1x\/get/,
    );
    expect(() =>
      buildOperationInput(
        doc(),
        {},
        { parameters: [{ name: 'a', in: 'query', schema: { $ref: 'other.yaml#/A' } }] },
        '#',
      ),
    ).toThrow(/remote \$ref/);
    expect(() =>
      buildOperationInput(
        doc(),
        {},
        { parameters: [{ $ref: '#/components/parameters/Nope' }] },
        '#',
      ),
    ).toThrow(/points at nothing/);
  });

  it('translates OpenAPI 3.0 nullable and boolean exclusive bounds', () => {
    const input = buildOperationInput(
      doc('3.0.3'),
      {},
      {
        parameters: [
          { name: 'note', in: 'query', schema: { type: 'string', nullable: true, example: 'x' } },
          {
            name: 'qty',
            in: 'query',
            schema: { type: 'number', minimum: 0, exclusiveMinimum: true },
          },
          { name: 'side', in: 'query', schema: { type: 'string', enum: ['buy'], nullable: true } },
        ],
      },
      '#',
    )!;
    expect(input.inputSchema['properties']).toEqual({
      note: { type: ['string', 'null'], examples: ['x'] },
      qty: { type: 'number', exclusiveMinimum: 0 },
      side: { type: ['string', 'null'], enum: ['buy', null] },
    });
  });

  it('skips an operation whose required body is not JSON, and drops an optional one', () => {
    const form = { content: { 'multipart/form-data': { schema: { type: 'object' } } } };
    expect(buildOperationInput(doc(), {}, { requestBody: { ...form, required: true } }, '#')).toBe(
      null,
    );
    expect(buildOperationInput(doc(), {}, { requestBody: form }, '#')!.bindings).toEqual([]);
  });
});

describe('buildOperationOutput', () => {
  it('is the first 2xx JSON object schema, its root $ref inlined', () => {
    const out = buildOperationOutput(
      doc(),
      {
        responses: {
          '404': { description: 'no' },
          '201': {
            content: {
              'application/problem+json': { schema: { $ref: '#/components/schemas/Order' } },
            },
          },
          '202': { content: { 'application/json': { schema: { type: 'string' } } } },
        },
      },
      '#',
    );
    expect(out).toEqual({
      type: 'object',
      required: ['symbol', 'limitPrice'],
      properties: { symbol: { type: 'string' }, limitPrice: { $ref: '#/$defs/Money' } },
      $defs: { Money: { type: 'string', pattern: '^\\d+\\.\\d{2}$' } },
    });
  });

  it('is undefined for an array, a non-JSON or a missing 2xx response', () => {
    const array = { content: { 'application/json': { schema: { type: 'array' } } } };
    expect(buildOperationOutput(doc(), { responses: { '200': array } }, '#')).toBeUndefined();
    const text = { content: { 'text/plain': { schema: { type: 'object' } } } };
    expect(buildOperationOutput(doc(), { responses: { '200': text } }, '#')).toBeUndefined();
    expect(buildOperationOutput(doc(), { responses: { default: {} } }, '#')).toBeUndefined();
  });
});
