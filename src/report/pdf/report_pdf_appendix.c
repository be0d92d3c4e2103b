/*
 * report_pdf_appendix.c — the appendices of the PDF report: the data-quality
 * log (docs/reading.md) and the method note (bases, 無回答, percent of cases,
 * rounding, intervals, how numbers were read, duplicates, masking).
 *
 * Invariants:
 *   - at most QUALITY_MAX_ROWS log entries are listed (findings before
 *     notes, each in log order); the counts always cover the whole log and
 *     the text says how many were left out and how to see them all;
 *   - a logged raw value is printed only masked (nps_mask_text with the
 *     results' masker), and never for a column of a personal question
 *     (Q1–Q4), so no personal datum reaches the appendix;
 *   - the numbers in the method note are computed (the base, the interval
 *     half-width at 50%), not written in.
 *
 * Ownership: masked copies are freed before returning; the document copies
 * what it keeps.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "report/pdf/pdf_private.h"
#include "present/quality_ja.h"
#include "present/wording.h"

#define QUALITY_MAX_ROWS 150
#define COLUMN_MAX_CHARS 22

/* The question number a column header starts with (Q6, Ｑ６ is not needed:
 * the log keeps the header as read, and the reader matched Q/問 forms), or 0. */
static int column_question(const char *column)
{
    const unsigned char *s = (const unsigned char *)column;
    if (s[0] == 'Q' || s[0] == 'q')
        s++;
    else if (strncmp(column, "問", strlen("問")) == 0)
        s += strlen("問");
    else
        return 0;
    return isdigit(*s) ? atoi((const char *)s) : 0;
}

static bool personal_column(const nps_questionnaire *q, const char *column)
{
    int number = column_question(column);
    const nps_question *qu = number ? nps_questionnaire_question(q, number) : NULL;
    size_t f;
    for (f = 0; qu && f < qu->n_fields; f++)
        if (qu->fields[f]->personal != NPS_PERSONAL_NONE)
            return true;
    return false;
}

/* The first `max` characters of s, with "…" when cut. */
static void clip(const char *s, size_t max, char *buf, size_t size)
{
    size_t chars = 0, i = 0;
    while (s[i] && chars < max) {
        unsigned char c = (unsigned char)s[i];
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        size_t k;
        for (k = 1; k < len && s[i + k]; k++)
            ;
        i += k;
        chars++;
    }
    snprintf(buf, size, "%.*s%s", (int)i, s, s[i] ? "…" : "");
}

static void quality_row(pdf_doc *d, const nps_results *r, size_t i)
{
    const nps_questionnaire *q = nps_publication_questionnaire(r->publication);
    nps_published_quality entry = nps_publication_quality_at(r->publication, i);
    const nps_published_quality *e = &entry;
    char line[32], column[256], raw[512], action[512];
    const char *cells[5] = {e->kind == NPS_QUALITY_FINDING ? "要確認" : "注記", line, column, raw, action};
    char *masked = NULL;

    if (nps_pdf_doc_fail(d, nps_publication_quality_action(r->publication, i, &masked)) != NPS_OK)
        return;
    nps_quality_action_ja_buf(masked, action, sizeof action); /* the action may quote an answer: masked */
    nps_free(masked);
    masked = NULL;
    if (e->line > 0)
        snprintf(line, sizeof line, "%ld", e->line);
    else
        snprintf(line, sizeof line, "－");
    clip(e->column && e->column[0] ? e->column : "（ファイル全体）", COLUMN_MAX_CHARS, column, sizeof column);
    if (e->column && personal_column(q, e->column)) {
        snprintf(raw, sizeof raw, "（個人情報のため省略）");
    } else if (nps_pdf_doc_fail(d, nps_publication_quality_raw(r->publication, i, &masked)) != NPS_OK) {
        return;
    } else if (masked) {
        /* the reader's "sum 110.0%" of a percent group, in Japanese */
        if (strncmp(masked, "sum ", 4) == 0)
            snprintf(raw, sizeof raw, "合計 %.60s", masked + 4);
        else
            clip(masked, 60, raw, sizeof raw);
    } else {
        raw[0] = '\0';
    }
    nps_pdf_table_row(d, e->kind == NPS_QUALITY_FINDING ? PDF_ROW_STRONG : 0, cells);
    nps_free(masked);
}

