import { createHash, randomUUID } from 'node:crypto';
import { compareDecimal, type MarketDataProvider } from '@stockpulse/market-data';
import {
  ErrorCode,
  GatewayError,
  priceAlertsBucket,
  silentLogger,
  subjects,
  type Logger,
} from '@stockpulse/protocol';
import type { Bus, KvStore } from '@stockpulse/bus';
import {
  announceResourceUpdated,
  type RequestContext,
  type ResourceImplementation,
  type ResourceTemplateImplementation,
  type ToolImplementation,
} from '@stockpulse/tool-service';
import { MONEY_SCHEMA, SYMBOL_SCHEMA, toolError, toolOk } from './tool-kit.js';
import type { Tick } from './live-ticks.js';
import { DESTRUCTIVE_ANNOTATIONS } from './trading-schemas.js';
import { consentFor, DELETED_SCHEMA, notDeleted, type ConsentDeps } from './trading-consent.js';

/** Whether an alert fires when the price rises to its level or falls to it. */
export type AlertCondition = 'above' | 'below';

/** A price alert of one user. */
export interface PriceAlert {
  readonly id: string;
  readonly principalId: string;
  readonly symbol: string;
  readonly condition: AlertCondition;
  /** The level, a two-place decimal string. */
  readonly price: string;
  readonly note?: string;
  readonly status: 'active' | 'triggered';
  readonly createdAt: string;
  readonly triggeredAt?: string;
  readonly triggerPrice?: string;
}

/** Most active alerts one user holds. */
export const MAX_ACTIVE_ALERTS = 50;

/** Where alerts are kept: any replica of the tool role reads and fires them. */
export interface AlertStore {
  create(alert: PriceAlert): Promise<void>;
  list(principalId: string): Promise<PriceAlert[]>;
  /** One of the user's alerts, or null. */
  get(principalId: string, id: string): Promise<PriceAlert | null>;
  /** False when the user has no such alert. */
  delete(principalId: string, id: string): Promise<boolean>;
  /** Marks an active alert triggered; null when it is gone or another replica fired it first. */
  trigger(alert: PriceAlert, price: string, at: Date): Promise<PriceAlert | null>;
  /** Calls `onChange` with every alert now and on every change (null value: deleted). */
  watch(onChange: (key: string, alert: PriceAlert | null) => void): Promise<() => void>;
}

function principalToken(principalId: string): string {
  return createHash('sha256').update(principalId).digest('hex').slice(0, 32);
}

const ALERT_ID = /^alert-[0-9a-f-]{36}$/;

/** The alert store over the `mcpgw-price-alerts` bucket in NATS KV. */
export async function createKvAlertStore(bus: Bus): Promise<AlertStore> {
  const kv: KvStore = await bus.kv(priceAlertsBucket.bucket);
  const keyOf = (principalId: string, id: string): string => `${principalToken(principalId)}.${id}`;
  return {
    async create(alert) {
      await kv.create(keyOf(alert.principalId, alert.id), JSON.stringify(alert));
    },
    async list(principalId) {
      const keys = await kv.keys(`${principalToken(principalId)}.*`);
      const out: PriceAlert[] = [];
      for (const key of keys) {
        const e = await kv.get(key);
        if (e) out.push(e.json<PriceAlert>());
      }
      return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },
    async get(principalId, id) {
      if (!ALERT_ID.test(id)) return null;
      const e = await kv.get(keyOf(principalId, id));
      return e ? e.json<PriceAlert>() : null;
    },
    async delete(principalId, id) {
      if (!ALERT_ID.test(id)) return false;
      const key = keyOf(principalId, id);
      if (!(await kv.get(key))) return false;
      await kv.delete(key);
      return true;
    },
    async trigger(alert, price, at) {
      const key = keyOf(alert.principalId, alert.id);
      const e = await kv.get(key);
      if (!e || e.json<PriceAlert>().status !== 'active') return null;
      const fired: PriceAlert = {
        ...e.json<PriceAlert>(),
        status: 'triggered',
        triggeredAt: at.toISOString(),
        triggerPrice: price,
      };
      try {
        await kv.update(key, JSON.stringify(fired), e.revision);
        return fired;
      } catch (err) {
        if (err instanceof GatewayError && err.code === ErrorCode.Conflict) return null;
        throw err;
      }
    },
    watch(onChange) {
      return kv.watch((e) => onChange(e.key, e.operation === 'PUT' ? e.json<PriceAlert>() : null));
    },
  };
}

