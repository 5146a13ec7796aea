import type { MarketDataProvider } from '@stockpulse/market-data';
import type { ToolImplementation } from '@stockpulse/tool-service';
import { getCompanyProfileTool } from './get-company-profile.js';
import { getIndicatorsTool } from './get-indicators.js';
import { getMarketCalendarTool } from './get-market-calendar.js';
import { getMarketMoversTool } from './get-market-movers.js';
import { getMarketStatusTool } from './get-market-status.js';
import { getPriceHistoryTool } from './get-price-history.js';
import { getQuoteTool } from './get-quote.js';
import { screenStocksTool } from './screen-stocks.js';
import { searchSymbolsTool } from './search-symbols.js';

/** Id of the StockPulse tool service on the bus. */
export const STOCKPULSE_SERVICE = 'stockpulse';

/** Every StockPulse tool, served by one tool service; all read-only market data. */
export function createStockpulseTools(deps: {
  provider: MarketDataProvider;
}): ToolImplementation[] {
  const { provider } = deps;
  return [
    searchSymbolsTool(provider),
    getQuoteTool(provider),
    getPriceHistoryTool(provider),
    getCompanyProfileTool(provider),
    getMarketMoversTool(provider),
    screenStocksTool(provider),
    getMarketStatusTool(provider),
    getMarketCalendarTool(provider),
    getIndicatorsTool(provider),
  ];
}
