import { describe, expect, it } from 'vitest';
import type { Bus } from '@stockpulse/bus';
import { ErrorCode, GatewayError, type Principal, type Reply } from '@stockpulse/protocol';
import { anonymousPrincipal, createPrincipalCache } from './principal-cache.js';

/** The two calls the cache makes on the bus: a revocation subscription and verify requests. */
function fakeBus(reply: Reply<Principal>): { bus: Bus; verifications: () => number } {
  let verifications = 0;
  const bus = {
    subscribe: () => ({ unsubscribe: () => undefined, drain: async () => undefined }),
    requestJson: async () => {
      verifications += 1;
      return reply;
    },
  } as unknown as Bus;
  return { bus, verifications: () => verifications };
}

const refused: Reply<Principal> = {
  ok: false,
  error: new GatewayError(ErrorCode.Unauthenticated, 'invalid or revoked API key').toData(),
};

describe('principal cache anonymous access', () => {
  it('refuses a request without a key by default', async () => {
    const { bus } = fakeBus(refused);
    const cache = createPrincipalCache({ bus });
    await expect(cache.authenticate('')).rejects.toMatchObject({
      code: ErrorCode.Unauthenticated,
    });
  });

  it('serves a request without a key as the anonymous principal when switched on', async () => {
    const { bus, verifications } = fakeBus(refused);
    const cache = createPrincipalCache({ bus, anonymous: anonymousPrincipal() });
    await expect(cache.authenticate('')).resolves.toMatchObject({ id: 'anonymous', scopes: [] });
    expect(verifications()).toBe(0);
  });

  it('still refuses a wrong key when anonymous access is on', async () => {
    const { bus, verifications } = fakeBus(refused);
    const cache = createPrincipalCache({ bus, anonymous: anonymousPrincipal() });
    await expect(cache.authenticate('spk_wrong')).rejects.toMatchObject({
      code: ErrorCode.Unauthenticated,
    });
    expect(verifications()).toBe(1);
  });
});
