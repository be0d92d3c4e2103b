#!/usr/bin/env python3
"""Consistency check for the questionnaire CSV files (format: README.md).

usage: python3 questionnaire/check.py [QUESTIONNAIRE_DIR] [GOLDEN_CSV]

QUESTIONNAIRE_DIR defaults to the folder of this script; GOLDEN_CSV (optional,
e.g. /work/shared/golden/seed-figures.csv) is a published-figures file whose
(question, option_index, option) rows are compared with the lists.
Prints a summary and one line per problem; exit status 1 if any problem.
Only the standard library is used.
"""
import csv
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = sys.argv[1] if len(sys.argv) > 1 else HERE
GOLDEN = sys.argv[2] if len(sys.argv) > 2 else None
problems = []


def bad(msg):
    problems.append(msg)


def load(name, header):
    path = os.path.join(DIR, name)
    raw = open(path, 'rb').read()
    if raw.startswith(b'\xef\xbb\xbf'):
        bad('%s: has a BOM' % name)
    if b'\r' in raw:
        bad('%s: has CR characters (LF line ends only)' % name)
    text = raw.decode('utf-8')
    rows = list(csv.reader(text.splitlines()))
    if rows[0] != header:
        bad('%s: header %r, expected %r' % (name, rows[0], header))
    out = []
    for ln, r in enumerate(rows[1:], 2):
        if len(r) != len(header):
            bad('%s:%d: %d fields, expected %d' % (name, ln, len(r), len(header)))
            continue
        for f in r:
            if f != f.strip():
                bad('%s:%d: field %r has surrounding white space' % (name, ln, f))
        d = dict(zip(header, r))
        d['_line'] = ln
        out.append(d)
    return out


survey = load('survey.csv', ['number', 'item', 'type', 'list', 'bins', 'unit', 'personal', 'label', 'title'])
choices = load('choices.csv', ['list_name', 'name', 'label', 'role'])
bins = load('bins.csv', ['bin_set', 'label', 'interval'])
troubles = load('troubles.csv', ['category', 'trouble'])
themes = load('themes.csv', ['theme', 'keyword'])
settings = load('settings.csv', ['key', 'value'])

# ---- choices
lists = {}
names = set()
for c in choices:
    key = (c['list_name'], c['name'])
    if key in names:
        bad('choices.csv:%d: duplicate name %s in list %s' % (c['_line'], c['name'], c['list_name']))
    names.add(key)
    if not re.fullmatch(r'[A-Za-z0-9_]+', c['name']):
        bad('choices.csv:%d: name %r is not a short ASCII id' % (c['_line'], c['name']))
    if c['role'] not in ('', 'other', 'exclusive'):
        bad('choices.csv:%d: unknown role %r' % (c['_line'], c['role']))
    if c['role'] == 'other' and c['label'] != 'その他':
        bad('choices.csv:%d: other option labelled %r' % (c['_line'], c['label']))
    lists.setdefault(c['list_name'], []).append(c)
for ln, opts in lists.items():
    labels = [o['label'] for o in opts]
    if len(set(labels)) != len(labels):
        bad('choices.csv: list %s has duplicate labels' % ln)
    if sum(o['role'] == 'other' for o in opts) > 1:
        bad('choices.csv: list %s has more than one other option' % ln)

# ---- bins
binsets = {}
for b in bins:
    binsets.setdefault(b['bin_set'], []).append(b)
NUM = re.compile(r'^([\[(])(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)?([\])])$')
for bs, rows in binsets.items():
    prev = None  # (upper, upper_closed)
    open_end = False
    words = False
    for b in rows:
        iv = b['interval']
        if iv in ('other', 'unknown'):
            words = True
            continue
        m = NUM.match(iv)
        if not m:
            bad('bins.csv:%d: bad interval %r' % (b['_line'], iv))
            continue
        if words or open_end:
            bad('bins.csv:%d: numeric bin after an open or word bin in %s' % (b['_line'], bs))
        lo_closed, lo, hi, hi_br = m.group(1) == '[', float(m.group(2)), m.group(3), m.group(4)
        if hi is None:
            if hi_br != ')':
                bad('bins.csv:%d: open upper end must be written ",)"' % b['_line'])
            open_end = True
            hi_v, hi_closed = None, False
        else:
            hi_v, hi_closed = float(hi), hi_br == ']'
            if hi_v < lo or (hi_v == lo and not (lo_closed and hi_closed)):
                bad('bins.csv:%d: empty interval %s' % (b['_line'], iv))
        if prev is not None:
            pu, pc = prev
            if pu != lo or pc == lo_closed:
                bad('bins.csv:%d: %s does not join the previous bin of %s (gap or overlap)' % (b['_line'], iv, bs))
        prev = (hi_v, hi_closed)

