import { getMarketStatus, type MarketDataProvider } from '@stockpulse/market-data';
import type {
  ResourceImplementation,
  ResourceTemplateImplementation,
} from '@stockpulse/tool-service';

/** URI of the quote resource of one symbol. */
export function quoteUri(symbol: string): string {
  return `stockpulse://quotes/${symbol}`;
}

/** URI of the market status resource. */
export const MARKET_STATUS_URI = 'stockpulse://market/status';

/** Completion values: symbols of the universe starting with what was typed (case-insensitive). */
export function completeSymbol(provider: MarketDataProvider, typed: string): string[] {
  const prefix = typed.toUpperCase();
  return provider
    .listSymbols()
    .map((s) => s.symbol)
    .filter((s) => s.startsWith(prefix))
    .sort();
}

/** `stockpulse://quotes/{symbol}`: the latest quote of a symbol, as JSON; subscribable. */
export function quoteResource(provider: MarketDataProvider): ResourceTemplateImplementation {
  return {
    definition: {
      uriTemplate: 'stockpulse://quotes/{symbol}',
      name: 'quote',
      title: 'Live quote',
      description:
        'Latest quote of one US-listed stock (simulated demo data). Subscribe to hear when it changes.',
      mimeType: 'application/json',
    },
    read: async (uri, vars) => {
      const quote = await provider.getQuote((vars['symbol'] ?? '').toUpperCase());
      if (!quote) return null;
      return [{ uri, mimeType: 'application/json', text: JSON.stringify(quote) }];
    },
    complete: async (variable, value) =>
      variable === 'symbol' ? completeSymbol(provider, value) : [],
  };
}

/** `stockpulse://market/status`: whether the US market is open, and its next session. */
export function marketStatusResource(provider: MarketDataProvider): ResourceImplementation {
  return {
    definition: {
      uri: MARKET_STATUS_URI,
      name: 'market-status',
      title: 'US market status',
      description: 'NYSE session phase now, with the next open and close.',
      mimeType: 'application/json',
    },
    read: async () => [
      {
        uri: MARKET_STATUS_URI,
        mimeType: 'application/json',
        text: JSON.stringify(getMarketStatus(provider.now())),
      },
    ],
  };
}
