import {
  createConsentGrantRepository,
  createDatabase,
  createLedgerRepository,
  createOrderPreviewRepository,
  createWatchlistRepository,
  type Database,
} from '@stockpulse/db';
import type { MarketDataProvider } from '@stockpulse/market-data';
import type { AuditInput } from '@stockpulse/protocol';
import { Decimal } from '@stockpulse/ledger';
import type { IdempotencyStore, TradingDeps, TradingOptions } from '../src/trading-deps.js';
import { OPEN_INSTANT, pinnedProvider } from './call-tool.js';

/** An in-memory {@link IdempotencyStore} (the gateway uses a NATS KV bucket). */
export function memoryIdempotency(): IdempotencyStore & { readonly data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: async (k) => data.get(k) ?? null,
    create: async (k, v) => {
      if (data.has(k)) return false;
      data.set(k, v);
      return true;
    },
    put: async (k, v) => {
      data.set(k, v);
    },
  };
}

/** A provider on a movable clock whose quoted prices can be scaled, to simulate drift. */
export interface MovableProvider extends MarketDataProvider {
  at: Date;
  /** Multiplies every quoted price (1 = the simulation's own). */
  scale: string;
}

/** A {@link MovableProvider} starting at an instant when the market is open. */
export function movableProvider(start: Date = OPEN_INSTANT): MovableProvider {
  const state = { at: start, scale: '1' };
  const inner = pinnedProvider(start);
  const provider = {
    ...inner,
    get at() {
      return state.at;
    },
    set at(v: Date) {
      state.at = v;
    },
    get scale() {
      return state.scale;
    },
    set scale(v: string) {
      state.scale = v;
    },
    now: () => state.at,
  };
  const real = (at: Date) => pinnedProvider(at);
  provider.getQuote = async (symbol: string) => {
    const q = await real(state.at).getQuote(symbol);
    if (!q || state.scale === '1') return q;
    return { ...q, price: new Decimal(q.price).times(state.scale).toDecimalPlaces(2).toFixed(2) };
  };
  provider.listSymbols = () => inner.listSymbols();
  return provider;
}

/** Trading deps over a fresh in-memory PGlite database, with audit events collected. */
export interface TradingFixture {
  readonly db: Database;
  readonly deps: TradingDeps;
  readonly provider: MovableProvider;
  readonly audits: AuditInput[];
  readonly idempotency: ReturnType<typeof memoryIdempotency>;
  close(): Promise<void>;
}

/** Opens a {@link TradingFixture}. */
export async function tradingFixture(options: TradingOptions = {}): Promise<TradingFixture> {
  const db = await createDatabase();
  await db.migrate();
  const provider = movableProvider();
  const audits: AuditInput[] = [];
  const idempotency = memoryIdempotency();
  const deps: TradingDeps = {
    provider,
    ledger: createLedgerRepository(db),
    watchlists: createWatchlistRepository(db),
    previews: createOrderPreviewRepository(db),
    consentGrants: createConsentGrantRepository(db),
    idempotency,
    audit: async (input) => {
      audits.push(input);
    },
    options,
  };
  return { db, deps, provider, audits, idempotency, close: () => db.destroy() };
}
