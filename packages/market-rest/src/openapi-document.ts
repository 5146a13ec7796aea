import { readFileSync } from 'node:fs';

// One level below the package root from both src/ (tests) and dist/ (built).
const DOCUMENT_URL = new URL('../openapi/stockpulse-rest.openapi.json', import.meta.url);

/**
 * The OpenAPI 3.1 document of the StockPulse REST API (`openapi/stockpulse-rest.openapi.json`),
 * parsed fresh on each call so a caller may change its copy.
 */
export function stockpulseRestDocument(): Record<string, unknown> {
  return JSON.parse(readFileSync(DOCUMENT_URL, 'utf8')) as Record<string, unknown>;
}
