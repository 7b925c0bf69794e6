#!/usr/bin/env bash
# Sets up what is missing, then builds everything from scratch once, with warnings as errors and
# AddressSanitizer + UndefinedBehaviorSanitizer (leak checks included), and runs every test under
# them. Before that, an optimised build of the benchmarks runs each of them once at a small size, so
# a fault that only optimised code shows cannot hide, and each fuzz target runs for a short while.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
jobs=$(nproc)
start=$SECONDS
stage() { echo "== $1 (at $((SECONDS - start)) s)"; }

rm -rf build/asan build/bench-check
stage "configure and build: warnings are errors, AddressSanitizer + UndefinedBehaviorSanitizer"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"

stage "optimised build of the benchmarks"
cmake --preset bench-check >/dev/null
cmake --build --preset bench-check -j "$jobs"
stage "benchmarks, once each at a small size"
build/bench-check/bench/bench_event_pipeline 200 20000
build/bench-check/bench/bench_concurrent_calls --calls 60 --speed 10 --seed 1 --hold-ms 500
build/bench-check/bench/bench_desks --calls 60 --desks 3 --speed 10 --seed 1 --hold-ms 500

stage "fuzz targets (clang, libFuzzer, sanitizers), 10 s each"
tools/fuzz.sh 10

stage "every test suite, under the sanitizers"
ctest --preset asan -j "$jobs"
stage "done"
