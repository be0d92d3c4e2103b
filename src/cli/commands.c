/*
 * commands.c — tabulate and validate, plus the loading every command shares
 * (questionnaire, export) and the one-line error message of exit status 1:
 *   npo-survey: FILE: line N: what is wrong (what to do)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "commands.h"
#include "base/text.h"
#include "read/reader.h"
#include "analyse/tables.h"
#include "cli_common.h"

void nps_cli_print_diag(const nps_diag *d, nps_error err)
{
    fputs("npo-survey: ", stderr);
    if (d->file[0]) {
        fputs(d->file, stderr);
        if (d->line > 0)
            fprintf(stderr, ": line %ld", d->line);
        fputs(": ", stderr);
    }
    fputs(d->message[0] ? d->message : nps_strerror(err), stderr);
    if (d->hint[0])
        fprintf(stderr, " (%s)", d->hint);
    fputc('\n', stderr);
}

int nps_cli_exit_code(nps_error err)
{
    return err == NPS_OK ? 0 : err == NPS_ERR_USAGE ? 2 : 1;
}

/* Progress of a long read, on a terminal only: one line, redrawn. */
static void print_progress(void *ctx, unsigned long long done, unsigned long long total)
{
    *(bool *)ctx = true;
    fprintf(stderr, "\rnpo-survey: reading %3d%% (%llu of %llu MB)", total ? (int)(done * 100 / total) : 100,
            done / 1000000, total / 1000000);
}

int nps_cli_load(const nps_cli_args *a, nps_questionnaire **q, nps_dataset **d)
{
    nps_diag diag = {0};
    bool shown = false;
    nps_read_options opts = {NPS_ENCODING_AUTO, a->keep_duplicates, 0, 0, NULL, &shown};
    nps_error err;
    if (isatty(STDERR_FILENO))
        opts.progress = print_progress;
    *q = NULL;
    *d = NULL;
    if (a->encoding) {
        if (strcmp(a->encoding, "utf-8") == 0 || strcmp(a->encoding, "utf8") == 0)
            opts.encoding = NPS_ENCODING_UTF8;
        else if (strcmp(a->encoding, "cp932") == 0 || strcmp(a->encoding, "shift_jis") == 0)
            opts.encoding = NPS_ENCODING_CP932;
        else {
            fprintf(stderr, "npo-survey: --encoding takes utf-8 or cp932, not %s\n", a->encoding);
            return 2;
        }
    }
    err = a->questionnaire_dir ? nps_questionnaire_load_dir(a->questionnaire_dir, q, &diag)
                               : nps_questionnaire_load_default(q, &diag);
    if (err != NPS_OK && !diag.hint[0])
        nps_diag_hint(&diag, "fix the questionnaire file: its format is in questionnaire/README.md");
    if (err == NPS_OK)
        err = nps_read_export(a->export_path, *q, &opts, d, &diag);
    if (shown)
        fputs("\r\033[K", stderr); /* clear the progress line */
    if (err != NPS_OK) {
        nps_cli_print_diag(&diag, err);
        nps_questionnaire_free(*q);
        *q = NULL;
        return nps_cli_exit_code(err);
    }
    return 0;
}

bool nps_cli_parse_format(const char *s, nps_table_format *f)
{
    if (!s || strcmp(s, "text") == 0)
        *f = NPS_FORMAT_TEXT;
    else if (strcmp(s, "csv") == 0)
        *f = NPS_FORMAT_CSV;
    else if (strcmp(s, "json") == 0)
        *f = NPS_FORMAT_JSON;
    else
        return false;
    return true;
}

/* Findings (not notes) go to stderr as one summary line, so that exit 0
 * runs still say when something was dropped. */
void nps_cli_summarise_findings(const nps_dataset *d, const char *path)
{
    size_t findings = nps_dataset_quality_count_kind(d, NPS_QUALITY_FINDING);
    if (findings)
        fprintf(stderr, "npo-survey: %s: %zu data-quality finding%s (see 'npo-survey validate %s')\n",
                path, findings, findings == 1 ? "" : "s", path);
}

int nps_cli_run_printer(const nps_cli_args *a, nps_cli_printer print)
{
    nps_questionnaire *q;
    nps_dataset *d;
    nps_table_format fmt;
    int rc;
    if (!nps_cli_parse_format(a->format, &fmt)) {
        fprintf(stderr, "npo-survey: --format takes text, csv or json, not %s\n", a->format);
        return 2;
    }
    if ((rc = nps_cli_load(a, &q, &d)) != 0)
        return rc;
    nps_error err = print(a, d, fmt, stdout);
    if (err == NPS_OK && fflush(stdout) != 0)
        err = NPS_ERR_IO;
    if (err != NPS_OK)
        fprintf(stderr, "npo-survey: %s: %s\n", a->export_path, nps_strerror(err));
    else
        nps_cli_summarise_findings(d, a->export_path);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
    return nps_cli_exit_code(err);
}

static nps_error print_tables(const nps_cli_args *a, const nps_dataset *d, nps_table_format fmt, FILE *out)
{
    nps_tables *t = NULL;
    nps_error err = nps_tables_build(d, &t);
    if (err == NPS_OK)
        err = nps_tables_write_opts(t, fmt, a->intervals ? NPS_TABLES_CSV_INTERVALS : 0, out);
    nps_tables_free(t);
    return err;
}

int nps_cli_tabulate(const nps_cli_args *a) { return nps_cli_run_printer(a, print_tables); }

static void print_quality(const nps_dataset *d, const char *path)
{
    const nps_read_info *info = nps_dataset_read_info(d);
    printf("file: %s\nencoding: %s\nrecords: %ld (empty rows skipped: %ld)\n", path, info->encoding,
           info->records, info->empty_rows);
    printf("responses: %zu (duplicates dropped: %ld)\ncolumns: %zu (ignored: %zu)\n",
           nps_dataset_count(d), info->duplicates_dropped, info->columns, info->columns_ignored);
    printf("findings: %zu, notes: %zu\n", nps_dataset_quality_count_kind(d, NPS_QUALITY_FINDING),
           nps_dataset_quality_count_kind(d, NPS_QUALITY_NOTE));
    for (size_t i = 0; i < nps_dataset_quality_count(d); i++) {
        const nps_quality_entry *e = nps_dataset_quality_at(d, i);
        printf("%s line %ld", e->kind == NPS_QUALITY_FINDING ? "finding" : "note   ", e->line);
        if (e->column[0]) {
            char *cut = nps_utf8_truncate(e->column, 60);
            printf(" [%s%s]", cut ? cut : "", strlen(e->column) > 60 ? "…" : "");
            free(cut);
        }
        if (e->raw[0])
            printf(" \"%s\"", e->raw);
        printf(": %s\n", e->action);
    }
}

int nps_cli_validate(const nps_cli_args *a)
{
    nps_questionnaire *q;
    nps_dataset *d;
    int rc;
    if ((rc = nps_cli_load(a, &q, &d)) != 0)
        return rc;
    print_quality(d, a->export_path);
    size_t findings = nps_dataset_quality_count_kind(d, NPS_QUALITY_FINDING);
    rc = 0;
    if (a->strict && findings) {
        fprintf(stderr, "npo-survey: %s: %zu finding%s (--strict)\n", a->export_path, findings,
                findings == 1 ? "" : "s");
        rc = 1;
    }
    nps_dataset_free(d);
    nps_questionnaire_free(q);
    return rc;
}
