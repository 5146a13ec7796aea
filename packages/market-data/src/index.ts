export type { CompanyProfile, DailyBar, IntradayBar, MarketDataProvider, Quote } from './types.js';
export { IntradayInterval } from './types.js';
export { UNIVERSE, type SymbolInfo } from './universe.js';
export { createSimulatedProvider, type SimulatedProviderOptions } from './simulated-provider.js';
export { parseIsoDate, formatDay, type IsoDate } from './civil-date.js';
export {
  isNewYorkDst,
  newYorkOffsetMinutes,
  newYorkWallToUtc,
  toNewYorkWall,
} from './new-york-time.js';
export {
  calendarEvents,
  earlyCloseName,
  holidayName,
  isTradingDay,
  nextTradingDay,
  previousTradingDay,
  tradingSession,
  SESSION_MINUTES,
  type CalendarEvent,
  type TradingSession,
} from './nyse-calendar.js';
export { getMarketStatus, MarketPhase, type MarketStatus } from './market-status.js';
export { toWeeklyBars } from './bar-aggregation.js';
export { SIMULATION_START_DAY } from './trading-day-index.js';
export { centsToMoney, compareDecimal, percentChange } from './money.js';
