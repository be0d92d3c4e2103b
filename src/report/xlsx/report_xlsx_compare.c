/*
 * report_xlsx_compare.c — the workbook's sheets of the comparison with the
 * previous wave (docs/compare.md, docs/workbook.md), written only when the
 * report is given it (nps_report_options.previous):
 *   前回比較      every compared option, 無回答 included: both waves' counts,
 *                 bases and percents, the change with its 95% interval, the
 *                 panel's counts and paired interval, and whether the change
 *                 is beyond the margin of error (the same rows as
 *                 `compare --format csv`, in its order);
 *   前回比較_対応  the matching of the two questionnaires (renumbered, renamed,
 *                 added, dropped).
 * Numbers are written unrounded with a one-decimal format, so the sheet
 * shows what the PDF prints. No organisation name is held by the
 * comparison, so none can be written.
 */
#include <math.h>
#include <stdio.h>
#include "present/compare_chapter.h"
#include "report/xlsx/xlsx_private.h"

static const char *status_text(nps_wave_status s)
{
    return s == NPS_WAVE_BOTH ? "両方" : s == NPS_WAVE_NEW ? "今回のみ" : "前回のみ";
}

static void head(xw_sheet *s)
{
    static const char *const cols[] = {
        "設問", "項目（行）", "選択肢", "状態", "前回 件数", "前回 基数", "前回 割合（%）", "今回 件数", "今回 基数",
        "今回 割合（%）", "変化（ポイント）", "95%信頼区間 下限", "95%信頼区間 上限", "判定", "両方に回答した団体",
        "うち前回選択", "うち今回選択", "団体の変化（ポイント）", "対応のある区間 下限", "対応のある区間 上限"};
    lxw_col_t c;
    for (c = 0; c < sizeof cols / sizeof cols[0]; c++)
        nps_xw_text(s, c, cols[c], XW_HEAD);
    nps_xw_next_row(s);
}

static void row(xw_sheet *s, const nps_compare *cmp, const nps_compare_row *r)
{
    char q[32];
    bool both = r->status == NPS_WAVE_BOTH;
    snprintf(q, sizeof q, "Q%d", r->question);
    nps_xw_text(s, 0, q, XW_PLAIN);
    nps_xw_text(s, 1, r->item, XW_PLAIN);
    nps_xw_text(s, 2, r->option_index ? r->option : "無回答", XW_PLAIN);
    nps_xw_text(s, 3, status_text(r->status), XW_PLAIN);
    if (r->status != NPS_WAVE_NEW) {
        nps_xw_int(s, 4, r->count_old);
        nps_xw_int(s, 5, r->base_old);
        nps_xw_num(s, 6, nps_round1(r->percent_old), XW_PCT);
    }
    if (r->status != NPS_WAVE_OLD) {
        nps_xw_int(s, 7, r->count_new);
        nps_xw_int(s, 8, r->base_new);
        nps_xw_num(s, 9, nps_round1(r->percent_new), XW_PCT);
    }
    if (both) {
        bool beyond = nps_round1(r->change_low) > 0.0 || nps_round1(r->change_high) < 0.0;
        nps_xw_num(s, 10, nps_round1(r->change), XW_PCT);
        nps_xw_num(s, 11, nps_round1(r->change_low), XW_PCT);
        nps_xw_num(s, 12, nps_round1(r->change_high), XW_PCT);
        nps_xw_text(s, 13, beyond ? "誤差の範囲を超える" : "誤差の範囲内", XW_PLAIN);
        nps_xw_int(s, 14, (long long)nps_compare_panel(cmp));
        nps_xw_int(s, 15, r->a + r->c);
        nps_xw_int(s, 16, r->a + r->b);
        nps_xw_num(s, 17, nps_round1(r->panel_change), XW_PCT);
        nps_xw_num(s, 18, nps_round1(r->panel_low), XW_PCT);
        nps_xw_num(s, 19, nps_round1(r->panel_high), XW_PCT);
    }
    nps_xw_next_row(s);
}

static void rows_sheet(xw_book *b, const nps_compare_chapter *ch)
{
    const nps_compare *cmp = nps_cc_compare(ch);
    xw_sheet s;
    char buf[512];
    size_t i;
    if (nps_xw_sheet_begin(b, &s, "前回比較", "前回調査との比較：選択肢ごとの割合、変化と95%信頼区間",
                           XW_SHEET_STREAM) != NPS_OK)
        goto cleanup;
    nps_xw_text(&s, 0, "前回調査との比較", XW_TITLE);
    nps_xw_next_row(&s);
    snprintf(buf, sizeof buf,
             "前回 %zu団体、今回 %zu団体、両方に回答した団体 %zu。割合は各調査の回答団体数に対する比率、変化は今回−前回。"
             "区間はNewcombe法（両方に回答した団体は対応のある比率の方法）。誤差の範囲を超える変化 %zu項目、範囲内 %zu項目。",
             nps_cc_old_count(ch), nps_cc_new_count(ch), nps_cc_panel(ch), nps_cc_changed_count(ch),
             nps_cc_within_count(ch));
    nps_xw_text(&s, 0, buf, XW_NOTE);
    nps_xw_skip_rows(&s, 1);
    nps_xw_col_fixed(&s, 1, 24);
    nps_xw_col_fixed(&s, 2, 40);
    head(&s);
    for (i = 0; i < nps_compare_row_count(cmp) && !xw_failed(b); i++)
        row(&s, cmp, nps_compare_row_at(cmp, i));
cleanup:
    nps_xw_sheet_end(&s);
}

static void matching_sheet(xw_book *b, const nps_compare_chapter *ch)
{
    xw_sheet s;
    size_t i;
    if (nps_xw_sheet_begin(b, &s, "前回比較_対応", "前回調査と今回調査の設問・選択肢の対応", 0) != NPS_OK)
        goto cleanup;
    nps_xw_text(&s, 0, "設問と選択肢の対応", XW_TITLE);
    nps_xw_next_row(&s);
    nps_xw_text(&s, 0,
                nps_cc_match_count(ch) ? "番号や文言が変わったもの、一方の調査にしかないもの。"
                                       : "すべての設問と選択肢が、同じ番号と文言で両方の調査にある。",
                XW_NOTE);
    nps_xw_skip_rows(&s, 1);
    nps_xw_col_fixed(&s, 1, 50);
    nps_xw_col_fixed(&s, 2, 50);
    nps_xw_text(&s, 0, "区分", XW_HEAD);
    nps_xw_text(&s, 1, "前回調査", XW_HEAD);
    nps_xw_text(&s, 2, "今回調査", XW_HEAD);
    nps_xw_next_row(&s);
    for (i = 0; i < nps_cc_match_count(ch) && !xw_failed(b); i++) {
        const nps_cc_match_line *m = nps_cc_match_at(ch, i);
        nps_xw_text(&s, 0, m->what, XW_TEXT);
        nps_xw_text(&s, 1, m->old_text, XW_TEXT);
        nps_xw_text(&s, 2, m->new_text, XW_TEXT);
        nps_xw_next_row(&s);
    }
cleanup:
    nps_xw_sheet_end(&s);
}

nps_error nps_xw_compare_sheets(xw_book *b)
{
    const nps_compare_chapter *ch = b->opt->previous;
    if (ch && !xw_failed(b)) {
        rows_sheet(b, ch);
        matching_sheet(b, ch);
    }
    return b->err;
}
