#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance) against the gateway
# with the conformance fixture (packages/conformance-fixture) behind it:
#   - the active server scenarios of the pinned stable release,
#   - the 2025-11-25 and 2026-07-28 requirement sets of the pinned prerelease,
# each against its expected-failures baseline in conformance/ (every entry carries a reason).
# Builds nothing: run `npx nx run-many -t build` first. The suite needs Node 22, which npx
# fetches from the npm registry next to the suite. Everything it starts (gateway with embedded
# NATS, fixture) is stopped by PID on exit, also on failure.
#
# Usage: bash scripts/conformance.sh [--report-dir DIR]
#   --report-dir DIR  also write one Vitest-shaped JSON report per run into DIR (scripts/test.sh)
# Exit status: 0 when every run passes or fails only as its baseline expects.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly STABLE=0.1.16
readonly PRERELEASE=0.2.0-alpha.12
readonly NODE=node@22

report_dir=
while [ $# -gt 0 ]; do
  case $1 in
    --report-dir)
      report_dir=${2:?--report-dir needs a folder}
      shift 2
      ;;
    *)
      echo "conformance: unknown argument $1" >&2
      exit 2
      ;;
  esac
done
if [ -n "$report_dir" ]; then
  mkdir -p "$report_dir"
  report_dir=$(cd "$report_dir" && pwd)
fi

for built in apps/gateway/dist/main.js packages/conformance-fixture/dist/main.js; do
  if [ ! -f "$built" ]; then
    echo "conformance: $built is missing; build first (npx nx run-many -t build)" >&2
    exit 1
  fi
done

# Every baseline entry must say why it is expected to fail: `- scenario # reason`.
unexplained=$(grep -nE '^[[:space:]]*-[[:space:]]' conformance/*.yaml | grep -vE '#[[:space:]]*[^[:space:]]' || true)
if [ -n "$unexplained" ]; then
  echo "conformance: baseline entries without a reason (write one after '#'):" >&2
  echo "$unexplained" >&2
  exit 1
fi

work=$(mktemp -d)
gateway_pid=
fixture_pid=
suite_pid=
# Whether a process runs (a zombie, exited but not yet reaped, does not).
alive() {
  local stat
  stat=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $stat != Z* ]]
}
# Stops a process this script started: TERM, up to 15 s to drain, then KILL.
stop_pid() {
  local pid=$1
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 150); do
    alive "$pid" || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop_pid "$suite_pid"
  stop_pid "$fixture_pid"
  stop_pid "$gateway_pid"
  # The gateway stops its nats-server itself, unless it was stopped before it finished starting.
  local nats_pid
  nats_pid=$(cat "$work/data/nats/nats-server.pid" 2>/dev/null || true)
  if [ -n "$nats_pid" ] && alive "$nats_pid"; then
    kill -TERM "$nats_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail_start() {
  echo "conformance: $1" >&2
  for log in "$work"/*.err; do
    [ -f "$log" ] && { echo "--- $log" >&2; tail -n 30 "$log" >&2; }
  done
  exit 1
}

# The gateway, closed by default, opened to key-less requests: the suite cannot send a key.
# Its own tools are left out (no `tool` role), so the fixture is the only server behind it.
DATA_DIR="$work/data" HOST=127.0.0.1 PORT=0 ALLOW_ANONYMOUS=true LOG_LEVEL=warn \
  node apps/gateway/dist/main.js start --role edge,router,auth,audit \
  >"$work/gateway.out" 2>"$work/gateway.err" </dev/null &
gateway_pid=$!
url=
for _ in $(seq 1 600); do
  url=$(sed -n 's/^ *MCP endpoint: *//p' "$work/gateway.out")
  [ -n "$url" ] && [ -s "$work/data/nats.url" ] && break
  kill -0 "$gateway_pid" 2>/dev/null || fail_start "the gateway exited before it was ready"
  sleep 0.1
done
[ -n "$url" ] || fail_start "the gateway did not print its MCP endpoint within 60 s"

NATS_URL=$(cat "$work/data/nats.url") LOG_LEVEL=warn \
  node packages/conformance-fixture/dist/main.js \
  >"$work/fixture.out" 2>"$work/fixture.err" </dev/null &
fixture_pid=$!

# Ready when the gateway lists the fixture's tools to a client (the route table has them).
listed() {
  node --input-type=module - "$url" <<'JS'
const url = process.argv[2];
const headers = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
};
const rpc = async (body, session) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: session ? { ...headers, 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' } : headers,
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const data = text.split('\n').find((l) => l.startsWith('data:'));
  return { res, body: text && body.id !== undefined ? JSON.parse(data ? data.slice(5) : text) : null };
};
const init = await rpc({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'conformance.sh', version: '1' } },
});
const session = init.res.headers.get('mcp-session-id') ?? undefined;
await rpc({ jsonrpc: '2.0', method: 'notifications/initialized' }, session);
const list = await rpc({ jsonrpc: '2.0', id: 2, method: 'tools/list' }, session);
if (session) await fetch(url, { method: 'DELETE', headers: { 'mcp-session-id': session } });
const names = (list.body?.result?.tools ?? []).map((t) => t.name);
process.exit(names.includes('test_simple_text') ? 0 : 1);
JS
}
ready=
for _ in $(seq 1 300); do
  kill -0 "$fixture_pid" 2>/dev/null || fail_start "the fixture exited before it was ready"
  if listed 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.2
done
[ -n "$ready" ] || fail_start "the gateway did not list the fixture's tools within 60 s"
echo "conformance: gateway at $url, fixture announced"

# Runs one suite invocation; prints its per-scenario summary and one counting line.
failures=0
run_suite() {
  local label=$1 version=$2 baseline=$3
  shift 3
  local log="$work/$label.log" scored=() status=0
  echo "==> conformance $label (@modelcontextprotocol/conformance@$version $*)"
  if [ "$1" = --requirements ]; then
    npx -y -p "$NODE" -p "@modelcontextprotocol/conformance@$version" \
      conformance list --requirements "$2" >"$work/$label.scored" 2>/dev/null </dev/null
    scored=(--scored "$work/$label.scored")
  fi
  # In the background and waited for, so a signal reaches the traps at once, not after the run.
  timeout --kill-after=10 900 \
    npx -y -p "$NODE" -p "@modelcontextprotocol/conformance@$version" \
    conformance server --url "$url" "$@" --expected-failures "conformance/$baseline" \
    -o "$work/results-$label" >"$log" 2>&1 </dev/null &
  suite_pid=$!
  wait "$suite_pid" || status=$?
  suite_pid=
  # The suite's own summary, without npm's noise and the per-scenario progress lines.
  sed -n '/=== SUMMARY ===/,$p' "$log" | grep -v '^npm warn' || true
  if [ "$status" -ne 0 ] && ! grep -q '=== SUMMARY ===' "$log"; then
    tail -n 40 "$log"
  fi
  node conformance/summarize.mjs --log "$log" --label "$label" --exit "$status" "${scored[@]}" \
    ${report_dir:+--report "$report_dir/conformance-$label.json"}
  [ "$status" -eq 0 ] || failures=$((failures + 1))
}

run_suite active "$STABLE" server-active.yaml --suite active
run_suite 2025-11-25 "$PRERELEASE" requirements-2025-11-25.yaml --requirements 2025-11-25
run_suite 2026-07-28 "$PRERELEASE" requirements-2026-07-28.yaml --requirements 2026-07-28

if [ "$failures" -gt 0 ]; then
  echo "conformance: $failures run(s) failed beyond their baseline"
  exit 1
fi
echo "conformance: every run passed or failed only as its baseline expects"
