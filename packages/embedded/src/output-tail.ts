import type { Readable } from 'node:stream';

/** The last lines a child process printed, for error messages; see {@link createOutputTail}. */
export interface OutputTail {
  /** Calls `listener` with every complete line printed from now on. */
  onLine(listener: (line: string) => void): void;
  /** The last lines printed (at most the configured count), joined with newlines. */
  text(): string;
}

/**
 * Reads `streams` line by line, forever (a child whose pipe fills up would block), keeping the
 * last `maxLines` lines and handing every chunk to `sink` as well (a log file, say).
 */
export function createOutputTail(
  streams: readonly (Readable | null)[],
  maxLines = 40,
  sink?: (chunk: Buffer) => void,
): OutputTail {
  const lines: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  for (const stream of streams) {
    if (!stream) continue;
    let partial = '';
    stream.on('data', (chunk: Buffer) => {
      sink?.(chunk);
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > maxLines) lines.shift();
        for (const listener of listeners) listener(line);
      }
    });
  }
  return {
    onLine: (listener) => {
      listeners.push(listener);
    },
    text: () => lines.join('\n'),
  };
}
