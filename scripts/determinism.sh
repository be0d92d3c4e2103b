#!/usr/bin/env bash
# Same export, same bytes (docs/determinism.md): generate EXPORTS exports with
# bench/generate.py (65 responses each, long free text and write-ins; export 1
# with the generator's own seed, which showed issue 21's line break, then
# seeds 2, 3, …), write the report of each RUNS times with one render thread and
# RUNS times with two, and check that every output file — report.pdf,
# report.xlsx and every chart — is byte-identical across all runs of an
# export. Then LARGE_EXPORTS (default 3) exports of 1,500 responses, whose
# free texts are masked on two threads, the same way with up to 3 runs each.
# Prints one line per export; exit 1 on the first difference (with the files
# that differ), 2 on a failed run.
#
# usage: bash scripts/determinism.sh [EXPORTS [RUNS [BINARY]]]   (default 20 5 build/npo-survey)
set -euo pipefail
cd "$(dirname "$0")/.."
exports=${1:-20}
runs=${2:-5}
bin=${3:-build/npo-survey}
work=$(mktemp -d "${TMPDIR:-/tmp}/nps-determinism.XXXXXX")
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000

# One line per output file: its md5 and its path inside the report folder.
fingerprint() {
    (cd "$1" && find . -type f | LC_ALL=C sort | xargs md5sum)
}

# Write the report of export $1 (label $2) RUNS times with one thread and
# RUNS times with two; exit 1 on the first difference.
check_export() {
    local csv=$1 label=$2 runs=$3 first="" out=$work/out
    for threads in 1 2; do
        for r in $(seq 1 "$runs"); do
            rm -rf "$out"
            if ! NPS_RENDER_THREADS=$threads "$bin" report -o "$out" "$csv" >/dev/null 2>"$work/err"; then
                echo "determinism: $label, run $r with $threads threads: report failed" >&2
                cat "$work/err" >&2
                exit 2
            fi
            fingerprint "$out" >"$work/now"
            if [ -z "$first" ]; then
                cp "$work/now" "$work/first"
                first=$threads/$r
            elif ! cmp -s "$work/first" "$work/now"; then
                echo "determinism: $label: run $r with $threads threads differs from run $first:" >&2
                diff "$work/first" "$work/now" >&2 || true
                exit 1
            fi
        done
    done
    echo "$label: $((2 * runs)) runs, $(wc -l <"$work/first") files, identical"
}

for e in $(seq 1 "$exports"); do
    csv=$work/export-$e.csv
    if [ "$e" -eq 1 ]; then seed=default; python3 bench/generate.py 65 "$csv"
    else seed=$e; python3 bench/generate.py 65 "$csv" "$e"; fi
    check_export "$csv" "export $e (seed $seed)" "$runs"
done
# Larger exports: from 512 distinct free texts on, the free texts are masked
# on two threads (docs/benchmarks.md), which NPS_RENDER_THREADS=1 turns off.
for e in $(seq 1 "${LARGE_EXPORTS:-3}"); do
    csv=$work/large-$e.csv
    python3 bench/generate.py 1500 "$csv" $((100 + e))
    check_export "$csv" "large export $e (1,500 responses, seed $((100 + e)))" $((runs < 3 ? runs : 3))
done
echo "determinism: $exports exports × $runs runs and ${LARGE_EXPORTS:-3} larger ones, 1 and 2 threads: every output identical within each export"
