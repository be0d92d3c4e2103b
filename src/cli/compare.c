/*
 * compare.c — `npo-survey compare [--format text|csv|json] [--crosswalk FILE]
 * [--old-questionnaire DIR] [--questionnaire DIR] [--labels OLD,NEW]
 * OLD_EXPORT NEW_EXPORT`: what changed since the last wave (docs/compare.md).
 *
 * The old export is read with --old-questionnaire (default: the new wave's
 * questionnaire, --questionnaire or the built-in one); both go through
 * duplicate removal and, with --org-register, get the register's IDs — the
 * panel then links organisations by ID instead of by normalised name. The
 * crosswalk is read before the matching; any problem in it is one line
 * naming the file and line, exit 1.
 */
#include <stdio.h>
#include <string.h>
#include "analyse/compare.h"
#include "analyse/match_waves.h"
#include "cli_common.h"
#include "cli_i18n.h"

extern const nps_cli_command nps_cli_compare;

static const nps_cli_option OPTIONS[] = {
    NPS_CLI_VALUE("--format", NULL, "text|csv|json", format, "output format (default text)"),
    NPS_CLI_VALUE("--crosswalk", NULL, "FILE", crosswalk,
                  "renamed questions, options, rows: old_question,old_option,new_question,new_option"),
    NPS_CLI_VALUE("--old-questionnaire", NULL, "DIR", old_questionnaire_dir,
                  "the old wave's questionnaire (default: the new wave's)"),
    NPS_CLI_VALUE("--labels", NULL, "OLD,NEW", labels, "the waves' names in the output (e.g. 2023,2024)"),
};

/* --labels OLD,NEW into two buffers; false when malformed. */
static bool split_labels(const char *s, char *old_l, char *new_l, size_t size)
{
    const char *comma = s ? strchr(s, ',') : NULL;
    if (!s)
        return true;
    if (!comma || comma == s || !comma[1] || strchr(comma + 1, ',') || (size_t)(comma - s) >= size ||
        strlen(comma + 1) >= size)
        return false;
    snprintf(old_l, size, "%.*s", (int)(comma - s), s);
    snprintf(new_l, size, "%s", comma + 1);
    return true;
}

typedef struct wave {
    nps_questionnaire *q;
    nps_dataset *d;
    nps_flows *flows;
} wave;

static void free_wave(wave *w)
{
    nps_flows_free(w->flows);
    nps_dataset_free(w->d);
    nps_questionnaire_free(w->q);
}

/* Match, compare, write. Returns the exit status. */
static int compare_waves(const nps_cli_args *a, wave *ow, wave *nw, nps_table_format fmt,
                         const nps_compare_labels *labels)
{
    nps_diag diag = {0};
    nps_crosswalk *cw = NULL;
    nps_wave_match *m = NULL;
    nps_compare *c = NULL;
    nps_error err = NPS_OK;
    if (a->crosswalk && (err = nps_crosswalk_load(a->crosswalk, &cw, &diag)) != NPS_OK)
        nps_diag_hint(&diag, "the crosswalk's format is in docs/compare.md");
    else if ((err = nps_waves_match(ow->q, nw->q, cw, &m, &diag)) != NPS_OK)
        nps_diag_hint(&diag, "fix the crosswalk (docs/compare.md)");
    else if ((err = nps_compare_build(ow->d, nw->d, m, a->org_register != NULL, &c)) != NPS_OK)
        nps_diag_set(&diag, err, a->second_path, 0, "%s", nps_strerror(err));
    if (err == NPS_OK && fmt != NPS_FORMAT_CSV) {
        /* no troubles question in a wave: no flows, the rest is still compared */
        if (nps_flows_build(ow->d, &ow->flows) != NPS_OK || nps_flows_build(nw->d, &nw->flows) != NPS_OK) {
            nps_flows_free(ow->flows);
            nps_flows_free(nw->flows);
            ow->flows = nw->flows = NULL;
        }
    }
    if (err == NPS_OK && (err = nps_compare_write(c, ow->flows, nw->flows, labels, fmt, stdout)) == NPS_OK &&
        fflush(stdout) != 0)
        err = NPS_ERR_IO;
    if (err == NPS_ERR_IO && !diag.message[0])
        nps_diag_set(&diag, err, "", 0, "cannot write the output");
    if (err != NPS_OK)
        nps_cli_print_diag(&diag, err);
    nps_compare_free(c);
    nps_wave_match_free(m);
    nps_crosswalk_free(cw);
    return nps_cli_exit_code(err);
}

static int run(const nps_cli_args *a)
{
    nps_cli_args old_a = *a, new_a = *a;
    nps_table_format fmt;
    char old_l[256] = "old", new_l[256] = "new";
    nps_compare_labels labels = {old_l, new_l};
    wave ow = {0}, nw = {0};
    int rc;
    if (!nps_cli_parse_format(a->format, &fmt))
        return nps_cli_usage_error(&nps_cli_compare, "--format takes text, csv or json, not '%s'", a->format);
    if (!a->second_path)
        return nps_cli_usage_error(&nps_cli_compare, "compare needs two exports: OLD_EXPORT NEW_EXPORT%s", "");
    if (!split_labels(a->labels, old_l, new_l, sizeof old_l))
        return nps_cli_usage_error(&nps_cli_compare, "--labels takes OLD,NEW (e.g. 2023,2024), not '%s'", a->labels);
    if (a->old_questionnaire_dir)
        old_a.questionnaire_dir = a->old_questionnaire_dir;
    new_a.export_path = a->second_path;
    if ((rc = nps_cli_load(&old_a, &ow.q, &ow.d)) == 0 && (rc = nps_cli_load(&new_a, &nw.q, &nw.d)) == 0)
        rc = compare_waves(a, &ow, &nw, fmt, &labels);
    if (rc == 0) {
        rc = nps_cli_summarise_findings(ow.d, a->export_path);
        rc = nps_cli_summarise_findings(nw.d, a->second_path) || rc;
    }
    free_wave(&ow);
    free_wave(&nw);
    return rc;
}

const nps_cli_command nps_cli_compare = {
    "compare",
    N_("[--format text|csv|json] [--crosswalk FILE] [--old-questionnaire DIR] [--questionnaire DIR] "
    "[--labels OLD,NEW] [common options] OLD_EXPORT NEW_EXPORT"),
    /* xgettext:no-c-format */
    N_("what changed since the last wave: every option's percent in both waves, the change with its 95% "
    "interval, the organisations in both waves (the panel), the flows side by side (docs/compare.md)"),
    OPTIONS, sizeof OPTIONS / sizeof OPTIONS[0], run, false};
