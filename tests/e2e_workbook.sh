#!/usr/bin/env bash
# e2e_workbook.sh — the report's workbook read back from its XML
# (docs/workbook.md), and the CSV files written for Excel users.
#
# usage: bash tests/e2e_workbook.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
# Each `case_<name>()` is one ctest entry (tests/CMakeLists.txt).
#
# The workbook of the 2023 fixture is unzipped with python3's zipfile and
# its sheets parsed with xml.etree (both standard library): every text of
# every sheet is Japanese (no English sentence, no file name, command or
# option), the rounding note says what the numbers do (and they do it), the
# frozen rows end with a header row and no chart starts inside them, the
# free-text sheets carry no organisation id, and -o FILE writes CSV with a
# UTF-8 BOM while stdout stays without one.
set -u

CASE=${1:?usage: e2e_workbook.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_workbook.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_workbook.sh CASE BINARY SOURCE_DIR}
EXPORT="$SRC/fixtures/hokkaido-2023/responses.csv"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e_workbook.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=1700000000

fail() {
    printf 'FAIL e2e_workbook.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}

book() {
    "$BIN" report -o "$TMP/r" "$EXPORT" >/dev/null 2>"$TMP/err" || fail "report: $(cat "$TMP/err")"
    [ -s "$TMP/r/report.xlsx" ] || fail "no report.xlsx"
}

# python3 CHECK: runs the check with `sheets` (name → list of rows, each a
# dict column letter → (text, style)), `drawings` (name → anchor rows) and
# `panes` (name → ySplit) of the workbook; it prints what is wrong.
check() {
    python3 - "$TMP/r/report.xlsx" "$1" <<'PY' >"$TMP/out" 2>&1 || fail "$(cat "$TMP/out")"
import re, sys, zipfile, xml.etree.ElementTree as ET
NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
      'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
      'p': 'http://schemas.openxmlformats.org/package/2006/relationships',
      'x': 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing'}
z = zipfile.ZipFile(sys.argv[1])
shared = []
if 'xl/sharedStrings.xml' in z.namelist():
    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', NS):
        shared.append(''.join(t.text or '' for t in si.iter('{%s}t' % NS['m'])))
rels = {r.get('Id'): r.get('Target') for r in ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))}
sheets, panes, drawings = {}, {}, {}
for s in ET.fromstring(z.read('xl/workbook.xml')).find('m:sheets', NS):
    name, path = s.get('name'), 'xl/' + rels[s.get('{%s}id' % NS['r'])]
    root = ET.fromstring(z.read(path))
    rows = {}
    for row in root.iter('{%s}row' % NS['m']):
        cells = {}
        for c in row.findall('m:c', NS):
            col = re.match(r'[A-Z]+', c.get('r')).group(0)
            v, text = c.find('m:v', NS), None
            if c.get('t') == 's':
                text = shared[int(v.text)]
            elif c.get('t') == 'inlineStr':
                text = ''.join(t.text or '' for t in c.iter('{%s}t' % NS['m']))
            elif v is not None:
                text = v.text
            cells[col] = (text, c.get('s'))
        rows[int(row.get('r'))] = cells
    sheets[name] = rows
    pane = root.find('.//m:pane', NS)
    panes[name] = int(float(pane.get('ySplit', 0))) if pane is not None else 0
    relpath = path.replace('worksheets/', 'worksheets/_rels/') + '.rels'
    drawings[name] = []
    if relpath in z.namelist():
        for r in ET.fromstring(z.read(relpath)):
            if r.get('Type', '').endswith('/drawing'):
                d = ET.fromstring(z.read('xl/drawings/' + r.get('Target').split('/')[-1]))
                drawings[name] += [int(f.find('x:row', NS).text) for f in d.iter('{%s}from' % NS['x'])]
def texts(name):
    return [t for row in sheets[name].values() for t, _ in row.values() if t]
bad = []
exec(open(sys.argv[2]).read())
if bad:
    print('\n'.join(bad[:20]))
    sys.exit(1)
PY
}

case_japanese_text() {
    book
    cat >"$TMP/c.py" <<'PY'
english = re.compile(r"[A-Za-z]{2,}[a-z]*(?:[ ,'()-]+[A-Za-z]{2,}){2,}")
tool = re.compile(r"--[a-z]|npo-survey|\.(?:csv|md|sav|dta|xlsx|pdf)\b|docs/|questionnaire/|reports/")
for name in sheets:
    for t in texts(name):
        if english.search(t):
            bad.append(f"{name}: an English sentence: {t[:80]}")
        if tool.search(t):
            bad.append(f"{name}: a tool word: {t[:80]}")
# the quality log's actions (column E under its header) are all Japanese
q = sheets['データ品質']
head = min(r for r, cells in q.items() if cells.get('E', (None,))[0] == '処理')
actions = [cells['E'][0] for r, cells in q.items() if r > head and 'E' in cells]
if len(actions) < 10:
    bad.append(f"データ品質: only {len(actions)} actions")
for a in actions:
    if not re.search(r'[\u3040-\u30ff\u4e00-\u9fff]', a):
        bad.append(f"データ品質: action not in Japanese: {a}")
PY
    check "$TMP/c.py"
}

