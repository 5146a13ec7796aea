import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import type { JsonObject } from './openapi-document.js';

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string, at: string): GatewayError {
  return new GatewayError(ErrorCode.InvalidParams, `${message} (at ${at})`, { details: { at } });
}

/**
 * Follows a local `$ref` (`#/json/pointer`) into the document. Remote references (another
 * file or a URL) are refused: the adapter never fetches anything to read a document.
 */
export function resolvePointer(doc: unknown, ref: string, at: string): unknown {
  if (!ref.startsWith('#')) {
    throw invalid(`remote $ref "${ref}" is not supported; inline it or bundle the document`, at);
  }
  if (ref !== '#' && !ref.startsWith('#/')) {
    throw invalid(`$ref "${ref}" is not a JSON Pointer (anchors are not supported)`, at);
  }
  if (ref === '#') return doc;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node) && /^\d+$/.test(key)) node = node[Number(key)];
    else if (isObject(node) && Object.hasOwn(node, key)) node = node[key];
    else throw invalid(`$ref "${ref}" points at nothing`, at);
  }
  return node;
}

/**
 * Follows `$ref` chains until a value that is not a reference (a Reference Object of a
 * parameter, request body or response). Cycles are refused.
 */
export function deref(doc: unknown, value: unknown, at: string): unknown {
  const seen = new Set<string>();
  let node = value;
  while (isObject(node) && typeof node['$ref'] === 'string') {
    const ref = node['$ref'];
    if (seen.has(ref)) throw invalid(`$ref cycle through "${ref}"`, at);
    seen.add(ref);
    node = resolvePointer(doc, ref, at);
  }
  return node;
}
