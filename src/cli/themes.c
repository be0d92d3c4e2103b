/*
 * themes.c — `npo-survey themes [--format text|csv|json] [--quotes] EXPORT`:
 * the free-text challenge themes (analyse/themes.h), printed by
 * nps_cli_run_printer; --quotes prints the masked texts themselves
 * (analyse/mask.h: no names, e-mail addresses or phone numbers).
 */
#include <stdio.h>
#include "cli_common.h"
#include "cli_i18n.h"
#include "analyse/mask.h"
#include "analyse/themes.h"

static const nps_cli_option OPTIONS[] = {
    NPS_CLI_VALUE("--format", NULL, "text|csv|json", format, "output format (default: text)"),
    NPS_CLI_VALUE("--output", "-o", "FILE", output_dir, "write to FILE instead of stdout (CSV: with a UTF-8 BOM, for Excel)"),
    NPS_CLI_FLAG("--quotes", NULL, quotes, "the masked free texts of each theme"),
};

static nps_error print_themes(const nps_cli_args *a, const nps_dataset *d, nps_table_format fmt, FILE *out)
{
    nps_masker *m = NULL;
    nps_themes *t = NULL;
    nps_error err = nps_masker_new(d, &m);
    if (err == NPS_OK)
        err = nps_themes_build(d, m, &t);
    if (err == NPS_OK)
        err = a->quotes ? nps_themes_write_quotes(t, fmt, out) : nps_themes_write(t, fmt, out);
    nps_themes_free(t);
    nps_masker_free(m);
    return err;
}

static int run(const nps_cli_args *a) { return nps_cli_run_printer(a, print_themes); }

const nps_cli_command nps_cli_themes = {"themes", N_("[--format text|csv|json] [--quotes] [common options] EXPORT"),
                                        N_("free-text challenge themes; --quotes: the masked texts"), OPTIONS,
                                        sizeof OPTIONS / sizeof OPTIONS[0], run, false};
