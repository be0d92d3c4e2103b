#!/usr/bin/env bash
# e2e_compare.sh — `npo-survey compare` (docs/compare.md) on two fixture pairs:
# hokkaido-2023 → hokkaido-2023-wave2 (same questionnaire; 50 organisations in both waves
# under differently written names) and hokkaido-2023 → hokkaido-2024 (a changed
# questionnaire, through fixtures/hokkaido-2024/crosswalk-2023.csv).
#
# usage: bash tests/e2e_compare.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
# Each `case_<name>()` is one ctest entry (tests/CMakeLists.txt).
#
# The expected CSVs were written by fixtures/hokkaido-2023-wave2/check_compare.py, an
# independent python computation (own parsing, matching, fractions, Wilson from
# statistics.NormalDist); case_checker_agrees reruns it so the files cannot go stale.
set -u

CASE=${1:?usage: e2e_compare.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_compare.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_compare.sh CASE BINARY SOURCE_DIR}
OLD="$SRC/fixtures/hokkaido-2023/responses.csv"
W2="$SRC/fixtures/hokkaido-2023-wave2/responses.csv"
Y24="$SRC/fixtures/hokkaido-2024/responses.csv"
Q24="$SRC/fixtures/hokkaido-2024/questionnaire"
CW="$SRC/fixtures/hokkaido-2024/crosswalk-2023.csv"
CHECK="$SRC/fixtures/hokkaido-2023-wave2/check_compare.py"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e_compare.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C.UTF-8

fail() {
    printf 'FAIL e2e_compare.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}

wave2() { "$BIN" compare "$@" "$OLD" "$W2"; }
y2024() { "$BIN" compare --old-questionnaire "$SRC/questionnaire" --questionnaire "$Q24" "$@" "$OLD" "$Y24"; }

# field N (1-based) of the CSV row whose question, option_index and status are given
row_of() { # FILE QUESTION OPTION_LABEL STATUS
    python3 - "$@" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding='utf-8'))
        if r['question'] == sys.argv[2] and r['option'] == sys.argv[3] and r['status'] == sys.argv[4]]
print(len(rows), *(['|'.join(rows[0].values())] if rows else []))
PY
}

case_wave2_expected() {
    wave2 --format csv >"$TMP/got.csv" 2>"$TMP/err" || fail "exit $?: $(cat "$TMP/err")"
    cmp -s "$TMP/got.csv" "$SRC/fixtures/hokkaido-2023-wave2/expected-compare.csv" ||
        fail "differs from expected-compare.csv: $(diff "$TMP/got.csv" "$SRC/fixtures/hokkaido-2023-wave2/expected-compare.csv" | head -5)"
}

case_year2024_expected() {
    y2024 --format csv --crosswalk "$CW" >"$TMP/got.csv" 2>"$TMP/err" || fail "exit $?: $(cat "$TMP/err")"
    cmp -s "$TMP/got.csv" "$SRC/fixtures/hokkaido-2024/expected-compare-2023.csv" ||
        fail "differs from expected-compare-2023.csv: $(diff "$TMP/got.csv" "$SRC/fixtures/hokkaido-2024/expected-compare-2023.csv" | head -5)"
}

case_checker_agrees() {
    python3 "$CHECK" "$OLD" "$SRC/questionnaire" "$W2" "$SRC/questionnaire" >"$TMP/a.csv" || fail "checker failed"
    cmp -s "$TMP/a.csv" "$SRC/fixtures/hokkaido-2023-wave2/expected-compare.csv" || fail "wave2: expected file is stale"
    python3 "$CHECK" "$OLD" "$SRC/questionnaire" "$Y24" "$Q24" "$CW" >"$TMP/b.csv" || fail "checker failed"
    cmp -s "$TMP/b.csv" "$SRC/fixtures/hokkaido-2024/expected-compare-2023.csv" || fail "2024: expected file is stale"
}

