#!/usr/bin/env node
import { startDirectServer } from './direct-server.js';

// Child process entry of the baseline: prints one `listening <url>` line once it accepts calls.
const server = await startDirectServer({
  host: process.env['HOST'] ?? '127.0.0.1',
  port: Number(process.env['PORT'] ?? 0),
  seed: Number(process.env['MARKET_SEED'] ?? 42),
});
process.stdout.write(`listening ${server.url}\n`);
const stop = (): void => {
  void server.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
