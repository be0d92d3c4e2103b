/*
 * quality_ja.c — the Japanese of the quality log's actions (quality_ja.h):
 * one table of fixed actions and one of actions with values ("{}" in the
 * English stands for any text, "{N}" in the Japanese for the N-th of them).
 *
 * Invariants: a translation never drops a value the English carries; an
 * unknown action comes back as logged, never as nothing. Two writers (the
 * PDF appendix and the workbook) call this, so a new action of the reader
 * is added here once.
 *
 * Ownership: nothing is kept; the buffer variant allocates nothing.
 */
#include <stdio.h>
#include <string.h>
#include "present/quality_ja.h"

/* The actions the reader logs without values, and their Japanese. */
static const struct {
    const char *en, *ja;
} actions[] = {
    {"a range: its midpoint was taken", "範囲の記入：中間値を採用"},
    {"N割 read as N×10%", "「N割」をN×10%として読み取り"},
    {"not a number of this unit: counted as その他", "この単位の数値ではない：「その他」の区分に集計"},
    {"not a number: no answer", "数値として読めない：無回答として集計"},
    {"percentages do not add up to 100: tabulated as given", "割合の合計が100%でない：記入どおりに集計"},
    {"坪 converted to ㎡ (1坪 = 3.306㎡)", "坪を㎡に換算（1坪＝3.306㎡）"},
    {"not a whole number: rounded half up", "整数でない：四捨五入"},
    {"matches no option: no answer", "どの選択肢にも当たらない：無回答として集計"},
    {"not a rating of 1–10: no answer", "1～10の評価ではない：無回答として集計"},
    {"percentage outside 0–100: no answer", "0～100%の範囲外：無回答として集計"},
    {"value outside every bin: no answer", "どの区分にも当たらない：無回答として集計"},
    {"too large to be an answer (a phone or other number?): no answer", "回答としては大きすぎる数（電話番号などか）：無回答として集計"},
    {"text matching no option dropped (the question has no 'other')", "選択肢に当たらない記入（「その他」のない設問）：除外"},
    {"'?' (a character lost in CP932) resolved to the one matching option", "「?」（CP932で失われた文字）を一致する選択肢に読み替え"},
    {"'?' (a character lost in CP932) matched more than one option: took the longest", "「?」が複数の選択肢に一致：最も長い選択肢を採用"},
    {"column matches no question: ignored", "どの設問にも当たらない列：集計しない"},
    {"a second column for the same question: ignored", "同じ設問の2つ目の列：集計しない"},
    {"row has fewer cells than the header: missing cells are no answer", "見出しより列の少ない行：不足分は無回答"},
    {"row has more cells than the header: extra cells ignored", "見出しより列の多い行：余分な列は集計しない"},
    {"unreadable timestamp: the response counts as the oldest for duplicates", "読めないタイムスタンプ：重複の判定では最も古い回答として扱う"},
    {"a character no output can show (a non-character or a control character) replaced by U+FFFD",
     "表示できない文字（非文字・制御文字）：〓に置き換え"},
    {"the header row again (two downloads joined?): skipped, not a response",
     "見出し行の繰り返し（2つのダウンロードをつないだ可能性）：回答として数えない"},
    {"day and month both 12 or less in an export that writes both D/M/Y and M/D/Y dates: read as M/D/Y (month first)",
     "日・月とも12以下の日付（日/月/年と月/日/年が混在）：月/日/年として読み取り"},
    {"dates written both D/M/Y and M/D/Y: those with day and month both 12 or less are findings",
     "日/月/年と月/日/年の日付が混在：日・月とも12以下の日付は要確認"},
    {"dates read as D/M/Y (day first): a first number over 12 occurs in this export",
     "日付を日/月/年として読み取り（最初の数が12を超える日付がある）"},
    {"dates with day and month both 12 or less read as M/D/Y (month first): no date in this export decides the order",
     "日・月とも12以下の日付を月/日/年として読み取り（順序を決める日付がない）"},
};

/* Actions with values in them: "{}" in `en` stands for any text, "{N}" in
 * `ja` for the N-th of them. */
static const struct {
    const char *en, *ja;
} patterns[] = {
    {"column {} matches no question of the questionnaire: ignored", "{1}列目：どの設問にも当たらない列（集計しない）"},
    {"column {} is the form tool's own (not a question): ignored", "{1}列目：フォームが付ける列（設問ではない。集計しない）"},
    {"column {}: its text is far from Q{}'s label in the questionnaire: a changed question? (check the questionnaire)",
     "{1}列目：見出しが設問票のQ{2}の文と大きく異なる（設問が変わった可能性。設問票を確認）"},
    {"Q{} has no column in this export: left out of the tables, not counted as no answer",
     "Q{1}の列がない：集計表から除く（無回答とはしない）"},
    {"Q{}: {} of its {} items have no column in this export (the first is quoted): left out of the tables, not counted as no answer",
     "Q{1}：{3}項目のうち{2}項目の列がない（最初の項目を表示）：集計表から除く（無回答とはしない）"},
    {"「{}」: {} answers not in choices.csv, counted as その他 — an option added or reworded?",
     "「{1}」：選択肢にない同じ記入が{2}件（「その他」として集計）。選択肢が追加・変更された可能性"},
    {"not a label, but one slip (a character, or a look-alike such as 〜 for ～) from option {}「{}」: counted as that option",
     "選択肢{1}「{2}」と1文字違い（または〜と～などの似た文字）：その選択肢として集計"},
    {"the same e-mail address under different 団体名 (lines {}): kept as separate organisations (an intermediary answering for several groups?)",
     "同じメールアドレスで団体名が異なる回答（{1}行）：別の団体として集計（1つの団体が複数の団体の分を回答した可能性）"},
    {"duplicate response of one organisation (same 団体名, or same e-mail and no 団体名): dropped, the latest (line {}) kept",
     "同じ団体の重複回答（団体名が同じ、または団体名がなくメールアドレスが同じ）：除き、最新の回答（{1}行）を採用"},
};

