#!/usr/bin/env python3
"""make_corpus.py — seed corpora of the fuzz targets, from fixtures/ and questionnaire/.

usage: python3 fuzz/make_corpus.py OUT_DIR
writes OUT_DIR/reader/* (exports), OUT_DIR/questionnaire/* (the six
questionnaire files joined by NUL bytes, the input form of fuzz_questionnaire)
and OUT_DIR/xlsx/* (sheet XML, shared strings and styles joined by NUL bytes,
the input form of fuzz_xlsx), OUT_DIR/timestamp/* (timestamp cells of every
form the parser knows) and OUT_DIR/mask/* (free texts for fuzz_mask: the seed answers and the
personal-data forms of tests/data/privacy-*.csv) and OUT_DIR/crosswalk/* (the crosswalk
files of fixtures/ and fuzz/regressions/crosswalk/, for fuzz_crosswalk).

Deterministic (fixed seed). Reader seeds: every fixture export whole, plus small
exports cut from them — the timestamp, Q2, Q3 and a few other columns, a few
rows — in the fixture's own encoding, so that the fuzzer spends its time on
short inputs that still reach cell coding; plus a few hand-written edge cases.
Questionnaire seeds: the default set, and smaller sets keeping a few questions.
"""
import csv
import io
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QFILES = ["survey", "choices", "bins", "troubles", "themes", "settings"]


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def fixtures():
    for sub in ("hokkaido-2023", "variants", "bad", "flows-hand"):
        d = os.path.join(ROOT, "fixtures", sub)
        for name in sorted(os.listdir(d)):
            if name.endswith(".csv") and name != "seed-answers.csv":
                yield sub, name, open(os.path.join(d, name), "rb").read()


def decode(raw):
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp932"), "cp932"
    except UnicodeDecodeError:
        return None, None


def to_csv(rows, crlf):
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n" if crlf else "\n").writerows(rows)
    return out.getvalue()


def reader_seeds(out):
    rnd = random.Random(20231031)
    n = 0
    for sub, name, raw in fixtures():
        stem = f"{sub}-{name[:-4]}"
        write(os.path.join(out, f"whole-{stem}.csv"), raw)
        text, enc = decode(raw)
        if text is None or not text.strip():
            continue
        try:
            rows = list(csv.reader(io.StringIO(text)))
        except csv.Error:
            continue
        if len(rows) < 2:
            continue
        header = rows[0]
        fixed = [i for i, h in enumerate(header) if i == 0 or re.match(r"(Q|問)[23]([^0-9_-]|$)", h)]
        crlf = b"\r\n" in raw
        for k in range(6):
            cols = sorted(set(fixed + rnd.sample(range(len(header)), min(len(header), rnd.randint(2, 6)))))
            body = [r for r in rows[1:] if any(c.strip() for c in r)]
            pick = rnd.sample(body, min(len(body), rnd.randint(1, 4))) if body else []
            sub_rows = [[r[i] if i < len(r) else "" for i in cols] for r in [header] + pick]
            data = to_csv(sub_rows, crlf).encode(enc if enc != "utf-8-sig" else "utf-8")
            if enc == "utf-8-sig":
                data = b"\xef\xbb\xbf" + data
            write(os.path.join(out, f"cut-{stem}-{k}.csv"), data)
            n += 1
    edge = {
        "edge-quotes.csv": 'タイムスタンプ,Q2. 団体名,Q6. 事業\n2023/10/03 08:26:01,"a ""b"", c","子ども食堂, その他：x"\n',
        "edge-newline-in-cell.csv": 'タイムスタンプ,Q38. 理由\r\n2023/10/03 08:26:01,"one\r\ntwo"\r\n',
        "edge-grid.csv": "Timestamp,Q22. 困りごと [いじめ（学校）],Q37\n2023-10-06T09:00:00+09:00,自団体で対応できている,★★★★\n",
        "edge-numbers.csv": "開始時刻,Q13-1,Q14-1,Q16,Q31-2\n2023/10/5 2:03:22 午後 GMT+9,約3～5人,3割,1,000人,6坪\n",
        "edge-short-long.csv": "タイムスタンプ,Q2,Q3\n2023/10/03 08:26:01\n2023/10/03 08:26:02,a,b,c,d\n",
        "edge-empty-rows.csv": "タイムスタンプ,Q2\n,\n\n2023/10/03 08:26:01,x\n,,\n",
    }
    for name, s in edge.items():
        write(os.path.join(out, name), s.encode("utf-8"))
    write(os.path.join(out, "edge-cp932.csv"), edge["edge-quotes.csv"].encode("cp932"))
    write(os.path.join(out, "edge-bom.csv"), b"\xef\xbb\xbf" + edge["edge-grid.csv"].encode("utf-8"))
    return n + len(edge) + 2


