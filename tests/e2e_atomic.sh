#!/usr/bin/env bash
# e2e_atomic.sh — `report` never leaves a half-written report: a failed run
# leaves an earlier report in the folder byte for byte and no staging folder.
#
# usage: bash tests/e2e_atomic.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
# Each `case_<name>()` is one ctest entry. In an allocation-failure test
# build (cmake -DNPS_FAILALLOC=ON; `npo-survey --version` says so) the
# report is made to run out of memory at many points along its way
# (NPS_FAIL_AFTER=N); in other builds the failures are the ones that can be
# provoked from outside (a questionnaire that does not load, an output
# folder that is the export itself).
set -u

CASE=${1:?usage: e2e_atomic.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_atomic.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_atomic.sh CASE BINARY SOURCE_DIR}
EXPORT="$SRC/fixtures/hokkaido-2023/responses.csv"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e_atomic.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

fail() {
    printf 'FAIL e2e_atomic.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}

snapshot() {
    (cd "$TMP/out" && find . -type f -not -path './.npo-survey-*' | sort | xargs sha256sum) > "$1"
}

# One failing run: exit 1 (never a signal), one message, nothing changed.
expect_failed_run_harmless() {
    local rc=$1 what=$2
    [ "$rc" -lt 128 ] || fail "$what: killed by a signal ($rc)"
    [ "$rc" -eq 1 ] || fail "$what: exit $rc, expected 1"
    snapshot "$TMP/after"
    cmp -s "$TMP/before" "$TMP/after" || fail "$what: the earlier report changed"
    ls -d "$TMP"/out/.npo-survey-* >/dev/null 2>&1 && fail "$what: a staging folder was left behind"
    return 0
}

good_report() {
    "$BIN" report -o "$TMP/out" "$EXPORT" 2>/dev/null || fail "the first report failed"
    snapshot "$TMP/before"
    [ "$(wc -l < "$TMP/before")" -ge 70 ] || fail "the first report is incomplete"
}

case_failed_runs_keep_the_earlier_report() {
    good_report
    mkdir -p "$TMP/badq" && printf 'number,item\n' > "$TMP/badq/survey.csv"
    timeout 120 "$BIN" report --questionnaire "$TMP/badq" -o "$TMP/out" "$EXPORT" 2>"$TMP/err"
    expect_failed_run_harmless $? "broken questionnaire"
    [ "$(wc -l < "$TMP/err")" -eq 1 ] || fail "broken questionnaire: not exactly one message"
    if ! "$BIN" --version | grep -q 'allocation-failure'; then
        return 0
    fi
    local total
    total=$(NPS_ALLOC_COUNT=1 "$BIN" report -o "$TMP/count" "$EXPORT" 2>&1 | sed -n 's/.*allocations: //p')
    [ -n "$total" ] && [ "$total" -gt 100 ] || fail "cannot count the allocations of a report"
    # Points spread over the whole run, dense at the start and the end.
    local points="0 1 3 8 21 55 144 377"
    for i in $(seq 1 14); do points="$points $((total * i / 15))"; done
    points="$points $((total - 50)) $((total - 10)) $((total - 1))"
    for n in $points; do
        [ "$n" -ge 0 ] || continue
        NPS_FAIL_AFTER=$n timeout 300 "$BIN" report -o "$TMP/out" "$EXPORT" 2>/dev/null
        expect_failed_run_harmless $? "out of memory after $n of $total allocations"
    done
}

case_output_folder_is_the_export() {
    cp "$EXPORT" "$TMP/export.csv"
    sum=$(sha256sum < "$TMP/export.csv")
    "$BIN" report -o "$TMP/export.csv" "$TMP/export.csv" 2>"$TMP/err"
    rc=$?
    [ $rc -eq 1 ] || fail "exit $rc, expected 1"
    [ "$(sha256sum < "$TMP/export.csv")" = "$sum" ] || fail "the export was changed"
    grep -q 'export.csv' "$TMP/err" || fail "the message does not name the folder"
}

# The last rename of publishing (the new workbook into place) fails:
# the PDF and workbook already moved in must be taken back and the earlier
# report restored, byte for byte (the fault comes from an LD_PRELOAD shim,
# tests/data/fail_rename.c, so the binary under test is the real one).
case_failed_publish_restores_the_earlier_report() {
    command -v cc >/dev/null || fail "no C compiler to build the rename shim"
    cc -shared -fPIC -o "$TMP/fail_rename.so" "$SRC/tests/data/fail_rename.c" -ldl || fail "cannot build the shim"
    good_report
    FAIL_RENAME_TO="/out/report.xlsx" LD_PRELOAD="$TMP/fail_rename.so" \
        ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
        timeout 120 "$BIN" report --title "another title" -o "$TMP/out" "$EXPORT" 2>"$TMP/err"
    expect_failed_run_harmless $? "the workbook cannot be moved into place"
    grep -q 'cannot move report.xlsx into place' "$TMP/err" || fail "the message does not say what failed: $(cat "$TMP/err")"
    [ -d "$TMP/out/charts" ] || fail "the earlier charts folder is gone"
    # and without the fault the same command publishes the new report
    "$BIN" report --title "another title" -o "$TMP/out" "$EXPORT" 2>/dev/null || fail "the retry failed"
    snapshot "$TMP/after"
    cmp -s "$TMP/before" "$TMP/after" && fail "the retry did not replace the report"
    return 0
}

"case_$CASE"
