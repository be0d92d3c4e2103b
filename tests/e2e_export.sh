#!/usr/bin/env bash
# e2e_export.sh — `npo-survey export` (docs/export.md): the .sav opened in GNU
# PSPP gives the same frequencies as `tabulate` for every closed question;
# the CSV has its BOM, the codebook's names and the codes; names are valid
# and unique for the shipped questionnaire and a changed one; no personal
# data reaches any file; the same export gives the same bytes.
#
# usage: bash tests/e2e_export.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
# Each `case_<name>()` is one ctest entry (tests/CMakeLists.txt). The .dta
# is read back by ReadStat's parser in tests/test_export.c (PSPP reads no
# .dta).
set -u

CASE=${1:?usage: e2e_export.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_export.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_export.sh CASE BINARY SOURCE_DIR}
EXPORT="$SRC/fixtures/hokkaido-2023/responses.csv"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e_export.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

fail() {
    printf 'FAIL e2e_export.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}

# Compare PSPP's FREQUENCIES of every coded variable of a .sav with the
# tabulate CSV, through codebook.csv: $1 sav, $2 codebook, $3 tabulate csv.
compare_with_pspp() {
    python3 - "$1" "$2" "$3" "$TMP" <<'PY' || fail "PSPP's frequencies differ from tabulate (see above)"
import csv, subprocess, sys, collections
sav, codebook, tab, tmp = sys.argv[1:5]
rows = list(csv.DictReader(open(codebook, encoding="utf-8-sig")))
var = {}
for r in rows:
    if r["type"]:
        var[r["name"]] = r
coded = [n for n, r in var.items() if r["role"] in ("choice", "rating", "option", "bin")]
assert len(coded) > 200, len(coded)
syntax = f"{tmp}/freq.sps"
with open(syntax, "w", encoding="utf-8") as f:
    f.write("SET TVARS=NAMES TNUMBERS=VALUES.\n")
    f.write(f"GET FILE='{sav}'.\n")
    for i in range(0, len(coded), 50):
        f.write("FREQUENCIES /VARIABLES=" + " ".join(coded[i:i + 50]) + " /STATISTICS=NONE.\n")
out = subprocess.run(["pspp", "-O", "format=csv", "-o", f"{tmp}/freq.csv", syntax],
                     capture_output=True, text=True)
if out.returncode != 0:
    print(out.stdout, out.stderr, file=sys.stderr)
    sys.exit(1)
# PSPP's tables: "Table: <name>" then Valid/Missing rows: value, frequency.
freq = collections.defaultdict(dict)   # name -> {value or ".": count}
current = None
section = None
for line in csv.reader(open(f"{tmp}/freq.csv", encoding="utf-8")):
    if not line:
        current = None
        continue
    if len(line) == 1 and line[0].startswith("Table: "):
        name = line[0][7:]
        current = name if name in var else None
        continue
    if current and len(line) >= 3 and line[0] in ("Valid", "Missing", ""):
        if line[0]:
            section = line[0]
        if line[1] == "":
            continue
        value = "." if section == "Missing" else str(int(float(line[1])))
        freq[current][value] = freq[current].get(value, 0) + int(line[2])
missing = [n for n in coded if n not in freq]
if missing:
    print("PSPP printed no table for", missing[:10], file=sys.stderr)
    sys.exit(1)
by_source = collections.defaultdict(list)
for n, r in var.items():
    by_source[r["source"]].append(r)
bad = compared = 0
questions = set()
for t in csv.DictReader(open(tab, encoding="utf-8")):
    source = t["question"] + ("-" + t["item_index"] if t["item_index"] else "")
    cands = by_source.get(source)
    if not cands:
        print("no variable for", source, file=sys.stderr); bad += 1; continue
    roles = {r["role"] for r in cands}
    want = int(t["count"])
    if "option" in roles:
        opts = [r for r in cands if r["role"] == "option"]
        if t["option_index"]:
            r = next(r for r in opts if r["option"] == t["option_index"])
            got = freq[r["name"]].get("1", 0)
        else:
            got = freq[opts[0]["name"]].get(".", 0)
    else:
        r = next(r for r in cands if r["role"] in ("choice", "rating", "bin"))
        got = freq[r["name"]].get(t["option_index"] or ".", 0)
    compared += 1
    questions.add(t["question"])
    if got != want:
        bad += 1
        print(f"{source} option {t['option_index'] or '無回答'}: PSPP {got}, tabulate {want}", file=sys.stderr)
print(f"{compared} counts of {len(questions)} questions compared", file=sys.stderr)
sys.exit(1 if bad or compared < 500 else 0)
PY
}

case_pspp_frequencies_match_tabulate() {
    command -v pspp >/dev/null || fail "pspp is not installed (scripts/setup-debian.sh)"
    "$BIN" export --format sav -o "$TMP/out/data.sav" "$EXPORT" 2>"$TMP/stderr" || fail "export sav: $(cat "$TMP/stderr")"
    "$BIN" tabulate --format csv "$EXPORT" > "$TMP/tab.csv" 2>/dev/null || fail "tabulate"
    compare_with_pspp "$TMP/out/data.sav" "$TMP/out/codebook.csv" "$TMP/tab.csv"
}

# The duplicates variant: de-duplicated as tabulate does, and with --keep-duplicates.
case_pspp_frequencies_duplicates() {
    local dup="$SRC/fixtures/variants/duplicates_out_of_order.csv"
    for keep in "" --keep-duplicates; do
        rm -rf "$TMP/out"
        "$BIN" export $keep -o "$TMP/out/data.sav" "$dup" 2>/dev/null || fail "export $keep"
        "$BIN" tabulate $keep --format csv "$dup" > "$TMP/tab.csv" 2>/dev/null || fail "tabulate $keep"
        compare_with_pspp "$TMP/out/data.sav" "$TMP/out/codebook.csv" "$TMP/tab.csv"
    done
}

# Variable labels and value labels in Japanese, and the measurement levels.
case_pspp_labels() {
    "$BIN" export -o "$TMP/d.sav" "$EXPORT" 2>/dev/null || fail "export"
    printf "GET FILE='%s'.\nDISPLAY DICTIONARY /VARIABLES=id q6_3 q13_1 q13_1_bin q22_1.\n" "$TMP/d.sav" > "$TMP/d.sps"
    pspp -O format=csv "$TMP/d.sps" > "$TMP/dict.csv" 2>&1 || fail "pspp: $(cat "$TMP/dict.csv")"
    grep -q '^q6_3,.*子ども食堂.*,Nominal,' "$TMP/dict.csv" || fail "q6_3's label or level"
    grep -q '^q13_1,.*役員.*,Scale,' "$TMP/dict.csv" || fail "q13_1's label or level"
    grep -q '^q13_1_bin,.*,Ordinal,' "$TMP/dict.csv" || fail "q13_1_bin's level"
    grep -q '^q22_1,.*いじめ（学校）.*,Ordinal,' "$TMP/dict.csv" || fail "q22_1's label or level"
    grep -q ',1,選択$' "$TMP/dict.csv" || fail "the 0/1 value labels"
    grep -q ',2,1～5人$' "$TMP/dict.csv" || fail "the bin value labels"
    grep -q ',2,他団体と連携することによって対応できている$' "$TMP/dict.csv" || fail "the matrix value labels"
}

case_csv_bom_names_and_codes() {
    "$BIN" export --format csv -o "$TMP/out/data.csv" "$EXPORT" 2>/dev/null || fail "export csv"
    [ "$(head -c 3 "$TMP/out/data.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no UTF-8 BOM"
    [ "$(head -c 3 "$TMP/out/codebook.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "codebook.csv: no UTF-8 BOM"
    "$BIN" tabulate --format csv "$EXPORT" > "$TMP/tab.csv" 2>/dev/null || fail "tabulate"
    python3 - "$TMP/out/data.csv" "$TMP/out/codebook.csv" "$TMP/tab.csv" <<'PY' || fail "the CSV's names or codes (see above)"
import csv, sys
data = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
book = [r for r in csv.DictReader(open(sys.argv[2], encoding="utf-8-sig")) if r["type"]]
assert data[0] == [r["name"] for r in book], "header is not the codebook's names"
assert data[0][0] == "id" and data[1][0] == "R001", data[1][:2]
assert len(data) == 1 + 65, len(data)
assert all(len(r) == len(data[0]) for r in data), "ragged rows"
col = {n: i for i, n in enumerate(data[0])}
def count(name, value):
    return sum(1 for r in data[1:] if r[col[name]] == value)
tab = {(t["question"], t["item_index"], t["option_index"]): int(t["count"])
       for t in csv.DictReader(open(sys.argv[3], encoding="utf-8"))}
checks = [("q6_3", "1", ("Q6", "", "3")), ("q22_1", "2", ("Q22", "1", "2")),
          ("q13_1_bin", "2", ("Q13", "1", "2")), ("q37", "10", ("Q37", "", "10")),
          ("q22_1", "", ("Q22", "1", ""))]
for name, value, key in checks:
    assert count(name, value) == tab[key], (name, value, count(name, value), tab[key])
codes = {r[col["q22_1"]] for r in data[1:]}
assert codes <= {"", "1", "2", "3", "4", "5"}, codes
PY
}

# A text that Excel would take for a formula gets a leading apostrophe in the CSV.
case_csv_formula_text_guarded() {
    python3 - "$EXPORT" "$TMP/f.csv" <<'PY' || fail "cannot write the export"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
i = next(i for i, h in enumerate(rows[0]) if h.startswith("Q5."))
rows[1][i] = "=1+1"
rows[2][i] = "-2+3"
rows[3][i] = "子ども=未来"
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(rows)
PY
    "$BIN" export -o "$TMP/f/d.csv" "$TMP/f.csv" 2>/dev/null || fail "export"
    python3 - "$TMP/f/d.csv" <<'PY' || fail "formula-like text not guarded (see above)"
import csv, sys
data = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
col = data[0].index("q5")
got = [data[k][col] for k in (1, 2, 3)]
assert got == ["'=1+1", "'-2+3", "子ども=未来"], got
PY
}

# Valid, unique names (SPSS and Stata) for the shipped questionnaire and a
# changed one: a 33-row matrix with 300-character rows, a 3,000-character
# question, a 3-digit question number (the largest); PSPP opens the result.
case_names_valid_and_unique() {
    cp -r "$SRC/questionnaire" "$TMP/q"
    python3 - "$TMP/q" <<'PY' || fail "cannot change the questionnaire"
import sys
d = sys.argv[1]
with open(f"{d}/survey.csv", "a", encoding="utf-8") as f:
    f.write(f"40,,matrix,handling,,,,{'長い設問文' * 600},長い行のマトリクス,,\n")
    for i in range(1, 34):
        f.write(f"40,{i},,,,,,{'行ラベル' * 75}{i},,,\n")
    f.write(f"999,,select_multiple,q6,,,,{'とても長い選択式の設問' * 30},長い番号,,\n")
PY
    "$BIN" export --questionnaire "$TMP/q" -o "$TMP/c.sav" "$EXPORT" 2>"$TMP/stderr" || fail "export: $(cat "$TMP/stderr")"
    "$BIN" export --questionnaire "$TMP/q" --format dta -o "$TMP/d/c.dta" "$EXPORT" 2>"$TMP/stderr" || fail "export dta: $(cat "$TMP/stderr")"
    "$BIN" export -o "$TMP/s/s.csv" "$EXPORT" 2>/dev/null || fail "export shipped"
    for cb in "$TMP/codebook.csv" "$TMP/s/codebook.csv"; do
        python3 - "$cb" <<'PY' || fail "names in $cb (see above)"
import csv, re, sys
names = [r["name"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")) if r["type"]]
reserved = {"all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with",
            "_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long",
            "_n", "_pi", "_pred", "_rc", "_skip", "strl", "using"}
bad = [n for n in names if not re.fullmatch(r"[a-z][a-z0-9_]{0,31}", n) or n in reserved]
assert not bad, bad
low = [n.lower() for n in names]
assert len(set(low)) == len(low), "duplicate names"
print(len(names), "names", file=sys.stderr)
PY
    done
    grep -q '^q40_33,' "$TMP/codebook.csv" || fail "no q40_33 for row 33"
    grep -q '^q999_10,' "$TMP/codebook.csv" || fail "no q999_10"
    printf "GET FILE='%s'.\nDISPLAY DICTIONARY /VARIABLES=q40_1 q40_33 q999_1.\n" "$TMP/c.sav" > "$TMP/n.sps"
    pspp -O format=csv "$TMP/n.sps" > "$TMP/n.csv" 2>&1 || fail "pspp cannot open it: $(cat "$TMP/n.csv")"
    grep -q '^q40_33,.*…,Ordinal,' "$TMP/n.csv" || fail "q40_33's label was not cut with …: $(cat "$TMP/n.csv")"
}

# A 3,000-byte answer is whole in the .sav (PSPP reads it back) and in the CSV.
case_long_text_whole_in_sav() {
    python3 - "$EXPORT" "$TMP/long.csv" <<'PY' || fail "cannot write the export"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
i = next(i for i, h in enumerate(rows[0]) if h.startswith("Q5."))
rows[1][i] = "長" * 1000
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(rows)
PY
    "$BIN" export -o "$TMP/l.sav" "$TMP/long.csv" 2>/dev/null || fail "export"
    printf "GET FILE='%s'.\nCOMPUTE n=LENGTH(RTRIM(q5)).\nDESCRIPTIVES n /STATISTICS=MAX.\n" "$TMP/l.sav" > "$TMP/l.sps"
    pspp -O format=csv "$TMP/l.sps" > "$TMP/l.out" 2>&1 || fail "pspp: $(cat "$TMP/l.out")"
    grep -q '^n,65,3000.00' "$TMP/l.out" || fail "the answer is not 3,000 bytes in PSPP: $(cat "$TMP/l.out")"
    "$BIN" export -o "$TMP/l.csv" "$TMP/long.csv" 2>/dev/null || fail "export csv"
    grep -q "$(python3 -c 'print("長" * 1000)')" "$TMP/l.csv" || fail "the CSV does not hold the whole answer"
}

# A list of 1,000 options is refused when the questionnaire loads, with one line.
case_thousand_options_refused() {
    cp -r "$SRC/questionnaire" "$TMP/q"
    python3 - "$TMP/q" <<'PY' || fail "cannot change the questionnaire"
import sys
d = sys.argv[1]
with open(f"{d}/choices.csv", "a", encoding="utf-8") as f:
    for i in range(1, 1001):
        f.write(f"big,big_{i},選択肢{i},\n")
with open(f"{d}/survey.csv", "a", encoding="utf-8") as f:
    f.write("40,,select_one,big,,,,千の選択肢,千の選択肢,,\n")
PY
    "$BIN" export --questionnaire "$TMP/q" -o "$TMP/x.sav" "$EXPORT" 2>"$TMP/stderr"
    [ $? -eq 1 ] || fail "expected exit 1"
    [ "$(wc -l < "$TMP/stderr")" -le 3 ] || fail "more than a short message: $(cat "$TMP/stderr")"
    grep -q 'choices.csv\|survey.csv' "$TMP/stderr" || fail "the message names no file: $(cat "$TMP/stderr")"
    [ ! -e "$TMP/x.sav" ] && [ ! -e "$TMP/codebook.csv" ] || fail "a file was written"
}

# Names that would collide: two questions with one number are refused when
# the questionnaire loads (so no two fields can make the same name); a
# question number past 999 too.
case_colliding_numbers_refused() {
    cp -r "$SRC/questionnaire" "$TMP/q"
    printf '6,,select_one,handling,,,,もう一つのQ6,重複,,\n' >> "$TMP/q/survey.csv"
    "$BIN" export --questionnaire "$TMP/q" -o "$TMP/x.sav" "$EXPORT" 2>"$TMP/stderr"
    [ $? -eq 1 ] || fail "a repeated question number: expected exit 1"
    grep -q 'survey.csv' "$TMP/stderr" || fail "the message names no file: $(cat "$TMP/stderr")"
    cp "$SRC/questionnaire/survey.csv" "$TMP/q/survey.csv"
    printf '1000,,select_one,handling,,,,千番,千番,,\n' >> "$TMP/q/survey.csv"
    "$BIN" export --questionnaire "$TMP/q" -o "$TMP/x.sav" "$EXPORT" 2>"$TMP/stderr"
    [ $? -eq 1 ] || fail "question 1000: expected exit 1"
    [ ! -e "$TMP/x.sav" ] || fail "a file was written"
}

# No name, organisation, e-mail or phone of any respondent in any file, with
# each respondent's own personal data planted in every free-text field.
case_no_personal_data() {
    python3 - "$EXPORT" "$TMP/planted.csv" "$TMP/personal" <<'PY' || fail "cannot plant"
import csv, re, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
head = rows[0]
personal = [next(i for i, h in enumerate(head) if h.startswith(f"Q{n}.")) for n in (1, 2, 3, 4)]
text_cols = [i for i, h in enumerate(head) if re.match(r"Q(5|21|23|27|38|39)[.-]|Q31-3", h)]
other_cols = [i for i, h in enumerate(head) if re.match(r"Q(6|7|8|9|10|12|30|32|34|35|36)\.", h)]
forms = r"^(特定非営利活動法人|NPO法人|ＮＰＯ法人|一般社団法人|社会福祉法人|公益財団法人|一般財団法人|任意団体|（特非）)"
values = set()
for k, row in enumerate(rows[1:]):
    me = "、".join(row[i] for i in personal)
    for i in personal:
        v = row[i].strip()
        if len(v) >= 4: values.add(v)
        core = re.sub(forms, "", v).strip(" \u3000")
        if len(core) >= 4: values.add(core)
    for i in text_cols:
        row[i] = f"担当の{me}まで。"
    for i in other_cols:
        row[i] = (row[i] + ", " if row[i] else "") + f"{row[personal[1]]}（{row[personal[3]]}）と協働"
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(rows)
open(sys.argv[3], "w", encoding="utf-8").write("\n".join(sorted(values)) + "\n")
PY
    for f in sav dta csv; do
        "$BIN" export --format $f -o "$TMP/out/data.$f" "$TMP/planted.csv" 2>>"$TMP/stderr" || fail "export $f"
        cp "$TMP/out/codebook.csv" "$TMP/out/codebook-$f.csv"
    done
    python3 - "$TMP/personal" "$TMP"/out/* "$TMP/stderr" <<'PY' || fail "personal data in an export file (see above)"
import sys, unicodedata
values = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
assert len(values) >= 150, len(values)
bad = 0
for path in sys.argv[2:]:
    text = unicodedata.normalize("NFKC", open(path, "rb").read().decode("utf-8", "replace"))
    for v in values:
        if unicodedata.normalize("NFKC", v) in text:
            print(f"{path}: contains {v!r}", file=sys.stderr); bad += 1
sys.exit(1 if bad else 0)
PY
    grep -q '［氏名］' "$TMP/out/data.csv" || fail "no ［氏名］ in the CSV: were the planted texts exported at all?"
    head -1 "$TMP/out/data.csv" | grep -qE '(^|,)q[1-4](,|$)' && fail "a personal field has a variable"
    return 0
}

# Same export, same bytes (also in another time zone); SOURCE_DATE_EPOCH sets the header's time.
case_same_bytes() {
    for f in sav dta csv; do
        "$BIN" export --format $f -o "$TMP/a/data.$f" "$EXPORT" 2>/dev/null || fail "export $f"
        sleep 1
        "$BIN" export --format $f -o "$TMP/b/data.$f" "$EXPORT" 2>/dev/null || fail "export $f again"
        cmp -s "$TMP/a/data.$f" "$TMP/b/data.$f" || fail "$f differs between two runs"
        cmp -s "$TMP/a/codebook.csv" "$TMP/b/codebook.csv" || fail "codebook.csv differs ($f)"
        TZ=Asia/Tokyo "$BIN" export --format $f -o "$TMP/t/data.$f" "$EXPORT" 2>/dev/null || fail "export $f in Tokyo"
        cmp -s "$TMP/a/data.$f" "$TMP/t/data.$f" || fail "$f differs with another TZ"
    done
    # the header's time is the latest answer's, as UTC
    grep -q '07 Nov 2023 11:37' "$TMP/a/data.dta" || fail "the .dta header's time is not the latest answer's"
    SOURCE_DATE_EPOCH=0 "$BIN" export -o "$TMP/c/data.sav" "$EXPORT" 2>/dev/null || fail "export with SOURCE_DATE_EPOCH"
    cmp -s "$TMP/a/data.sav" "$TMP/c/data.sav" && fail "SOURCE_DATE_EPOCH did not change the header's time"
    return 0
}

# A failed run leaves no file (not even a .part): a questionnaire that does
# not load; in an allocation-failure test build (cmake -DNPS_FAILALLOC=ON)
# also running out of memory at many points of the export.
case_failed_runs_leave_nothing() {
    mkdir -p "$TMP/badq" && printf 'number,item\n' > "$TMP/badq/survey.csv"
    "$BIN" export --questionnaire "$TMP/badq" -o "$TMP/out/x.sav" "$EXPORT" 2>"$TMP/err"
    [ $? -eq 1 ] || fail "broken questionnaire: expected exit 1"
    [ -z "$(ls -A "$TMP/out" 2>/dev/null)" ] || fail "broken questionnaire: files left: $(ls "$TMP/out")"
    if ! "$BIN" --version | grep -q 'allocation-failure'; then
        return 0
    fi
    local total rc
    for f in sav csv; do
        total=$(NPS_ALLOC_COUNT=1 "$BIN" export --format $f -o "$TMP/count/x.$f" "$EXPORT" 2>&1 | sed -n 's/.*allocations: //p')
        [ -n "$total" ] && [ "$total" -gt 100 ] || fail "cannot count the allocations of an export"
        local points="0 1 3 8 21 55 144 377"
        for i in $(seq 1 14); do points="$points $((total * i / 15))"; done
        points="$points $((total - 50)) $((total - 10)) $((total - 1))"
        for n in $points; do
            [ "$n" -ge 0 ] || continue
            NPS_FAIL_AFTER=$n timeout 300 "$BIN" export --format $f -o "$TMP/out/x.$f" "$EXPORT" 2>"$TMP/err"
            rc=$?
            [ $rc -eq 1 ] || fail "$f: out of memory after $n of $total allocations: exit $rc"
            [ -z "$(ls -A "$TMP/out" 2>/dev/null)" ] || fail "$f: files left after $n allocations: $(ls "$TMP/out")"
        done
    done
}

case_usage_errors() {
    "$BIN" export --format xls "$EXPORT" >/dev/null 2>&1; [ $? -eq 2 ] || fail "--format xls must be exit 2"
    "$BIN" export --reveal-names "$EXPORT" >/dev/null 2>&1; [ $? -eq 2 ] || fail "--reveal-names must be exit 2"
    "$BIN" export -o "$TMP" "$EXPORT" >/dev/null 2>&1; [ $? -eq 2 ] || fail "-o FOLDER must be exit 2"
    "$BIN" export --help | grep -q 'sav|dta|csv' || fail "help"
    # the format from the extension of -o
    "$BIN" export -o "$TMP/e/x.dta" "$EXPORT" 2>/dev/null || fail "export -o x.dta"
    head -c 11 "$TMP/e/x.dta" | grep -q '<stata_dta>' || fail "x.dta is not a Stata file"
    # a failure leaves nothing behind
    mkdir -p "$TMP/ro" && chmod 555 "$TMP/ro"
    if [ "$(id -u)" != 0 ]; then
        "$BIN" export -o "$TMP/ro/x.sav" "$EXPORT" >/dev/null 2>&1 && fail "writing into a read-only folder succeeded"
        [ -z "$(ls -A "$TMP/ro")" ] || fail "partial files left"
    fi
    return 0
}

"case_$CASE"