# ---- survey
TYPES = {'text', 'select_one', 'select_multiple', 'matrix', 'number', 'rating', 'group'}
UNITS = {'', 'count', 'percent', 'average', 'area'}
questions = {}
order = []
for r in survey:
    n = int(r['number'])
    if r['item'] == '':
        if n in questions:
            bad('survey.csv:%d: question %d twice' % (r['_line'], n))
        if r['type'] not in TYPES:
            bad('survey.csv:%d: unknown type %r' % (r['_line'], r['type']))
        if not r['label'] or not r['title']:
            bad('survey.csv:%d: question without label or title' % r['_line'])
        questions[n] = dict(r, items=[])
        order.append(n)
    else:
        if n not in questions:
            bad('survey.csv:%d: item before its question' % r['_line'])
            continue
        q = questions[n]
        q['items'].append(r)
        if int(r['item']) != len(q['items']):
            bad('survey.csv:%d: item %s out of order' % (r['_line'], r['item']))
        want = {'matrix': ('',), 'group': ('text', 'number')}.get(q['type'])
        if want is None:
            bad('survey.csv:%d: question %d of type %s cannot have items' % (r['_line'], n, q['type']))
        elif r['type'] not in want:
            bad('survey.csv:%d: item type %r not allowed in a %s' % (r['_line'], r['type'], q['type']))
        if r['list'] or r['personal'] or r['title']:
            bad('survey.csv:%d: item rows carry no list, personal or title' % r['_line'])
    if r['unit'] not in UNITS:
        bad('survey.csv:%d: unknown unit %r' % (r['_line'], r['unit']))
    if r['bins'] and r['bins'] not in binsets:
        bad('survey.csv:%d: unknown bin set %r' % (r['_line'], r['bins']))
    numeric = r['type'] == 'number'
    if numeric != bool(r['bins']) or numeric != bool(r['unit']):
        bad('survey.csv:%d: number fields need bins and unit, others none' % r['_line'])
if order != list(range(1, len(order) + 1)):
    bad('survey.csv: questions not numbered 1..n in order')
for n, q in questions.items():
    needs_list = q['type'] in ('select_one', 'select_multiple', 'matrix')
    if needs_list and q['list'] not in lists:
        bad('survey.csv:%d: Q%d refers to unknown list %r' % (q['_line'], n, q['list']))
    if not needs_list and q['list']:
        bad('survey.csv:%d: Q%d of type %s has a list' % (q['_line'], n, q['type']))
    if q['type'] in ('matrix', 'group') and not q['items']:
        bad('survey.csv:%d: Q%d has no items' % (q['_line'], n))
used = {q['list'] for q in questions.values() if q['list']}
for ln in lists:
    if ln not in used:
        bad('choices.csv: list %s is not used by any question' % ln)
personal = {q['personal']: n for n, q in questions.items() if q['personal']}
if personal != {'name': 1, 'organisation': 2, 'email': 3, 'phone': 4}:
    bad('survey.csv: personal fields %r' % personal)


def rows_of(n):
    return [i['label'] for i in questions[n]['items']]


def opts_of(n):
    return lists.get(questions[n]['list'], [])


# ---- the seed survey's expected shape
for n, k in ((22, 33), (24, 37), (25, 5)):
    if len(rows_of(n)) != k:
        bad('Q%d has %d rows, expected %d' % (n, len(rows_of(n)), k))
for n, k in ((6, 10), (7, 7), (8, 13), (9, 11), (10, 11), (11, 6), (12, 7), (34, 10), (35, 11), (36, 6)):
    if len(opts_of(n)) != k:
        bad('Q%d has %d options, expected %d' % (n, len(opts_of(n)), k))
