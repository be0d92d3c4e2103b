/*
 * handoff_stat.c — the data handed on as an SPSS .sav or a Stata .dta file,
 * through ReadStat's writer (docs/export.md).
 *
 * One variable per codebook variable, in codebook order; one value-label
 * set per codebook value set (shared by the variables that use it), named
 * after its first variable. Types: codes (choices, ratings, 0/1, bins) are
 * doubles in .sav and 16-bit integers in .dta (Stata attaches value labels
 * to integers only); numbers are doubles; strings are as wide as their
 * longest value. No answer is the system-missing value (an empty string
 * for strings). Measurement levels are set (nominal / ordinal / scale).
 *
 * Limits of the formats, handled by cutting at a code-point boundary with
 * a closing "…" (the codebook and the workbook keep the whole text):
 *   .sav  variable label 255 bytes, value label 120 bytes, file label 64
 *         bytes, string value 32,767 bytes;
 *   .dta  (format 118, UTF-8) variable label 80 characters, value label
 *         32,000 bytes, data label 80 characters, string value 2,045 bytes.
 *
 * Invariants: the header's creation time is the `timestamp` given (never
 * the clock); two passes over the data: the first measures string widths,
 * the second writes.
 *
 * Ownership: the ReadStat writer, label sets and the per-call arrays are
 * freed before returning; the caller removes the file on failure.
 */
#include <errno.h>
#include <math.h>
#include <readstat.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include "base/alloc.h"
#include "report/data/data_private.h"

typedef struct format_limits {
    size_t var_label_bytes, var_label_chars;
    size_t value_label_bytes;
    size_t file_label_bytes, file_label_chars;
    size_t string_bytes;
} format_limits;

static const format_limits SAV_LIMITS = {255, 0, 120, 64, 0, 32767};
static const format_limits DTA_LIMITS = {320, 80, 32000, 320, 80, 2045};

typedef struct stat_out {
    FILE *fp;
    bool failed;
} stat_out;

static ssize_t write_bytes(const void *data, size_t len, void *ctx)
{
    stat_out *o = ctx;
    if (fwrite(data, 1, len, o->fp) != len) {
        o->failed = true;
        return -1;
    }
    return (ssize_t)len;
}

typedef struct stat_job {
    const nps_results *r;
    const nps_codebook *cb;
    const format_limits *lim;
    bool dta;
    readstat_writer_t *w;
    readstat_label_set_t **sets;     /* per codebook variable: its set (or NULL) */
    size_t *width;                   /* per variable: string width in bytes */
    char **labels;                   /* cut labels kept until the end of writing */
    size_t n_labels, cap_labels;
    const char *path;
    nps_diag *diag;
} stat_job;

static nps_error rs_fail(stat_job *j, readstat_error_t e, const char *what)
{
    return nps_diag_set(j->diag, NPS_ERR_IO, j->path, 0, "cannot write the %s file (%s): %s",
                        j->dta ? "Stata" : "SPSS", what, readstat_error_message(e));
}

/* A label cut to the limits, kept alive for the writer; NULL on failure. */
static const char *cut(stat_job *j, const char *label, size_t bytes, size_t chars)
{
    char *c = nps_codebook_cut_label(label ? label : "", bytes, chars);
    if (!c)
        return NULL;
    if (nps_grow((void **)&j->labels, &j->cap_labels, j->n_labels + 1, sizeof *j->labels, 64) != NPS_OK) {
        nps_free(c);
        return NULL;
    }
    j->labels[j->n_labels++] = c;
    return c;
}

/* First pass: the byte width of every string variable (at least 1). */
static nps_error measure_strings(stat_job *j)
{
    const nps_publication *p = j->r->publication;
    size_t n = nps_codebook_count(j->cb);
    for (size_t i = 0; i < n; i++)
        j->width[i] = 1;
    for (size_t org = 0; org < nps_publication_count(p); org++)
        for (size_t i = 0; i < n; i++) {
            const nps_cb_var *v = nps_codebook_var(j->cb, i);
            nps_cb_cell c;
            if (!v->is_string)
                continue;
            if (nps_codebook_cell(v, p, org, &c) != NPS_OK)
                return NPS_ERR_NOMEM;
            if (c.text) {
                size_t len = strlen(c.text);
                if (len > j->lim->string_bytes)
                    len = j->lim->string_bytes;
                if (len > j->width[i])
                    j->width[i] = len;
            }
            nps_free(c.text);
        }
    return NPS_OK;
}

