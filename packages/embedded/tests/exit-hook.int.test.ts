import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findNatsServerBinary, isProcessRunning } from '../src/index.js';

// The child runs the built package: plain Node cannot load the TypeScript sources.
const distIndex = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const runnable = existsSync(distIndex) && findNatsServerBinary() !== null;
const dataDir = mkdtempSync(join(tmpdir(), 'embedded-exit-test-'));

const CHILD = `
const { startNatsServer } = await import(process.argv[1]);
const server = await startNatsServer({ dataDir: process.argv[2] });
process.stdout.write(JSON.stringify({ pid: server.pid }) + '\\n');
process.exit(0);
`;

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.skipIf(!runnable)('the exit hook', () => {
  it('kills the server when the process exits without stop()', async () => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', CHILD, distIndex, dataDir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code).toBe(0);
    const { pid } = JSON.parse(out) as { pid: number };
    expect(pid).toBeGreaterThan(0);
    // SIGTERM was sent and waited for (up to 1 s) before the child exited.
    expect(isProcessRunning(pid)).toBe(false);
  });
});