for n in (6, 7, 8, 9, 10, 11, 12, 34, 35, 36):
    o = opts_of(n)
    if not o or o[-1]['role'] != 'exclusive' or sum(x['role'] == 'exclusive' for x in o) != 1:
        bad('Q%d: the last option should be the only exclusive one' % n)

# ---- troubles
tq = int(dict((s['key'], s['value']) for s in settings).get('troubles_question', 0))
rows22 = [x for x in rows_of(tq) if x != 'その他'] if tq in questions else []
cats = []
seen = {}
for t in troubles:
    if t['category'] not in cats:
        cats.append(t['category'])
    if t['trouble'] in seen:
        bad('troubles.csv:%d: %s already in %s' % (t['_line'], t['trouble'], seen[t['trouble']]))
    seen[t['trouble']] = t['category']
    if t['trouble'] not in rows22:
        bad('troubles.csv:%d: %s is not a Q%d row' % (t['_line'], t['trouble'], tq))
for x in rows22:
    if x not in seen:
        bad('troubles.csv: Q%d row %s is in no category' % (tq, x))
if cats != ['人間関係', '心身の状態', '環境の変化', '家庭起因', 'その他']:
    bad('troubles.csv: categories %r' % cats)

# ---- themes
tnames = []
for t in themes:
    if t['theme'] not in tnames:
        tnames.append(t['theme'])
    if unicodedata.normalize('NFKC', t['keyword']) != t['keyword']:
        bad('themes.csv:%d: keyword %r changes under NFKC' % (t['_line'], t['keyword']))
if tnames != ['財政面', '人材面', 'モノと場所', 'アウトリーチ', '連携']:
    bad('themes.csv: themes %r' % tnames)
for th in tnames:
    k = sum(t['theme'] == th for t in themes)
    if not 5 <= k <= 15:
        bad('themes.csv: theme %s has %d keywords' % (th, k))

# ---- settings
S = {}
for s in settings:
    if s['key'] in S:
        bad('settings.csv:%d: duplicate key %s' % (s['_line'], s['key']))
    S[s['key']] = s['value']
for key in ('troubles_question', 'gap_business_questions', 'gap_staff_question', 'gap_users_question',
            'theme_questions', 'free_text_questions', 'organisation_question', 'email_question'):
    for v in S.get(key, '').split():
        if int(v) not in questions:
            bad('settings.csv: %s names unknown question %s' % (key, v))

# ---- golden labels
checked = 0
if GOLDEN:
    with open(GOLDEN, encoding='utf-8') as f:
        for g in csv.DictReader(f):
            if not g['option_index']:
                continue
            n = int(g['question'].lstrip('Q'))
            idx = int(g['option_index'])
            q = questions.get(n)
            if q is None:
                bad('golden: unknown question %s' % g['question'])
                continue
            if q['type'] == 'rating':
                want = '★' * idx
            elif q['type'] == 'number' or (q['type'] == 'group' and g['item_index']):
                it = q if q['type'] == 'number' else q['items'][int(g['item_index']) - 1]
                bl = binsets[it['bins']]
                want = bl[idx - 1]['label'] if idx <= len(bl) else None
            else:
                o = opts_of(n)
                want = o[idx - 1]['label'] if idx <= len(o) else None
            checked += 1
            if want != g['option']:
                bad('golden %s %s option %d: golden %r, questionnaire %r' % (g['figure'], g['question'], idx, g['option'], want))

print('questions %d, items %d, lists %d, options %d, bin sets %d, bins %d, troubles %d in %d categories, themes %d (%d keywords)'
      % (len(questions), sum(len(q['items']) for q in questions.values()), len(lists), len(choices),
         len(binsets), len(bins), len(troubles), len(cats), len(tnames), len(themes)))
print('rows: Q22 %d, Q24 %d, Q25 %d' % (len(rows_of(22)), len(rows_of(24)), len(rows_of(25))))
print('options: ' + ', '.join('Q%d %d' % (n, len(opts_of(n))) for n in (6, 7, 8, 9, 10, 11, 12, 26, 29, 30, 32, 34, 35, 36)))
if GOLDEN:
    print('golden option labels checked: %d' % checked)
for p in problems:
    print('PROBLEM: ' + p)
print('OK' if not problems else '%d problem(s)' % len(problems))
sys.exit(1 if problems else 0)
