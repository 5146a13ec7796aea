import type { MarketDataProvider } from '@stockpulse/market-data';
import type { PromptImplementation } from '@stockpulse/tool-service';
import { completeSymbol } from './market-resources.js';

const user = (text: string) => ({ role: 'user' as const, content: { type: 'text', text } });

/** The symbols of a comma-separated argument, upper-cased; at most 20. */
function symbolsOf(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean)
    .slice(0, 20);
}

/** `daily_brief`: a market brief for a list of symbols, or for the biggest movers. */
function dailyBrief(provider: MarketDataProvider): PromptImplementation {
  return {
    definition: {
      name: 'daily_brief',
      title: 'Daily market brief',
      description: 'A short brief on today’s market and the given symbols (or the day’s movers).',
      arguments: [
        {
          name: 'symbols',
          description: 'Comma-separated ticker symbols, e.g. AAPL,MSFT; empty for the movers',
        },
      ],
    },
    get: async (args) => {
      const symbols = symbolsOf(args['symbols']);
      const focus = symbols.length
        ? `Cover these symbols: ${symbols.join(', ')}. Call get_quote for each.`
        : 'Call get_market_movers to find the day’s biggest gainers and losers and cover them.';
      return {
        description: 'Daily market brief',
        messages: [
          user(
            [
              'Write a daily brief of the US stock market for a retail investor.',
              'Call get_market_status first and say whether the market is open.',
              focus,
              'For each symbol give price, change and one sentence of context; finish with three things to watch.',
              `Prices are simulated demo data from ${provider.id}; say so once.`,
            ].join('\n'),
          ),
        ],
      };
    },
    complete: async (argument, value) =>
      argument === 'symbols' ? completeSymbol(provider, value.split(',').pop() ?? '') : [],
  };
}

/** `analyse_position`: a review of the caller's position in one symbol. */
function analysePosition(provider: MarketDataProvider): PromptImplementation {
  return {
    definition: {
      name: 'analyse_position',
      title: 'Analyse a position',
      description: 'Review the paper-trading position in one symbol: P&L, trend and risk.',
      arguments: [{ name: 'symbol', description: 'Ticker symbol, e.g. NVDA', required: true }],
    },
    get: async (args) => {
      const symbol = (args['symbol'] ?? '').toUpperCase();
      return {
        description: `Analyse the position in ${symbol}`,
        messages: [
          user(
            [
              `Analyse my paper-trading position in ${symbol}.`,
              'Call get_positions for quantity, cost basis and unrealised P&L, get_quote for the price,',
              `and get_indicators for ${symbol} (SMA 50 and 200, RSI 14, ATR 14) over the last year.`,
              'Explain the trend, the position’s size relative to the portfolio (get_portfolio_performance),',
              'and what would make you reduce or add. Do not place orders; this is analysis only.',
            ].join('\n'),
          ),
        ],
      };
    },
    complete: async (argument, value) =>
      argument === 'symbol' ? completeSymbol(provider, value) : [],
  };
}

/** `pre_trade_checklist`: what to check before placing one order. */
function preTradeChecklist(provider: MarketDataProvider): PromptImplementation {
  return {
    definition: {
      name: 'pre_trade_checklist',
      title: 'Pre-trade checklist',
      description: 'Walk through the checks before placing one paper-trading order.',
      arguments: [
        { name: 'symbol', description: 'Ticker symbol', required: true },
        { name: 'side', description: 'buy or sell', required: true },
        { name: 'quantity', description: 'Number of shares (decimal string)', required: true },
      ],
    },
    get: async (args) => {
      const symbol = (args['symbol'] ?? '').toUpperCase();
      const side = (args['side'] ?? '').toLowerCase();
      const quantity = args['quantity'] ?? '';
      return {
        description: `Checklist before ${side} ${quantity} ${symbol}`,
        messages: [
          user(
            [
              `Before I ${side} ${quantity} shares of ${symbol}, go through this checklist with me:`,
              '1. Is the market open (get_market_status)? If not, what happens to a day order?',
              `2. The current quote and day range of ${symbol} (get_quote).`,
              '3. Cash and buying power, and the position I already hold (get_account, get_positions).',
              '4. The order type: market, limit or stop, and a sensible limit or stop price.',
              '5. Preview the order (preview_order) and show me its estimated cost and the preview id.',
              'Only after I confirm, place it with place_order using that preview id. I will be asked to consent.',
            ].join('\n'),
          ),
        ],
      };
    },
    complete: async (argument, value) => {
      if (argument === 'symbol') return completeSymbol(provider, value);
      if (argument === 'side') return ['buy', 'sell'].filter((s) => s.startsWith(value));
      return [];
    },
  };
}

/** StockPulse's prompts. */
export function createStockpulsePrompts(provider: MarketDataProvider): PromptImplementation[] {
  return [dailyBrief(provider), analysePosition(provider), preTradeChecklist(provider)];
}