def questionnaire_seeds(out):
    qdir = os.path.join(ROOT, "questionnaire")
    files = {f: open(os.path.join(qdir, f + ".csv"), "rb").read() for f in QFILES}
    write(os.path.join(out, "default"), b"\0".join(files[f] for f in QFILES))
    survey = list(csv.reader(io.StringIO(files["survey"].decode())))
    choices = list(csv.reader(io.StringIO(files["choices"].decode())))
    bins = list(csv.reader(io.StringIO(files["bins"].decode())))
    keep_sets = [
        {1, 2, 3, 4, 6, 22, 37},
        {2, 3, 13, 16, 22},
        {2, 14, 22, 31, 38},
        {2, 22, 24, 29, 33, 36},
    ]
    for k, keep in enumerate(keep_sets):
        s_rows = [survey[0]] + [r for r in survey[1:] if int(r[0]) in keep]
        lists = {r[3] for r in s_rows[1:] if r[3]}
        sets = {r[4] for r in s_rows[1:] if r[4]}
        c_rows = [choices[0]] + [r for r in choices[1:] if r[0] in lists]
        b_rows = [bins[0]] + [r for r in bins[1:] if r[0] in sets]
        qs = " ".join(str(n) for n in sorted(keep))
        # settings name only questions of the subset: the loader checks them
        settings = ("key,value\nsurvey_title,小さな調査\ntroubles_question,22\n"
                    "organisation_question,2\n" + ("email_question,3\n" if 3 in keep else "") +
                    f"theme_questions,{qs}\nfree_text_questions,{qs}\n")
        parts = [to_csv(s_rows, False).encode(), to_csv(c_rows, False).encode(), to_csv(b_rows, False).encode(),
                 files["troubles"], files["themes"], settings.encode()]
        write(os.path.join(out, f"small-{k}"), b"\0".join(parts))
    # each file alone in its slot, the others empty: the loader's errors for missing parts
    for i, f in enumerate(QFILES):
        parts = [b""] * 6
        parts[i] = files[f]
        write(os.path.join(out, f"only-{f}"), b"\0".join(parts))
    return 1 + len(keep_sets) + len(QFILES)


READER_TOKENS = [
    ",", '"', '""', "\r\n", "\n", b"\xef\xbb\xbf", ";", ", ",
    "タイムスタンプ", "Timestamp", "開始時刻", "完了時刻", "Q6.", "Q13-1.", "Q14_2 ", "問22", "Q２２．", " [", "]",
    "その他", "その他：", "その他（", "）", "約", "およそ", "～", "〜", "~", "-", "割", "%", "％", "人", "名",
    "坪", "㎡", "畳", "不明", "わからない", "なし", "いない", "★", "1,000", "１０",
    "2023/10/05 14:03:22", "2023/10/5 2:03:22 午後 GMT+9", "2023-10-05T14:03:22+09:00",
    "自団体で対応できている", "特に困りごとがある人はいない（把握していない）", "当てはまる事業はない", "連携はない",
    b"\x82\xa0", b"\x81\x40", b"\xed\xa0\x80", b"\xc0\xaf", b"\xe0\x80\xaf", b"\xf4\x90\x80\x80",
]
QUESTIONNAIRE_TOKENS = [
    ",", '"', "\n", "\x00", "text", "select_one", "select_multiple", "matrix", "number", "rating", "group",
    "count", "percent", "average", "area", "name", "organisation", "email", "phone", "other", "exclusive",
    "unknown", "[0,0]", "(0,5]", "[5,10)", "(5000,)", "[200,)", "(,5]", "donut", "bars", "stacked", "none",
    "troubles_question", "gap_business_questions", "gap_staff_question", "gap_staff_items",
    "gap_users_question", "theme_questions", "free_text_questions", "organisation_question",
    "email_question", "survey_title", "handling", "scale5", "その他", "人間関係",
]


