#!/usr/bin/env bash
# Quick start: installs what is missing, builds, and starts the whole gateway in one process
# (embedded nats-server, PGlite unless DATABASE_URL is set). Arguments go to `gateway start`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-deps.sh
exec node apps/gateway/dist/main.js start "$@"
