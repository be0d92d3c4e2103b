/*
 * report.h — what the report writers share (DESIGN §9): the options of one
 * report run, and the writers of its two documents. Both take the results
 * bundle (results.h) and write exactly one file at the path the caller
 * gives; the caller (the `report` command) writes to temporary paths and
 * renames them into place only when everything succeeded.
 *
 * Personal data (Q1–Q4) never reaches either document; organisation names
 * appear only in the organisation lists and only with reveal_names.
 */
#ifndef NPS_REPORT_H
#define NPS_REPORT_H

#include <stdbool.h>
#include "draw/fonts.h"
#include "present/results.h"

typedef struct nps_report_options {
    const char *title;         /* cover title; NULL: settings.csv survey_title */
    const char *export_name;   /* the export's file name, shown in the method note */
    bool reveal_names;         /* organisation names in the organisation lists */
    long long generated;       /* report date, seconds since the epoch (the caller
                                  honours SOURCE_DATE_EPOCH, so output is reproducible) */
} nps_report_options;

/* The A4 PDF report (cairo + pango). fonts from nps_fonts_new. */
nps_error nps_report_write_pdf(const nps_results *r, nps_fonts *fonts,
                               const nps_report_options *opt, const char *path, nps_diag *diag);

/* The Excel workbook (libxlsxwriter) with native charts. */
nps_error nps_report_write_xlsx(const nps_results *r, const nps_report_options *opt,
                                const char *path, nps_diag *diag);

#endif
