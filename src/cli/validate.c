/*
 * validate.c — `npo-survey validate [--strict] EXPORT`: the data-quality log
 * of the export (what was read, every finding and note with its line) on
 * stdout; --strict makes findings an error (exit 1).
 */
#include <stdio.h>
#include <string.h>
#include "cli_common.h"
#include "base/alloc.h"
#include "base/text.h"

static const nps_cli_option OPTIONS[] = {
    NPS_CLI_FLAG("--strict", NULL, strict, "data-quality findings are an error (exit 1)"),
};

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
        if (e->cell && e->cell[0])
            printf(" %s", e->cell); /* an .xlsx export: the cell, Sheet1!F7 */
        if (e->column[0]) {
            char *cut = nps_utf8_truncate(e->column, 60);
            printf(" [%s%s]", cut ? cut : "", strlen(e->column) > 60 ? "…" : "");
            nps_free(cut);
        }
        if (e->raw[0])
            printf(" \"%s\"", e->raw);
        printf(": %s\n", e->action);
    }
}

static int run(const nps_cli_args *a)
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

const nps_cli_command nps_cli_validate = {"validate", "[--strict] [common options] EXPORT",
                                          "the data-quality log of the export", OPTIONS,
                                          sizeof OPTIONS / sizeof OPTIONS[0], run};
