#!/usr/bin/env bash
# e2e_publish.sh — the report folder is the user's and publishing is atomic
# (docs/report.md, "The report folder"; docs/robustness.md, "Publishing a
# report"): user files kept, conflicts refused, no staging left after a
# signal, stale staging of killed runs removed, 0600 from creation with
# --reveal-names, a kill at every publishing step leaves the old or the new
# report (after the next run completes it), a full disk exits 1 cleanly,
# long paths, one run at a time, the organisation list split into sheets,
# a large survey's coded data and organisation lists as CSV files.
#
# usage: bash tests/e2e_publish.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
set -u

CASE=${1:?usage: e2e_publish.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_publish.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_publish.sh CASE BINARY SOURCE_DIR}
EXPORT="$SRC/fixtures/hokkaido-2023/responses.csv"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e_publish.XXXXXX") || exit 1
MOUNTED=
cleanup() {
    [ -n "$MOUNTED" ] && umount "$MOUNTED" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
export SOURCE_DATE_EPOCH=1700000000 # the same bytes for the same report
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0" # one line means one line
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

fail() {
    printf 'FAIL e2e_publish.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}

# The report's files (not the tool's state, not staging) with checksums.
snapshot() {
    (cd "$1" && find . -type f -not -path './.npo-survey*' | LC_ALL=C sort | xargs -d '\n' sha256sum)
}

no_staging() {
    local left
    left=$(find "$1" -maxdepth 1 -name '.npo-survey-*' | head -3)
    [ -z "$left" ] || fail "$2: staging left behind: $left"
}

report() { timeout 300 "$BIN" report "$@" "$EXPORT"; }

# Start a report in the background and wait until its staging folder exists
# (the export is read, the outputs are being written). Sets PID.
start_report() {
    local out=$1
    shift
    "$BIN" report "$@" -o "$out" "$EXPORT" 2>"$TMP/bg.err" &
    PID=$!
    for _ in $(seq 1 600); do
        ls -d "$out"/.npo-survey-* >/dev/null 2>&1 && return 0
        kill -0 "$PID" 2>/dev/null || fail "the background report ended before writing: $(cat "$TMP/bg.err")"
        sleep 0.05
    done
    fail "no staging folder appeared"
}

case_user_files_are_kept() {
    report -o "$TMP/out" 2>"$TMP/run.err" || fail "first report failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    mkdir -p "$TMP/out/charts/原稿" "$TMP/out/資料"
    echo memo > "$TMP/out/charts/メモ.txt"
    echo draft > "$TMP/out/charts/原稿/draft.docx"
    echo notes > "$TMP/out/notes.txt"
    echo table > "$TMP/out/資料/表.xlsx"
    report --title "二回目" -o "$TMP/out" 2>"$TMP/run.err" || fail "second report failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    [ "$(cat "$TMP/out/charts/メモ.txt")" = memo ] || fail "charts/メモ.txt lost"
    [ "$(cat "$TMP/out/charts/原稿/draft.docx")" = draft ] || fail "charts/原稿/draft.docx lost"
    [ "$(cat "$TMP/out/notes.txt")" = notes ] || fail "notes.txt lost"
    [ "$(cat "$TMP/out/資料/表.xlsx")" = table ] || fail "資料/表.xlsx lost"
    [ -s "$TMP/out/report.pdf" ] && [ -s "$TMP/out/charts/fig01_q06.svg" ] || fail "the report is incomplete"
    no_staging "$TMP/out" "second run"
}

# A file of the user's at a name the report writes, or an output the user
# changed since: exit 1, one message naming it, nothing changed.
case_conflicts_are_refused() {
    report -o "$TMP/out" 2>"$TMP/run.err" || fail "first report failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    local what
    for what in foreign changed; do
        rm -rf "$TMP/out" && report -o "$TMP/out" 2>"$TMP/run.err" || fail "report failed (exit $?): $(head -c 2000 "$TMP/run.err")"
        if [ $what = foreign ]; then
            rm "$TMP/out/charts/fig01_q06.svg"
            # not in the manifest any more: the user's, as far as the tool knows
            sed -i '/charts\/fig01_q06.svg$/d' "$TMP/out/.npo-survey/manifest"
            echo "my own figure" > "$TMP/out/charts/fig01_q06.svg"
            name=charts/fig01_q06.svg
        else
            printf 'edited in Excel' >> "$TMP/out/report.xlsx"
            name=report.xlsx
        fi
        snapshot "$TMP/out" > "$TMP/before"
        report --title other -o "$TMP/out" 2>"$TMP/err"
        rc=$?
        [ $rc -eq 1 ] || fail "$what: exit $rc, expected 1"
        [ "$(wc -l < "$TMP/err")" -eq 1 ] || fail "$what: not one message: $(cat "$TMP/err")"
        grep -q "$name" "$TMP/err" || fail "$what: the message does not name $name: $(cat "$TMP/err")"
        snapshot "$TMP/out" > "$TMP/after"
        cmp -s "$TMP/before" "$TMP/after" || fail "$what: the folder changed"
        no_staging "$TMP/out" "$what"
    done
}

interrupt_with() {
    local sig=$1 code=$2
    report -o "$TMP/out" 2>"$TMP/run.err" || fail "first report failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    snapshot "$TMP/out" > "$TMP/before"
    start_report "$TMP/out" --title "interrupted"
    sleep 0.3
    kill -s "$sig" "$PID"
    wait "$PID"
    rc=$?
    [ $rc -eq "$code" ] || fail "SIG$sig: exit $rc, expected $code ($(cat "$TMP/bg.err"))"
    grep -q 'interrupted' "$TMP/bg.err" || fail "SIG$sig: no message: $(cat "$TMP/bg.err")"
    no_staging "$TMP/out" "SIG$sig"
    snapshot "$TMP/out" > "$TMP/after"
    cmp -s "$TMP/before" "$TMP/after" || fail "SIG$sig: the earlier report changed"
}

case_sigint_leaves_no_staging() { interrupt_with INT 130; }
case_sigterm_leaves_no_staging() { interrupt_with TERM 143; }
case_sighup_leaves_no_staging() { interrupt_with HUP 129; }

# SIGKILL cannot be caught: its staging folder stays, and the next run into
# the folder removes it — but never a folder that only looks like one.
case_stale_staging_is_removed() {
    report -o "$TMP/out" 2>"$TMP/run.err" || fail "first report failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    start_report "$TMP/out"
    sleep 0.3
    kill -KILL "$PID"
    wait "$PID" 2>/dev/null
    ls -d "$TMP"/out/.npo-survey-* >/dev/null 2>&1 || fail "the killed run left no staging (cannot test)"
    # not removed: a live run's (this shell's PID), another name, a file
    mkdir "$TMP/out/.npo-survey-LiveAA" "$TMP/out/.npo-survey-notours"
    printf '%s %s\n' $$ "$(hostname)" > "$TMP/out/.npo-survey-LiveAA/pid"
    echo keep > "$TMP/out/.npo-survey-FileAA"
    # a failing run (broken questionnaire) still tidies the folder first
    mkdir -p "$TMP/badq" && printf 'number,item\n' > "$TMP/badq/survey.csv"
    report --questionnaire "$TMP/badq" -o "$TMP/out" 2>/dev/null
    [ $? -eq 1 ] || fail "the broken questionnaire did not fail"
    left=$(cd "$TMP/out" && ls -d .npo-survey-* | LC_ALL=C sort | tr '\n' ' ')
    [ "$left" = ".npo-survey-FileAA .npo-survey-LiveAA .npo-survey-notours " ] ||
        fail "after the next run: $left"
}

# With --reveal-names every file is 0600 from the moment it exists: the
# run's umask is 077, and a run killed half-way has no file readable by
# others in its staging folder.
case_reveal_names_files_are_private_from_creation() {
    mkdir -p "$TMP/out"
    start_report "$TMP/out" --reveal-names
    grep -q '^Umask:[[:space:]]*0077' "/proc/$PID/status" || fail "umask of the run: $(grep Umask "/proc/$PID/status")"
    sleep 0.5
    kill -STOP "$PID"
    open=$(find "$TMP"/out/.npo-survey-* -type f -perm /077 | head -3)
    kill -KILL "$PID"
    wait "$PID" 2>/dev/null
    [ -z "$open" ] || fail "files readable by others while writing: $open"
    report --reveal-names -o "$TMP/out2" 2>"$TMP/run.err" || fail "report --reveal-names failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    [ "$(stat -c %a "$TMP/out2/report.pdf")" = 600 ] || fail "report.pdf is not 0600"
    [ "$(stat -c %a "$TMP/out2/report.xlsx")" = 600 ] || fail "report.xlsx is not 0600"
    open=$(find "$TMP/out2" -type f -perm /077 | head -3)
    [ -z "$open" ] || fail "files readable by others: $open"
}

# A SIGKILL before each rename of publishing (an LD_PRELOAD shim,
# tests/data/kill_rename.c, so the binary is the real one), then the next
# run into the folder: the folder holds the complete earlier report or the
# complete new one, never a mix.
case_kill_at_every_publish_step() {
    command -v cc >/dev/null || fail "no C compiler to build the shim"
    cc -shared -fPIC -o "$TMP/kill_rename.so" "$SRC/tests/data/kill_rename.c" -ldl || fail "cannot build the shim"
    report -o "$TMP/old" 2>"$TMP/run.err" || fail "old report failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    report --title "new title" -o "$TMP/new" 2>"$TMP/run.err" || fail "new report failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    snapshot "$TMP/old" > "$TMP/old.sum"
    snapshot "$TMP/new" > "$TMP/new.sum"
    cmp -s "$TMP/old.sum" "$TMP/new.sum" && fail "old and new reports are the same"
    cp -a "$TMP/old" "$TMP/out"
    KILL_RENAME_UNDER="$TMP/out" KILL_RENAME_LOG="$TMP/renames" LD_PRELOAD="$TMP/kill_rename.so" \
        report --title "new title" -o "$TMP/out" 2>"$TMP/run.err" || fail "the counting run failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    local total
    total=$(wc -l < "$TMP/renames")
    [ "$total" -gt 100 ] || fail "only $total renames counted"
    mkdir -p "$TMP/badq" && printf 'number,item\n' > "$TMP/badq/survey.csv"
    local points="1 2 3 4 $((total / 4)) $((total / 2)) $((total * 3 / 4)) $((total - 2)) $((total - 1)) $total"
    local olds=0 news=0
    for n in $points; do
        rm -rf "$TMP/out" && cp -a "$TMP/old" "$TMP/out"
        KILL_RENAME_UNDER="$TMP/out" KILL_AT_RENAME=$n LD_PRELOAD="$TMP/kill_rename.so" \
            report --title "new title" -o "$TMP/out" 2>/dev/null
        rc=$?
        [ $rc -eq 137 ] || fail "step $n of $total: exit $rc, expected 137 (killed)"
        # the next run (here one that then fails on its questionnaire) completes or clears it
        report --questionnaire "$TMP/badq" -o "$TMP/out" 2>/dev/null
        snapshot "$TMP/out" > "$TMP/now.sum"
        if cmp -s "$TMP/now.sum" "$TMP/old.sum"; then
            olds=$((olds + 1))
        elif cmp -s "$TMP/now.sum" "$TMP/new.sum"; then
            news=$((news + 1))
        else
            fail "killed before rename $n of $total: a mix — $(diff "$TMP/old.sum" "$TMP/now.sum" | head -4)"
        fi
        no_staging "$TMP/out" "step $n"
        [ -e "$TMP/out/.npo-survey/journal" ] && fail "step $n: the journal is left"
        # and the folder is usable: a full run publishes the new report
    done
    [ $olds -ge 1 ] && [ $news -ge 1 ] || fail "expected both outcomes: $olds old, $news new"
    report --title "new title" -o "$TMP/out" 2>"$TMP/run.err" || fail "a run after the kills failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    snapshot "$TMP/out" > "$TMP/now.sum"
    cmp -s "$TMP/now.sum" "$TMP/new.sum" || fail "the last run did not publish the new report"
}

# A full disk (a small tmpfs; needs root): exit 1, one message, the earlier
# report intact, nothing partial. Exit 77 (skipped) when nothing can be mounted.
case_full_disk_exits_cleanly() {
    mkdir -p "$TMP/disk"
    if ! mount -t tmpfs -o size=16m tmpfs "$TMP/disk" 2>/dev/null; then
        echo "SKIP e2e_publish.full_disk_exits_cleanly: cannot mount a tmpfs (not root?)" >&2
        exit 77
    fi
    MOUNTED="$TMP/disk"
    report -o "$TMP/disk/out" 2>"$TMP/run.err" || fail "the first report does not fit 16 MB (exit $?): $(head -c 2000 "$TMP/run.err")"
    snapshot "$TMP/disk/out" > "$TMP/before"
    report --title other -o "$TMP/disk/out" 2>"$TMP/err"
    rc=$?
    [ $rc -eq 1 ] || fail "second report on a full disk: exit $rc, expected 1"
    [ "$(wc -l < "$TMP/err")" -eq 1 ] || fail "not one message: $(cat "$TMP/err")"
    snapshot "$TMP/disk/out" > "$TMP/after"
    cmp -s "$TMP/before" "$TMP/after" || fail "the earlier report changed"
    no_staging "$TMP/disk/out" "full disk"
    # and into an empty folder on a disk too small for any of it, at sizes
    # where the PDF, the workbook or a chart meets the full disk first
    for size in 2m 7m 11m; do
        umount "$TMP/disk" && mount -t tmpfs -o size=$size tmpfs "$TMP/disk" || fail "cannot remount"
        report -o "$TMP/disk/out" 2>"$TMP/err"
        rc=$?
        [ $rc -eq 1 ] || fail "$size: exit $rc, expected 1"
        [ "$(wc -l < "$TMP/err")" -eq 1 ] || fail "$size: not one message: $(cat "$TMP/err")"
        left=$(find "$TMP/disk/out" -type f -not -path '*/.npo-survey/lock' | head -3)
        [ -z "$left" ] || fail "$size: files left: $left"
        no_staging "$TMP/disk/out" "$size"
    done
}

case_long_output_path_works() {
    local dir="$TMP"
    for i in $(seq 1 40); do dir="$dir/報告書の保存先フォルダ$i"; done
    [ "$(printf %s "$dir" | wc -c)" -gt 1100 ] || fail "the path is not long enough"
    report -o "$dir" 2>"$TMP/run.err" || fail "report into a long path failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    [ -s "$dir/report.pdf" ] && [ -s "$dir/report.xlsx" ] && [ -s "$dir/charts/fig01_q06.png" ] ||
        fail "the report is not in the long path"
    "$BIN" charts -o "$dir/c" "$EXPORT" 2>"$TMP/run.err" || fail "charts into a long path failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    [ -s "$dir/c/fig01_q06.svg" ] || fail "the charts are not in the long path"
    "$BIN" export -o "$dir/d/回答データ.sav" "$EXPORT" 2>"$TMP/run.err" || fail "export into a long path failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    [ -s "$dir/d/回答データ.sav" ] && [ -s "$dir/d/codebook.csv" ] || fail "the export is not in the long path"
}

# Two runs into one folder: while the first holds the folder the second
# exits 1 with a clear message and touches nothing.
case_concurrent_runs_do_not_mix() {
    mkdir -p "$TMP/out"
    start_report "$TMP/out" --title "first"
    report --title "second" -o "$TMP/out" 2>"$TMP/err"
    rc=$?
    wait "$PID" || fail "the first run failed: $(cat "$TMP/bg.err")"
    [ $rc -eq 1 ] || fail "the second run: exit $rc, expected 1"
    grep -q 'another npo-survey report is writing into this folder' "$TMP/err" || fail "message: $(cat "$TMP/err")"
    report --title "first" -o "$TMP/ref" 2>"$TMP/run.err" || fail "reference report failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    snapshot "$TMP/out" > "$TMP/a"
    snapshot "$TMP/ref" > "$TMP/b"
    cmp -s "$TMP/a" "$TMP/b" || fail "the folder is not the first run's report"
}

# The organisation list continues on further sheets before Excel's row
# limit; the limit is lowered to 100 rows (NPS_XLSX_MAX_ROWS) so that the
# 65-organisation fixture (390 list rows) needs five sheets.
case_org_list_is_split_at_the_row_limit() {
    NPS_XLSX_MAX_ROWS=100 report -o "$TMP/out" 2>"$TMP/run.err" || fail "report failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    python3 - "$TMP/out/report.xlsx" <<'PY' || fail "the split list is wrong"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
rels = z.read("xl/_rels/workbook.xml.rels").decode()
target = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
target.update({k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
sheets = re.findall(r'<sheet name="(団体リスト[^"]*)" sheetId="\d+" r:id="(rId\d+)"', wb)
names = [n for n, _ in sheets]
assert names == ["団体リスト"] + ["団体リスト (%d)" % i for i in range(2, len(names) + 1)], names
assert len(names) >= 4, names
shared = re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)
text = lambda si: "".join(re.findall(r"<t[^>]*>([^<]*)</t>", si))
def cells(xml, col):
    out = []
    for attrs, body in re.findall(r'<c r="%s\d+"([^>]*)>(.*?)</c>' % col, xml):
        if 't="s"' in attrs:
            out.append(text(shared[int(re.search(r"<v>(\d+)</v>", body).group(1))]))
        elif 't="inlineStr"' in attrs:
            out.append(text(body))
    return out
ids = 0
for i, (name, rid) in enumerate(sheets):
    xml = z.read("xl/" + target[rid]).decode()
    rows = [int(r) for r in re.findall(r'<row r="(\d+)"', xml)]
    assert max(rows) <= 100, (name, max(rows))
    ids += sum(1 for c in cells(xml, "B") if re.fullmatch(r"R\d+", c))
    pointer = [n for n in cells(xml, "A") if n.startswith("続きは")]
    if i + 1 < len(sheets):
        assert pointer and "「%s」" % names[i + 1] in pointer[0], (name, pointer)
    else:
        assert not pointer, name
# every organisation in every category, plus the knows-none rows
assert ids >= 65 * 6, ids
PY
}

# A survey too large for the workbook's 回答データ sheet (over 5,000
# responses; NPS_XLSX_DATA_MAX_ROWS lowers the limit to 10 here) gets the
# coded data as 回答データ.csv beside the workbook: the sheet's very columns
# and values, UTF-8 with BOM, the sheet saying where it went; a later run
# of a small survey removes the file again (it is in the manifest).
case_large_survey_data_goes_to_csv() {
    report -o "$TMP/small" 2>"$TMP/run.err" || fail "first report failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    [ ! -e "$TMP/small/回答データ.csv" ] || fail "a 65-response report wrote 回答データ.csv"
    NPS_XLSX_DATA_MAX_ROWS=10 report -o "$TMP/large" 2>"$TMP/run.err" || fail "large report failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    grep -q '回答データ.csv' "$TMP/run.err" || fail "the message does not name 回答データ.csv: $(cat "$TMP/run.err")"
    [ "$(stat -c %a "$TMP/large/回答データ.csv")" = 644 ] || fail "回答データ.csv has mode $(stat -c %a "$TMP/large/回答データ.csv")"
    python3 - "$TMP/small/report.xlsx" "$TMP/large/report.xlsx" "$TMP/large/回答データ.csv" <<'PY' || fail "the CSV is not the sheet"
import csv, datetime, io, re, sys, zipfile
def sheet(path, name):
    z = zipfile.ZipFile(path)
    wb = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    target = {k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)}
    target.update(dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels)))
    rid = re.search(r'<sheet name="%s" sheetId="\d+" r:id="(rId\d+)"' % name, wb).group(1)
    shared = [("".join(re.findall(r"<t[^>]*>([^<]*)</t>", si)))
              for si in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)]
    rows = []
    for body in re.findall(r'<row [^>]*>(.*?)</row>', z.read("xl/" + target[rid]).decode()):
        row = {}
        for ref, attrs, cell in re.findall(r'<c r="([A-Z]+)\d+"([^>]*)>(.*?)</c>', body):
            t = re.findall(r"<t[^>]*>([^<]*)</t>", cell)
            v = re.search(r"<v>([^<]*)</v>", cell)
            row[ref] = ("".join(t) if t else shared[int(v.group(1))] if 't="s"' in attrs
                        else v.group(1) if v else "")
        rows.append(row)
    return rows
