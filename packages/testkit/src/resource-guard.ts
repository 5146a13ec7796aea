import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { addExitCleanup, isProcessRunning, terminateProcessSync } from '@stockpulse/embedded';

/** Something the kit started that must not outlive the test process. */
export interface GuardedResource {
  /** A process to stop. */
  readonly pid?: number;
  /** The process's name as /proc/PID/comm shows it (15 characters at most); guards pid reuse. */
  readonly comm?: string;
  /** The signal that asks the process to stop at once; default SIGTERM. */
  readonly signal?: NodeJS.Signals;
  /** A folder to remove once the process is gone. */
  readonly dir?: string;
}

const EXIT_GRACE_MS = 2_000;
/** The reaper script, at the package root: the same path from src/ and from dist/. */
const REAPER_SCRIPT = fileURLToPath(new URL('../reaper.cjs', import.meta.url));
const guarded = new Map<number, GuardedResource>();
let nextId = 1;
let reaper: ChildProcess | undefined;
let exitHooked = false;

function cleanUpAtExit(): void {
  const all = [...guarded.values()];
  guarded.clear();
  for (const r of all) {
    if (r.pid !== undefined && isProcessRunning(r.pid)) {
      terminateProcessSync(r.pid, { signal: r.signal ?? 'SIGTERM', graceMs: EXIT_GRACE_MS });
    }
  }
  for (const r of all) {
    if (r.dir) rmSync(r.dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

function tellReaper(message: object): void {
  if (!reaper) {
    // Detached and unreferenced: it neither keeps this process alive nor dies with its group.
    reaper = spawn(process.execPath, [REAPER_SCRIPT], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    reaper.on('error', () => undefined);
    reaper.stdin?.on('error', () => undefined);
    reaper.unref();
    (reaper.stdin as Socket | null)?.unref();
  }
  reaper.stdin?.write(`${JSON.stringify(message)}\n`);
}

/**
 * Guards a process and/or folder: it is stopped (and the folder removed) on process `'exit'`,
 * and, through a detached reaper, even when this process is killed outright. Returns the
 * function to call once the resource was cleaned up normally.
 */
export function guardResource(resource: GuardedResource): () => void {
  if (!exitHooked) {
    exitHooked = true;
    addExitCleanup(cleanUpAtExit);
  }
  const id = nextId++;
  guarded.set(id, resource);
  tellReaper({ id, ...resource });
  return () => {
    if (guarded.delete(id)) tellReaper({ id, release: true });
  };
}
