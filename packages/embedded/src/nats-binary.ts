import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where Debian and most distributions install nats-server, tried after PATH. */
const WELL_KNOWN_PATHS = ['/usr/sbin/nats-server', '/usr/bin/nats-server'] as const;

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds an executable file named `name` on PATH (`env.PATH`), or returns null.
 */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/**
 * Locates the nats-server executable: `NATS_SERVER_BIN` if set (and executable), then PATH, then
 * /usr/sbin/nats-server and /usr/bin/nats-server. Returns null when there is none.
 */
export function findNatsServerBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.NATS_SERVER_BIN;
  if (fromEnv && isExecutableFile(fromEnv)) return fromEnv;
  const onPath = findOnPath('nats-server', env);
  if (onPath) return onPath;
  return WELL_KNOWN_PATHS.find(isExecutableFile) ?? null;
}
