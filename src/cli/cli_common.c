/*
 * cli_common.c — what every command shares: parsing the arguments against
 * the command's own option table plus the common options (an option the
 * command does not declare is a usage error, exit 2), the command's help,
 * loading the questionnaire and the export, the one-line error message of
 * exit status 1:
 *   npo-survey: FILE: line N: what is wrong (what to do)
 * and the output folders of report and charts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/alloc.h"
#include "base/strbuf.h"
#include "base/text.h"
#include "analyse/mask.h"
#include "read/reader.h"
#include "cli_common.h"
#include "org_register.h"
#include "cli_i18n.h"
#include "present/quality_ja.h"

/* ---------- options ---------- */

/* The options every command takes. */
static const nps_cli_option COMMON_OPTIONS[] = {
    NPS_CLI_VALUE("--questionnaire", NULL, "DIR", questionnaire_dir,
                  N_("load the questionnaire CSV files from DIR (default: built in)")),
    NPS_CLI_VALUE("--encoding", NULL, "utf-8|cp932", encoding, N_("override encoding detection")),
    NPS_CLI_VALUE("--sheet", NULL, "NAME", sheet, N_("an .xlsx export: read the sheet NAME (default: the first)")),
    NPS_CLI_FLAG("--keep-duplicates", NULL, keep_duplicates,
                 N_("keep every response (no de-duplication by 団体名/e-mail)")),
    NPS_CLI_VALUE("--org-register", NULL, "FILE", org_register,
                  N_("stable organisation IDs from FILE, new ones added (docs/register.md)")),
    NPS_CLI_FLAG("--help", "-h", help, N_("this help")),
};
#define N_COMMON (sizeof COMMON_OPTIONS / sizeof COMMON_OPTIONS[0])

int nps_cli_usage_error(const nps_cli_command *cmd, const char *fmt, const char *arg)
{
    fputs("npo-survey: ", stderr);
    fprintf(stderr, _(fmt), arg ? arg : "");
    fputc('\n', stderr);
    fprintf(stderr, _("Try 'npo-survey %s%s--help'.\n"), cmd ? cmd->name : "", cmd ? " " : "");
    return 2;
}

static const nps_cli_option *find_option(const nps_cli_option *opts, size_t n, const char *arg)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(arg, opts[i].name) == 0 || (opts[i].alias && strcmp(arg, opts[i].alias) == 0))
            return &opts[i];
    return NULL;
}

int nps_cli_parse(const nps_cli_command *cmd, int argc, char **argv, nps_cli_args *a)
{
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        const nps_cli_option *o;
        if (arg[0] != '-' || arg[1] == '\0') {
            if (a->export_path && !a->second_path && strcmp(cmd->name, "compare") == 0)
                a->second_path = arg;
            else if (a->export_path)
                return nps_cli_usage_error(cmd, a->second_path ? N_("two export files only, got a third: %s")
                                                               : N_("only one export file, got a second: %s"), arg);
            else
                a->export_path = arg;
            continue;
        }
        o = find_option(COMMON_OPTIONS, N_COMMON, arg);
        if (!o)
            o = find_option(cmd->options, cmd->n_options, arg);
        if (!o) {
            /* one line: the option and the command */
            fprintf(stderr, _("npo-survey: %s does not take the option %s (see 'npo-survey %s --help')\n"),
                    cmd->name, arg, cmd->name);
            return 2;
        }
        if (o->value) {
            if (i + 1 >= argc)
                return nps_cli_usage_error(cmd, N_("option %s needs a value"), arg);
            *(const char **)(void *)((char *)a + o->field) = argv[++i];
        } else {
            *(bool *)(void *)((char *)a + o->field) = true;
        }
    }
    return 0;
}

static void print_options(const nps_cli_option *opts, size_t n, FILE *out)
{
    char left[64];
    for (size_t i = 0; i < n; i++) {
        const nps_cli_option *o = &opts[i];
        snprintf(left, sizeof left, "%s%s%s%s%s", o->alias ? o->alias : "", o->alias ? ", " : "", o->name,
                 o->value ? " " : "", o->value ? o->value : "");
        fprintf(out, "  %-26s %s\n", left, _(o->help));
    }
}

void nps_cli_print_help(const nps_cli_command *cmd, FILE *out)
{
    fprintf(out, _("usage: npo-survey %s %s\n\n%s\n"), cmd->name, _(cmd->synopsis), _(cmd->summary));
    if (cmd->n_options) {
        fputs(_("\noptions:\n"), out);
        print_options(cmd->options, cmd->n_options, out);
    }
    fputs(_("\ncommon options:\n"), out);
    print_options(COMMON_OPTIONS, N_COMMON, out);
    fputs(_("\nexit status: 0 done (findings on stderr), 1 the input cannot be processed, 2 usage error\n"), out);
}

