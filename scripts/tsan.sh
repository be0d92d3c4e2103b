#!/usr/bin/env bash
# ThreadSanitizer run of the threaded paths (docs/determinism.md): the
# report of the 2023 fixture (the workbook on a second thread beside the
# PDF; a TSan build forks no figure worker, docs/charts.md) and the tabulation of a generated 10 MB
# export (read in two halves on two threads). Any report fails the run.
# tests/tsan.supp lists the libraries TSan cannot see into.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${TSAN_BUILD:-build-tsan}
cmake -S . -B "$build" -DNPS_TSAN=ON -DNPS_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"${JOBS:-2}" --target npo-survey >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/nps-tsan.XXXXXX")
trap 'rm -rf "$work"' EXIT
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 suppressions=$PWD/tests/tsan.supp"
"$build/npo-survey" report -o "$work/report" fixtures/hokkaido-2023/responses.csv
python3 bench/generate.py 2200 "$work/big.csv"
"$build/npo-survey" tabulate --format csv "$work/big.csv" >"$work/tables.csv"
"$build/npo-survey" report -o "$work/big-report" "$work/big.csv" 2>"$work/big-report.err" # free texts masked on two threads
echo "tsan: reports (PDF and workbook on two threads; free texts masked on two threads) and a two-half read of $(du -h "$work/big.csv" | cut -f1): no data race reported"
