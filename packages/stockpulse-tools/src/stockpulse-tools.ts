import type { MarketDataProvider } from '@stockpulse/market-data';
import type { ToolImplementation } from '@stockpulse/tool-service';
import { getQuoteTool } from './get-quote.js';

/** Id of the StockPulse tool service on the bus. */
export const STOCKPULSE_SERVICE = 'stockpulse';

/** Every StockPulse tool, served by one tool service. */
export function createStockpulseTools(deps: {
  provider: MarketDataProvider;
}): ToolImplementation[] {
  return [getQuoteTool(deps.provider)];
}
