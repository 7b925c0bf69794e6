#!/usr/bin/env bash
# Checks the service's systemd unit (packaging/ari-supervisor.service) with `systemd-analyze verify`,
# its ExecStart pointing at PROGRAM (default: the installed /usr/bin/ari-supervisor). Any remark
# fails the check: systemd-analyze exits 0 on an unknown directive, which it only prints.
#   tools/check-unit.sh [PROGRAM]
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
program=${1:-/usr/bin/ari-supervisor}

if ! command -v systemd-analyze >/dev/null; then
    echo "check-unit: systemd-analyze is missing (Debian package systemd; tools/install-deps.sh installs it)" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed "s|/usr/bin/ari-supervisor|$program|" "$project/packaging/ari-supervisor.service" >"$work/ari-supervisor.service"
if ! output=$(systemd-analyze verify "$work/ari-supervisor.service" 2>&1); then
    echo "$output" >&2
    exit 1
fi
if [ -n "$output" ]; then
    echo "$output" >&2
    exit 1
fi
echo "check-unit: ari-supervisor.service verified"
