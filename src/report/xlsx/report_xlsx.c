/*
 * report_xlsx.c — nps_report_write_xlsx (report.h): the Excel workbook of
 * one report run, with native, editable charts (docs/report.md,
 * docs/workbook.md).
 *
 * Sheets, in tab order: 概要 (summary and the list of sheets), one sheet
 * per closed question in form order (Q06 …), 困りごとフロー, 団体リスト,
 * スクランブル人口, 課題テーマ, テーマ別引用, 自由記述, (with the previous
 * wave: 前回比較, 前回比較_対応, report_xlsx_compare.c) データ品質,
 * 調査票, 回答データ, コードブック. A part the results lack (no flows, gap or themes)
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
 * Layers (calls point one way, down): this file (the entry point and the
 * order of the sheets) → the sheet writers (report_xlsx_summary.c,
 * _questions.c, _analysis.c, _data.c) → the chart helpers
 * (report_xlsx_chart.c) → the cell layer (report_xlsx_sheet.c: errors,
 * formats, sheets, cells); report_xlsx_book.c opens and closes the book
 * for this file. No lower file calls a higher one.
 *
 * Ownership: the workbook (libxlsxwriter) is freed by workbook_close on
 * success or lxw_workbook_free on failure, and the book's sheet list and
 * temporary directory string are freed, all by nps_xlsx_book_close.
 */
#include <string.h>
#include <time.h>
#include "report/xlsx/xlsx_private.h"


static const char *survey_title(const xw_book *b)
{
    const nps_questionnaire *q = nps_publication_questionnaire(b->r->publication);
    const char *t = b->opt->title;
    if (!t || !*t)
        t = nps_questionnaire_settings(q)->survey_title;
    return t && *t ? t : "アンケート結果";
}

/* --------------------------------------------------------------- the book */

static void set_properties(xw_book *b)
{
    lxw_doc_properties p;
    memset(&p, 0, sizeof p);
    p.title = (char *)survey_title(b);
    p.comments = "npo-survey";
    p.created = (time_t)(b->opt->generated > 0 ? b->opt->generated : 0);
    nps_xw_check(b, workbook_set_properties(b->wb, &p), "document properties");
}

static void write_sheets(xw_book *b)
{
    xw_sheet summary;
    if (nps_xw_sheet_begin(b, &summary, "概要", "概要とシート一覧", 0) != NPS_OK)
        goto cleanup;
    nps_xw_question_sheets(b);
    nps_xw_flow_sheet(b);
    nps_xw_org_sheet(b);
    nps_xw_gap_sheet(b);
    nps_xw_theme_sheets(b);
    nps_xw_free_text_sheet(b);
    if (b->opt->previous)
        nps_xw_compare_sheets(b);
    nps_xw_quality_sheet(b);
    nps_xw_questionnaire_sheet(b);
    if (nps_report_data_in_workbook(b->r))
        nps_xw_data_sheet(b);
    else
        nps_xw_data_elsewhere_sheet(b);
    nps_xw_codebook_sheet(b);
    nps_xlsx_summary_write(b, &summary, survey_title(b));
    nps_xw_freeze_head(&summary, 0);
cleanup:
    nps_xw_sheet_end(&summary);
}

nps_error nps_report_write_xlsx(const nps_results *r, const nps_report_options *opt,
                                const char *path, nps_diag *diag)
{
    xw_book b;

    if (nps_xlsx_book_open(&b, r, opt, path, diag) != NPS_OK)
        goto cleanup;
    set_properties(&b);
    if (nps_xw_formats_init(&b) == NPS_OK)
        write_sheets(&b);
cleanup:
    return nps_xlsx_book_close(&b);
}
