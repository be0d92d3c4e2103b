/*
 * report_xlsx_summary.c — the 概要 sheet of the workbook: the survey's
 * facts (title, n, period, what was read, data quality counts, how names
 * and percentages are shown, the number of charts) and a linked list of
 * every other sheet with its description (docs/workbook.md).
 *
 * Invariants: the sheet is begun first (it is the first tab) but written
 * last, by report_xlsx.c, once every other sheet is in the book's list and
 * the charts are counted. Personal data: only counts, dates and the read
 * facts are written here.
 *
 * Ownership: nothing is kept; the title is borrowed.
 */
#include <stdio.h>
#include "report/xlsx/xlsx_private.h"
#include "base/timestamp.h"

static void fact_text(xw_sheet *s, const char *label, const char *value)
{
    nps_xw_text(s, 0, label, XW_BOLD);
    nps_xw_text(s, 1, value, XW_TEXT);
    nps_xw_next_row(s);
}

static void fact_int(xw_sheet *s, const char *label, long long value)
{
    nps_xw_text(s, 0, label, XW_BOLD);
    nps_xw_int(s, 1, value);
    nps_xw_next_row(s);
}

/* First and last response date, "YYYY-MM-DD ～ YYYY-MM-DD"; "" without any. */
static void survey_period(const nps_publication *pub, char *buf, size_t size)
{
    long long lo, hi;
    char a[16], z[16];
    if (!nps_publication_period(pub, &lo, &hi)) {
        snprintf(buf, size, "（タイムスタンプなし）");
        return;
    }
    nps_timestamp_date(lo, a, sizeof a);
    nps_timestamp_date(hi, z, sizeof z);
    snprintf(buf, size, "%s ～ %s", a, z);
}

static void summary_facts(xw_book *b, xw_sheet *s, const char *title)
{
    const nps_publication *pub = b->r->publication;
    const nps_read_info *info = nps_publication_read_info(pub);
    char buf[256];
    nps_xw_text(s, 0, "項目", XW_HEAD);
    nps_xw_text(s, 1, "内容", XW_HEAD);
    nps_xw_next_row(s);
    fact_text(s, "調査", title);
    fact_int(s, "回答団体数（n）", (long long)nps_publication_count(pub));
    survey_period(pub, buf, sizeof buf);
    fact_text(s, "調査期間（回答のタイムスタンプ）", buf);
    fact_text(s, "文字コード", info->encoding);
    fact_int(s, "読み込んだ行（空の行を含む）", info->records);
    fact_int(s, "空の行（回答ではないため除外）", info->empty_rows);
    fact_int(s, "重複として除外した回答", info->duplicates_dropped);
    fact_int(s, "データ品質：要確認（使えなかった値）",
             (long long)nps_publication_quality_count_kind(pub, NPS_QUALITY_FINDING));
    fact_int(s, "データ品質：記録（解釈した値）",
             (long long)nps_publication_quality_count_kind(pub, NPS_QUALITY_NOTE));
    if (b->opt->generated > 0) {
        nps_timestamp_date(b->opt->generated, buf, sizeof buf);
        fact_text(s, "作成日", buf);
    }
    fact_text(s, "団体名", b->opt->reveal_names ? "団体リスト シートにのみ表示（作成時の指定による）"
                                                : "出力していません（団体は R001… の ID で示します）");
    fact_text(s, "割合と信頼区間",
              "割合(%)＝回答数×100÷回答団体数（小数第2位を四捨五入し、小数第1位まで表示）。複数回答は回答団体に対する割合で、"
              "合計は100%を超えることがある。95%信頼区間は Wilson のスコア法。");
    snprintf(buf, sizeof buf, "%zu（Excel のグラフ：元データのセルを編集すると更新されます）", b->n_charts);
    fact_text(s, "グラフの数", buf);
}

static void summary_sheet_list(xw_book *b, xw_sheet *s)
{
    nps_xw_text(s, 0, "シート一覧", XW_CAPTION);
    nps_xw_next_row(s);
    nps_xw_text(s, 0, "シート", XW_HEAD);
    nps_xw_text(s, 1, "内容", XW_HEAD);
    nps_xw_next_row(s);
    for (size_t i = 1; i < b->n_sheets && !xw_failed(b); i++) {
        nps_xw_link(s, 0, b->sheets[i].name, b->sheets[i].name);
        nps_xw_text(s, 1, b->sheets[i].description, XW_TEXT);
        nps_xw_next_row(s);
    }
}

/* Ownership: title borrowed. */
void nps_xlsx_summary_write(xw_book *b, xw_sheet *s, const char *title)
{
    nps_xw_text(s, 0, title, XW_TITLE);
    nps_xw_next_row(s);
    nps_xw_text(s, 0, "集計結果（表・グラフ・自由記述・データ品質・調査票・回答データ）", XW_NOTE);
    nps_xw_skip_rows(s, 1);
    nps_xw_col_min(s, 0, 24);
    nps_xw_col_fixed(s, 1, 70);
    summary_facts(b, s, title);
    nps_xw_skip_rows(s, 1);
    summary_sheet_list(b, s);
}
