/*
 * data_private.h — what the writers of the data handed on share
 * (src/report/data/: handoff.c on top, handoff_stat.c for .sav / .dta
 * through ReadStat, handoff_csv.c for the CSV and codebook.csv). Not a
 * public interface.
 *
 * Every writer reads the responses through the results' publication and
 * the codebook (present/codebook.h) only: personal fields have no variable
 * and free text comes out masked.
 *
 * Ownership: nothing outlives a call; each writer creates `path` and
 * leaves it to the caller (handoff.c) to remove it on failure.
 */
#ifndef NPS_REPORT_DATA_PRIVATE_H
#define NPS_REPORT_DATA_PRIVATE_H

#include <stdbool.h>
#include <stdio.h>
#include "npo-survey/handoff.h"
#include "present/codebook.h"
#include "present/results.h"

/* handoff_stat.c: the .sav or .dta file at path (format SAV or DTA). */
nps_error nps_handoff_stat_write(const nps_results *r, const nps_codebook *cb,
                                 nps_handoff_format format, long long timestamp,
                                 const char *path, nps_diag *diag);

/* handoff_csv.c: the data as CSV, and the codebook, into `out` (opened by
 * the caller); NPS_ERR_IO on a write error, NPS_ERR_NOMEM. */
/* coded_only: the report's coded data (nps_codebook_var_coded), without
 * the text and write-in columns. */
nps_error nps_handoff_csv_data(const nps_results *r, const nps_codebook *cb, bool coded_only, FILE *out);
nps_error nps_handoff_csv_codebook(const nps_codebook *cb, FILE *out);

#endif
