import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { subjectToken } from '@stockpulse/protocol';
import { KEY_PREFIX, createKeyMaterial, displayPrefix, hashCredential } from './key-material.js';

describe('createKeyMaterial', () => {
  it('makes an spk_ key of 256 random bits in base64url', () => {
    const m = createKeyMaterial();
    expect(KEY_PREFIX).toBe('spk_');
    expect(m.key).toMatch(/^spk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(m.key.slice(KEY_PREFIX.length), 'base64url')).toHaveLength(32);
  });

  it('gives an id that is safe as a subject token and says nothing of the key', () => {
    const m = createKeyMaterial();
    expect(m.id).toMatch(/^key_[0-9a-f]{16}$/);
    expect(subjectToken(m.id)).toBe(m.id);
    expect(m.key).not.toContain(m.id.slice(4));
  });

  it('stores the display prefix and the sha256 of the key, never the key', () => {
    const m = createKeyMaterial();
    expect(m.prefix).toBe(m.key.slice(0, 12));
    expect(m.prefix.startsWith(KEY_PREFIX)).toBe(true);
    expect(m.keyHash).toBe(createHash('sha256').update(m.key).digest('hex'));
    expect(m.keyHash).not.toContain(m.key);
    expect(m.key.length - m.prefix.length).toBeGreaterThanOrEqual(35);
  });

  it('never repeats a key, an id or a hash', () => {
    const made = Array.from({ length: 500 }, () => createKeyMaterial());
    expect(new Set(made.map((m) => m.key)).size).toBe(500);
    expect(new Set(made.map((m) => m.id)).size).toBe(500);
    expect(new Set(made.map((m) => m.keyHash)).size).toBe(500);
  });
});

describe('hashCredential', () => {
  it('is lowercase hex sha256 of the UTF-8 credential', () => {
    expect(hashCredential('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hashCredential('clé')).toBe(
      createHash('sha256').update(Buffer.from('clé', 'utf8')).digest('hex'),
    );
  });

  it('is deterministic and tells credentials apart', () => {
    expect(hashCredential('spk_a')).toBe(hashCredential('spk_a'));
    expect(hashCredential('spk_a')).not.toBe(hashCredential('spk_b'));
    expect(hashCredential('spk_a')).not.toBe(hashCredential('spk_a '));
  });
});

describe('displayPrefix', () => {
  it('keeps the first 12 characters, or the whole of a shorter key', () => {
    expect(displayPrefix('spk_0123456789abcdef')).toBe('spk_01234567');
    expect(displayPrefix('short')).toBe('short');
  });
});
