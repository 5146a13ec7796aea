import { getMarketStatus, type MarketDataProvider } from '@stockpulse/market-data';
import type { ToolImplementation } from '@stockpulse/tool-service';
import { DATE_SCHEMA, READ_ONLY_ANNOTATIONS, toolOk } from './tool-kit.js';

/** `get_market_status`: whether the US stock market is open now, and its next open and close. */
export function getMarketStatusTool(provider: MarketDataProvider): ToolImplementation {
  return {
    definition: {
      name: 'get_market_status',
      title: 'Get market status',
      description:
        "Whether the US stock market (NYSE calendar) is open, in pre-market (04:00-09:30), after hours (until 20:00) or closed right now, with today's session and the next open and close (UTC instants; New York local date and time included).",
      inputSchema: { type: 'object', properties: {}, additionalProperties: false },
      outputSchema: {
        type: 'object',
        properties: {
          phase: { type: 'string', enum: ['pre', 'open', 'post', 'closed'] },
          isOpen: { type: 'boolean' },
          asOf: { type: 'string' },
          timeZone: { type: 'string' },
          localDate: DATE_SCHEMA,
          localTime: { type: 'string', pattern: '^\\d{2}:\\d{2}$' },
          isTradingDay: { type: 'boolean' },
          note: { type: 'string' },
          session: {
            type: ['object', 'null'],
            properties: {
              open: { type: 'string' },
              close: { type: 'string' },
              earlyClose: { type: 'boolean' },
            },
          },
          nextOpen: { type: 'string' },
          nextClose: { type: 'string' },
        },
        required: [
          'phase',
          'isOpen',
          'asOf',
          'localDate',
          'localTime',
          'isTradingDay',
          'nextOpen',
          'nextClose',
        ],
      },
      annotations: READ_ONLY_ANNOTATIONS,
    },
    handler: async () => {
      const s = getMarketStatus(provider.now());
      const head = s.isOpen
        ? `US market is open (closes ${s.nextClose})`
        : `US market is ${s.phase === 'closed' ? 'closed' : s.phase === 'pre' ? 'in pre-market' : 'in after-hours'} (opens ${s.nextOpen})`;
      const text = `${head}; New York ${s.localDate} ${s.localTime}${s.note ? ` — ${s.note}` : ''}.`;
      return toolOk(text, { ...s });
    },
  };
}