static void quality_summary(pdf_doc *d, const nps_results *r, const nps_report_options *opt)
{
    (void)opt;
    static const double w[] = {0.4, 0.6};
    const nps_publication *pub = r->publication;
    const nps_read_info *info = nps_publication_read_info(pub);
    char v[8][128];
    const char *rows[][2] = {
        {"文字コード", info && info->encoding ? info->encoding : "－"},
        {"読み込んだ回答の行", v[0]},
        {"すべて空欄のため除いた行", v[1]},
        {"重複回答として除いた行", v[2]},
        {"集計した回答（回答団体数）", v[3]},
        {"列（うち設問に対応しない列）", v[4]},
        {"記録：要確認 / 注記", v[5]},
    };
    const char *head[] = {"項目", "値"};
    size_t i;

    snprintf(v[0], sizeof v[0], "%ld", info ? info->records : 0L);
    snprintf(v[1], sizeof v[1], "%ld", info ? info->empty_rows : 0L);
    snprintf(v[2], sizeof v[2], "%ld", info ? info->duplicates_dropped : 0L);
    snprintf(v[3], sizeof v[3], "%zu", nps_publication_count(pub));
    snprintf(v[4], sizeof v[4], "%zu（%zu）", info ? info->columns : (size_t)0, info ? info->columns_ignored : (size_t)0);
    snprintf(v[5], sizeof v[5], "%zu件 / %zu件", nps_publication_quality_count_kind(pub, NPS_QUALITY_FINDING),
             nps_publication_quality_count_kind(pub, NPS_QUALITY_NOTE));
    nps_pdf_table_caption(d, "データの読み込み");
    nps_pdf_table_begin(d, 2, w, "ll", false);
    nps_pdf_table_row(d, PDF_ROW_HEAD, head);
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
        nps_pdf_table_row(d, 0, rows[i]);
    nps_pdf_table_end(d);
}

/* The quality log in words: what was read, left out and recorded; the
 * whole log is the workbook's (only the findings are listed here). */
static void quality_words(pdf_doc *d, const nps_publication *pub, size_t total)
{
    const nps_read_info *info = nps_publication_read_info(pub);
    size_t findings = nps_publication_quality_count_kind(pub, NPS_QUALITY_FINDING);
    size_t notes = nps_publication_quality_count_kind(pub, NPS_QUALITY_NOTE);
    long empty = info ? info->empty_rows : 0L, dup = info ? info->duplicates_dropped : 0L;
    char left_out[160] = "";
    if (empty && dup)
        snprintf(left_out, sizeof left_out, "すべて空欄の%ld件と同じ団体の重複回答%ld件を除き、", empty, dup);
    else if (empty || dup)
        snprintf(left_out, sizeof left_out, "%s%ld件を除き、", empty ? "すべて空欄の" : "同じ団体の重複回答",
                 empty ? empty : dup);
    if (left_out[0])
        nps_pdf_paraf(d, PS_BODY, "読み込んだ回答%ld件のうち、%s%zu団体の回答を集計した。", info ? info->records : 0L,
                      left_out, nps_publication_count(pub));
    else
        nps_pdf_paraf(d, PS_BODY, "読み込んだ回答%ld件をすべて集計した（%zu団体）。", info ? info->records : 0L,
                      nps_publication_count(pub));
    if (total == 0)
        nps_pdf_para(d, PS_BODY, "記録はない（すべての値をそのまま集計した）。");
    else
        nps_pdf_paraf(d, PS_BODY,
                      "値の読み替えなどの記録は全%zu件で、そのうち解釈を加えて集計した「注記」が%zu件、集計に使えなかった"
                      "「要確認」が%zu件である。全件は集計表（エクセル）のデータ品質の記録に掲載した。%s",
                      total, notes, findings, findings ? "要確認の記録を以下に示す。" : "");
}

/* A paragraph built in sb, then sb freed. */
static void para_sb(pdf_doc *d, pdf_style style, nps_strbuf *sb)
{
    if (sb->failed)
        nps_pdf_doc_fail(d, NPS_ERR_NOMEM);
    else
        nps_pdf_para(d, style, nps_strbuf_get(sb));
    nps_strbuf_free(sb);
}

