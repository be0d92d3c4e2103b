/*
 * tabulate.c — `npo-survey tabulate [--format text|csv|json] [--intervals] EXPORT`:
 * the frequency table of every closed question (analyse/tables.h), printed
 * by nps_cli_run_printer; --intervals adds ci_low,ci_high to the CSV.
 */
#include <stdio.h>
#include "cli_common.h"
#include "cli_i18n.h"
#include "analyse/tables.h"

static const nps_cli_option OPTIONS[] = {
    NPS_CLI_VALUE("--format", NULL, "text|csv|json", format, "output format (default: text)"),
    NPS_CLI_VALUE("--output", "-o", "FILE", output_dir, "write to FILE instead of stdout (CSV: with a UTF-8 BOM, for Excel)"),
    /* xgettext:no-c-format */
    NPS_CLI_FLAG("--intervals", NULL, intervals, "add ci_low,ci_high (95 % intervals) to the CSV"),
};

static nps_error print_tables(const nps_cli_args *a, const nps_dataset *d, nps_table_format fmt, FILE *out)
{
    nps_tables *t = NULL;
    nps_error err = nps_tables_build(d, &t);
    if (err == NPS_OK)
        err = nps_tables_write_opts(t, fmt, a->intervals ? NPS_TABLES_CSV_INTERVALS : 0, out);
    nps_tables_free(t);
    return err;
}

static int run(const nps_cli_args *a) { return nps_cli_run_printer(a, print_tables); }

const nps_cli_command nps_cli_tabulate = {
    "tabulate", N_("[--format text|csv|json] [--intervals] [common options] EXPORT"),
    N_("frequency tables of every closed question"), OPTIONS, sizeof OPTIONS / sizeof OPTIONS[0], run, false};

