import type { ChildProcess } from 'node:child_process';

const FAST_SHUTDOWN_MS = 5_000;
const IMMEDIATE_SHUTDOWN_MS = 2_000;

function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Stops a postmaster: SIGINT (fast shutdown), then SIGQUIT (immediate) after 5 s, then SIGKILL
 * after 2 s more. Resolves once it has exited.
 */
export async function stopPostgresProcess(
  child: ChildProcess,
  exited: Promise<unknown>,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGINT');
  if (await settlesWithin(exited, FAST_SHUTDOWN_MS)) return;
  child.kill('SIGQUIT');
  if (await settlesWithin(exited, IMMEDIATE_SHUTDOWN_MS)) return;
  child.kill('SIGKILL');
  await exited;
}
