export { createStockpulseTools, STOCKPULSE_SERVICE } from './stockpulse-tools.js';
export { getQuoteTool } from './get-quote.js';
export { searchSymbolsTool } from './search-symbols.js';
export { getPriceHistoryTool, barsToCsv, MAX_HISTORY_DAYS } from './get-price-history.js';
export { getCompanyProfileTool } from './get-company-profile.js';
export { getMarketMoversTool } from './get-market-movers.js';
export { screenStocksTool, ScreenSort } from './screen-stocks.js';
export { getMarketStatusTool } from './get-market-status.js';
export { getMarketCalendarTool, MAX_CALENDAR_DAYS } from './get-market-calendar.js';