def col_index(ref):
    n = 0
    for ch in ref:
        n = n * 26 + ord(ch) - 64
    return n - 1
small = sheet(sys.argv[1], "回答データ")
header = [v for _, v in sorted(small[0].items(), key=lambda kv: col_index(kv[0]))] if small else []
data = small[1:]  # under the one header row of names
assert len(data) == 65, len(data)
raw = open(sys.argv[3], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no BOM"
got = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
assert got[0] == header, (got[0][:5], header[:5])
assert len(got) == 66, len(got)
date = header.index("date")
for k, (row, line) in enumerate(zip(data, got[1:])):
    cells = {col_index(ref): v for ref, v in row.items()}
    for i, name in enumerate(header):
        want, have = cells.get(i, ""), line[i]
        if i == date and want:
            want = (datetime.date(1899, 12, 30) + datetime.timedelta(days=float(want))).isoformat()
        # the CSV writes numbers with 15 significant digits (docs/export.md), the sheet 16
        if want != have and not (want and have and abs(float(want) - float(have)) <= 1e-13 * max(1, abs(float(want)))):
            raise SystemExit("row %d %s: sheet %r, csv %r" % (k + 1, name, want, have))
assert not any(re.fullmatch(r"Q\d+.*_(text|other)", n) for n in header)
large = sheet(sys.argv[2], "回答データ")
text = " ".join(v for r in large for v in r.values())
assert "CSVファイル" in text and "65件" in text, text
assert not any(re.fullmatch(r"R\d+", v) for r in large for v in r.values()), "data rows left in the sheet"
PY
    report -o "$TMP/large" 2>"$TMP/run.err" || fail "third report failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    [ ! -e "$TMP/large/回答データ.csv" ] || fail "回答データ.csv of the earlier run was left"
}

