#!/usr/bin/env bash
# e2e_report_previous.sh — `npo-survey report --previous OLD_EXPORT` adds the chapter
# 前回調査との比較 to the PDF and the sheets 前回比較 / 前回比較_対応 to the workbook
# (docs/report.md, docs/compare.md), on the fixture pairs hokkaido-2023 → hokkaido-2023-wave2
# and hokkaido-2023 → hokkaido-2024 (changed questionnaire, with its crosswalk), and on a
# pair made here with one change far beyond the margin of error. No organisation name,
# respondent, e-mail or phone of either wave reaches any output.
#
# usage: bash tests/e2e_report_previous.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
# Each `case_<name>()` is one ctest entry (tests/CMakeLists.txt).
set -u

CASE=${1:?usage: e2e_report_previous.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_report_previous.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_report_previous.sh CASE BINARY SOURCE_DIR}
OLD="$SRC/fixtures/hokkaido-2023/responses.csv"
W2="$SRC/fixtures/hokkaido-2023-wave2/responses.csv"
Y24="$SRC/fixtures/hokkaido-2024/responses.csv"
Q24="$SRC/fixtures/hokkaido-2024/questionnaire"
CW="$SRC/fixtures/hokkaido-2024/crosswalk-2023.csv"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e_report_previous.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1700000000

