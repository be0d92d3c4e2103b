#!/usr/bin/env bash
# Build npo-survey twice — normally and with AddressSanitizer +
# UndefinedBehaviorSanitizer — and run the whole ctest suite in both.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${JOBS:-2}
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs" >/dev/null
cmake -S . -B build-asan -DNPS_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null
echo "== tests, normal build"
(cd build && ctest --output-on-failure -j"$jobs")
echo "== tests, ASan + UBSan build"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j"$jobs")