/* The value-label set of variable i, made once per codebook value set. */
static readstat_label_set_t *label_set(stat_job *j, size_t i)
{
    const nps_cb_var *v = nps_codebook_var(j->cb, i);
    readstat_label_set_t *s;
    for (size_t k = 0; k < i; k++)
        if (nps_codebook_var(j->cb, k)->values == v->values && j->sets[k])
            return j->sets[k];
    s = readstat_add_label_set(j->w, j->dta ? READSTAT_TYPE_INT32 : READSTAT_TYPE_DOUBLE, v->values->name);
    for (size_t k = 0; s && k < v->values->n_values; k++) {
        const nps_cb_value *val = &v->values->values[k];
        const char *l = cut(j, val->label, j->lim->value_label_bytes, 0);
        if (!l)
            return NULL;
        if (j->dta)
            readstat_label_int32_value(s, val->code, l);
        else
            readstat_label_double_value(s, val->code, l);
    }
    return s;
}

static readstat_measure_t measure_of(nps_cb_measure m)
{
    return m == NPS_CB_SCALE ? READSTAT_MEASURE_SCALE
           : m == NPS_CB_ORDINAL ? READSTAT_MEASURE_ORDINAL : READSTAT_MEASURE_NOMINAL;
}

static nps_error define_variables(stat_job *j)
{
    for (size_t i = 0; i < nps_codebook_count(j->cb); i++) {
        const nps_cb_var *v = nps_codebook_var(j->cb, i);
        readstat_type_t type = v->is_string ? READSTAT_TYPE_STRING
                               : v->role == NPS_CB_NUMBER ? READSTAT_TYPE_DOUBLE
                               : j->dta ? READSTAT_TYPE_INT16 : READSTAT_TYPE_DOUBLE;
        readstat_variable_t *rv = readstat_add_variable(j->w, v->name, type, v->is_string ? j->width[i] : 0);
        const char *label = cut(j, v->label, j->lim->var_label_bytes, j->lim->var_label_chars);
        if (!rv || !label)
            return nps_diag_set(j->diag, NPS_ERR_NOMEM, j->path, 0, "out of memory");
        readstat_variable_set_label(rv, label);
        readstat_variable_set_measure(rv, measure_of(v->measure));
        readstat_variable_set_alignment(rv, v->is_string ? READSTAT_ALIGNMENT_LEFT : READSTAT_ALIGNMENT_RIGHT);
        if (!v->is_string && v->role != NPS_CB_NUMBER)
            readstat_variable_set_format(rv, j->dta ? "%8.0g" : "F8.0");
        if (v->values) {
            if (!(j->sets[i] = label_set(j, i)))
                return nps_diag_set(j->diag, NPS_ERR_NOMEM, j->path, 0, "out of memory");
            readstat_variable_set_label_set(rv, j->sets[i]);
        }
    }
    return NPS_OK;
}

static readstat_error_t insert_cell(stat_job *j, const readstat_variable_t *rv, const nps_cb_var *v,
                                    const nps_cb_cell *c)
{
    if (v->is_string) {
        if (!c->text)
            return readstat_insert_missing_value(j->w, rv);
        if (strlen(c->text) <= j->lim->string_bytes)
            return readstat_insert_string_value(j->w, rv, c->text);
        char *t = nps_codebook_cut_label(c->text, j->lim->string_bytes, 0);
        readstat_error_t e = t ? readstat_insert_string_value(j->w, rv, t) : READSTAT_ERROR_MALLOC;
        nps_free(t);
        return e;
    }
    if (c->missing)
        return readstat_insert_missing_value(j->w, rv);
    if (j->dta && v->role != NPS_CB_NUMBER)
        return readstat_insert_int16_value(j->w, rv, (int16_t)c->number);
    return readstat_insert_double_value(j->w, rv, c->number);
}

static nps_error write_rows(stat_job *j)
{
    const nps_publication *p = j->r->publication;
    readstat_error_t e = READSTAT_OK;
    for (size_t org = 0; org < nps_publication_count(p) && e == READSTAT_OK; org++) {
        if ((e = readstat_begin_row(j->w)) != READSTAT_OK)
            break;
        for (size_t i = 0; i < nps_codebook_count(j->cb) && e == READSTAT_OK; i++) {
            const nps_cb_var *v = nps_codebook_var(j->cb, i);
            nps_cb_cell c;
            if (nps_codebook_cell(v, p, org, &c) != NPS_OK)
                return nps_diag_set(j->diag, NPS_ERR_NOMEM, j->path, 0, "out of memory");
            e = insert_cell(j, readstat_get_variable(j->w, (int)i), v, &c);
            nps_free(c.text);
        }
        if (e == READSTAT_OK)
            e = readstat_end_row(j->w);
    }
    return e == READSTAT_OK ? NPS_OK : rs_fail(j, e, "data");
}

