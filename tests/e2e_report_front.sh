#!/usr/bin/env bash
# e2e_report_front.sh — the PDF report as a review committee reads it
# (docs/report.md "Front matter", "Numbering and layout"), checked on the
# text poppler extracts (pdftotext, pdftotext -bbox):
#   cover_facts          the cover names the fiscal year of the survey period
#                        (令和5年度), the title, the issuing body and the date
#                        given with --publisher / --date; the PDF dates follow
#   default_date         without --date and SOURCE_DATE_EPOCH the date is the
#                        last response's (2023年11月7日), never the clock: two
#                        runs give the same bytes
#   overview             調査の概要 says who was asked, how, when, how many
#                        questions and how many answered
#   numbering            図 and 表 are numbered 1, 2, 3 … in page order, and the
#                        lists of figures and tables name every one
#   page_fill            no page but the cover and a chapter's last is less than
#                        half full, by its lowest text (docs/report.md, "Pages")
#   figure_before_table  in the questions' pages every question's figure comes
#                        before its table (the fixture needs no table moved first)
#   no_tool_words        no file name, command, option or docs path in the text
#   settings_front       settings.csv's publisher, survey_target and survey_method
#                        reach the cover and 調査の概要; --publisher overrides
#                        the publisher; an unknown key is still refused
#
# usage: bash tests/e2e_report_front.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
set -u

CASE=${1:?usage: e2e_report_front.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_report_front.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_report_front.sh CASE BINARY SOURCE_DIR}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e_report_front.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C.UTF-8
FIXTURE="$SRC/fixtures/hokkaido-2023/responses.csv"

fail() {
    printf 'FAIL e2e_report_front.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}

# report DIR [options…]: the fixture's report into $TMP/DIR (SOURCE_DATE_EPOCH
# fixed unless the caller unsets it).
report() {
    local dir=$1
    shift
    "$BIN" report -o "$TMP/$dir" "$@" "$FIXTURE" > "$TMP/$dir.log" 2>&1 ||
        fail "report $* failed: $(cat "$TMP/$dir.log")"
    [ -s "$TMP/$dir/report.pdf" ] || fail "no report.pdf"
}

page_text() {  # PDF PAGE
    pdftotext -f "$2" -l "$2" -layout "$1" - 2>/dev/null
}

case_cover_facts() {
    SOURCE_DATE_EPOCH=1700000000 report r --publisher "北海道テスト協議会" --date 2024-03-29
    local cover info
    cover=$(page_text "$TMP/r/report.pdf" 1)
    for want in 令和5年度 調査結果報告書 北海道テスト協議会 2024年3月29日 "孤独・孤立対策につながる活動"; do
        grep -qF "$want" <<<"$cover" || fail "the cover has no 「$want」: $cover"
    done
    info=$(pdfinfo "$TMP/r/report.pdf")
    grep -q "CreationDate:.*Mar 29 .*2024" <<<"$info" || fail "CreationDate is not the --date: $info"
    if "$BIN" report -o "$TMP/bad" --date 2024-13-01 "$FIXTURE" > "$TMP/bad.log" 2>&1; then
        fail "--date 2024-13-01 was accepted"
    fi
    grep -q -- "--date" "$TMP/bad.log" || fail "no message naming --date: $(cat "$TMP/bad.log")"
}

case_default_date() {
    (unset SOURCE_DATE_EPOCH; report a) || exit 1
    sleep 1
    (unset SOURCE_DATE_EPOCH; report b) || exit 1
    page_text "$TMP/a/report.pdf" 1 | grep -qF 2023年11月7日 ||
        fail "the default date is not the last response's: $(page_text "$TMP/a/report.pdf" 1)"
    pdfinfo "$TMP/a/report.pdf" | grep -q "CreationDate:.*Nov  7 .*2023" ||
        fail "CreationDate is not the last response's date: $(pdfinfo "$TMP/a/report.pdf" | grep Date)"
    cmp -s "$TMP/a/report.pdf" "$TMP/b/report.pdf" || fail "two runs without SOURCE_DATE_EPOCH differ"
}

case_overview() {
    SOURCE_DATE_EPOCH=1700000000 report r
    local all page
    all=$(pdftotext -layout "$TMP/r/report.pdf" -)
    page=$(awk 'BEGIN{RS="\f"} $0 !~ /^[^\n]*目次\n/ && /表[0-9]+[　 ]+調査の概要/ {print; exit}' <<<"$all")
    [ -n "$page" ] || fail "no page with the table 調査の概要"
    for want in 調査名 調査対象 調査方法 "調査期間 *2023年10月3日～2023年11月7日" "調査項目 *全[0-9]+問" "回答数 *65団体"; do
        grep -qE "$want" <<<"$page" || fail "調査の概要 has no 「$want」: $page"
    done
}

# The caption numbers of kind $2 (図 or 表) on the body pages of PDF $1, in
# page order: a caption is a line that starts with the number (the lists in
# the contents are left out: their pages carry 目次 in the running header).
caption_numbers() {
    pdftotext -layout "$1" - | awk -v k="$2" 'BEGIN{RS="\f"} NR > 1 && $0 !~ /^[^\n]*目次\n/ {
        n = split($0, line, "\n")
        for (i = 1; i <= n; i++) {
            s = line[i]; sub(/^ +/, "", s)
            if (index(s, k) == 1 && match(substr(s, length(k) + 1), /^[0-9]+[（　 ]/))
                print substr(s, length(k) + 1, RLENGTH - 1) + 0
        }
    }'
}

