/**
 * Names of the bus payload schemas. A name is the schema's path under `/schemas` without
 * `.schema.json`; a breaking change gets a new version, and both live side by side.
 */
export const SchemaName = {
  AuditEvent: 'audit/event.v1',
  ToolManifest: 'registry/tool-manifest.v1',
  ToolCallRequest: 'tools/call-request.v1',
  VerifyRequest: 'auth/verify-request.v1',
  KeyCreateRequest: 'auth/key-create-request.v1',
  Session: 'session/session.v1',
} as const;
export type SchemaName = (typeof SchemaName)[keyof typeof SchemaName];
