#!/usr/bin/env bash
# Build the libFuzzer targets (clang, -fsanitize=fuzzer,address,undefined)
# and run each for SECONDS seconds (default 60) on a corpus seeded from
# fixtures/ and questionnaire/ (fuzz/make_corpus.py). The working corpus is
# kept in fuzz-corpus/ (not committed) so that longer runs build on earlier
# ones. A crash, leak or timeout stops the run with exit 1 and leaves the
# input in fuzz-corpus/artifacts/: turn it into a regression
# (fuzz/regressions/<target>/, replayed by tests/test_fuzz_regressions.c).
#
# usage: bash scripts/fuzz.sh [SECONDS] [TARGET...]   TARGET: reader questionnaire xlsx timestamp mask crosswalk
# env:   JOBS (build parallelism, default 2), FUZZ_FORKS (parallel fuzzing
#        processes per target, default 1), FUZZ_BUILD (default build-fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(reader questionnaire xlsx timestamp mask crosswalk)
build=${FUZZ_BUILD:-build-fuzz}
jobs=${JOBS:-2}
corpus=fuzz-corpus

cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DNPS_FUZZ=ON -DNPS_SANITIZE=ON \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$jobs" --target fuzz_reader fuzz_questionnaire fuzz_xlsx fuzz_timestamp fuzz_mask fuzz_crosswalk >/dev/null
python3 fuzz/make_corpus.py "$corpus/seeds" >/dev/null
mkdir -p "$corpus/artifacts"

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for t in "${targets[@]}"; do
    case $t in
        reader) max_len=8192 ;;
        questionnaire) max_len=32768 ;;
        xlsx) max_len=16384 ;;
        timestamp) max_len=128 ;;
        mask) max_len=4096 ;;
        crosswalk) max_len=4096 ;;
        *) echo "fuzz.sh: unknown target $t (reader, questionnaire, xlsx, timestamp, mask, crosswalk)" >&2; exit 2 ;;
    esac
    mkdir -p "$corpus/$t"
    log=$corpus/fuzz_$t.log
    echo "== fuzz_$t for ${seconds}s (log: $log)"
    # -timeout: one input taking 10 s is a hang; -rss_limit_mb bounds memory.
    args=(-max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048
          -dict="$corpus/seeds/$t.dict" -artifact_prefix="$corpus/artifacts/${t}-" -print_final_stats=1)
    if [ "${FUZZ_FORKS:-1}" -gt 1 ]; then
        args+=(-fork="$FUZZ_FORKS" -ignore_crashes=0)
    fi
    if "$build/fuzz/fuzz_$t" "${args[@]}" "$corpus/$t" "$corpus/seeds/$t" >"$log" 2>&1; then
        grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$log" | tail -2 || true
    else
        status=1
        echo "fuzz_$t FAILED — the end of $log:" >&2
        tail -40 "$log" >&2
        ls -1 "$corpus/artifacts" >&2
    fi
done
exit $status
