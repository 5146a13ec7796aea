import type { Bus } from '@stockpulse/bus';
import type { AuditRecorder } from '@stockpulse/audit';
import type { Database } from '@stockpulse/db';
import type { Logger } from '@stockpulse/protocol';
import { createSimulatedProvider } from '@stockpulse/market-data';
import { startToolService } from '@stockpulse/tool-service';
import {
  accountResources,
  alertResource,
  alertsResource,
  announcingChanges,
  createKvAlertStore,
  createStockpulsePrompts,
  createStockpulseTools,
  marketStatusResource,
  priceAlertTools,
  quoteResource,
  startAlertEvaluator,
  startLiveTicks,
  STOCKPULSE_SERVICE,
} from '@stockpulse/stockpulse-tools';
import type { GatewayConfig } from './config.js';
import { tradingDeps } from './trading-deps.js';
import { startAccountAdmin } from './account-admin.js';
import { VERSION } from './version.js';

/** A simulated market clock that starts at `start` and runs at real speed (unset: real time). */
function marketClock(start: number | undefined): { now?: () => Date } {
  if (start === undefined) return {};
  const origin = Date.now();
  return { now: () => new Date(start + (Date.now() - origin)) };
}

/**
 * The `tool` role: StockPulse's tool service (market data, and with a database the portfolio,
 * watchlist and order tools), its resources and prompts, price alerts fired from live ticks, and
 * the live ticks themselves, and (with a database) account administration for operators. Returns the stop functions, in start order.
 */
export async function startStockpulseRole(opts: {
  bus: Bus;
  db: Database | undefined;
  recorder: AuditRecorder;
  config: GatewayConfig;
  logger: Logger;
}): Promise<Array<() => Promise<void>>> {
  const { bus, db, recorder, config, logger } = opts;
  const stops: Array<() => Promise<void>> = [];
  const provider = createSimulatedProvider({
    seed: config.marketSeed,
    ...marketClock(config.marketClockStart),
  });
  const trading = db ? await tradingDeps({ db, bus, recorder, config }) : undefined;
  const alerts = await createKvAlertStore(bus);
  const tools = [
    ...createStockpulseTools({ provider, trading }),
    ...(trading ? priceAlertTools(provider, alerts, trading) : []),
  ];
  const service = await startToolService({
    bus,
    service: STOCKPULSE_SERVICE,
    version: VERSION,
    tools: announcingChanges(tools, bus),
    resources: [
      marketStatusResource(provider),
      alertsResource(alerts),
      ...(trading ? accountResources({ ...trading, provider }) : []),
    ],
    resourceTemplates: [quoteResource(provider), alertResource(alerts)],
    prompts: createStockpulsePrompts(provider),
    logger,
  });
  stops.push(() => service.stop());
  if (trading) {
    const admin = startAccountAdmin({
      bus,
      ledger: trading.ledger,
      grants: trading.consentGrants,
      audit: trading.audit,
    });
    stops.push(async () => {
      for (const sub of admin) sub.unsubscribe();
    });
  }
  const stopAlerts = await startAlertEvaluator({ bus, store: alerts, logger });
  stops.push(async () => stopAlerts());
  if (config.liveTicksMs > 0) {
    const stopTicks = startLiveTicks({ bus, provider, logger, intervalMs: config.liveTicksMs });
    stops.push(async () => stopTicks());
  }
  return stops;
}
