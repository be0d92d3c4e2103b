#!/usr/bin/env python3
"""Benchmark npo-survey against what users would run instead, side by side.

usage: python3 bench/run.py [--sizes 65,2000,20000,100000] [--runs N] [--out FILE.md]
                            [--only tabulate|charts|report|...] [--install]

Builds a Release build (-O2, no sanitizers) in build-bench/, compiles
bench/csvcount.c (libcsv's raw parse speed), generates the exports
(65 = the real fixture fixtures/hokkaido-2023/responses.csv; other sizes with
bench/generate.py into build-bench/data/, kept between runs), and times each
command N times (median; at least 3, 10 for the 65-response fixture), with
peak memory from /usr/bin/time -v. Prints a Markdown table with ratios, then
the report at scale (the report's time, peak memory and seconds per 1,000
responses beside the pandas + matplotlib charts at each size), and writes
both to build-bench/results.md (or --out).

Compared, on the same file:
  libcsv raw      build-bench/csvcount FILE                  (the ceiling of a libcsv reader)
  tabulate        npo-survey tabulate --format csv FILE
  pandas tabulate bench/pandas_tabulate.py FILE              (read_csv + value_counts)
  charts          npo-survey charts --format png -o DIR FILE
  report          npo-survey report -o DIR FILE              (PDF + workbook + charts)
                  and the same with NPS_RENDER_THREADS=1     (everything on one thread)
  pandas charts   bench/pandas_charts.py FILE DIR            (pandas + matplotlib PNGs)

Needs (Debian): build-essential cmake pkg-config libcsv-dev and the project's
libraries (scripts/setup-debian.sh), plus python3-pandas python3-matplotlib
time. --install installs the bench's own packages with apt-get (as root).
The pandas commands run under /usr/bin/python3 (Debian's pandas) with
OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (set on some machines here for
old OpenBLAS builds; they slow a current numpy) — in those commands only.
"""
import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..'))
BUILD = os.path.join(ROOT, 'build-bench')
DATA = os.path.join(BUILD, 'data')
FIXTURE = os.path.join(ROOT, 'fixtures', 'hokkaido-2023', 'responses.csv')
PY = '/usr/bin/python3'
BENCH_PACKAGES = ['python3-pandas', 'python3-matplotlib', 'time', 'fonts-noto-cjk']


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def check_deps(install):
    missing = []
    for pkg in BENCH_PACKAGES:
        r = subprocess.run(['dpkg-query', '-W', '-f=${Status}', pkg], capture_output=True, text=True)
        if 'install ok installed' not in r.stdout:
            missing.append(pkg)
    if missing and install:
        env = dict(os.environ, DEBIAN_FRONTEND='noninteractive')
        sh(['apt-get', 'update', '-qq'], env=env)
        sh(['apt-get', 'install', '-y', '-qq', '--no-install-recommends'] + missing, env=env)
        missing = []
    if missing:
        sys.exit('bench: missing packages: %s\n  install: apt-get install %s  (or run with --install)'
                 % (' '.join(missing), ' '.join(missing)))


def build():
    sh(['cmake', '-S', ROOT, '-B', BUILD, '-DCMAKE_BUILD_TYPE=Release',
        '-DCMAKE_C_FLAGS_RELEASE=-O2 -DNDEBUG', '-DNPS_SANITIZE=OFF'], stdout=subprocess.DEVNULL)
    sh(['cmake', '--build', BUILD, '-j2', '--target', 'npo-survey'], stdout=subprocess.DEVNULL)
    sh(['cc', '-O2', '-Wall', '-Wextra', '-o', os.path.join(BUILD, 'csvcount'),
        os.path.join(HERE, 'csvcount.c'), '-lcsv'])


def dataset(n):
    if n == 65:
        return FIXTURE
    os.makedirs(DATA, exist_ok=True)
    path = os.path.join(DATA, 'responses-%d.csv' % n)
    gen = os.path.join(HERE, 'generate.py')
    if not os.path.exists(path) or os.path.getmtime(path) < os.path.getmtime(gen):
        print('bench: generating %d responses → %s' % (n, os.path.relpath(path, ROOT)), file=sys.stderr)
        sh([sys.executable, gen, str(n), path + '.tmp'])
        os.replace(path + '.tmp', path)
    return path


