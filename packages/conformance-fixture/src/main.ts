#!/usr/bin/env node
import { createBus } from '@stockpulse/bus';
import { createLogger } from '@stockpulse/telemetry';
import { startConformanceFixture } from './fixture.js';

// The conformance fixture as a process: connects to NATS_URL, announces its manifest, and
// serves until SIGINT/SIGTERM. It prints one `ready` line on stdout once announced.
const url = process.env['NATS_URL'];
if (!url) {
  process.stderr.write('conformance-fixture: NATS_URL is required\n');
  process.exit(2);
}
const logger = createLogger({
  component: 'conformance-fixture',
  level: process.env['LOG_LEVEL'] ?? 'info',
  destination: process.stderr,
});
const bus = await createBus({ url, name: 'conformance-fixture', logger });
const fixture = await startConformanceFixture({ bus, logger });
process.stdout.write(`ready ${fixture.tools.length} tools\n`);

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await fixture.stop();
  await bus.drain();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
