import type { ToolResult } from '@stockpulse/protocol';

/** JSON Schema of a two-place USD decimal string. */
export const MONEY_SCHEMA = { type: 'string', pattern: '^-?\\d+\\.\\d{2}$' } as const;

/** JSON Schema of a `YYYY-MM-DD` date. */
export const DATE_SCHEMA = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

/** JSON Schema of a ticker symbol argument (case-insensitive). */
export const SYMBOL_SCHEMA = {
  type: 'string',
  description: 'Ticker symbol, e.g. AAPL',
  pattern: '^[A-Za-z][A-Za-z.]{0,9}$',
} as const;

/** Annotations shared by every market-data tool: read-only, closed world, idempotent. */
/** Input of the tools that take one symbol and nothing else. */
export const SYMBOL_INPUT_SCHEMA = {
  type: 'object',
  properties: { symbol: SYMBOL_SCHEMA },
  required: ['symbol'],
  additionalProperties: false,
} as const;

export const READ_ONLY_ANNOTATIONS = {
  readOnlyHint: true,
  openWorldHint: false,
  idempotentHint: true,
} as const;

/** JSON Schema properties of a symbol's identity, as search results and profiles show it. */
export const SYMBOL_INFO_PROPERTIES = {
  symbol: { type: 'string' },
  name: { type: 'string' },
  sector: { type: 'string' },
  industry: { type: 'string' },
  exchange: { type: 'string' },
} as const;

/** JSON Schema of a quote summary row, as movers and screens return it. */
export const QUOTE_ROW_SCHEMA = {
  type: 'object',
  properties: {
    symbol: { type: 'string' },
    name: { type: 'string' },
    price: MONEY_SCHEMA,
    change: MONEY_SCHEMA,
    changePercent: MONEY_SCHEMA,
    volume: { type: 'integer' },
  },
  required: ['symbol', 'name', 'price', 'changePercent', 'volume'],
} as const;

/** A tool failure the model can read: a text block and `isError: true`. */
export function toolError(text: string): ToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

/** A successful result: a short text form plus structured content. */
export function toolOk(text: string, structured: Record<string, unknown>): ToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

/** An optional integer argument, or its default; arguments are already schema-validated. */
export function intArg(args: Record<string, unknown>, key: string, fallback: number): number {
  const v = args[key];
  return typeof v === 'number' ? v : fallback;
}

/** An optional string argument, or undefined. */
export function strArg(args: Record<string, unknown>, key: string): string | undefined {
  const v = args[key];
  return typeof v === 'string' ? v : undefined;
}
