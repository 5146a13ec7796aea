#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { estimateSeconds, loadBenchConfig, USAGE } from './config.js';
import { formatReport, writeJsonReport } from './report.js';
import { runBench } from './run-bench.js';
import { installStopHandlers, type StopHandlers } from './stop-handlers.js';
import { createSupervisor } from './supervisor.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const paths = {
  directServerMain: resolve(here, 'direct-server-main.js'),
  gatewayMain: resolve(root, 'apps/gateway/dist/main.js'),
};
let handlers: StopHandlers | undefined;

async function main(): Promise<number> {
  const config = loadBenchConfig(
    process.argv.slice(2),
    process.env,
    resolve(root, 'reports/bench/latest.json'),
  );
  if (config === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!existsSync(paths.gatewayMain))
    throw new Error(`${paths.gatewayMain} is missing; build first: npx nx run-many -t build`);
  process.stderr.write(`bench: about ${estimateSeconds(config)} s of load plus start-up\n`);
  const sup = createSupervisor();
  handlers = installStopHandlers(sup, config.timeoutSec);
  try {
    const result = await runBench(sup, paths, config);
    await writeJsonReport(config.out, result);
    process.stdout.write(`${formatReport(result)}\nJSON: ${config.out}\n`);
    return 0;
  } finally {
    await sup.shutdown();
    handlers.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (handlers?.interrupted()) return; // the stop handler exits once the children are gone
    process.stderr.write(
      `bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
