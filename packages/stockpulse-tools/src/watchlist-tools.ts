import { ErrorCode, GatewayError, type ToolResult } from '@stockpulse/protocol';
import type { ToolImplementation } from '@stockpulse/tool-service';
import type { WatchlistRecord } from '@stockpulse/db';
import { SYMBOL_SCHEMA, toolError, toolOk } from './tool-kit.js';
import type { TradingDeps } from './trading-deps.js';
import { consentFor, ConsentOutcome, DELETED_SCHEMA, notDeleted } from './trading-consent.js';
import { accountOf, mintId } from './trading-market.js';
import { ACCOUNT_READ_ANNOTATIONS, DESTRUCTIVE_ANNOTATIONS } from './trading-schemas.js';

/** Most symbols one watchlist holds. */
export const MAX_WATCHLIST_SYMBOLS = 100;

const NAME_SCHEMA = { type: 'string', minLength: 1, maxLength: 64 } as const;
const SYMBOLS_SCHEMA = {
  type: 'array',
  items: SYMBOL_SCHEMA,
  maxItems: MAX_WATCHLIST_SYMBOLS,
} as const;
const WATCHLIST_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    symbols: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
  required: ['id', 'name', 'symbols'],
} as const;
const ID_INPUT = { id: { type: 'string', minLength: 1, maxLength: 128 } } as const;

type WatchlistDeps = Pick<
  TradingDeps,
  'provider' | 'watchlists' | 'newId' | 'consentGrants' | 'audit' | 'options'
>;