case_numbering() {
    SOURCE_DATE_EPOCH=1700000000 report r
    local kind nums expect listed n
    for kind in 図 表; do
        nums=$(caption_numbers "$TMP/r/report.pdf" "$kind" | uniq)
        n=$(wc -l <<<"$nums")
        [ "$n" -ge 10 ] || fail "only $n ${kind} captions found: $nums"
        expect=$(seq 1 "$n")
        [ "$nums" = "$expect" ] || fail "${kind} numbers are not 1…$n in page order: $(tr '\n' ' ' <<<"$nums")"
        listed=$(pdftotext -layout "$TMP/r/report.pdf" - | awk 'BEGIN{RS="\f"} /^[^\n]*目次\n/' |
                 grep -oE "^ *${kind}[0-9]+[（　 ]" | grep -oE '[0-9]+' | sort -n | uniq)
        [ "$listed" = "$expect" ] || fail "the list of ${kind} does not name 1…$n: $(tr '\n' ' ' <<<"$listed")"
    done
    # last year's numbers are a column of the list of figures: 図1 (Q6) was 図8
    pdftotext -layout "$TMP/r/report.pdf" - | grep -qE "^図1（Q6）.*" || fail "no 図1（Q6）"
    pdftotext -layout "$TMP/r/report.pdf" - | grep -A1 "^図1（Q6）" | grep -qE "図8 +[0-9]+$" ||
        fail "the list of figures does not give last year's 図8 for 図1（Q6）"
    # one figure, one number: each PDF caption 図N（Qm） is the chart file
    # figNN_qMM and the workbook's chart title 図N（Qm）
    local pdf_q files_q xlsx_q
    pdf_q=$(pdftotext "$TMP/r/report.pdf" - | grep -oE '^図[0-9]+（Q[0-9]+）' | LC_ALL=C sort -u)
    files_q=$(ls "$TMP/r/charts" | sed -nE 's/^fig0*([0-9]+)_q0*([0-9]+)(_[0-9]+)?\.svg$/図\1（Q\2）/p' | LC_ALL=C sort -u)
    xlsx_q=$(unzip -p "$TMP/r/report.xlsx" 'xl/charts/*.xml' | grep -oE '<a:t>図[0-9]+（Q[0-9]+）' |
             sed 's/<a:t>//' | LC_ALL=C sort -u)
    [ "$(wc -l <<<"$pdf_q")" -ge 30 ] || fail "only $(wc -l <<<"$pdf_q") question figures in the PDF"
    [ "$pdf_q" = "$files_q" ] || fail "PDF and chart files number figures differently: $(diff <(echo "$pdf_q") <(echo "$files_q") | head -5)"
    [ "$pdf_q" = "$xlsx_q" ] || fail "PDF and workbook number figures differently: $(diff <(echo "$pdf_q") <(echo "$xlsx_q") | head -5)"
    unzip -p "$TMP/r/report.xlsx" xl/sharedStrings.xml | grep -q '図1 のグラフ用データ（前回の報告書の図8）' ||
        fail "the workbook does not give last year's 図8 beside 図1"
}

