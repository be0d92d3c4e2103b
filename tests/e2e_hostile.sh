#!/usr/bin/env bash
# e2e_hostile.sh — hostile input through the command line (docs/report.md, docs/robustness.md;
# issue 6; docs/robustness.md has the table of cases and outcomes).
#
# usage: bash tests/e2e_hostile.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
#
# tests/CMakeLists.txt registers every `case_<name>()` below as the ctest
# entry e2e_hostile.<name>, run in the build folder. Inputs are generated at
# test time (from the 2023 fixture's header and rows, or from nothing) into a
# temporary folder under the build folder, which is removed afterwards; the
# 50 MB cell is never committed.
#
# Every run is wrapped in `timeout 60` — except runs that must write a whole
# report (PDF, workbook, 38 charts), which get 300 s: in the ASan build on a
# busy 2-core machine a full report can take more than a minute without
# hanging. The outcome of each run is one of:
#   fails  — exit 1, nothing on stdout, exactly one line on stderr that names
#            the file, "line N" where a line applies, and what to do (the
#            "(…)" hint of docs/cli.md's `FILE: line N: what (what to do)`);
#   passes — exit 0 (findings summarised on stderr, listed by `validate`).
# Never a signal (exit ≥ 128), never a timeout (exit 124). Every failing run
# is run again under LC_ALL=ja_JP.UTF-8 and its message checked in Japanese
# ("N 行目", a "（…）" hint, nothing left in English: expect_error_ja).
#
# Runs on `tabulate` and on `report -o DIR`. A failing report must
# leave an earlier report in DIR byte-for-byte intact and no staging folder
# (.npo-survey-*) behind: each such case first puts a good report of a small
# variant into DIR, then runs the failing one into the same DIR. The good
# report is rendered once per build folder and binary (cached under
# e2e_hostile.cache/, serialised with flock) and copied into each case's DIR.
set -u

CASE=${1:?usage: e2e_hostile.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_hostile.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_hostile.sh CASE BINARY SOURCE_DIR}
FIXTURE=$SRC/fixtures/hokkaido-2023/responses.csv
GOOD=$SRC/fixtures/variants/bom_crlf.csv
TMP=$(mktemp -d "$PWD/e2e_hostile.XXXXXX") || exit 1
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
export LC_ALL=C

fail() {
    printf 'FAIL e2e_hostile.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}
. "$SRC/tests/locale_check.sh" # need_ja_locale, no_english (docs/cli.md, "Language")

# run ARGS...: timeout $LIMIT npo-survey ARGS → $TMP/out, $TMP/err, $RC;
# fails on a signal or a timeout. LIMIT is 60 s; full_run sets 300 s.
LIMIT=60
run() {
    LAST=("$@")
    timeout "$LIMIT" "$BIN" "$@" >"$TMP/out" 2>"$TMP/err"
    RC=$?
    printf '$ npo-survey %s → exit %d\n' "$*" "$RC" >&2
    sed 's/^/  stderr: /' "$TMP/err" | head -5 >&2
    [ "$RC" -ne 124 ] || fail "npo-survey $*: no result within $LIMIT s (a hang?)"
    [ "$RC" -lt 128 ] || fail "npo-survey $*: killed by signal $((RC - 128))"
}

# expect_error NAME LINE: the last run failed cleanly: exit 1, nothing on
# stdout, one stderr line naming NAME, "line LINE" (LINE: a number, "any",
# or "none" where no line applies) and a "(what to do)" hint.
expect_error() {
    local name=$1 want=$2 nlines
    nlines=$(awk 'END { print NR }' "$TMP/err")
    [ "$RC" -eq 1 ] || fail "exit status $RC, expected 1"
    [ ! -s "$TMP/out" ] || fail "printed on stdout: $(head -c 200 "$TMP/out")"
    [ "$nlines" -eq 1 ] || fail "$nlines lines on stderr, expected exactly one"
    grep -qF -- "$name" "$TMP/err" || fail "the message does not name $name"
    case $want in
        none) ;;
        any) grep -Eq 'line [0-9]+' "$TMP/err" || fail "the message names no line" ;;
        *) grep -Eq "line $want([^0-9]|\$)" "$TMP/err" || fail "the message does not name line $want" ;;
    esac
    grep -Eq '\(.+\)$' "$TMP/err" || fail "the message does not say what to do (no '(…)' hint)"
    expect_error_ja "$name" "$want"
}

