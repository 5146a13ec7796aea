export {
  createStockpulseTools,
  STOCKPULSE_SERVICE,
  TRADING_TOOL_NAMES,
} from './stockpulse-tools.js';
export { getQuoteTool } from './get-quote.js';
export { searchSymbolsTool } from './search-symbols.js';
export { getPriceHistoryTool, barsToCsv, MAX_HISTORY_DAYS } from './get-price-history.js';
export { getCompanyProfileTool } from './get-company-profile.js';
export { getMarketMoversTool } from './get-market-movers.js';
export { screenStocksTool, ScreenSort } from './screen-stocks.js';
export { getMarketStatusTool } from './get-market-status.js';
export { getMarketCalendarTool, MAX_CALENDAR_DAYS } from './get-market-calendar.js';
export { getIndicatorsTool, barsNeeded, calendarSpan } from './get-indicators.js';
export { MAX_INDICATOR_LOOKBACK, DEFAULT_INDICATOR_LOOKBACK } from './get-indicators-schema.js';
export { INDICATOR_NAMES, type IndicatorName } from './indicator-library.js';
export {
  DEFAULT_STARTING_CASH,
  resolveTradingOptions,
  type TradingDeps,
  type TradingOptions,
  type IdempotencyStore,
} from './trading-deps.js';
export { ConsentOutcome, obtainConsent, type ConsentDecision } from './trading-consent.js';
export { idempotencyKey, placeOrderTool } from './place-order.js';
export { previewOrderTool } from './preview-order.js';
export { cancelOrderTool } from './cancel-order.js';
export { getAccountTool } from './get-account.js';
export { getPositionsTool } from './get-positions.js';
export { getPortfolioPerformanceTool } from './get-portfolio-performance.js';
export { listOrdersTool } from './list-orders.js';
export {
  createWatchlistTool,
  listWatchlistsTool,
  updateWatchlistTool,
  deleteWatchlistTool,
  MAX_WATCHLIST_SYMBOLS,
} from './watchlist-tools.js';
export {
  completeSymbol,
  marketStatusResource,
  MARKET_STATUS_URI,
  quoteResource,
  quoteUri,
} from './market-resources.js';
export { createStockpulsePrompts } from './stockpulse-prompts.js';
export { startLiveTicks, symbolToken, type LiveTicksOptions, type Tick } from './live-ticks.js';
export {
  ALERTS_URI,
  alertResource,
  alertsResource,
  alertUri,
  createKvAlertStore,
  crosses,
  MAX_ACTIVE_ALERTS,
  priceAlertTools,
  startAlertEvaluator,
  type AlertStore,
  type PriceAlert,
} from './price-alerts.js';
export {
  accountResources,
  announcingChanges,
  OPEN_ORDERS_URI,
  PORTFOLIO_URI,
  WATCHLISTS_URI,
} from './account-resources.js';
