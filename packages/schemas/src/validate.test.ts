import { describe, expect, it } from 'vitest';
import {
  AuditKind,
  ErrorCode,
  GatewayError,
  type AuditEvent,
  type SessionRecord,
  type ToolCallRequest,
  type ToolManifest,
  type VerifyRequest,
} from '@stockpulse/protocol';
import { loadSchemaFile } from './schema-files.js';
import { SchemaName } from './schema-name.js';
import { validate, validatorFor } from './validate.js';

/** Keys of T that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** A list of keys that must name every member of U (checked by the compiler). */
function exactly<U extends string>() {
  return <L extends readonly U[]>(...keys: L & ([U] extends [L[number]] ? unknown : never)) =>
    [...keys].sort();
}

interface KeyCreateRequest {
  readonly name: string;
  readonly scopes?: readonly string[];
}

const hash = (c: string) => c.repeat(64);

const auditEvent: AuditEvent = {
  id: 'evt_1',
  at: '2026-01-02T03:04:05.678Z',
  producer: 'edge-1',
  seq: 1,
  prevHash: hash('0'),
  hash: hash('a'),
  kind: AuditKind.Call,
  action: 'tools/call',
  outcome: 'ok',
  principalId: 'key_1',
  sessionId: 'sess_1',
  requestId: 'req_1',
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  target: 'get_quote',
  durationMs: 1.5,
  errorCode: 'internal',
  data: { symbol: 'ACME' },
};

const manifest: ToolManifest = {
  service: 'stockpulse-tools',
  version: '1.2.0',
  announcedAt: '2026-01-02T03:04:05Z',
  tools: [
    {
      name: 'get_quote',
      title: 'Get quote',
      description: 'Latest quote',
      inputSchema: { type: 'object', properties: { symbol: { type: 'string' } } },
      outputSchema: { type: 'object' },
      annotations: { readOnlyHint: true },
    },
  ],
};

const callRequest: ToolCallRequest = {
  name: 'get_quote',
  arguments: { symbol: 'ACME' },
  progressToken: 7,
};
const verifyRequest: VerifyRequest = { credential: 'spk_abc' };
const keyCreate: KeyCreateRequest = { name: 'ci', scopes: ['tools:read'] };
const session: SessionRecord = {
  id: 'sess_1',
  protocolVersion: '2025-11-25',
  principalId: 'key_1',
  clientInfo: { name: 'inspector', version: '0.1.0' },
  clientCapabilities: { sampling: {} },
  createdAt: '2026-01-02T03:04:05.000Z',
};

/** Per schema: a valid sample, invalid variants, and the TS type's keys (all, then required). */
const cases = [
  {
    name: SchemaName.AuditEvent,
    valid: [auditEvent, { ...auditEvent, principalId: undefined, data: undefined, seq: 2 }],
    invalid: [
      { ...auditEvent, kind: 'other' },
      { ...auditEvent, outcome: 'maybe' },
      { ...auditEvent, seq: 0 },
      { ...auditEvent, hash: 'abc' },
      { ...auditEvent, at: 'yesterday' },
      { ...auditEvent, extra: true },
    ],
    keys: exactly<keyof AuditEvent>()(
      'id',
      'at',
      'producer',
      'seq',
      'prevHash',
      'hash',
      'kind',
      'action',
      'outcome',
      'principalId',
      'sessionId',
      'requestId',
      'traceId',
      'target',
      'durationMs',
      'errorCode',
      'data',
    ),
    required: exactly<RequiredKeys<AuditEvent>>()(
      'id',
      'at',
      'producer',
      'seq',
      'prevHash',
      'hash',
      'kind',
      'action',
      'outcome',
    ),
  },
  {
    name: SchemaName.ToolManifest,
    valid: [manifest, { ...manifest, tools: [] }],
    invalid: [
      { ...manifest, service: 'has.dot' },
      { ...manifest, tools: [{ name: 'x' }] },
      { ...manifest, tools: [{ name: 'x', inputSchema: { type: 'string' } }] },
      { ...manifest, announcedAt: undefined },
    ],
    keys: exactly<keyof ToolManifest>()(
      'service',
      'version',
      'tools',
      'resources',
      'resourceTemplates',
      'prompts',
      'announcedAt',
    ),
    required: exactly<RequiredKeys<ToolManifest>>()('service', 'version', 'tools', 'announcedAt'),
  },
  {
    name: SchemaName.ToolCallRequest,
    valid: [
      callRequest,
      { name: 'get_quote', arguments: {}, progressToken: 'p1' },
      { ...callRequest, progressToken: 0.5 },
    ],
    invalid: [
      { name: 'get_quote' },
      { name: '', arguments: {} },
      { name: 'x', arguments: [] },
      { name: 'x', arguments: {}, progressToken: true },
    ],
    keys: exactly<keyof ToolCallRequest>()(
      'name',
      'arguments',
      'progressToken',
      'inputResponses',
      'requestState',
    ),
    required: exactly<RequiredKeys<ToolCallRequest>>()('name', 'arguments'),
  },
  {
    name: SchemaName.VerifyRequest,
    valid: [verifyRequest],
    invalid: [{}, { credential: '' }, { credential: 1 }, { credential: 'x', other: 1 }],
    keys: exactly<keyof VerifyRequest>()('credential'),
    required: exactly<RequiredKeys<VerifyRequest>>()('credential'),
  },
  {
    name: SchemaName.KeyCreateRequest,
    valid: [keyCreate, { name: 'no scopes' }, { name: 'x'.repeat(100), scopes: [] }],
    invalid: [
      {},
      { name: '' },
      { name: 'x'.repeat(101) },
      { name: 'n', scopes: 'admin' },
      { name: 'n', scopes: [1] },
    ],
    keys: exactly<keyof KeyCreateRequest>()('name', 'scopes'),
    required: exactly<RequiredKeys<KeyCreateRequest>>()('name'),
  },
  {
    name: SchemaName.Session,
    valid: [session, { ...session, clientInfo: null, clientCapabilities: {} }],
    invalid: [
      { ...session, id: 'a.b' },
      { ...session, clientInfo: { name: 'x' } },
      { ...session, clientInfo: undefined },
      { ...session, createdAt: 5 },
      { ...session, transport: 'carrier-pigeon' },
      { ...session, logLevel: 'loud' },
    ],
    keys: exactly<keyof SessionRecord>()(
      'id',
      'protocolVersion',
      'principalId',
      'clientInfo',
      'clientCapabilities',
      'createdAt',
      'transport',
      'logLevel',
    ),
    required: exactly<RequiredKeys<SessionRecord>>()(
      'id',
      'protocolVersion',
      'principalId',
      'clientInfo',
      'clientCapabilities',
      'createdAt',
    ),
  },
];

