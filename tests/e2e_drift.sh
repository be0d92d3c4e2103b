#!/usr/bin/env bash
# e2e_drift.sh — an export that does not fit its questionnaire is loud, through
# the CLI (docs/annual-cycle.md, "Drift"). Each case edits a copy of the 2023
# fixture the way a changed form or the wrong questionnaire would, and checks
# the exit status and the messages (the errors also in Japanese, under
# LC_ALL=ja_JP.UTF-8; tests/e2e_locale.sh has the rest in both languages).
#
# usage: bash tests/e2e_drift.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
set -u

CASE=${1:?usage: e2e_drift.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_drift.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_drift.sh CASE BINARY SOURCE_DIR}
FIXTURE=$SRC/fixtures/hokkaido-2023/responses.csv
TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e_drift.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

fail() {
    printf 'FAIL e2e_drift.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}
. "$SRC/tests/locale_check.sh" # need_ja_locale, no_english (docs/cli.md, "Language")

# edit FROM TO PYTHON: TO is FROM with the python statements applied to
# `header` (a list) and `rows` (lists of cells).
edit() {
    python3 - "$1" "$2" "$3" <<'EOF'
import csv, sys
src, dst, code = sys.argv[1:]
rows = list(csv.reader(open(src, encoding="utf-8", newline="")))
header, rows = rows[0], rows[1:]
def col(prefix):
    return [i for i, h in enumerate(header) if h.startswith(prefix)]
exec(code)
with open(dst, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
EOF
}

# The fixture's Q22 columns carry Q23's text: the 2023 questionnaire read
# against a form whose questions moved. One message, exit 1.
case_another_questions_text_is_an_error() {
    edit "$FIXTURE" "$TMP/x.csv" '
q23 = "他団体との連携がある場合には、その内容を教えてください。現在、他団体との連携がない場合は、過去にどんな連携があったか教えてください。"
for i in col("Q22."):
    row = header[i][header[i].rindex(" ["):]
    header[i] = "Q22. " + q23 + row
' || fail "could not edit the fixture"
    "$BIN" tabulate "$TMP/x.csv" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    [ "$rc" -eq 1 ] || fail "exit $rc, expected 1"
    [ ! -s "$TMP/out" ] || fail "printed tables"
    [ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "expected one line: $(cat "$TMP/err")"
    grep -q "x.csv: line 1: column [0-9]* 「Q22\. 他団体との連携" "$TMP/err" || fail "no file and column: $(cat "$TMP/err")"
    grep -q "carries Q22 but its text is the questionnaire's Q23" "$TMP/err" || fail "no questions: $(cat "$TMP/err")"
    grep -q -- "--questionnaire DIR" "$TMP/err" || fail "no advice: $(cat "$TMP/err")"
}

# An option reworded on the form (10 organisations chose it): a finding that
# quotes the new text; validate --strict exits 1; tabulate says it on stderr.
case_reworded_option_is_a_finding() {
    edit "$FIXTURE" "$TMP/x.csv" '
i = col("Q6.")[0]
for r in rows:
    r[i] = r[i].replace("子育て支援の居場所（通いの場／地域子育て支援拠点など）", "子育て支援の拠点・居場所")
' || fail "could not edit the fixture"
    "$BIN" validate "$TMP/x.csv" >"$TMP/out" 2>"$TMP/err" || fail "validate exit $?"
    grep -q "「子育て支援の拠点・居場所」: 10 answers not in choices.csv" "$TMP/out" || fail "no finding: $(grep finding "$TMP/out")"
    "$BIN" validate --strict "$TMP/x.csv" >/dev/null 2>"$TMP/err"
    [ $? -eq 1 ] || fail "validate --strict did not exit 1"
    "$BIN" tabulate "$TMP/x.csv" >/dev/null 2>"$TMP/err" || fail "tabulate exit $?"
    grep -q "「子育て支援の拠点・居場所」: 10 answers" "$TMP/err" || fail "tabulate's stderr lacks it: $(cat "$TMP/err")"
    "$BIN" report --strict -o "$TMP/r" "$TMP/x.csv" >/dev/null 2>"$TMP/err"
    [ $? -eq 1 ] || fail "report --strict did not exit 1"
    [ ! -e "$TMP/r/report.pdf" ] || fail "report --strict wrote a report"
    grep -q "(--strict): no report written" "$TMP/err" || fail "report --strict: $(cat "$TMP/err")"
    # the unedited fixture has no such finding
    "$BIN" validate "$FIXTURE" | grep -q "not in choices.csv" && fail "the fixture itself has the finding"
    return 0
}

# An extra numbered column: a finding naming it (column number and header).
case_extra_column_is_a_finding() {
    edit "$FIXTURE" "$TMP/x.csv" '
header.append("Q40. 来年度の活動予定を教えてください。")
for r in rows:
    r.append("未定")
' || fail "could not edit the fixture"
    "$BIN" validate "$TMP/x.csv" >"$TMP/out" 2>&1 || fail "validate exit $?"
    grep -q "^finding line 1 \[Q40. 来年度の活動予定を教えてください。\]: column 159 matches no question" "$TMP/out" \
        || fail "no finding: $(grep finding "$TMP/out")"
    "$BIN" validate --strict "$TMP/x.csv" >/dev/null 2>&1
    [ $? -eq 1 ] || fail "validate --strict did not exit 1"
}

# A question without a column is left out of the tables, not 100 % 無回答.
case_missing_question_is_left_out() {
    edit "$FIXTURE" "$TMP/x.csv" '
i = col("Q29.")[0]
del header[i]
for r in rows:
    del r[i]
' || fail "could not edit the fixture"
    "$BIN" tabulate --format csv "$TMP/x.csv" >"$TMP/out" 2>"$TMP/err" || fail "tabulate exit $?"
    grep -q "^Q29," "$TMP/out" && fail "Q29 still tabulated"
    grep -q "^Q30," "$TMP/out" || fail "Q30 missing too"
    grep -q "Q29 has no column in this export" "$TMP/err" || fail "stderr: $(cat "$TMP/err")"
}

# A label one slip off (a missing ）, − for －) still counts as its option.
case_near_miss_labels_count() {
    edit "$FIXTURE" "$TMP/x.csv" '
i = col("Q6.")[0]
for r in rows:
    r[i] = r[i].replace("食事提供の有無を問わない）", "食事提供の有無を問わない")
' || fail "could not edit the fixture"
    "$BIN" tabulate --format csv "$TMP/x.csv" >"$TMP/out" 2>"$TMP/err" || fail "tabulate exit $?"
    grep -q '^Q6,,,3,子ども食堂などの子どもの居場所（通いの場／食事提供の有無を問わない）,18,65,' "$TMP/out" \
        || fail "Q6 option 3 is not 18: $(grep '^Q6,,,3,' "$TMP/out")"
    grep -q "one slip" "$TMP/err" || fail "no finding on stderr: $(cat "$TMP/err")"
}

# validate --questionnaire DIR alone: the shipped set loads; a broken copy
# names file and line; a folder that is not one says so.
case_validate_questionnaire_alone() {
    "$BIN" validate --questionnaire "$SRC/questionnaire" >"$TMP/out" 2>"$TMP/err" || fail "exit $?: $(cat "$TMP/err")"
    grep -q "^troubles: Q22, 32 troubles in 5 categories" "$TMP/out" || fail "summary: $(cat "$TMP/out")"
    cp -r "$SRC/questionnaire" "$TMP/q"
    printf 'gap_staf_question,13\n' >>"$TMP/q/settings.csv"
    "$BIN" validate --questionnaire "$TMP/q" >/dev/null 2>"$TMP/err"
    [ $? -eq 1 ] || fail "a broken settings.csv did not exit 1"
    grep -q "settings.csv: line [0-9]*: .*gap_staf_question" "$TMP/err" || fail "no file and line: $(cat "$TMP/err")"
    # several problems in several files: every one, each with file and line
    rm -rf "$TMP/q" && cp -r "$SRC/questionnaire" "$TMP/q"
    sed -i 's/^q29,q29_2,なし,/q29,q29_1,なし,/' "$TMP/q/choices.csv"
    sed -i 's/^count,1～5人,"(0,5\]"/count,1～5人,"(0,6]"/' "$TMP/q/bins.csv"
    sed -i '0,/select_one,q26,/s/select_one,q26,/select_one,q26x,/' "$TMP/q/survey.csv"
    printf '財政面,\n' >>"$TMP/q/themes.csv"
    "$BIN" validate --questionnaire "$TMP/q" >/dev/null 2>"$TMP/err"
    [ $? -eq 1 ] || fail "four problems did not exit 1"
    grep -q "choices.csv: line 85: duplicate option name \"q29_1\"" "$TMP/err" || fail "choices: $(cat "$TMP/err")"
    grep -q "bins.csv: line 4: bin \"6～10人\" of \"count\" overlaps" "$TMP/err" || fail "bins: $(cat "$TMP/err")"
    grep -q "survey.csv: line [0-9]*: unknown list \"q26x\"" "$TMP/err" || fail "survey: $(cat "$TMP/err")"
    grep -q "themes.csv: line [0-9]*: empty theme or keyword" "$TMP/err" || fail "themes: $(cat "$TMP/err")"
    grep -q ": 4 problems" "$TMP/err" || fail "count: $(cat "$TMP/err")"
    # the same four in Japanese, each with file and line
    need_ja_locale
    LC_ALL=$JA "$BIN" validate --questionnaire "$TMP/q" >/dev/null 2>"$TMP/err"
    [ $? -eq 1 ] || fail "four problems ($JA) did not exit 1"
    grep -q 'choices.csv: 85 行目: 選択肢名 "q29_1" がリスト "q29" で重複しています' "$TMP/err" || fail "choices ($JA): $(cat "$TMP/err")"
    grep -q 'bins.csv: 4 行目: "count" の階級 "6～10人" が前の階級と重なるか' "$TMP/err" || fail "bins ($JA): $(cat "$TMP/err")"
    grep -q 'survey.csv: [0-9]* 行目: 不明なリスト "q26x" です' "$TMP/err" || fail "survey ($JA): $(cat "$TMP/err")"
    grep -q 'themes.csv: [0-9]* 行目: テーマかキーワードが空です' "$TMP/err" || fail "themes ($JA): $(cat "$TMP/err")"
    grep -q ': 問題 4 件（形式は questionnaire/README.md）' "$TMP/err" || fail "count ($JA): $(cat "$TMP/err")"
    while IFS= read -r line; do no_english "$line"; done <"$TMP/err"
    "$BIN" validate --questionnaire "$TMP/nothing-here" >/dev/null 2>"$TMP/err"
    [ $? -eq 1 ] || fail "a missing folder did not exit 1"
    grep -q "no such questionnaire folder" "$TMP/err" || fail "$(cat "$TMP/err")"
    "$BIN" validate >/dev/null 2>&1
    [ $? -eq 2 ] || fail "validate without EXPORT or --questionnaire is not a usage error"
}

# Last year's questionnaire against this year's export (fixtures/hokkaido-2024,
# whose questions after Q21 moved), and the other way round: exit 1, one
# message naming the column and both questions — never a report.
case_wrong_year_is_loud() {
    local y2024=$SRC/fixtures/hokkaido-2024
    "$BIN" report -o "$TMP/r" "$y2024/responses.csv" >/dev/null 2>"$TMP/err"
    [ $? -eq 1 ] || fail "the 2023 questionnaire read the 2024 export"
    [ ! -e "$TMP/r/report.pdf" ] || fail "a report was written"
    grep -q "carries Q28 but its text is the questionnaire's Q29" "$TMP/err" || fail "$(cat "$TMP/err")"
    need_ja_locale
    LC_ALL=$JA "$BIN" report -o "$TMP/r" "$y2024/responses.csv" >/dev/null 2>"$TMP/err"
    [ $? -eq 1 ] || fail "the 2023 questionnaire read the 2024 export ($JA)"
    grep -q "は Q28 と書かれていますが、文は調査票の Q29 のものです。正しい調査票ですか？" "$TMP/err" || fail "$JA: $(cat "$TMP/err")"
    no_english "$(cat "$TMP/err")"
    "$BIN" tabulate --questionnaire "$y2024/questionnaire" "$FIXTURE" >/dev/null 2>"$TMP/err"
    [ $? -eq 1 ] || fail "the 2024 questionnaire read the 2023 export"
    grep -q "is this the right questionnaire?" "$TMP/err" || fail "$(cat "$TMP/err")"
    # the right pair reads, with no finding about its columns
    "$BIN" validate --questionnaire "$y2024/questionnaire" "$y2024/responses.csv" >"$TMP/out" 2>"$TMP/err" ||
        fail "the 2024 pair: $(cat "$TMP/err")"
    grep -q "^finding line 1 " "$TMP/out" && fail "the 2024 pair has header findings: $(grep '^finding line 1 ' "$TMP/out")"
    return 0
}

"case_$CASE"
