export { createLogger, LogLevel, type LoggerOptions } from './create-logger.js';
export { SECRET_KEYS, REDACTED } from './redaction.js';
export { startTelemetry, type Telemetry, type TelemetryOptions } from './start-telemetry.js';
