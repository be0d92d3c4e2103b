#!/usr/bin/env bash
# e2e_flows_hand.sh — end-to-end tests of the Q22 response flows (docs/analysis.md).
#
# usage: bash tests/e2e_flows_hand.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
#
# Each `case_<name>()` is a ctest entry (tests/CMakeLists.txt). A case runs
# `npo-survey flows --format csv FILE` and compares every row of its output
# (category,node,count,percent) with an expected file:
#   flows_hand — fixtures/flows-hand/responses.csv (5 organisations, every Q22
#                row filled by a pattern) against tests/expected/flows-hand.csv,
#                whose numbers were counted by hand (see fixtures/flows-hand/README.md);
#   hokkaido   — the 65-organisation fixture against
#                tests/expected/hokkaido-2023-flows.csv (written by
#                fixtures/hokkaido-2023/check.py, an independent tabulator).
# The output must have exactly the expected (category,node) rows — six
# categories (人間関係, 心身の状態, 環境の変化, 家庭起因, その他, 全体) times the ten
# nodes 全回答 把握している 対応する意向あり 対応できている 自団体で対応 他団体と連携して対応
# 取り組み中 対応予定なし 把握していない 無回答 — with equal counts and percents
# (percents compared as numbers; none of the expected ones is a rounding tie).
set -u

CASE=${1:?usage: e2e_flows_hand.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_flows_hand.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_flows_hand.sh CASE BINARY SOURCE_DIR}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e_flows.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

fail() {
    printf 'FAIL e2e_flows_hand.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}

# flows_compare EXPORT EXPECTED_CSV
flows_compare() {
    local file=$1 expect=$2
    [ -f "$file" ] || fail "missing fixture $file"
    [ -f "$expect" ] || fail "missing expectations $expect"
    "$BIN" flows --format csv "$file" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    if [ "$rc" -ne 0 ]; then
        cat "$TMP/err" >&2
        fail "npo-survey flows --format csv $file: exit status $rc, expected 0"
    fi
    awk '
        function split4(line, f,    n) {
            # category and node names hold no commas or quotes; tolerate quoting anyway
            gsub(/"/, "", line)
            return split(line, f, ",")
        }
        { sub(/\r$/, "") }
        FNR == 1 {
            if ($0 != "category,node,count,percent") {
                printf "%s: header \"%s\", expected category,node,count,percent\n", (FNR == NR ? "output" : "expected"), $0
                bad++
            }
            next
        }
        /^$/ { next }
        FNR == NR {
            n = split4($0, f)
            if (n != 4) { printf "output line %d: %d fields: %s\n", FNR, n, $0; bad++; next }
            key = f[1] SUBSEP f[2]
            if (key in cnt) { printf "output repeats %s,%s\n", f[1], f[2]; bad++ }
            cnt[key] = f[3]; pct[key] = f[4]; line[key] = FNR
            next
        }
        {
            split4($0, f)
            key = f[1] SUBSEP f[2]
            seen[key] = 1
            if (!(key in cnt)) { printf "missing row %s,%s (expected count %s, %s%%)\n", f[1], f[2], f[3], f[4]; bad++ }
            else if (cnt[key] != f[3] || (pct[key] - f[4]) * (pct[key] - f[4]) > 1e-6) {
                printf "%s,%s: count %s, %s%%; expected %s, %s%%\n", f[1], f[2], cnt[key], pct[key], f[3], f[4]
                bad++
            }
            checked++
        }
        END {
            for (k in cnt) if (!(k in seen)) {
                split(k, p, SUBSEP)
                printf "unexpected row %s,%s (output line %d)\n", p[1], p[2], line[k]
                bad++
            }
            if (checked == 0) { print "no expected rows read"; bad++ }
            if (!bad) printf "ok: %d rows\n", checked
            exit (bad ? 1 : 0)
        }' "$TMP/out" "$expect" || fail "flows of $file differ from $expect"
}

case_flows_hand() {
    flows_compare "$SRC/fixtures/flows-hand/responses.csv" "$SRC/tests/expected/flows-hand.csv"
}

case_hokkaido() {
    flows_compare "$SRC/fixtures/hokkaido-2023/responses.csv" "$SRC/tests/expected/hokkaido-2023-flows.csv"
}

case "$CASE" in
    *[!a-z0-9_]* | '') fail "bad case name" ;;
esac
declare -F "case_$CASE" >/dev/null || fail "no such case"
"case_$CASE"
