import type { Supervisor } from './supervisor.js';

/** Signal and deadline handlers installed by {@link installStopHandlers}. */
export interface StopHandlers {
  /** Whether a signal or the deadline stopped the run; a failing round after that is expected. */
  interrupted(): boolean;
  /** Removes the handlers and the deadline. */
  dispose(): void;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * On Ctrl-C, SIGTERM, SIGHUP or after `timeoutSec`, stops every child of `sup` and exits
 * (130 on a signal, 124 on the deadline), so no run outlives its bound or leaves servers behind.
 */
export function installStopHandlers(sup: Supervisor, timeoutSec: number): StopHandlers {
  let stopped = false;
  const stop = (why: string, code: number): void => {
    if (stopped) return;
    stopped = true;
    process.stderr.write(`bench: ${why}, stopping children\n`);
    void sup.shutdown().finally(() => process.exit(code));
  };
  const onSignal = (signal: NodeJS.Signals): void => stop(signal, 130);
  for (const s of SIGNALS) process.on(s, onSignal);
  const timer = setTimeout(() => stop(`aborted after ${timeoutSec} s`, 124), timeoutSec * 1000);
  return {
    interrupted: () => stopped,
    dispose: () => {
      clearTimeout(timer);
      for (const s of SIGNALS) process.off(s, onSignal);
    },
  };
}
