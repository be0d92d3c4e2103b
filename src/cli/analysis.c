/*
 * analysis.c — the CLI commands of the trouble analysis and free text
 * (DESIGN §5–7), each a printer run by nps_cli_run_printer:
 *   flows  [--format text|csv|json] [--orgs [--reveal-names]] EXPORT
 *   gap    [--format text|csv|json] EXPORT
 *   themes [--format text|csv|json] [--quotes] EXPORT   (free text, masked)
 * Organisation names only with --reveal-names, and then only in the
 * organisation lists.
 */
#include <stdio.h>
#include "cli_common.h"
#include "analyse/gap.h"
#include "analyse/mask.h"
#include "analyse/themes.h"
#include "analyse/troubles.h"

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

int nps_cli_flows(const nps_cli_args *a)
{
    if (a->reveal_names && !a->orgs) {
        fputs("npo-survey: --reveal-names applies to the organisation lists only (add --orgs)\n", stderr);
        return 2;
    }
    return nps_cli_run_printer(a, print_flows);
}

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

int nps_cli_gap(const nps_cli_args *a) { return nps_cli_run_printer(a, print_gap); }

static nps_error print_themes(const nps_cli_args *a, const nps_dataset *d, nps_table_format fmt, FILE *out)
{
    nps_masker *m = NULL;
    nps_themes *t = NULL;
    nps_error err = nps_masker_new(d, &m);
    if (err == NPS_OK)
        err = nps_themes_build(d, m, &t);
    if (err == NPS_OK)
        err = a->orgs ? nps_themes_write_quotes(t, fmt, out) : nps_themes_write(t, fmt, out);
    nps_themes_free(t);
    nps_masker_free(m);
    return err;
}

int nps_cli_themes(const nps_cli_args *a) { return nps_cli_run_printer(a, print_themes); }
