/*
 * analysis.c — the CLI commands of the trouble analysis (DESIGN §5–6):
 *   flows [--format text|csv|json] [--orgs [--reveal-names]] EXPORT
 *   gap   [--format text|csv|json] EXPORT
 *   themes [--format text|csv|json] [--quotes] EXPORT   (free text, masked)
 * They print what the library computed; organisation names only with
 * --reveal-names, and then only in the organisation lists.
 */
#include <stdio.h>
#include "cli_common.h"
#include "gap.h"
#include "mask.h"
#include "themes.h"
#include "troubles.h"

int nps_cli_flows(const nps_cli_args *a)
{
    nps_questionnaire *q;
    nps_dataset *d;
    nps_flows *f = NULL;
    nps_table_format fmt;
    nps_flows_options opt = {a->reveal_names};
    int rc;
    if (!nps_cli_parse_format(a->format, &fmt)) {
        fprintf(stderr, "npo-survey: --format takes text, csv or json, not %s\n", a->format);
        return 2;
    }
    if (a->reveal_names && !a->orgs) {
        fputs("npo-survey: --reveal-names applies to the organisation lists only (add --orgs)\n", stderr);
        return 2;
    }
    if ((rc = nps_cli_load(a, &q, &d)) != 0)
        return rc;
    nps_error err = nps_flows_build_opts(d, &opt, &f);
    if (err == NPS_OK)
        err = a->orgs ? nps_flows_write_orgs(f, fmt, stdout) : nps_flows_write(f, fmt, stdout);
    if (err == NPS_OK && fflush(stdout) != 0)
        err = NPS_ERR_IO;
    if (err != NPS_OK)
        fprintf(stderr, "npo-survey: %s: %s\n", a->export_path, nps_strerror(err));
    nps_flows_free(f);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
    return nps_cli_exit_code(err);
}

int nps_cli_gap(const nps_cli_args *a)
{
    nps_questionnaire *q;
    nps_dataset *d;
    nps_gap *g = NULL;
    nps_table_format fmt;
    int rc;
    if (!nps_cli_parse_format(a->format, &fmt)) {
        fprintf(stderr, "npo-survey: --format takes text, csv or json, not %s\n", a->format);
        return 2;
    }
    if ((rc = nps_cli_load(a, &q, &d)) != 0)
        return rc;
    nps_error err = nps_gap_build(d, &g);
    if (err == NPS_OK)
        err = nps_gap_write(g, fmt, stdout);
    if (err == NPS_OK && fflush(stdout) != 0)
        err = NPS_ERR_IO;
    if (err != NPS_OK)
        fprintf(stderr, "npo-survey: %s: %s\n", a->export_path, nps_strerror(err));
    nps_gap_free(g);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
    return nps_cli_exit_code(err);
}

int nps_cli_themes(const nps_cli_args *a)
{
    nps_questionnaire *q;
    nps_dataset *d;
    nps_masker *m = NULL;
    nps_themes *t = NULL;
    nps_table_format fmt;
    int rc;
    if (!nps_cli_parse_format(a->format, &fmt)) {
        fprintf(stderr, "npo-survey: --format takes text, csv or json, not %s\n", a->format);
        return 2;
    }
    if ((rc = nps_cli_load(a, &q, &d)) != 0)
        return rc;
    nps_error err = nps_masker_new(d, &m);
    if (err == NPS_OK)
        err = nps_themes_build(d, m, &t);
    if (err == NPS_OK)
        err = a->orgs ? nps_themes_write_quotes(t, fmt, stdout) : nps_themes_write(t, fmt, stdout);
    if (err == NPS_OK && fflush(stdout) != 0)
        err = NPS_ERR_IO;
    if (err != NPS_OK)
        fprintf(stderr, "npo-survey: %s: %s\n", a->export_path, nps_strerror(err));
    nps_themes_free(t);
    nps_masker_free(m);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
    return nps_cli_exit_code(err);
}
