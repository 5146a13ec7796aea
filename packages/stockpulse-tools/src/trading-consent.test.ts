import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import { testContext } from '../tests/call-tool.js';
import { tradingFixture, type TradingFixture } from '../tests/trading-fixture.js';
import { ConsentOutcome, obtainConsent } from './trading-consent.js';

const request = { tool: 'place_order', message: 'Buy 1 AAPL?', confirmTitle: 'Place this order' };

describe('obtainConsent', () => {
  let f: TradingFixture;
  beforeEach(async () => {
    f = await tradingFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  function asking(answer: () => Promise<Record<string, unknown>>, protocolVersion = '2025-11-25') {
    const asked: Array<{ key: string; method: string; params: Record<string, unknown> }> = [];
    const ctx = testContext({
      protocolVersion,
      ask: (key, method, params) => {
        asked.push({ key, method, params });
        return answer();
      },
    });
    return { ctx, asked };
  }

  it('asks with a form elicitation and accepts only a confirmed accept', async () => {
    const { ctx, asked } = asking(async () => ({ action: 'accept', content: { confirm: true } }));
    const d = await obtainConsent(f.deps, ctx, request, 5000);
    expect(d.outcome).toBe(ConsentOutcome.Accepted);
    expect(asked).toEqual([
      {
        key: 'consent',
        method: 'elicitation/create',
        params: {
          message: 'Buy 1 AAPL?',
          mode: 'form',
          requestedSchema: {
            type: 'object',
            properties: { confirm: { type: 'boolean', title: 'Place this order' } },
            required: ['confirm'],
          },
        },
      },
    ]);
    const unconfirmed = asking(async () => ({ action: 'accept', content: { confirm: false } }));
    expect((await obtainConsent(f.deps, unconfirmed.ctx, request, 5000)).outcome).toBe(
      ConsentOutcome.Declined,
    );
  });

  it('sends no mode to clients of revisions before 2025-11-25', async () => {
    const { ctx, asked } = asking(
      async () => ({ action: 'accept', content: { confirm: true } }),
      '2025-06-18',
    );
    await obtainConsent(f.deps, ctx, request, 5000);
    expect(asked[0]?.params).not.toHaveProperty('mode');
  });

  it('turns decline, cancel, timeout and an unaskable client into audited outcomes', async () => {
    const cases: Array<[() => Promise<Record<string, unknown>>, string]> = [
      [async () => ({ action: 'decline' }), ConsentOutcome.Declined],
      [async () => ({ action: 'cancel' }), ConsentOutcome.Cancelled],
      [
        () => Promise.reject(new GatewayError(ErrorCode.DeadlineExceeded, 'no answer')),
        ConsentOutcome.Timeout,
      ],
      [
        () => Promise.reject(new GatewayError(ErrorCode.Forbidden, 'no elicitation')),
        ConsentOutcome.Refused,
      ],
    ];
    for (const [answer, outcome] of cases) {
      const { ctx } = asking(answer);
      expect((await obtainConsent(f.deps, ctx, request, 5000)).outcome).toBe(outcome);
    }
    expect(f.audits.map((a) => [a.action, a.target, a.outcome, a.data?.['consent']])).toEqual([
      ['consent', 'place_order', 'denied', 'declined'],
      ['consent', 'place_order', 'denied', 'cancelled'],
      ['consent', 'place_order', 'error', 'timeout'],
      ['consent', 'place_order', 'denied', 'refused'],
    ]);
    expect(f.audits[2]?.errorCode).toBe(ErrorCode.DeadlineExceeded);
  });

  it('lets a standing grant stand in for asking, until it is revoked', async () => {
    const { ctx, asked } = asking(() =>
      Promise.reject(new GatewayError(ErrorCode.Forbidden, 'no elicitation')),
    );
    await f.deps.consentGrants.grant({ principalId: 'p', tool: 'place_order', grantedBy: 'ops' });
    const d = await obtainConsent(f.deps, ctx, request, 5000);
    expect(d.outcome).toBe(ConsentOutcome.Granted);
    expect(asked).toHaveLength(0);
    expect(f.audits.at(-1)).toMatchObject({ outcome: 'ok', data: { consent: 'granted' } });
    await f.deps.consentGrants.revoke('p', 'place_order');
    expect((await obtainConsent(f.deps, ctx, request, 5000)).outcome).toBe(ConsentOutcome.Refused);
  });

  it('does not swallow errors that are not consent outcomes', async () => {
    const { ctx } = asking(() => Promise.reject(new Error('input required')));
    await expect(obtainConsent(f.deps, ctx, request, 5000)).rejects.toThrow('input required');
  });
});
