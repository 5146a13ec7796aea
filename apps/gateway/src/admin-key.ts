import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createKeyMaterial } from '@stockpulse/auth';

/**
 * The first admin credential: `MCPGW_ADMIN_KEY` when given (automation), otherwise a key
 * generated on first start and kept in `<dataDir>/admin.key` (mode 0600) so later starts print
 * the same one. The database only ever holds its hash.
 */
export async function resolveAdminKey(
  dataDir: string,
  fromEnv: string | undefined,
): Promise<string> {
  if (fromEnv) return fromEnv;
  const file = join(dataDir, 'admin.key');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(dataDir, { recursive: true });
    const { key } = createKeyMaterial();
    await writeFile(file, `${key}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
    return key;
  }
}
