/*
 * report_xlsx.c — nps_report_write_xlsx (report.h): the Excel workbook of
 * one report run, with native, editable charts (DESIGN §9,
 * docs/workbook.md).
 *
 * Sheets, in tab order: 概要 (summary and the list of sheets), one sheet
 * per closed question in form order (Q06 …), 困りごとフロー, 団体リスト,
 * スクランブル人口, 課題テーマ, テーマ別引用, 自由記述, データ品質,
 * 調査票, 回答データ. A part the results lack (no flows, gap or themes)
 * simply has no sheet.
 *
 * Invariants:
 *   - The file at `path` is either a complete workbook and NPS_OK is
 *     returned, or it is removed and an error is returned with diag
 *     naming the path and the problem: NPS_ERR_IO when the file or its
 *     temporary files cannot be written, NPS_ERR_NOMEM, NPS_ERR_RENDER for
 *     anything else libxlsxwriter refuses. Every lxw_error is checked.
 *   - The output is probed (created) before anything is computed, so an
 *     unwritable path fails at once with errno's message; libxlsxwriter
 *     itself prints to stderr only on failures that the probe makes
 *     unlikely (a disk filling up while the zip is written).
 *   - Temporary files (libxlsxwriter writes every part, and every
 *     constant_memory sheet, to one before zipping) go to the directory of
 *     `path`, not to /tmp, which may be a small RAM disk.
 *   - Personal data: see report_xlsx_data.c and report_xlsx_analysis.c;
 *     this file writes only counts, dates and the read facts.
 *
 * Ownership: the workbook (libxlsxwriter) is freed by workbook_close on
 * success or lxw_workbook_free on failure; the book's sheet list and the
 * temporary directory string are freed at cleanup.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "base/alloc.h"
#include "report/xlsx/report_xlsx_internal.h"
#include "base/timestamp.h"

/* Create the output file once, so that an unwritable path is reported
 * with its reason before any work is done. */
static nps_error probe_output(xw_book *b, bool *created)
{
    FILE *f = fopen(b->path, "wb");
    if (!f)
        return xw_fail(b, NPS_ERR_IO, "cannot create the workbook: %s", strerror(errno));
    *created = true;
    if (fclose(f) != 0)
        return xw_fail(b, NPS_ERR_IO, "cannot create the workbook: %s", strerror(errno));
    return NPS_OK;
}

/* The directory part of path ("." when it has none). */
static char *directory_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return nps_strdup(".");
    if (slash == path)
        return nps_strdup("/");
    return nps_strndup(path, (size_t)(slash - path));
}

static const char *survey_title(const xw_book *b)
{
    const nps_questionnaire *q = nps_dataset_questionnaire(b->r->dataset);
    const char *t = b->opt->title;
    if (!t || !*t)
        t = nps_questionnaire_settings(q)->survey_title;
    return t && *t ? t : "アンケート結果";
}

/* ------------------------------------------------------------------ summary */

static void fact_text(xw_sheet *s, const char *label, const char *value)
{
    xw_text(s, 0, label, XW_BOLD);
    xw_text(s, 1, value, XW_TEXT);
    xw_next_row(s);
}

static void fact_int(xw_sheet *s, const char *label, long long value)
{
    xw_text(s, 0, label, XW_BOLD);
    xw_int(s, 1, value);
    xw_next_row(s);
}

/* First and last response date, "YYYY-MM-DD ～ YYYY-MM-DD"; "" without any. */
static void survey_period(const nps_dataset *d, char *buf, size_t size)
{
    long long lo = -1, hi = -1;
    char a[16], z[16];
    for (size_t i = 0; i < nps_dataset_count(d); i++) {
        long long t = nps_dataset_timestamp(d, i);
        if (t < 0)
            continue;
        if (lo < 0 || t < lo)
            lo = t;
        if (hi < 0 || t > hi)
            hi = t;
    }
    if (lo < 0) {
        snprintf(buf, size, "（タイムスタンプなし）");
        return;
    }
    nps_timestamp_date(lo, a, sizeof a);
    nps_timestamp_date(hi, z, sizeof z);
    snprintf(buf, size, "%s ～ %s", a, z);
}

static void summary_facts(xw_book *b, xw_sheet *s)
{
    const nps_dataset *d = b->r->dataset;
    const nps_read_info *info = nps_dataset_read_info(d);
    char buf[256];
    xw_text(s, 0, "項目", XW_HEAD);
    xw_text(s, 1, "内容", XW_HEAD);
    xw_next_row(s);
    fact_text(s, "調査", survey_title(b));
    if (b->opt->export_name && *b->opt->export_name)
        fact_text(s, "書き出しファイル", b->opt->export_name);
    fact_int(s, "回答団体数（n）", (long long)nps_dataset_count(d));
    survey_period(d, buf, sizeof buf);
    fact_text(s, "調査期間（回答のタイムスタンプ）", buf);
    fact_text(s, "文字コード", info->encoding);
    fact_int(s, "読み込んだ行（空の行を含む）", info->records);
    fact_int(s, "空の行（回答ではないため除外）", info->empty_rows);
    fact_int(s, "重複として除外した回答", info->duplicates_dropped);
    fact_int(s, "データ品質：要確認（使えなかった値）",
             (long long)nps_dataset_quality_count_kind(d, NPS_QUALITY_FINDING));
    fact_int(s, "データ品質：記録（解釈した値）",
             (long long)nps_dataset_quality_count_kind(d, NPS_QUALITY_NOTE));
    if (b->opt->generated > 0) {
        nps_timestamp_date(b->opt->generated, buf, sizeof buf);
        fact_text(s, "作成日", buf);
    }
    fact_text(s, "団体名", b->opt->reveal_names ? "団体リスト シートにのみ表示（--reveal-names）"
                                                : "出力していません（団体は R001… の ID で示します）");
    fact_text(s, "割合と信頼区間",
              "割合(%)＝回答数×100÷回答団体数（小数第1位を四捨五入）。複数回答は回答団体に対する割合で、"
              "合計は100%を超えることがある。95%信頼区間は Wilson のスコア法。");
    snprintf(buf, sizeof buf, "%zu（Excel のグラフ：元データのセルを編集すると更新されます）", b->n_charts);
    fact_text(s, "グラフの数", buf);
}

