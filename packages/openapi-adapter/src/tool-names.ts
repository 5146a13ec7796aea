/** The longest tool name produced; many clients refuse names past 64 characters. */
export const MAX_TOOL_NAME = 64;

/**
 * A tool name from an operationId (or, without one, the method and path): snake_case, only
 * `[a-z0-9_]`, at most {@link MAX_TOOL_NAME} characters with the prefix, never empty.
 */
export function toolNameFor(
  operationId: string | undefined,
  method: string,
  path: string,
  prefix = '',
): string {
  const raw = operationId ?? `${method} ${path.replace(/\{([^}]*)\}/g, 'by $1')}`;
  const snake = raw
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const name = `${prefix}${snake || method}`;
  return name.slice(0, MAX_TOOL_NAME).replace(/_+$/, '');
}

/** Hands out unique names: a name already taken gets `_2`, `_3`, ... (kept within the limit). */
export function createNameRegistry(taken: Iterable<string> = []): (name: string) => string {
  const used = new Set(taken);
  return (name) => {
    let unique = name;
    for (let i = 2; used.has(unique); i++) {
      const suffix = `_${i}`;
      unique = `${name.slice(0, MAX_TOOL_NAME - suffix.length)}${suffix}`;
    }
    used.add(unique);
    return unique;
  };
}
