#!/usr/bin/env python3
"""The baseline a survey analyst would write with pandas: read the export,
value_counts() every closed question, print the counts as CSV.

usage: python3 bench/pandas_tabulate.py EXPORT_CSV > counts.csv
(Debian: apt-get install python3-pandas; run with /usr/bin/python3.)

Columns are found by their header's question number (`Q6.`, `Q13-2.`,
`Q22. … [row]`) and typed from questionnaire/survey.csv. Multiple choice is
split on ", " — less correct than npo-survey (labels such as 「寮、社宅（…）」
or write-ins may hold commas, and write-ins are counted as options of their
own), but it is what people write. Numbers go through pd.to_numeric (so 約10,
３, 5～6 and 2割 are lost, where npo-survey reads them) and pd.cut with the
questionnaire's bins. No duplicate removal, no quality log.
"""
import csv
import math
import os
import re
import sys

import pandas as pd

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
QDIR = os.path.join(ROOT, 'questionnaire')


def read(name):
    with open(os.path.join(QDIR, name), encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


def questionnaire():
    kinds, bins = {}, {}
    parent = {}
    for r in read('survey.csv'):
        n, item = int(r['number']), r['item']
        if item == '':
            parent[n] = r['type']
            kinds[(n, 0)] = (r['type'], r['bins'])
        else:
            t = r['type'] or parent[n]
            kinds[(n, int(item))] = (t if t else 'matrix', r['bins'])
    for r in read('bins.csv'):
        bins.setdefault(r['bin_set'], []).append(r)
    return parent, kinds, bins


HEAD = re.compile(r'^Q(\d+)(?:-(\d+))?\.')


def main():
    parent, kinds, bins = questionnaire()
    df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
    out = csv.writer(sys.stdout, lineterminator='\n')
    out.writerow(['column', 'value', 'count'])
    for col in df.columns:
        m = HEAD.match(col)
        if not m:
            continue
        n, item = int(m.group(1)), int(m.group(2) or 0)
        qtype = parent.get(n)
        kind, bin_set = kinds.get((n, item), (qtype, ''))
        s = df[col].str.strip()
        if qtype == 'matrix' or kind in ('select_one', 'rating'):
            counts = s.replace('', '無回答').value_counts()
        elif kind == 'select_multiple':
            counts = s.replace('', '無回答').str.split(', ').explode().value_counts()
        elif kind == 'number' and bin_set:
            edges = [b for b in bins[bin_set] if b['interval'] not in ('other', 'unknown')]
            cuts = [-math.inf] + [float(b['interval'].strip('[]()').split(',')[1] or math.inf)
                                  for b in edges]
            values = pd.to_numeric(s, errors='coerce')
            counts = pd.cut(values, sorted(set(cuts)), labels=[b['label'] for b in edges][:len(set(cuts)) - 1],
                            right=True).value_counts(dropna=False)
        else:
            continue  # free text
        for value, count in counts.items():
            out.writerow([col[:20], value, count])


if __name__ == '__main__':
    main()
