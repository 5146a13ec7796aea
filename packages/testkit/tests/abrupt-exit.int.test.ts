import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findNatsServerBinary } from '@stockpulse/embedded';
import { findPostgresBinDir } from '../src/index.js';
import { canConnect, eventually, hostPort } from './helpers.js';

// The child runs the built kit: plain Node cannot load the TypeScript sources.
const distIndex = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const ready = existsSync(distIndex) && findNatsServerBinary() !== null && !!findPostgresBinDir();

const CHILD = `
const kit = await import(process.argv[1]);
const nats = await kit.startNats();
const db = await kit.createTestDatabase();
process.stdout.write(JSON.stringify({ nats: nats.url, db: db.url }) + '\\n');
if (process.argv[2] === 'exit') process.exit(3);
setInterval(() => undefined, 1000);
`;

async function startChild(mode: 'exit' | 'hang') {
  const env = { ...process.env };
  delete env.TEST_DATABASE_URL; // the private cluster is what must be cleaned up
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, distIndex, mode], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    void exited.then((code) => reject(new Error(`child exited with ${String(code)}`)));
  });
  const urls = JSON.parse(first) as { nats: string; db: string };
  return { child, exited, nats: hostPort(urls.nats), db: hostPort(urls.db) };
}

describe.skipIf(!ready)('cleanup when the test process ends abruptly', () => {
  it('stops nats-server and Postgres when the process calls process.exit', async () => {
    const { exited, nats, db } = await startChild('exit');
    expect(await exited).toBe(3);
    expect(await canConnect(nats.host, nats.port)).toBe(false);
    expect(await canConnect(db.host, db.port)).toBe(false);
  });

  it('stops nats-server and Postgres when the process is killed with SIGKILL', async () => {
    const { child, exited, nats, db } = await startChild('hang');
    expect(await canConnect(nats.host, nats.port)).toBe(true);
    expect(await canConnect(db.host, db.port)).toBe(true);
    child.kill('SIGKILL');
    await exited;
    const natsGone = await eventually(
      async () => !(await canConnect(nats.host, nats.port)),
      10_000,
    );
    const dbGone = await eventually(async () => !(await canConnect(db.host, db.port)), 10_000);
    expect(natsGone).toBe(true);
    expect(dbGone).toBe(true);
  });
});
