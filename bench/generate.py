#!/usr/bin/env python3
"""Generate a benchmark export of the built-in questionnaire: N invented
organisations answering the 2023 Hokkaido NPO survey, as a Google Forms CSV.

usage: python3 bench/generate.py N [OUT_CSV [SEED]]     (OUT_CSV '-' or absent: stdout)

Deterministic: one fixed seed per N (or the SEED given), no clock, no environment; Python 3
standard library only. Every label (questions, rows, options) is read from
questionnaire/*.csv, with the header conventions of
fixtures/hokkaido-2023/generate.py: `タイムスタンプ`, `Q{n}. {label}`,
`Q{n}. {label} [{row}]` (Google grids), `Q{n}-{i}. {label}` (groups).

The answers are realistic rather than meaningful: options drawn with skewed
weights, "other" write-ins (a bare text among the chosen labels, as Google
writes them), exclusive "none" options alone, blanks (skipped questions and
whole skipped groups), messy numbers (約10, ３, 5～6, 2割, 20名程度, 1,200,
なし, 不明, -, 6畳, 20坪), and long-ish free text built from the seed report's
own answers (fixtures/hokkaido-2023/seed-answers.csv) and sentence
fragments. Organisation names and e-mails are unique, so no response is a
duplicate: the tabulated base is N. About 4.5 KB per response: 20,000
responses make ~90 MB.
"""
import csv
import io
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..'))
QDIR = os.path.join(ROOT, 'questionnaire')
SEED_ANSWERS = os.path.join(ROOT, 'fixtures', 'hokkaido-2023', 'seed-answers.csv')


