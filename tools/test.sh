#!/usr/bin/env bash
# Sets up what is missing, then builds everything from scratch once, with warnings as errors and
# AddressSanitizer + UndefinedBehaviorSanitizer (leak checks included); runs each benchmark once at a
# small size under the sanitizers (the figures are measured with the release preset, see
# docs/performance.md), each fuzz target for a short while, and then every test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
jobs=$(nproc)
start=$SECONDS
stage() { echo "== $1 (at $((SECONDS - start)) s)"; }

rm -rf build/asan
stage "configure and build: warnings are errors, AddressSanitizer + UndefinedBehaviorSanitizer"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"

stage "benchmarks, once each at a small size, under the sanitizers"
build/asan/bench/bench_event_pipeline 200 20000
build/asan/bench/bench_concurrent_calls --calls 60 --speed 10 --seed 1 --hold-ms 500
build/asan/bench/bench_desks --calls 60 --desks 3 --speed 10 --seed 1 --hold-ms 500

stage "fuzz targets (clang, libFuzzer, sanitizers), 10 s each"
tools/fuzz.sh 10

stage "every test suite, under the sanitizers"
ctest --preset asan -j "$jobs"
stage "done"
