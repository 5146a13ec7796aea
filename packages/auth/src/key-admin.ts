import { AuditKind, ErrorCode, GatewayError, type CreatedKey } from '@stockpulse/protocol';
import type { ApiKeyListing, ApiKeyRepository } from '@stockpulse/db';
import { createKeyMaterial, displayPrefix, hashCredential } from './key-material.js';

/** Records an admin event durably (acknowledged before the caller gets its answer). */
export type DurableAudit = (input: {
  kind: typeof AuditKind.Admin;
  action: string;
  outcome: 'ok' | 'error';
  target?: string;
  principalId?: string;
  data?: Record<string, unknown>;
}) => Promise<void>;

/** Scope that grants key administration and every tool. */
export const ADMIN_SCOPE = 'admin';

/** Id of the key given by the bootstrap environment variable. */
export const BOOTSTRAP_KEY_ID = 'key_bootstrap_admin';

/** Creates, revokes and lists API keys; every change is audited before it is answered. */
export interface KeyAdmin {
  create(input: { name: string; scopes?: readonly string[] }, actor?: string): Promise<CreatedKey>;
  revoke(id: string, actor?: string): Promise<{ id: string; revokedAt: string }>;
  /** Every key, revoked ones included, with when each was last used; never a secret. */
  list(): Promise<ApiKeyListing[]>;
  /** Registers the bootstrap admin key (idempotent). */
  ensureBootstrapKey(key: string): Promise<void>;
}

/** Builds the key administration over the key repository. */
export function createKeyAdmin(keys: ApiKeyRepository, audit: DurableAudit): KeyAdmin {
  return {
    async create({ name, scopes = [] }, actor) {
      const m = createKeyMaterial();
      await keys.insert({
        id: m.id,
        name,
        prefix: m.prefix,
        keyHash: m.keyHash,
        scopes: [...scopes],
      });
      await audit({
        kind: AuditKind.Admin,
        action: 'key.create',
        outcome: 'ok',
        target: m.id,
        principalId: actor,
        data: { name, scopes },
      });
      return { id: m.id, name, scopes: [...scopes], key: m.key };
    },
    async revoke(id, actor) {
      const done = await keys.revoke(id);
      if (!done) throw new GatewayError(ErrorCode.NotFound, `no active key with id ${id}`);
      await audit({
        kind: AuditKind.Admin,
        action: 'key.revoke',
        outcome: 'ok',
        target: id,
        principalId: actor,
      });
      return { id, revokedAt: new Date().toISOString() };
    },
    list: () => keys.list(),
    async ensureBootstrapKey(key) {
      if (key.length < 24) {
        throw new GatewayError(
          ErrorCode.InvalidParams,
          'the bootstrap admin key must be at least 24 characters',
        );
      }
      const keyHash = hashCredential(key);
      if (await keys.findActiveByHash(keyHash)) return;
      try {
        await keys.insert({
          id: `${BOOTSTRAP_KEY_ID}_${keyHash.slice(0, 8)}`,
          name: 'bootstrap admin',
          prefix: displayPrefix(key),
          keyHash,
          scopes: [ADMIN_SCOPE],
        });
      } catch (err) {
        // Another replica registered it first; a revoked bootstrap key stays revoked.
        if (err instanceof GatewayError && err.code === ErrorCode.Conflict) {
          if (await keys.findActiveByHash(keyHash)) return;
          throw new GatewayError(
            ErrorCode.Conflict,
            'the bootstrap admin key was revoked; set a new MCPGW_ADMIN_KEY',
            { cause: err },
          );
        }
        throw err;
      }
      await audit({
        kind: AuditKind.Admin,
        action: 'key.bootstrap',
        outcome: 'ok',
        target: BOOTSTRAP_KEY_ID,
      });
    },
  };
}
