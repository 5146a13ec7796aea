import { createBusCounter, type BusTraffic } from './bus-traffic.js';
import { createHttpClient } from './http-client.js';
import { openSession } from './mcp-session.js';
import { openNatsTap } from './nats-tap.js';
import type { Target } from './targets.js';

const SETTLE_MS = 300;
// Longer than the audit flush interval, so batched audit publishes of the last calls are seen.
const DRAIN_MS = 500;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Measures a gateway's bus traffic per tools/call: taps every subject of its NATS, makes
 * `calls` sequential get_quote calls on an already-open session, and divides. Runs apart
 * from the timed rounds because a `>` subscriber costs the server a copy of every message.
 */
export async function probeBusTraffic(
  target: Target,
  calls: number,
  symbols: readonly string[],
): Promise<BusTraffic> {
  if (!target.natsUrl) throw new Error(`${target.name} has no NATS to tap`);
  const http = createHttpClient(target.url, 1);
  const session = await openSession(http, target, 'bench-bus-probe');
  try {
    await session.callQuote(symbols[0] as string); // the first call of a session may fill caches
    await sleep(SETTLE_MS);
    const counter = createBusCounter();
    const tap = await openNatsTap(target.natsUrl, counter.onMessage);
    try {
      for (let i = 0; i < calls; i++)
        await session.callQuote(symbols[i % symbols.length] as string);
      await sleep(DRAIN_MS);
    } finally {
      tap.close();
    }
    return counter.result(calls);
  } finally {
    await session.close();
    http.close();
  }
}