static void summary_sheet_list(xw_book *b, xw_sheet *s)
{
    xw_text(s, 0, "シート一覧", XW_CAPTION);
    xw_next_row(s);
    xw_text(s, 0, "シート", XW_HEAD);
    xw_text(s, 1, "内容", XW_HEAD);
    xw_next_row(s);
    for (size_t i = 1; i < b->n_sheets && !xw_failed(b); i++) {
        xw_link(s, 0, b->sheets[i].name, b->sheets[i].name);
        xw_text(s, 1, b->sheets[i].description, XW_TEXT);
        xw_next_row(s);
    }
}

static void summary_write(xw_book *b, xw_sheet *s)
{
    xw_text(s, 0, survey_title(b), XW_TITLE);
    xw_next_row(s);
    xw_text(s, 0, "集計結果（表・グラフ・自由記述・データ品質・調査票・回答データ）", XW_NOTE);
    xw_skip_rows(s, 1);
    xw_col_min(s, 0, 24);
    xw_col_fixed(s, 1, 70);
    summary_facts(b, s);
    xw_skip_rows(s, 1);
    summary_sheet_list(b, s);
}

/* --------------------------------------------------------------- the book */

static void set_properties(xw_book *b)
{
    lxw_doc_properties p;
    memset(&p, 0, sizeof p);
    p.title = (char *)survey_title(b);
    p.comments = "npo-survey";
    p.created = (time_t)(b->opt->generated > 0 ? b->opt->generated : 0);
    xw_check(b, workbook_set_properties(b->wb, &p), "document properties");
}

static void write_sheets(xw_book *b)
{
    xw_sheet summary;
    if (xw_sheet_begin(b, &summary, "概要", "概要とシート一覧", 0) != NPS_OK)
        goto cleanup;
    xw_question_sheets(b);
    xw_flow_sheet(b);
    xw_org_sheet(b);
    xw_gap_sheet(b);
    xw_theme_sheets(b);
    xw_free_text_sheet(b);
    xw_quality_sheet(b);
    xw_questionnaire_sheet(b);
    xw_data_sheet(b);
    summary_write(b, &summary);
    xw_freeze(&summary, 1, 0);
cleanup:
    xw_sheet_end(&summary);
}

nps_error nps_report_write_xlsx(const nps_results *r, const nps_report_options *opt,
                                const char *path, nps_diag *diag)
{
    static const nps_report_options defaults = {NULL, NULL, false, 0};
    lxw_workbook_options wo;
    xw_book b;
    char *tmpdir = NULL;
    bool created = false;

    memset(&b, 0, sizeof b);
    b.r = r;
    b.opt = opt ? opt : &defaults;
    b.path = path ? path : "";
    b.diag = diag;
    if (!r || !r->dataset || !r->tables || !r->figures || !r->masker || !path || !*path) {
        xw_fail(&b, NPS_ERR_USAGE, "no results or no output path for the workbook");
        goto cleanup;
    }
    if (probe_output(&b, &created) != NPS_OK)
        goto cleanup;
    tmpdir = directory_of(path);
    if (!tmpdir) {
        xw_fail(&b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory");
        goto cleanup;
    }
    memset(&wo, 0, sizeof wo);
    wo.constant_memory = LXW_FALSE;   /* set per data sheet (xw_sheet_begin) */
    wo.tmpdir = tmpdir;
    b.wb = workbook_new_opt(path, &wo);
    if (!b.wb) {
        xw_fail(&b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory");
        goto cleanup;
    }
    set_properties(&b);
    if (xw_formats_init(&b) == NPS_OK)
        write_sheets(&b);
    if (!xw_failed(&b)) {
        lxw_error e = workbook_close(b.wb);   /* frees the workbook, whatever happens */
        b.wb = NULL;
        xw_check(&b, e, "writing the file");
    }
cleanup:
    if (b.wb)
        lxw_workbook_free(b.wb);
    if (xw_failed(&b) && created)
        remove(path);
    for (size_t i = 0; i < b.n_sheets; i++) {
        nps_free(b.sheets[i].name);
        nps_free(b.sheets[i].description);
    }
    nps_free(b.sheets);
    nps_free(tmpdir);
    return b.err;
}
