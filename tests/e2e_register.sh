#!/usr/bin/env bash
# e2e_register.sh — the organisation register through the command line
# (docs/register.md): IDs stable across two waves, the file's mode, its
# place (never inside the report folder), a bad register, and no name or
# e-mail of the register in any output of `report`.
#
# usage: bash tests/e2e_register.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
# Each `case_<name>()` is one ctest entry (tests/CMakeLists.txt). Names and
# IDs are compared with python3's csv module, not with the code under test.
set -u

CASE=${1:?usage: e2e_register.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_register.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_register.sh CASE BINARY SOURCE_DIR}
EXPORT="$SRC/fixtures/hokkaido-2023/responses.csv"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e_register.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

fail() {
    printf 'FAIL e2e_register.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}

# Two waves from the fixture: 2023 = its first 50 responses; 2024 = its
# responses 11–50 in reverse order, dated 2024, every legal form written
# another way (特定非営利活動法人 → （特非）, NPO法人 → 特定非営利活動法人 …), and
# one new organisation. Writes $TMP/w1.csv and $TMP/w2.csv.
make_waves() {
    python3 - "$EXPORT" "$TMP" <<'PY' || fail "cannot write the two waves"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
head, data = rows[0], rows[1:]
org = next(i for i, h in enumerate(head) if h.startswith("Q2."))
mail = next(i for i, h in enumerate(head) if h.startswith("Q3."))
swap = [("特定非営利活動法人", "（特非）"), ("ＮＰＯ法人", "特定非営利活動法人"), ("NPO法人", "特定非営利活動法人"),
        ("一般社団法人", "(一社)"), ("公益社団法人", "（公社）"), ("社会福祉法人", "【社福】")]
w2 = []
for row in reversed(data[10:50]):
    row = list(row)
    row[0] = row[0].replace("2023/", "2024/")
    for a, b in swap:
        if row[org].startswith(a):
            row[org] = b + row[org][len(a):].strip(" \u3000")
            break
    w2.append(row)
new = list(data[3])
new[0], new[org], new[mail] = "2024/10/09 10:00:00", "一般社団法人 あたらしい広場", "hiroba@example.jp"
w2.insert(20, new)
for name, part in (("w1.csv", data[:50]), ("w2.csv", w2)):
    csv.writer(open(f"{sys.argv[2]}/{name}", "w", encoding="utf-8", newline="")).writerows([head] + part)
PY
}

# ID → name of every organisation `flows --orgs --reveal-names` lists.
orgs() {
    "$BIN" flows --orgs --reveal-names --format csv "$@" 2>>"$TMP/stderr" | python3 -c '
import csv, sys
seen = {}
for r in csv.DictReader(sys.stdin):
    seen[r["org"]] = r["organisation"]
for k in sorted(seen):
    print(k + "\t" + seen[k])'
}

case_ids_stable_across_two_waves() {
    make_waves
    orgs --org-register "$TMP/orgs.csv" "$TMP/w1.csv" > "$TMP/ids1" || fail "wave 1"
    orgs --org-register "$TMP/orgs.csv" "$TMP/w2.csv" > "$TMP/ids2" || fail "wave 2"
    orgs "$TMP/w2.csv" > "$TMP/ids2-plain" || fail "wave 2 without the register"
    python3 - "$TMP" <<'PY' || fail "IDs not stable (see above)"
import csv, re, sys, unicodedata
tmp = sys.argv[1]
forms = r"^(特定非営利活動法人|NPO法人|一般社団法人|公益社団法人|社会福祉法人|任意団体|\(特非\)|\(一社\)|\(公社\)|\[社福\]|【社福】)"
def core(name):
    n = re.sub(r"\s", "", unicodedata.normalize("NFKC", name))
    return re.sub(forms, "", n)
def ids(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        i, name = line.rstrip("\n").split("\t")
        out[core(name)] = i
    return out
one, two, plain = ids(f"{tmp}/ids1"), ids(f"{tmp}/ids2"), ids(f"{tmp}/ids2-plain")
assert len(one) == 50 and len(two) == 41, (len(one), len(two))
shared = set(one) & set(two)
assert len(shared) == 40, len(shared)
bad = [c for c in shared if one[c] != two[c]]
assert not bad, f"{len(bad)} shared organisations changed IDs, e.g. {bad[:3]}"
assert two[core("あたらしい広場")] == "R051", two[core("あたらしい広場")]
assert sum(plain[c] != two[c] for c in shared) > 30, "without the register the IDs should follow the order"
reg = list(csv.DictReader(open(f"{tmp}/orgs.csv", encoding="utf-8")))
assert [r["id"] for r in reg] == [f"R{i:03d}" for i in range(1, 52)], [r["id"] for r in reg]
assert {r["first_seen"] for r in reg[:50]} == {reg[0]["first_seen"]} and reg[0]["first_seen"].startswith("2023-")
assert reg[50]["first_seen"].startswith("2024-") and reg[50]["email"] == "hiroba@example.jp"
print("ok: 40 shared organisations kept their IDs, the new one is R051, the 10 absent keep their lines")
PY
    grep -q "1 new organisation added to the register (51 in all)" "$TMP/stderr" || fail "no note of the added organisation"
    # themes --quotes names organisations by the register's IDs too: wave 2 has
    # 41 organisations, so only register IDs can go past R041
    "$BIN" themes --quotes --format csv --org-register "$TMP/orgs.csv" "$TMP/w2.csv" 2>/dev/null |
        python3 -c '
import csv, sys
ids = {r["org"] for r in csv.DictReader(sys.stdin)}
assert ids and all(i <= "R051" for i in ids) and any(i > "R041" for i in ids), sorted(ids)' ||
        fail "themes --quotes does not use the register IDs"
}

# 0600 even with a permissive umask; a run that adds nothing leaves the file alone.
case_mode_0600_and_unchanged() {
    (umask 000 && "$BIN" tabulate --org-register "$TMP/orgs.csv" "$EXPORT" >/dev/null 2>&1) || fail "tabulate"
    [ "$(stat -c %a "$TMP/orgs.csv")" = 600 ] || fail "the register is $(stat -c %a "$TMP/orgs.csv"), not 600"
    [ "$(wc -l < "$TMP/orgs.csv")" = 66 ] || fail "the register has $(wc -l < "$TMP/orgs.csv") lines, expected 66"
    cp -p "$TMP/orgs.csv" "$TMP/before.csv"
    "$BIN" validate --org-register "$TMP/orgs.csv" "$EXPORT" >/dev/null 2>"$TMP/err" || fail "validate"
    cmp -s "$TMP/orgs.csv" "$TMP/before.csv" || fail "the register changed on a run that added nothing"
    ! grep -q "added to the register" "$TMP/err" || fail "a note of additions when nothing was added"
    ls "$TMP" | grep -q '\.new-' && fail "a temporary register was left behind"
    echo "ok: 0600, 65 organisations, untouched by a second run"
}

# refused FILE ARGS…: exit 2, one message naming the register, nothing written.
refused() {
    local reg=$1
    shift
    "$BIN" "$@" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    [ "$rc" = 2 ] || fail "$*: exit $rc, expected 2 (register inside the report folder)"
    grep -q "lies inside the report folder" "$TMP/err" || fail "$*: no message: $(cat "$TMP/err")"
    [ "$(wc -l < "$TMP/err")" = 1 ] || fail "$*: more than one line on stderr"
    [ ! -e "$reg" ] || fail "$*: the register was written"
}

case_refused_inside_report_folder() {
    mkdir -p "$TMP/work/out" && cd "$TMP/work" || fail "mkdir"
    refused out/orgs.csv report -o out --org-register out/orgs.csv "$EXPORT"
    refused out/orgs.csv report -o out/ --org-register "$TMP/work/out/sub/../orgs.csv" "$EXPORT"
    refused new/orgs.csv report -o new --org-register new/orgs.csv "$EXPORT"
    [ ! -e new ] || fail "report created its folder although it refused"
    ln -s out link
    refused out/orgs.csv report -o out --org-register link/orgs.csv "$EXPORT"
    refused link/orgs.csv report -o link --org-register out/orgs.csv "$EXPORT"
    refused out/charts/orgs.csv charts -o out/charts --org-register out/charts/orgs.csv "$EXPORT"
    refused reports/responses/orgs.csv report --org-register reports/responses/orgs.csv "$EXPORT"
    refused reports/responses/orgs.csv tabulate --org-register reports/responses/orgs.csv "$EXPORT"
    # beside the folder is fine (a prefix of the name is not the folder)
    "$BIN" report -o out --org-register out-orgs.csv "$EXPORT" 2>/dev/null || fail "a register beside the folder was refused"
    [ -f out-orgs.csv ] && [ -f out/report.pdf ] || fail "no register or no report"
    echo "ok: refused in the folder (by -o, default, .., symbolic links), accepted beside it"
}

case_bad_register_one_message() {
    printf 'id,name,email,first_seen\nR001,ふたばの会,a@example.jp,\nR001,わかば,b@example.jp,\n' > "$TMP/bad.csv"
    "$BIN" report -o "$TMP/out" --org-register "$TMP/bad.csv" "$EXPORT" >"$TMP/out.txt" 2>"$TMP/err"
    local rc=$?
    [ "$rc" = 1 ] || fail "exit $rc, expected 1"
    [ "$(wc -l < "$TMP/err")" = 1 ] || fail "expected one line on stderr: $(cat "$TMP/err")"
    grep -qF "$TMP/bad.csv: line 3: " "$TMP/err" || fail "the message does not name file and line: $(cat "$TMP/err")"
    ! grep -q "わかば\|example" "$TMP/err" || fail "the message quotes a name or an e-mail"
    [ ! -e "$TMP/out" ] || fail "a report was written with a bad register"
    printf 'id,name,first_seen\n' > "$TMP/bad2.csv"
    "$BIN" tabulate --org-register "$TMP/bad2.csv" "$EXPORT" >/dev/null 2>"$TMP/err"
    [ $? = 1 ] && grep -q 'bad2.csv: line 1: missing column "email"' "$TMP/err" || fail "missing column: $(cat "$TMP/err")"
    echo "ok: exit 1, one message with file and line"
}

# Every name and e-mail of the register (and its name without legal form)
# is absent from the PDF's text, every XML part of the workbook, every chart
# and stderr; the IDs are there.
case_no_register_data_in_report() {
    "$BIN" report -o "$TMP/rep" --org-register "$TMP/orgs.csv" "$EXPORT" 2>"$TMP/stderr" || fail "report"
    pdftotext "$TMP/rep/report.pdf" "$TMP/report.txt" || fail "pdftotext"
    mkdir -p "$TMP/xlsx" && (cd "$TMP/xlsx" && unzip -q "$TMP/rep/report.xlsx") || fail "unzip"
    find "$TMP/rep" -type f > "$TMP/files"
    [ "$(grep -c '\.svg$' "$TMP/files")" -ge 10 ] || fail "too few charts"
    python3 - "$TMP/orgs.csv" "$TMP/report.txt" $(find "$TMP/xlsx" -name '*.xml') $(grep -v '\.\(pdf\|xlsx\)$' "$TMP/files") "$TMP/stderr" <<'PY' || fail "register data in the report (see above)"
import csv, re, sys, unicodedata
reg = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
assert len(reg) == 65, len(reg)
forms = r"^(特定非営利活動法人|NPO法人|一般社団法人|公益社団法人|社会福祉法人|任意団体)"
values = set()
for r in reg:
    for v in (r["name"], r["email"]):
        v = unicodedata.normalize("NFKC", v).strip()
        values.add(v)
        values.add(re.sub(forms, "", v).strip())
values = {v for v in values if len(v) >= 4}
bad = 0
for path in sys.argv[2:]:
    text = unicodedata.normalize("NFKC", open(path, encoding="utf-8", errors="replace").read())
    for v in values:
        if v in text:
            print(f"{path}: contains {v!r}", file=sys.stderr)
            bad += 1
sys.exit(1 if bad else 0)
PY
    grep -rq "R065" "$TMP/xlsx" || fail "the workbook has no register IDs"
    [ ! -e "$TMP/rep/orgs.csv" ] || fail "the register is in the report folder"
    echo "ok: no name or e-mail of the register in the PDF, workbook, charts or stderr"
}

"case_$CASE"
