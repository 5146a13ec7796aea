import { performance } from 'node:perf_hooks';
import { createHttpClient } from './http-client.js';
import { openSession, type McpSession } from './mcp-session.js';
import { groupCpuMs } from './proc-cpu.js';
import { summarize, type LatencySummary } from './stats.js';
import type { Target } from './targets.js';

/** What one timed round of closed-loop load on one target measured. */
export interface RoundResult {
  readonly target: string;
  readonly concurrency: number;
  readonly calls: number;
  readonly elapsedMs: number;
  readonly callsPerSec: number;
  /** Per-call latency in ms, as seen by the client. */
  readonly latency: LatencySummary;
  /** CPU of the target's processes per call, in ms; undefined without /proc. */
  readonly serverCpuMsPerCall: number | undefined;
  /** CPU of the load generator over the round, in percent of one core. */
  readonly clientCpuPercent: number;
}

/** Options of {@link runRound}. */
export interface RoundOptions {
  readonly target: Target;
  readonly concurrency: number;
  readonly durationMs: number;
  /** Symbols the clients rotate through; client i starts at symbol i. */
  readonly symbols: readonly string[];
}

/**
 * One round: `concurrency` virtual clients each open their own session (not timed), then
 * each calls `get_quote` back to back until `durationMs` has passed. Every reply is validated;
 * the first invalid one stops every client and rejects the round.
 */
export async function runRound(opts: RoundOptions): Promise<RoundResult> {
  const { target, concurrency, durationMs, symbols } = opts;
  const http = createHttpClient(target.url, concurrency);
  const sessions: McpSession[] = [];
  try {
    for (let i = 0; i < concurrency; i += 8) {
      const batch = Math.min(8, concurrency - i);
      sessions.push(
        ...(await Promise.all(
          Array.from({ length: batch }, (_, k) => openSession(http, target, `bench-${i + k}`)),
        )),
      );
    }
    const latencies: number[] = [];
    let failed = false;
    const cpu0 = groupCpuMs(target.pgid);
    const client0 = process.cpuUsage();
    const t0 = performance.now();
    const deadline = t0 + durationMs;
    let lastEnd = t0;
    const worker = async (session: McpSession, index: number): Promise<void> => {
      let n = index;
      while (!failed && performance.now() < deadline) {
        const symbol = symbols[n++ % symbols.length] as string;
        const start = performance.now();
        await session.callQuote(symbol);
        const end = performance.now();
        latencies.push(end - start);
        if (end > lastEnd) lastEnd = end;
      }
    };
    await Promise.all(
      sessions.map((s, i) =>
        worker(s, i).catch((err: unknown) => {
          failed = true;
          throw err;
        }),
      ),
    );
    const elapsedMs = lastEnd - t0;
    const cpu1 = groupCpuMs(target.pgid);
    const client = process.cpuUsage(client0);
    return {
      target: target.name,
      concurrency,
      calls: latencies.length,
      elapsedMs,
      callsPerSec: (latencies.length / elapsedMs) * 1000,
      latency: summarize(latencies),
      serverCpuMsPerCall:
        cpu0 === undefined || cpu1 === undefined ? undefined : (cpu1 - cpu0) / latencies.length,
      clientCpuPercent: ((client.user + client.system) / 1000 / elapsedMs) * 100,
    };
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
    http.close();
  }
}
