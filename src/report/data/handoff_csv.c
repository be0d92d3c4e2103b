/*
 * handoff_csv.c — the data handed on as CSV, and codebook.csv
 * (docs/export.md). The caller has written the UTF-8 BOM and closes the file.
 *
 * Data: a header row of the codebook's variable names, then one row per
 * organisation: codes and numbers as numbers, text (masked) as RFC 4180
 * fields, no answer as an empty cell. A text that starts with = + - @ (or a
 * tab or CR) gets a leading apostrophe, so Excel never takes it for a
 * formula (docs/export.md says so).
 *
 * codebook.csv: name,label,type,measure,role,source,option,value,value_label
 * — one row per variable, then one row per further value label (name and
 * value filled, the rest empty), so every row can be filtered by name.
 *
 * Invariants: numbers are written as %.15g writes them (codes as integers); output
 * depends only on the data (same input, same bytes).
 *
 * Ownership: each cell's text is freed before the next.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "base/alloc.h"
#include "base/emit.h"
#include "report/data/data_private.h"

/* %.15g; a whole number below 10^15 (every code, 0/1 and count) written
 * without printf, the same digits. */
static int write_number(FILE *out, double x)
{
    char digits[24], *p = digits + sizeof digits;
    unsigned long long v;
    if (!(x == floor(x) && fabs(x) < 1e15) || (x == 0 && signbit(x)))
        return fprintf(out, "%.15g", x) < 0 ? EOF : 0;
    v = (unsigned long long)fabs(x);
    *--p = '\0';
    do
        *--p = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    if (x < 0)
        *--p = '-';
    return fputs(p, out) == EOF ? EOF : 0;
}

/* A text cell, guarded against formula interpretation. */
static int write_text(FILE *out, const char *t)
{
    if (t && strchr("=+-@\t\r", t[0]) && t[0]) {
        char *g = nps_malloc(strlen(t) + 2);
        int rc;
        if (!g)
            return -2;
        g[0] = '\'';
        strcpy(g + 1, t);
        rc = nps_write_csv_field(out, g);
        nps_free(g);
        return rc;
    }
    return nps_write_csv_field(out, t);
}

/* Whether the data's column of variable v is written. */
static bool column_written(const nps_cb_var *v, bool coded_only)
{
    return !coded_only || nps_codebook_var_coded(v);
}

nps_error nps_handoff_csv_data(const nps_results *r, const nps_codebook *cb, bool coded_only, FILE *out)
{
    const nps_publication *p = r->publication;
    size_t n = nps_codebook_count(cb);
    nps_error err = NPS_OK;
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        const nps_cb_var *v = nps_codebook_var(cb, i);
        if (!column_written(v, coded_only))
            continue;
        if ((!first && fputc(',', out) == EOF) || nps_write_csv_field(out, v->name) == EOF) {
            err = NPS_ERR_IO;
            goto cleanup;
        }
        first = false;
    }
    if (fputs("\r\n", out) == EOF) {
        err = NPS_ERR_IO;
        goto cleanup;
    }
    for (size_t org = 0; org < nps_publication_count(p); org++) {
        first = true;
        for (size_t i = 0; i < n; i++) {
            const nps_cb_var *v = nps_codebook_var(cb, i);
            nps_cb_cell c;
            int rc = 0;
            if (!column_written(v, coded_only))
                continue;
            if ((err = nps_codebook_cell(v, p, org, &c)) != NPS_OK)
                goto cleanup;
            if (!first && fputc(',', out) == EOF)
                rc = EOF;
            else if (v->is_string)
                rc = write_text(out, c.text);
            else if (!c.missing)
                rc = write_number(out, c.number);
            first = false;
            nps_free(c.text);
            if (rc != 0) {
                err = rc == -2 ? NPS_ERR_NOMEM : NPS_ERR_IO;
                goto cleanup;
            }
        }
        if (fputs("\r\n", out) == EOF) {
            err = NPS_ERR_IO;
            goto cleanup;
        }
    }
cleanup:
    return err;
}

/* One codebook row; v NULL: a further value row of `name`. */
static int codebook_row(FILE *out, const nps_cb_var *v, const char *name, const nps_cb_value *value)
{
    char option[16] = "", code[16] = "";
    int rc = 0;
    if (v && v->option > 0)
        snprintf(option, sizeof option, "%d", v->option);
    if (value)
        snprintf(code, sizeof code, "%d", value->code);
    rc |= nps_write_csv_field(out, name);
    rc |= fputc(',', out) == EOF;
    rc |= nps_write_csv_field(out, v ? v->label : NULL);
    rc |= fprintf(out, ",%s,%s,%s,", v ? nps_codebook_type_name(v) : "",
                  v ? nps_codebook_measure_name(v->measure) : "", v ? nps_codebook_role_name(v->role) : "") < 0;
    rc |= nps_write_csv_field(out, v ? v->source : NULL);
    rc |= fprintf(out, ",%s,%s,", option, code) < 0;
    rc |= nps_write_csv_field(out, value ? value->label : NULL);
    rc |= fputs("\r\n", out) == EOF;
    return rc;
}

nps_error nps_handoff_csv_codebook(const nps_codebook *cb, FILE *out)
{
    int rc = fputs("name,label,type,measure,role,source,option,value,value_label\r\n", out) == EOF;
    for (size_t i = 0; i < nps_codebook_count(cb) && rc == 0; i++) {
        const nps_cb_var *v = nps_codebook_var(cb, i);
        size_t nv = v->values ? v->values->n_values : 0;
        rc |= codebook_row(out, v, v->name, nv ? &v->values->values[0] : NULL);
        for (size_t k = 1; k < nv && rc == 0; k++)
            rc |= codebook_row(out, NULL, v->name, &v->values->values[k]);
    }
    return rc ? NPS_ERR_IO : NPS_OK;
}
