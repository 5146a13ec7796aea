import { hashSeed, mulberry32, normal } from './seeded-random.js';

/** One simulated minute of a session, prices in cents. */
export interface MinuteCents {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** What a session path is drawn from. */
export interface SessionPathInput {
  readonly seed: number;
  readonly symbol: string;
  /** Day number of the session; seeds its path. */
  readonly day: number;
  readonly minutes: number;
  readonly previousCloseCents: number;
  readonly closeCents: number;
  readonly dailySigma: number;
  readonly sharesOutstanding: number;
}

/**
 * The minute bars of one session: the open gaps from the previous close, then a Brownian
 * bridge in log space ends exactly at the walk's close. Volumes follow a U-shaped intraday
 * profile and sum exactly to the day's volume.
 */
export function simulateSession(input: SessionPathInput): MinuteCents[] {
  const rand = mulberry32(hashSeed(`${input.seed}:${input.symbol}:${input.day}:session`));
  const n = input.minutes;
  const gap = input.dailySigma * 0.3 * normal(rand);
  const open = Math.max(1, Math.round(input.previousCloseCents * Math.exp(gap)));
  const stepSigma = (input.dailySigma * 0.8) / Math.sqrt(n);
  const walk: number[] = [0];
  for (let i = 1; i <= n; i++) walk.push((walk[i - 1] as number) + stepSigma * normal(rand));
  const end = walk[n] as number;
  const logOpen = Math.log(open);
  const logClose = Math.log(input.closeCents);
  const points = walk.map((w, i) => {
    if (i === 0) return open;
    if (i === n) return input.closeCents;
    const f = i / n;
    return Math.max(1, Math.round(Math.exp(logOpen + f * (logClose - logOpen) + w - f * end)));
  });
  const turnover = 0.004 * Math.exp(0.35 * normal(rand)) * (n / 390);
  const dayVolume = Math.round(input.sharesOutstanding * turnover);
  const weights = points.slice(1).map((_, i) => {
    const u = (i - n / 2) / (n / 2);
    return (1 + 2 * u * u) * (0.5 + rand());
  });
  const total = weights.reduce((a, b) => a + b, 0);
  let allocated = 0;
  const bars: MinuteCents[] = [];
  for (let i = 1; i <= n; i++) {
    const o = points[i - 1] as number;
    const c = points[i] as number;
    const wiggle = o * stepSigma * 0.5;
    const volume =
      i === n
        ? dayVolume - allocated
        : Math.floor((dayVolume * (weights[i - 1] as number)) / total);
    allocated += volume;
    bars.push({
      open: o,
      close: c,
      high: Math.max(o, c) + Math.round(Math.abs(normal(rand)) * wiggle),
      low: Math.max(1, Math.min(o, c) - Math.round(Math.abs(normal(rand)) * wiggle)),
      volume,
    });
  }
  return bars;
}
