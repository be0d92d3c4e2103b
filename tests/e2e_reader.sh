#!/usr/bin/env bash
# e2e_reader.sh — end-to-end tests of reading exports through the CLI.
#
# usage: bash tests/e2e_reader.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
#
# tests/CMakeLists.txt registers every `case_<name>()` below as the ctest entry
# e2e_reader.<name>. Each case runs `npo-survey tabulate --format csv FILE`
# (docs/tables.md: question,item_index,item,option_index,option,count,base,percent;
# the 無回答 row has an empty option_index) and compares it with a
# hand-written expectations file:
#   tests/expected/<variant>.txt   one assertion a line —
#       Qn,item_index,option_index,count   (option_index empty = 無回答)
#       base,N                             (every row's base is N)
#     blank lines and lines starting with # are comments;
#   tests/golden/seed-figures.csv          the report's figures (hokkaido fixture);
#   tests/expected/hokkaido-2023-tabulate.csv  the whole tabulation of the
#     hokkaido fixture, written by fixtures/hokkaido-2023/check.py.
# Bad inputs (fixtures/bad/) must exit 1 with exactly one line on stderr that
# names the file and the line ("line N", or "FILE:N:" as docs/architecture.md writes
# it), and print nothing on stdout; empty.csv only has to name the file.
set -u

CASE=${1:?usage: e2e_reader.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_reader.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_reader.sh CASE BINARY SOURCE_DIR}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e_reader.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

