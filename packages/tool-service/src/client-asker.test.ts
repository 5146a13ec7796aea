import { describe, expect, it } from 'vitest';
import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import { checkAskCapability } from './client-asker.js';

const refusal = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof GatewayError ? err.code : 'other';
  }
};

describe('checkAskCapability', () => {
  it('needs the capability the method belongs to', () => {
    expect(refusal(() => checkAskCapability({}, 'elicitation/create', {}))).toBe(
      ErrorCode.Forbidden,
    );
    expect(refusal(() => checkAskCapability({ elicitation: {} }, 'elicitation/create', {}))).toBe(
      undefined,
    );
    expect(
      refusal(() => checkAskCapability({ elicitation: {} }, 'sampling/createMessage', {})),
    ).toBe(ErrorCode.Forbidden);
    expect(refusal(() => checkAskCapability({ sampling: {} }, 'sampling/createMessage', {}))).toBe(
      undefined,
    );
    expect(refusal(() => checkAskCapability({ sampling: {} }, 'roots/list', {}))).toBe(
      ErrorCode.Forbidden,
    );
    expect(refusal(() => checkAskCapability({ roots: {} }, 'roots/list', {}))).toBe(undefined);
  });

  it('asks in URL mode only a client that declared it', () => {
    const url = { mode: 'url', url: 'https://example.com/consent', message: 'm' };
    expect(refusal(() => checkAskCapability({ elicitation: {} }, 'elicitation/create', url))).toBe(
      ErrorCode.Forbidden,
    );
    expect(
      refusal(() =>
        checkAskCapability({ elicitation: { form: {}, url: {} } }, 'elicitation/create', url),
      ),
    ).toBe(undefined);
  });

  it('never asks what the session’s revision does not define', () => {
    const caps = { elicitation: { form: {}, url: {} }, sampling: {} };
    const url = { mode: 'url', url: 'https://example.com/consent', message: 'm' };
    const ask = (version: string, params: Record<string, unknown> = {}) =>
      refusal(() => checkAskCapability(caps, 'elicitation/create', params, version));
    expect(ask('2025-03-26')).toBe(ErrorCode.Forbidden);
    expect(ask('2025-06-18')).toBe(undefined);
    expect(ask('2025-06-18', url)).toBe(ErrorCode.Forbidden);
    expect(ask('2025-11-25', url)).toBe(undefined);
    expect(
      refusal(() => checkAskCapability(caps, 'sampling/createMessage', {}, '2024-11-05')),
    ).toBe(undefined);
  });

  it('treats a capability that is not an object as absent', () => {
    expect(refusal(() => checkAskCapability({ roots: true }, 'roots/list', {}))).toBe(
      ErrorCode.Forbidden,
    );
  });
});
