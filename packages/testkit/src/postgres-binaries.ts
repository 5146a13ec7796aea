import { accessSync, constants, readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findOnPath } from '@stockpulse/embedded';

const DEBIAN_ROOT = '/usr/lib/postgresql';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The folder holding the Postgres server binaries (initdb, postgres, psql): `POSTGRES_BIN_DIR` if
 * set, else the highest version under /usr/lib/postgresql/N/bin, else the real folder of the
 * `initdb` on PATH. Null when there is no initdb anywhere.
 */
export function findPostgresBinDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.POSTGRES_BIN_DIR;
  if (fromEnv && isExecutable(join(fromEnv, 'initdb'))) return fromEnv;
  let versions: string[] = [];
  try {
    versions = readdirSync(DEBIAN_ROOT).filter((v) => /^\d+(\.\d+)?$/.test(v));
  } catch {
    // Not a Debian layout.
  }
  versions.sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(DEBIAN_ROOT, version, 'bin');
    if (isExecutable(join(bin, 'initdb'))) return bin;
  }
  const initdb = findOnPath('initdb', env);
  return initdb ? dirname(realpathSync(initdb)) : null;
}

/** The psql to use: the one beside the server binaries, else the one on PATH, else null. */
export function findPsql(env: NodeJS.ProcessEnv = process.env): string | null {
  const binDir = findPostgresBinDir(env);
  if (binDir && isExecutable(join(binDir, 'psql'))) return join(binDir, 'psql');
  return findOnPath('psql', env);
}
