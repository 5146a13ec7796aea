import {
  formatDay,
  parseIsoDate,
  SIMULATION_START_DAY,
  toNewYorkWall,
  toWeeklyBars,
  type DailyBar,
  type MarketDataProvider,
} from '@stockpulse/market-data';
import type { ToolImplementation } from '@stockpulse/tool-service';
import {
  DATE_SCHEMA,
  MONEY_SCHEMA,
  READ_ONLY_ANNOTATIONS,
  strArg,
  SYMBOL_SCHEMA,
  toolError,
  toolOk,
} from './tool-kit.js';

/** Longest range one call may ask for: five years of calendar days. */
export const MAX_HISTORY_DAYS = 5 * 366;
const DEFAULT_DAYS = 30;

/** The bars as CSV, one header line and one line per bar. */
export function barsToCsv(bars: readonly DailyBar[]): string {
  const lines = bars.map((b) => `${b.date},${b.open},${b.high},${b.low},${b.close},${b.volume}`);
  return ['date,open,high,low,close,volume', ...lines].join('\n');
}

/** `get_price_history`: daily or weekly OHLCV bars of one symbol over a date range. */
export function getPriceHistoryTool(provider: MarketDataProvider): ToolImplementation {
  return {
    definition: {
      name: 'get_price_history',
      title: 'Get price history',
      description: `Daily or weekly OHLCV bars of one US-listed stock between two dates (inclusive, trading days only; default the last ${DEFAULT_DAYS} days). At most 5 years per call, from 2000-01-03. format "csv" also returns the bars as CSV text.`,
      inputSchema: {
        type: 'object',
        properties: {
          symbol: SYMBOL_SCHEMA,
          from: { ...DATE_SCHEMA, description: 'First date, YYYY-MM-DD' },
          to: { ...DATE_SCHEMA, description: 'Last date, YYYY-MM-DD (default today, New York)' },
          interval: { type: 'string', enum: ['daily', 'weekly'], default: 'daily' },
          format: { type: 'string', enum: ['json', 'csv'], default: 'json' },
        },
        required: ['symbol'],
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: {
          symbol: { type: 'string' },
          interval: { type: 'string', enum: ['daily', 'weekly'] },
          from: DATE_SCHEMA,
          to: DATE_SCHEMA,
          currency: { type: 'string' },
          source: { type: 'string' },
          count: { type: 'integer' },
          bars: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                date: DATE_SCHEMA,
                open: MONEY_SCHEMA,
                high: MONEY_SCHEMA,
                low: MONEY_SCHEMA,
                close: MONEY_SCHEMA,
                volume: { type: 'integer' },
              },
              required: ['date', 'open', 'high', 'low', 'close', 'volume'],
            },
          },
        },
        required: ['symbol', 'interval', 'from', 'to', 'count', 'bars'],
      },
      annotations: READ_ONLY_ANNOTATIONS,
    },
    handler: async (args) => {
      const symbol = String(args['symbol']).toUpperCase();
      const interval = strArg(args, 'interval') === 'weekly' ? 'weekly' : 'daily';
      const toText = strArg(args, 'to') ?? formatDay(toNewYorkWall(provider.now()).day);
      const toDay = parseIsoDate(toText);
      if (toDay === null) return toolError(`Invalid date "to": ${toText}`);
      const fromText = strArg(args, 'from') ?? formatDay(toDay - DEFAULT_DAYS);
      const fromDay = parseIsoDate(fromText);
      if (fromDay === null) return toolError(`Invalid date "from": ${fromText}`);
      if (fromDay > toDay) return toolError(`Bad range: from ${fromText} is after to ${toText}.`);
      if (toDay - fromDay > MAX_HISTORY_DAYS) {
        return toolError(`Range too long: at most 5 years per call (${fromText} to ${toText}).`);
      }
      if (toDay < SIMULATION_START_DAY) {
        return toolError(`No history before ${formatDay(SIMULATION_START_DAY)}.`);
      }
      const daily = await provider.getDailyBars(symbol, fromText, toText);
      if (!daily) return toolError(`Unknown symbol: ${symbol}`);
      const bars = interval === 'weekly' ? toWeeklyBars(daily) : daily;
      const structured = {
        symbol,
        interval,
        from: fromText,
        to: toText,
        currency: 'USD',
        source: provider.id,
        count: bars.length,
        bars,
      };
      if (strArg(args, 'format') === 'csv') return toolOk(barsToCsv(bars), structured);
      const first = bars[0];
      const last = bars[bars.length - 1];
      const text =
        first && last
          ? `${symbol} ${interval} ${first.date}..${last.date}: ${bars.length} bars, open ${first.open}, last close ${last.close} USD [${provider.id}]`
          : `${symbol}: no trading days between ${fromText} and ${toText}.`;
      return toolOk(text, structured);
    },
  };
}
