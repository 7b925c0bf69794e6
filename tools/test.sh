#!/usr/bin/env bash
# Sets up what is missing, builds the whole project from scratch with warnings as errors and runs
# every test; then does the same under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
jobs=$(nproc)

for preset in ci asan; do
    rm -rf "build/$preset"
    echo "== configure and build ($preset)"
    cmake --preset "$preset"
    cmake --build --preset "$preset" -j "$jobs"
    echo "== test ($preset)"
    ctest --preset "$preset" -j "$jobs"
done
