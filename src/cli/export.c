/*
 * export.c — `npo-survey export [--format sav|dta|csv] [-o FILE] EXPORT`:
 * the coded, de-duplicated data for SPSS, Stata, R or Excel, and
 * codebook.csv beside it (docs/export.md, docs/cli.md).
 *
 * The format is --format, else the extension of -o FILE, else sav. The
 * default FILE is reports/<export name>/<export name>.<format>. Both files
 * are written as FILE.part and codebook.csv.part first and renamed into
 * place only when both succeeded; a failure leaves no partial file.
 *
 * The creation time in .sav / .dta headers is SOURCE_DATE_EPOCH when set,
 * else the latest answer time of the data (same export, same bytes).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli_common.h"
#include "cli_i18n.h"
#include "npo-survey/handoff.h"
#include "base/alloc.h"
#include "base/strbuf.h"

extern const nps_cli_command nps_cli_export;

static const nps_cli_option OPTIONS[] = {
    NPS_CLI_VALUE("--format", NULL, "sav|dta|csv", format, "SPSS .sav (default), Stata .dta, or CSV"),
    NPS_CLI_VALUE("--output", "-o", "FILE",
                  output_dir, "the data file (default: reports/<export name>/<export name>.<format>)"),
};

static const char *const EXTENSIONS[] = {"sav", "dta", "csv"};

/* The format named by s ("sav", "dta", "csv"); false when unknown. */
static bool parse_format(const char *s, nps_handoff_format *f)
{
    for (size_t i = 0; i < 3; i++)
        if (strcmp(s, EXTENSIONS[i]) == 0) {
            *f = (nps_handoff_format)i;
            return true;
        }
    return false;
}

static long long header_time(void)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v >= 0)
            return v;
    }
    return -1;
}

/* The folder of path ("." when none): a new string, NULL when out of memory. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return nps_strdup(".");
    return slash == path ? nps_strdup("/") : nps_strndup(path, (size_t)(slash - path));
}

/* path + ".part": a new string, NULL when out of memory. */
static char *part_of(const char *path)
{
    nps_strbuf b = {0};
    nps_strbuf_addf(&b, "%s.part", path);
    return nps_strbuf_take(&b);
}

static nps_error write_files(const nps_results *r, const nps_handoff_options *opt, const char *file,
                             const char *codebook, nps_diag *diag)
{
    char *part = part_of(file), *cb_part = part_of(codebook);
    nps_error err = NPS_OK;
    if (!part || !cb_part)
        err = nps_diag_set(diag, NPS_ERR_NOMEM, file, 0, "out of memory");
    if (err == NPS_OK)
        err = nps_handoff_write(r, opt, part, diag);
    if (err == NPS_OK)
        err = nps_handoff_write_codebook(r, cb_part, diag);
    if (err == NPS_OK && rename(part, file) != 0)
        err = nps_diag_set(diag, NPS_ERR_IO, file, 0, "cannot move into place: %s", strerror(errno));
    if (err == NPS_OK && rename(cb_part, codebook) != 0)
        err = nps_diag_set(diag, NPS_ERR_IO, codebook, 0, "cannot move into place: %s", strerror(errno));
    if (err != NPS_OK) {
        if (part)
            remove(part);
        if (cb_part)
            remove(cb_part);
    }
    nps_free(part);
    nps_free(cb_part);
    return err;
}

/* The data file: -o FILE, else reports/<name>/<name>.<format>. */
static char *data_file(const nps_cli_args *a, nps_handoff_format format)
{
    nps_strbuf b = {0};
    char *base;
    if (a->output_dir)
        return nps_strdup(a->output_dir);
    if (!(base = nps_cli_default_dir(a->export_path, NULL)))
        return NULL;
    nps_strbuf_addf(&b, "%s/%s.%s", base, strrchr(base, '/') + 1, EXTENSIONS[format]);
    nps_free(base);
    return nps_strbuf_take(&b);
}

static int run(const nps_cli_args *a)
{
    nps_questionnaire *q;
    nps_dataset *d;
    nps_results *r = NULL;
    nps_diag diag = {0};
    nps_handoff_options opt = {NPS_HANDOFF_SAV, header_time()};
    nps_results_options ropt = {false};
    char *file = NULL, *dir = NULL, *codebook = NULL;
    nps_strbuf cb = {0};
    const char *ext = a->output_dir ? strrchr(a->output_dir, '.') : NULL;
    struct stat st;
    nps_error err = NPS_OK;
    int rc;
    if (a->format && !parse_format(a->format, &opt.format))
        return nps_cli_usage_error(&nps_cli_export, "--format takes sav, dta or csv, not '%s'", a->format);
    if (!a->format && ext && !strchr(ext, '/'))
        parse_format(ext + 1, &opt.format);
    if (a->output_dir && (!a->output_dir[0] || (stat(a->output_dir, &st) == 0 && S_ISDIR(st.st_mode))))
        return nps_cli_usage_error(&nps_cli_export, "-o takes a file name, not the folder '%s'", a->output_dir);
    if ((rc = nps_cli_load(a, &q, &d)) != 0)
        return rc;
    if ((file = data_file(a, opt.format)) != NULL && (dir = folder_of(file)) != NULL) {
        nps_strbuf_addf(&cb, "%s/codebook.csv", dir);
        codebook = nps_strbuf_take(&cb);
    }
    if (!codebook)
        err = nps_diag_set(&diag, NPS_ERR_NOMEM, a->export_path, 0, "out of memory");
    else if (nps_cli_make_dirs(dir) != 0) {
        err = nps_diag_set(&diag, NPS_ERR_IO, dir, 0, "cannot create the output folder: %s", strerror(errno));
        nps_diag_hint(&diag, "choose a file in a folder you can write to with -o FILE");
    }
    if (err == NPS_OK && (err = nps_results_build(d, &ropt, &r)) != NPS_OK)
        nps_diag_set(&diag, err, a->export_path, 0, "%s", nps_strerror(err));
    if (err == NPS_OK)
        err = write_files(r, &opt, file, codebook, &diag);
    if (err != NPS_OK)
        nps_cli_print_diag(&diag, err);
    else {
        if (nps_cli_summarise_findings(d, a->export_path) != 0)
            err = NPS_ERR_NOMEM;
        fprintf(stderr, _("npo-survey: data written to %s (codebook: %s)\n"), file, codebook);
    }
    nps_free(file);
    nps_free(dir);
    nps_free(codebook);
    nps_results_free(r);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
    return nps_cli_exit_code(err);
}

const nps_cli_command nps_cli_export = {"export", N_("[--format sav|dta|csv] [-o FILE] [common options] EXPORT"),
                                        N_("the coded data for SPSS, Stata, R or Excel, and codebook.csv"),
                                        OPTIONS, sizeof OPTIONS / sizeof OPTIONS[0], run, false};