case_every_row() {
    # one 無回答 row per compared field, zero counts kept, 21 columns everywhere
    wave2 --format csv >"$TMP/w.csv" 2>/dev/null || fail "exit $?"
    python3 - "$TMP/w.csv" "$SRC/questionnaire/survey.csv" <<'PY' || fail "rows missing"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8')))
assert all(len(r) == 21 for r in rows), 'column count'
body = [dict(zip(rows[0], r)) for r in rows[1:]]
fields = {(r['question'], r['item_index']) for r in body}
na = [(r['question'], r['item_index']) for r in body if r['option'] == '無回答' and r['option_index'] == '']
assert sorted(na) == sorted(fields), 'one 無回答 row per field'
# closed fields of the questionnaire: every one present
closed = set()
for r in csv.DictReader(open(sys.argv[2], encoding='utf-8')):
    if r['type'] not in ('text', 'group') and not r['personal'] and r['type'] != 'matrix':
        closed.add(('Q' + r['number'], r['item']))
    elif r['item'] and r['type'] == '' and not r['personal']:
        closed.add(('Q' + r['number'], r['item']))
assert closed <= fields, sorted(closed - fields)[:5]
assert any(r['count_old'] == '0' and r['count_new'] == '0' for r in body), 'zero rows kept'
assert all(r['status'] == 'both' and r['panel'] == '50' for r in body), 'same questionnaire: all both, panel 50'
PY
}

case_new_and_old_status() {
    y2024 --format csv --crosswalk "$CW" >"$TMP/y.csv" 2>/dev/null || fail "exit $?"
    set -- $(row_of "$TMP/y.csv" Q6 'フードパントリーなどの食料・物資の配布' new)
    [ "$1" = 1 ] || fail "the added Q6 option is not one row with status new"
    grep -q '^Q39,,,1,拡充する予定,new,,,,[0-9]*,65,' "$TMP/y.csv" || fail "the new Q39 is not status new with empty old fields"
    grep -q '^Q16,,,[0-9]*,1～5人,old,[0-9]*,65,[0-9.]*,,,,,,,,,,,,$' "$TMP/y.csv" || fail "an old-only bin is not status old with empty new and panel fields"
    grep -q '^Q22,33,ヤングケアラー,1,' "$TMP/y.csv" || fail "the new Q22 row 33 missing"
    ! grep -q '^Q22,33,ヤングケアラー,.*,both,' "$TMP/y.csv" || fail "ヤングケアラー compared with something"
}

case_renamed_through_crosswalk() {
    y2024 --format csv --crosswalk "$CW" >"$TMP/with.csv" 2>/dev/null || fail "exit $?"
    y2024 --format csv >"$TMP/without.csv" 2>/dev/null || fail "exit $?"
    new='子ども食堂・地域食堂などの子どもの居場所（食事提供の有無を問わない）'
    old='子ども食堂などの子どもの居場所（通いの場／食事提供の有無を問わない）'
    set -- $(row_of "$TMP/with.csv" Q6 "$new" both)
    [ "$1" = 1 ] || fail "with the crosswalk the reworded option is not compared (status both)"
    grep -q "^Q6,,,3,$new,both,18,65,27.7,18,65,27.7,0.0," "$TMP/with.csv" || fail "Q6 option 3 counts"
    set -- $(row_of "$TMP/without.csv" Q6 "$old" old)
    [ "$1" = 1 ] || fail "without the crosswalk the old wording is not an old row"
    set -- $(row_of "$TMP/without.csv" Q6 "$new" new)
    [ "$1" = 1 ] || fail "without the crosswalk the new wording is not a new row"
    grep -q '^Q22,9,発達障害の疑い（グレーゾーン）,1,.*,both,' "$TMP/with.csv" || fail "renamed Q22 row not compared"
    grep -q '^Q22,9,発達障害グレーゾーン,1,.*,old,' "$TMP/without.csv" || fail "renamed Q22 row without crosswalk not old"
    # renumbered questions match by text: 2023 Q29 is 2024 Q28
    grep -q '^Q28,,,1,.*,both,' "$TMP/with.csv" || fail "renumbered Q28 (2023 Q29) not matched"
}

