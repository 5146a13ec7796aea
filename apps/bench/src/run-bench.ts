import { cpus, loadavg } from 'node:os';
import { UNIVERSE } from '@stockpulse/market-data';
import type { BusTraffic } from './bus-traffic.js';
import type { BenchConfig } from './config.js';
import { runRound, type RoundResult } from './load-round.js';
import { probeBusTraffic } from './nats-probe.js';
import { checkGoals, summarizeLevel, type GoalCheck, type LevelResult } from './summary.js';
import type { Supervisor } from './supervisor.js';
import { startDirectTarget, startGatewayTarget, type Paths, type Target } from './targets.js';

/** The whole run, as written to the JSON report. */
export interface BenchResult {
  readonly startedAt: string;
  readonly durationSec: number;
  readonly machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    platform: string;
    /** 1, 5 and 15 minute load averages; above `cpus` the figures are noisy. */
    loadavgAtStart: number[];
    loadavgAtEnd: number[];
  };
  readonly config: BenchConfig;
  readonly targets: ReadonlyArray<{ name: string; url: string; description: string }>;
  readonly levels: readonly LevelResult[];
  /** Per gateway target; empty when the probe was off. */
  readonly busTraffic: Readonly<Record<string, BusTraffic>>;
  readonly busTrafficMethod: string;
  readonly goals: readonly GoalCheck[];
}

const DESCRIPTIONS: Record<string, string> = {
  direct:
    'official SDK McpServer + StreamableHTTPServerTransport (stateful, JSON responses), one process',
  gateway:
    'gateway, all roles in one process, ROUTING_MODE=direct (edge reads routes from KV), embedded nats-server',
  'gateway-router':
    'gateway, all roles in one process, ROUTING_MODE=router (router in the trip), embedded nats-server',
};

const BUS_METHOD =
  'measured: a raw-protocol subscriber on ">" of the gateway\'s own nats-server during sequential calls, ' +
  'after the timed rounds; requests are matched to replies by reply inbox';

/** Progress lines go to stderr so stdout holds only the report. */
function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

function fmtRound(r: RoundResult): string {
  return `${r.callsPerSec.toFixed(0)} calls/s, p50 ${r.latency.p50.toFixed(3)} ms, p99 ${r.latency.p99.toFixed(3)} ms`;
}

async function startTargets(sup: Supervisor, paths: Paths, config: BenchConfig): Promise<Target[]> {
  progress('starting targets...');
  const targets = await Promise.all([
    startDirectTarget(sup, paths, config.seed),
    startGatewayTarget(sup, paths, { name: 'gateway', routingMode: 'direct', seed: config.seed }),
    ...(config.router
      ? [
          startGatewayTarget(sup, paths, {
            name: 'gateway-router',
            routingMode: 'router',
            seed: config.seed,
          }),
        ]
      : []),
  ]);
  for (const t of targets) progress(`  ${t.name.padEnd(15)} ${t.url.href} (pgid ${t.pgid})`);
  return targets;
}

async function runLevel(
  targets: Target[],
  config: BenchConfig,
  concurrency: number,
): Promise<LevelResult> {
  const symbols = UNIVERSE.map((s) => s.symbol);
  if (config.warmupMs > 0) {
    for (const target of targets) {
      progress(`c=${concurrency} warm-up ${target.name}`);
      await runRound({ target, concurrency, durationMs: config.warmupMs, symbols });
    }
  }
  const rounds: RoundResult[] = [];
  for (let r = 0; r < config.rounds; r++) {
    // Rotating the order each round spreads drift and order effects over every target.
    for (let k = 0; k < targets.length; k++) {
      const target = targets[(r + k) % targets.length] as Target;
      const result = await runRound({ target, concurrency, durationMs: config.roundMs, symbols });
      rounds.push(result);
      progress(
        `c=${concurrency} round ${r + 1}/${config.rounds} ${target.name.padEnd(15)} ${fmtRound(result)}`,
      );
    }
  }
  return summarizeLevel(concurrency, rounds, 'direct');
}

/**
 * Starts the baseline and the gateway(s), runs each concurrency level as a warm-up and then
 * interleaved timed rounds, probes the gateways' bus traffic, and returns the results. The
 * caller owns the supervisor and stops the children.
 */
export async function runBench(
  sup: Supervisor,
  paths: Paths,
  config: BenchConfig,
): Promise<BenchResult> {
  const started = Date.now();
  const loadavgAtStart = loadavg();
  if ((loadavgAtStart[0] ?? 0) > cpus().length) {
    progress(
      `warning: load average ${loadavgAtStart[0]?.toFixed(1)} on ${cpus().length} CPUs; other work will skew the figures`,
    );
  }
  const targets = await startTargets(sup, paths, config);
  const levels: LevelResult[] = [];
  for (const c of config.concurrency) levels.push(await runLevel(targets, config, c));
  const busTraffic: Record<string, BusTraffic> = {};
  if (config.probeCalls > 0) {
    for (const t of targets.filter((x) => x.natsUrl)) {
      progress(`bus traffic probe ${t.name} (${config.probeCalls} calls)`);
      busTraffic[t.name] = await probeBusTraffic(
        t,
        config.probeCalls,
        UNIVERSE.map((s) => s.symbol),
      );
    }
  }
  return {
    startedAt: new Date(started).toISOString(),
    durationSec: (Date.now() - started) / 1000,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      loadavgAtStart,
      loadavgAtEnd: loadavg(),
    },
    config,
    targets: targets.map((t) => ({
      name: t.name,
      url: t.url.href,
      description: DESCRIPTIONS[t.name] ?? t.name,
    })),
    levels,
    busTraffic,
    busTrafficMethod: config.probeCalls > 0 ? BUS_METHOD : 'not measured (--probe-calls 0)',
    goals: checkGoals(levels, busTraffic),
  };
}
