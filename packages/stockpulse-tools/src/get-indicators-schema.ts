import { INDICATOR_NAMES, PARAM_BOUNDS } from './indicator-library.js';
import { DATE_SCHEMA, SYMBOL_SCHEMA } from './tool-kit.js';

/** Most output points per indicator one call may ask for. */
export const MAX_INDICATOR_LOOKBACK = 500;

/** Output points per indicator when `lookback` is not given. */
export const DEFAULT_INDICATOR_LOOKBACK = 30;

/** Most indicators one call may ask for. */
export const MAX_INDICATORS = 8;

const DECIMAL_SCHEMA = { type: 'string', pattern: '^-?\\d+\\.\\d+$' } as const;

const integerParam = (key: Exclude<keyof typeof PARAM_BOUNDS, 'stdDev'>, description: string) => ({
  type: 'integer',
  ...PARAM_BOUNDS[key],
  description,
});

/** Input schema of `get_indicators`: a symbol, a list of indicator requests, a lookback. */
export const GET_INDICATORS_INPUT_SCHEMA = {
  type: 'object',
  properties: {
    symbol: SYMBOL_SCHEMA,
    indicators: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_INDICATORS,
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', enum: [...INDICATOR_NAMES] },
          period: integerParam(
            'period',
            'sma/ema/bbands default 20; rsi/atr default 14; stoch %K lookback default 14',
          ),
          fastPeriod: integerParam('fastPeriod', 'macd fast EMA, default 12'),
          slowPeriod: integerParam('slowPeriod', 'macd slow EMA, default 26'),
          signalPeriod: integerParam(
            'signalPeriod',
            'macd signal EMA default 9; stoch %D default 3',
          ),
          slowing: integerParam('slowing', 'stoch %K smoothing, default 3'),
          stdDev: {
            type: 'number',
            ...PARAM_BOUNDS.stdDev,
            description: 'bbands width, default 2',
          },
        },
        required: ['name'],
        additionalProperties: false,
      },
    },
    lookback: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_INDICATOR_LOOKBACK,
      default: DEFAULT_INDICATOR_LOOKBACK,
      description: 'Output points per indicator (most recent trading days)',
    },
    interval: { type: 'string', enum: ['daily'], default: 'daily' },
  },
  required: ['symbol', 'indicators'],
  additionalProperties: false,
} as const;

const POINT_SCHEMA = {
  type: 'object',
  properties: { date: DATE_SCHEMA },
  required: ['date'],
  additionalProperties: DECIMAL_SCHEMA,
} as const;

/** Output schema of `get_indicators`: per indicator, its series of decimal strings and latest point. */
export const GET_INDICATORS_OUTPUT_SCHEMA = {
  type: 'object',
  properties: {
    symbol: { type: 'string' },
    interval: { type: 'string', enum: ['daily'] },
    lookback: { type: 'integer' },
    asOf: DATE_SCHEMA,
    barsUsed: { type: 'integer' },
    currency: { type: 'string' },
    source: { type: 'string' },
    indicators: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', enum: [...INDICATOR_NAMES] },
          label: { type: 'string' },
          params: { type: 'object', additionalProperties: { type: 'number' } },
          fields: { type: 'array', items: { type: 'string' } },
          warmUp: { type: 'integer' },
          count: { type: 'integer' },
          latest: { anyOf: [POINT_SCHEMA, { type: 'null' }] },
          series: { type: 'array', items: POINT_SCHEMA },
        },
        required: ['name', 'label', 'params', 'fields', 'warmUp', 'count', 'latest', 'series'],
      },
    },
  },
  required: ['symbol', 'interval', 'lookback', 'asOf', 'barsUsed', 'source', 'indicators'],
} as const;
