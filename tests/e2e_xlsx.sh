#!/usr/bin/env bash
# e2e_xlsx.sh — .xlsx exports through the CLI (docs/spreadsheets.md).
#
# usage: bash tests/e2e_xlsx.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
# Each `case_<name>()` is one ctest entry (tests/CMakeLists.txt).
#
# The workbooks of fixtures/msforms-2023 (written by openpyxl from the 2023
# CSV fixture) must tabulate byte for byte as the CSV does; the report runs
# on them without any personal value (Q1–Q4, and Microsoft Forms' メール and
# 名前 columns, which hold the same values); hostile files get exit 1 and one
# message. Large workbooks are generated here with python3's zipfile
# (standard library): memory must not follow the sheet's XML size, and a
# sheet of Excel's full 1,048,576 rows reads.
set -u

CASE=${1:?usage: e2e_xlsx.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_xlsx.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_xlsx.sh CASE BINARY SOURCE_DIR}
CSV="$SRC/fixtures/hokkaido-2023/responses.csv"
MSFORMS="$SRC/fixtures/msforms-2023/msforms.xlsx"
SHEETS="$SRC/fixtures/msforms-2023/sheets.xlsx"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e_xlsx.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

fail() {
    printf 'FAIL e2e_xlsx.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}

# Exactly the CSV's output for every command of the text family.
same_as_csv() {
    local book=$1
    for cmd in "tabulate --format csv" "tabulate --format text" "flows --format csv" "gap --format csv" \
               "themes --quotes --format csv"; do
        $BIN $cmd "$CSV" > "$TMP/csv.out" 2>/dev/null || fail "$cmd on the CSV"
        $BIN $cmd "$book" > "$TMP/book.out" 2>"$TMP/book.err" || fail "$cmd on $book: $(cat "$TMP/book.err")"
        cmp -s "$TMP/csv.out" "$TMP/book.out" || { diff "$TMP/csv.out" "$TMP/book.out" | head -20 >&2;
            fail "$cmd: $(basename "$book") differs from the CSV"; }
    done
}

case_msforms_tabulates_as_csv() { same_as_csv "$MSFORMS"; }
case_sheets_tabulates_as_csv() { same_as_csv "$SHEETS"; }

# Named by content, not by name: the workbook under another name reads too.
case_detected_by_signature() {
    cp "$MSFORMS" "$TMP/responses.csv"
    $BIN tabulate --format csv "$CSV" > "$TMP/a" 2>/dev/null
    $BIN tabulate --format csv "$TMP/responses.csv" > "$TMP/b" 2>/dev/null || fail "a workbook named .csv"
    cmp -s "$TMP/a" "$TMP/b" || fail "differs"
}

case_validate_names_cells() {
    $BIN validate "$MSFORMS" > "$TMP/v" 2>&1 || fail "validate"
    grep -q '^note    line 1 Sheet1!A1 \[ID\]: ' "$TMP/v" || fail "no Sheet1!A1 for ID: $(head -8 "$TMP/v")"
    grep -q '^note    line 1 Sheet1!E1 \[名前\]: ' "$TMP/v" || fail "no Sheet1!E1 for 名前"
    grep -q '^note    line 2 Sheet1!AA2 .*"2割"' "$TMP/v" || fail "no Sheet1!AA2 for 2割"
    [ "$(grep -c ' Sheet1!' "$TMP/v")" -ge 60 ] || fail "too few cells named"
    $BIN validate "$CSV" > "$TMP/c" 2>&1
    ! grep -q 'Sheet1!' "$TMP/c" || fail "a CSV read names cells"
}

# Write the personal values (Q1–Q4 of the CSV, 4 characters or more) to $TMP/personal.
personal_values() {
    python3 - "$CSV" > "$TMP/personal" <<'PY' || fail "cannot read the CSV"
import csv, re, sys, unicodedata
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
cols = [i for i, h in enumerate(rows[0]) if re.match(r"Q[1-4][.．]", unicodedata.normalize("NFKC", h))]
assert len(cols) == 4, cols
for v in sorted({row[i].strip() for row in rows[1:] for i in cols if len(row[i].strip()) >= 4}):
    print(v)
PY
    [ "$(wc -l < "$TMP/personal")" -ge 150 ] || fail "too few personal values read"
}

check_files() {
    python3 - "$TMP/personal" "$@" <<'PY' || fail "personal data in the output (see above)"
import sys, unicodedata
values = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
bad = 0
for path in sys.argv[2:]:
    text = unicodedata.normalize("NFKC", open(path, encoding="utf-8", errors="replace").read())
    for v in values:
        if unicodedata.normalize("NFKC", v) in text:
            print(f"{path}: contains {v!r}", file=sys.stderr)
            bad += 1
sys.exit(1 if bad else 0)
PY
}

case_msforms_report_without_personal_data() {
    personal_values
    $BIN report -o "$TMP/rep" "$MSFORMS" 2>"$TMP/stderr" || fail "report: $(cat "$TMP/stderr")"
    $BIN validate "$MSFORMS" > "$TMP/validate.txt" 2>>"$TMP/stderr" || fail "validate"
    pdftotext "$TMP/rep/report.pdf" "$TMP/report.txt" || fail "pdftotext"
    mkdir -p "$TMP/x" && (cd "$TMP/x" && unzip -q "$TMP/rep/report.xlsx") || fail "unzip"
    check_files "$TMP/report.txt" $(find "$TMP/x" -name '*.xml') "$TMP"/rep/charts/*.svg "$TMP/stderr" \
        "$TMP/validate.txt"
    grep -rqF 'Sheet1!AA2' "$TMP/x/xl" || fail "the workbook's quality sheet names no cell"
}

# One message on stderr, exit 1, nothing on stdout.
refused() {
    local file=$1 says=$2 rc
    shift 2
    $BIN tabulate "$@" "$file" > "$TMP/out" 2> "$TMP/err"
    rc=$?
    [ $rc -eq 1 ] || fail "exit $rc, not 1: $(cat "$TMP/err")"
    [ ! -s "$TMP/out" ] || fail "output on stdout"
    [ "$(wc -l < "$TMP/err")" -eq 1 ] || fail "not one line: $(cat "$TMP/err")"
    grep -qF -- "$says" "$TMP/err" || fail "no '$says' in: $(cat "$TMP/err")"
}

case_missing_sheet_lists_names() {
    refused "$MSFORMS" "no sheet named 「回答」: the workbook has 「Sheet1」" --sheet 回答
    $BIN tabulate --sheet "フォームの回答 1" "$SHEETS" > /dev/null 2>&1 || fail "--sheet with the right name"
}

case_xls_refused() {
    { printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'; head -c 4088 /dev/zero; } > "$TMP/old.xls"
    refused "$TMP/old.xls" "save as .xlsx or .csv"
}

case_truncated_refused() {
    head -c 40000 "$MSFORMS" > "$TMP/cut.xlsx"
    refused "$TMP/cut.xlsx" "damaged or truncated"
}

case_zip_without_workbook_refused() {
    python3 -c "import zipfile,sys; zipfile.ZipFile(sys.argv[1],'w').writestr('readme.txt','hello')" "$TMP/z.xlsx"
    refused "$TMP/z.xlsx" "xl/_rels/workbook.xml.rels is missing"
}

case_nul_advice_names_both_forms() {
    printf 'a,b\n\0\n' > "$TMP/nul.csv"
    refused "$TMP/nul.csv" "Microsoft Forms"
}

# A workbook of ROWS responses whose ignored 3rd column holds PAD hex
# characters a row (incompressible, so no zip bomb), inline strings.
big_book() {
    python3 - "$1" "$2" "$3" "$4" <<'PY' || fail "cannot write the workbook"
import random, sys, zipfile
out, rows, pad, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
rnd = random.Random(7)
def cell(col, row, text):
    return '<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (col, row, text)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    z.writestr("xl/workbook.xml", '<workbook %s xmlns:r="%s"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % (NS, R))
    z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % R)
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        f.write(('<worksheet %s><sheetData><row r="1">%s%s%s</row>' % (NS, cell("A", 1, "Q2. 団体名"), cell("B", 1, "Q37. 星"), cell("C", 1, "メモ"))).encode())
        for i in range(2, rows + 2):
            f.write(('<row r="%d">%s%s%s</row>' % (i, cell("A", i, "団体%d" % i), cell("B", i, str(1 + i % 10)),
                                                  cell("C", i, rnd.randbytes(pad // 2).hex() if pad else ""))).encode())
        if last:  # every row up to `last`, empty but for the last
            f.write(b"".join(b'<row r="%d"/>' % i for i in range(rows + 2, last)))
            f.write(('<row r="%d">%s</row>' % (last, cell("B", last, "7"))).encode())
        f.write(b"</sheetData></worksheet>")
PY
}

# Max RSS of tabulate on a 2,000-response sheet of ~0.5 MB XML and of ~100 MB
# XML ~60 MB (the same coded data): streaming means the second is not 60 MB more.
case_memory_does_not_follow_sheet_size() {
    big_book "$TMP/small.xlsx" 2000 200 0
    big_book "$TMP/large.xlsx" 2000 30000 0
    for s in small large; do
        /usr/bin/time -f %M -o "$TMP/$s.rss" $BIN tabulate --format csv "$TMP/$s.xlsx" > "$TMP/$s.csv" 2>"$TMP/$s.err" \
            || fail "$s: $(cat "$TMP/$s.err")"
    done
    cmp -s "$TMP/small.csv" "$TMP/large.csv" || fail "the tables differ"
    local small large
    small=$(tail -1 "$TMP/small.rss"); large=$(tail -1 "$TMP/large.rss")
    echo "max RSS: $small KiB (0.5 MB sheet XML), $large KiB ($(unzip -lqq "$TMP/large.xlsx" | awk '/sheet1/ {print int($1/1048576)}') MiB sheet XML)"
    [ "$large" -lt $((small + 20000)) ] || fail "memory follows the XML: $small KiB vs $large KiB"
}

# A sheet of Excel's full 1,048,576 rows (all but 4 of them empty) reads.
case_full_height_sheet() {
    big_book "$TMP/tall.xlsx" 3 0 1048576
    $BIN validate "$TMP/tall.xlsx" > "$TMP/v" 2>&1 || fail "validate: $(tail -3 "$TMP/v")"
    grep -q '^records: 1048575 (empty rows skipped: 1048571)' "$TMP/v" || fail "$(head -5 "$TMP/v")"
    grep -q '^responses: 4 ' "$TMP/v" || fail "$(head -5 "$TMP/v")"
}

"case_$CASE"