/** URI of the caller's alert list, and of one alert. */
export const ALERTS_URI = 'stockpulse://alerts';
export const alertUri = (id: string): string => `${ALERTS_URI}/${id}`;

/** Whether a price meets an alert's condition. */
export function crosses(alert: Pick<PriceAlert, 'condition' | 'price'>, price: string): boolean {
  const c = compareDecimal(price, alert.price);
  return alert.condition === 'above' ? c >= 0 : c <= 0;
}

const ALERT_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    symbol: { type: 'string' },
    condition: { type: 'string', enum: ['above', 'below'] },
    price: MONEY_SCHEMA,
    note: { type: 'string' },
    status: { type: 'string', enum: ['active', 'triggered'] },
    createdAt: { type: 'string' },
    triggeredAt: { type: 'string' },
    triggerPrice: MONEY_SCHEMA,
  },
  required: ['id', 'symbol', 'condition', 'price', 'status', 'createdAt'],
} as const;

/** The alert as the user sees it (no principal). */
function shown(a: PriceAlert): Record<string, unknown> {
  const { principalId: _owner, ...rest } = a;
  return rest;
}

function describe(a: PriceAlert): string {
  const state =
    a.status === 'triggered' ? `triggered at ${a.triggerPrice} on ${a.triggeredAt}` : 'active';
  return `${a.id}: ${a.symbol} ${a.condition} ${a.price} (${state})${a.note ? ` - ${a.note}` : ''}`;
}

/**
 * The price alert tools: create, list and delete. Deleting is destructive, so it needs the
 * user's consent (elicitation, or a standing grant for `delete_price_alert`) like the other
 * destructive tools.
 */
export function priceAlertTools(
  provider: MarketDataProvider,
  store: AlertStore,
  consent: ConsentDeps,
): ToolImplementation[] {
  const create: ToolImplementation = {
    definition: {
      name: 'create_price_alert',
      title: 'Create price alert',
      description: `Alert when a stock's price rises to (above) or falls to (below) a level. A triggered alert updates the resources ${ALERTS_URI} and ${ALERTS_URI}/{id}; subscribe to them to be told. At most ${MAX_ACTIVE_ALERTS} active alerts.`,
      inputSchema: {
        type: 'object',
        properties: {
          symbol: SYMBOL_SCHEMA,
          condition: { type: 'string', enum: ['above', 'below'] },
          price: { ...MONEY_SCHEMA, description: 'Level in USD, e.g. "185.50"' },
          note: { type: 'string', maxLength: 200 },
        },
        required: ['symbol', 'condition', 'price'],
        additionalProperties: false,
      },
      outputSchema: ALERT_SCHEMA,
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: false },
    },
    handler: async (args, ctx) => {
      const symbol = String(args['symbol']).toUpperCase();
      const quote = await provider.getQuote(symbol);
      if (!quote) return toolError(`Unknown symbol: ${symbol}`);
      const price = String(args['price']);
      if (compareDecimal(price, '0') <= 0) return toolError('price must be above 0.00');
      const mine = await store.list(ctx.principalId);
      if (mine.filter((a) => a.status === 'active').length >= MAX_ACTIVE_ALERTS) {
        return toolError(`You already have ${MAX_ACTIVE_ALERTS} active alerts; delete one first.`);
      }
      const alert: PriceAlert = {
        id: `alert-${randomUUID()}`,
        principalId: ctx.principalId,
        symbol,
        condition: args['condition'] === 'below' ? 'below' : 'above',
        price,
        ...(typeof args['note'] === 'string' ? { note: args['note'] } : {}),
        status: 'active',
        createdAt: new Date().toISOString(),
      };
      await store.create(alert);
      const already = crosses(alert, quote.price)
        ? ` Note: ${symbol} is already at ${quote.price}; the alert fires on the next tick.`
        : '';
      return toolOk(`Created ${describe(alert)}.${already}`, shown(alert));
    },
  };
  const list: ToolImplementation = {
    definition: {
      name: 'list_price_alerts',
      title: 'List price alerts',
      description: 'Your price alerts, active and triggered, oldest first.',
      inputSchema: {
        type: 'object',
        properties: { status: { type: 'string', enum: ['active', 'triggered'] } },
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: { alerts: { type: 'array', items: ALERT_SCHEMA } },
        required: ['alerts'],
      },
      annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
    },
    handler: async (args, ctx) => {
      const status = args['status'];
      const alerts = (await store.list(ctx.principalId)).filter(
        (a) => status === undefined || a.status === status,
      );
      const text = alerts.length ? alerts.map(describe).join('\n') : 'No price alerts.';
      return toolOk(text, { alerts: alerts.map(shown) });
    },
  };
  const remove: ToolImplementation = {
    definition: {
      name: 'delete_price_alert',
      title: 'Delete price alert',
      description: 'Deletes one of your price alerts by id.',
      inputSchema: {
        type: 'object',
        properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
        required: ['id'],
        additionalProperties: false,
      },
      outputSchema: DELETED_SCHEMA,
      annotations: DESTRUCTIVE_ANNOTATIONS,
    },
    handler: async (args, ctx) => {
      const id = String(args['id']);
      const alert = await store.get(ctx.principalId, id);
      if (!alert) return toolError(`No such alert: ${id}`);
      const asked = await consentFor(
        consent,
        ctx,
        'delete_price_alert',
        `Delete the price alert ${describe(alert)}?`,
        { alertId: id },
        notDeleted('Alert', id),
      );
      if (asked.stop) return asked.stop;
      if (!(await store.delete(ctx.principalId, id))) return toolError(`No such alert: ${id}`);
      return toolOk(`Deleted ${id}.`, { id, deleted: true, consent: asked.consent });
    },
  };
  return [create, list, remove];
}