NICE = []


def measure(cmd, runs, env=None, prepare=None):
    """Median wall time (s), peak RSS (MB) and CPU time (user + sys, s) of the
    median run; None if it failed."""
    times, rss, cpu, err = [], [], [], ''
    for _ in range(runs):
        if prepare:
            prepare()
        with tempfile.NamedTemporaryFile('r', suffix='.time') as tf:
            t0 = time.perf_counter()
            r = subprocess.run(NICE + ['/usr/bin/time', '-v', '-o', tf.name] + cmd, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            dt = time.perf_counter() - t0
            if r.returncode != 0:
                return None, None, None, r.stderr.strip().splitlines()[-1:] or ['exit %d' % r.returncode]
            peak, used = 0, 0.0
            for line in tf.read().splitlines():
                if 'Maximum resident set size' in line:
                    peak = int(line.split(':')[1]) / 1024.0
                elif 'User time' in line or 'System time' in line:
                    used += float(line.split(':')[1])
        times.append(dt)
        rss.append(peak)
        cpu.append(used)
    order = sorted(range(runs), key=lambda i: times[i])
    mid = order[len(order) // 2]
    return statistics.median(times), rss[mid], cpu[mid], err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--sizes', default='65,2000,20000,100000')
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--only', default='')
    ap.add_argument('--out', default=os.path.join(BUILD, 'results.md'))
    ap.add_argument('--install', action='store_true')
    ap.add_argument('--no-build', action='store_true')
    ap.add_argument('--heavy-runs', type=int, default=1,
                    help='runs of the chart and report commands above 20,000 responses (pandas takes minutes)')
    ap.add_argument('--nice', type=int, default=0,
                    help='run every timed command under nice -n N (e.g. -10 on a machine shared with other work)')
    a = ap.parse_args()
    check_deps(a.install)
    if a.nice:
        NICE[:] = ['nice', '-n', str(a.nice)]
    if not a.no_build:
        build()
    exe = os.path.join(BUILD, 'npo-survey')
    pyenv = {k: v for k, v in os.environ.items() if k not in ('OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE')}
    scratch = tempfile.mkdtemp(prefix='nps-bench-')
    commit = subprocess.run(['git', '-C', ROOT, 'rev-parse', '--short', 'HEAD'],
                            capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(['git', '-C', ROOT, 'status', '--porcelain', '--untracked-files=no'],
                           capture_output=True, text=True).stdout.strip()
    cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')
    header = ('%s · %s · %d cores · %s · commit %s%s · load average at start %.1f%s' % (
        datetime.date.today().isoformat(), cpu, os.cpu_count(), platform.platform(terse=True),
        commit, ' (+ local changes)' if dirty else '', os.getloadavg()[0],
        ' · commands under nice -n %d' % a.nice if a.nice else ''))
    lines = [header, '',
             '| responses | file MB | command | median s | MB/s | CPU s | peak RSS MB | vs npo-survey |',
             '|---:|---:|---|---:|---:|---:|---:|---|']
    print(header)

    scale = []  # (responses, report s, report MB, report CPU s, pandas charts s)

    def out_dir(name):
        d = os.path.join(scratch, name)

        def prep():
            shutil.rmtree(d, ignore_errors=True)
        return d, prep

    for n in [int(x) for x in a.sizes.split(',')]:
        path = dataset(n)
        mb = os.path.getsize(path) / 1e6
        runs = max(a.runs, 10 if n <= 1000 else 3)
        cdir, cprep = out_dir('charts')
        rdir, rprep = out_dir('report')
        pdir, pprep = out_dir('pandas-charts')
        cmds = [
            ('libcsv raw (csvcount)', 'csv', [os.path.join(BUILD, 'csvcount'), path], None, None),
            ('npo-survey tabulate --format csv', 'tab', [exe, 'tabulate', '--format', 'csv', path], None, None),
            ('  same, one thread (NPS_READ_THREADS=1)', 'tab1', [exe, 'tabulate', '--format', 'csv', path],
             dict(os.environ, NPS_READ_THREADS='1'), None),
            ('pandas read_csv + value_counts', 'ptab', [PY, os.path.join(HERE, 'pandas_tabulate.py'), path],
             pyenv, None),
            ('npo-survey charts --format png', 'charts', [exe, 'charts', '--format', 'png', '-o', cdir, path],
             None, cprep),
            ('npo-survey charts --format svg', 'svg', [exe, 'charts', '--format', 'svg', '-o', cdir, path],
             None, cprep),
            ('npo-survey report', 'report', [exe, 'report', '-o', rdir, path], None, rprep),
            ('  same, one thread (NPS_RENDER_THREADS=1)', 'report1', [exe, 'report', '-o', rdir, path],
             dict(os.environ, NPS_RENDER_THREADS='1'), rprep),
            ('pandas + matplotlib charts', 'pcharts', [PY, os.path.join(HERE, 'pandas_charts.py'), path, pdir],
             pyenv, pprep),
        ]
        res, cpu_of, rss_of = {}, {}, {}
        for label, key, cmd, env, prep in cmds:
            if a.only and key not in a.only.split(','):
                continue
            load = os.getloadavg()[0]
            heavy = key in ('charts', 'svg', 'report', 'report1', 'pcharts') and n > 20000
            t, rss, used, err = measure(cmd, a.heavy_runs if heavy else runs, env, prep)
            res[key] = t
            cpu_of[key] = used
            rss_of[key] = rss
            print('  %6d  %-36s %s  (load %.1f)' % (n, label, '%.3f s  %.0f MB' % (t, rss) if t else
                                                     'failed: %s' % err, load), file=sys.stderr)
            if t is None:
                lines.append('| %d | %.1f | %s | n/a (%s) | | | | |' % (n, mb, label, ' '.join(err)[:60]))
                continue
            lines.append('| %d | %.1f | %s | %.3f | %.0f | %.3f | %.0f | %s |' % (
                n, mb, label, t, mb / t, used, rss, '{%s}' % key))
        # ratios against npo-survey, filled in now that all times are known
        for i, l in enumerate(lines):
            for key, base, word in (('csv', 'tab', 'tabulate runs at {:.0%} of libcsv'),
                                    ('tab1', 'tab1', ''), ('svg', 'svg', ''),
                                    ('ptab', 'tab', 'tabulate {:.1f}× faster'),
                                    ('pcharts', 'charts', 'charts {:.1f}× faster'),
                                    ('report', 'report', ''), ('report1', 'report1', ''),
                                    ('tab', 'tab', ''), ('charts', 'charts', '')):
                tag = '{%s}' % key
                if tag in l and l.startswith('| %d |' % n):
                    text = ''
                    if key == 'csv' and res.get('tab'):
                        text = word.format(res['csv'] / res['tab'])
                        if res.get('tab1'):
                            text += ' ({:.0%} with one thread)'.format(res['csv'] / res['tab1'])
                    elif key in ('ptab', 'pcharts') and res.get(base):
                        text = word.format(res[key] / res[base])
                        if cpu_of[base] >= 0.01:  # /usr/bin/time counts in 10 ms steps
                            text += ' (CPU time: %.1f×)' % (cpu_of[key] / cpu_of[base])
                        if key == 'pcharts' and res.get('report'):
                            text += '; report %.1f× faster (CPU time: %.1f×)' % (
                                res[key] / res['report'], cpu_of[key] / max(cpu_of['report'], 0.01))
                    lines[i] = l.replace(tag, text)
        if res.get('report'):
            scale.append((n, res['report'], rss_of['report'], cpu_of['report'], res.get('pcharts')))
    if scale:
        lines += ['', 'The report at scale (same run):', '',
                  '| responses | report s | peak RSS MB | CPU s | s per 1,000 responses | '
                  'pandas + matplotlib charts s | report vs pandas charts |',
                  '|---:|---:|---:|---:|---:|---:|---|']
        for n, t, rss, used, pt in scale:
            lines.append('| %d | %.3f | %.0f | %.3f | %.3f | %s | %s |' % (
                n, t, rss, used, t * 1000.0 / n, '%.3f' % pt if pt else 'n/a',
                '%.2f× as fast' % (pt / t) if pt else ''))
    shutil.rmtree(scratch, ignore_errors=True)
    table = '\n'.join(lines) + '\n'
    print(table)
    with open(a.out, 'w', encoding='utf-8') as f:
        f.write(table)


if __name__ == '__main__':
    main()
