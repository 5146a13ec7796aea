/**
 * Matching of MCP resource templates: RFC 6570 level-1 expressions (`{name}`), each matching one
 * non-empty run of characters other than `/`, `?` and `#`. Pure.
 */

const EXPRESSION = /\{([A-Za-z0-9_]+)\}/g;

/** A compiled template: its variable names and a matcher. */
export interface UriTemplate {
  readonly template: string;
  readonly variables: readonly string[];
  /** The variables of a URI the template matches (percent-decoded), or null. */
  match(uri: string): Record<string, string> | null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles a template once; throws TypeError on a malformed one. */
export function compileUriTemplate(template: string): UriTemplate {
  const variables: string[] = [];
  let pattern = '';
  let last = 0;
  for (const m of template.matchAll(EXPRESSION)) {
    pattern += escapeRegExp(template.slice(last, m.index));
    pattern += '([^/?#]+)';
    variables.push(m[1] ?? '');
    last = m.index + m[0].length;
  }
  const rest = template.slice(last);
  if (/[{}]/.test(rest) || /[{}]/.test(template.replace(EXPRESSION, ''))) {
    throw new TypeError(`unsupported URI template: ${template}`);
  }
  pattern += escapeRegExp(rest);
  const re = new RegExp(`^${pattern}$`);
  return {
    template,
    variables,
    match(uri) {
      const m = re.exec(uri);
      if (!m) return null;
      const out: Record<string, string> = {};
      variables.forEach((name, i) => {
        const raw = m[i + 1] ?? '';
        try {
          out[name] = decodeURIComponent(raw);
        } catch {
          out[name] = raw;
        }
      });
      return out;
    },
  };
}