fail() {
    printf 'FAIL e2e_report_previous.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}

# report OUT_DIR ARGS… : the report, stderr kept in OUT_DIR.err
report() {
    local out=$1
    shift
    "$BIN" report -o "$out" "$@" 2>"$out.err" || fail "report exit $?: $(cat "$out.err")"
    pdftotext -layout "$out/report.pdf" "$out/report.txt" || fail "pdftotext"
}

# The chapter's text: from its heading (not the contents entry) to the appendices.
chapter() {
    awk '/^前回調査との比較$/ {on=1} /^付録1/ {on=0} on' "$1/report.txt"
}

sheets() { unzip -p "$1/report.xlsx" xl/workbook.xml | grep -o 'sheet name="[^"]*"' | sed 's/sheet name="//; s/"$//'; }

# Every cell of the personal columns (Q1–Q4) of an export, one per line, at least 4 characters.
personal_values() {
    python3 - "$@" <<'PY'
import csv, sys
for path in sys.argv[1:]:
    rows = list(csv.reader(open(path, encoding='utf-8-sig')))
    head = rows[0]
    cols = [i for i, h in enumerate(head) if h.startswith(('Q1.', 'Q2.', 'Q3.', 'Q4.'))]
    for r in rows[1:]:
        for i in cols:
            v = r[i].strip() if i < len(r) else ''
            if len(v) >= 4:
                print(v)
PY
}

case_wave2_chapter() {
    report "$TMP/r" --previous "$OLD" "$W2"
    chapter "$TMP/r" >"$TMP/ch.txt"
    [ -s "$TMP/ch.txt" ] || fail "no chapter 前回調査との比較"
    grep -q "^ *前回調査との比較 *[0-9]" "$TMP/r/report.txt" || fail "the chapter is not in the contents"
    grep -q "両方の調査に回答した団体は50団体" "$TMP/ch.txt" || fail "panel of 50 not stated"
    # a change with its interval: Q6 子ども食堂 in the panel, 4 new and 0 dropped (expected-compare.csv)
    tr -d '\n ' <"$TMP/ch.txt" | grep -q "子ども食堂などの子どもの居場所」を新たに挙げた団体4、挙げなくなった団体0（+8.0ポイント、95%信頼区間-0.6～+16.9ポイント" ||
        fail "the panel's movement of Q6 子ども食堂 with its interval is missing"
    grep -q "27.7%→40.0%（+12.3）" "$TMP/ch.txt" || fail "the dumbbell value of Q6 子ども食堂 is missing"
    grep -q "比較図1（Q6）" "$TMP/ch.txt" || fail "no dumbbell figure of Q6"
    grep -q "困りごとへの対応状況の変化" "$TMP/ch.txt" || fail "no flows table"
    grep -q "誤差の範囲内" "$TMP/ch.txt" || fail "the rest is not said to be within the margin of error"
    sheets "$TMP/r" | grep -qx "前回比較" || fail "no sheet 前回比較"
    sheets "$TMP/r" | grep -qx "前回比較_対応" || fail "no sheet 前回比較_対応"
    # the chapter comes after the analysis chapters and before the appendices
    awk '/^前回調査との比較$/ {c=NR} /^自由記述$/ && !f {f=NR} /^付録1/ && !a && c {a=NR} END {exit !(c > f && a > c)}' \
        "$TMP/r/report.txt" || fail "the chapter is not between 自由記述 and 付録1"
}

case_year2024_crosswalk() {
    report "$TMP/r" --questionnaire "$Q24" --previous-questionnaire "$SRC/questionnaire" --crosswalk "$CW" \
        --previous "$OLD" "$Y24"
    chapter "$TMP/r" >"$TMP/ch.txt"
    grep -q "設問と選択肢の対応" "$TMP/ch.txt" || fail "no matching table"
    grep -q "対応表による対応" "$TMP/ch.txt" || fail "no option matched through the crosswalk"
    grep -q "今回の追加" "$TMP/ch.txt" || fail "no option added in 2024"
    grep -q "番号の変更" "$TMP/ch.txt" || fail "the renumbered questions are not listed"
    grep -q "前回のみ" "$TMP/ch.txt" || fail "no question or option dropped in 2024"
}

# A new wave in which every organisation runs a 子ども食堂: the change is far beyond the
# margin of error and is listed first with its interval, both ends above 0.
case_change_beyond_margin_listed() {
    python3 - "$OLD" "$TMP/new.csv" <<'PY' || fail "cannot make the new wave"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig')))
q6 = next(i for i, h in enumerate(rows[0]) if h.startswith('Q6.'))
opt = '子ども食堂などの子どもの居場所（通いの場／食事提供の有無を問わない）'
for r in rows[1:]:
    parts = [p for p in r[q6].split(', ') if p and 'に当てはまる事業はない' not in p]
    if opt not in parts:
        parts.append(opt)
    r[q6] = ', '.join(parts)
csv.writer(open(sys.argv[2], 'w', encoding='utf-8', newline='')).writerows(rows)
PY
    report "$TMP/r" --previous "$OLD" "$TMP/new.csv"
    chapter "$TMP/r" >"$TMP/ch.txt"
    awk '/^誤差の範囲を超えた変化/ {on=1} /^設問ごとの変化/ {on=0} on' "$TMP/ch.txt" >"$TMP/changes.txt"
    grep -q "Q6「子ども食堂などの子どもの居場所」 *27.7% *100.0% *+72.3 *+[0-9.]*～+[0-9.]*" "$TMP/changes.txt" ||
        fail "the change of Q6 子ども食堂 is not listed with its interval: $(head -12 "$TMP/changes.txt")"
    grep -q "最も大きいのはQ6「子ども食堂などの子どもの居場所」（27.7%→100.0%、+72.3ポイント、95%信頼区間+[0-9.]*～+[0-9.]*ポイント）" \
        <(tr -d '\n ' <"$TMP/ch.txt") || fail "the commentary does not name the largest change with its interval"
    grep -q "誤差の範囲内であり、増減の大きさで順位は付けていない" <(tr -d '\n ' <"$TMP/ch.txt") ||
        fail "the rest is not said to be within the margin, unranked"
}

# Every personal value of both exports found in a report's outputs (PDF text, also joined
# across line breaks; the workbook's strings; the charts; stderr), one per line.
names_in() { # REPORT_DIR
    local d=$1
    mkdir -p "$d.x" && (cd "$d.x" && unzip -qo "$d/report.xlsx") || fail "unzip"
    { cat "$d/report.txt" "$d.x"/xl/sharedStrings.xml "$d.x"/xl/worksheets/*.xml "$d"/charts/*.svg "$d.err"
      tr -d '\n ' <"$d/report.txt"; } 2>/dev/null | grep -o -F -f "$TMP/names.txt" | sort -u
}

# The chapter and the sheets hold no name, and --previous adds none anywhere. (The free-text
# chapter of the wave-2 report itself quotes a 2023 name that the wave-2 row no longer
# carries, so its masking cannot know it: that is the report without --previous too.)
case_no_organisation_names() {
    personal_values "$OLD" "$W2" | sort -u >"$TMP/names.txt"
    [ "$(wc -l <"$TMP/names.txt")" -ge 100 ] || fail "too few planted names found ($(wc -l <"$TMP/names.txt"))"
    grep -q "あたらしい広場" "$TMP/names.txt" || fail "the wave-2 fixture's planted names are not in the list"
    report "$TMP/r" --previous "$OLD" "$W2"
    report "$TMP/base" "$W2"
    chapter "$TMP/r" >"$TMP/ch.txt"
    { cat "$TMP/ch.txt"; tr -d '\n ' <"$TMP/ch.txt"; } | grep -F -f "$TMP/names.txt" | head -3 >"$TMP/hits"
    [ ! -s "$TMP/hits" ] || fail "a personal value in the chapter: $(cat "$TMP/hits")"
    names_in "$TMP/r" >"$TMP/with"
    names_in "$TMP/base" >"$TMP/without"
    comm -23 "$TMP/with" "$TMP/without" >"$TMP/added"
    [ ! -s "$TMP/added" ] || fail "--previous brought personal values into the outputs: $(head -3 "$TMP/added")"
    # the check can fail: a name planted in the chapter's input would be found
    grep -q -F -f "$TMP/names.txt" <<<"ＮＰＯ法人 ひとやすみ処" || fail "the name list does not find a planted name"
}

case_without_previous_no_chapter() {
    report "$TMP/r" "$W2"
    ! grep -q "前回調査との比較" "$TMP/r/report.txt" || fail "chapter without --previous"
    ! sheets "$TMP/r" | grep -q "前回比較" || fail "sheet 前回比較 without --previous"
}

case_usage_errors() {
    "$BIN" report -o "$TMP/r" --crosswalk "$CW" "$W2" 2>"$TMP/err"
    [ $? -eq 2 ] || fail "--crosswalk without --previous: not exit 2"
    grep -q "needs --previous" "$TMP/err" || fail "message: $(cat "$TMP/err")"
    printf 'old_question,old_option,new_question,new_option\nQ6,存在しない選択肢,Q6,x\n' >"$TMP/cw.csv"
    "$BIN" report -o "$TMP/r2" --crosswalk "$TMP/cw.csv" --previous "$OLD" "$W2" 2>"$TMP/err"
    [ $? -eq 1 ] || fail "a bad crosswalk: not exit 1"
    grep -q "cw.csv" "$TMP/err" || fail "the crosswalk is not named: $(cat "$TMP/err")"
    [ ! -e "$TMP/r2/report.pdf" ] || fail "a report was written despite the bad crosswalk"
    "$BIN" report -o "$TMP/r3" --previous "$TMP/missing.csv" "$W2" 2>"$TMP/err"
    [ $? -eq 1 ] || fail "a missing previous export: not exit 1"
}

"case_$CASE"
