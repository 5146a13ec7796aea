import {
  compareDecimal,
  formatDay,
  parseIsoDate,
  percentChange,
  tradingSession,
  type MarketDataProvider,
} from '@stockpulse/market-data';

/** One news item; `source` says where it comes from (`simulated` for the demo feed). */
export interface NewsItem {
  readonly id: string;
  readonly symbol: string;
  readonly headline: string;
  readonly summary: string;
  readonly publishedAt: string;
  readonly source: string;
}

/** A source of news about a symbol; null for an unknown symbol. */
export type NewsSource = (symbol: string, limit: number) => Promise<NewsItem[] | null>;

/** Said with every simulated list, so nobody mistakes it for real news. */
export const SIMULATED_NEWS_DISCLAIMER =
  'Simulated demo headlines written from the simulated price feed; not real news.';

const UP = [
  '{name} shares climb {pct}% in a broad {sector} rally',
  '{symbol} gains {pct}% as buyers return to {industry}',
  'Investors bid up {name}, stock ends {pct}% higher',
];
const DOWN = [
  '{name} slips {pct}% as {sector} stocks cool',
  '{symbol} falls {pct}% amid profit-taking in {industry}',
  'Sellers weigh on {name}; shares close {pct}% lower',
];
const FLAT = [
  '{name} little changed in a quiet session',
  '{symbol} ends flat as {sector} traders await fresh catalysts',
];

/** FNV-1a: a small, stable hash so the same symbol and day always get the same template. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Whole cents of a two-place decimal string, exactly. */
function cents(money: string): number {
  return Number(money.replace('.', ''));
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

/**
 * Deterministic demo headlines, one per completed trading session, written from that session's
 * simulated move (so they agree with the quotes and bars of the same provider). Newest first;
 * `source: 'simulated'`.
 */
export function createSimulatedNews(provider: MarketDataProvider): NewsSource {
  return async (symbol, limit) => {
    const info = provider.listSymbols().find((s) => s.symbol === symbol.toUpperCase());
    if (!info) return null;
    const now = provider.now();
    const today = parseIsoDate(now.toISOString().slice(0, 10))!;
    const bars =
      (await provider.getDailyBars(
        info.symbol,
        formatDay(today - 3 * limit - 14),
        formatDay(today),
      )) ?? [];
    const items: NewsItem[] = [];
    for (let i = bars.length - 1; i > 0 && items.length < limit; i--) {
      const bar = bars[i]!;
      const session = tradingSession(parseIsoDate(bar.date)!);
      if (!session || session.close > now) continue;
      const change = percentChange(cents(bar.close), cents(bars[i - 1]!.close));
      const pool =
        compareDecimal(change, '0.5') >= 0 ? UP : compareDecimal(change, '-0.5') <= 0 ? DOWN : FLAT;
      const vars = {
        name: info.name,
        symbol: info.symbol,
        sector: info.sector,
        industry: info.industry,
        pct: change.replace('-', ''),
      };
      const headline = fill(pool[hash(`${info.symbol}:${bar.date}`) % pool.length]!, vars);
      items.push({
        id: `${info.symbol}-${bar.date}`,
        symbol: info.symbol,
        headline,
        summary: `${info.symbol} closed at ${bar.close} USD on ${bar.date} (${change}% on the previous close), volume ${bar.volume}. Simulated.`,
        publishedAt: new Date(session.close.getTime() + 5 * 60_000).toISOString(),
        source: provider.id,
      });
    }
    return items;
  };
}
