#!/usr/bin/env bash
# e2e_year2024.sh — nothing about the 2023 form is written into the program: with the 2024
# questionnaire (fixtures/hokkaido-2024/, README there) the 2024 export's tables, flows,
# themes, PDF and workbook are right for 2024, and settings that point at questions of the
# wrong kind stop the load naming settings.csv and the line.
#
# usage: bash tests/e2e_year2024.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
# Each `case_<name>()` is one ctest entry (tests/CMakeLists.txt).
#
# Expected numbers are computed here with python3 from the export and the questionnaire's
# CSV files (csv module, its own label splitting and number reading), never with the code
# under test. The report's text is checked by check_text, and case_checks_catch_2023 runs
# the same check on the 2023 report to show that it fails on 2023's wording.
set -u

CASE=${1:?usage: e2e_year2024.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_year2024.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_year2024.sh CASE BINARY SOURCE_DIR}
FIX="$SRC/fixtures/hokkaido-2024"
Q="$FIX/questionnaire"
EXPORT="$FIX/responses.csv"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e_year2024.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=1700000000 LC_ALL=C.UTF-8

fail() {
    printf 'FAIL e2e_year2024.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}

run() {  # the binary with the 2024 questionnaire; stdout to $1
    local out=$1; shift
    "$BIN" "$@" --questionnaire "$Q" "$EXPORT" > "$out" 2> "$TMP/stderr" || {
        cat "$TMP/stderr" >&2
        fail "npo-survey $* exited $?"
    }
}

# The 2024 report (PDF as text, workbook XML) into $TMP/r.
make_report() {
    "$BIN" report -o "$TMP/r" --questionnaire "$Q" "$EXPORT" 2> "$TMP/stderr" || {
        cat "$TMP/stderr" >&2
        fail "report exited $?"
    }
    pdftotext "$TMP/r/report.pdf" "$TMP/report.txt" || fail "pdftotext"
    unzip -p "$TMP/r/report.xlsx" 'xl/worksheets/*.xml' xl/sharedStrings.xml > "$TMP/book.xml" || fail "unzip"
}

# check_text FILE KIND: the sentences a 2024 report must have, and none of 2023's.
# KIND is pdf or xlsx. Prints every problem; exit status 1 when there is one.
check_text() {
    python3 - "$1" "$2" "$Q" <<'PY'
import csv, os, re, sys
path, kind, qdir = sys.argv[1:4]
text = open(path, encoding="utf-8").read()
flat = re.sub(r"\s+", "", text)            # pdftotext breaks lines inside sentences
bad = []
def need(s):
    if s not in flat:
        bad.append("missing: " + s)
def never(s):
    if s in flat:
        bad.append("2023 wording present: " + s)
common_need = ["Q37・Q38", "ヤングケアラー", "発達障害の疑い（グレーゾーン）"]
common_never = ["Q38・Q39", "Q39-1", "Q39-2", "Q39-3", "32項目", "（Q37）の評価理由", "提供可能な住居",
                "子ども食堂などの子どもの居場所（通いの場"]
if kind == "pdf":
    need_more = ["Q37・Q38の記述（63団体）", "自由回答（Q37・Q38）の課題を5つのテーマで分類すると",
                 "n=63（Q37・Q38に記入した団体）", "Q22の困りごと33項目を5つの分類にまとめ",
                 "全体（33項目）", "対象：33の困りごとすべて（上の5分類の合計）", "全2145件の回答（65団体×33項目）",
                 "困りごとの設問の33項目は、人間関係・心身の状態・環境の変化・家庭起因・その他の5分類", "図37（Q39）来年度の事業の予定"]
    never_more = ["発達障害グレーゾーン、", "（Q38-1）（Q39", "Q27-1.1部屋の広さ"]
else:
    need_more = ["課題テーマ別の記述（Q37・Q38）", "n=63（Q37・Q38に記入した団体）", "前問（Q36）の評価理由"]
    never_more = ["<t>発達障害グレーゾーン</t>"]
for s in common_need + need_more:
    need(s)
for s in common_never + never_more:
    never(s)
if kind == "pdf":
    # every figure caption "図N（Qn）title…" starts with the 2024 title of Qn
    titles = {}
    for r in csv.DictReader(open(os.path.join(qdir, "survey.csv"), encoding="utf-8")):
        if not r["item"]:
            titles[int(r["number"])] = re.sub(r"\s+", "", r["title"])
    captions = re.findall(r"図\d+（Q(\d+)）(\S+)", text)
    if len(captions) < 30:
        bad.append("only %d question figure captions found" % len(captions))
    for n, cap in captions:
        t = titles.get(int(n), "")
        if not t or not (cap.startswith(t[:12]) or t.startswith(cap)):
            bad.append("caption of Q%s is %r, the 2024 title is %r" % (n, cap, t))
    # the free-text section lists 2024's free-text questions, headed by their 2024 titles
    for n in (21, 23, 26, 30):
        if not re.search(r"^Q%d　" % n, text, re.M) and ("Q%d" % n + titles[n]) not in flat:
            bad.append("free-text heading of Q%d missing" % n)
for b in bad:
    print("  " + b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}

case_fixture_is_generated() {
    python3 "$FIX/make_2024.py" "$TMP/responses.csv" || fail "make_2024.py failed"
    cmp -s "$TMP/responses.csv" "$EXPORT" || fail "responses.csv is not make_2024.py's output: rerun it"
}

# Q6 (a reworded and an added option), Q16 (new bins) and the new Q39, computed here.
case_tables() {
    run "$TMP/tab.csv" tabulate --format csv
    python3 - "$EXPORT" "$Q" "$TMP/tab.csv" <<'PY' || fail "tables differ from the export's (above)"
import csv, os, re, sys, unicodedata
from decimal import Decimal, ROUND_HALF_UP
export, qdir, got_path = sys.argv[1:4]
rows = list(csv.reader(open(export, encoding="utf-8")))
head, data = rows[0], rows[1:]
lists, bins = {}, {}
for r in csv.DictReader(open(os.path.join(qdir, "choices.csv"), encoding="utf-8")):
    lists.setdefault(r["list_name"], []).append(r["label"])
for r in csv.DictReader(open(os.path.join(qdir, "bins.csv"), encoding="utf-8")):
    bins.setdefault(r["bin_set"], []).append((r["label"], r["interval"]))
def col(prefix):
    return [i for i, h in enumerate(head) if h.startswith(prefix)][0]
def pct(c):
    return str((Decimal(c) * 100 / len(data)).quantize(Decimal("0.1"), ROUND_HALF_UP))
expect = []
# Q6: labels longest first; what is left is the その他 write-in
q6 = lists["q6"]
counts = [0] * len(q6)
for r in data:
    cell = r[col("Q6. ")]
    for i, label in sorted(enumerate(q6), key=lambda x: -len(x[1])):
        if label != "その他" and (cell == label or cell.startswith(label + ", ") or (", " + label) in cell):
            counts[i] += 1
            cell = cell.replace(label, "", 1)
    if cell.strip(", "):
        counts[q6.index("その他")] += 1
expect += [("Q6", str(i + 1), q6[i], str(c)) for i, c in enumerate(counts)]
# Q16: numbers (約, 人/名 stripped, a～b midpoint rounded half up) over the 2024 bins
def number(s):
    s = unicodedata.normalize("NFKC", s).replace("約", "").rstrip("人名")
    m = re.fullmatch(r"(\d+)[～~](\d+)", s)
    if m:
        return int(((Decimal(m.group(1)) + Decimal(m.group(2))) / 2).quantize(Decimal("1"), ROUND_HALF_UP))
    return int(s) if s.isdigit() else None
users = bins["users"]
bcount = [0] * len(users)
for r in data:
    v = number(r[col("Q16. ")])
    for i, (label, iv) in enumerate(users):
        lo, hi = iv[1:-1].split(",")
        above = v is not None and (v >= float(lo) if iv[0] == "[" else v > float(lo))
        below = v is not None and (hi == "" or (v <= float(hi) if iv[-1] == "]" else v < float(hi)))
        if above and below:
            bcount[i] += 1
            break
expect += [("Q16", str(i + 1), users[i][0], str(c)) for i, c in enumerate(bcount)]
q39 = lists["q39"]
expect += [("Q39", str(i + 1), lab, str(sum(r[col("Q39. ")] == lab for r in data))) for i, lab in enumerate(q39)]
got = {(r["question"], r["option_index"]): r for r in csv.DictReader(open(got_path, encoding="utf-8"))}
bad = 0
for q, i, label, count in expect:
    g = got.get((q, i))
    if not g or g["option"] != label or g["count"] != count or g["percent"] != pct(int(count)):
        print("  %s option %s %s: expected %s, got %s" % (q, i, label, count, g and (g["option"], g["count"])),
              file=sys.stderr)
        bad += 1
if len(expect) != 11 + 9 + 4:
    print("  expected 24 rows, computed %d" % len(expect), file=sys.stderr)
    bad += 1
sys.exit(1 if bad else 0)
PY
}

# The flows of 33 troubles in five categories, every node of every category, computed here.
case_flows() {
    run "$TMP/flows.csv" flows --format csv
    python3 - "$EXPORT" "$Q" "$TMP/flows.csv" <<'PY' || fail "flows differ from the export's (above)"
import csv, os, sys
export, qdir, got_path = sys.argv[1:4]
rows = list(csv.reader(open(export, encoding="utf-8")))
head, data = rows[0], rows[1:]
handling = [r["label"] for r in csv.DictReader(open(os.path.join(qdir, "choices.csv"), encoding="utf-8"))
            if r["list_name"] == "handling"]
cats = {}
for r in csv.DictReader(open(os.path.join(qdir, "troubles.csv"), encoding="utf-8")):
    cats.setdefault(r["category"], []).append(r["trouble"])
assert sum(len(t) for t in cats.values()) == 33 and len(cats) == 5, "troubles.csv: 33 troubles in 5 categories"
def column(trouble):
    c = [i for i, h in enumerate(head) if h.startswith("Q22. ") and h.endswith("[%s]" % trouble)]
    assert len(c) == 1, trouble
    return c[0]
def flows(troubles):
    codes = [handling.index(r[column(t)]) + 1 if r[column(t)] else None for t in troubles for r in data]
    c = {k: codes.count(k) for k in (1, 2, 3, 4, 5, None)}
    return {"全回答": len(codes), "把握している": c[1] + c[2] + c[3] + c[4], "対応する意向あり": c[1] + c[2] + c[3],
            "対応できている": c[1] + c[2], "自団体で対応": c[1], "他団体と連携して対応": c[2], "取り組み中": c[3],
            "対応予定なし": c[4], "把握していない": c[5], "無回答": c[None]}
expect = {name: flows(ts) for name, ts in cats.items()}
expect["全体"] = flows([t for ts in cats.values() for t in ts])
assert expect["全体"]["全回答"] == 33 * len(data)
got = {}
for r in csv.DictReader(open(got_path, encoding="utf-8")):
    got.setdefault(r["category"], {})[r["node"]] = int(r["count"])
bad = [(c, n, v, got.get(c, {}).get(n)) for c in expect for n, v in expect[c].items() if got.get(c, {}).get(n) != v]
bad += [(c, "category not expected") for c in got if c not in expect]
for b in bad:
    print("  %s" % (b,), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}

# The themes are coded from 2024's Q37 and Q38 only; the respondents are those who wrote there.
case_themes() {
    run "$TMP/themes.csv" themes --quotes --format csv
    python3 - "$EXPORT" "$TMP/themes.csv" <<'PY' || fail "themes are not over Q37・Q38 (above)"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
head, data = rows[0], rows[1:]
cols = [i for i, h in enumerate(head) if h.startswith(("Q37. ", "Q38-"))]
assert len(cols) == 4, cols
writers = sum(1 for r in data if any(r[i].strip() for i in cols))
text = open(sys.argv[2], encoding="utf-8").read()
qs = set()
for r in csv.reader(text.splitlines()):
    qs.update(c for c in r if c in ("Q36", "Q37", "Q38", "Q39"))
bad = []
if qs != {"Q37", "Q38"}:
    bad.append("questions quoted: %s" % sorted(qs))
if writers != 63:
    bad.append("organisations writing in Q37/Q38: %d (the fixture has 63)" % writers)
for b in bad:
    print("  " + b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
    run "$TMP/themes.txt" themes --format text
    grep -q "from 63 organisations" "$TMP/themes.txt" || fail "themes: not 63 organisations: $(head -1 "$TMP/themes.txt")"
}

case_report_pdf() {
    make_report
    check_text "$TMP/report.txt" pdf || fail "the PDF's text is not right for 2024 (above)"
}

case_report_xlsx() {
    make_report
    check_text "$TMP/book.xml" xlsx || fail "the workbook's text is not right for 2024 (above)"
    unzip -p "$TMP/r/report.xlsx" xl/workbook.xml | grep -q 'name="Q39"' || fail "no sheet for the new Q39"
}

# The same checks fail on the 2023 report: they would catch 2023's wording.
case_checks_catch_2023() {
    "$BIN" report -o "$TMP/r23" "$SRC/fixtures/hokkaido-2023/responses.csv" 2> "$TMP/stderr" || fail "2023 report"
    pdftotext "$TMP/r23/report.pdf" "$TMP/r23.txt" || fail "pdftotext"
    check_text "$TMP/r23.txt" pdf 2> "$TMP/why" && fail "the 2024 checks pass on the 2023 PDF"
    grep -q "2023 wording present: Q38・Q39" "$TMP/why" || fail "Q38・Q39 not caught: $(cat "$TMP/why")"
    grep -q "2023 wording present: 32項目" "$TMP/why" || fail "32項目 not caught"
    unzip -p "$TMP/r23/report.xlsx" 'xl/worksheets/*.xml' xl/sharedStrings.xml > "$TMP/book23.xml" || fail "unzip"
    check_text "$TMP/book23.xml" xlsx 2> "$TMP/why" && fail "the 2024 checks pass on the 2023 workbook"
    grep -q "2023 wording present: Q38・Q39" "$TMP/why" || fail "Q38・Q39 not caught in the workbook"
}

# The realistic mistake: the 2024 folder with 2023's settings.csv. Q39 is now a closed
# question: loading stops at settings.csv's theme_questions line, saying what fits.
case_settings_of_2023_rejected() {
    cp -r "$Q" "$TMP/q" && cp "$SRC/questionnaire/settings.csv" "$TMP/q/settings.csv" || fail "copy"
    local line
    line=$(grep -n '^theme_questions,' "$TMP/q/settings.csv" | cut -d: -f1)
    "$BIN" tabulate --questionnaire "$TMP/q" "$EXPORT" > /dev/null 2> "$TMP/err"
    [ $? -eq 1 ] || fail "exit status $? (expected 1)"
    grep -q "settings.csv: line $line: theme_questions: Q39 is a select_one question without a text field" "$TMP/err" ||
        fail "message: $(cat "$TMP/err")"
    grep -q "name text questions or groups with text items" "$TMP/err" || fail "no fix in: $(cat "$TMP/err")"
    # fixed, the next wrong line is named: Q27 is now a group of numbers
    sed -i 's/^theme_questions,.*/theme_questions,37 38/' "$TMP/q/settings.csv"
    line=$(grep -n '^free_text_questions,' "$TMP/q/settings.csv" | cut -d: -f1)
    "$BIN" tabulate --questionnaire "$TMP/q" "$EXPORT" > /dev/null 2> "$TMP/err"
    [ $? -eq 1 ] || fail "exit status $? with free_text_questions 27 (expected 1)"
    grep -q "settings.csv: line $line: free_text_questions: Q27 is a group question with neither a text field nor an その他 write-in" \
        "$TMP/err" || fail "message: $(cat "$TMP/err")"
}

# Settings naming the wrong kind of question each fail with settings.csv and the line.
case_settings_wrong_kind() {
    local key value message line
    while IFS='|' read -r key value message; do
        cp -r "$Q" "$TMP/q-$key" || fail "copy"
        sed -i "s/^$key,.*/$key,$value/" "$TMP/q-$key/settings.csv"
        line=$(grep -n "^$key," "$TMP/q-$key/settings.csv" | cut -d: -f1)
        "$BIN" tabulate --questionnaire "$TMP/q-$key" "$EXPORT" > /dev/null 2> "$TMP/err"
        [ $? -eq 1 ] || fail "$key,$value: exit status $? (expected 1)"
        grep -q "settings.csv: line $line: $key: $message" "$TMP/err" || fail "$key,$value: $(cat "$TMP/err")"
    done <<'EOF'
troubles_question|39|Q39 is a select_one question, not a matrix
gap_users_question|37|Q37 is a text question without a number field
gap_business_questions|6 7 39|Q39 is a select_one question, not a select_multiple
organisation_question|1|Q1 is not marked personal=organisation
email_question|4|Q4 is not marked personal=email
free_text_questions|21 2|Q2 holds personal data
EOF
}

"case_$CASE"
