import type { HttpReply } from './http-client.js';

/** A response the bench cannot accept; it aborts the run. */
export class InvalidResponseError extends Error {
  constructor(what: string, reply: HttpReply) {
    super(`${what} (HTTP ${reply.status}: ${reply.text.slice(0, 300)})`);
    this.name = 'InvalidResponseError';
  }
}

const DECIMAL = /^\d+\.\d{2}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a JSON-RPC success response to request `id` and returns its `result`. */
export function expectResult(reply: HttpReply, id: number): Record<string, unknown> {
  if (reply.status !== 200) throw new InvalidResponseError('expected HTTP 200', reply);
  const body = reply.json;
  if (!isRecord(body) || body['jsonrpc'] !== '2.0' || body['id'] !== id) {
    throw new InvalidResponseError(`expected a JSON-RPC response with id ${id}`, reply);
  }
  const result = body['result'];
  if (!isRecord(result)) throw new InvalidResponseError('expected a JSON-RPC result', reply);
  return result;
}

/**
 * Checks a `tools/call get_quote` reply: HTTP 200, a JSON-RPC result that is not a tool
 * error, a text block, and a quote for exactly `symbol` whose price is a decimal string.
 */
export function checkQuoteReply(reply: HttpReply, id: number, symbol: string): void {
  const result = expectResult(reply, id);
  if (result['isError'] === true)
    throw new InvalidResponseError('the tool returned an error', reply);
  const content = result['content'];
  if (!Array.isArray(content) || !isRecord(content[0]) || content[0]['type'] !== 'text') {
    throw new InvalidResponseError('expected a text content block', reply);
  }
  const quote = result['structuredContent'];
  if (!isRecord(quote) || quote['symbol'] !== symbol) {
    throw new InvalidResponseError(`expected structuredContent.symbol ${symbol}`, reply);
  }
  if (typeof quote['price'] !== 'string' || !DECIMAL.test(quote['price'])) {
    throw new InvalidResponseError('expected structuredContent.price as a decimal string', reply);
  }
}
