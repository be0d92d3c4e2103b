#!/usr/bin/env bash
# e2e_scale.sh — a survey far larger than a region's keeps a readable PDF:
# organisation lists stop at about three quarters of a page and groups of
# quotes at 100, each with
# a note of how many more there are and which workbook sheet (for the
# organisation lists of a survey above the workbook's limit: which CSV
# file) has them all;
# the 65-response fixture reaches neither limit.
#
# usage: bash tests/e2e_scale.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
set -u

CASE=${1:?usage: e2e_scale.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_scale.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_scale.sh CASE BINARY SOURCE_DIR}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e_scale.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

fail() {
    printf 'FAIL e2e_scale.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}

# The PDF's text on one line (pdftotext breaks lines inside table cells).
pdf_text() {
    pdftotext "$1" - | tr -d '\n '
}

case_large_survey_pdf_lists_are_capped() {
    python3 "$SRC/bench/generate.py" 1200 "$TMP/large.csv" || fail "cannot generate the export"
    timeout 300 "$BIN" report -o "$TMP/out" "$TMP/large.csv" 2>"$TMP/err" || fail "report failed: $(cat "$TMP/err")"
    pdf_text "$TMP/out/report.pdf" > "$TMP/text"
    grep -q '件のうち最初の100件を掲載した。全件は集計表（Excel）の「' "$TMP/text" || fail "no note under a cut group of quotes"
    ! grep -qE '\.(xlsx|csv|pdf)' "$TMP/text" || fail "the PDF names a file: $(grep -oE '.{20}\.(xlsx|csv|pdf)' "$TMP/text" | head -3)"
    grep -qE 'ほか[0-9]+団体（全件は集計表（Excel）の「団体リスト」シートに掲載）' "$TMP/text" || fail "no note after a cut organisation list"
    pages=$(pdfinfo "$TMP/out/report.pdf" | sed -n 's/^Pages: *//p')
    [ -n "$pages" ] && [ "$pages" -le 250 ] || fail "the PDF of 1,200 responses has $pages pages"
    # the workbook still lists every organisation: R1200 is in it
    unzip -p "$TMP/out/report.xlsx" 'xl/worksheets/*.xml' | grep -q 'R1200' || fail "the workbook lost organisations"
    # above the workbook's limit (lowered here) the note points to the CSV file, by no file name
    NPS_XLSX_DATA_MAX_ROWS=1000 timeout 300 "$BIN" report -o "$TMP/csv" "$TMP/large.csv" 2>"$TMP/err" ||
        fail "report failed: $(cat "$TMP/err")"
    pdf_text "$TMP/csv/report.pdf" > "$TMP/text"
    grep -qE 'ほか[0-9]+団体（全件は報告書に添えたCSVファイル「団体リスト」に掲載）' "$TMP/text" ||
        fail "no note pointing to the CSV file after a cut organisation list"
    grep -q '団体リスト」シート' "$TMP/text" && fail "the note still points to the sheet"
    grep -q ',R1200,' "$TMP/csv/団体リスト.csv" || fail "団体リスト.csv lost organisations"
    return 0
}

case_fixture_reaches_no_limit() {
    "$BIN" report -o "$TMP/out" "$SRC/fixtures/hokkaido-2023/responses.csv" 2>/dev/null || fail "report failed"
    pdf_text "$TMP/out/report.pdf" > "$TMP/text"
    grep -q '最初の100件' "$TMP/text" && fail "a group of quotes was cut"
    grep -qE 'ほか[0-9]+団体' "$TMP/text" && fail "an organisation list was cut"
    return 0
}

"case_$CASE"
