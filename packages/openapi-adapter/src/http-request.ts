import type { OperationInput } from './operation-input.js';

/** A request ready for fetch. */
export interface HttpRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

function scalar(value: unknown, json: boolean): string {
  if (json || (typeof value === 'object' && value !== null)) return JSON.stringify(value);
  return String(value);
}

/** An argument the request cannot carry as given (the handler reports it as a tool failure). */
export class RequestBuildError extends Error {}

/**
 * Builds the HTTP request of one call: path parameters substituted (encoded; a value that would
 * change the path, like `..`, throws {@link RequestBuildError}), query parameters appended (an array repeats the name, as `form` with `explode`),
 * header and cookie parameters set, the body serialised as JSON.
 */
export function buildHttpRequest(
  baseUrl: URL,
  method: string,
  pathTemplate: string,
  input: Pick<OperationInput, 'bindings' | 'bodyMediaType'>,
  args: Record<string, unknown>,
  extraHeaders: Readonly<Record<string, string>>,
): HttpRequest {
  const { bindings, bodyMediaType } = input;
  const byName = new Map(bindings.filter((b) => b.in === 'path').map((b) => [b.name, b]));
  const path = pathTemplate.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const binding = byName.get(name);
    const value = binding ? args[binding.argument] : undefined;
    return value === undefined ? whole : encodeURIComponent(scalar(value, binding!.json));
  });
  const wanted = baseUrl.pathname.replace(/\/+$/, '') + path;
  const url = new URL(baseUrl.origin + wanted);
  // `.` and `..` segments (even percent-encoded) would be resolved away by the URL parser.
  if (url.pathname !== wanted) {
    throw new RequestBuildError(`a path argument cannot be "." or ".." (${path})`);
  }
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  const cookies: string[] = [];
  let body: string | undefined;
  for (const b of bindings) {
    const value = args[b.argument];
    if (value === undefined || b.in === 'path') continue;
    if (b.in === 'query') {
      for (const v of Array.isArray(value) && !b.json ? value : [value])
        url.searchParams.append(b.name, scalar(v, b.json));
    } else if (b.in === 'header') {
      headers[b.name.toLowerCase()] = scalar(value, b.json).replace(/[\r\n]+/g, ' ');
    } else if (b.in === 'cookie') {
      cookies.push(`${b.name}=${encodeURIComponent(scalar(value, b.json))}`);
    } else {
      body = JSON.stringify(value);
      headers['content-type'] = bodyMediaType ?? 'application/json';
    }
  }
  if (cookies.length > 0) headers['cookie'] = cookies.join('; ');
  return { url, method: method.toUpperCase(), headers, body };
}