XLSX_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
XLSX_STYLES = ('<styleSheet %s><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d h:mm:ss"/></numFmts>'
               '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="9"/></cellXfs></styleSheet>' % XLSX_NS)
XLSX_TOKENS = ['<row r="', '<c r="', '" t="s">', '" t="inlineStr">', '" t="b">', '" s="1">', '" s="2">',
               "<v>", "</v>", "<is><t>", "</t></is>", "<r><t>", "</t></r>", "<rPh><t>", "</c>", "</row>",
               "<si><t>", "</t></si>", "<f>", "</f>", 'xml:space="preserve"', "&amp;", "&#x0;", "XFD1", "1048576",
               "45204.5", "1E+300", "<!DOCTYPE", '<numFmt numFmtId="', '" formatCode="', "<xf numFmtId=\"", "\x00"]


def xlsx_seeds(out):
    """Sheets cut from the 2023 fixture as fuzz_xlsx takes them: sheet XML,
    NUL, shared strings, NUL, styles. Inline strings, numbers, a date."""
    rnd = random.Random(20231101)
    rows = list(csv.reader(open(os.path.join(ROOT, "fixtures", "hokkaido-2023", "responses.csv"), encoding="utf-8")))
    esc = lambda t: t.replace("&", "&amp;").replace("<", "&lt;")
    for k in range(12):
        cols = sorted(set([0, 2] + rnd.sample(range(len(rows[0])), 4)))
        pick = [rows[0]] + rnd.sample(rows[1:], 3)
        shared = k % 3 == 0
        strings, xml = [], ['<worksheet %s><sheetData>' % XLSX_NS]
        for r, row in enumerate(pick, start=1):
            xml.append('<row r="%d">' % r)
            for j, c in enumerate(cols):
                v, ref = row[c], "%s%d" % (chr(65 + j), r)
                if not v:
                    continue
                if r > 1 and c == 0:
                    xml.append('<c r="%s" s="1"><v>%s</v></c>' % (ref, 45200 + rnd.random() * 30))
                elif r > 1 and re.fullmatch(r"[1-9][0-9]*", v):
                    xml.append('<c r="%s"><v>%s</v></c>' % (ref, v))
                elif shared:
                    strings.append(v)
                    xml.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, len(strings) - 1))
                else:
                    xml.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, esc(v)))
            xml.append("</row>")
        xml.append("</sheetData></worksheet>")
        sst = '<sst %s>%s</sst>' % (XLSX_NS, "".join("<si><t>%s</t></si>" % esc(t) for t in strings))
        write(os.path.join(out, "cut-%d.xml" % k), ("".join(xml) + "\0" + sst + "\0" + XLSX_STYLES).encode("utf-8"))


TIMESTAMP_SEEDS = [
    "2023/10/05 14:03:22", "2023/10/5 2:03:22 午後 GMT+9", "2023-10-05T14:03:22.123+09:00",
    "10/5/2023 2:03:22 PM", "25/10/2023 9:00", "4/3/2023 9:00", "2023年10月25日 9:00",
    "2023年10月25日 9時00分", "令和5年10月25日", "令和元年5月1日(水) 午後9時5分30秒",
]
TIMESTAMP_TOKENS = ["年", "月", "日", "時", "分", "秒", "令和", "平成", "昭和", "元", "午前", "午後",
                    "GMT+9", "（水）", "(水)", "AM", "PM", "T", "Z", "+09:00", "/", ":"]


def timestamp_seeds(out):
    for i, t in enumerate(TIMESTAMP_SEEDS):
        write(os.path.join(out, f"ts{i:02d}"), t.encode("utf-8"))


def mask_seeds(out):
    """Free texts: the fixture's seed answers, and every planted value of the
    privacy sets with a few words around it."""
    texts = []
    seed = os.path.join(ROOT, "fixtures", "hokkaido-2023", "seed-answers.csv")
    for row in csv.reader(open(seed, encoding="utf-8")):
        texts.extend(c for c in row if len(c) > 20)
    for name in sorted(os.listdir(os.path.join(ROOT, "tests", "data"))):
        if name.startswith("privacy-") and name.endswith(".csv"):
            for row in csv.DictReader(open(os.path.join(ROOT, "tests", "data", name), encoding="utf-8")):
                texts.append(f"連絡先は{row['text']}です。")
    for i, t in enumerate(texts):
        write(os.path.join(out, f"{i:04d}"), t.encode("utf-8"))