function view(w: WatchlistRecord): Record<string, unknown> {
  return {
    id: w.id,
    name: w.name,
    symbols: [...w.symbols],
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}

function line(w: WatchlistRecord): string {
  return `${w.name} (${w.id}): ${w.symbols.length > 0 ? w.symbols.join(', ') : 'empty'}`;
}

/** Upper-cased, de-duplicated symbols in order, or the unknown ones as an error text. */
function checkSymbols(deps: WatchlistDeps, raw: unknown): string[] | ToolResult {
  const symbols = [...new Set((raw as string[]).map((s) => s.toUpperCase()))];
  const known = new Set(deps.provider.listSymbols().map((s) => s.symbol));
  const unknown = symbols.filter((s) => !known.has(s));
  return unknown.length > 0 ? toolError(`Unknown symbols: ${unknown.join(', ')}`) : symbols;
}

/** A `conflict` from the repository (name taken) as a tool error; anything else rethrown. */
function nameConflict(err: unknown): ToolResult {
  if (err instanceof GatewayError && err.code === ErrorCode.Conflict) return toolError(err.message);
  throw err;
}

const WRITE_ANNOTATIONS = { readOnlyHint: false, openWorldHint: false } as const;

/** `create_watchlist`: a new named list of symbols for the caller. */
export function createWatchlistTool(deps: WatchlistDeps): ToolImplementation {
  return {
    definition: {
      name: 'create_watchlist',
      title: 'Create watchlist',
      description: `Creates a named watchlist of up to ${MAX_WATCHLIST_SYMBOLS} symbols for the caller; names are unique per caller.`,
      inputSchema: {
        type: 'object',
        properties: { name: NAME_SCHEMA, symbols: SYMBOLS_SCHEMA },
        required: ['name'],
        additionalProperties: false,
      },
      outputSchema: WATCHLIST_SCHEMA,
      annotations: { ...WRITE_ANNOTATIONS, destructiveHint: false, idempotentHint: false },
    },
    handler: async (args, ctx) => {
      const symbols = checkSymbols(deps, args['symbols'] ?? []);
      if (!Array.isArray(symbols)) return symbols;
      try {
        const w = await deps.watchlists.create({
          id: mintId(deps, 'wl'),
          ownerId: accountOf(ctx.principalId),
          name: String(args['name']),
          symbols,
        });
        return toolOk(`Created watchlist ${line(w)}`, view(w));
      } catch (err) {
        return nameConflict(err);
      }
    },
  };
}

/** `list_watchlists`: the caller's watchlists by name. */
export function listWatchlistsTool(deps: WatchlistDeps): ToolImplementation {
  return {
    definition: {
      name: 'list_watchlists',
      title: 'List watchlists',
      description: "The caller's watchlists, by name, with their symbols.",
      inputSchema: { type: 'object', properties: {}, additionalProperties: false },
      outputSchema: {
        type: 'object',
        properties: {
          count: { type: 'integer' },
          watchlists: { type: 'array', items: WATCHLIST_SCHEMA },
        },
        required: ['count', 'watchlists'],
      },
      annotations: ACCOUNT_READ_ANNOTATIONS,
    },
    handler: async (_args, ctx) => {
      const lists = await deps.watchlists.list(accountOf(ctx.principalId));
      const text = lists.length > 0 ? lists.map(line).join('\n') : 'No watchlists.';
      return toolOk(text, { count: lists.length, watchlists: lists.map(view) });
    },
  };
}

/** `update_watchlist`: renames a watchlist, replaces its symbols, or adds and removes some. */
export function updateWatchlistTool(deps: WatchlistDeps): ToolImplementation {
  return {
    definition: {
      name: 'update_watchlist',
      title: 'Update watchlist',
      description:
        "Changes one of the caller's watchlists: `name` renames it; `symbols` replaces its symbols; `add` and `remove` change them (applied after `symbols`). A change that drops symbols asks the user to confirm (elicitation) unless they hold a standing consent grant for update_watchlist.",
      inputSchema: {
        type: 'object',
        properties: {
          ...ID_INPUT,
          name: NAME_SCHEMA,
          symbols: SYMBOLS_SCHEMA,
          add: SYMBOLS_SCHEMA,
          remove: SYMBOLS_SCHEMA,
        },
        required: ['id'],
        additionalProperties: false,
      },
      outputSchema: {
        ...WATCHLIST_SCHEMA,
        properties: {
          ...WATCHLIST_SCHEMA.properties,
          updated: { type: 'boolean' },
          consent: { enum: Object.values(ConsentOutcome) },
          detail: { type: 'string' },
        },
        required: [...WATCHLIST_SCHEMA.required, 'updated'],
      },
      annotations: DESTRUCTIVE_ANNOTATIONS,
    },
    handler: async (args, ctx) => {
      const owner = accountOf(ctx.principalId);
      const id = String(args['id']);
      const current = await deps.watchlists.get(owner, id);
      if (!current) return toolError(`No watchlist ${id}.`);
      const base = checkSymbols(deps, args['symbols'] ?? current.symbols);
      if (!Array.isArray(base)) return base;
      const added = checkSymbols(deps, args['add'] ?? []);
      if (!Array.isArray(added)) return added;
      const removed = new Set(((args['remove'] as string[]) ?? []).map((s) => s.toUpperCase()));
      const symbols = [...new Set([...base, ...added])].filter((s) => !removed.has(s));
      if (symbols.length > MAX_WATCHLIST_SYMBOLS)
        return toolError(`A watchlist holds at most ${MAX_WATCHLIST_SYMBOLS} symbols.`);
      const dropped = current.symbols.filter((s) => !symbols.includes(s));
      let consent: string | undefined;
      if (dropped.length > 0) {
        const asked = await consentFor(
          deps,
          ctx,
          'update_watchlist',
          `Remove ${dropped.join(', ')} from the watchlist ${current.name}?`,
          { watchlistId: id, dropped },
          (outcome, detail) =>
            toolOk(`Watchlist not changed: ${detail} (consent ${outcome}).`, {
              ...view(current),
              updated: false,
              consent: outcome,
              detail,
            }),
        );
        if (asked.stop) return asked.stop;
        consent = asked.consent;
      }
      try {
        const name = typeof args['name'] === 'string' ? args['name'] : undefined;
        const w = await deps.watchlists.update(owner, id, { name, symbols });
        if (!w) return toolError(`No watchlist ${id}.`);
        return toolOk(`Updated watchlist ${line(w)}`, {
          ...view(w),
          updated: true,
          ...(consent ? { consent } : {}),
        });
      } catch (err) {
        return nameConflict(err);
      }
    },
  };
}

/** `delete_watchlist`: deletes one of the caller's watchlists. */
export function deleteWatchlistTool(deps: WatchlistDeps): ToolImplementation {
  return {
    definition: {
      name: 'delete_watchlist',
      title: 'Delete watchlist',
      description:
        "Deletes one of the caller's watchlists by id, after asking the user to confirm (elicitation) unless they hold a standing consent grant for delete_watchlist.",
      inputSchema: {
        type: 'object',
        properties: ID_INPUT,
        required: ['id'],
        additionalProperties: false,
      },
      outputSchema: DELETED_SCHEMA,
      annotations: DESTRUCTIVE_ANNOTATIONS,
    },
    handler: async (args, ctx) => {
      const id = String(args['id']);
      const owner = accountOf(ctx.principalId);
      const current = await deps.watchlists.get(owner, id);
      if (!current) return toolError(`No watchlist ${id}.`);
      const asked = await consentFor(
        deps,
        ctx,
        'delete_watchlist',
        `Delete the watchlist ${line(current)}?`,
        { watchlistId: id },
        notDeleted('Watchlist', id),
      );
      if (asked.stop) return asked.stop;
      const deleted = await deps.watchlists.delete(owner, id);
      if (!deleted) return toolError(`No watchlist ${id}.`);
      return toolOk(`Deleted watchlist ${id}.`, { id, deleted, consent: asked.consent });
    },
  };
}