#define MAX_HOLES 4

/* Match `text` against `pattern`; the texts that stand for its "{}" go to
 * hole[]/hole_len[]. True on a match of the whole text. */
static bool match_pattern(const char *pattern, const char *text, const char **hole, size_t *hole_len)
{
    int n = 0;
    while (*pattern) {
        const char *brace = strstr(pattern, "{}");
        size_t lit = brace ? (size_t)(brace - pattern) : strlen(pattern);
        if (strncmp(pattern, text, lit) != 0)
            return false;
        pattern += lit;
        text += lit;
        if (!brace)
            break;
        pattern += 2;
        const char *next = strstr(pattern, "{}");
        size_t next_lit = next ? (size_t)(next - pattern) : strlen(pattern);
        const char *end = next_lit ? NULL : text + strlen(text);
        for (const char *t = text; !end && *t; t++) /* the first place the next literal fits */
            if (strncmp(t, pattern, next_lit) == 0 && (next || strlen(t) == next_lit))
                end = t;
        if (!end || n >= MAX_HOLES)
            return false;
        hole[n] = text;
        hole_len[n++] = (size_t)(end - text);
        text = end;
    }
    return *text == '\0';
}

/* Append the Japanese template with "{N}" replaced by the N-th hole. */
static void fill_template(nps_strbuf *sb, const char *ja, const char *const *hole, const size_t *hole_len)
{
    for (const char *p = ja; *p; p++) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '0' + MAX_HOLES && p[2] == '}') {
            size_t k = (size_t)(p[1] - '1');
            if (hole[k])
                nps_strbuf_addn(sb, hole[k], hole_len[k]);
            p += 2;
        } else {
            nps_strbuf_addn(sb, p, 1);
        }
    }
}

/* Match `en` against the tables; the fixed text or the pattern (and its
 * holes) found. False when none matches. */
static bool find(const char *en, const char **fixed, const char **pattern, const char **hole,
                 size_t *hole_len)
{
    *fixed = *pattern = NULL;
    for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
        if (strcmp(en, actions[i].en) == 0) {
            *fixed = actions[i].ja;
            return true;
        }
    for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++)
        if (match_pattern(patterns[i].en, en, hole, hole_len)) {
            *pattern = patterns[i].ja;
            return true;
        }
    return false;
}

bool nps_quality_action_ja(nps_strbuf *sb, const char *en)
{
    const char *hole[MAX_HOLES] = {0}, *fixed, *pattern;
    size_t hole_len[MAX_HOLES] = {0};
    bool found;
    if (!en)
        en = "";
    found = find(en, &fixed, &pattern, hole, hole_len);
    if (fixed)
        nps_strbuf_add(sb, fixed);
    else if (pattern)
        fill_template(sb, pattern, hole, hole_len);
    else
        nps_strbuf_add(sb, en);
    return found;
}

/* The length of the longest prefix of s (at most max bytes) that ends at a
 * character boundary. */
static size_t utf8_prefix(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

void nps_quality_action_ja_buf(const char *en, char *buf, size_t size)
{
    const char *hole[MAX_HOLES] = {0}, *fixed, *pattern, *text;
    size_t hole_len[MAX_HOLES] = {0}, at = 0;
    if (!buf || size == 0)
        return;
    if (!en)
        en = "";
    find(en, &fixed, &pattern, hole, hole_len);
    text = fixed ? fixed : en;
    if (!pattern) {
        at = utf8_prefix(text, size - 1);
        memcpy(buf, text, at);
        buf[at] = '\0';
        return;
    }
    for (const char *p = pattern; *p && at + 1 < size; p++) { /* as fill_template, bounded */
        const char *piece = p;
        unsigned char c = (unsigned char)*p;
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, n;
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '0' + MAX_HOLES && p[2] == '}') {
            piece = hole[p[1] - '1'];
            len = piece ? hole_len[p[1] - '1'] : 0;
            p += 2;
        } else {
            p += len - 1; /* the table's texts are valid UTF-8 */
        }
        n = len < size - 1 - at ? len : size - 1 - at;
        while (n < len && n > 0 && ((unsigned char)piece[n] & 0xC0) == 0x80)
            n--; /* cut at a character boundary */
        if (n)
            memcpy(buf + at, piece, n);
        at += n;
        if (n < len)
            break;
    }
    buf[at] = '\0';
}
