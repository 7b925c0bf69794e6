#!/usr/bin/env bash
# Builds the libFuzzer targets (the fuzz preset: clang, ASan + UBSan) and runs each one for a while
# on its committed corpus (fuzz/corpus/<target>/). A crash, a leak, a sanitizer report or a timeout
# fails the run; the input that caused it is left in build/fuzz/findings/<target>/.
#
#   tools/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]      (default: 20 seconds, every target)
#   FUZZ_RUNS=10000000 tools/fuzz.sh 0 fuzz_settings     (a number of executions instead of a time)
#
# New inputs the fuzzer finds go to build/fuzz/corpus/<target>/ (not committed); the committed
# corpus is only read.
#
# The targets run side by side, FUZZ_JOBS at a time (default: one per core).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(fuzz_ari_event fuzz_ari_response fuzz_settings fuzz_supervisor_messages)
fi

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"${FUZZ_BUILD_JOBS:-2}"

# A 16 MB quarantine (ASan's default is 256 MB) still catches a use after free within an input and
# keeps a long run's resident memory down: freed blocks waiting in quarantine, and the allocator's
# caches behind them, were what made a run's memory grow (docs/fuzzing.md). Allocation stacks of two
# frames only (recording them took much of the slowest target's time; with none at all, LeakSanitizer
# reports no leak): a finding is replayed once with the full report (see docs/fuzzing.md).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:quarantine_size_mb=16:malloc_context_size=2}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export QT_LOGGING_RULES=${QT_LOGGING_RULES:-*=false}

# Each run writes a log of its own, printed when it ends.
jobs=${FUZZ_JOBS:-$(nproc)}
logs=build/fuzz/logs
mkdir -p "$logs"

run_target() {
    local target=$1
    local seeds=fuzz/corpus/${target#fuzz_}
    local work=build/fuzz/corpus/${target#fuzz_}
    local findings=build/fuzz/findings/${target#fuzz_}
    mkdir -p "$work" "$findings"
    local limit=(-max_total_time="$seconds")
    local length="$seconds s"
    if [ -n "${FUZZ_RUNS:-}" ]; then
        limit=(-runs="$FUZZ_RUNS")
        length="$FUZZ_RUNS runs"
    fi
    echo "== $target ($length) =="
    # stdin is /dev/null: a settings file naming /dev/stdin as its password file must not wait.
    if ! build/fuzz/fuzz/"$target" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -print_final_stats=1 -artifact_prefix="$findings/" "$work" "$seeds" </dev/null 2>&1; then
        return 1
    fi
}

status=0
pids=()
names=()
finish_one() {
    # Waits for the oldest run still going, prints its log and notes a failure.
    local pid=${pids[0]} name=${names[0]}
    pids=("${pids[@]:1}")
    names=("${names[@]:1}")
    local ok=1
    wait "$pid" || ok=0
    cat "$logs/$name.log"
    if [ $ok -eq 0 ]; then
        echo "tools/fuzz.sh: $name failed; the input is in build/fuzz/findings/${name#fuzz_}/" >&2
        status=1
    fi
}
for target in "${targets[@]}"; do
    if [ ${#pids[@]} -ge "$jobs" ]; then
        finish_one
    fi
    run_target "$target" >"$logs/$target.log" &
    pids+=($!)
    names+=("$target")
done
while [ ${#pids[@]} -gt 0 ]; do
    finish_one
done
exit $status
