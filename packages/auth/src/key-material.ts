import { createHash, randomBytes } from 'node:crypto';

/** Prefix of every API key the gateway issues. */
export const KEY_PREFIX = 'spk_';

/** A new API key and what is stored of it. */
export interface KeyMaterial {
  readonly id: string;
  /** The whole key; shown once, never stored. */
  readonly key: string;
  /** First characters, stored for display. */
  readonly prefix: string;
  readonly keyHash: string;
}

/** sha256 hex of a credential; keys are 256-bit random, so a fast hash is enough. */
export function hashCredential(credential: string): string {
  return createHash('sha256').update(credential, 'utf8').digest('hex');
}

/** Display prefix of a key: enough to recognise it, useless to an attacker. */
export function displayPrefix(key: string): string {
  return key.slice(0, 12);
}

/** Makes a new random API key: `spk_` followed by 43 base64url characters. */
export function createKeyMaterial(): KeyMaterial {
  const id = `key_${randomBytes(8).toString('hex')}`;
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { id, key, prefix: displayPrefix(key), keyHash: hashCredential(key) };
}
