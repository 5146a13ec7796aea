import {
  formatDay,
  toNewYorkWall,
  type DailyBar,
  type MarketDataProvider,
} from '@stockpulse/market-data';
import type { ToolImplementation } from '@stockpulse/tool-service';
import {
  DEFAULT_INDICATOR_LOOKBACK,
  GET_INDICATORS_INPUT_SCHEMA,
  GET_INDICATORS_OUTPUT_SCHEMA,
} from './get-indicators-schema.js';
import { resolveIndicator, toDecimalString, type ResolvedIndicator } from './indicator-library.js';
import { intArg, READ_ONLY_ANNOTATIONS, toolError, toolOk } from './tool-kit.js';

/** One output point: a date and the indicator's fields as decimal strings. */
export type IndicatorPoint = { date: string } & Record<string, string>;

/** Daily bars one call needs: the lookback plus the longest warm-up among the indicators. */
export function barsNeeded(indicators: readonly ResolvedIndicator[], lookback: number): number {
  return lookback + Math.max(0, ...indicators.map((i) => i.warmUp));
}

/**
 * Calendar days that surely hold `bars` trading days ending today: about 252 trading days per
 * 365 calendar days, plus room for a long weekend and holidays.
 */
export function calendarSpan(bars: number): number {
  return Math.ceil((bars * 365) / 250) + 7;
}

/** The last `lookback` values of one indicator after its warm-up, as decimal strings. */
export function indicatorSeries(
  indicator: ResolvedIndicator,
  bars: readonly DailyBar[],
  lookback: number,
): IndicatorPoint[] {
  const raw = indicator.run(bars);
  const points: IndicatorPoint[] = [];
  raw.forEach((values, i) => {
    const bar = bars[i];
    if (i < indicator.warmUp || !values || !bar) return;
    const point: IndicatorPoint = { date: bar.date };
    for (const f of indicator.fields) {
      point[f] = toDecimalString(values[f] ?? Number.NaN, indicator.decimals);
    }
    points.push(point);
  });
  return points.slice(-lookback);
}

function describeLatest(label: string, fields: readonly string[], p: IndicatorPoint | undefined) {
  if (!p) return `${label} n/a`;
  if (fields.length === 1) return `${label} ${p['value'] ?? ''}`;
  return `${label} ${fields.map((f) => `${f} ${p[f] ?? ''}`).join(' ')}`;
}

function resolveAll(args: Record<string, unknown>): ResolvedIndicator[] | string {
  const requests = Array.isArray(args['indicators']) ? (args['indicators'] as unknown[]) : [];
  const resolved: ResolvedIndicator[] = [];
  for (const req of requests) {
    const { name, ...params } = (req ?? {}) as Record<string, unknown>;
    const r = resolveIndicator(String(name), params);
    if (typeof r === 'string') return r;
    resolved.push(r);
  }
  return resolved.length > 0 ? resolved : 'At least one indicator is required.';
}

/** `get_indicators`: technical indicators of one symbol over daily closes, via trading-signals. */
export function getIndicatorsTool(provider: MarketDataProvider): ToolImplementation {
  return {
    definition: {
      name: 'get_indicators',
      title: 'Get technical indicators',
      description: `Technical indicators of one US-listed stock on daily bars, computed with the trading-signals library: sma, ema, rsi (Wilder), macd, bbands (population standard deviation), atr (Wilder), stoch. Returns the last "lookback" trading days (default ${DEFAULT_INDICATOR_LOOKBACK}, max 500) per indicator, after enough earlier bars for warm-up; today's bar is partial while the market is open. Prices and levels have 4 decimals, rsi and stoch 2.`,
      inputSchema: GET_INDICATORS_INPUT_SCHEMA,
      outputSchema: GET_INDICATORS_OUTPUT_SCHEMA,
      annotations: READ_ONLY_ANNOTATIONS,
    },
    handler: async (args) => {
      const symbol = String(args['symbol']).toUpperCase();
      const lookback = intArg(args, 'lookback', DEFAULT_INDICATOR_LOOKBACK);
      const indicators = resolveAll(args);
      if (typeof indicators === 'string') return toolError(indicators);
      const need = barsNeeded(indicators, lookback);
      const toDay = toNewYorkWall(provider.now()).day;
      const daily = await provider.getDailyBars(
        symbol,
        formatDay(toDay - calendarSpan(need)),
        formatDay(toDay),
      );
      if (!daily) return toolError(`Unknown symbol: ${symbol}`);
      const bars = daily.slice(-need);
      const last = bars[bars.length - 1];
      if (!last) return toolError(`${symbol}: no daily bars available.`);
      const results = indicators.map((ind) => {
        const points = indicatorSeries(ind, bars, lookback);
        const latest = points[points.length - 1] ?? null;
        const { name, label, params, fields, warmUp } = ind;
        return {
          name,
          label,
          params,
          fields,
          warmUp,
          count: points.length,
          latest,
          series: points,
        };
      });
      const summary = results.map((r) => describeLatest(r.label, r.fields, r.latest ?? undefined));
      const text = `${symbol} daily indicators as of ${last.date}: ${summary.join('; ')} [${provider.id}]`;
      return toolOk(text, {
        symbol,
        interval: 'daily',
        lookback,
        asOf: last.date,
        barsUsed: bars.length,
        currency: 'USD',
        source: provider.id,
        indicators: results,
      });
    },
  };
}