case_rounding_note() {
    book
    cat >"$TMP/c.py" <<'PY'
from decimal import Decimal, ROUND_HALF_UP
note = [t for t in texts('概要') if '四捨五入' in t]
if not note or '小数第2位を四捨五入' not in note[0] or '小数第1位を四捨五入' in note[0]:
    bad.append(f"概要: rounding note: {note}")
# and the numbers do what it says: percent = count × 100 ÷ n, half up at the
# second decimal, on every table row of every question sheet
checked = 0
for name in sheets:
    if not re.fullmatch(r'Q\d\d', name):
        continue
    table = False  # under a header whose F column is the base: a frequency table
    for r in sorted(sheets[name]):
        cells = sheets[name][r]
        if cells.get('B', (None,))[0] == '回答数':
            table = cells.get('F', (None,))[0] == 'n（基数）'
            continue
        try:
            k, pct, n = int(cells['B'][0]), float(cells['C'][0]), int(cells['F'][0])
        except (KeyError, TypeError, ValueError):
            continue
        if not table or n == 0:
            continue
        want = (Decimal(k) * 100 / Decimal(n)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)
        checked += 1
        if abs(pct - float(want)) > 1e-9:
            bad.append(f"{name} row {r}: {k}/{n} written {pct}, expected {want}")
if checked < 500:
    bad.append(f"only {checked} percent cells checked")
PY
    check "$TMP/c.py"
}

case_panes_on_header_rows() {
    book
    cat >"$TMP/c.py" <<'PY'
head_style = [s for t, s in sheets['Q06'][panes['Q06']].values() if t == '回答数']
if not head_style:
    bad.append(f"Q06: the frozen row {panes['Q06']} is not the table's header")
head_style = head_style[0] if head_style else None
for name, split in panes.items():
    if split == 0:
        bad.append(f"{name}: no frozen rows")
        continue
    row = sheets[name].get(split, {})
    if not row or any(s != head_style for _, s in row.values()):
        bad.append(f"{name}: frozen row {split} is not a header row: {list(row.values())[:3]}")
    if any(s == head_style for r in range(1, split) for _, s in sheets[name].get(r, {}).values()):
        bad.append(f"{name}: a header row above the frozen one ({split})")
    for at in drawings[name]:
        if at < split:  # anchor rows count from 0: row `split` is the first scrolling one
            bad.append(f"{name}: a chart starts in the frozen rows (row {at + 1} of {split})")
if sum(len(d) for d in drawings.values()) < 30:
    bad.append("fewer than 30 charts found")
PY
    check "$TMP/c.py"
}

case_free_text_without_id() {
    book
    cat >"$TMP/c.py" <<'PY'
ids = re.compile(r'^R\d{3,}$')
for name in ('自由記述', 'テーマ別引用'):
    rows = sheets[name]
    split = panes[name]
    header = [t for t, _ in rows.get(split, {}).values()]
    if '団体ID' in header or not header:
        bad.append(f"{name}: header {header}")
    n = 0
    for r, cells in rows.items():
        for t, _ in cells.values():
            n += r > split
            if t and ids.match(t):
                bad.append(f"{name} row {r}: an organisation id {t}")
    if n < 50:
        bad.append(f"{name}: only {n} cells")
# the coded data keeps ids but no respondent text to join them with
data_head = [t for t, _ in sheets['回答データ'][1].values()]
if 'id' not in data_head or any(h in data_head for h in ('q5', 'q38', 'q39_1', 'q39_3')):
    bad.append(f"回答データ: header {data_head[:8]} …")
PY
    check "$TMP/c.py"
}

