/*
 * handoff.c — the entry points of the data handed on (npo-survey/handoff.h,
 * docs/export.md): builds the codebook of the results' questionnaire and
 * has the file written by the writer of its format; removes the file on
 * any failure, so a failed export leaves nothing behind.
 *
 * Invariants: the timestamp written into .sav / .dta headers comes from
 * the options or the data, never from the clock, and reads as UTC whatever
 * the TZ (same input, same bytes).
 *
 * nps_report_data_in_workbook also lives here: the one rule that decides
 * whether the coded data and the organisation lists stay in the workbook or
 * are handed on as CSV files beside it (docs/workbook.md, "Large surveys");
 * the workbook, the PDF's notes and the CLI all ask it.
 *
 * Ownership: the codebook is built and freed here, per call.
 */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "base/alloc.h"
#include "npo-survey/report.h"
#include "report/data/data_private.h"

/* The latest answer time, or 0. */
static long long data_time(const nps_results *r)
{
    long long first, last;
    return nps_publication_period(r->publication, &first, &last) && last >= 0 ? last : 0;
}

/* ReadStat prints the header's time with localtime(): give it the instant
 * whose local time reads as t's UTC time, so the bytes do not depend on TZ. */
static long long as_local(long long t)
{
    time_t tt = (time_t)t, local;
    struct tm g;
    if (!gmtime_r(&tt, &g))
        return t;
    g.tm_isdst = -1;
    local = mktime(&g); /* g's fields taken as local time */
    return local == (time_t)-1 ? t : (long long)local;
}

typedef enum csv_kind { CSV_DATA, CSV_CODED, CSV_CODEBOOK } csv_kind;

/* Write a CSV writer's output to path (opened, BOM first, closed). */
static nps_error write_csv_file(const nps_results *r, const nps_codebook *cb, csv_kind kind,
                                const char *path, nps_diag *diag)
{
    nps_error err;
    FILE *out = fopen(path, "wb");
    if (!out)
        return nps_diag_set(diag, NPS_ERR_IO, path, 0, "cannot create: %s", strerror(errno));
    if (fputs("\xEF\xBB\xBF", out) == EOF)
        err = NPS_ERR_IO;
    else
        err = kind == CSV_CODEBOOK ? nps_handoff_csv_codebook(cb, out)
                                   : nps_handoff_csv_data(r, cb, kind == CSV_CODED, out);
    if (fclose(out) != 0 && err == NPS_OK)
        err = NPS_ERR_IO;
    if (err == NPS_ERR_IO)
        nps_diag_set(diag, err, path, 0, "cannot write: %s", strerror(errno));
    else if (err != NPS_OK)
        nps_diag_set(diag, err, path, 0, "%s", nps_strerror(err));
    return err;
}

nps_error nps_handoff_write(const nps_results *r, const nps_handoff_options *opt, const char *path,
                            nps_diag *diag)
{
    nps_codebook *cb = NULL;
    nps_error err = nps_codebook_build(nps_publication_questionnaire(r->publication), &cb);
    if (err != NPS_OK) {
        nps_diag_set(diag, err, path, 0, "%s", nps_strerror(err));
        goto cleanup;
    }
    if (opt->format == NPS_HANDOFF_CSV)
        err = write_csv_file(r, cb, CSV_DATA, path, diag);
    else
        err = nps_handoff_stat_write(r, cb, opt->format,
                                     as_local(opt->timestamp >= 0 ? opt->timestamp : data_time(r)), path, diag);
    if (err != NPS_OK)
        remove(path);
cleanup:
    nps_codebook_free(cb);
    return err;
}

nps_error nps_handoff_write_codebook(const nps_results *r, const char *path, nps_diag *diag)
{
    nps_codebook *cb = NULL;
    nps_error err = nps_codebook_build(nps_publication_questionnaire(r->publication), &cb);
    if (err != NPS_OK) {
        nps_diag_set(diag, err, path, 0, "%s", nps_strerror(err));
        goto cleanup;
    }
    err = write_csv_file(r, cb, CSV_CODEBOOK, path, diag);
    if (err != NPS_OK)
        remove(path);
cleanup:
    nps_codebook_free(cb);
    return err;
}

nps_error nps_handoff_write_coded(const nps_results *r, const char *path, nps_diag *diag)
{
    nps_codebook *cb = NULL;
    nps_error err = nps_codebook_build(nps_publication_questionnaire(r->publication), &cb);
    if (err != NPS_OK) {
        nps_diag_set(diag, err, path, 0, "%s", nps_strerror(err));
        goto cleanup;
    }
    err = write_csv_file(r, cb, CSV_CODED, path, diag);
    if (err != NPS_OK)
        remove(path);
cleanup:
    nps_codebook_free(cb);
    return err;
}

/* Whether the survey is small enough for the workbook's 回答データ and 団体リスト
 * sheets (at most NPS_REPORT_DATA_SHEET_MAX responses; NPS_XLSX_DATA_MAX_ROWS
 * lowers it for tests). */
bool nps_report_data_in_workbook(const nps_results *r)
{
    const char *env = getenv("NPS_XLSX_DATA_MAX_ROWS");
    long max = env && *env ? strtol(env, NULL, 10) : NPS_REPORT_DATA_SHEET_MAX;
    return nps_publication_count(r->publication) <= (size_t)(max > 0 ? max : NPS_REPORT_DATA_SHEET_MAX);
}
