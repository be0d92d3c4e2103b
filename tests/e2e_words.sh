#!/usr/bin/env bash
# e2e_words.sh — what the report SAYS (issue 15): the 主な結果 by theme with its derived
# counts, the prose rules of docs/commentary.md, the selection method and its candidate
# list, and the themes' exclusions and paragraphs, checked over pdftotext for the 2023
# fixture and the 2024 one.
#
# usage: bash tests/e2e_words.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
# Expected counts are computed here with python3 from the export (csv module, its own
# number reading), never with the code under test.
set -u

CASE=${1:?usage: e2e_words.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_words.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_words.sh CASE BINARY SOURCE_DIR}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e_words.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=1700000000 LC_ALL=C.UTF-8
E23="$SRC/fixtures/hokkaido-2023/responses.csv"
E24="$SRC/fixtures/hokkaido-2024/responses.csv"
Q24="$SRC/fixtures/hokkaido-2024/questionnaire"

fail() {
    printf 'FAIL e2e_words.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}

report() {  # report DIR EXPORT [args…]: the PDF as text in DIR/report.txt
    local dir=$1 export=$2; shift 2
    "$BIN" report -o "$dir" "$@" "$export" 2> "$TMP/stderr" || { cat "$TMP/stderr" >&2; fail "report exited $?"; }
    pdftotext "$dir/report.pdf" "$dir/report.txt" || fail "pdftotext"
}

# findings EXPORT TEXT: six themes in order in 主な結果, and the derived counts equal
# those computed from the export.
check_findings() {
    python3 - "$1" "$2" <<'PY' || fail "findings (above)"
import csv, re, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
head, data = rows[0], rows[1:]
flat = re.sub(r"\s+", "", open(sys.argv[2], encoding="utf-8").read())
bad = []
start = flat.find("主な結果回答団体数は")
end = flat.find("設問別の結果", start)
summary = flat[start:end]
themes = ["活動・事業", "相談支援", "団体規模と利用者", "困りごとへの対応", "他機関との連携", "課題"]
pos = [summary.find("【%s】" % t) for t in themes]
if start < 0 or -1 in pos or pos != sorted(pos):
    bad.append("the six themes are not all in 主な結果, in order: %s" % pos)
def col(prefix, word):
    return [i for i, h in enumerate(head) if h.startswith(prefix) and word in h][0]
def number(s):
    s = s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    m = re.findall(r"\d+(?:\.\d+)?", s)
    if not m:
        return None
    v = sum(float(x) for x in m[:2]) / len(m[:2])  # a range 5～10: its middle
    return v * 10 if "割" in s else v
n = len(data)
cont = sum(1 for r in data if (number(r[col("Q17-2", "継続的")]) or 0) > 80)
core = sum(1 for r in data if (number(r[col("Q18-4", "コアスタッフ")]) or 0) >= 1)
q26 = col("Q26", "住まい")
house = sum(1 for r in data if r[q26].strip() not in ("", "受入不可"))
for what, k in (("8割を超えると回答した団体は", cont), ("1人以上いると回答した団体は", core),
                ("住まいを提供できる団体は", house)):
    want = "%s%d団体中%d団体である" % (what, n, k)
    if want not in summary:
        bad.append("missing: " + want)
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
}

# The prose rules over the sentences the helpers of docs/commentary.md write: 主な結果,
# the commentary under the questions, the flows readings and the theme paragraphs.
check_prose() {
    python3 - "$1" <<'PY' || fail "prose rules (above)"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
flat = re.sub(r"\s+", "", text)
bad = []
def sentences(part):
    return [s for s in part.split("。") if s]
parts = []
s = flat.find("主な結果回答団体数は"); parts.append(flat[s:flat.find("設問別の結果", s)])
parts += re.findall(r"「[^「」]+」では、回答の[^。]+。[^。]*。", flat)
parts += re.findall(r"「[^「」]+」に当たる記述は[^。]+。(?:例えば[^。]+。)?", flat)
# commentary sentences under the questions: they end with the commentary's verbs
# (a match that runs into the form's question text or a legend is left to test_commentary,
# which holds every commentary sentence of the fixture exactly)
parts += [p for p in re.findall(r"[^。図表]*(?:となっている|が最も多い|を超えている|と最も多い)。", flat)
          if "設問：" not in p and "見出しの記号" not in p]
for part in parts:
    for s in sentences(part):
        if "±" in s:
            continue
        if re.search(r"\d割", s) and re.search(r"\d\.\d%", s):
            bad.append("割 and % in one sentence: " + s[:120])
        if re.search(r"[０-９]", s):
            bad.append("full-width digit: " + s[:120])
        if "〇" in s:
            bad.append("form placeholder: " + s[:120])
        if "1/4" in s or "3/4" in s:
            bad.append("a third number style: " + s[:120])
for word in ("パーセンタイル", "npo-survey", "responses.csv", "選定方法の手順", "docs/"):
    for part in parts:
        if word in part:
            bad.append("tool word or jargon %s in: %s" % (word, part[:80]))
if len(parts) < 20:
    bad.append("too few sentences found (%d): the text changed shape" % len(parts))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
}

case_findings_2023() {
    report "$TMP/r" "$E23"
    check_findings "$E23" "$TMP/r/report.txt"
}

case_findings_2024() {
    report "$TMP/r" "$E24" --questionnaire "$Q24"
    check_findings "$E24" "$TMP/r/report.txt"
}

case_prose_rules_2023() {
    report "$TMP/r" "$E23"
    check_prose "$TMP/r/report.txt"
}

case_prose_rules_2024() {
    report "$TMP/r" "$E24" --questionnaire "$Q24"
    check_prose "$TMP/r/report.txt"
}

# Steps 1–4 are explained; each category is read; a category stands out exactly when its
# 把握していない share is 5 points or more above the whole (shares from the flows output);
# the candidate list names as many organisations as it says, by id, and names them only
# with --reveal-names.
case_selection_method() {
    report "$TMP/r" "$E23"
    report "$TMP/n" "$E23" --reveal-names
    "$BIN" flows --format csv "$E23" > "$TMP/flows.csv" 2>/dev/null || fail "flows"
    "$BIN" flows --orgs --reveal-names --format csv "$E23" > "$TMP/orgs.csv" 2>/dev/null || fail "flows --orgs"
    python3 - "$TMP/r/report.txt" "$TMP/n/report.txt" "$TMP/flows.csv" "$TMP/orgs.csv" <<'PY' || fail "selection method (above)"
import csv, re, sys
flat = re.sub(r"\s+", "", open(sys.argv[1], encoding="utf-8").read())
named = re.sub(r"\s+", "", open(sys.argv[2], encoding="utf-8").read())
bad = []
for step in ("手順1", "手順2", "手順3", "手順4"):
    if step not in flat:
        bad.append("missing " + step)
unknown = {r["category"]: float(r["percent"]) for r in csv.DictReader(open(sys.argv[3], encoding="utf-8-sig"))
           if r["node"] == "把握していない"}
whole = unknown.pop("全体")
standing = [c for c, p in unknown.items() if round(p - whole, 1) >= 5.0]
if not standing:
    bad.append("the fixture should have standing-out categories")
for c, p in unknown.items():
    m = re.search("「%s」では、回答の([0-9.]+)%%が「把握していない」で、([^。]+)。" % re.escape(c), flat)
    if not m:
        bad.append("no reading of " + c)
        continue
    if abs(float(m.group(1)) - p) > 0.05:
        bad.append("%s: %s%% in the text, %.1f%% in the flows" % (c, m.group(1), p))
    if ("把握されにくい" in m.group(2)) != (c in standing):
        bad.append("%s: stands out wrongly: %s" % (c, m.group(2)))
if "今回は" + "".join("「%s」" % c for c in standing) + "の%d分類が当たる" % len(standing) not in flat:
    bad.append("step 3 does not name the standing-out categories " + str(standing))
m = re.search(r"印の付いた事業を行う(\d+)団体を、ヒアリングの候補として示す", flat)
if not m:
    bad.append("no candidate list")
else:
    section = flat[m.end():]
    ids = re.findall(r"R\d{3}(?=人間関係|心身の状態|環境の変化|家庭起因|その他)", section)
    if len(ids) != int(m.group(1)):
        bad.append("the list has %d rows, the sentence says %s" % (len(ids), m.group(1)))
    names = {}
    for r in csv.DictReader(open(sys.argv[4], encoding="utf-8-sig")):
        if r.get("name"):
            names[r["org"]] = re.sub(r"\s+", "", r["name"])
    for i in ids:
        if i in names and names[i] and names[i] in flat:
            bad.append("a name without --reveal-names: " + i)
        if i in names and names[i] and (i + names[i]) not in named:
            bad.append("no name next to %s with --reveal-names" % i)
start = flat.find("困りごとへの対応状況Q")
chapters = flat[start:flat.find("付録1", start)]  # flows, gap, free text
if start < 0 or len(chapters) < 1000:
    bad.append("the flows chapter was not found")
for word in ("パーセンタイル", "npo-survey", "コマンド", ".csv"):
    if word in chapters:
        bad.append("jargon or tool word: " + word)
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
}

# The themes: what each question asked, the unclassified count, one paragraph per theme,
# and the exclusions of themes.csv honoured (a 連携 quote has 連携 outside 農福連携 …).
case_themes() {
    report "$TMP/r" "$E23"
    "$BIN" themes --quotes --format csv "$E23" > "$TMP/themes.csv" 2>/dev/null || fail "themes"
    "$BIN" themes "$E23" > "$TMP/themes.txt" 2>/dev/null || fail "themes text"
    python3 - "$TMP/r/report.txt" "$TMP/themes.csv" "$TMP/themes.txt" "$SRC/questionnaire/themes.csv" <<'PY' || fail "themes (above)"
import csv, re, sys, unicodedata
flat = re.sub(r"\s+", "", open(sys.argv[1], encoding="utf-8").read())
bad = []
for q in ("Q38は「上記の通り回答した理由を教えてください」", "Q39は「貴団体で孤立・孤独対策に新たに取り組みたいことはありますか？」"):
    if q not in flat:
        bad.append("missing what was asked: " + q)
m = re.search(r"（分類なし）\s+(\d+) texts", open(sys.argv[3], encoding="utf-8").read())
if not m or "どのテーマにも当たらない記述は%s件" % m.group(1) not in flat:
    bad.append("unclassified count not said")
kw, ex = {}, {}
for r in csv.DictReader(open(sys.argv[4], encoding="utf-8")):
    k = unicodedata.normalize("NFKC", r["keyword"])
    (ex if k.startswith("!") else kw).setdefault(r["theme"], []).append(k.lstrip("!").lower())
for t in kw:
    if "「%s」に当たる記述は" % t not in flat:
        bad.append("no paragraph for " + t)
quotes = list(csv.DictReader(open(sys.argv[2], encoding="utf-8-sig")))
for r in quotes:
    t = r["theme"]
    if t not in kw:
        continue
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", r["text"])).lower()
    for e in ex.get(t, []):
        text = text.replace(e, "\x01")
    if not any(k in text for k in kw[t]):
        bad.append("%s counted only through an exclusion: %s" % (t, r["text"][:60]))
if not any("農福連携" in r["text"] for r in quotes if r["theme"] == "（分類なし）"):
    bad.append("農福連携 alone should stay unclassified")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
}

"case_$CASE"
