#!/usr/bin/env bash
# e2e_determinism.sh — same export, same bytes, whatever the thread count
# (docs/determinism.md). A short run of scripts/determinism.sh: 2 generated
# exports × 2 runs × 1 and 2 render threads; CI runs the full 20 × 5.
#
# usage: bash tests/e2e_determinism.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
set -u
CASE=${1:?usage: e2e_determinism.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_determinism.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_determinism.sh CASE BINARY SOURCE_DIR}

case_reports_identical_across_runs_and_threads() {
    bash "$SRC/scripts/determinism.sh" 2 2 "$BIN" >/dev/null
}

"case_$CASE"
