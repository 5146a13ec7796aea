import { spawn, type ChildProcess } from 'node:child_process';

/** A child process started by the {@link Supervisor}, leader of its own process group. */
export interface Child {
  readonly name: string;
  /** The child's pid, which is also its process group id. */
  readonly pid: number;
  /** Resolves with the first output line (stdout or stderr) matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** The last lines the child wrote, for error messages. */
  tail(): string;
}

/** Starts children and guarantees they are gone when the bench ends, however it ends. */
export interface Supervisor {
  spawn(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Child;
  /** Registers a cleanup (a temp folder, say) run after the children are stopped. */
  defer(cleanup: () => Promise<void>): void;
  /** SIGTERM to each child's group, SIGKILL after a grace period, then the cleanups. Idempotent. */
  shutdown(): Promise<void>;
}

const GRACE_MS = 5_000;
const TAIL_LINES = 40;

function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // the group is empty already
  }
}

function exitOf(cp: ChildProcess): Promise<void> {
  if (cp.exitCode !== null || cp.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => cp.once('exit', () => resolve()));
}

/**
 * Children run detached, each in its own process group, so that stopping one also stops what
 * it spawned (the gateway's nats-server) and a Ctrl-C in the terminal reaches only the bench,
 * which then stops them in order. A synchronous `exit` hook SIGKILLs any group still alive.
 */
export function createSupervisor(): Supervisor {
  const children = new Map<number, { child: ChildProcess; name: string }>();
  const cleanups: Array<() => Promise<void>> = [];
  const onExit = (): void => {
    for (const pid of children.keys()) killGroup(pid, 'SIGKILL');
  };
  process.on('exit', onExit);
  let stopping: Promise<void> | undefined;

  const stopOne = async (pid: number, cp: ChildProcess): Promise<void> => {
    killGroup(pid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exitOf(cp), new Promise((r) => (timer = setTimeout(r, GRACE_MS)))]);
    clearTimeout(timer);
    // Anything left in the group (the leader hung, or a grandchild outlived it) is killed.
    killGroup(pid, 'SIGKILL');
    children.delete(pid);
  };

  return {
    spawn(name, command, args, env) {
      const cp = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      if (cp.pid === undefined) throw new Error(`${name}: could not spawn ${command}`);
      const pid = cp.pid;
      children.set(pid, { child: cp, name });
      const lines: string[] = [];
      const watchers = new Set<(line: string) => void>();
      for (const stream of [cp.stdout, cp.stderr]) {
        let partial = '';
        stream?.setEncoding('utf8');
        stream?.on('data', (chunk: string) => {
          const parts = (partial + chunk).split('\n');
          partial = parts.pop() ?? '';
          for (const line of parts) {
            lines.push(line);
            if (lines.length > TAIL_LINES) lines.shift();
            for (const w of watchers) w(line);
          }
        });
      }
      const exited = exitOf(cp);
      return {
        name,
        pid,
        tail: () => lines.join('\n'),
        waitForLine: (pattern, timeoutMs) =>
          new Promise((resolve, reject) => {
            const seen = lines.map((l) => pattern.exec(l)).find((m) => m);
            if (seen) return resolve(seen);
            const done = (): void => {
              watchers.delete(watch);
              clearTimeout(timer);
            };
            const watch = (line: string): void => {
              const m = pattern.exec(line);
              if (m) {
                done();
                resolve(m);
              }
            };
            const timer = setTimeout(() => {
              done();
              reject(
                new Error(
                  `${name} did not print ${pattern} within ${timeoutMs} ms\n${lines.join('\n')}`,
                ),
              );
            }, timeoutMs);
            watchers.add(watch);
            void exited.then(() => {
              if (!watchers.has(watch)) return;
              done();
              reject(
                new Error(
                  `${name} exited (code ${cp.exitCode}, signal ${cp.signalCode})\n${lines.join('\n')}`,
                ),
              );
            });
          }),
      };
    },
    defer(cleanup) {
      cleanups.push(cleanup);
    },
    shutdown() {
      stopping ??= (async () => {
        await Promise.all([...children].map(([pid, { child }]) => stopOne(pid, child)));
        for (const c of cleanups.reverse()) await c().catch(() => undefined);
        process.off('exit', onExit);
      })();
      return stopping;
    },
  };
}