/* The file label: the survey's title, cut to the format. */
static const char *file_label(stat_job *j)
{
    const nps_settings *s = nps_questionnaire_settings(nps_publication_questionnaire(j->r->publication));
    return cut(j, s && s->survey_title ? s->survey_title : "", j->lim->file_label_bytes,
               j->lim->file_label_chars);
}

static nps_error begin(stat_job *j, stat_out *o, long long timestamp)
{
    readstat_error_t e;
    long rows = (long)nps_publication_count(j->r->publication);
    const char *label = file_label(j);
    if (!label)
        return nps_diag_set(j->diag, NPS_ERR_NOMEM, j->path, 0, "out of memory");
    readstat_set_data_writer(j->w, write_bytes);
    readstat_writer_set_file_timestamp(j->w, (time_t)timestamp);
    readstat_writer_set_file_label(j->w, label);
    if (j->dta)
        readstat_writer_set_file_format_version(j->w, 118);
    nps_error err = define_variables(j);
    if (err != NPS_OK)
        return err;
    e = j->dta ? readstat_begin_writing_dta(j->w, o, rows) : readstat_begin_writing_sav(j->w, o, rows);
    if (e == READSTAT_OK)
        e = readstat_validate_metadata(j->w);
    for (size_t i = 0; e == READSTAT_OK && i < nps_codebook_count(j->cb); i++)
        if ((e = readstat_validate_variable(j->w, readstat_get_variable(j->w, (int)i))) != READSTAT_OK)
            return nps_diag_set(j->diag, NPS_ERR_IO, j->path, 0, "variable %s: %s",
                                nps_codebook_var(j->cb, i)->name, readstat_error_message(e));
    return e == READSTAT_OK ? NPS_OK : rs_fail(j, e, "header");
}

nps_error nps_handoff_stat_write(const nps_results *r, const nps_codebook *cb, nps_handoff_format format,
                                 long long timestamp, const char *path, nps_diag *diag)
{
    stat_job j = {r, cb, format == NPS_HANDOFF_DTA ? &DTA_LIMITS : &SAV_LIMITS, format == NPS_HANDOFF_DTA,
                  NULL, NULL, NULL, NULL, 0, 0, path, diag};
    stat_out o = {NULL, false};
    size_t n = nps_codebook_count(cb);
    nps_error err = NPS_ERR_NOMEM;
    readstat_error_t e;
    j.sets = nps_calloc(n, sizeof *j.sets);
    j.width = nps_calloc(n, sizeof *j.width);
    if (!j.sets || !j.width || !(j.w = readstat_writer_init())) {
        nps_diag_set(diag, err, path, 0, "out of memory");
        goto cleanup;
    }
    if ((err = measure_strings(&j)) != NPS_OK) {
        nps_diag_set(diag, err, path, 0, "out of memory");
        goto cleanup;
    }
    if (!(o.fp = fopen(path, "wb"))) {
        err = nps_diag_set(diag, NPS_ERR_IO, path, 0, "cannot create: %s", strerror(errno));
        goto cleanup;
    }
    if ((err = begin(&j, &o, timestamp)) != NPS_OK || (err = write_rows(&j)) != NPS_OK)
        goto cleanup;
    if ((e = readstat_end_writing(j.w)) != READSTAT_OK) {
        err = rs_fail(&j, e, "end");
        goto cleanup;
    }
    err = NPS_OK;
cleanup:
    if (o.fp && fclose(o.fp) != 0 && err == NPS_OK)
        o.failed = true;
    if (o.failed && err == NPS_OK)
        err = nps_diag_set(diag, NPS_ERR_IO, path, 0, "cannot write: %s", strerror(errno));
    if (j.w)
        readstat_writer_free(j.w);
    for (size_t i = 0; i < j.n_labels; i++)
        nps_free(j.labels[i]);
    nps_free(j.labels);
    nps_free(j.sets);
    nps_free(j.width);
    return err;
}
