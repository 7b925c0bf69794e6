#!/usr/bin/env bash
# Sets up what is missing, builds the whole project from scratch with warnings as errors and runs
# every test; then builds it again with AddressSanitizer + UndefinedBehaviorSanitizer (leak checks
# included) and runs every test again under them.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
jobs=$(nproc)

rm -rf build/ci
echo "== configure and build (warnings are errors)"
cmake --preset ci
cmake --build --preset ci -j "$jobs"
echo "== test: every suite"
ctest --preset ci -j "$jobs"

rm -rf build/asan
echo "== configure and build (AddressSanitizer + UndefinedBehaviorSanitizer)"
cmake --preset asan
cmake --build --preset asan -j "$jobs"
echo "== test under the sanitizers: every suite"
ctest --preset asan -j "$jobs"
