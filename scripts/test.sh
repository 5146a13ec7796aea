#!/usr/bin/env bash
# Runs every check of the workspace against real services: formatting, lint, types, tests.
# Every step runs even if an earlier one failed; the last line is the test summary and the exit
# status is non-zero if anything failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

failed=()
step() {
  local name=$1
  shift
  echo "==> $name"
  "$@" || failed+=("$name")
}

bash scripts/install-deps.sh --test || failed+=(install-deps)
if [ ! -x node_modules/.bin/nx ]; then
  echo "test: the npm packages are not installed; nothing can run" >&2
  exit 1
fi

export PATH="$PWD/node_modules/.bin:$PATH"
rm -rf reports/vitest
mkdir -p reports/vitest

work=$(mktemp -d)
pg_pid=
cleanup() {
  if [ -n "$pg_pid" ]; then
    kill -TERM "$pg_pid" 2>/dev/null
    wait "$pg_pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# One Postgres server for every test process; each test creates its own database in it.
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  node packages/testkit/dist/cli.js postgres >"$work/pg.out" 2>"$work/pg.err" </dev/null &
  pg_pid=$!
  for _ in $(seq 1 600); do
    grep -q '^TEST_DATABASE_URL=' "$work/pg.out" 2>/dev/null && break
    kill -0 "$pg_pid" 2>/dev/null || break
    sleep 0.1
  done
  url=$(sed -n 's/^TEST_DATABASE_URL=//p' "$work/pg.out")
  if [ -z "$url" ]; then
    echo "test: could not start the shared Postgres server:" >&2
    cat "$work/pg.err" >&2
    failed+=(postgres)
  else
    export TEST_DATABASE_URL=$url
  fi
fi

step prettier prettier --check .
step lint nx run-many -t lint --outputStyle=static
step typecheck nx run-many -t typecheck --outputStyle=static
step test nx run-many -t test --outputStyle=static
# The official MCP conformance suite against the gateway with the fixture behind it; each run's
# scenarios join the summary as tests (baselined failures count as skipped).
step conformance bash scripts/conformance.sh --report-dir reports/vitest

if [ "${#failed[@]}" -gt 0 ]; then
  echo "failed: ${failed[*]}"
fi
summary=$(node scripts/summarize-tests.mjs reports/vitest) || failed+=(summary)
echo "$summary"
[ "${#failed[@]}" -eq 0 ]
