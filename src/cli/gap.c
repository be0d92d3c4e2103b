/*
 * gap.c — `npo-survey gap [--format text|csv|json] EXPORT`: organisations
 * and people per business, the data of the gap chart (analyse/gap.h),
 * printed by nps_cli_run_printer.
 */
#include <stdio.h>
#include "cli_common.h"
#include "cli_i18n.h"
#include "analyse/gap.h"

static const nps_cli_option OPTIONS[] = {
    NPS_CLI_VALUE("--format", NULL, "text|csv|json", format, "output format (default: text)"),
    NPS_CLI_VALUE("--output", "-o", "FILE", output_dir, "write to FILE instead of stdout (CSV: with a UTF-8 BOM, for Excel)"),
};

static nps_error print_gap(const nps_cli_args *a, const nps_dataset *d, nps_table_format fmt, FILE *out)
{
    nps_gap *g = NULL;
    nps_error err = nps_gap_build(d, &g);
    (void)a;
    if (err == NPS_OK)
        err = nps_gap_write(g, fmt, out);
    nps_gap_free(g);
    return err;
}

static int run(const nps_cli_args *a) { return nps_cli_run_printer(a, print_gap); }

const nps_cli_command nps_cli_gap = {"gap", N_("[--format text|csv|json] [common options] EXPORT"),
                                     N_("organisations and people per business (gap chart data)"), OPTIONS,
                                     sizeof OPTIONS / sizeof OPTIONS[0], run, false};

