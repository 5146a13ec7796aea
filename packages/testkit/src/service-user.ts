import { readFileSync } from 'node:fs';

/** A system account to run a server as. */
export interface ServiceUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

function lookUpUser(name: string): ServiceUser | undefined {
  let passwd = '';
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch {
    return undefined;
  }
  for (const line of passwd.split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name && uid !== undefined && gid !== undefined) {
      return { name, uid: Number(uid), gid: Number(gid) };
    }
  }
  return undefined;
}

/**
 * The account Postgres must run as when this process is root (Postgres refuses to run as root):
 * `postgres` if it exists, else `nobody`. Undefined when not root, so the server runs as us.
 */
export function postgresServiceUser(): ServiceUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  return (
    lookUpUser('postgres') ?? lookUpUser('nobody') ?? { name: 'nobody', uid: 65534, gid: 65534 }
  );
}