/* "個人情報の設問（Q1～Q4）" from survey.csv's personal column. */
static void personal_questions(nps_strbuf *sb, const nps_questionnaire *q)
{
    nps_strbuf qs = {0};
    if (nps_wording_personal_questions(&qs, q) > 0)
        nps_strbuf_addf(sb, "個人情報の設問（%s）", nps_strbuf_get(&qs));
    else
        nps_strbuf_add(sb, "個人情報");
    sb->failed |= qs.failed;
    nps_strbuf_free(&qs);
}

void nps_pdf_section_quality(pdf_doc *d, const nps_results *r, const nps_report_options *opt)
{
    static const double w[] = {0.08, 0.06, 0.26, 0.26, 0.34};
    const char *head[] = {"種別", "行", "列", "回答の値", "処理"};
    const nps_publication *pub = r->publication;
    size_t total = nps_publication_quality_count(pub), shown = 0, i;
    size_t findings = nps_publication_quality_count_kind(pub, NPS_QUALITY_FINDING);

    nps_strbuf sb = {0};

    nps_pdf_heading(d, 1, "付録1　データ品質の記録", NULL);
    nps_strbuf_add(&sb, "読み込みの際に解釈を加えた値（範囲の中間値、「約」「割」の読み替えなど）を「注記」、"
                        "集計に使えなかった値を「要確認」として記録した。「行」は元データの行番号である。");
    personal_questions(&sb, nps_publication_questionnaire(pub));
    nps_strbuf_add(&sb, "の値は掲載せず、その他の値も個人情報を伏せて掲載する。");
    para_sb(d, PS_BODY, &sb);
    nps_pdf_heading(d, 3, "読み込みの概要", "");
    quality_summary(d, r, opt);
    quality_words(d, pub, total);
    if (findings == 0)
        return;
    nps_pdf_table_caption(d, "要確認の記録");
    nps_pdf_table_begin(d, 5, w, "lrlll", true);
    nps_pdf_table_row(d, PDF_ROW_HEAD, head);
    for (i = 0; i < total && shown < QUALITY_MAX_ROWS && nps_pdf_doc_status(d) == NPS_OK; i++) {
        if (nps_publication_quality_at(pub, i).kind != NPS_QUALITY_FINDING)
            continue;
        quality_row(d, r, i);
        shown++;
    }
    nps_pdf_table_end(d);
    if (shown < findings)
        nps_pdf_paraf(d, PS_NOTE, "要確認%zu件のうち%zu件を掲載した。", findings, shown);
    nps_pdf_keep_with_previous(d);
}

/* ---------------------------------------------------------------- method */

/* "読み取った値は調査票の区分（0人、1～5人、6～10人 …）に振り分けて集計した。"
 * with the first three bins of the first number field of the survey. */
static void bin_example(nps_strbuf *sb, const nps_questionnaire *q)
{
    const nps_binset *bins = NULL;
    for (size_t i = 0; i < nps_questionnaire_field_count(q) && !bins; i++) {
        const nps_field *f = nps_questionnaire_field_at(q, i);
        if (f->type == NPS_F_NUMBER && f->bins && f->bins->n_bins > 0)
            bins = f->bins;
    }
    if (!bins)
        return;
    nps_strbuf_add(sb, "読み取った値は調査票の区分（");
    for (size_t k = 0; k < bins->n_bins && k < 3; k++)
        nps_strbuf_addf(sb, "%s%s", k ? "、" : "", bins->bins[k].label);
    nps_strbuf_addf(sb, "%s）に振り分けて集計した。", bins->n_bins > 3 ? " …" : "");
}

