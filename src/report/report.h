/*
 * report.h — what the report writers share (docs/report.md): the options of one
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

/* The writers nps_report_write_pdf (cairo + pango, fonts from
 * nps_fonts_new) and nps_report_write_xlsx (libxlsxwriter, native charts)
 * and their options are public: include/npo-survey/report.h. */

#endif