MASK_TOKENS = [
    "@", "＠", "(at)", "[at]", "★", ".", "(dot)", ".jp", ".co.jp", ".com", ".org", "http://", "https://",
    "www.", "/", "-", "－", "ー", ".", " ", "　", "(", ")", "（", "）", "0", "011", "090", "+81", "〒",
    "郵便番号", "①", "０", "丁目", "番地", "番", "号", "条", "西", "市", "区", "町", "北海道", "の",
    "Instagram", "インスタ", "LINE ID", ":", "：", "山田花子", "山田 花子", "さん", "代表", "(代表)",
    "ふたばの会", "「", "」", "NPO法人", "（特非）", "支部", "髙", "﨑", "［メール］", b"\xff", b"\xe3\x81",
    b"\xcc\x81", b"\xe2\x80\xae", b"\x1b[31m",
    "〇", "一", "九", "・", "先生", "様", "くん", "ちゃん", "氏", "お", "普通", "口座番号", "チャンネル",
    "（旧Twitter）", "#", "1-2-3", "丸の内", "こどもの居場所",
    "理事長の", "事務局長", "担当：", "Yuzuki", "HANAMAKI", "Ohno", "グエン・ティ", "ミチル", "（そごう）",
    "の会", "焙煎所", "食堂", "ネット", "はまなす", "コーポ", "203号室", "階", "kitami-", "［氏名］",
    "［団体名］",
]


CROSSWALK_TOKENS = ["old_question", "old_option", "new_question", "new_option", "Q6", "Q22", "Q37",
                    "その他", "\"", ",", "\n", "Ｑ", "　"]


def crosswalk_seeds(out):
    """The crosswalk files kept in the repository (fixtures/, fuzz/regressions/crosswalk/)."""
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    paths = [os.path.join(root, "fixtures", "hokkaido-2024", "crosswalk-2023.csv")]
    reg = os.path.join(root, "fuzz", "regressions", "crosswalk")
    paths += [os.path.join(reg, n) for n in sorted(os.listdir(reg))] if os.path.isdir(reg) else []
    for k, p in enumerate(paths):
        with open(p, "rb") as f:
            write(os.path.join(out, "seed-%d.csv" % k), f.read())


def write_dict(path, tokens):
    def esc(t):
        b = t if isinstance(t, bytes) else t.encode("utf-8")
        return "".join(chr(c) if 32 <= c < 127 and c not in (34, 92) else f"\\x{c:02x}" for c in b)
    with open(path, "w") as f:
        for t in tokens:
            f.write(f'"{esc(t)}"\n')


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_corpus.py OUT_DIR")
    out = sys.argv[1]
    r = reader_seeds(os.path.join(out, "reader"))
    q = questionnaire_seeds(os.path.join(out, "questionnaire"))
    write_dict(os.path.join(out, "reader.dict"), READER_TOKENS)
    write_dict(os.path.join(out, "questionnaire.dict"), QUESTIONNAIRE_TOKENS)
    xlsx_seeds(os.path.join(out, "xlsx"))
    write_dict(os.path.join(out, "xlsx.dict"), XLSX_TOKENS)
    timestamp_seeds(os.path.join(out, "timestamp"))
    write_dict(os.path.join(out, "timestamp.dict"), TIMESTAMP_TOKENS)
    mask_seeds(os.path.join(out, "mask"))
    write_dict(os.path.join(out, "mask.dict"), MASK_TOKENS)
    crosswalk_seeds(os.path.join(out, "crosswalk"))
    write_dict(os.path.join(out, "crosswalk.dict"), CROSSWALK_TOKENS)
    print(f"{out}: {len(os.listdir(os.path.join(out, 'reader')))} reader seeds, "
          f"{len(os.listdir(os.path.join(out, 'questionnaire')))} questionnaire seeds")


if __name__ == "__main__":
    main()