void nps_pdf_section_method(pdf_doc *d, const nps_results *r, const nps_report_options *opt)
{
    const nps_questionnaire *q = nps_publication_questionnaire(r->publication);
    nps_strbuf sb = {0}, qs = {0};
    long n = (long)nps_publication_count(r->publication);
    double lo = 0, hi = 0;
    const nps_read_info *info = nps_publication_read_info(r->publication);

    nps_wilson_interval(n / 2, n, &lo, &hi);
    nps_pdf_heading(d, 1, "付録2　調査と集計の方法", NULL);
    (void)opt;
    nps_pdf_para(d, PS_BODY, "本報告書は、アンケートの回答データを集計ソフトウェアで集計して作成した。図表と本文の数値は同じ集計から作られている。");
    nps_pdf_heading(d, 3, "集計の母数", "");
    nps_pdf_paraf(d, PS_BODY,
              "割合の母数は、重複を除いた回答団体数（n=%ld）である。同じ団体名（表記の揺れを正規化したもの）または"
              "同じメールアドレスの回答は同じ団体の重複回答とみなし、タイムスタンプが最も新しい回答だけを残した"
              "（今回除いた回答：%ld件）。設問ごとに回答しなかった団体は「無回答」として表の最後の行に示し、母数から除いていない。",
              n, info ? info->duplicates_dropped : 0L);
    nps_pdf_heading(d, 3, "複数回答", "");
    nps_pdf_para(d, PS_BODY,
             "複数回答の設問の割合は、回答団体数に対する比率（ケース比）である。1団体が複数の選択肢を選べるため、"
             "割合の合計は100%を超える。");
    nps_pdf_heading(d, 3, "割合の丸め", "");
    nps_pdf_para(d, PS_BODY,
             "割合は件数×100÷母数を小数第2位で四捨五入（0.05は切り上げ）し、小数第1位まで示した。"
             "このため、単一回答でも合計が100.0%にならないことがある。本文中の「約3割」「約半数」などは"
             "この割合を言い換えたものである。");
    nps_pdf_heading(d, 3, "信頼区間", "");
    nps_pdf_paraf(d, PS_BODY,
              "表の「95%%信頼区間」は Wilson のスコア法による。n=%ld では、割合が50%%前後のとき区間は"
              "%.1f%%～%.1f%%（約±%.0fポイント）と広い。2つの割合の差が数ポイントであれば、偶然の範囲と考えるのが妥当である。"
              "回答した団体は地域の全団体からの無作為抽出ではないため、区間は目安として示した。",
              n, lo * 100, hi * 100, (hi - lo) * 50);
    nps_pdf_heading(d, 3, "数値の読み取り", "");
    nps_strbuf_add(&sb,
             "人数や割合を記入する設問は、全角数字を半角に直し、「約」「およそ」などの語と「人」「名」「%」などの単位を除いて"
             "読み取った。「3割」は30%、「なし」は0とし、「5～10」のような範囲は中間値（人数は四捨五入）とした。"
             "「不明」「わからない」や空欄は無回答とし、数値として読めない記入は無回答としたうえで付録1に記録した。");
    bin_example(&sb, q);
    para_sb(d, PS_BODY, &sb);
    if (r->flows) {
        size_t all = nps_flows_category_count(r->flows) - 1;
        nps_pdf_heading(d, 3, "困りごとの分類", "");
        nps_strbuf_addf(&sb, "困りごとの設問の%zu項目は、", nps_flows_category_trouble_count(r->flows, all));
        nps_wording_categories(&sb, q);
        nps_strbuf_addf(&sb, "の%zu分類にまとめた"
                             "（設問の「その他」の行はどの分類にも含めない）。回答1～4を「把握している」、1～3を「対応する意向あり」、"
                             "1～2を「対応できている」、5を「把握していない」とした。", all);
        para_sb(d, PS_BODY, &sb);
    }
    nps_pdf_heading(d, 3, "個人情報の扱い", "");
    nps_strbuf_add(&sb, "回答者の氏名・団体名・メールアドレス・電話番号");
    if (nps_wording_personal_questions(&qs, q) > 0)
        nps_strbuf_addf(&sb, "（%s）", nps_strbuf_get(&qs));
    sb.failed |= qs.failed;
    nps_strbuf_free(&qs);
    nps_strbuf_add(&sb, "は重複の判定と自由記述の伏せ字にだけ用い、"
                        "本報告書には掲載していない。団体は回答順に振った団体ID（R001 …）で示す。自由記述の中の個人や団体を"
                        "特定できる情報は、［氏名］［団体名］［メール］［電話番号］［郵便番号］［住所］［URL］［アカウント］"
                        "［口座番号］［番号］［生年月日］の語に置き換えてから掲載した。");
    para_sb(d, PS_BODY, &sb);
}
