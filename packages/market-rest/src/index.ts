export {
  startMarketRestServer,
  type MarketRestServer,
  type MarketRestServerOptions,
} from './market-rest-server.js';
export { stockpulseRestDocument } from './openapi-document.js';
export {
  createSimulatedNews,
  SIMULATED_NEWS_DISCLAIMER,
  type NewsItem,
  type NewsSource,
} from './simulated-news.js';
