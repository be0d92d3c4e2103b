/*
 * npo-survey/handoff.h — handing the data on (docs/export.md): the coded,
 * de-duplicated responses as an SPSS .sav, a Stata .dta or a UTF-8 CSV
 * (with BOM, for Excel), one row per organisation, with variable and value
 * labels, and the codebook that describes every variable. No personal
 * field (name, organisation, e-mail, phone) has a variable; free text and
 * "other" write-ins are masked as in the report.
 *
 * Ownership: the writers read the results (nps_results_build, report.h)
 * and write exactly one file at `path`, which they remove on failure.
 */
#ifndef NPS_PUBLIC_HANDOFF_H
#define NPS_PUBLIC_HANDOFF_H

#include "npo-survey/error.h"
#include "npo-survey/export.h"
#include "npo-survey/report.h"

typedef enum nps_handoff_format {
    NPS_HANDOFF_SAV,   /* SPSS system file (ReadStat), UTF-8 */
    NPS_HANDOFF_DTA,   /* Stata 14+ file, format 118 (ReadStat), UTF-8 */
    NPS_HANDOFF_CSV    /* UTF-8 with BOM, names in the header row, codes in the cells */
} nps_handoff_format;

typedef struct nps_handoff_options {
    nps_handoff_format format;
    /* The creation time written into the .sav / .dta header, as UTC (to the
     * minute); < 0: the latest answer time of the data, or 0 when no answer
     * has one, so the same export gives the same bytes. */
    long long timestamp;
} nps_handoff_options;

NPS_API nps_error nps_handoff_write(const nps_results *r, const nps_handoff_options *opt,
                                    const char *path, nps_diag *diag);
/* codebook.csv: one row per variable and value (UTF-8 with BOM). */
NPS_API nps_error nps_handoff_write_codebook(const nps_results *r, const char *path, nps_diag *diag);
/* The report's coded data as CSV (UTF-8 with BOM, CRLF): the columns of the
 * workbook's 回答データ sheet, i.e. the CSV of nps_handoff_write without the
 * text and write-in variables. The report writes it beside the workbook
 * when the survey is too large for the sheet (nps_report_data_in_workbook). */
NPS_API nps_error nps_handoff_write_coded(const nps_results *r, const char *path, nps_diag *diag);

#endif
