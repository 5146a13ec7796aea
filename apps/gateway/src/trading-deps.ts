import {
  createConsentGrantRepository,
  createLedgerRepository,
  createOrderPreviewRepository,
  createWatchlistRepository,
  type Database,
} from '@stockpulse/db';
import type { Bus } from '@stockpulse/bus';
import type { AuditRecorder } from '@stockpulse/audit';
import type { IdempotencyStore, TradingDeps } from '@stockpulse/stockpulse-tools';
import { ErrorCode, GatewayError, idempotencyBucket } from '@stockpulse/protocol';
import type { GatewayConfig } from './config.js';

/** The idempotency bucket as the trading tools see it. */
async function kvIdempotency(bus: Bus): Promise<IdempotencyStore> {
  const kv = await bus.kv(idempotencyBucket.bucket);
  return {
    async get(key) {
      const entry = await kv.get(key);
      return entry && entry.operation === 'PUT' ? new TextDecoder().decode(entry.value) : null;
    },
    async create(key, value) {
      try {
        await kv.create(key, value);
        return true;
      } catch (err) {
        if (err instanceof GatewayError && err.code === ErrorCode.Conflict) return false;
        throw err;
      }
    },
    async put(key, value) {
      await kv.put(key, value);
    },
  };
}

/**
 * What the tool role's trading tools need: repositories over the database, the idempotency
 * bucket, the process's audit recorder (durable: acknowledged before the reply), and the
 * `MCPGW_FAILPOINT=after-fill` crash hook.
 */
export async function tradingDeps(opts: {
  db: Database;
  bus: Bus;
  recorder: AuditRecorder;
  config: GatewayConfig;
}): Promise<Omit<TradingDeps, 'provider'>> {
  const { db, recorder, config } = opts;
  return {
    ledger: createLedgerRepository(db),
    watchlists: createWatchlistRepository(db),
    previews: createOrderPreviewRepository(db),
    consentGrants: createConsentGrantRepository(db),
    idempotency: await kvIdempotency(opts.bus),
    audit: async (input) => {
      await recorder.recordDurable(input);
    },
    options: { consentTimeoutMs: config.consentTimeoutMs },
    ...(config.failpoint === 'after-fill'
      ? { afterOrderCommit: () => process.kill(process.pid, 'SIGKILL') }
      : {}),
  };
}
