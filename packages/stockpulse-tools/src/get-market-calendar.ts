import {
  calendarEvents,
  formatDay,
  parseIsoDate,
  toNewYorkWall,
  type MarketDataProvider,
} from '@stockpulse/market-data';
import type { ToolImplementation } from '@stockpulse/tool-service';
import { DATE_SCHEMA, READ_ONLY_ANNOTATIONS, strArg, toolError, toolOk } from './tool-kit.js';

/** Longest range of one calendar call: ten years. */
export const MAX_CALENDAR_DAYS = 10 * 366;

/** `get_market_calendar`: NYSE holidays and early closes for a year or a date range. */
export function getMarketCalendarTool(provider: MarketDataProvider): ToolImplementation {
  return {
    definition: {
      name: 'get_market_calendar',
      title: 'Get market calendar',
      description:
        'NYSE full-day holidays (with weekend observance) and 13:00 early closes for a year (default this year) or a date range (at most 10 years, 2000-2100). Regular hours are 09:30-16:00 America/New_York.',
      inputSchema: {
        type: 'object',
        properties: {
          year: { type: 'integer', minimum: 2000, maximum: 2100 },
          from: DATE_SCHEMA,
          to: DATE_SCHEMA,
        },
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: {
          from: DATE_SCHEMA,
          to: DATE_SCHEMA,
          timeZone: { type: 'string' },
          regularHours: {
            type: 'object',
            properties: {
              open: { type: 'string' },
              close: { type: 'string' },
              earlyClose: { type: 'string' },
            },
            required: ['open', 'close', 'earlyClose'],
          },
          events: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                date: DATE_SCHEMA,
                name: { type: 'string' },
                kind: { type: 'string', enum: ['holiday', 'early_close'] },
                closeTime: { type: 'string' },
              },
              required: ['date', 'name', 'kind'],
            },
          },
        },
        required: ['from', 'to', 'timeZone', 'regularHours', 'events'],
      },
      annotations: READ_ONLY_ANNOTATIONS,
    },
    handler: async (args) => {
      const year = typeof args['year'] === 'number' ? args['year'] : undefined;
      const [fromArg, toArg] = [strArg(args, 'from'), strArg(args, 'to')];
      if (year !== undefined && (fromArg || toArg)) {
        return toolError('Give either year or from/to, not both.');
      }
      const thisYear = Number(formatDay(toNewYorkWall(provider.now()).day).slice(0, 4));
      const y = year ?? thisYear;
      const from = fromArg ?? (toArg ? `${toArg.slice(0, 4)}-01-01` : `${y}-01-01`);
      const to = toArg ?? (fromArg ? `${fromArg.slice(0, 4)}-12-31` : `${y}-12-31`);
      const [fromDay, toDay] = [parseIsoDate(from), parseIsoDate(to)];
      if (fromDay === null || toDay === null) return toolError(`Invalid date in ${from}..${to}.`);
      if (fromDay > toDay) return toolError(`Bad range: from ${from} is after to ${to}.`);
      if (toDay - fromDay > MAX_CALENDAR_DAYS)
        return toolError('Range too long: at most 10 years.');
      if (from < '2000-01-01' || to > '2100-12-31')
        return toolError('Calendar covers 2000 to 2100.');
      const events = calendarEvents(fromDay, toDay);
      const text =
        events.length === 0
          ? `No NYSE holidays or early closes between ${from} and ${to}.`
          : events
              .map(
                (e) =>
                  `${e.date} ${e.kind === 'holiday' ? 'closed' : `closes ${e.closeTime}`}: ${e.name}`,
              )
              .join('\n');
      return toolOk(text, {
        from,
        to,
        timeZone: 'America/New_York',
        regularHours: { open: '09:30', close: '16:00', earlyClose: '13:00' },
        events,
      });
    },
  };
}
