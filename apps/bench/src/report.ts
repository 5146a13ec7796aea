import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BenchResult } from './run-bench.js';

const f = (n: number | undefined, digits: number): string =>
  n === undefined ? 'n/a' : n.toFixed(digits);

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '),
    )
    .join('\n');
}

/** The human-readable report: per level, medians per target and ratios against the baseline. */
export function formatReport(res: BenchResult): string {
  const c = res.config;
  const out: string[] = [
    `MCP get_quote benchmark, ${res.startedAt}, ${res.machine.cpus} CPUs (${res.machine.cpuModel}), node ${res.machine.node}`,
    `load average ${res.machine.loadavgAtStart.map((x) => x.toFixed(1)).join(' ')} at start, ${res.machine.loadavgAtEnd.map((x) => x.toFixed(1)).join(' ')} at end`,
    `${c.rounds} interleaved rounds of ${c.roundMs} ms per target and level after ${c.warmupMs} ms warm-up; medians across rounds`,
    '',
  ];
  for (const t of res.targets) out.push(`  ${t.name.padEnd(15)} ${t.description}`);
  for (const level of res.levels) {
    out.push('', `concurrency ${level.concurrency}`);
    out.push(
      table([
        ['target', 'calls/s', 'p50 ms', 'p99 ms', 'server CPU ms/call', 'client CPU %'],
        ...level.targets.map((t) => [
          t.target,
          f(t.callsPerSec, 0),
          f(t.p50Ms, 3),
          f(t.p99Ms, 3),
          f(t.serverCpuMsPerCall, 3),
          f(t.clientCpuPercent, 0),
        ]),
      ]),
    );
    if (level.comparisons.length) {
      out.push('');
      out.push(
        table([
          ['vs direct', 'throughput x', 'p50 x', 'added p50 ms', 'p99 x'],
          ...level.comparisons.map((x) => [
            x.target,
            f(x.throughputRatio, 2),
            f(x.p50Ratio, 2),
            f(x.addedP50Ms, 3),
            f(x.p99Ratio, 2),
          ]),
        ]),
      );
    }
  }
  out.push('', `NATS traffic per call (${res.busTrafficMethod})`);
  for (const [name, b] of Object.entries(res.busTraffic)) {
    out.push(
      `  ${name.padEnd(15)} round trips on the reply path ${f(b.hotPathRoundTripsPerCall, 2)}, hot-path messages ${f(b.hotPathMessagesPerCall, 2)}, all messages ${f(b.allMessagesPerCall, 2)}`,
    );
    for (const [k, v] of Object.entries(b.breakdown))
      out.push(`      ${v.toFixed(2).padStart(6)}  ${k}`);
  }
  out.push('', 'goals');
  for (const g of res.goals) {
    const verdict = g.met === undefined ? 'not measured' : g.met ? 'met' : 'MISSED';
    out.push(
      `  ${g.target.padEnd(15)} ${g.goal.padEnd(36)} ${f(g.value, 3).padStart(8)}  ${verdict}`,
    );
  }
  out.push('', `total ${res.durationSec.toFixed(0)} s`);
  return out.join('\n');
}

/** Writes the results as pretty JSON, creating the folder. */
export async function writeJsonReport(path: string, res: BenchResult): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(res, null, 2)}\n`);
}
