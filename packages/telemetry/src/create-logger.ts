import { hostname } from 'node:os';
import { pino, type Logger as Pino } from 'pino';
import type { Logger } from '@stockpulse/protocol';
import { createRedactor } from './redaction.js';

/** Log levels, lowest first. */
export const LogLevel = {
  Trace: 'trace',
  Debug: 'debug',
  Info: 'info',
  Warn: 'warn',
  Error: 'error',
  Fatal: 'fatal',
  Silent: 'silent',
} as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

const LEVELS: ReadonlySet<string> = new Set(Object.values(LogLevel));

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Names the part of the gateway that logs; on every line. */
  readonly component: string;
  /** Lowest level written; default env `LOG_LEVEL`, then `info`. */
  readonly level?: string | undefined;
  /** Where lines go; default stdout. */
  readonly destination?: NodeJS.WritableStream | undefined;
}

type Redact = <T>(value: T) => T;

/**
 * Wraps a pino logger in the gateway's {@link Logger} interface. Children are made from the root
 * with the merged bindings, so a child's `component` replaces its parent's instead of pino
 * writing the key twice.
 */
class PinoLogger implements Logger {
  private readonly pino: Pino;

  constructor(
    private readonly root: Pino,
    private readonly bindings: Record<string, unknown>,
    private readonly redact: Redact,
  ) {
    this.pino = root.child(bindings);
  }

  debug(fields: Record<string, unknown>, msg: string): void {
    this.pino.debug(fields, msg);
  }

  info(fields: Record<string, unknown>, msg: string): void {
    this.pino.info(fields, msg);
  }

  warn(fields: Record<string, unknown>, msg: string): void {
    this.pino.warn(fields, msg);
  }

  error(fields: Record<string, unknown>, msg: string): void {
    this.pino.error(fields, msg);
  }

  child(bindings: Record<string, unknown>): Logger {
    // pino runs formatters.log on each line's fields but not on child bindings.
    return new PinoLogger(this.root, { ...this.bindings, ...this.redact(bindings) }, this.redact);
  }
}

function resolveLevel(level: string | undefined): LogLevel {
  const value = (level || process.env['LOG_LEVEL'] || LogLevel.Info).trim().toLowerCase();
  if (!LEVELS.has(value)) {
    throw new TypeError(
      `unknown log level ${JSON.stringify(value)}; use one of ${[...LEVELS].join(', ')}`,
    );
  }
  return value as LogLevel;
}

/**
 * Creates a JSON logger (pino): one line per call with level label, ISO time, pid, hostname,
 * `component`, the fields, then `msg`. Values of secret-named keys (see `SECRET_KEYS`) are
 * replaced by `[redacted]` in fields and child bindings, in nested plain objects and arrays
 * too. An `err` field is serialized with its message and stack. Throws on an unknown level.
 */
export function createLogger(opts: LoggerOptions): Logger {
  const redact = createRedactor();
  const options = {
    level: resolveLevel(opts.level),
    base: { pid: process.pid, hostname: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label: string) => ({ level: label }),
      log: redact<Record<string, unknown>>,
    },
  };
  const instance = opts.destination ? pino(options, opts.destination) : pino(options);
  return new PinoLogger(instance, { component: opts.component }, redact);
}