fail() {
    printf 'FAIL e2e_reader.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}

# RFC 4180 field splitting for awk (quoted fields may hold commas and doubled
# quotes; records never span lines in the program's CSV output). Byte-wise,
# which is safe for UTF-8: ',' and '"' never occur inside a multi-byte character.
CSV_AWK='
function csv_split(line, f,    n, i, c, len, q, field) {
    n = 0; field = ""; q = 0; len = length(line)
    for (i = 1; i <= len; i++) {
        c = substr(line, i, 1)
        if (q) {
            if (c == "\"") {
                if (substr(line, i + 1, 1) == "\"") { field = field c; i++ } else q = 0
            } else field = field c
        } else if (c == "\"") q = 1
        else if (c == ",") { f[++n] = field; field = "" }
        else field = field c
    }
    f[++n] = field
    return n
}
# Read the tabulation (first file): count[key], base[key], pct[key] with
# key = question SUBSEP item_index SUBSEP option_index. Columns are found by
# their header names; columns beyond the eight of docs/tables.md (e.g. the Wilson
# interval) are allowed.
function read_tab(    n, f, key, i, need) {
    sub(/\r$/, "")
    if (FNR == 1) {
        ncol = csv_split($0, f)
        for (i = 1; i <= ncol; i++) col[f[i]] = i
        split("question item_index item option_index option count base percent", need, " ")
        for (i = 1; i <= 8; i++) if (!(need[i] in col)) {
            printf "tabulate header lacks the column %s: %s\n", need[i], $0
            bad++
        }
        return
    }
    n = csv_split($0, f)
    if (n != ncol) { printf "tabulate line %d has %d fields, the header %d: %s\n", FNR, n, ncol, $0; bad++; return }
    key = f[col["question"]] SUBSEP f[col["item_index"]] SUBSEP f[col["option_index"]]
    if (key in count) { printf "tabulate line %d repeats %s\n", FNR, show(key); bad++ }
    count[key] = f[col["count"]]; base[key] = f[col["base"]]; pct[key] = f[col["percent"]]; rows++
}
function show(key,    k) { split(key, k, SUBSEP); return k[1] "," k[2] "," k[3] }
'

# tabulate FILE -> $TMP/out (stdout), $TMP/err (stderr); fails unless exit 0.
tabulate() {
    "$BIN" tabulate --format csv "$1" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    if [ "$rc" -ne 0 ]; then
        cat "$TMP/err" >&2
        fail "npo-survey tabulate --format csv $1: exit status $rc, expected 0"
    fi
    [ -s "$TMP/out" ] || fail "npo-survey tabulate printed nothing for $1"
}

# check_expect EXPECTATIONS: compare $TMP/out with a tests/expected/*.txt file.
check_expect() {
    awk "$CSV_AWK"'
        FNR == NR { read_tab(); next }
        { sub(/\r$/, "") }
        /^[ \t]*(#|$)/ { next }
        {
            n = split($0, e, ",")
            if (e[1] == "base") {
                if (rows == 0) next
                nb = 0
                for (k in base) if (base[k] != e[2]) {
                    if (nb++ < 5) printf "%s: base %s, expected %s\n", show(k), base[k], e[2]
                }
                if (nb) bad++
                checked++
                next
            }
            if (n != 4) { printf "%s:%d: malformed expectation: %s\n", FILENAME, FNR, $0; bad++; next }
            key = e[1] SUBSEP e[2] SUBSEP e[3]
            if (!(key in count)) { printf "%s: no such row in the tabulation (expected count %s)\n", $0, e[4]; bad++ }
            else if (count[key] != e[4]) {
                printf "%s,%s,%s: count %s, expected %s\n", e[1], e[2], (e[3] == "" ? "(無回答)" : e[3]), count[key], e[4]
                bad++
            }
            checked++
        }
        END {
            if (rows == 0) { print "the tabulation has no rows"; bad++ }
            if (checked == 0) { print "no expectations read"; bad++ }
            if (!bad) printf "ok: %d expectations\n", checked
            exit (bad ? 1 : 0)
        }' "$TMP/out" "$1"
}

variant() {
    local name=$1
    local file=$SRC/fixtures/variants/$name.csv expect=$SRC/tests/expected/$name.txt
    [ -f "$file" ] || fail "missing fixture $file"
    [ -f "$expect" ] || fail "missing expectations $expect"
    tabulate "$file"
    check_expect "$expect" || fail "tabulation of fixtures/variants/$name.csv differs from tests/expected/$name.txt"
}

# bad FILE LINE: exit 1, nothing on stdout, one line on stderr naming the
# file and, unless LINE is "none", the line — written "line N" or, in the
# `file:N:` style of docs/architecture.md, "FILE:N:"; LINE is that number, or "any".
bad() {
    local name=$1 want_line=$2
    local file=$SRC/fixtures/bad/$name
    [ -f "$file" ] || fail "missing fixture $file"
    "$BIN" tabulate --format csv "$file" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    local nlines
    nlines=$(awk 'END { print NR }' "$TMP/err")
    printf 'stderr: ' >&2
    cat "$TMP/err" >&2
    [ "$rc" -eq 1 ] || fail "$name: exit status $rc, expected 1"
    [ ! -s "$TMP/out" ] || fail "$name: printed something on stdout: $(head -c 200 "$TMP/out")"
    [ "$nlines" -eq 1 ] || fail "$name: $nlines lines on stderr, expected exactly one"
    grep -qF -- "$name" "$TMP/err" || fail "$name: the message does not name the file"
    local n='[0-9]+' qname=${name//./\\.}
    case $want_line in
        none) ;;
        any) grep -Eq "line $n|$qname:$n:" "$TMP/err" ||
                 fail "$name: the message does not name the line (\"line N\" or \"$name:N:\")" ;;
        *) grep -Eq "line $want_line([^0-9]|\$)|$qname:$want_line:" "$TMP/err" ||
               fail "$name: the message does not name line $want_line (\"line $want_line\" or \"$name:$want_line:\")" ;;
    esac
    echo "ok: exit 1, one message"
}

