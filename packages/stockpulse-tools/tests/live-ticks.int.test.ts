import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedProvider } from '@stockpulse/market-data';
import { silentLogger, subjects } from '@stockpulse/protocol';
import { createBus, type Bus } from '@stockpulse/bus';
import { startNats, type TestNats } from '@stockpulse/testkit';
import { startLiveTicks, type Tick } from '../src/live-ticks.js';

let nats: TestNats;
let bus: Bus;

beforeAll(async () => {
  nats = await startNats();
  bus = await createBus({ url: nats.url, name: 'ticks-test', logger: silentLogger });
});

afterAll(async () => {
  await bus?.drain();
  await nats?.stop();
});

/** Collects ticks and resource updates for `ms`. */
async function collect(clock: () => Date, ms: number) {
  const ticks: Tick[] = [];
  const updates: string[] = [];
  const a = bus.subscribe(subjects.marketTick('*'), (m) => {
    ticks.push(m.json<Tick>());
  });
  const b = bus.subscribe(subjects.resourceUpdated(), (m) => {
    updates.push(m.json<{ uri: string }>().uri);
  });
  await bus.flush();
  const stop = startLiveTicks({
    bus,
    provider: createSimulatedProvider({ seed: 7, now: clock }),
    intervalMs: 100,
  });
  await new Promise((r) => setTimeout(r, ms));
  stop();
  a.unsubscribe();
  b.unsubscribe();
  return { ticks, updates };
}

describe('live ticks', () => {
  it('publish each symbol whose price moves, and announce its quote resource', async () => {
    // A market clock that runs a minute per round during an open session.
    let t = Date.parse('2026-03-10T15:00:00Z');
    const { ticks, updates } = await collect(() => new Date((t += 60_000 / 52)), 450);
    const bySymbol = new Map<string, number>();
    for (const tick of ticks) bySymbol.set(tick.symbol, (bySymbol.get(tick.symbol) ?? 0) + 1);
    expect(bySymbol.size).toBe(52);
    expect(Math.min(...bySymbol.values())).toBeGreaterThanOrEqual(2);
    expect(ticks[0]?.price).toMatch(/^\d+\.\d{2}$/);
    expect(updates).toContain('stockpulse://quotes/AAPL');
    expect(updates.length).toBe(ticks.length);
  });

  it('stay quiet while prices do not move (a closed market)', async () => {
    const saturday = new Date('2026-03-14T16:00:00Z');
    const { ticks } = await collect(() => saturday, 450);
    // The first round publishes every price once; later rounds publish nothing.
    expect(ticks.length).toBe(52);
  });
});
