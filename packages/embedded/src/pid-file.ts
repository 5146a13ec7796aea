import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, GatewayError } from '@stockpulse/protocol';
import { isProcessRunning } from './exit-cleanup.js';

/** The file nats-server writes its pid to (`-P`), inside its data folder. */
export function pidFile(dataDir: string): string {
  return join(dataDir, 'nats-server.pid');
}

function runningNatsServer(pid: number): boolean {
  if (!isProcessRunning(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('nats-server');
  } catch {
    return true; // no /proc: a live pid from our own pid file is the best evidence there is
  }
}

/**
 * Throws if a nats-server recorded in `dataDir`'s pid file still runs (two servers must never
 * share one JetStream store; one left over by a killed parent dies at its next log line or by
 * hand). A stale pid file is ignored: the new server overwrites it.
 */
export function refuseIfRunning(dataDir: string): void {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile(dataDir), 'utf8').trim());
  } catch {
    return;
  }
  if (Number.isInteger(pid) && pid > 0 && runningNatsServer(pid)) {
    throw new GatewayError(
      ErrorCode.Conflict,
      `a nats-server (pid ${pid}) already runs on ${dataDir}: stop it or use another data folder`,
      { retryable: false, details: { pid, dataDir } },
    );
  }
}
