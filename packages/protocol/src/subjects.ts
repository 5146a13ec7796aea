/**
 * Subject builders: the only place a NATS subject is spelled. Grammar:
 * `mcpgw.rpc.<domain>.<action>[.<target>]` (request/reply), `mcpgw.evt.<domain>.<event>` (JetStream
 * events), `mcpgw.audit.<kind>` (the audit stream), `mcpgw.session.<id>.out` (messages for one
 * client session). Tool names and resource URIs never go into a subject; they travel in payloads.
 */

/** Root token of every subject the gateway uses. */
export const SUBJECT_ROOT = 'mcpgw';

const TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

/** Checks that a value is safe as one subject token (no `.`, `*`, `>` or whitespace). */
export function subjectToken(value: string): string {
  if (!TOKEN.test(value)) {
    throw new TypeError(`not a valid subject token: ${JSON.stringify(value)}`);
  }
  return value;
}

/** Audit event kinds; each is one subject under `mcpgw.audit`. */
export const AuditKind = {
  Call: 'call',
  Admin: 'admin',
  Auth: 'auth',
} as const;
export type AuditKind = (typeof AuditKind)[keyof typeof AuditKind];

/** All subjects of the bus contract. */
export const subjects = {
  /** Verify a credential (auth worker, queue group). */
  authVerify: () => `${SUBJECT_ROOT}.rpc.auth.verify`,
  /** API key administration (auth worker). */
  adminKeys: (action: 'create' | 'revoke' | 'list') =>
    `${SUBJECT_ROOT}.rpc.admin.keys.${subjectToken(action)}`,
  /** Paper-trading account administration (the tool role that holds the ledger). */
  adminAccounts: (action: 'show' | 'kill-switch' | 'limits' | 'grant' | 'revoke-grant') =>
    `${SUBJECT_ROOT}.rpc.admin.accounts.${subjectToken(action)}`,
  /** tools/call routed through the router worker (router-in-path mode). */
  toolsCall: () => `${SUBJECT_ROOT}.rpc.tools.call`,
  /** tools/call executed by one tool service (queue group per service). */
  toolServiceCall: (serviceId: string) =>
    `${SUBJECT_ROOT}.rpc.tool.call.${subjectToken(serviceId)}`,
  /** Wildcard over every tool service's call subject. */
  toolServiceCallAll: () => `${SUBJECT_ROOT}.rpc.tool.call.*`,
  /** resources/read, prompts/get and completion/complete served by one service (queue group). */
  serviceRequest: (serviceId: string) => `${SUBJECT_ROOT}.rpc.service.${subjectToken(serviceId)}`,
  /** A client's answer to the server-to-client request `requestId` of a session. */
  sessionReply: (sessionId: string, requestId: string) =>
    `${SUBJECT_ROOT}.session.${subjectToken(sessionId)}.reply.${subjectToken(requestId)}`,
  /** Messages for one client session (notifications, server-to-client requests). */
  sessionOut: (sessionId: string) => `${SUBJECT_ROOT}.session.${subjectToken(sessionId)}.out`,
  /** Every session's messages. */
  sessionOutAll: () => `${SUBJECT_ROOT}.session.*.out`,
  /** One audit event of a kind. */
  audit: (kind: AuditKind) => `${SUBJECT_ROOT}.audit.${subjectToken(kind)}`,
  /** Every audit subject. */
  auditAll: () => `${SUBJECT_ROOT}.audit.>`,
  /** An API key was revoked; edges drop cached principals for it. */
  keyRevoked: () => `${SUBJECT_ROOT}.evt.auth.key-revoked`,
  /** A client cancelled one of its requests; every tool service instance hears it. */
  requestCancelled: () => `${SUBJECT_ROOT}.evt.session.cancelled`,
  /**
   * A resource changed (payload `{ uri }`); subscribed sessions get
   * notifications/resources/updated. Core NATS only: updates can be frequent (live quotes) and a
   * client re-reads the resource anyway, so they are not kept.
   */
  resourceUpdated: () => `${SUBJECT_ROOT}.notify.resource.updated`,
  /** A live price tick of one symbol (core NATS, not kept); `*` for every symbol. */
  marketTick: (symbolToken: string) =>
    `${SUBJECT_ROOT}.market.tick.${symbolToken === '*' ? '*' : subjectToken(symbolToken)}`,
  /** The routing table changed what clients can list (payload `{ kinds, revision }`). */
  registryChanged: () => `${SUBJECT_ROOT}.evt.registry.changed`,
  /** Every event subject. */
  eventsAll: () => `${SUBJECT_ROOT}.evt.>`,
} as const;
