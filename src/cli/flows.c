/*
 * flows.c — `npo-survey flows [--format text|csv|json] [--orgs [--reveal-names]] EXPORT`:
 * the response flows of the troubles question by category (analyse/troubles.h),
 * printed by nps_cli_run_printer; --orgs prints each organisation's answers
 * by leaf instead, by id. Organisation names only with --reveal-names, and
 * then only in the organisation lists.
 */
#include <stdio.h>
#include "cli_common.h"
#include "cli_i18n.h"
#include "analyse/troubles.h"

static const nps_cli_option OPTIONS[] = {
    NPS_CLI_VALUE("--format", NULL, "text|csv|json", format, "output format (default: text)"),
    NPS_CLI_VALUE("--output", "-o", "FILE", output_dir, "write to FILE instead of stdout (CSV: with a UTF-8 BOM, for Excel)"),
    NPS_CLI_FLAG("--orgs", NULL, orgs, "each organisation's answers by leaf (ids)"),
    NPS_CLI_FLAG("--reveal-names", NULL, reveal_names, "with --orgs: the organisations' names too"),
};

static nps_error print_flows(const nps_cli_args *a, const nps_dataset *d, nps_table_format fmt, FILE *out)
{
    nps_flows_options opt = {a->reveal_names};
    nps_flows *f = NULL;
    nps_error err = nps_flows_build_opts(d, &opt, &f);
    if (err == NPS_OK)
        err = a->orgs ? nps_flows_write_orgs(f, fmt, out) : nps_flows_write(f, fmt, out);
    nps_flows_free(f);
    return err;
}

static int run(const nps_cli_args *a)
{
    if (a->reveal_names && !a->orgs) {
        fputs(_("npo-survey: --reveal-names applies to the organisation lists only (add --orgs)\n"), stderr);
        return 2;
    }
    return nps_cli_run_printer(a, print_flows);
}

const nps_cli_command nps_cli_flows = {
    "flows", N_("[--format text|csv|json] [--orgs [--reveal-names]] [common options] EXPORT"),
    N_("response flows of the troubles question, by category"), OPTIONS, sizeof OPTIONS / sizeof OPTIONS[0], run, false};