def read_csv(path):
    with open(path, encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


QUESTIONS, ORDER = {}, []
for r in read_csv(os.path.join(QDIR, 'survey.csv')):
    n = int(r['number'])
    if r['item'] == '':
        QUESTIONS[n] = dict(number=n, type=r['type'], list=r['list'], unit=r['unit'],
                            personal=r['personal'], label=r['label'], items=[])
        ORDER.append(n)
    else:
        QUESTIONS[n]['items'].append(dict(item=int(r['item']), type=r['type'] or 'matrix_row',
                                          unit=r['unit'], bins=r['bins'], label=r['label']))
LISTS = {}
for r in read_csv(os.path.join(QDIR, 'choices.csv')):
    LISTS.setdefault(r['list_name'], []).append(r)
SEED = [r['text'] for r in read_csv(SEED_ANSWERS) if len(r['text']) > 4]


def columns():
    """(question, item, kind, unit, bins, list) per export column, in form order."""
    cols = []
    head = ['タイムスタンプ']
    for n in ORDER:
        q = QUESTIONS[n]
        if not q['items']:
            cols.append((n, 0, q['type'], q['unit'], '', q['list']))
            head.append('Q%d. %s' % (n, q['label']))
        elif q['type'] == 'matrix':
            for it in q['items']:
                cols.append((n, it['item'], 'matrix', '', '', q['list']))
                head.append('Q%d. %s [%s]' % (n, q['label'], it['label']))
        else:
            for it in q['items']:
                cols.append((n, it['item'], it['type'], it['unit'], it['bins'], ''))
                head.append('Q%d-%d. %s' % (n, it['item'], it['label']))
    return head, cols


# ---------------------------------------------------------------- word banks
SURNAMES = ('佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 加藤 吉田 山田 佐々木 山口 松本 井上 木村 斎藤 '
            '清水 山崎 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 '
            '遠藤 青木 坂本 福田 太田 西村 藤井 岡本 松田 中川 原田 小野 竹内 金子 和田 中野').split()
GIVEN = ('陽子 恵美 裕子 直樹 健一 美穂 由美 浩二 真由美 聡 智子 誠 明美 大輔 幸子 拓也 典子 隆 '
         '香織 和也 久美子 修 千尋 亮 早苗 翔太 里美 勝也 麻衣 康弘').split()
ROMAJI = ('sato suzuki takahashi tanaka ito watanabe yamamoto nakamura kato yoshida yamada '
          'sasaki yamaguchi matsumoto inoue kimura saito shimizu yamazaki ikeda').split()
ORG_HEADS = ('こどもの森 ひだまり にじいろ すくすく あそび場 まなびや おひさま どんぐり つむぎ わくわく '
             'ふたば こもれび みちくさ さくら 白樺 えにし わっか いろり しらかば こぶし ななかまど '
             'あゆみ あかり つばさ みのり ひまわり いぶき こころ はるかぜ のびのび すまいる きらり '
             'いきいき ぬくもり あんしん えがお つばき あした ひかり あしあと ともしび すみか はまなす '
             'ほのか すずらん ぽかぽか わかちあい めぐみ あすなろ よりそい つなぐ むすび ほんのわ '
             'かもめ えぞりす はなみずき そなえ').split()
ORG_TAILS = ('ネット 食堂 広場 の家 サロン クラブ の会 ネットワーク サポート 工房 カフェ ステーション '
             'センター プロジェクト 応援団 相談室 ホーム 学習会 ひろば ラボ').split()
CITIES = ('札幌 旭川 函館 釧路 帯広 北見 小樽 苫小牧 江別 室蘭 岩見沢 千歳 恵庭 北広島 石狩 登別 '
          '伊達 名寄 稚内 網走 滝川 富良野 留萌 紋別 根室 七飯 音更 白老 余市 倶知安').split()
PREFIXES = ['特定非営利活動法人', '特定非営利活動法人', 'NPO法人', 'ＮＰＯ法人', '一般社団法人',
            '任意団体', '公益社団法人', '社会福祉法人']
FRAGMENTS = [
    '地域の子どもたちが安心して過ごせる居場所を週に三回開いています',
    '利用者の多くは近隣の小中学生とその保護者で、口コミで広がってきました',
    'スタッフの高齢化が進んでおり、次の担い手をどう育てるかが課題です',
    '行政の補助金が単年度のため、継続的な事業計画を立てにくい状況があります',
    'コロナ禍以降、対面での活動を再開しましたが参加者はまだ以前の七割程度です',
    '食材は地元の農家や企業からの寄付に頼っており、量が安定しません',
    '相談に来る方の中には、経済的な困りごとと家族の問題を同時に抱えている方が多いです',
    '社会福祉協議会や地域包括支援センターと月に一度情報交換をしています',
    'ボランティアの方々には交通費程度の謝礼をお渡ししています',
    '冬期間は除雪や移動の問題があり、開催回数を減らさざるを得ません',
    '学校との連携が進み、不登校の子どもの紹介を受けることが増えました',
    'オンラインの相談窓口を試行しましたが、利用はまだ少ないです',
    '会場の賃料が上がり、活動場所の確保が難しくなっています',
    '専門職（社会福祉士、保健師）のボランティアが加わり、相談の幅が広がりました',
    '高齢の単身世帯への見守り訪問を町内会と協力して続けています',
    '外国籍の住民からの相談が増えており、通訳の確保が必要です',
    'SNSでの発信を始めてから、若い世代の参加が少しずつ増えています',
    '事務局は実質一人で回しており、書類作成の負担が大きいです',
    '助成金の申請書類が多く、本来の活動の時間が削られていると感じます',
    '地域の企業からの寄付や協賛を得るための仕組みづくりを検討しています',
    '利用者同士が自然に声をかけ合う関係ができてきたことが一番の成果です',
    '緊急の相談には夜間も携帯電話で対応していますが、スタッフの負担が限界に近いです',
    '他団体と合同で研修会を開き、支援の質を高める取り組みをしています',
    '孤立しがちな方が参加しやすいよう、予約不要・参加費無料にしています',
    '活動報告会を年に一回開き、地域の皆さんに成果を共有しています',
]
TEXT_QS = {5, 21, 23, 27, 31, 38, 39}


def free_text(rng, target):
    """Free text of about `target` characters: seed answers and fragments."""
    parts, size = [], 0
    while size < target:
        s = rng.choice(SEED) if rng.random() < 0.4 else rng.choice(FRAGMENTS)
        parts.append(s)
        size += len(s) + 1
    sep = rng.choice(['。', '。', '、', '。\n', '. '])
    text = sep.join(parts)
    return text + ('。' if sep != '、' and rng.random() < 0.6 else '')


def fullwidth(s):
    return s.translate({ord(c): ord(c) + 0xFEE0 for c in '0123456789'})


def messy_count(rng, v):
    """A count as a respondent would type it."""
    x = rng.random()
    if v == 0:
        return rng.choice(['0', '0', '0', 'なし', '0人', 'いない', 'ゼロ'])
    if x < 0.55:
        return str(v)
    if x < 0.65:
        return fullwidth(str(v))
    if x < 0.72:
        return '約%d' % v
    if x < 0.78:
        return '%d%s' % (v, rng.choice(['人', '名', '人程度', '名程度', '人くらい']))
    if x < 0.84 and v >= 2:
        lo = max(1, v - rng.randint(1, max(1, v // 4)))
        return '%d%s%d' % (lo, rng.choice(['～', '~', '〜', '-']), v)
    if x < 0.88 and v >= 1000:
        return '{:,}'.format(v)
    if x < 0.92:
        return rng.choice(['不明', 'わからない', '-', '―', '未定'])
    if x < 0.93:
        return rng.choice(['多数', '数名', '季節による', '?', '10人以上'])
    return '%d' % v


def messy_percent(rng, v):
    x = rng.random()
    if v == 0:
        return rng.choice(['0', '0%', 'なし', '-', '0'])
    if x < 0.5:
        return str(v)
    if x < 0.65:
        return '%d%s' % (v, rng.choice(['%', '％']))
    if x < 0.75:
        return fullwidth(str(v)) + rng.choice(['', '％'])
    if x < 0.85 and v % 10 == 0:
        return '%d割' % (v // 10)
    if x < 0.92:
        return '約%d%%' % v
    return rng.choice([str(v), str(v), str(v), '不明'])


def shares(rng, k):
    """k percentages (multiples of 5) adding up to 100, mostly."""
    cuts = sorted(rng.randint(0, 20) for _ in range(k - 1))
    parts = [b - a for a, b in zip([0] + cuts, cuts + [20])]
    vals = [p * 5 for p in parts]
    if rng.random() < 0.08:
        vals[rng.randrange(k)] += rng.choice([5, 10, -5])
    return [max(0, v) for v in vals]


def count_value(rng, scale):
    v = int(rng.lognormvariate(scale, 1.1))
    return min(v, 9000)


def area_value(rng):
    x = rng.random()
    if x < 0.5:
        return '%d%s' % (rng.randint(10, 300), rng.choice(['㎡', 'm2', '平米', '㎡', '']))
    if x < 0.7:
        return '%d坪' % rng.randint(5, 60)
    if x < 0.8:
        return '約%d㎡' % rng.randint(20, 150)
    if x < 0.9:
        return rng.choice(['6畳', '8畳', '2LDK', '和室2間'])
    return rng.choice(['不明', 'わからない'])


def choose_many(rng, opts, weights):
    """Chosen labels of a multiple-choice list, in list order (Google's)."""
    exclusive = [o for o in opts if o['role'] == 'exclusive']
    other = [o for o in opts if o['role'] == 'other']
    plain_idx = [j for j, o in enumerate(opts) if not o['role']]
    plain = [opts[j] for j in plain_idx]
    weights = [weights[j] for j in plain_idx]
    if exclusive and rng.random() < 0.2:
        return exclusive[0]['label']
    k = min(len(plain), max(1, int(rng.expovariate(0.5))))
    chosen = set()
    while len(chosen) < k:
        chosen.add(rng.choices(range(len(plain)), weights)[0])
    labels = [plain[i]['label'] for i in sorted(chosen)]
    if other and rng.random() < 0.12:
        labels.append(free_text(rng, rng.randint(6, 30)).replace(', ', '、'))
    return ', '.join(labels)


def respond(rng, i, cols, weights):
    row = []
    day = 1 + i * 31 // max(N_ROWS, 1)            # responses spread over October
    t = 9 * 3600 + (i * 7919) % (12 * 3600)
    row.append('2023/10/%02d %02d:%02d:%02d' % (day, t // 3600, t // 60 % 60, t % 60))
    skip_group = {}
    scale = rng.gauss(2.0, 1.0)
    pct_cache = {}
    for (n, item, kind, unit, bins, lst) in cols:
        q = QUESTIONS[n]
        if item <= 1:
            skip_group[n] = rng.random() < (0.35 if q['type'] == 'group' else 0.08)
        personal = q['personal']
        if personal == 'name':
            row.append(rng.choice(SURNAMES) + rng.choice(['', ' ', '　']) + rng.choice(GIVEN))
            continue
        if personal == 'organisation':
            row.append('%s%s%s%s%s%d' % (rng.choice(PREFIXES), rng.choice(['', ' ', '　']),
                                         rng.choice(CITIES), rng.choice(ORG_HEADS), rng.choice(ORG_TAILS),
                                         i + 1))
            continue
        if personal == 'email':
            row.append('%s.%s%d@example.%s' % (rng.choice(['info', 'office', 'npo', 'contact']),
                                               rng.choice(ROMAJI), i + 1, rng.choice(['jp', 'org', 'or.jp'])))
            continue
        if personal == 'phone':
            row.append('0%d-%03d-%04d' % (rng.choice([11, 123, 138, 166, 154]), rng.randint(200, 899),
                                          rng.randint(0, 9999)))
            continue
        if skip_group[n] or (q['type'] != 'group' and q['type'] != 'matrix' and rng.random() < 0.06):
            row.append('')
            continue
        if kind == 'text':
            if n in (27, 31) and item == 1:
                row.append(area_value(rng))
            elif n != 5 and rng.random() < (0.45 if n == 38 else 0.7):
                row.append('')
            else:
                row.append(free_text(rng, rng.randint(20, 110) if n in (38, 39) else rng.randint(10, 50)))
        elif kind == 'select_multiple':
            row.append(choose_many(rng, LISTS[lst], weights[lst]))
        elif kind == 'select_one':
            opts = LISTS[lst]
            other = [o for o in opts if o['role'] == 'other']
            if other and rng.random() < 0.1:
                row.append(rng.choice(['', 'その他：']) + free_text(rng, rng.randint(5, 25)))
            else:
                row.append(rng.choices(opts, weights[lst])[0]['label'])
        elif kind == 'matrix':
            opts = LISTS[lst]
            row.append('' if rng.random() < 0.05 else rng.choices(opts, weights[lst])[0]['label'])
        elif kind == 'number':
            if unit == 'percent':                 # zeros often left blank
                if n not in pct_cache:
                    pct_cache[n] = shares(rng, len(q['items']))
                v = pct_cache[n][item - 1]
                row.append('' if rng.random() < (0.5 if v == 0 else 0.02) else messy_percent(rng, v))
            elif rng.random() < 0.15:
                row.append('')
            elif unit == 'area':
                row.append(area_value(rng))
            elif unit == 'average':
                v = rng.random() * 12
                row.append(rng.choice(['%d' % v, '%.1f' % v, '約%d' % v, '%d～%d' % (v, v + 2)]))
            else:
                row.append(messy_count(rng, count_value(rng, scale)))
        elif kind == 'rating':
            row.append(str(min(10, max(1, int(rng.gauss(6.5, 2))))))
        else:
            row.append('')
    return row


N_ROWS = 0


def main():
    global N_ROWS
    if len(sys.argv) < 2 or not sys.argv[1].isdigit():
        sys.exit('usage: generate.py N [OUT_CSV [SEED]]')
    N_ROWS = int(sys.argv[1])
    out_path = sys.argv[2] if len(sys.argv) > 2 else '-'
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20231031 + N_ROWS
    rng = random.Random(seed)
    head, cols = columns()
    # skewed, fixed option weights per list: a few popular options
    weights = {name: [1 + 6 * random.Random(name + str(j)).random() ** 3 for j in range(len(opts))]
               for name, opts in LISTS.items()}
    out = sys.stdout if out_path == '-' else open(out_path, 'w', encoding='utf-8', newline='')
    w = csv.writer(out, lineterminator='\r\n')
    w.writerow(head)
    buf = io.StringIO()
    bw = csv.writer(buf, lineterminator='\r\n')
    for i in range(N_ROWS):
        bw.writerow(respond(rng, i, cols, weights))
        if buf.tell() > 1 << 20:
            out.write(buf.getvalue())
            buf.seek(0)
            buf.truncate()
    out.write(buf.getvalue())
    if out is not sys.stdout:
        out.close()


if __name__ == '__main__':
    main()