# expect_error_ja NAME LINE: the last run (stdin: /dev/null) again under ja_JP.UTF-8 fails the
# same way, in Japanese: exit 1, one line naming NAME, "LINE 行目" and a
# "（…）" hint, no English left (tests/locale_check.sh).
expect_error_ja() {
    local name=$1 want=$2 rc
    need_ja_locale
    LC_ALL=$JA timeout "$LIMIT" "$BIN" "${LAST[@]}" </dev/null >"$TMP/out.ja" 2>"$TMP/err.ja"
    rc=$?
    sed 's/^/  stderr (ja): /' "$TMP/err.ja" | head -3 >&2
    [ "$rc" -eq 1 ] || fail "under $JA: exit status $rc, expected 1"
    [ ! -s "$TMP/out.ja" ] || fail "under $JA: printed on stdout"
    [ "$(awk 'END { print NR }' "$TMP/err.ja")" -eq 1 ] || fail "under $JA: not exactly one line on stderr"
    grep -qF -- "$name" "$TMP/err.ja" || fail "under $JA: the message does not name $name"
    case $want in
        none) ;;
        any) grep -Eq '[0-9]+ 行目' "$TMP/err.ja" || fail "under $JA: the message names no line" ;;
        *) grep -Eq "(^|[^0-9])$want 行目" "$TMP/err.ja" || fail "under $JA: the message does not name line $want (N 行目)" ;;
    esac
    grep -Eq '（.+）$' "$TMP/err.ja" || fail "under $JA: no '（…）' hint"
    no_english "$(cat "$TMP/err.ja")"
}

# expect_ok: the last run succeeded (exit 0, output on stdout).
expect_ok() {
    [ "$RC" -eq 0 ] || fail "exit status $RC, expected 0"
    [ -s "$TMP/out" ] || [ "${1:-}" = quiet ] || fail "nothing on stdout"
}

# ---------------------------------------------------------------- inputs
header() { head -n 1 "$FIXTURE"; }
rows() { sed -n "2,$(($1 + 1))p" "$FIXTURE"; }  # the first N responses (one line each)
valid() { { header; rows "${1:-2}"; } >"$2"; }

# Deterministic pseudo-random bytes: a 32-bit LCG (Numerical Recipes), high byte.
random_bytes() {
    local n=$1 x=20231031 i out=''
    for ((i = 0; i < n; i++)); do
        x=$(((x * 1664525 + 1013904223) & 0xFFFFFFFF))
        out+=$(printf '\\x%02x' $((x >> 24)))
        if ((i % 512 == 511)); then printf "$out"; out=''; fi
    done
    printf "$out"
}

# full_run ARGS...: a run that writes a whole report.
full_run() {
    LIMIT=300
    run "$@"
    LIMIT=60
}

# ---------------------------------------------------------------- report
# A first, good report into DIR; its checksums go to DIR.sums. Put there
# once per case: the failing runs that follow must all leave it as it is.
good_report() {
    local dir=$1 key cache=$PWD/e2e_hostile.cache
    [ -f "$dir.sums" ] && return 0
    key=$(cat "$BIN" "$GOOD" | sha256sum | cut -c1-16)
    mkdir -p "$cache" || fail "cannot create $cache"
    (
        flock 9
        if [ ! -f "$cache/$key/.done" ]; then
            find "$cache" -mindepth 1 -maxdepth 1 -type d -exec rm -rf {} + # other binaries' reports
            full_run report -o "$cache/$key" "$GOOD"
            [ "$RC" -eq 0 ] || fail "the good report of $GOOD failed (exit $RC)"
            [ -s "$cache/$key/report.pdf" ] && [ -s "$cache/$key/report.xlsx" ] ||
                fail "the good report wrote no report.pdf/report.xlsx"
            touch "$cache/$key/.done"
        fi
    ) 9>"$cache/lock" || exit 1
    cp -a "$cache/$key" "$dir" && rm -f "$dir/.done" || fail "cannot copy the good report"
    (cd "$dir" && find . -type f | sort | xargs -d '\n' sha256sum) >"$dir.sums"
}

# The earlier report in DIR is intact and nothing of the failed run is left.
check_intact() {
    local dir=$1 now
    now=$(cd "$dir" && find . -type f | sort | xargs -d '\n' sha256sum)
    [ "$now" = "$(cat "$dir.sums")" ] || fail "the earlier report in $dir changed: $(diff <(echo "$now") "$dir.sums" | head -5)"
    local left
    left=$(find "$TMP" -name '.npo-survey-*' | head -3)
    [ -z "$left" ] || fail "staging left behind: $left"
}

# report_error FILE LINE: `report` on FILE fails like `tabulate` does, into a
# folder holding an earlier report, which survives.
report_error() {
    local file=$1 line=$2
    good_report "$TMP/rep"
    run report -o "$TMP/rep" "$file"
    expect_error "$(basename "$file")" "$line"
    check_intact "$TMP/rep"
}

report_ok() {
    local file=$1
    full_run report -o "$TMP/rep" "$file"
    expect_ok quiet
    [ -s "$TMP/rep/report.pdf" ] && [ -s "$TMP/rep/report.xlsx" ] || fail "report wrote no report.pdf/report.xlsx"
}

