#!/usr/bin/env bash
# Build npo-survey and produce the sample output of the 2023 fixture into
# reports/hokkaido-2023/: the tables, the quality log, the flows and the
# report (report.pdf, report.xlsx, charts/). Stops at the first error and
# says which step failed.
set -euo pipefail
trap 'echo "sample.sh: step failed (line $LINENO): $BASH_COMMAND" >&2' ERR
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 >/dev/null
out=reports/hokkaido-2023
export=fixtures/hokkaido-2023/responses.csv
mkdir -p "$out"
./build/npo-survey tabulate --format csv -o "$out/tables.csv" "$export"
./build/npo-survey tabulate --format text "$export" > "$out/tables.txt"
./build/npo-survey validate "$export" > "$out/quality.txt"
./build/npo-survey flows --format csv -o "$out/flows.csv" "$export"
./build/npo-survey report -o "$out" "$export"
echo "sample output in $out:"
ls -1 "$out"
