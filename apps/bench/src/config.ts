import { parseArgs } from 'node:util';

/** The bench's settings, from flags first, then `BENCH_*` environment variables, then defaults. */
export interface BenchConfig {
  /** Timed rounds per target and concurrency level. */
  readonly rounds: number;
  readonly roundMs: number;
  /** Untimed load per target before each concurrency level. */
  readonly warmupMs: number;
  readonly concurrency: readonly number[];
  /** Also run the gateway with ROUTING_MODE=router. */
  readonly router: boolean;
  /** Sequential calls of the bus-traffic probe per gateway; 0 skips it. */
  readonly probeCalls: number;
  readonly seed: number;
  /** The whole run is aborted (children stopped) past this. */
  readonly timeoutSec: number;
  readonly out: string;
}

/** Usage text of `npm run bench -- [flags]`. */
export const USAGE = `Usage: npm run bench -- [flags]

  --rounds N           timed rounds per target and level        (BENCH_ROUNDS, default 5)
  --round-ms MS        length of one round                      (BENCH_ROUND_MS, default 3000)
  --warmup-ms MS       untimed load per target before a level   (BENCH_WARMUP_MS, default 1500)
  --concurrency LIST   virtual clients per level, e.g. 1,32     (BENCH_CONCURRENCY, default 1,32)
  --no-router          skip the ROUTING_MODE=router gateway     (BENCH_ROUTER=0)
  --probe-calls N      calls of the NATS traffic probe, 0 = off (BENCH_PROBE_CALLS, default 200)
  --seed N             simulated market seed                    (BENCH_SEED, default 42)
  --timeout-sec S      abort the whole run after S seconds      (BENCH_TIMEOUT_SEC, default 600)
  --out PATH           JSON results                             (BENCH_OUT, default reports/bench/latest.json)
  -h, --help`;

function int(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be an integer within ${min}..${max}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

function levels(raw: string | undefined): number[] {
  const list = (raw ?? '1,32').split(',').map((s) => int('concurrency', s.trim(), 0, 1, 256));
  if (list.length === 0 || list.length > 6) throw new Error('concurrency takes 1 to 6 levels');
  return list;
}

/** Parses flags and environment; returns `help` when usage was asked for. Throws on bad values. */
export function loadBenchConfig(
  argv: string[],
  env: NodeJS.ProcessEnv,
  defaultOut: string,
): BenchConfig | 'help' {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      rounds: { type: 'string' },
      'round-ms': { type: 'string' },
      'warmup-ms': { type: 'string' },
      concurrency: { type: 'string' },
      'no-router': { type: 'boolean' },
      'probe-calls': { type: 'string' },
      seed: { type: 'string' },
      'timeout-sec': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (v.help) return 'help';
  return {
    rounds: int('rounds', v.rounds ?? env['BENCH_ROUNDS'], 5, 1, 50),
    roundMs: int('round-ms', v['round-ms'] ?? env['BENCH_ROUND_MS'], 3000, 200, 60_000),
    warmupMs: int('warmup-ms', v['warmup-ms'] ?? env['BENCH_WARMUP_MS'], 1500, 0, 60_000),
    concurrency: levels(v.concurrency ?? env['BENCH_CONCURRENCY']),
    router: !(v['no-router'] ?? ['0', 'false', 'no'].includes(env['BENCH_ROUTER'] ?? '')),
    probeCalls: int('probe-calls', v['probe-calls'] ?? env['BENCH_PROBE_CALLS'], 200, 0, 100_000),
    seed: int('seed', v.seed ?? env['BENCH_SEED'], 42, 0, 2 ** 31),
    timeoutSec: int('timeout-sec', v['timeout-sec'] ?? env['BENCH_TIMEOUT_SEC'], 600, 10, 7200),
    out: v.out ?? env['BENCH_OUT'] ?? defaultOut,
  };
}

/** Rough length of the timed part of a run, in seconds, for the banner. */
export function estimateSeconds(c: BenchConfig): number {
  const targets = c.router ? 3 : 2;
  return Math.round((c.concurrency.length * targets * (c.warmupMs + c.rounds * c.roundMs)) / 1000);
}