# bad FILE LINE: tabulate and report both fail with one message naming FILE and LINE.
bad() {
    run tabulate --format csv "$1"
    expect_error "$(basename "$1")" "$2"
    report_error "$1" "$2"
    echo "ok: exit 1, one message, nothing lost"
}

# good FILE: tabulate and report both succeed.
good() {
    run tabulate --format csv "$1"
    expect_ok
    report_ok "$1"
}

# ---------------------------------------------------------------- cases
case_empty() {
    : >"$TMP/empty.csv"
    bad "$TMP/empty.csv" none
    # only line ends: not empty, but no record either
    printf '\n\r\n\n' >"$TMP/blank_lines.csv"
    bad "$TMP/blank_lines.csv" 1
    # only a UTF-8 BOM
    printf '\xef\xbb\xbf' >"$TMP/bom_only.csv"
    bad "$TMP/bom_only.csv" none
}

case_header_only() {
    header >"$TMP/header_only.csv"
    bad "$TMP/header_only.csv" any
    # a header line without its line end, and a header followed by blank lines
    header | tr -d '\n' >"$TMP/header_noeol.csv"
    bad "$TMP/header_noeol.csv" any
    { header; printf '\n\n\r\n'; } >"$TMP/header_blank.csv"
    bad "$TMP/header_blank.csv" any
}

# The quote opens in line 4, the last line, which has no line end.
case_unterminated_quote_end() {
    { header; rows 2; printf '2023/10/05 10:00:00,"abc'; } >"$TMP/quote_end.csv"
    bad "$TMP/quote_end.csv" 4
}

# The quote opens in line 3 and runs over the rest of the file.
case_unterminated_quote_middle() {
    { header; rows 1; printf '2023/10/05 10:00:00,"abc\n'; sed -n '3,20p' "$FIXTURE"; } >"$TMP/quote_mid.csv"
    bad "$TMP/quote_mid.csv" 3
}

# 4096 deterministic pseudo-random bytes (they contain NULs: a binary file).
case_random_binary() {
    random_bytes 4096 >"$TMP/random.bin"
    [ "$(wc -c <"$TMP/random.bin")" -eq 4096 ] || fail "generator wrote $(wc -c <"$TMP/random.bin") bytes"
    bad "$TMP/random.bin" any
    # the same bytes without NULs or line ends: neither UTF-8 nor CP932, or not CSV
    tr -d '\000\n\r' <"$TMP/random.bin" >"$TMP/random_text.bin"
    bad "$TMP/random_text.bin" any
}

case_nul_bytes() {
    { header; rows 1; printf '2023/10/05 10:00:00,ab\000cd\n'; rows 3 | tail -n 1; } >"$TMP/nul.csv"
    bad "$TMP/nul.csv" 3
}

# 0x80 0xFF 0xFD: not UTF-8, not CP932 (0x80 and 0xFD–0xFF are unassigned
# lead bytes), in line 3 of a UTF-8 export.
case_invalid_bytes() {
    { header; rows 1; printf '2023/10/05 10:00:00,\x80\xff\xfd\n'; } >"$TMP/invalid.csv"
    bad "$TMP/invalid.csv" 3
    # the same line in a CP932 export (fixtures/variants/cp932_excel.csv)
    { head -n 2 "$SRC/fixtures/variants/cp932_excel.csv"; printf '2023/10/05 10:00:00,\x80\xff\xfd\r\n'; } >"$TMP/invalid_cp932.csv"
    bad "$TMP/invalid_cp932.csv" 3
}

# Overlong UTF-8 (C0 AF and E0 80 AF, both "/") is invalid UTF-8 (strict
# decoding), so the file is tried as CP932:
#  - in a UTF-8 export the earlier Japanese lines are not CP932: exit 1
#    naming the line of the overlong sequence;
#  - with --encoding utf-8: exit 1 naming that line;
#  - in an otherwise ASCII export the bytes are valid CP932 (half-width kana
#    ﾀｯ, and a kanji plus ｯ): it is read as CP932 and the text is kept as
#    written — exit 0, and `validate` says "encoding: CP932".
case_overlong_utf8() {
    { header; rows 1; printf '2023/10/05 10:00:00,\xc0\xaf,\xe0\x80\xaf\n'; } >"$TMP/overlong.csv"
    bad "$TMP/overlong.csv" 3
    run tabulate --encoding utf-8 "$TMP/overlong.csv"
    expect_error overlong.csv 3
    printf 'Timestamp,Q5,Q37\n2023/10/05 10:00:00,a\xc0\xafb,5\n2023/10/06 10:00:00,\xe0\x80\xaf,7\n' >"$TMP/overlong_ascii.csv"
    good "$TMP/overlong_ascii.csv"
    run validate "$TMP/overlong_ascii.csv"
    expect_ok
    grep -q '^encoding: CP932' "$TMP/out" || fail "the ASCII export with overlongs was not read as CP932: $(head -3 "$TMP/out")"
}