case_panel() {
    wave2 --format csv >"$TMP/w.csv" 2>/dev/null || fail "exit $?"
    # 子ども食堂 (Q6 option 3): by hand from make_wave2.py — panel 12 before, 16 after,
    # a=12 b=4 c=0 d=34: +8.0 points; Newcombe paired interval -0.6 .. 16.9
    grep -q '^Q6,,,3,子ども食堂などの子どもの居場所（通いの場／食事提供の有無を問わない）,both,18,65,27.7,32,80,40.0,12.3,-3.3,26.7,50,12,16,8.0,-0.6,16.9$' "$TMP/w.csv" ||
        fail "Q6 option 3 row: $(grep '^Q6,,,3,' "$TMP/w.csv")"
    python3 - "$TMP/w.csv" <<'PY' || fail "paired interval"
import csv, math, sys
from statistics import NormalDist
z = NormalDist().inv_cdf(0.975)
def w(k, n):
    p = k / n; d = 1 + z*z/n; c = (p + z*z/(2*n)) / d; h = z*math.sqrt(p*(1-p)/n + z*z/(4*n*n)) / d
    return max(0, c - h), min(1, c + h)
# a=12 b=4 c=0 d=34, by the formula of docs/compare.md
a, b, c, d = 12, 4, 0, 34; n = 50
p1, p2 = (a+b)/n, (a+c)/n; l1, u1 = w(a+b, n); l2, u2 = w(a+c, n)
B = a*d - b*c; C = B - n/2 if B > n/2 else 0; phi = C / math.sqrt((a+b)*(c+d)*(a+c)*(b+d))
lo = p1-p2 - math.sqrt((p1-l1)**2 - 2*phi*(p1-l1)*(u2-p2) + (u2-p2)**2)
hi = p1-p2 + math.sqrt((u1-p1)**2 - 2*phi*(u1-p1)*(p2-l2) + (p2-l2)**2)
assert (round(lo*100, 1), round(hi*100, 1)) == (-0.6, 16.9), (lo, hi)
PY
}

case_register_panel() {
    # with --org-register the panel is linked by the register's IDs: the same 50
    wave2 --format csv --org-register "$TMP/orgs.csv" >"$TMP/r.csv" 2>"$TMP/err" || fail "exit $?: $(cat "$TMP/err")"
    [ -f "$TMP/orgs.csv" ] || fail "no register written"
    grep -q '^Q6,,,3,.*,50,12,16,8.0,-0.6,16.9$' "$TMP/r.csv" || fail "register panel differs"
    [ "$(grep -c . "$TMP/orgs.csv")" = 96 ] || fail "register: expected 95 organisations, got $(($(grep -c . "$TMP/orgs.csv") - 1))"
}

case_no_names() {
    wave2 --format csv >"$TMP/o.csv" 2>"$TMP/o.err" || fail "csv"
    wave2 --format text >>"$TMP/o.csv" 2>>"$TMP/o.err" || fail "text"
    wave2 --format json >>"$TMP/o.csv" 2>>"$TMP/o.err" || fail "json"
    y2024 --format text --crosswalk "$CW" >>"$TMP/o.csv" 2>>"$TMP/o.err" || fail "text 2024"
    python3 - "$OLD" "$W2" "$Y24" "$TMP/o.csv" "$TMP/o.err" <<'PY' || fail "an organisation name or e-mail in the output"
import csv, sys, re
out = open(sys.argv[4], encoding='utf-8').read() + open(sys.argv[5], encoding='utf-8').read()
for path in sys.argv[1:4]:
    rows = list(csv.reader(open(path, encoding='utf-8')))
    for r in rows[1:]:
        for v in (r[1], r[2], r[3]):
            core = re.sub(r'^(特定非営利活動法人|NPO法人|ＮＰＯ法人|一般社団法人|公益社団法人|社会福祉法人)', '', v).strip(' 　')
            assert core not in out, core
PY
}

