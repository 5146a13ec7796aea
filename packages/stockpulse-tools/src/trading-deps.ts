import type { MarketDataProvider } from '@stockpulse/market-data';
import type { AuditInput } from '@stockpulse/protocol';
import type {
  ConsentGrantRepository,
  LedgerRepository,
  OrderPreviewRepository,
  WatchlistRepository,
} from '@stockpulse/db';

/**
 * Idempotency records of order placement, keyed by account and client order id; in the gateway
 * a NATS KV bucket (`mcpgw-idempotency`). Values are JSON text.
 */
export interface IdempotencyStore {
  get(key: string): Promise<string | null>;
  /** Writes the key only when absent; false when it exists. */
  create(key: string, value: string): Promise<boolean>;
  put(key: string, value: string): Promise<void>;
}

/** Tunables of the trading tools; every field has a default. */
export interface TradingOptions {
  /** Cash of an account opened on first use (decimal string); default `100000.00`. */
  readonly startingCash?: string;
  /** How long a preview binds (ms); default 5 minutes. */
  readonly previewTtlMs?: number;
  /** Largest price move since the preview, in percent, that placing still accepts; default 2. */
  readonly maxDriftPercent?: string;
  /** How long to wait for the user's consent (ms), bounded by the call's deadline; default 60 s. */
  readonly consentTimeoutMs?: number;
}

/** What the portfolio and trading tools need: storage, the market, and side channels. */
export interface TradingDeps {
  readonly provider: MarketDataProvider;
  readonly ledger: LedgerRepository;
  readonly watchlists: WatchlistRepository;
  readonly previews: OrderPreviewRepository;
  readonly consentGrants: ConsentGrantRepository;
  readonly idempotency: IdempotencyStore;
  /** Records an audit event durably (acknowledged before the tool replies). */
  readonly audit: (input: AuditInput) => Promise<void>;
  readonly options?: TradingOptions;
  /**
   * Test hook: runs after an order's ledger commit and before its reply (the gateway wires
   * `MCPGW_FAILPOINT=after-fill` to a SIGKILL of its own process here).
   */
  readonly afterOrderCommit?: () => void;
  /** Mints ids; default random UUIDs with a prefix. */
  readonly newId?: (prefix: string) => string;
}

/** {@link TradingOptions} with the defaults filled in. */
export interface ResolvedTradingOptions {
  readonly startingCash: string;
  readonly previewTtlMs: number;
  readonly maxDriftPercent: string;
  readonly consentTimeoutMs: number;
}

/** Default cash of a new paper account. */
export const DEFAULT_STARTING_CASH = '100000.00';

/** Fills in the defaults of {@link TradingOptions}. */
export function resolveTradingOptions(o: TradingOptions = {}): ResolvedTradingOptions {
  return {
    startingCash: o.startingCash ?? DEFAULT_STARTING_CASH,
    previewTtlMs: o.previewTtlMs ?? 5 * 60_000,
    maxDriftPercent: o.maxDriftPercent ?? '2',
    consentTimeoutMs: o.consentTimeoutMs ?? 60_000,
  };
}
