#!/usr/bin/env bash
# Build npo-survey and produce the sample output from the 2023 fixture into
# reports/hokkaido-2023/ (tables now; the full report once `report` lands).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 >/dev/null
out=reports/hokkaido-2023
mkdir -p "$out"
./build/npo-survey tabulate --format csv fixtures/hokkaido-2023/responses.csv > "$out/tables.csv"
./build/npo-survey tabulate --format text fixtures/hokkaido-2023/responses.csv > "$out/tables.txt"
./build/npo-survey validate fixtures/hokkaido-2023/responses.csv > "$out/quality.txt"
if ./build/npo-survey flows --format csv fixtures/hokkaido-2023/responses.csv > "$out/flows.csv" 2>/dev/null; then :; else rm -f "$out/flows.csv"; fi
if ./build/npo-survey report -o "$out" fixtures/hokkaido-2023/responses.csv 2>/dev/null; then :; fi
echo "sample output in $out:"
ls -1 "$out"
