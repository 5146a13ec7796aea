import { describe, expect, it } from 'vitest';
import { createSimulatedProvider } from './simulated-provider.js';

const at = new Date('2026-03-10T15:30:00Z');

describe('simulated provider', () => {
  it('is deterministic for a seed and a time', async () => {
    const a = await createSimulatedProvider({ seed: 7, now: () => at }).getQuote('AAPL');
    const b = await createSimulatedProvider({ seed: 7, now: () => at }).getQuote('aapl');
    expect(a).toEqual(b);
  });

  it('differs between seeds', async () => {
    const a = await createSimulatedProvider({ seed: 1, now: () => at }).getQuote('MSFT');
    const b = await createSimulatedProvider({ seed: 2, now: () => at }).getQuote('MSFT');
    expect(a?.price).not.toEqual(b?.price);
  });

  it('returns consistent decimal strings', async () => {
    const q = await createSimulatedProvider({ now: () => at }).getQuote('NVDA');
    expect(q).not.toBeNull();
    for (const k of ['price', 'open', 'high', 'low', 'previousClose', 'change'] as const) {
      expect(q![k]).toMatch(/^-?\d+\.\d{2}$/);
    }
    const change = Math.round((Number(q!.price) - Number(q!.previousClose)) * 100);
    expect(Math.round(Number(q!.change) * 100)).toBe(change);
    expect(Number(q!.high)).toBeGreaterThanOrEqual(Number(q!.low));
  });

  it('returns null for an unknown symbol', async () => {
    expect(await createSimulatedProvider().getQuote('NOPE')).toBeNull();
  });
});