case_formats() {
    wave2 --format json >"$TMP/j.json" 2>/dev/null || fail "json exit $?"
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["panel"]==50 and len(d["rows"])>1000 and d["flows"]' "$TMP/j.json" ||
        fail "json invalid"
    wave2 --labels 2023,2024 >"$TMP/t.txt" 2>/dev/null || fail "text exit $?"
    grep -q '^compare 2023 → 2024: 50 organisations in both waves' "$TMP/t.txt" || fail "text heading"
    grep -q '^note: no interval for the flows' "$TMP/t.txt" || fail "flows footnote"
    wave2 --format csv >"$TMP/1.csv" 2>/dev/null
    wave2 --format csv >"$TMP/2.csv" 2>/dev/null
    cmp -s "$TMP/1.csv" "$TMP/2.csv" || fail "not deterministic"
}

case_crosswalk_errors() {
    printf 'old_question,old_option,new_question,new_option\nQ6,存在しない選択肢,Q6,これも\n' >"$TMP/bad1.csv"
    y2024 --crosswalk "$TMP/bad1.csv" >/dev/null 2>"$TMP/e1"; rc=$?
    [ $rc = 1 ] || fail "unknown option: exit $rc"
    [ "$(grep -c . "$TMP/e1")" = 1 ] && grep -q 'bad1.csv: line 2: ' "$TMP/e1" || fail "unknown option message: $(cat "$TMP/e1")"
    printf 'old_question,old_option,new_question\nQ6,,Q6\n' >"$TMP/bad2.csv"
    y2024 --crosswalk "$TMP/bad2.csv" >/dev/null 2>"$TMP/e2"; rc=$?
    [ $rc = 1 ] && grep -q 'bad2.csv: line 1: .*new_option' "$TMP/e2" || fail "missing column: $rc $(cat "$TMP/e2")"
    printf 'old_question,old_option,new_question,new_option\nX6,,Q6,\n' >"$TMP/bad3.csv"
    y2024 --crosswalk "$TMP/bad3.csv" >/dev/null 2>"$TMP/e3"; rc=$?
    [ $rc = 1 ] && grep -q 'bad3.csv: line 2: .*Q<number>' "$TMP/e3" || fail "bad question: $rc $(cat "$TMP/e3")"
    printf 'old_question,old_option,new_question,new_option\nQ6,,Q6,\nQ6,,Q7,\n' >"$TMP/bad4.csv"
    y2024 --crosswalk "$TMP/bad4.csv" >/dev/null 2>"$TMP/e4"; rc=$?
    [ $rc = 1 ] && grep -q 'bad4.csv: line 3: .*line 2' "$TMP/e4" || fail "twice: $rc $(cat "$TMP/e4")"
    printf 'old_question,old_option,new_question,new_option\nQ99,,Q6,\n' >"$TMP/bad5.csv"
    y2024 --crosswalk "$TMP/bad5.csv" >/dev/null 2>"$TMP/e5"; rc=$?
    [ $rc = 1 ] && grep -q 'bad5.csv: line 2: the old questionnaire has no Q99' "$TMP/e5" || fail "no Q99: $rc $(cat "$TMP/e5")"
    y2024 --crosswalk "$TMP/missing.csv" >/dev/null 2>"$TMP/e6"; rc=$?
    [ $rc = 1 ] && grep -q 'missing.csv' "$TMP/e6" || fail "missing file: $rc $(cat "$TMP/e6")"
}

case_usage() {
    "$BIN" compare "$OLD" >/dev/null 2>&1; rc=$?
    [ $rc = 2 ] || fail "one export: exit $rc"
    "$BIN" compare "$OLD" "$W2" "$Y24" >/dev/null 2>&1; rc=$?
    [ $rc = 2 ] || fail "three exports: exit $rc"
    "$BIN" tabulate "$OLD" "$W2" >/dev/null 2>&1; rc=$?
    [ $rc = 2 ] || fail "tabulate with two exports: exit $rc"
    "$BIN" compare --labels 2023 "$OLD" "$W2" >/dev/null 2>&1; rc=$?
    [ $rc = 2 ] || fail "--labels without comma: exit $rc"
    "$BIN" compare --format xml "$OLD" "$W2" >/dev/null 2>&1; rc=$?
    [ $rc = 2 ] || fail "--format xml: exit $rc"
    "$BIN" compare --help | grep -q 'OLD_EXPORT NEW_EXPORT' || fail "help"
}

"case_$CASE"
