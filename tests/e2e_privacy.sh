#!/usr/bin/env bash
# e2e_privacy.sh — no respondent's name, organisation, e-mail or phone
# (Q1–Q4 of the export) appears in any output of any command, unless the
# user asks for organisation names explicitly (--reveal-names, organisation
# lists only).
#
# usage: bash tests/e2e_privacy.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
# Each `case_<name>()` is one ctest entry (tests/CMakeLists.txt).
#
# The personal values are taken from the export with python3's csv module
# (not with the code under test); organisation names are also checked by
# their core without the legal form (特定非営利活動法人 … → みんなの居間),
# which the masker removes from free text too. The fixture plants such data
# in free-text answers (its README lists where).
set -u

CASE=${1:?usage: e2e_privacy.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_privacy.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_privacy.sh CASE BINARY SOURCE_DIR}
EXPORT="$SRC/fixtures/hokkaido-2023/responses.csv"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e_privacy.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

fail() {
    printf 'FAIL e2e_privacy.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}

# Write the personal values (one per line) of columns Q1–Q4 to $TMP/personal.
personal_values() {
    python3 - "$EXPORT" > "$TMP/personal" <<'PY' || fail "cannot read the export"
import csv, re, sys, unicodedata
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
cols = [i for i, h in enumerate(rows[0]) if re.match(r"Q[1-4][.．]", unicodedata.normalize("NFKC", h))]
assert len(cols) == 4, cols
forms = r"^(特定非営利活動法人|NPO法人|ＮＰＯ法人|一般社団法人|社会福祉法人|公益財団法人|一般財団法人|任意団体|（特非）)"
seen = set()
for row in rows[1:]:
    for i in cols:
        v = row[i].strip()
        if len(v) >= 4:
            seen.add(v)
        core = re.sub(forms, "", v).strip(" \u3000")
        if len(core) >= 4:
            seen.add(core)
for v in sorted(seen):
    print(v)
PY
    [ "$(wc -l < "$TMP/personal")" -ge 150 ] || fail "too few personal values read"
}

# Fail if any personal value occurs in the files given.
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

case_text_commands() {
    personal_values
    local outs=()
    for fmt in text csv json; do
        "$BIN" tabulate --format "$fmt" "$EXPORT" > "$TMP/tabulate.$fmt" 2>>"$TMP/stderr" || fail "tabulate $fmt"
        "$BIN" flows --format "$fmt" "$EXPORT" > "$TMP/flows.$fmt" 2>>"$TMP/stderr" || fail "flows $fmt"
        "$BIN" flows --orgs --format "$fmt" "$EXPORT" > "$TMP/orgs.$fmt" 2>>"$TMP/stderr" || fail "flows --orgs $fmt"
        "$BIN" gap --format "$fmt" "$EXPORT" > "$TMP/gap.$fmt" 2>>"$TMP/stderr" || fail "gap $fmt"
        "$BIN" themes --format "$fmt" "$EXPORT" > "$TMP/themes.$fmt" 2>>"$TMP/stderr" || fail "themes $fmt"
        "$BIN" themes --quotes --format "$fmt" "$EXPORT" > "$TMP/quotes.$fmt" 2>>"$TMP/stderr" || fail "themes --quotes $fmt"
        outs+=("$TMP/tabulate.$fmt" "$TMP/flows.$fmt" "$TMP/orgs.$fmt" "$TMP/gap.$fmt" "$TMP/themes.$fmt" "$TMP/quotes.$fmt")
    done
    "$BIN" validate "$EXPORT" > "$TMP/validate.txt" 2>>"$TMP/stderr" || fail "validate"
    check_files "${outs[@]}" "$TMP/validate.txt" "$TMP/stderr"
    grep -q '［' "$TMP/quotes.csv" || fail "no masked token in the quotes: the planted personal data was not met"
}

case_charts() {
    personal_values
    "$BIN" charts -o "$TMP/charts" --format svg "$EXPORT" 2>"$TMP/stderr" || fail "charts"
    check_files "$TMP"/charts/*.svg "$TMP/stderr"
}

# The report: the PDF's text, every XML part of the workbook and every chart.
case_report() {
    personal_values
    "$BIN" report -o "$TMP/rep" "$EXPORT" 2>"$TMP/stderr" || fail "report"
    pdftotext "$TMP/rep/report.pdf" "$TMP/report.txt" || fail "pdftotext"
    mkdir -p "$TMP/xlsx" && (cd "$TMP/xlsx" && unzip -q "$TMP/rep/report.xlsx") || fail "unzip"
    check_files "$TMP/report.txt" $(find "$TMP/xlsx" -name '*.xml') "$TMP"/rep/charts/*.svg "$TMP/stderr"
    [ "$(stat -c %a "$TMP/rep/report.pdf")" != 600 ] || fail "mode 0600 without --reveal-names"
}

# Every free-text field of every response (and every "other" write-in)
# carries its own respondent's name, organisation, e-mail and phone and those
# of the next respondent: none of them may reach the report.
case_report_every_free_text_field() {
    python3 - "$EXPORT" "$TMP/planted.csv" <<'PY' || fail "cannot write the planted export"
import csv, re, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
head = rows[0]
personal = [next(i for i, h in enumerate(head) if h.startswith(f"Q{n}.")) for n in (1, 2, 3, 4)]
text_cols = [i for i, h in enumerate(head)
             if re.match(r"Q(5|21|23|27|38|39)[.-]|Q31-3", h)]
other_cols = [i for i, h in enumerate(head) if re.match(r"Q(6|7|8|9|10|12|30|32|34|35|36)\.", h)]
assert len(text_cols) >= 14, text_cols
data = rows[1:]
for k, row in enumerate(data):
    nxt = data[(k + 1) % len(data)]
    me = "、".join(row[i] for i in personal)
    them = "、".join(nxt[i] for i in personal)
    for i in text_cols:
        row[i] = f"担当の{me}まで。{them}とも連携。"
    for i in other_cols:
        row[i] = (row[i] + ", " if row[i] else "") + f"{row[personal[1]]}（{row[personal[3]]}）と協働"
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(rows)
PY
    EXPORT="$TMP/planted.csv"
    personal_values
    "$BIN" report -o "$TMP/rep" "$TMP/planted.csv" 2>"$TMP/stderr" || fail "report"
    pdftotext "$TMP/rep/report.pdf" "$TMP/report.txt" || fail "pdftotext"
    mkdir -p "$TMP/xlsx" && (cd "$TMP/xlsx" && unzip -q "$TMP/rep/report.xlsx") || fail "unzip"
    check_files "$TMP/report.txt" $(find "$TMP/xlsx" -name '*.xml') "$TMP"/rep/charts/*.svg "$TMP/stderr"
    grep -q '［氏名］' "$TMP/report.txt" || fail "no ［氏名］ in the report: were the planted texts printed at all?"
}

# --reveal-names: the documents holding the organisation lists are 0600.
case_report_reveal_names_mode_0600() {
    "$BIN" report --reveal-names -o "$TMP/rep" "$EXPORT" 2>/dev/null || fail "report --reveal-names"
    [ "$(stat -c %a "$TMP/rep/report.pdf")" = 600 ] || fail "report.pdf is not 0600"
    [ "$(stat -c %a "$TMP/rep/report.xlsx")" = 600 ] || fail "report.xlsx is not 0600"
}

# The reveal switch shows organisation names in the organisation lists, and
# nowhere else.
case_reveal_names_only_in_org_lists() {
    personal_values
    "$BIN" flows --orgs --reveal-names --format csv "$EXPORT" > "$TMP/orgs.csv" || fail "flows --orgs --reveal-names"
    python3 - "$EXPORT" "$TMP/orgs.csv" <<'PY' || fail "organisation names missing from the revealed lists"
import csv, sys, unicodedata
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
col = next(i for i, h in enumerate(rows[0]) if h.startswith("Q2."))
text = unicodedata.normalize("NFKC", open(sys.argv[2], encoding="utf-8").read())
names = {unicodedata.normalize("NFKC", r[col]).replace(" ", "") for r in rows[1:]}
found = sum(1 for n in names if n in text.replace(" ", ""))
sys.exit(0 if found >= len(names) // 2 else 1)
PY
    "$BIN" flows --format csv --reveal-names "$EXPORT" > /dev/null 2>&1 && fail "--reveal-names without --orgs must be refused"
    "$BIN" flows --format csv "$EXPORT" > "$TMP/flows.csv" || fail "flows"
    check_files "$TMP/flows.csv"
}

"case_$CASE"