const json = (uri: string, value: unknown) => [
  { uri, mimeType: 'application/json', text: JSON.stringify(value) },
];

/** `stockpulse://alerts`: the caller's alerts. */
export function alertsResource(store: AlertStore): ResourceImplementation {
  return {
    definition: {
      uri: ALERTS_URI,
      name: 'price-alerts',
      title: 'My price alerts',
      description: 'Your price alerts; updated when one fires.',
      mimeType: 'application/json',
    },
    read: async (ctx: RequestContext) =>
      json(ALERTS_URI, { alerts: (await store.list(ctx.principalId)).map(shown) }),
  };
}

/** `stockpulse://alerts/{id}`: one of the caller's alerts. */
export function alertResource(store: AlertStore): ResourceTemplateImplementation {
  return {
    definition: {
      uriTemplate: `${ALERTS_URI}/{id}`,
      name: 'price-alert',
      title: 'One price alert',
      mimeType: 'application/json',
    },
    read: async (uri, vars, ctx) => {
      const alert = await store.get(ctx.principalId, vars['id'] ?? '');
      return alert ? json(uri, shown(alert)) : null;
    },
  };
}

/**
 * Fires alerts from live ticks: keeps the active alerts in memory through the store's watch,
 * and when a tick meets one, marks it triggered (once, whichever replica gets there first) and
 * announces the updated resources. Stops with the returned function.
 */
export async function startAlertEvaluator(opts: {
  bus: Bus;
  store: AlertStore;
  logger?: Logger;
}): Promise<() => void> {
  const { bus, store } = opts;
  const logger = opts.logger ?? silentLogger;
  const active = new Map<string, PriceAlert>();
  const stopWatch = await store.watch((key, alert) => {
    if (alert && alert.status === 'active') active.set(key, alert);
    else active.delete(key);
  });
  const sub = bus.subscribe(subjects.marketTick('*'), async (msg) => {
    const tick = msg.json<Tick>();
    for (const [key, alert] of active) {
      if (alert.symbol !== tick.symbol || !crosses(alert, tick.price)) continue;
      active.delete(key);
      const fired = await store.trigger(alert, tick.price, new Date(tick.asOf));
      if (!fired) continue;
      logger.info({ alertId: fired.id, symbol: fired.symbol, price: tick.price }, 'alert fired');
      announceResourceUpdated(bus, alertUri(fired.id));
      announceResourceUpdated(bus, ALERTS_URI);
    }
  });
  return () => {
    sub.unsubscribe();
    stopWatch();
  };
}