case_stacked_legend_room() {
    book
    cat >"$TMP/c.py" <<'PY'
# Every 100% stacked chart with its legend below leaves each category 30 px
# after the title and axes (170 px) and the legend: entries in columns as
# wide as the widest (8 px a unit + 24) on the chart's 820 px, a row 22 px.
# Q22's long entries take a row each; without that room LibreOffice
# squeezed the bars and dropped every other category label.
import math, unicodedata
C = 'http://schemas.openxmlformats.org/drawingml/2006/chart'
def units(t):
    return sum(2 if unicodedata.east_asian_width(ch) in 'WF' else 1 for ch in t)
def rel_targets(path):
    rp = path.rsplit('/', 1)[0] + '/_rels/' + path.rsplit('/', 1)[1] + '.rels'
    if rp not in z.namelist():
        return {}
    return {r.get('Id'): r.get('Target') for r in ET.fromstring(z.read(rp))}
def norm(base, target):
    parts = base.rsplit('/', 1)[0].split('/') + target.split('/')
    out = []
    for q in parts:
        if q == '..':
            out.pop()
        elif q != '.':
            out.append(q)
    return '/'.join(out)
seen = 0
for s in ET.fromstring(z.read('xl/workbook.xml')).find('m:sheets', NS):
    name, path = s.get('name'), 'xl/' + rels[s.get('{%s}id' % NS['r'])]
    root = ET.fromstring(z.read(path))
    fmt = root.find('m:sheetFormatPr', NS)
    default_pt = float(fmt.get('defaultRowHeight', 15)) if fmt is not None else 15.0
    ht = {int(r.get('r')) - 1: float(r.get('ht')) for r in root.iter('{%s}row' % NS['m']) if r.get('ht')}
    row_px = lambda r: ht.get(r, default_pt) * 4 / 3
    for rid, target in rel_targets(path).items():
        if not target.endswith('.xml') or 'drawing' not in target:
            continue
        dpath = norm(path, target)
        drels = rel_targets(dpath)
        for a in ET.fromstring(z.read(dpath)).iter('{%s}twoCellAnchor' % NS['x']):
            f, t = a.find('x:from', NS), a.find('x:to', NS)
            r0, r1 = int(f.find('x:row', NS).text), int(t.find('x:row', NS).text)
            height = sum(row_px(r) for r in range(r0, r1)) + (int(t.find('x:rowOff', NS).text) -
                                                               int(f.find('x:rowOff', NS).text)) / 9525
            ref = a.find('.//{%s}chart' % C)
            chart = ET.fromstring(z.read(norm(dpath, drels[ref.get('{%s}id' % NS['r'])])))
            grouping = chart.find('.//{%s}barChart/{%s}grouping' % (C, C))
            pos = chart.find('.//{%s}legend/{%s}legendPos' % (C, C))
            if grouping is None or grouping.get('val') != 'percentStacked' or pos is None or pos.get('val') != 'b':
                continue
            series = chart.findall('.//{%s}barChart/{%s}ser' % (C, C))
            names = [''.join(v.text or '' for v in sr.iter('{%s}v' % C) if v in list(sr.find('{%s}tx' % C).iter()))
                     for sr in series]
            cats = series[0].find('{%s}cat' % C).find('.//{%s}ptCount' % C)
            n = int(cats.get('val'))
            widest = max(units(x) for x in names)
            cols = max(1, (820 - 20) // int(widest * 8 + 24))
            legend_rows = math.ceil(len(names) / cols)
            need = 170 + 22 * (legend_rows - 1) + 30 * n
            seen += 1
            if height + 2 < need:
                bad.append(f"{name}: a stacked chart of {n} categories and {len(names)} legend entries "
                           f"({widest} units) is {height:.0f} px high, needs {need}")
if seen < 10:
    bad.append(f"only {seen} stacked charts with a legend below found")
PY
    check "$TMP/c.py"
}

case_csv_bom() {
    for cmd in tabulate flows; do
        "$BIN" "$cmd" --format csv -o "$TMP/$cmd.csv" "$EXPORT" 2>/dev/null || fail "$cmd -o"
        "$BIN" "$cmd" --format csv "$EXPORT" >"$TMP/$cmd.out" 2>/dev/null || fail "$cmd stdout"
        [ "$(head -c 3 "$TMP/$cmd.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "$cmd -o: no BOM"
        [ "$(head -c 3 "$TMP/$cmd.out" | od -An -tx1 | tr -d ' ')" != efbbbf ] || fail "$cmd stdout: a BOM"
        cmp -s <(tail -c +4 "$TMP/$cmd.csv") "$TMP/$cmd.out" || fail "$cmd: the file is not the BOM + stdout"
        python3 - "$TMP/$cmd.csv" <<'PY' || fail "$cmd: utf-8-sig"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
assert rows[0][0] in ('question', 'category'), rows[0]
assert any('無回答' in c for r in rows for c in r)
PY
    done
    "$BIN" tabulate --format json -o "$TMP/t.json" "$EXPORT" 2>/dev/null || fail "json -o"
    [ "$(head -c 1 "$TMP/t.json")" = "{" ] || [ "$(head -c 1 "$TMP/t.json")" = "[" ] || fail "json -o: not JSON first"
    # a file that cannot be made: exit 1, one message, nothing left behind
    "$BIN" tabulate --format csv -o "$TMP/no/such/dir/t.csv" "$EXPORT" >/dev/null 2>"$TMP/err"
    [ $? -eq 1 ] || fail "unwritable -o: exit status"
    grep -q "t.csv: No such file or directory" "$TMP/err" || fail "unwritable -o: $(cat "$TMP/err")"
}

"case_$CASE"
