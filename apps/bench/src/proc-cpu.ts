import { readdirSync, readFileSync } from 'node:fs';

// USER_HZ is 100 on every mainstream Linux; /proc reports utime and stime in these ticks.
const TICK_MS = 10;

/**
 * CPU time (user + system, in ms) used so far by the live processes of process group
 * `pgid`, read from /proc; undefined where /proc is not available. Resolution is 10 ms, so it
 * is meant for differences over rounds of seconds.
 */
export function groupCpuMs(pgid: number): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  let ticks = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended while we looked
    }
    // Fields after the parenthesised command name: state ppid pgrp ... utime(14) stime(15).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * TICK_MS;
}