# UTF-8 lines with one CP932 line (line 3), and CP932 lines with one UTF-8
# line (line 3): exit 1 naming line 3 either way.
case_mixed_encodings() {
    { header; rows 1; rows 2 | tail -n 1 | iconv -f UTF-8 -t CP932; } >"$TMP/mixed.csv" ||
        fail "iconv could not write the CP932 line"
    bad "$TMP/mixed.csv" 3
    { head -n 2 "$SRC/fixtures/variants/cp932_excel.csv"; printf '2023/10/05 10:00:00,日本語の団体\r\n'; } >"$TMP/mixed2.csv"
    bad "$TMP/mixed2.csv" 3
}

case_unrelated_csv() {
    printf 'name,price,qty\napple,100,3\npear,120,5\n' >"$TMP/prices.csv"
    bad "$TMP/prices.csv" 1
}

# A 50 MB cell in line 3 (generated here, not committed): the 1 MiB cap stops
# the read at once, quoted or not, closed or not.
case_cell_50mb() {
    { header; rows 1; printf '2023/10/05 10:00:00,"'; head -c 52428800 /dev/zero | tr '\0' 'x'; printf '"\n'; } >"$TMP/cell_q.csv"
    bad "$TMP/cell_q.csv" 3
    { header; rows 1; printf '2023/10/05 10:00:00,'; head -c 52428800 /dev/zero | tr '\0' 'y'; printf '\n'; } >"$TMP/cell_u.csv"
    bad "$TMP/cell_u.csv" 3
    { header; rows 1; printf '2023/10/05 10:00:00,"'; head -c 52428800 /dev/zero | tr '\0' 'z'; } >"$TMP/cell_open.csv"
    bad "$TMP/cell_open.csv" 3
    rm -f "$TMP"/cell_*.csv
}

# 60,000 columns (the limit is 10,000): in the header, and in a data row.
case_columns_60000() {
    local wide
    wide=$(head -c 60000 /dev/zero | tr '\0' 'x' | sed 's/x/,x/g')
    { printf 'Timestamp%s\n' "$wide"; rows 1; } >"$TMP/wide_header.csv"
    bad "$TMP/wide_header.csv" 1
    { header; rows 1; printf '2023/10/05 10:00:00%s\n' "$wide"; } >"$TMP/wide_row.csv"
    bad "$TMP/wide_row.csv" 3
}

# Rows shorter and longer than the header: exit 0, one finding each.
case_short_long_rows() {
    { header; rows 2; printf '2023/10/05 10:00:00,短い行の団体,short@example.org\n'; rows 3 | tail -n 1 | sed 's/$/,extra,extra/'; } >"$TMP/ragged.csv"
    good "$TMP/ragged.csv"
    grep -q 'data-quality finding' "$TMP/err" || fail "no findings reported on stderr"
    run validate "$TMP/ragged.csv"
    expect_ok
    grep -q '^finding line 4: row has fewer cells than the header' "$TMP/out" || fail "no finding for the short line 4"
    grep -q '^finding line 5: row has more cells than the header' "$TMP/out" || fail "no finding for the long line 5"
}

# A header, one response, then 100,000 empty rows (commas only, blank lines,
# CRLF): exit 0, fast, the empty rows counted.
case_empty_rows_100k() {
    {
        header; rows 1
        awk 'BEGIN { for (i = 0; i < 100000; i++) printf (i % 3 == 0 ? ",,,,\n" : i % 3 == 1 ? "\n" : ",\r\n") }'
    } >"$TMP/empty_rows.csv"
    local t0=$SECONDS
    run tabulate --format csv "$TMP/empty_rows.csv"
    expect_ok
    run validate "$TMP/empty_rows.csv"
    expect_ok
    grep -q '^responses: 1 ' "$TMP/out" || fail "expected exactly one response: $(grep responses "$TMP/out")"
    grep -q 'empty rows skipped: 66667' "$TMP/out" || fail "the empty rows were not counted: $(grep records "$TMP/out")"
    [ $((SECONDS - t0)) -le 20 ] || fail "took $((SECONDS - t0)) s"
    report_ok "$TMP/empty_rows.csv"
}

