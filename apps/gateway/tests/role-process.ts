import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

const MAIN = new URL('../dist/main.js', import.meta.url).pathname;
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const p of live) p.kill('SIGKILL');
});

/** A gateway process running some roles, started from the built CLI. */
export interface RoleProcess {
  readonly pid: number;
  /** The banner the process printed once every role was up. */
  readonly banner: string;
  /** Sends SIGTERM and resolves with the exit code (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<number | null>;
  kill(): void;
}

/** Spawns `stockpulse-gateway start --role ROLES` and waits for its banner. */
export async function spawnRoles(roles: string, env: Record<string, string>): Promise<RoleProcess> {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: build first (npx nx run-many -t build)`);
  const proc = spawn(process.execPath, [MAIN, 'start', '--role', roles], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(proc);
  const exited = new Promise<number | null>((r) =>
    proc.once('exit', (code) => {
      live.delete(proc);
      r(code);
    }),
  );
  let out = '';
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`roles ${roles} did not start: ${err}`)),
      20_000,
    );
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Stop with Ctrl-C.')) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`roles ${roles} exited with ${code}: ${err}`));
    });
  });
  return {
    pid: proc.pid!,
    banner,
    stop: async (graceMs = 10_000) => {
      if (proc.exitCode !== null) return proc.exitCode;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    kill: () => proc.kill('SIGKILL'),
  };
}
