#!/usr/bin/env bash
# e2e_locale.sh — the language of the messages (docs/cli.md): every case is
# run under LC_ALL=C (English, the msgids) and LC_ALL=ja_JP.UTF-8 (Japanese,
# po/ja.po), and each message is checked against an expected English and an
# expected Japanese text. Under ja a message left in English is a failure
# (no_english). The cases are those of e2e_hostile.sh (broken exports),
# e2e_drift*.sh (an export that drifted from the questionnaire) and
# e2e_cli.sh (usage errors, --help of every command); numbers_identical and
# report_identical check that the locale never changes an output's bytes
# (LC_NUMERIC stays "C"); po_complete that every message of the sources has
# its Japanese in po/ja.po.
#
# The ja_JP.UTF-8 locale must exist (scripts/setup-debian.sh generates it):
# without it every case fails with that reason — never a silent skip.
#
# usage: bash tests/e2e_locale.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
set -u

CASE=${1:?usage: e2e_locale.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_locale.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_locale.sh CASE BINARY SOURCE_DIR}
FIXTURE=$SRC/fixtures/hokkaido-2023/responses.csv
TMP=$(mktemp -d "$PWD/e2e_locale.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
unset LANGUAGE LANG LC_MESSAGES LC_CTYPE LC_NUMERIC
export SOURCE_DATE_EPOCH=1700000000
JA=ja_JP.UTF-8

fail() {
    printf 'FAIL e2e_locale.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}
# need_ja_locale, no_english
. "$SRC/tests/locale_check.sh"

# run_in LOCALE ARGS...: npo-survey under LC_ALL=LOCALE → $TMP/out, $TMP/err, $RC
run_in() {
    local loc=$1
    shift
    LC_ALL=$loc timeout 120 "$BIN" "$@" >"$TMP/out" 2>"$TMP/err"
    RC=$?
    [ "$RC" -lt 124 ] || fail "npo-survey $* (LC_ALL=$loc): exit $RC (a hang or a signal)"
}

# both STATUS EN JA ARGS...: the same exit STATUS in both locales, one
# message line naming EN under C and JA under ja_JP.UTF-8, and nothing of
# it left in English.
both() {
    local status=$1 en=$2 ja=$3
    shift 3
    run_in C "$@"
    [ "$RC" -eq "$status" ] || fail "npo-survey $* (C): exit $RC, expected $status: $(cat "$TMP/err")"
    grep -qF -- "$en" "$TMP/err" || fail "npo-survey $* (C): no '$en' in: $(cat "$TMP/err")"
    cp "$TMP/err" "$TMP/err.en"
    run_in "$JA" "$@"
    [ "$RC" -eq "$status" ] || fail "npo-survey $* ($JA): exit $RC, expected $status: $(cat "$TMP/err")"
    grep -qF -- "$ja" "$TMP/err" || fail "npo-survey $* ($JA): no '$ja' in: $(cat "$TMP/err")"
    no_english "$(head -n 1 "$TMP/err")"
    printf 'ok %s\n  C:  %s\n  ja: %s\n' "$*" "$(head -n 1 "$TMP/err.en")" "$(head -n 1 "$TMP/err")"
}

header() { head -n 1 "$FIXTURE"; }
rows() { sed -n "2,$(($1 + 1))p" "$FIXTURE"; }

# edit FROM TO PYTHON (as in e2e_drift.sh)
edit() {
    python3 - "$1" "$2" "$3" <<'PY'
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
PY
}

# ---------------------------------------------------------------- cases

# Every msgid of the sources (po/xgettext.sh, the keywords of the hooks) is
# translated in po/ja.po, none fuzzy, none obsolete, and the formats agree.
case_po_complete() {
    local extra
    bash "$SRC/po/xgettext.sh" "$SRC" "$TMP/npo-survey.pot" 2>"$TMP/xgettext.log" ||
        fail "xgettext failed: $(cat "$TMP/xgettext.log")"
    msgfmt --check-format --check-header -o /dev/null "$SRC/po/ja.po" 2>"$TMP/msgfmt.log" ||
        fail "msgfmt --check-format: $(cat "$TMP/msgfmt.log")"
    # msgcmp: every msgid of the template has a translation that is neither empty nor fuzzy
    msgcmp "$SRC/po/ja.po" "$TMP/npo-survey.pot" 2>"$TMP/msgcmp.log" ||
        fail "messages without Japanese in po/ja.po (translate them): $(head -20 "$TMP/msgcmp.log")"
    [ -z "$(msgattrib --only-fuzzy --no-obsolete "$SRC/po/ja.po")" ] ||
        fail "po/ja.po has fuzzy entries: $(msgattrib --only-fuzzy "$SRC/po/ja.po" | grep '^msgid' | head)"
    # obsolete: msgids of ja.po that no source has any more (and #~ entries)
    extra=$(msgcomm --unique --no-location "$SRC/po/ja.po" "$TMP/npo-survey.pot" | grep -c '^msgid "[^"]' || true)
    [ "$extra" -eq 0 ] || fail "po/ja.po and the sources differ in $extra msgids (obsolete entries?): \
$(msgcomm --unique --no-location "$SRC/po/ja.po" "$TMP/npo-survey.pot" | grep '^msgid' | head)"
    ! grep -q '^#~' "$SRC/po/ja.po" || fail "po/ja.po keeps obsolete (#~) entries"
    echo "ok: $(grep -c '^msgid "[^"]' "$TMP/npo-survey.pot") msgids, all translated"
}

# Broken exports (e2e_hostile.sh): exit 1 and the message in each language.
case_hostile_messages() {
    need_ja_locale
    : >"$TMP/empty.csv"
    both 1 "empty.csv: the file is empty" "empty.csv: ファイルが空です" tabulate "$TMP/empty.csv"
    header >"$TMP/header_only.csv"
    both 1 "line 2: a header but no responses" "2 行目: 見出し行だけで回答がありません" tabulate "$TMP/header_only.csv"
    { header; rows 2; printf '2023/10/05 10:00:00,"abc'; } >"$TMP/quote.csv"
    both 1 "line 4: broken CSV quoting" "4 行目: CSV の引用符が壊れています" tabulate "$TMP/quote.csv"
    { header; rows 1; printf '2023/10/05 10:00:00,ab\000cd\n'; } >"$TMP/nul.csv"
    both 1 "line 3: a NUL byte: this is a binary file" "3 行目: NUL バイトがあります" tabulate "$TMP/nul.csv"
    { header; rows 1; printf '2023/10/05 10:00:00,\x80\xff\xfd\n'; } >"$TMP/invalid.csv"
    both 1 "line 3: bytes that are not valid UTF-8" "3 行目: 前の行は UTF-8 なのに" tabulate "$TMP/invalid.csv"
    { header; rows 1; rows 2 | tail -n 1 | iconv -f UTF-8 -t CP932; } >"$TMP/mixed.csv"
    both 1 "(mixed encodings?)" "（文字コードが混在？）" tabulate "$TMP/mixed.csv"
    printf 'name,price,qty\napple,100,3\n' >"$TMP/prices.csv"
    both 1 "line 1: the header matches no question" "1 行目: 見出し行がどの設問にも合いません" tabulate "$TMP/prices.csv"
    { header; rows 1; printf '2023/10/05 10:00:00,'; head -c 1100000 /dev/zero | tr '\0' 'y'; printf '\n'; } >"$TMP/big.csv"
    both 1 "a cell larger than 1048576 bytes" "1048576 バイトを超えるセルがあります" tabulate "$TMP/big.csv"
    both 1 "missing.csv: cannot open: No such file" "missing.csv: 開けません: " tabulate "$TMP/missing.csv"
    both 1 "an old Excel .xls (binary) workbook" "古い Excel の .xls（バイナリ）のブックです" tabulate \
        "$(printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' >"$TMP/old.xls"; echo "$TMP/old.xls")"
    both 1 "line 3: broken CSV quoting" "3 行目: CSV の引用符が壊れています" report -o "$TMP/rep" \
        "$({ header; rows 1; printf '2023/10/05 10:00:00,"abc\n'; } >"$TMP/q3.csv"; echo "$TMP/q3.csv")"
}

# Drift (e2e_drift*.sh): the error of another questionnaire's question, and
# the findings of a reworded option, an extra and a missing column, in
# tabulate's summary and in validate's log.
case_drift_messages() {
    need_ja_locale
    edit "$FIXTURE" "$TMP/moved.csv" '
q23 = "他団体との連携がある場合には、その内容を教えてください。現在、他団体との連携がない場合は、過去にどんな連携があったか教えてください。"
for i in col("Q22."):
    header[i] = "Q22. " + q23 + header[i][header[i].rindex(" ["):]
' || fail "could not edit the fixture"
    both 1 "carries Q22 but its text is the questionnaire's Q23: is this the right questionnaire?" \
        "は Q22 と書かれていますが、文は調査票の Q23 のものです。正しい調査票ですか？" tabulate "$TMP/moved.csv"
    grep -qF "（この調査の調査票を --questionnaire DIR で読み込んでください" "$TMP/err" || fail "no Japanese hint: $(cat "$TMP/err")"
    edit "$FIXTURE" "$TMP/drift.csv" '
i = col("Q6.")[0]
for r in rows:
    r[i] = r[i].replace("子育て支援の居場所（通いの場／地域子育て支援拠点など）", "子育て支援の拠点・居場所")
j = col("Q29.")[0]
header.append("Q40. 来年度の活動予定を教えてください。")
for r in rows:
    r.append("未定")
del header[j]
for r in rows:
    del r[j]
' || fail "could not edit the fixture"
    both 0 "drift.csv: 4 data-quality findings (all of them" "drift.csv: データ品質の指摘 4 件（すべては" \
        tabulate "$TMP/drift.csv"
    for pair in "column 158 matches no question of the questionnaire: ignored|158列目：どの設問にも当たらない列（集計しない）" \
                "Q29 has no column in this export: left out of the tables|Q29の列がない：集計表から除く（無回答とはしない）" \
                "「子育て支援の拠点・居場所」: 10 answers not in choices.csv|「子育て支援の拠点・居場所」：選択肢にない同じ記入が10件"; do
        grep -qF "${pair#*|}" "$TMP/err" || fail "tabulate ($JA): no '${pair#*|}' in: $(cat "$TMP/err")"
        grep -qF "${pair%%|*}" "$TMP/err.en" || fail "tabulate (C): no '${pair%%|*}' in: $(cat "$TMP/err.en")"
    done
    while IFS= read -r line; do no_english "$line"; done < <(tail -n +2 "$TMP/err")
    # validate: the log in the locale's language, every finding and note
    run_in C validate "$TMP/drift.csv"
    [ "$RC" -eq 0 ] || fail "validate (C): exit $RC"
    grep -q '^finding line 1 \[Q40\..*\]: column 158 matches no question' "$TMP/out" || fail "validate (C): $(head -8 "$TMP/out")"
    grep -q '^findings: 4, notes: ' "$TMP/out" || fail "validate (C): $(head -6 "$TMP/out")"
    run_in "$JA" validate "$TMP/drift.csv"
    [ "$RC" -eq 0 ] || fail "validate ($JA): exit $RC"
    grep -q '^指摘 1 行目 \[Q40\..*\]: 158列目：どの設問にも当たらない列（集計しない）' "$TMP/out" || fail "validate ($JA): $(head -8 "$TMP/out")"
    grep -q '^指摘: 4、注記: ' "$TMP/out" || fail "validate ($JA): $(head -6 "$TMP/out")"
    grep -q '^ファイル: ' "$TMP/out" && grep -q '^文字コード: UTF-8' "$TMP/out" || fail "validate ($JA): $(head -3 "$TMP/out")"
    # every line: its action (after the value) in Japanese
    while IFS= read -r line; do no_english "${line##*\": }"; done < <(grep -E '^(指摘|注記) ' "$TMP/out")
    run_in "$JA" validate --strict "$TMP/drift.csv"
    [ "$RC" -eq 1 ] && grep -qF "drift.csv: 指摘 4 件（--strict）" "$TMP/err" || fail "validate --strict ($JA): exit $RC: $(cat "$TMP/err")"
    both 1 "(--strict): no report written" "（--strict）: 報告書は作りませんでした" report --strict -o "$TMP/r" "$TMP/drift.csv"
    [ ! -e "$TMP/r/report.pdf" ] || fail "report --strict wrote a report"
}

# A questionnaire folder: missing, empty, broken (e2e_drift.sh, docs/annual-cycle.md).
case_questionnaire_messages() {
    need_ja_locale
    both 1 "no such questionnaire folder" "調査票フォルダーがありません" validate --questionnaire "$TMP/nope"
    mkdir -p "$TMP/emptyq"
    both 1 "holds none of the questionnaire files" "調査票のファイル（survey.csv" validate --questionnaire "$TMP/emptyq"
    cp -r "$SRC/questionnaire" "$TMP/q" && printf '99,,bogus_type,,,,,x,,,\n' >>"$TMP/q/survey.csv"
    both 1 'unknown question type "bogus_type"' '不明な設問の型 "bogus_type" です' validate --questionnaire "$TMP/q"
    run_in "$JA" validate --questionnaire "$SRC/questionnaire"
    [ "$RC" -eq 0 ] && grep -q '^ok: 調査票を読み込めました' "$TMP/out" && grep -q '^設問: ' "$TMP/out" ||
        fail "validate --questionnaire ($JA): $(cat "$TMP/out" "$TMP/err")"
}

# Usage errors (e2e_cli.sh): exit 2 in both languages.
case_usage_messages() {
    need_ja_locale
    both 2 "unknown command 'frob'" "'frob' というコマンドはありません" frob
    both 2 "a command is needed" "コマンドを指定してください"
    both 2 "tabulate does not take the option --strict" "tabulate にオプション --strict はありません" tabulate --strict "$FIXTURE"
    both 2 "option --title needs a value" "オプション --title には値が必要です" report --title
    both 2 "report needs an EXPORT file" "report にはエクスポートファイル（EXPORT）が必要です" report
    both 2 "--format takes text, csv or json, not xml" "--format に指定できるのは text、csv、json です" tabulate --format xml "$FIXTURE"
    both 2 "--encoding takes utf-8 or cp932, not latin1" "--encoding に指定できるのは utf-8 か cp932 です" tabulate --encoding latin1 "$FIXTURE"
    both 2 "compare needs two exports" "compare にはエクスポートが 2 つ必要です" compare "$FIXTURE"
    both 2 "only one export file, got a second" "エクスポートファイルは 1 つだけです" gap "$FIXTURE" "$FIXTURE"
    both 2 "--reveal-names applies to the organisation lists only" "--reveal-names は団体一覧にだけ使えます" flows --reveal-names "$FIXTURE"
    both 2 "-o takes a file name, not the folder" "-o にはファイル名を指定します" export -o "$TMP" "$FIXTURE"
    grep -qF "'npo-survey export --help' で使い方を表示できます。" "$TMP/err" || fail "no Japanese 'Try': $(cat "$TMP/err")"
}

# --help of every command and the overview, in both languages: the same
# options, every help line in the locale's language.
case_help_both_languages() {
    need_ja_locale
    local cmd
    for cmd in tabulate validate flows gap themes report charts export compare; do
        run_in C "$cmd" --help
        [ "$RC" -eq 0 ] && grep -q "^usage: npo-survey $cmd " "$TMP/out" && grep -q '^common options:' "$TMP/out" ||
            fail "$cmd --help (C): $(head -3 "$TMP/out")"
        grep -oE '^  (-[a-z], )?--[a-z-]+' "$TMP/out" >"$TMP/opts.en"
        run_in "$JA" "$cmd" --help
        [ "$RC" -eq 0 ] && grep -q "^使い方: npo-survey $cmd " "$TMP/out" && grep -q '^共通オプション:' "$TMP/out" &&
            grep -q '^終了ステータス: ' "$TMP/out" || fail "$cmd --help ($JA): $(head -3 "$TMP/out")"
        grep -oE '^  (-[a-z], )?--[a-z-]+' "$TMP/out" | diff - "$TMP/opts.en" >/dev/null ||
            fail "$cmd --help: the options differ between the languages"
        while IFS= read -r line; do
            no_english "$line"
            printf '%s\n' "$line" | grep -q '[ぁ-んァ-ヶ一-龠]' || fail "$cmd --help ($JA): a line without Japanese: $line"
        done < <(grep -E '^  (-[a-z], )?--' "$TMP/out")
        echo "ok: $cmd --help in both languages"
    done
    run_in "$JA" --help
    [ "$RC" -eq 0 ] && grep -q '^使い方: npo-survey コマンド' "$TMP/out" && grep -q '^共通オプション:' "$TMP/out" ||
        fail "--help ($JA): $(head -3 "$TMP/out")"
    # English where the locale is not Japanese (and not installed)
    LC_ALL= LANG=en_US.UTF-8 "$BIN" tabulate --help | grep -q '^usage: npo-survey tabulate' || fail "LANG=en_US.UTF-8 is not English"
    LC_ALL= LANG=POSIX "$BIN" report --help | grep -q '^common options:' || fail "LANG=POSIX is not English"
    LC_ALL= LANG=$JA "$BIN" report --help | grep -q '^共通オプション:' || fail "LANG=$JA is not Japanese"
    LC_ALL= LANG=C LC_MESSAGES=$JA "$BIN" report --help | grep -q '^共通オプション:' || fail "LC_MESSAGES=$JA is not Japanese"
}

# Numbers never follow the locale: every table format, byte for byte.
case_numbers_identical() {
    need_ja_locale
    local args loc n=0
    for args in "tabulate --format text" "tabulate --format csv --intervals" "tabulate --format json" \
                "flows --format csv" "gap --format json" "themes --format csv" "validate"; do
        for loc in "LC_ALL=C" "LC_ALL=$JA" "LANG=$JA" "LC_NUMERIC=$JA LANG=$JA"; do
            env -u LC_ALL $loc "$BIN" $args "$FIXTURE" >"$TMP/out.$n" 2>/dev/null || fail "$loc npo-survey $args: exit $?"
            n=$((n + 1))
        done
        case $args in validate) ;;
        *) for i in 1 2 3; do cmp -s "$TMP/out.$((n - 4))" "$TMP/out.$((n - 4 + i))" ||
                fail "npo-survey $args differs between locales: $(diff "$TMP/out.$((n - 4))" "$TMP/out.$((n - 4 + i))" | head -4)"
           done ;;
        esac
    done
    grep -q '[0-9]\.[0-9]' "$TMP/out.4" || fail "no decimals in the CSV to compare"
    echo "ok: $n runs, the tables identical in every locale"
}

# report.pdf and report.xlsx are the same bytes under C and ja_JP.UTF-8.
case_report_identical() {
    need_ja_locale
    local v=$SRC/fixtures/variants/bom_crlf.csv
    LC_ALL=C timeout 300 "$BIN" report -o "$TMP/c" "$v" >/dev/null 2>"$TMP/err.c" || fail "report (C): $(cat "$TMP/err.c")"
    LC_ALL=$JA timeout 300 "$BIN" report -o "$TMP/ja" "$v" >/dev/null 2>"$TMP/err.ja" || fail "report ($JA): $(cat "$TMP/err.ja")"
    cmp "$TMP/c/report.pdf" "$TMP/ja/report.pdf" || fail "report.pdf differs between C and $JA"
    cmp "$TMP/c/report.xlsx" "$TMP/ja/report.xlsx" || fail "report.xlsx differs between C and $JA"
    diff -r "$TMP/c/charts" "$TMP/ja/charts" >/dev/null || fail "charts/ differ between C and $JA"
    grep -q '報告書を .* に書き出しました' "$TMP/err.ja" || fail "report ($JA): $(cat "$TMP/err.ja")"
    grep -q 'report written to' "$TMP/err.c" || fail "report (C): $(cat "$TMP/err.c")"
}

declare -F "case_$CASE" >/dev/null || fail "no such case"
"case_$CASE"
