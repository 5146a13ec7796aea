#!/usr/bin/env bash
# Installs what the gateway needs on a Debian machine, then builds the workspace. Idempotent and
# quiet when everything is present.
#   scripts/install-deps.sh          nats-server, npm packages, build
#   scripts/install-deps.sh --test   also the Postgres server binaries the test kit runs
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

with_test=0
for arg in "$@"; do
  case "$arg" in
    --test) with_test=1 ;;
    *) echo "usage: $0 [--test]" >&2; exit 2 ;;
  esac
done

say() { echo "install-deps: $*" >&2; }

have_nats_server() {
  [ -n "${NATS_SERVER_BIN:-}" ] && [ -x "$NATS_SERVER_BIN" ] && return 0
  command -v nats-server >/dev/null 2>&1 && return 0
  [ -x /usr/sbin/nats-server ] || [ -x /usr/bin/nats-server ]
}

have_initdb() {
  [ -n "${POSTGRES_BIN_DIR:-}" ] && [ -x "$POSTGRES_BIN_DIR/initdb" ] && return 0
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && return 0
  command -v initdb >/dev/null 2>&1
}

packages=()
have_nats_server || packages+=(nats-server)
if [ "$with_test" = 1 ] && ! have_initdb; then packages+=(postgresql); fi

if [ "${#packages[@]}" -gt 0 ]; then
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { say "need root to install ${packages[*]}"; exit 1; }
    sudo=(sudo)
  fi
  say "installing ${packages[*]} (apt-get)"
  apt_log=$(mktemp)
  if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${packages[@]}"; } >"$apt_log" 2>&1; then
    tail -n 40 "$apt_log" >&2
    rm -f "$apt_log"
    say "apt-get failed"
    exit 1
  fi
  rm -f "$apt_log"
fi

# npm ci writes node_modules/.package-lock.json; an older one means the lock file changed since.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

export PATH="$PWD/node_modules/.bin:$PATH"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
say "building the workspace"
if ! nx run-many -t build --outputStyle=static >"$log" 2>&1; then
  tail -n 60 "$log" >&2
  say "build failed"
  exit 1
fi