case_page_fill() {
    SOURCE_DATE_EPOCH=1700000000 report r
    # per page: the running header's text (y < 60) and the lowest text of
    # the body (60 < y < 800); a page whose next page has another header
    # (chapter) is a chapter's last
    pdftotext -bbox "$TMP/r/report.pdf" "$TMP/bbox.html" || fail "pdftotext -bbox failed"
    perl -ne '
        if (/<page /) { push @bottom, 0; push @head, ""; }
        if (/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</) {
            my ($t, $b, $w) = ($1, $2, $3);
            if ($t < 60) { $head[-1] .= $w; }
            elsif ($b < 800 && $b > $bottom[-1]) { $bottom[-1] = $b; }
        }
        END {
            my $bad = 0;
            for my $p (1 .. $#bottom - 1) {           # not the cover (0) nor the last page
                next if $head[$p] ne $head[$p + 1];  # a chapter ends here
                my $fill = ($bottom[$p] - 68) / (841.89 - 68 - 62);
                if ($fill < 0.5) { printf "page %d filled to %.0f%%\n", $p + 1, 100 * $fill; $bad++; }
            }
            print "half-empty: $bad\n";
        }' "$TMP/bbox.html" > "$TMP/fill"
    local bad
    bad=$(sed -n 's/^half-empty: //p' "$TMP/fill")
    [ -n "$bad" ] || fail "could not measure the pages"
    [ "$bad" -le 0 ] || fail "$bad pages more than half empty (none allowed): $(cat "$TMP/fill")"
}

case_figure_before_table() {
    SOURCE_DATE_EPOCH=1700000000 report r
    pdftotext "$TMP/r/report.pdf" "$TMP/r.txt" || fail "pdftotext failed"
    local out
    out=$(python3 - "$TMP/r.txt" <<'PY'
import re, sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
first, body = {}, False
for n, page in enumerate(pages, 1):
    body = body or "設問別の結果" in "".join(page.splitlines()[:3])
    for line in page.splitlines() if body else []:
        m = re.match(r"^(図|表)[0-9]+（(Q[0-9]+)", line)
        if m and m.group(2) not in first:
            first[m.group(2)] = m.group(1)
        elif m and first[m.group(2)] == "表" and m.group(1) == "図":
            print(f"{m.group(2)}: table before figure (page {n})")
print(f"questions: {len(first)}")
PY
)
    grep -q '^questions: [1-9][0-9]' <<<"$out" || fail "could not find the questions' captions: $out"
    ! grep -q 'table before figure' <<<"$out" || fail "$(grep 'table before figure' <<<"$out")"
}

case_no_tool_words() {
    SOURCE_DATE_EPOCH=1700000000 report r
    local found
    found=$(pdftotext "$TMP/r/report.pdf" - | grep -nE '\.csv|\.xlsx|npo-survey|docs/|\.md\b|(^|[^－-])--[a-z]|responses')
    [ -z "$found" ] || fail "tool words in the PDF text: $found"
}

case_settings_front() {
    cp -r "$SRC/questionnaire" "$TMP/q"
    printf '%s\n' "publisher,設定ファイル発行協議会" "survey_target,道内の子ども・若者支援団体（設定から）" \
        "survey_method,郵送とWebによる回答（設定から）" >> "$TMP/q/settings.csv"
    SOURCE_DATE_EPOCH=1700000000 report s --questionnaire "$TMP/q"
    local all cover
    cover=$(page_text "$TMP/s/report.pdf" 1)
    grep -qF 設定ファイル発行協議会 <<<"$cover" || fail "the cover has no settings publisher: $cover"
    all=$(pdftotext -layout "$TMP/s/report.pdf" -)
    for want in "実施主体 *設定ファイル発行協議会" "調査対象 *道内の子ども・若者支援団体（設定から）" \
        "調査方法 *郵送とWebによる回答（設定から）"; do
        grep -qE "$want" <<<"$all" || fail "調査の概要 has no 「$want」"
    done
    grep -qF "Webアンケート（オンライン" <<<"$all" && fail "the default method text is still printed"
    SOURCE_DATE_EPOCH=1700000000 report o --questionnaire "$TMP/q" --publisher "上書き発行者"
    cover=$(page_text "$TMP/o/report.pdf" 1)
    grep -qF 上書き発行者 <<<"$cover" || fail "--publisher does not override the settings: $cover"
    grep -qF 設定ファイル発行協議会 <<<"$cover" && fail "the settings publisher is printed despite --publisher"
    echo "issuing_body,x" >> "$TMP/q/settings.csv"
    if "$BIN" report -o "$TMP/bad" --questionnaire "$TMP/q" "$FIXTURE" > "$TMP/bad.log" 2>&1; then
        fail "an unknown settings key was accepted"
    fi
    grep -q "issuing_body" "$TMP/bad.log" || fail "no message naming the unknown key: $(cat "$TMP/bad.log")"
    true
}

"case_$CASE"
