import type { MarketDataProvider } from '@stockpulse/market-data';
import type { ToolImplementation } from '@stockpulse/tool-service';
import { cancelOrderTool } from './cancel-order.js';
import { getAccountTool } from './get-account.js';
import { getCompanyProfileTool } from './get-company-profile.js';
import { getIndicatorsTool } from './get-indicators.js';
import { getMarketCalendarTool } from './get-market-calendar.js';
import { getMarketMoversTool } from './get-market-movers.js';
import { getMarketStatusTool } from './get-market-status.js';
import { getPortfolioPerformanceTool } from './get-portfolio-performance.js';
import { getPositionsTool } from './get-positions.js';
import { getPriceHistoryTool } from './get-price-history.js';
import { getQuoteTool } from './get-quote.js';
import { listOrdersTool } from './list-orders.js';
import { placeOrderTool } from './place-order.js';
import { previewOrderTool } from './preview-order.js';
import { screenStocksTool } from './screen-stocks.js';
import { searchSymbolsTool } from './search-symbols.js';
import type { TradingDeps } from './trading-deps.js';
import {
  createWatchlistTool,
  deleteWatchlistTool,
  listWatchlistsTool,
  updateWatchlistTool,
} from './watchlist-tools.js';

/** The watchlist, portfolio and order tools, in the order they are served. */
export const TRADING_TOOL_NAMES = [
  'create_watchlist',
  'list_watchlists',
  'update_watchlist',
  'delete_watchlist',
  'get_account',
  'get_positions',
  'get_portfolio_performance',
  'list_orders',
  'preview_order',
  'place_order',
  'cancel_order',
] as const;

/** Id of the StockPulse tool service on the bus. */
export const STOCKPULSE_SERVICE = 'stockpulse';

/**
 * Every StockPulse tool, served by one tool service: the read-only market-data tools, and when
 * `trading` is given (storage, idempotency, audit) the watchlist, portfolio and order tools.
 */
export function createStockpulseTools(deps: {
  provider: MarketDataProvider;
  trading?: Omit<TradingDeps, 'provider'> | undefined;
}): ToolImplementation[] {
  const { provider } = deps;
  const market = [
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
  if (!deps.trading) return market;
  const trading: TradingDeps = { ...deps.trading, provider };
  return [
    ...market,
    createWatchlistTool(trading),
    listWatchlistsTool(trading),
    updateWatchlistTool(trading),
    deleteWatchlistTool(trading),
    getAccountTool(trading),
    getPositionsTool(trading),
    getPortfolioPerformanceTool(trading),
    listOrdersTool(trading),
    previewOrderTool(trading),
    placeOrderTool(trading),
    cancelOrderTool(trading),
  ];
}
