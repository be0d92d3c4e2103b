/*
 * report_xlsx_book.c — the life of one workbook being written: the output
 * probed before any work, the libxlsxwriter workbook opened with its
 * temporary files beside the output, and at the end either closed (the
 * zip written) or freed with the output removed (see report_xlsx.c for
 * the guarantees and docs/workbook.md).
 *
 * Invariants: after nps_xlsx_book_open the book is always safe to close,
 * whatever failed; nps_xlsx_book_close returns the FIRST error met (never
 * a partial NPS_OK) and leaves no file at `path` when it fails.
 *
 * Ownership: the book owns its sheet list (names and descriptions), the
 * temporary directory string and, until it is closed, the libxlsxwriter
 * workbook; close releases them all.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "base/alloc.h"
#include "report/xlsx/xlsx_private.h"

/* Create the output file once, so that an unwritable path is reported
 * with its reason before any work is done. */
static nps_error probe_output(xw_book *b, bool *created)
{
    FILE *f = fopen(b->path, "wb");
    if (!f)
        return nps_xw_fail(b, NPS_ERR_IO, "cannot create the workbook: %s", strerror(errno));
    *created = true;
    if (fclose(f) != 0)
        return nps_xw_fail(b, NPS_ERR_IO, "cannot create the workbook: %s", strerror(errno));
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

nps_error nps_xlsx_book_open(xw_book *b, const nps_results *r, const nps_report_options *opt,
                             const char *path, nps_diag *diag)
{
    static const nps_report_options defaults = {NULL, NULL, false, 0, NULL};
    lxw_workbook_options wo;

    memset(b, 0, sizeof *b);
    b->r = r;
    b->opt = opt ? opt : &defaults;
    b->path = path ? path : "";
    b->diag = diag;
    if (!r || !r->publication || !r->tables || !r->figures || !path || !*path) {
        nps_xw_fail(b, NPS_ERR_USAGE, "no results or no output path for the workbook");
        goto cleanup;
    }
    if (probe_output(b, &b->created) != NPS_OK)
        goto cleanup;
    b->tmpdir = directory_of(path);
    if (!b->tmpdir) {
        nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory");
        goto cleanup;
    }
    memset(&wo, 0, sizeof wo);
    wo.constant_memory = LXW_FALSE;   /* set per data sheet (nps_xw_sheet_begin) */
    wo.tmpdir = b->tmpdir;
    b->wb = workbook_new_opt(path, &wo);
    if (!b->wb) {
        nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory");
        goto cleanup;
    }
cleanup:
    return b->err;
}

nps_error nps_xlsx_book_close(xw_book *b)
{
    if (!xw_failed(b)) {
        lxw_error e = workbook_close(b->wb);   /* frees the workbook, whatever happens */
        b->wb = NULL;
        nps_xw_check(b, e, "writing the file");
    }
    if (b->wb)
        lxw_workbook_free(b->wb);
    b->wb = NULL;
    if (xw_failed(b) && b->created)
        remove(b->path);
    for (size_t i = 0; i < b->n_sheets; i++) {
        nps_free(b->sheets[i].name);
        nps_free(b->sheets[i].description);
    }
    nps_free(b->sheets);
    b->sheets = NULL;
    b->n_sheets = b->cap_sheets = 0;
    nps_free(b->tmpdir);
    b->tmpdir = NULL;
    return b->err;
}