/** JSON round trip, as payloads arrive from the bus (undefined members disappear). */
const wire = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('bus schemas', () => {
  it('has a case for every schema name', () => {
    expect(cases.map((c) => c.name).sort()).toEqual(Object.values(SchemaName).sort());
  });

  describe.each(cases)('$name', ({ name, valid, invalid, keys, required }) => {
    it('has an $id and properties and required lists matching the TS type', () => {
      const schema = loadSchemaFile(name);
      expect(schema['$id']).toBe(`urn:stockpulse:schemas:${name}`);
      expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema['additionalProperties']).toBe(false);
      expect(Object.keys(schema['properties'] as object).sort()).toEqual(keys);
      expect([...(schema['required'] as string[])].sort()).toEqual(required);
    });

    it('accepts valid samples and returns them as they are', () => {
      for (const sample of valid.map(wire)) expect(validate(name, sample)).toBe(sample);
    });

    it('rejects invalid samples with invalid_params and the ajv errors', () => {
      for (const sample of invalid.map(wire)) {
        let caught: unknown;
        try {
          validate(name, sample);
        } catch (err) {
          caught = err;
        }
        expect(caught, JSON.stringify(sample)).toBeInstanceOf(GatewayError);
        const err = caught as GatewayError;
        expect(err.code).toBe(ErrorCode.InvalidParams);
        expect(err.retryable).toBe(false);
        expect(err.details?.['schema']).toBe(name);
        expect(err.details?.['errors']).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              keyword: expect.any(String),
              instancePath: expect.any(String),
            }),
          ]),
        );
      }
      expect(() => validate(name, null)).toThrow(GatewayError);
    });
  });

  it('matches the audit kinds of the protocol', () => {
    const kind = (
      loadSchemaFile(SchemaName.AuditEvent)['properties'] as Record<string, { enum: string[] }>
    )['kind'];
    expect(kind?.enum.sort()).toEqual(Object.values(AuditKind).sort());
  });

  it('says what is wrong in the message', () => {
    expect(() => validate(SchemaName.KeyCreateRequest, { scopes: [] })).toThrow(
      'invalid auth/key-create-request.v1: /name is required',
    );
  });

  it('compiles each schema once and reuses the validator', () => {
    const first = validatorFor(SchemaName.ToolCallRequest);
    validate(SchemaName.ToolCallRequest, callRequest);
    expect(validatorFor(SchemaName.ToolCallRequest)).toBe(first);
  });

  it('validates fast once compiled', () => {
    validate(SchemaName.ToolCallRequest, callRequest);
    const rounds = 20_000;
    const started = performance.now();
    for (let i = 0; i < rounds; i++) validate(SchemaName.ToolCallRequest, callRequest);
    const perCallMs = (performance.now() - started) / rounds;
    // A recompile costs milliseconds; a compiled check costs well under a microsecond.
    expect(perCallMs).toBeLessThan(0.05);
  });
});
