/*
 * npo-survey/report.h — the report of one export: every result computed
 * once (nps_results), then the A4 PDF and the Excel workbook written from it
 * (docs/report.md, docs/workbook.md). Personal data never reaches either
 * document; organisation names appear in the organisation lists only with
 * reveal_names.
 *
 * Ownership: the results borrow the dataset, which must outlive them; the
 * fonts are the caller's (one set per process: loading takes ~0.1 s). Each
 * writer writes exactly one file at `path`, and removes it on failure.
 */
#ifndef NPS_PUBLIC_REPORT_H
#define NPS_PUBLIC_REPORT_H

#include <stdbool.h>
#include "npo-survey/dataset.h"
#include "npo-survey/error.h"
#include "npo-survey/export.h"

typedef struct nps_results nps_results;
typedef struct nps_fonts nps_fonts;
struct nps_compare_chapter;

typedef struct nps_results_options {
    bool reveal_names;         /* organisation names in the organisation lists
                                  and the publication */
} nps_results_options;

typedef struct nps_report_options {
    const char *title;         /* cover title; NULL: the questionnaire's survey_title */
    const char *export_name;   /* the export's file name */
    bool reveal_names;         /* organisation names in the organisation lists */
    long long generated;       /* report date, seconds since the epoch (honour
                                  SOURCE_DATE_EPOCH for reproducible output; the
                                  CLI's default is the last response's date) */
    const char *publisher;     /* issuing body on the cover; NULL or "": none */
    const struct nps_compare_chapter *previous; /* the comparison with the previous
                                  wave (chapter 前回調査との比較, docs/compare.md);
                                  NULL: no such chapter. Borrowed. */
} nps_report_options;

NPS_API nps_error nps_results_build(const nps_dataset *d, const nps_results_options *opt,
                                    nps_results **out);
NPS_API void nps_results_free(nps_results *r);

/* The private font set (Noto Sans CJK JP) from the font folder `dir`. */
NPS_API nps_error nps_fonts_new(const char *dir, nps_fonts **out);
NPS_API void nps_fonts_free(nps_fonts *fonts);

NPS_API nps_error nps_report_write_pdf(const nps_results *r, nps_fonts *fonts,
                                       const nps_report_options *opt, const char *path,
                                       nps_diag *diag);
NPS_API nps_error nps_report_write_xlsx(const nps_results *r, const nps_report_options *opt,
                                        const char *path, nps_diag *diag);

/* The coded data (one row per organisation) is a sheet of the workbook up
 * to this many responses; above, the sheet says where it is and the report
 * folder holds it as NPS_REPORT_DATA_CSV (nps_handoff_write_coded): a
 * sheet of 20,000 rows more than doubles the time and memory a spreadsheet
 * program needs to open the workbook (docs/workbook.md, "Large surveys"). */
#define NPS_REPORT_DATA_SHEET_MAX 5000
#define NPS_REPORT_DATA_CSV "回答データ.csv"
/* Whether the workbook of r holds the coded data itself. The environment
 * variable NPS_XLSX_DATA_MAX_ROWS lowers the limit (for tests). */
NPS_API bool nps_report_data_in_workbook(const nps_results *r);
/* The organisation lists (one row per category and organisation) follow
 * the same limit: above it the workbook's 団体リスト sheet says where they
 * are and the report folder holds them as NPS_REPORT_ORG_CSV, written by
 * nps_report_write_org_csv (UTF-8 with BOM; the sheet's header row and
 * rows, organisation names only when the sheet would show them). Writes
 * nothing (NPS_OK, no file) when the results have no flows; removes the
 * file on failure. */
#define NPS_REPORT_ORG_CSV "団体リスト.csv"
NPS_API nps_error nps_report_write_org_csv(const nps_results *r, const nps_report_options *opt,
                                           const char *path, nps_diag *diag);

#endif
