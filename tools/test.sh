#!/usr/bin/env bash
# Sets up what is missing, builds the whole project from scratch with warnings as errors and runs
# every test; then builds it again with AddressSanitizer + UndefinedBehaviorSanitizer and runs the
# ARI client and simulator media unit suites under them (the suites that run there today; the others
# join as their timing under the sanitizers is checked).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
jobs=$(nproc)

rm -rf build/ci
echo "== configure and build (warnings are errors)"
cmake --preset ci
cmake --build --preset ci -j "$jobs"
echo "== test: every suite"
# A suite that fails is run once more before the run counts as failed: two timing-sensitive
# suites (TestQueueAgentKeys, TestSimControlApi::dtmfTiming) have been seen to fail under heavy
# machine load; that is tracked as a defect to fix, and a suite that fails twice still fails CI.
ctest --preset ci -j "$jobs" --repeat until-pass:2

rm -rf build/asan
echo "== configure and build (AddressSanitizer + UndefinedBehaviorSanitizer)"
cmake --preset asan
cmake --build --preset asan -j "$jobs"
echo "== test under the sanitizers: ARI client and simulator media suites"
sanitized='^Test(Ari(Endpoint|Event|EventRouter|EventStream|Ids|Models|Operations|Reply|RestClient)|SupervisorSettings'
sanitized+='|SimClock|SimTimer|WavFile|SoundCatalogue|MediaResolver|RecordingStore)$'
ctest --preset asan -j "$jobs" -R "$sanitized"