# ---------------------------------------------------------------- variants
case_cp932_excel() { variant cp932_excel; }
case_bom_crlf() { variant bom_crlf; }
case_semicolon_msforms() { variant semicolon_msforms; }
case_ampm_google() { variant ampm_google; }
case_duplicates_out_of_order() { variant duplicates_out_of_order; }
case_messy_numbers() { variant messy_numbers; }
case_unknown_columns() { variant unknown_columns; }
case_shuffled_columns() { variant shuffled_columns; }
case_header_variants() { variant header_variants; }
case_other_writeins() { variant other_writeins; }

# ---------------------------------------------------------------- bad inputs
case_bad_empty() { bad empty.csv none; }
case_bad_header_only() { bad header_only.csv any; }
# the quote opens in the Q38 cell of line 3 and is never closed
case_bad_unterminated_quote() { bad unterminated_quote.csv 3; }
# bytes 0x80 0xFF in line 3 of a CP932 file
case_bad_invalid_encoding() { bad invalid_encoding.csv 3; }
case_bad_unrelated() { bad unrelated.csv any; }

# ---------------------------------------------------------------- the 2023 fixture
# Every row of the report's published figures: join on question, item_index,
# option_index; count and base must match.
case_hokkaido_golden() {
    local golden=$SRC/tests/golden/seed-figures.csv
    tabulate "$SRC/fixtures/hokkaido-2023/responses.csv"
    awk "$CSV_AWK"'
        FNR == NR { read_tab(); next }
        { sub(/\r$/, "") }
        FNR == 1 { next }    # figure,question,item_index,option_index,option,published_percent,count,base
        {
            n = csv_split($0, g)
            key = g[2] SUBSEP g[3] SUBSEP g[4]
            if (!(key in count)) { printf "%s %s: no row %s,%s,%s (%s)\n", g[1], g[2], g[2], g[3], g[4], g[5]; bad++ }
            else if (count[key] != g[7] || base[key] != g[8]) {
                printf "%s %s,%s,%s (%s): count %s base %s, published %s of %s\n",
                       g[1], g[2], g[3], g[4], g[5], count[key], base[key], g[7], g[8]
                bad++
            }
            checked++
        }
        END {
            if (!bad) printf "ok: %d golden rows\n", checked
            exit (bad || checked == 0) ? 1 : 0
        }' "$TMP/out" "$golden" || fail "the hokkaido fixture does not reproduce tests/golden/seed-figures.csv"
}

# The whole tabulation of the fixture (every option and bin of every closed
# question, docs/reading.md reading rules) as check.py computed it independently:
# count, base and percent (one decimal; base 65 has no rounding ties).
case_hokkaido_full() {
    local expect=$SRC/tests/expected/hokkaido-2023-tabulate.csv
    tabulate "$SRC/fixtures/hokkaido-2023/responses.csv"
    awk "$CSV_AWK"'
        FNR == NR { read_tab(); next }
        { sub(/\r$/, "") }
        FNR == 1 { next }
        {
            csv_split($0, x)
            key = x[1] SUBSEP x[2] SUBSEP x[4]
            if (!(key in count)) { printf "no row %s,%s,%s (%s / %s)\n", x[1], x[2], x[4], x[3], x[5]; bad++ }
            else if (count[key] != x[6] || base[key] != x[7] || (pct[key] - x[8]) * (pct[key] - x[8]) > 1e-6) {
                printf "%s,%s,%s (%s / %s): count %s base %s percent %s, expected %s %s %s\n",
                       x[1], x[2], x[4], x[3], x[5], count[key], base[key], pct[key], x[6], x[7], x[8]
                bad++
            }
            checked++
        }
        END {
            if (!bad) printf "ok: %d rows\n", checked
            exit (bad || checked == 0) ? 1 : 0
        }' "$TMP/out" "$expect" || fail "the hokkaido tabulation differs from tests/expected/hokkaido-2023-tabulate.csv"
}

# ---------------------------------------------------------------- dispatch
case "$CASE" in
    *[!a-z0-9_]* | '') fail "bad case name" ;;
esac
declare -F "case_$CASE" >/dev/null || fail "no such case"
"case_$CASE"
