#!/usr/bin/env bash
# Sets up what is missing, builds ARI Supervisor and starts it on the embedded ARI simulator.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target ari-supervisor
exec build/release/app/ari-supervisor --demo "$@"
