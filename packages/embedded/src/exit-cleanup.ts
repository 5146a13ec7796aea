import { existsSync, readFileSync } from 'node:fs';

/**
 * Synchronous cleanups run when this process exits, whatever the reason that still lets Node
 * run `'exit'` listeners (normal end, `process.exit`, an uncaught error). Signal handlers are
 * deliberately left alone: the program keeps its own SIGINT/SIGTERM behaviour.
 */
const cleanups = new Set<() => void>();
let hooked = false;

function runCleanups(): void {
  for (const cleanup of [...cleanups]) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch {
      // One failing cleanup must not keep the others from running.
    }
  }
}

/**
 * Registers a synchronous cleanup to run on process `'exit'`; returns a function that
 * unregisters it. Only one `'exit'` listener is ever added, however many cleanups there are.
 */
export function addExitCleanup(cleanup: () => void): () => void {
  if (!hooked) {
    hooked = true;
    process.on('exit', runCleanups);
  }
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/**
 * Whether `pid` is a live process. A child that exited but that Node has not reaped yet (as
 * inside an `'exit'` listener) is a zombie and counts as gone.
 */
export function isProcessRunning(pid: number): boolean {
  const statFile = `/proc/${pid}/stat`;
  if (existsSync('/proc/self/stat')) {
    try {
      const stat = readFileSync(statFile, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2).charAt(0);
      return state !== 'Z' && state !== 'X';
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Options of {@link terminateProcessSync}. */
export interface TerminateSyncOptions {
  /** The polite signal sent first. Default SIGTERM. */
  readonly signal?: NodeJS.Signals;
  /** How long to wait for the process to go before SIGKILL. Default 1000 ms. */
  readonly graceMs?: number;
}

/**
 * Stops a process without the event loop, for `'exit'` listeners: sends `signal`, busy-waits up
 * to `graceMs` for it to go, then sends SIGKILL. Never throws.
 */
export function terminateProcessSync(pid: number, options: TerminateSyncOptions = {}): void {
  try {
    process.kill(pid, options.signal ?? 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + (options.graceMs ?? 1000);
  while (Date.now() < deadline) {
    if (!isProcessRunning(pid)) return;
    Atomics.wait(sleepCell, 0, 0, 10);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
