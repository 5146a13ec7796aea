import type { BusTraffic } from './bus-traffic.js';
import type { RoundResult } from './load-round.js';
import { median } from './stats.js';

/** One target at one concurrency level: medians across its rounds. */
export interface TargetSummary {
  readonly target: string;
  readonly rounds: number;
  readonly calls: number;
  readonly callsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly serverCpuMsPerCall: number | undefined;
  readonly clientCpuPercent: number;
}

/** A target against the baseline at one level; ratios are of the medians. */
export interface Comparison {
  readonly target: string;
  readonly baseline: string;
  /** target calls/s over baseline calls/s. */
  readonly throughputRatio: number;
  readonly p50Ratio: number;
  readonly addedP50Ms: number;
  readonly p99Ratio: number;
}

/** Everything measured at one concurrency level. */
export interface LevelResult {
  readonly concurrency: number;
  readonly targets: readonly TargetSummary[];
  readonly comparisons: readonly Comparison[];
  readonly rounds: readonly RoundResult[];
}

/** The goals of the design, checked against a run. */
export interface GoalCheck {
  readonly goal: string;
  readonly target: string;
  readonly value: number | undefined;
  /** undefined when the run did not measure what the goal needs. */
  readonly met: boolean | undefined;
}

function summarizeTarget(target: string, rounds: RoundResult[]): TargetSummary {
  const cpu = rounds.map((r) => r.serverCpuMsPerCall).filter((x): x is number => x !== undefined);
  return {
    target,
    rounds: rounds.length,
    calls: rounds.reduce((n, r) => n + r.calls, 0),
    callsPerSec: median(rounds.map((r) => r.callsPerSec)),
    p50Ms: median(rounds.map((r) => r.latency.p50)),
    p99Ms: median(rounds.map((r) => r.latency.p99)),
    serverCpuMsPerCall: cpu.length ? median(cpu) : undefined,
    clientCpuPercent: median(rounds.map((r) => r.clientCpuPercent)),
  };
}

/** Medians per target of one level's rounds, and every other target against `baseline`. */
export function summarizeLevel(
  concurrency: number,
  rounds: RoundResult[],
  baseline: string,
): LevelResult {
  const names = [...new Set(rounds.map((r) => r.target))];
  const targets = names.map((n) =>
    summarizeTarget(
      n,
      rounds.filter((r) => r.target === n),
    ),
  );
  const base = targets.find((t) => t.target === baseline);
  const comparisons = base
    ? targets
        .filter((t) => t !== base)
        .map((t) => ({
          target: t.target,
          baseline,
          throughputRatio: t.callsPerSec / base.callsPerSec,
          p50Ratio: t.p50Ms / base.p50Ms,
          addedP50Ms: t.p50Ms - base.p50Ms,
          p99Ratio: t.p99Ms / base.p99Ms,
        }))
    : [];
  return { concurrency, targets, comparisons, rounds };
}

/**
 * The design's budget: at most 1 ms added p50 at one client, at least 0.75x the baseline's
 * throughput at 32 clients, one NATS round trip per call.
 */
export function checkGoals(
  levels: readonly LevelResult[],
  bus: Readonly<Record<string, BusTraffic>>,
): GoalCheck[] {
  const at = (c: number): LevelResult | undefined => levels.find((l) => l.concurrency === c);
  const gateways = [...new Set(levels.flatMap((l) => l.comparisons.map((c) => c.target)))];
  return gateways.flatMap((g) => {
    const one = at(1)?.comparisons.find((c) => c.target === g);
    const many = at(32)?.comparisons.find((c) => c.target === g);
    const trips = bus[g]?.hotPathRoundTripsPerCall;
    return [
      {
        goal: 'added p50 <= 1 ms at 1 client',
        target: g,
        value: one?.addedP50Ms,
        met: one && one.addedP50Ms <= 1,
      },
      {
        goal: 'throughput >= 0.75x at 32 clients',
        target: g,
        value: many?.throughputRatio,
        met: many && many.throughputRatio >= 0.75,
      },
      {
        goal: '1 NATS round trip per call',
        target: g,
        value: trips,
        met: trips === undefined ? undefined : Math.abs(trips - 1) < 0.01,
      },
    ];
  });
}