/* ---------- loading, messages ---------- */

/* Progress of a long read, on a terminal only: one line, redrawn. */
static void print_progress(void *ctx, unsigned long long done, unsigned long long total)
{
    *(bool *)ctx = true;
    fputc('\r', stderr);
    fprintf(stderr, _("npo-survey: reading %3d%% (%llu of %llu MB)"), total ? (int)(done * 100 / total) : 100,
            done / 1000000, total / 1000000);
}

/* The register must not lie in the folder a report is published to: the
 * -o folder, or reports/<export name> (org_register.c). */
static int check_register_place(const nps_cli_args *a)
{
    char *dir;
    int rc;
    if (a->output_dir)
        return nps_cli_register_check_place(a->org_register, a->output_dir);
    if (!a->export_path)
        return 0; /* no export: no report folder */
    if (!(dir = nps_cli_default_dir(a->export_path, NULL))) {
        fprintf(stderr, _("npo-survey: out of memory\n"));
        return 1;
    }
    rc = nps_cli_register_check_place(a->org_register, dir);
    nps_free(dir);
    return rc;
}

int nps_cli_load(const nps_cli_args *a, nps_questionnaire **q, nps_dataset **d)
{
    nps_diag diag = {0};
    bool shown = false;
    nps_read_options opts = {NPS_ENCODING_AUTO, a->keep_duplicates, 0, 0, NULL, &shown, a->sheet};
    nps_error err;
    int rc;
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
            fprintf(stderr, _("npo-survey: --encoding takes utf-8 or cp932, not %s\n"), a->encoding);
            return 2;
        }
    }
    if (a->org_register && (rc = check_register_place(a)) != 0)
        return rc;
    err = a->questionnaire_dir ? nps_questionnaire_load_dir(a->questionnaire_dir, q, &diag)
                               : nps_questionnaire_load_default(q, &diag);
    if (err != NPS_OK && !diag.hint[0])
        nps_diag_hint(&diag, N_("fix the questionnaire file: its format is in questionnaire/README.md"));
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
    if (a->org_register && (rc = nps_cli_register_apply(a->org_register, *d)) != 0) {
        nps_dataset_free(*d);
        nps_questionnaire_free(*q);
        *d = NULL;
        *q = NULL;
        return rc;
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

/* Findings (not notes) go to stderr: their count and the most serious
 * ones — those about the header (drift between export and questionnaire,
 * line 1), then those about the whole file (line 0), then the first of the
 * rest — so that exit 0 runs still say what was dropped. Values are not
 * shown (they may hold personal data): `validate` lists everything. */
#define SHOWN_FINDINGS 5

static int finding_rank(const nps_quality_entry *e)
{
    return e->line == 1 ? 0 : e->line == 0 ? 1 : 2;
}

/* One finding into out; false when out of memory. */
static bool add_finding(nps_strbuf *out, const nps_masker *m, const nps_quality_entry *e)
{
    char *cut = nps_utf8_truncate(e->column, 40);
    char *action = m ? nps_mask_text(m, e->action) : NULL; /* it may quote an answer */
    bool ok = action != NULL && cut != NULL;
    nps_strbuf_add(out, "  ");
    if (e->line > 0)
        nps_strbuf_addf(out, _("line %ld "), e->line);
    if (e->column[0] && cut)
        nps_strbuf_addf(out, "[%s%s] ", cut, strlen(e->column) > 40 ? "…" : "");
    if (action && nps_cli_lang_ja())
        nps_quality_action_ja(out, action);
    else
        nps_strbuf_add(out, action ? action : _("(not shown: out of memory)"));
    nps_strbuf_add(out, "\n");
    nps_free(action);
    nps_free(cut);
    return ok && !out->failed;
}

int nps_cli_findings_summary(const nps_dataset *d, const char *path, nps_strbuf *out)
{
    size_t findings = nps_dataset_quality_count_kind(d, NPS_QUALITY_FINDING), shown = 0;
    const nps_quality_entry *show[SHOWN_FINDINGS];
    const char *actions[SHOWN_FINDINGS];
    nps_masker *m = NULL;
    bool ok = true;
    if (!findings)
        return 0;
    for (int rank = 0; rank < 3 && shown < SHOWN_FINDINGS; rank++)
        for (size_t i = 0; i < nps_dataset_quality_count(d) && shown < SHOWN_FINDINGS; i++) {
            const nps_quality_entry *e = nps_dataset_quality_at(d, i);
            if (e->kind == NPS_QUALITY_FINDING && finding_rank(e) == rank) {
                actions[shown] = e->action;
                show[shown++] = e;
            }
        }
    /* a masker for the shown actions alone: the same masking as one of
     * every name, without keying every name of a large export */
    if (nps_masker_new_for(d, actions, shown, &m) != NPS_OK) {
        m = NULL;
        ok = false;
    }
    nps_strbuf_addf(out, ngettext("npo-survey: %s: %zu data-quality finding%s (all of them: 'npo-survey validate %s'):\n",
                                  "npo-survey: %s: %zu data-quality findings%s (all of them: 'npo-survey validate %s'):\n",
                                  findings),
                    path, findings, findings > SHOWN_FINDINGS ? _(", the most serious") : "", path);
    for (size_t i = 0; i < shown; i++)
        ok = add_finding(out, m, show[i]) && ok;
    nps_masker_free(m);
    return ok && !out->failed ? 0 : 1;
}

int nps_cli_summarise_findings(const nps_dataset *d, const char *path)
{
    nps_strbuf sb = {0};
    int rc = nps_cli_findings_summary(d, path, &sb);
    fputs(nps_strbuf_get(&sb), stderr);
    if (rc)
        fprintf(stderr, _("npo-survey: %s: out of memory\n"), path);
    nps_strbuf_free(&sb);
    return rc;
}

/* -o FILE of a printing command: a CSV file starts with the UTF-8 BOM, so
 * that Japanese Excel opens it as UTF-8 (without it Excel reads CP932 and
 * shows mojibake); stdout never carries one, so pipes into other programs
 * read plain UTF-8 (docs/workbook.md). NULL when the file cannot be made. */
static FILE *printer_output(const nps_cli_args *a, nps_table_format fmt)
{
    FILE *out = fopen(a->output_dir, "wb");
    if (!out)
        fprintf(stderr, "npo-survey: %s: %s\n", a->output_dir, strerror(errno));
    else if (fmt == NPS_FORMAT_CSV && fputs("\xEF\xBB\xBF", out) == EOF) {
        fprintf(stderr, "npo-survey: %s: %s\n", a->output_dir, strerror(errno));
        fclose(out);
        remove(a->output_dir);
        out = NULL;
    }
    return out;
}

int nps_cli_run_printer(const nps_cli_args *a, nps_cli_printer print)
{
    nps_questionnaire *q;
    nps_dataset *d;
    nps_table_format fmt;
    FILE *out = stdout;
    int rc;
    if (!nps_cli_parse_format(a->format, &fmt)) {
        fprintf(stderr, _("npo-survey: --format takes text, csv or json, not %s\n"), a->format);
        return 2;
    }
    if ((rc = nps_cli_load(a, &q, &d)) != 0)
        return rc;
    if (a->output_dir && !(out = printer_output(a, fmt))) {
        nps_dataset_free(d);
        nps_questionnaire_free(q);
        return 1;
    }
    nps_error err = print(a, d, fmt, out);
    if (err == NPS_OK && fflush(out) != 0)
        err = NPS_ERR_IO;
    if (out != stdout && fclose(out) != 0 && err == NPS_OK)
        err = NPS_ERR_IO;
    if (err != NPS_OK && out != stdout)
        remove(a->output_dir); /* never a partial file */
    if (err != NPS_OK)
        fprintf(stderr, "npo-survey: %s: %s\n", a->export_path, nps_strerror(err));
    else
        err = nps_cli_summarise_findings(d, a->export_path) ? NPS_ERR_NOMEM : NPS_OK;
    nps_dataset_free(d);
    nps_questionnaire_free(q);
    return nps_cli_exit_code(err);
}

/* ---------- output folders ---------- */

/* reports/<basename of export without extension>[/suffix] */
char *nps_cli_default_dir(const char *export_path, const char *suffix)
{
    nps_strbuf b = {0};
    const char *base = strrchr(export_path, '/'), *dot;
    base = base ? base + 1 : export_path;
    dot = strrchr(base, '.');
    nps_strbuf_add(&b, "reports/");
    nps_strbuf_addn(&b, base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
    if (suffix)
        nps_strbuf_addf(&b, "/%s", suffix);
    return nps_strbuf_take(&b);
}

/* mkdir -p (the path copied: no length limit) */
int nps_cli_make_dirs(const char *path)
{
    char *buf = nps_strdup(path);
    int rc = buf && *buf ? 0 : -1;
    for (char *p = buf ? buf + 1 : NULL; rc == 0 && *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            rc = -1;
        *p = '/';
    }
    if (rc == 0 && mkdir(buf, 0755) != 0 && errno != EEXIST)
        rc = -1;
    nps_free(buf);
    return rc;
}
