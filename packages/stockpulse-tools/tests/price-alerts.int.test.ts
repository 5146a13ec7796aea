import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceAlertsBucket, provisioning, silentLogger, subjects } from '@stockpulse/protocol';
import { createBus, type Bus } from '@stockpulse/bus';
import { startNats, type TestNats } from '@stockpulse/testkit';
import {
  ALERTS_URI,
  alertUri,
  createKvAlertStore,
  crosses,
  priceAlertTools,
  startAlertEvaluator,
  type AlertStore,
} from '../src/price-alerts.js';
import { callTool, pinnedProvider, textOf } from './call-tool.js';
import type { ConsentDeps } from '../src/trading-consent.js';

let nats: TestNats;
let bus: Bus;
let store: AlertStore;

beforeAll(async () => {
  nats = await startNats();
  bus = await createBus({ url: nats.url, name: 'alerts-test', logger: silentLogger });
  await bus.provision({ ...provisioning, buckets: [priceAlertsBucket] }, { replicas: 1 });
  store = await createKvAlertStore(bus);
});

afterAll(async () => {
  await bus?.drain();
  await nats?.stop();
});

/** Consent deps whose principal holds a standing grant (or none), with an audit log. */
const audited: string[] = [];
function consent(granted: boolean): ConsentDeps {
  return {
    consentGrants: {
      find: async () =>
        granted
          ? {
              principalId: 'p',
              tool: 'delete_price_alert',
              grantedBy: 'test',
              createdAt: '',
              expiresAt: null,
            }
          : null,
    } as unknown as ConsentDeps['consentGrants'],
    audit: async (input) => {
      audited.push(String(input.data?.['consent']));
    },
  };
}

const tick = (symbol: string, price: string) =>
  bus.publish(
    subjects.marketTick(symbol),
    JSON.stringify({
      symbol,
      price,
      change: '0.00',
      changePercent: '0.00',
      volume: 1,
      asOf: new Date().toISOString(),
    }),
  );

describe('crosses', () => {
  it('fires at or past the level, in the alert’s direction', () => {
    expect(crosses({ condition: 'above', price: '100.00' }, '100.00')).toBe(true);
    expect(crosses({ condition: 'above', price: '100.00' }, '99.99')).toBe(false);
    expect(crosses({ condition: 'below', price: '100.00' }, '99.99')).toBe(true);
    expect(crosses({ condition: 'below', price: '100.00' }, '100.01')).toBe(false);
  });
});

describe('price alerts', () => {
  const tools = new Map(
    priceAlertTools(pinnedProvider(), {} as AlertStore, consent(true)).map((t) => [
      t.definition.name,
      t,
    ]),
  );
  it('has create, list and delete tools with schemas', () => {
    expect([...tools.keys()]).toEqual([
      'create_price_alert',
      'list_price_alerts',
      'delete_price_alert',
    ]);
  });

  it('are created, listed and deleted per user', async () => {
    const [create, list, remove] = priceAlertTools(pinnedProvider(), store, consent(true));
    const made = await callTool(create!, { symbol: 'msft', condition: 'above', price: '9999.00' });
    const alert = made.structuredContent as { id: string; symbol: string; status: string };
    expect(alert).toMatchObject({ symbol: 'MSFT', status: 'active' });
    const listed = await callTool(list!, {});
    expect(
      (listed.structuredContent as { alerts: { id: string }[] }).alerts.map((a) => a.id),
    ).toContain(alert.id);
    expect(
      (await callTool(create!, { symbol: 'NOPE', condition: 'above', price: '1.00' })).isError,
    ).toBe(true);
    expect((await callTool(remove!, { id: alert.id })).structuredContent).toEqual({
      id: alert.id,
      deleted: true,
      consent: 'granted',
    });
    expect((await callTool(remove!, { id: alert.id })).isError).toBe(true);
    expect(await store.list('someone-else')).toEqual([]);
  });

  it('delete needs consent: without a grant or a client to ask, the alert stays', async () => {
    const [create, list] = priceAlertTools(pinnedProvider(), store, consent(true));
    const [, , guarded] = priceAlertTools(pinnedProvider(), store, consent(false));
    const made = await callTool(create!, { symbol: 'IBM', condition: 'below', price: '1.00' });
    const id = (made.structuredContent as { id: string }).id;
    const refused = await callTool(guarded!, { id });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/needs your consent/);
    const still = await callTool(list!, {});
    expect(
      (still.structuredContent as { alerts: { id: string }[] }).alerts.map((a) => a.id),
    ).toContain(id);
    expect(audited.at(-1)).toBe('refused');
  });

  it('fire once on a crossing tick, even with two evaluators, and announce their resources', async () => {
    const [create] = priceAlertTools(pinnedProvider(), store, consent(true));
    const made = await callTool(create!, { symbol: 'AAPL', condition: 'below', price: '10.00' });
    const id = (made.structuredContent as { id: string }).id;
    const announced: string[] = [];
    const sub = bus.subscribe(subjects.resourceUpdated(), (m) => {
      announced.push(m.json<{ uri: string }>().uri);
    });
    const stops = [
      await startAlertEvaluator({ bus, store }),
      await startAlertEvaluator({ bus, store }),
    ];
    try {
      await bus.flush();
      tick('AAPL', '10.50');
      tick('MSFT', '5.00');
      await new Promise((r) => setTimeout(r, 200));
      expect(announced).toEqual([]);
      tick('AAPL', '9.99');
      await expect.poll(() => announced.length).toBe(2);
      tick('AAPL', '9.50');
      await new Promise((r) => setTimeout(r, 200));
      expect(announced.sort()).toEqual([ALERTS_URI, alertUri(id)].sort());
      const [fired] = (await store.list('p')).filter((a) => a.id === id);
      expect(fired).toMatchObject({ status: 'triggered', triggerPrice: '9.99' });
    } finally {
      for (const stop of stops) stop();
      sub.unsubscribe();
    }
  });
});
