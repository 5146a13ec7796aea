#!/usr/bin/env node
// Reads the console output of one `conformance server` run (--log) and prints one line,
// `conformance <label>: P passed, F failed, E expected failures[, S stale][, N not scored (K failing)]`.
// --scored names the output of `conformance list --requirements <rev>`: server scenarios it does
// not list as required run for visibility only and are left out of the counts. With --report it
// also writes the run as a Vitest-shaped JSON report, so scripts/summarize-tests.mjs counts each
// scenario as a test: a pass as passed, an unexpected failure or a stale baseline entry as
// failed, an expected (baselined) failure as skipped. --exit is the run's exit status.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    log: { type: 'string' },
    label: { type: 'string', default: 'run' },
    scored: { type: 'string' },
    report: { type: 'string' },
    exit: { type: 'string', default: '0' },
  },
});
const { label, report: reportPath, exit: exitCode } = values;
const logPath = values.log;
if (!logPath) throw new Error('summarize: --log is required');

/** The required server scenarios a `list --requirements` output names; null when not given. */
function scoredScenarios(path) {
  if (!path) return null;
  const scored = new Set();
  let inServer = false;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^ {2}- (\S+)$/.exec(line);
    if (line.startsWith('Server scenarios')) inServer = true;
    else if (m && inServer) scored.add(m[1]);
    else inServer = false; // the list ends at the first line that is not an item
  }
  return scored;
}
const scored = scoredScenarios(values.scored);
// eslint-disable-next-line no-control-regex
const lines = readFileSync(logPath, 'utf8')
  .replace(/\x1b\[[0-9;]*m/g, '')
  .split('\n');

const results = new Map(); // scenario -> 'passed' | 'failed'
const notScored = new Map(); // scenario -> passed? (not required by the requirement set)
const expected = new Set();
const unexpected = new Set();
const stale = new Set();
let section = '';
for (const line of lines) {
  if (line.startsWith('=== SUMMARY ===')) section = 'summary';
  else if (line.startsWith('Not scored for')) section = 'not-scored';
  else if (line.startsWith('Expected failures (in baseline)')) section = 'expected';
  else if (line.startsWith('Stale baseline entries')) section = 'stale';
  else if (line.startsWith('Unexpected failures (not in baseline)')) section = 'unexpected';
  let m;
  if (section === 'summary' && (m = /^([✓✗]) (\S+): \d+ passed, \d+ failed/.exec(line))) {
    results.set(m[2], m[1] === '✓' ? 'passed' : 'failed');
  } else if ((m = /^ {2}[~✓✗] (\S+)/.exec(line))) {
    if (section === 'expected') expected.add(m[1]);
    else if (section === 'stale') stale.add(m[1]);
    else if (section === 'unexpected') unexpected.add(m[1]);
  }
}

if (scored) {
  for (const [scenario, outcome] of results) {
    if (!scored.has(scenario)) notScored.set(scenario, outcome === 'passed');
  }
}

const scenarioOf = (entry) => entry.split(':')[0];
const expectedScenarios = new Set([...expected].map(scenarioOf));
const tests = [];
for (const [scenario, outcome] of results) {
  if (notScored.has(scenario)) continue;
  let status = outcome;
  if (outcome === 'failed' && expectedScenarios.has(scenario)) status = 'pending';
  if ([...unexpected].some((e) => scenarioOf(e) === scenario)) status = 'failed';
  if ([...stale].some((e) => scenarioOf(e) === scenario)) status = 'failed';
  tests.push({ title: scenario, status });
}
// A run that failed without naming a scenario (it could not connect, say) is one failure.
if (exitCode !== '0' && !tests.some((t) => t.status === 'failed')) {
  tests.push({ title: `${label} (run failed, exit ${exitCode})`, status: 'failed' });
}
const count = (s) => tests.filter((t) => t.status === s).length;
const passed = count('passed');
const failed = count('failed');
const pending = count('pending');
const notScoredFailing = [...notScored.values()].filter((ok) => !ok).length;
let line = `conformance ${label}: ${passed} passed, ${failed} failed, ${pending} expected failures`;
if (stale.size > 0) line += `, ${stale.size} stale baseline entries`;
if (notScored.size > 0) line += `, ${notScored.size} not scored (${notScoredFailing} failing)`;
console.log(line);

if (reportPath) {
  const report = {
    numPassedTests: passed,
    numFailedTests: failed,
    numPendingTests: pending,
    numTodoTests: 0,
    testResults: [
      {
        name: `conformance ${label}`,
        status: failed > 0 ? 'failed' : 'passed',
        assertionResults: tests.map((t) => ({
          title: t.title,
          fullName: `conformance ${label} ${t.title}`,
          status: t.status,
        })),
      },
    ],
  };
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
}