# Text that Excel would run as a formula, in free text (Q5, Q38) and in
# "other" write-ins (Q6, Q26): read as text, exit 0; in report.xlsx stored
# as strings, never as <f> formulas.
case_formula_text() {
    local h='タイムスタンプ,Q2. 団体名,Q5. 活動目的,Q6. 事業,Q26. 期間,Q38. 理由'
    {
        printf '%s\n' "$h"
        printf '%s\n' "2023/10/03 08:26:01,団体A,\"=cmd|' /C calc'!A0\",\"子ども食堂, その他：=cmd|' /C calc'!A0\",+SUM(1),@x"
        printf '%s\n' '2023/10/04 08:26:01,団体B,+SUM(1),その他：@x,"=HYPERLINK(""http://example.org"")",-2+3'
        printf '%s\n' '2023/10/05 08:26:01,団体C,@x,-2+3,-2+3,"=cmd|'"'"' /C calc'"'"'!A0"'
    } >"$TMP/formula.csv"
    run tabulate --format csv "$TMP/formula.csv"
    expect_ok
    full_run report -o "$TMP/rep" "$TMP/formula.csv"
    expect_ok quiet
    mkdir -p "$TMP/x" && (cd "$TMP/x" && unzip -q -o "$TMP/rep/report.xlsx") || fail "report.xlsx is not a zip"
    local formulas
    formulas=$(cat "$TMP"/x/xl/worksheets/*.xml | grep -o '<f>[^<]*</f>' | grep -E "cmd|SUM\(1\)|HYPERLINK|@x|-2\+3" | head -3)
    [ -z "$formulas" ] || fail "respondent text stored as a formula: $formulas"
    local strings
    strings=$(cat "$TMP"/x/xl/sharedStrings.xml "$TMP"/x/xl/worksheets/*.xml 2>/dev/null)
    for s in "/C calc" "+SUM(1)" "-2+3" "@x"; do
        grep -qF -- "$s" <<<"$strings" || fail "the text '$s' is not in the workbook as a string"
    done
}

# A broken questionnaire via --questionnaire: exit 1 naming the file and line.
case_broken_questionnaire() {
    local q
    for q in quote list bins; do cp -r "$SRC/questionnaire" "$TMP/q_$q"; done
    printf 'q6,q6_x,"never closed\n' >>"$TMP/q_quote/choices.csv"
    local n
    n=$(awk 'END { print NR }' "$TMP/q_quote/choices.csv")
    run tabulate --questionnaire "$TMP/q_quote" "$FIXTURE"
    expect_error "choices.csv" "$n"
    # Q6's list renamed to one that does not exist (line 7 of survey.csv)
    awk -F, -v OFS=, '$1 == "6" && $2 == "" { $4 = "no_such_list" } { print }' "$SRC/questionnaire/survey.csv" >"$TMP/q_list/survey.csv"
    n=$(awk -F, '$1 == "6" && $2 == "" { print NR }' "$TMP/q_list/survey.csv")
    run tabulate --questionnaire "$TMP/q_list" "$FIXTURE"
    expect_error "survey.csv" "$n"
    # two bins overlapping: the second count bin starts inside the first
    awk '/^count,1/ && !done { sub(/"\(0,5\]"/, "\"[0,5]\""); done = 1 } { print }' "$SRC/questionnaire/bins.csv" >"$TMP/q_bins/bins.csv"
    cmp -s "$TMP/q_bins/bins.csv" "$SRC/questionnaire/bins.csv" && fail "the bins edit did not apply"
    run tabulate --questionnaire "$TMP/q_bins" "$FIXTURE"
    expect_error "bins.csv" any
    good_report "$TMP/rep"
    run report --questionnaire "$TMP/q_quote" -o "$TMP/rep" "$FIXTURE"
    expect_error "choices.csv" any
    check_intact "$TMP/rep"
}

# An output folder that cannot be written. CI runs as root, where a chmod 555
# folder is still writable, so the sure way is a path under a regular file;
# /proc is a second one; chmod 555 when not root.
case_unwritable_output() {
    valid 2 "$TMP/export.csv"
    : >"$TMP/plainfile"
    run report -o "$TMP/plainfile/out" "$TMP/export.csv"
    expect_error "plainfile" none
    [ ! -s "$TMP/plainfile" ] || fail "the regular file in the way was written to"
    run report -o /proc/self/npo-survey-report "$TMP/export.csv"
    expect_error "/proc/self/npo-survey-report" none
    if [ "$(id -u)" -ne 0 ]; then
        good_report "$TMP/rep"
        chmod 555 "$TMP/rep"
        run report -o "$TMP/rep" "$FIXTURE"
        expect_error "rep" none
        chmod 755 "$TMP/rep"
        check_intact "$TMP/rep"
    else
        echo "note: running as root, chmod 555 does not stop writes: that part is skipped" >&2
    fi
    [ -z "$(find "$TMP" -name '.npo-survey-*')" ] || fail "staging left behind"
}

# -o the export itself: refused, the export untouched.
case_output_is_input() {
    valid 2 "$TMP/export.csv"
    local before
    before=$(sha256sum <"$TMP/export.csv")
    run report -o "$TMP/export.csv" "$TMP/export.csv"
    expect_error "export.csv" none
    [ "$(sha256sum <"$TMP/export.csv")" = "$before" ] || fail "the export was changed"
    [ -z "$(find "$TMP" -name '.npo-survey-*')" ] || fail "staging left behind"
}

# ---------------------------------------------------------------- issue 13
# edit_cells OUT ROW COLUMN_PREFIX VALUE [...]: the fixture's header and first
# 6 responses, with the cell of data row ROW (1-based) in every column whose
# header starts with COLUMN_PREFIX set to VALUE (Python escapes allowed;
# "REPEAT:c:N" is the character c N times).
edit_cells() {
    python3 - "$FIXTURE" "$@" <<'EOF'
import csv, io, sys
src, out, edits = sys.argv[1], sys.argv[2], sys.argv[3:]
rows = list(csv.reader(io.StringIO(open(src, encoding="utf-8-sig").read())))[:7]
for k in range(0, len(edits), 3):
    row, prefix, value = int(edits[k]), edits[k + 1], edits[k + 2].encode("latin-1", "backslashreplace").decode("unicode_escape")
    if value.startswith("REPEAT:"):
        value = value.split(":")[1] * int(value.split(":")[2])
    for i, h in enumerate(rows[0]):
        if h.startswith(prefix):
            rows[row][i] = value
with open(out, "w", encoding="utf-8", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
EOF
}

# Non-characters (U+FFFE: a byte-swapped BOM pasted into a form; U+FDD0,
# U+10FFFF) and a terminal escape in free text: replaced by U+FFFD with a
# note naming line and column; the report is written and shows 〓.
case_noncharacters() {
    edit_cells "$TMP/nonchar.csv" 2 "Q38." 'ab\ufffecd\ufdd0ef' 3 "Q5." 'x\x1b[31my' 4 "Q38." 'p\U0010ffffq' \
        5 "Q38." 'ＡＢＣ（あいうえお）かきくけこさしすせそabcdefghijklmnopqrstuvwxyz\uffff。'
    run validate "$TMP/nonchar.csv"
    expect_ok
    grep -Eq '^note +line 3 \[Q38\..*"U\+FFFE": .*replaced by U\+FFFD' "$TMP/out" || fail "no note for U+FFFE at line 3, Q38"
    grep -Eq '^note +line 4 \[Q5\..*"U\+001B"' "$TMP/out" || fail "no note for ESC at line 4, Q5"
    ! grep -q $'\x1b' "$TMP/out" || fail "validate printed an ESC byte"
    grep -Eq '^note +line 5 \[Q38\..*"U\+10FFFF"' "$TMP/out" || fail "no note for U+10FFFF at line 5"
    grep -Eq '^note +line 6 \[Q38\..*"U\+FFFF"' "$TMP/out" || fail "no note for U+FFFF after 90 bytes at line 6"
    run themes --quotes --format csv "$TMP/nonchar.csv"
    expect_ok
    grep -q $'ab\xef\xbf\xbdcd\xef\xbf\xbdef' "$TMP/out" || fail "the text is not kept with U+FFFD"
    ! grep -q $'\xef\xbf\xbe\|\x1b' "$TMP/out" || fail "a non-character or ESC reached the output"
    report_ok "$TMP/nonchar.csv"
    pdftotext "$TMP/rep/report.pdf" "$TMP/report.txt" || fail "pdftotext"
    grep -q 'ab〓cd〓ef' "$TMP/report.txt" || fail "the quote is not in the PDF with 〓"
}

# A phone number typed into a count (Q16, users): a finding naming row and
# column with the value masked, no answer — never a number of 7 billion
# that stopped the report (its gap chart refused a point above 1e9).
case_phone_number_as_count() {
    edit_cells "$TMP/phone.csv" 2 "Q16." '070１１２２１２０９' 3 "Q16." '0112223333'   # lines 3 and 4
    run validate "$TMP/phone.csv"
    expect_ok
    grep -Eq '^finding +line 3 \[Q16\..*too large to be an answer' "$TMP/out" || fail "no finding for the phone number at line 3"
    grep -Eq '^finding +line 4 \[Q16\..*too large to be an answer' "$TMP/out" || fail "no finding for the phone number at line 4"
    ! grep -q '1122\|2223333' "$TMP/out" || fail "validate printed the phone number"
    report_ok "$TMP/phone.csv"
}

# One 1 MiB answer without a break opportunity: the report is written in
# bounded time (well within full_run's limit; it took over 5 minutes), the
# PDF quote is cut after 400 characters, the workbook holds more.
case_unbreakable_answer() {
    edit_cells "$TMP/long.csv" 2 "Q38." "REPEAT:x:1000000"
    local t0=$SECONDS
    report_ok "$TMP/long.csv"
    echo "report in $((SECONDS - t0)) s" >&2
    pdftotext "$TMP/rep/report.pdf" "$TMP/report.txt" || fail "pdftotext"
    [ "$(tr -cd x <"$TMP/report.txt" | wc -c)" -eq 400 ] || fail "the quote is not cut at 400 characters"
    tr -d '\n' <"$TMP/report.txt" | grep -q 'x…（以下略）' || fail "no …（以下略） after the cut quote"
}

# CSV injection: text cells starting with = + - @ get an apostrophe in every
# CSV written; numbers never do (leading white space: test_base, the reader
# trims it).
case_csv_injection() {
    edit_cells "$TMP/inj.csv" 2 "Q38." '=cmd|\x27 /C calc\x27!A0' 3 "Q38." '  +SUM(1)' 4 "Q38." '-2+3' 5 "Q38." '@x'
    run themes --quotes --format csv "$TMP/inj.csv"
    expect_ok
    for s in "'=cmd|' /C calc'!A0" "'+SUM(1)" "'-2+3" "'@x"; do
        grep -qF -- "$s" "$TMP/out" || fail "not prefixed: $s"
    done
    ! grep -Eq '(^|,)"?[ ]*[-=+@]' "$TMP/out" || fail "a cell starts with a formula character: $(grep -E '(^|,)"?[ ]*[-=+@]' "$TMP/out" | head -2)"
    run gap --format csv "$TMP/inj.csv"
    expect_ok
    run tabulate --format csv "$TMP/inj.csv"
    expect_ok
    ! grep -Eq "'[0-9]" "$TMP/out" || fail "a number was prefixed"
}

# UTF-16 LE and BE with a BOM, TAB- or comma-separated (Excel's
# 「Unicode テキスト」), and TAB-separated UTF-8: the same tables as the CSV.
case_utf16_and_tab() {
    python3 - "$FIXTURE" "$TMP" <<'EOF'
import csv, io, sys
rows = list(csv.reader(io.StringIO(open(sys.argv[1], encoding="utf-8-sig").read())))
def text(delim):
    out = io.StringIO()
    csv.writer(out, delimiter=delim, lineterminator="\r\n").writerows(rows)
    return out.getvalue()
t = sys.argv[2]
open(t + "/u16le_tab.txt", "wb").write(b"\xff\xfe" + text("\t").encode("utf-16-le"))
open(t + "/u16be_comma.csv", "wb").write(b"\xfe\xff" + text(",").encode("utf-16-be"))
open(t + "/u8_tab.txt", "wb").write(text("\t").encode("utf-8"))
EOF
    run tabulate --format csv "$FIXTURE"
    expect_ok
    cp "$TMP/out" "$TMP/want"
    for f in u16le_tab.txt u16be_comma.csv u8_tab.txt; do
        run tabulate --format csv "$TMP/$f"
        expect_ok
        cmp -s "$TMP/out" "$TMP/want" || fail "$f: tables differ from the CSV's"
    done
    run validate "$TMP/u16le_tab.txt"
    grep -q 'encoding: UTF-16LE (BOM)' "$TMP/out" || fail "validate does not name UTF-16LE"
    # --encoding against a UTF-16 BOM: refused by name
    run tabulate --encoding utf-8 "$TMP/u16le_tab.txt"
    expect_error "u16le_tab.txt" 1
    grep -q 'a UTF-16LE (BOM) file' "$TMP/err" || fail "the refusal does not name UTF-16LE"
    # an unpaired surrogate: exit 1 naming the line
    printf '\xff\xfe' >"$TMP/broken16.csv"
    head -n 3 "$FIXTURE" | iconv -f UTF-8 -t UTF-16LE >>"$TMP/broken16.csv"
    printf '\x3d\xd8a\x00\n\x00' >>"$TMP/broken16.csv"
    bad "$TMP/broken16.csv" 4
}

# A pipe, a FIFO or /dev/stdin as EXPORT is read.
case_pipe() {
    run tabulate --format csv "$FIXTURE"
    cp "$TMP/out" "$TMP/want"
    timeout 60 "$BIN" tabulate --format csv <(cat "$FIXTURE") >"$TMP/out" 2>/dev/null || fail "<(cat …) failed"
    cmp -s "$TMP/out" "$TMP/want" || fail "<(cat …): tables differ"
    cat "$FIXTURE" | timeout 60 "$BIN" tabulate --format csv /dev/stdin >"$TMP/out" 2>/dev/null || fail "a pipe to /dev/stdin failed"
    cmp -s "$TMP/out" "$TMP/want" || fail "/dev/stdin: tables differ"
    mkfifo "$TMP/fifo" || fail "mkfifo"
    cat "$FIXTURE" >"$TMP/fifo" &
    timeout 60 "$BIN" tabulate --format csv "$TMP/fifo" >"$TMP/out" 2>/dev/null || fail "a FIFO failed"
    wait
    cmp -s "$TMP/out" "$TMP/want" || fail "FIFO: tables differ"
    : | timeout 60 "$BIN" tabulate /dev/stdin >"$TMP/out" 2>"$TMP/err"
    RC=$?
    LAST=(tabulate /dev/stdin) # expect_error_ja runs it again, from /dev/null
    expect_error "/dev/stdin" none
}

# Two downloads joined (the second with its BOM): the repeated header is
# skipped with a note, not read as a respondent.
case_repeated_header() {
    { head -n 4 "$FIXTURE"; printf '\xef\xbb\xbf'; head -n 1 "$FIXTURE"; sed -n 5,7p "$FIXTURE"; } >"$TMP/joined.csv"
    head -n 7 "$FIXTURE" >"$TMP/one.csv"
    run tabulate --format csv "$TMP/one.csv"
    cp "$TMP/out" "$TMP/want"
    run tabulate --format csv "$TMP/joined.csv"
    expect_ok
    cmp -s "$TMP/out" "$TMP/want" || fail "the joined export gives other tables"
    run validate "$TMP/joined.csv"
    grep -Eq '^note +line 5: the header row again' "$TMP/out" || fail "no note for the repeated header at line 5"
    grep -q '^responses: 6 ' "$TMP/out" || fail "not 6 responses: $(grep '^responses' "$TMP/out")"
}

# Timestamps: D/M/Y decided by the export as a whole, Japanese forms; the
# latest answer of an organisation is kept either way.
case_timestamps() {
    # rows 1 and 2 are one organisation: 10/3 and 4/5 are 10 March and
    # 4 May in this D/M/Y export (25/10 decides), so line 3 is the latest
    edit_cells "$TMP/dmy.csv" 1 "タイムスタンプ" '10/3/2023 9:00:00' 2 "タイムスタンプ" '4/5/2023 9:00:00' \
        3 "タイムスタンプ" '25/10/2023 9:00:00' 2 "Q2." "$(sed -n 2p "$FIXTURE" | python3 -c 'import csv,sys; print(next(csv.reader(sys.stdin))[2])')"
    run validate "$TMP/dmy.csv"
    expect_ok
    grep -q 'dropped, the latest (line 3) kept' "$TMP/out" || fail "D/M/Y: line 3 (4 May) not kept: $(grep duplicate "$TMP/out")"
    grep -q 'dates read as D/M/Y' "$TMP/out" || fail "no note on the D/M/Y order"
    # the same without the deciding stamp: M/D/Y (3 October is the latest), with a note
    edit_cells "$TMP/mdy.csv" 1 "タイムスタンプ" '10/3/2023 9:00:00' 2 "タイムスタンプ" '4/5/2023 9:00:00' \
        2 "Q2." "$(sed -n 2p "$FIXTURE" | python3 -c 'import csv,sys; print(next(csv.reader(sys.stdin))[2])')"
    run validate "$TMP/mdy.csv"
    grep -q 'dropped, the latest (line 2) kept' "$TMP/out" || fail "M/D/Y: line 2 not kept"
    grep -q 'read as M/D/Y (month first): no date' "$TMP/out" || fail "no note on the undecided order"
    # both orders in one export: the ambiguous stamps are findings
    edit_cells "$TMP/mixed.csv" 1 "タイムスタンプ" '10/3/2023 9:00:00' 3 "タイムスタンプ" '25/10/2023 9:00:00' \
        4 "タイムスタンプ" '10/25/2023 9:00:00'
    run validate "$TMP/mixed.csv"
    grep -Eq '^finding +line 2 \[タイムスタンプ\] "10/3/2023 9:00:00": day and month both 12 or less' "$TMP/out" ||
        fail "no finding for the ambiguous stamp of a mixed export"
    # Japanese forms: 2023年10月25日 9:00 is later than 2023/10/24
    edit_cells "$TMP/jp.csv" 1 "タイムスタンプ" '2023/10/24 23:00:00' 2 "タイムスタンプ" '2023年10月25日 9時00分' \
        2 "Q2." "$(sed -n 2p "$FIXTURE" | python3 -c 'import csv,sys; print(next(csv.reader(sys.stdin))[2])')"
    run validate "$TMP/jp.csv"
    grep -q 'dropped, the latest (line 3) kept' "$TMP/out" || fail "2023年10月25日 9時00分 not read as the latest"
    ! grep -q 'unreadable timestamp' "$TMP/out" || fail "a Japanese timestamp is unreadable"
}

# ---------------------------------------------------------------- dispatch
case "$CASE" in
    *[!a-z0-9_]* | '') fail "bad case name" ;;
esac
declare -F "case_$CASE" >/dev/null || fail "no such case"
"case_$CASE"
echo "ok: e2e_hostile.$CASE"
