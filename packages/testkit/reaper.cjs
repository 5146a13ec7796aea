#!/usr/bin/env node
/**
 * The test kit's reaper: a tiny detached process that outlives the test process that started it
 * (see src/resource-guard.ts). It reads JSON lines on stdin: `{id, pid?, comm?, signal?, dir?}`
 * guards a resource, `{id, release: true}` forgets it. When stdin closes (the test process ended
 * in any way, even SIGKILL) it stops every guarded process, removes every guarded folder, and
 * exits. A process is only signalled while /proc still shows the expected `comm`, so a recycled
 * pid is never hit.
 */
'use strict';
process.title = 'stockpulse-testkit-reaper';
const fs = require('node:fs');
const items = new Map();
let buffer = '';
const hasProc = fs.existsSync('/proc/self/stat');
function alive(item) {
  if (!item.pid) return false;
  if (hasProc) {
    try {
      const stat = fs.readFileSync('/proc/' + item.pid + '/stat', 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const state = stat.slice(stat.lastIndexOf(')') + 2).charAt(0);
      if (state === 'Z' || state === 'X') return false;
      return !item.comm || comm === item.comm;
    } catch {
      return false;
    }
  }
  try {
    process.kill(item.pid, 0);
    return true;
  } catch {
    return false;
  }
}
function signal(item, name) {
  if (alive(item)) {
    try {
      process.kill(item.pid, name);
    } catch {}
  }
}
async function reap() {
  const list = [...items.values()];
  for (const item of list) signal(item, item.signal || 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && list.some(alive)) await new Promise((r) => setTimeout(r, 50));
  for (const item of list) signal(item, 'SIGKILL');
  for (const item of list) {
    if (item.dir) {
      try {
        fs.rmSync(item.dir, { recursive: true, force: true, maxRetries: 5 });
      } catch {}
    }
  }
  process.exit(0);
}
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let newline;
  while ((newline = buffer.indexOf('\n')) >= 0) {
    const line = buffer.slice(0, newline);
    buffer = buffer.slice(newline + 1);
    try {
      const message = JSON.parse(line);
      if (message.release) items.delete(message.id);
      else items.set(message.id, message);
    } catch {}
  }
});
process.stdin.on('end', reap);
process.stdin.on('error', reap);