# The organisation lists follow the same limit: above it they go to
# 団体リスト.csv — the sheet's header row and rows (the knows-none block is
# the rows marked 該当), names only with --reveal-names — the sheet becomes
# one sentence, the PDF names no file, and a later small report removes it.
case_large_survey_orgs_go_to_csv() {
    report -o "$TMP/small" 2>"$TMP/run.err" || fail "first report failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    [ ! -e "$TMP/small/団体リスト.csv" ] || fail "a 65-response report wrote 団体リスト.csv"
    report --reveal-names -o "$TMP/small-names" 2>"$TMP/run.err" || fail "named report failed: $(head -c 2000 "$TMP/run.err")"
    NPS_XLSX_DATA_MAX_ROWS=10 report -o "$TMP/large" 2>"$TMP/run.err" || fail "large report failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    grep -q '団体リスト.csv' "$TMP/run.err" || fail "the message does not name 団体リスト.csv: $(cat "$TMP/run.err")"
    [ "$(stat -c %a "$TMP/large/団体リスト.csv")" = 644 ] || fail "団体リスト.csv has mode $(stat -c %a "$TMP/large/団体リスト.csv")"
    grep -q '団体リスト.csv' "$TMP/large/.npo-survey/manifest" || fail "団体リスト.csv is not in the manifest"
    NPS_XLSX_DATA_MAX_ROWS=10 report --reveal-names -o "$TMP/large-names" 2>"$TMP/run.err" || fail "large named report failed: $(head -c 2000 "$TMP/run.err")"
    [ "$(stat -c %a "$TMP/large-names/団体リスト.csv")" = 600 ] || fail "named 団体リスト.csv has mode $(stat -c %a "$TMP/large-names/団体リスト.csv")"
    for d in large large-names; do
        pdftotext "$TMP/$d/report.pdf" "$TMP/$d.txt" || fail "pdftotext failed"
        ! grep -qiE '\.(xlsx|csv)' "$TMP/$d.txt" || fail "the PDF names a file: $(grep -iE '\.(xlsx|csv)' "$TMP/$d.txt" | head -3)"
    done
    python3 - "$TMP" <<'PY' || fail "the CSV is not the sheet"
import csv, html, io, re, sys, zipfile
def sheet(path, name):
    """The rows of sheet `name`: (row number, {column index: text})."""
    z = zipfile.ZipFile(path)
    wb = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    target = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
    target.update({k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
    rid = re.search(r'<sheet name="%s" sheetId="\d+" r:id="(rId\d+)"' % name, wb).group(1)
    text = lambda x: html.unescape("".join(re.findall(r"<t[^>]*>([^<]*)</t>", x)))
    shared = [text(si) for si in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)]
    rows = []
    for num, body in re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', z.read("xl/" + target[rid]).decode()):
        row = {}
        for ref, attrs, cell in re.findall(r'<c r="([A-Z]+)\d+"([^>]*)>(.*?)</c>', body):
            col = 0
            for ch in ref:
                col = col * 26 + ord(ch) - 64
            v = re.search(r"<v>([^<]*)</v>", cell)
            row[col - 1] = (shared[int(v.group(1))] if 't="s"' in attrs else text(cell) if "<t" in cell
                            else v.group(1) if v else "")
        rows.append((int(num), row))
    return rows
def org_table(path):
    """The sheet's header row and the rows under it up to the first gap."""
    rows = sheet(path, "団体リスト")
    start = next(i for i, (_, r) in enumerate(rows) if r.get(0) == "カテゴリ" and r.get(1) == "団体ID")
    width = max(rows[start][1]) + 1
    table = [rows[start]]
    for num, r in rows[start + 1:]:
        if num != table[-1][0] + 1:
            break
        table.append((num, r))
    return [[r.get(c, "") for c in range(width)] for _, r in table], rows
def read_csv(path):
    raw = open(path, "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), "no BOM: " + path
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
tmp = sys.argv[1]
for small, large, names in (("small", "large", False), ("small-names", "large-names", True)):
    want, rows = org_table("%s/%s/report.xlsx" % (tmp, small))
    got = read_csv("%s/%s/団体リスト.csv" % (tmp, large))
    assert ("団体名" in want[0]) == names and ("団体名" in got[0]) == names, (names, want[0][:4], got[0][:4])
    assert len(want) == 1 + 65 * 6, len(want)
    assert got == want, next(((i, w, g) for i, (w, g) in enumerate(zip(want, got)) if w != g), (len(want), len(got)))
    # the knows-none block of the sheet is the CSV's rows marked 該当
    k = want[0].index("把握していない（すべて5）")
    marked = [(r[0], r[1]) for r in got[1:] if r[k] == "該当"]
    head = next(i for i, (_, r) in enumerate(rows) if r.get(0, "").startswith("困りごとを把握していない団体"))
    block = [(r.get(0), r.get(1)) for _, r in rows[head + 2:] if r.get(1) != "（なし）"]
    assert marked and marked == block, (marked[:3], block[:3])
    one = sheet("%s/%s/report.xlsx" % (tmp, large), "団体リスト")
    text = " ".join(v for _, r in one for v in r.values())
    assert len(one) == 1 and "CSVファイル" in text and "65件" in text, one
    assert not re.search(r"R\d{3}|\.csv|/", text), text
    assert ("団体名" in text) == names, text
PY
    report -o "$TMP/large" 2>"$TMP/run.err" || fail "third report failed (exit $?): $(head -c 2000 "$TMP/run.err")"
    [ ! -e "$TMP/large/団体リスト.csv" ] || fail "団体リスト.csv of the earlier run was left"
    ! grep -q '団体リスト.csv' "$TMP/large/.npo-survey/manifest" || fail "団体リスト.csv is still in the manifest"
}

"case_$CASE"
