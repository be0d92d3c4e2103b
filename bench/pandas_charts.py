#!/usr/bin/env python3
"""The charts baseline: pandas + matplotlib drawing one PNG per closed
question of the export, the way an analyst would script the report's
figures by hand.

usage: python3 bench/pandas_charts.py EXPORT_CSV OUT_DIR
(Debian: apt-get install python3-pandas python3-matplotlib fonts-noto-cjk;
run with /usr/bin/python3.)

Single and multiple choice (split on ", ") and ratings: horizontal bars of
percent of respondents, the 40 most frequent values (write-ins make thousands
of distinct values in a large export). Matrices (Q22, Q24, Q25) and numeric groups (Q13–Q20,
Q28, Q31): 100% stacked bars, one bar per row or item, numbers binned with
the questionnaire's bins. Japanese text in Noto Sans CJK JP, registered
through matplotlib's font_manager.addfont.
"""
import csv
import math
import os
import re
import sys

import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
import pandas as pd  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
QDIR = os.path.join(ROOT, 'questionnaire')
FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
TOP = 40  # bars per chart: write-ins make thousands of distinct values at 100,000 responses


def read(name):
    with open(os.path.join(QDIR, name), encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


HEAD = re.compile(r'^Q(\d+)(?:-(\d+))?\.')


def binned(s, bin_rows):
    edges = [b for b in bin_rows if b['interval'] not in ('other', 'unknown')]
    uppers = []
    for b in edges:
        hi = b['interval'].strip('[]()').split(',')[1]
        uppers.append(float(hi) if hi else math.inf)
    cuts, labels = [-math.inf], []
    for b, hi in zip(edges, uppers):
        if hi > cuts[-1]:
            cuts.append(hi)
            labels.append(b['label'])
    return pd.cut(pd.to_numeric(s, errors='coerce'), cuts, labels=labels, right=True)


def main():
    path, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    font_manager.fontManager.addfont(FONT)
    plt.rcParams['font.family'] = 'Noto Sans CJK JP'
    qs, items = {}, {}
    for r in read('survey.csv'):
        n = int(r['number'])
        if r['item'] == '':
            qs[n] = r
        else:
            items[(n, int(r['item']))] = r
    bins = {}
    for r in read('bins.csv'):
        bins.setdefault(r['bin_set'], []).append(r)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    by_q = {}
    for col in df.columns:
        m = HEAD.match(col)
        if m:
            by_q.setdefault(int(m.group(1)), []).append((int(m.group(2) or 0), col))
    n_resp = len(df)
    written = 0
    for n, cols in sorted(by_q.items()):
        q = qs[n]
        t = q['type']
        title = 'Q%d %s' % (n, q['title'] or q['label'][:30])
        if t in ('select_one', 'select_multiple', 'rating'):
            s = df[cols[0][1]].str.strip()
            s = s[s != '']
            if t == 'select_multiple':
                s = s.str.split(', ').explode()
            pct = s.value_counts().head(TOP) * 100.0 / n_resp
            if t == 'rating':
                pct = pct.sort_index(key=lambda x: x.astype(int))
            fig, ax = plt.subplots(figsize=(8, 0.35 * len(pct) + 1.5))
            pct.iloc[::-1].plot.barh(ax=ax, color='#4878a8')
            ax.set_xlabel('%')
        elif t in ('matrix', 'group'):
            rows = {}
            for item, col in cols:
                it = items.get((n, item), {})
                s = df[col].str.strip()
                if t == 'group':
                    if it.get('type') != 'number':
                        continue
                    s = binned(s, bins[it['bins']]).astype(str)
                row = re.search(r'\[(.*)\]$', col) if t == 'matrix' else None
                label = row.group(1) if row else it.get('label', col)
                rows[label[:24]] = s[s.isin(['', 'nan']) == False].value_counts()  # noqa: E712
            if not rows:
                continue
            table = pd.DataFrame(rows).T.fillna(0)
            table = table.div(table.sum(axis=1).replace(0, 1), axis=0) * 100
            fig, ax = plt.subplots(figsize=(9, 0.3 * len(table) + 2))
            table.iloc[::-1].plot.barh(stacked=True, ax=ax, legend=True, width=0.8)
            ax.legend(fontsize=6, loc='lower center', bbox_to_anchor=(0.5, 1.0), ncol=3)
            ax.set_xlabel('%')
        elif t == 'number':
            s = binned(df[cols[0][1]].str.strip(), bins[q['bins']]).astype(str)
            pct = s[s != 'nan'].value_counts() * 100.0 / n_resp
            fig, ax = plt.subplots(figsize=(8, 0.35 * len(pct) + 1.5))
            pct.iloc[::-1].plot.barh(ax=ax, color='#4878a8')
        else:
            continue  # free text
        ax.set_title(title, fontsize=9, pad=40 if t in ('matrix', 'group') else 6)
        ax.tick_params(labelsize=7)
        fig.tight_layout()
        fig.savefig(os.path.join(out_dir, 'q%02d.png' % n), dpi=150)
        plt.close(fig)
        written += 1
    print('%d charts written to %s' % (written, out_dir))


if __name__ == '__main__':
    main()
