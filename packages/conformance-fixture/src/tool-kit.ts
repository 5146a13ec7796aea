import type { ContentBlock, ToolResult } from '@stockpulse/protocol';

/** The input schema of a tool without arguments. */
export const NO_ARGUMENTS = { type: 'object', properties: {} } as const;

/** A result of one text block. */
export function text(value: string): ToolResult {
  return { content: [{ type: 'text', text: value }] };
}

/** A result of the given blocks. */
export function blocks(...content: ContentBlock[]): ToolResult {
  return { content };
}

/** Waits `ms` milliseconds, or less when the call is aborted. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** A string field of an object an MCP peer sent, or undefined. */
export function field(value: unknown, ...path: string[]): unknown {
  let at: unknown = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
