import { connect } from 'node:net';
import type { OutputTail } from './output-tail.js';

/**
 * Resolves with the first line matching each pattern once all have matched, in any order.
 * Rejects if `exited` settles first or after `timeoutMs`. Must be called in the same tick the
 * output starts to be read, so that no line is missed.
 */
export function waitForLines(
  output: OutputTail,
  exited: Promise<number | null>,
  timeoutMs: number,
  ...patterns: readonly RegExp[]
): Promise<string[]> {
  return new Promise<string[]>((resolve, reject) => {
    const found: (string | undefined)[] = patterns.map(() => undefined);
    let settled = false;
    const finish = (err: Error | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(found.map((line) => line ?? ''));
    };
    const timer = setTimeout(() => finish(new Error(`not ready after ${timeoutMs} ms`)), timeoutMs);
    output.onLine((line) => {
      patterns.forEach((pattern, i) => {
        if (found[i] === undefined && pattern.test(line)) found[i] = line;
      });
      if (found.every((line) => line !== undefined)) finish(undefined);
    });
    void exited.then((code) => finish(new Error(`exited early with code ${String(code)}`)));
  });
}

/** Resolves once a TCP connection to `host:port` opens (and closes it); rejects on error or timeout. */
export function probeTcp(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`no TCP connection to ${host}:${port} within ${timeoutMs} ms`));
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', (err) => {
      socket.destroy();
      reject(err);
    });
  });
}
