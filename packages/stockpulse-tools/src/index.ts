export { createStockpulseTools, STOCKPULSE_SERVICE } from './stockpulse-tools.js';
export { getQuoteTool } from './get-quote.js';
