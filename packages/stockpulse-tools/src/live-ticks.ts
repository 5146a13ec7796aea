import type { MarketDataProvider } from '@stockpulse/market-data';
import { subjects, type Logger, silentLogger } from '@stockpulse/protocol';
import type { Bus } from '@stockpulse/bus';
import { announceResourceUpdated } from '@stockpulse/tool-service';
import { quoteUri } from './market-resources.js';

/** A live tick as published on `mcpgw.market.tick.<symbol>` (`.` in a symbol becomes `_`). */
export interface Tick {
  readonly symbol: string;
  readonly price: string;
  readonly change: string;
  readonly changePercent: string;
  readonly volume: number;
  readonly asOf: string;
}

/** The subject token of a symbol (`BRK.B` → `BRK_B`). */
export function symbolToken(symbol: string): string {
  return symbol.replace(/\./g, '_');
}

/** Options of {@link startLiveTicks}. */
export interface LiveTicksOptions {
  readonly bus: Bus;
  readonly provider: MarketDataProvider;
  /** Time between rounds (ms); default 1000. */
  readonly intervalMs?: number;
  readonly logger?: Logger;
}

/**
 * Publishes the feed's quotes as live ticks on NATS: every round, each symbol whose price moved
 * gets a tick on its subject, and sessions subscribed to its quote resource are told it changed.
 * Unchanged prices (a closed market) publish nothing. Stops with the returned function.
 */
export function startLiveTicks(opts: LiveTicksOptions): () => void {
  const { bus, provider } = opts;
  const logger = opts.logger ?? silentLogger;
  const last = new Map<string, string>();
  let running = false;
  const round = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      for (const { symbol } of provider.listSymbols()) {
        const q = await provider.getQuote(symbol);
        if (!q || last.get(symbol) === q.price) continue;
        last.set(symbol, q.price);
        const tick: Tick = {
          symbol,
          price: q.price,
          change: q.change,
          changePercent: q.changePercent,
          volume: q.volume,
          asOf: q.asOf,
        };
        bus.publish(subjects.marketTick(symbolToken(symbol)), JSON.stringify(tick));
        announceResourceUpdated(bus, quoteUri(symbol));
      }
    } catch (err) {
      logger.warn({ err: String(err) }, 'tick round failed');
    } finally {
      running = false;
    }
  };
  void round();
  const timer = setInterval(() => void round(), opts.intervalMs ?? 1_000);
  timer.unref();
  return () => clearInterval(timer);
}
