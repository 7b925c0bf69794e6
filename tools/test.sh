#!/usr/bin/env bash
# Sets up what is missing, then builds everything from scratch once, with warnings as errors and
# AddressSanitizer + UndefinedBehaviorSanitizer (leak checks included); builds the benchmarks once
# more, optimised, and runs each once at a small size (so that a fault only the optimiser shows
# cannot hide); runs each fuzz target for a short while; then every test suite under the
# sanitizers.
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

stage "optimised build of the benchmarks; each runs once at a small size"
rm -rf build/bench-check
cmake --preset bench-check >/dev/null
cmake --build --preset bench-check -j "$jobs"
build/bench-check/bench/bench_event_pipeline 200 20000
build/bench-check/bench/bench_concurrent_calls --calls 60 --speed 10 --seed 1 --hold-ms 500
build/bench-check/bench/bench_desks --calls 60 --desks 3 --speed 10 --seed 1 --hold-ms 500

stage "fuzz targets (clang, libFuzzer, sanitizers), 4 s each, one per core"
tools/fuzz.sh 4

stage "every test suite, under the sanitizers"
# Three suites per core: most of them spend their time waiting on the simulator's clock (the
# longest, TestVoicemailPlaybackApp, uses 4 s of CPU in 33 s), so one per core leaves the CPU idle.
if ! ctest --preset asan -j "$((jobs * 3))"; then
    # The failures' own words once more, last, where a log cut to its tail still shows them.
    echo "== what the failing suites said"
    grep -E '^(FAIL!|   Loc:|QFATAL|SUMMARY: |==[0-9]+==ERROR)' build/asan/Testing/Temporary/LastTest.log | tail -n 40 || true
    exit 1
fi
stage "done"
