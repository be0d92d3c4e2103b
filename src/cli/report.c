/*
 * report.c — `npo-survey report [-o DIR] [--title T] [--reveal-names] EXPORT`.
 *
 * Atomic output: everything is written into a fresh staging folder inside
 * DIR (mkdtemp, so renames stay on one file system); only when the PDF, the
 * workbook and every chart succeeded are they renamed into place, the
 * earlier report's files being moved aside into the staging folder first
 * and removed after; a failed rename undoes the others (publish()). Any
 * failure removes the staging folder: an earlier report in DIR stays as it
 * was and no partial file is left. With --reveal-names the two documents (the
 * only files holding organisation names) get mode 0600.
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli_common.h"
#include "draw/figure_writer.h"
#include "report/report.h"

static const nps_cli_option OPTIONS[] = {
    NPS_CLI_VALUE("--output", "-o", "DIR", output_dir, "the folder (default: reports/<export name>)"),
    NPS_CLI_VALUE("--title", NULL, "T", title, "the report's title"),
    NPS_CLI_FLAG("--reveal-names", NULL, reveal_names,
                 "organisation names in the organisation lists (files get mode 0600)"),
};

/* Remove a folder and the files directly in it, and one level of
 * sub-folders (the staging layout: files and charts/). */
static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[2048];
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (unlink(path) != 0 && errno == EISDIR)
            remove_tree(path);
        else if (errno == EPERM || errno == EISDIR)
            remove_tree(path);
    }
    closedir(d);
    rmdir(dir);
}

static long long report_time(void)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v >= 0)
            return v;
    }
    return (long long)time(NULL);
}

/* Progress of the report's parts, on a terminal only: one line, redrawn
 * (the export's reading shows its own); cleared by stage(NULL). */
static void stage(const char *what)
{
    static bool shown;
    if (!isatty(STDERR_FILENO))
        return;
    if (what)
        fprintf(stderr, "\r\033[Knpo-survey: writing %s…", what);
    else if (shown)
        fputs("\r\033[K", stderr);
    shown = what != NULL;
}

/* Write everything into the staging folder: the figures of charts/ are
 * drawn by the figure writer's background threads while this thread writes
 * the PDF and the workbook, and then by this thread too. */
static nps_error write_all(const nps_results *r, const nps_report_options *opt, const char *staging,
                           nps_diag *diag)
{
    static const nps_render_format formats[] = {NPS_RENDER_SVG, NPS_RENDER_PNG};
    const nps_figure_write_options fopt = {formats, 2, 2.0, -1};
    nps_figure_writer *charts = NULL;
    nps_fonts *fonts = NULL;
    nps_diag charts_diag = {0};
    char path[2048];
    nps_error err = nps_fonts_new(NULL, &fonts), charts_err;
    if (err != NPS_OK) {
        nps_diag_set(diag, err, "", 0, "cannot load the Noto Sans CJK JP fonts (install fonts-noto-cjk)");
        return err;
    }
    snprintf(path, sizeof path, "%s/charts", staging);
    if (mkdir(path, 0755) != 0) {
        err = nps_diag_set(diag, NPS_ERR_IO, path, 0, "cannot create: %s", strerror(errno));
        goto cleanup;
    }
    if ((err = nps_figure_writer_start(r->figures, path, fonts, &fopt, &charts)) != NPS_OK) {
        nps_diag_set(diag, err, path, 0, "%s", nps_strerror(err));
        goto cleanup;
    }
    snprintf(path, sizeof path, "%s/report.pdf", staging);
    stage("report.pdf");
    err = nps_report_write_pdf(r, fonts, opt, path, diag);
    if (err == NPS_OK) {
        snprintf(path, sizeof path, "%s/report.xlsx", staging);
        stage("report.xlsx");
        err = nps_report_write_xlsx(r, opt, path, diag);
    }
    if (err != NPS_OK)
        nps_figure_writer_cancel(charts);
    stage("charts/");
    charts_err = nps_figure_writer_finish(charts, NULL, &charts_diag);
    stage(NULL);
    if (err == NPS_OK && charts_err != NPS_OK) {
        *diag = charts_diag;
        err = charts_err;
    }
    if (err == NPS_OK && opt->reveal_names) {
        snprintf(path, sizeof path, "%s/report.pdf", staging);
        if (chmod(path, 0600) != 0)
            err = nps_diag_set(diag, NPS_ERR_IO, path, 0, "cannot restrict permissions: %s", strerror(errno));
        snprintf(path, sizeof path, "%s/report.xlsx", staging);
        if (err == NPS_OK && chmod(path, 0600) != 0)
            err = nps_diag_set(diag, NPS_ERR_IO, path, 0, "cannot restrict permissions: %s", strerror(errno));
    }
cleanup:
    nps_fonts_free(fonts);
    return err;
}

/* Publishing: the three outputs of a report, moved from the staging folder
 * into DIR one rename each. The earlier report's outputs are first moved
 * aside into the staging folder; should any rename fail, everything done
 * is undone in reverse order, so DIR holds either the whole new report or
 * the whole earlier one, never a mix of both. */
static const char *const published[] = {"report.pdf", "report.xlsx", "charts"};
#define N_PUBLISHED (sizeof published / sizeof published[0])

typedef struct publishing {
    const char *staging, *dir;
    bool aside[N_PUBLISHED];  /* the earlier output i is in staging/old-i */
    bool placed[N_PUBLISHED]; /* the new output i is in DIR */
} publishing;

static void publish_path(const publishing *p, size_t i, int where, char *buf, size_t size)
{
    if (where == 0) /* new, staged */
        snprintf(buf, size, "%s/%s", p->staging, published[i]);
    else if (where == 1) /* in place */
        snprintf(buf, size, "%s/%s", p->dir, published[i]);
    else /* earlier, moved aside */
        snprintf(buf, size, "%s/old-%s", p->staging, published[i]);
}

/* Undo the renames done so far, latest first. */
static void publish_undo(publishing *p)
{
    char a[2048], b[2048];
    for (size_t k = N_PUBLISHED; k-- > 0;) {
        if (p->placed[k]) {
            publish_path(p, k, 1, a, sizeof a);
            publish_path(p, k, 0, b, sizeof b);
            if (rename(a, b) == 0)
                p->placed[k] = false;
        }
        if (p->aside[k]) {
            publish_path(p, k, 2, a, sizeof a);
            publish_path(p, k, 1, b, sizeof b);
            if (rename(a, b) == 0)
                p->aside[k] = false;
        }
    }
}

/* NPS_OK when the new report is in place. On failure *keep_staging tells
 * whether the staging folder still holds a part of the earlier report
 * (the undo failed too) and must not be removed. */
static nps_error publish(const char *staging, const char *dir, bool *keep_staging, nps_diag *diag)
{
    publishing p = {staging, dir, {false}, {false}};
    char from[2048], to[2048];
    for (size_t i = 0; i < N_PUBLISHED; i++) {
        publish_path(&p, i, 1, from, sizeof from);
        publish_path(&p, i, 2, to, sizeof to);
        if (rename(from, to) == 0)
            p.aside[i] = true;
        else if (errno != ENOENT)
            goto failed;
        publish_path(&p, i, 0, from, sizeof from);
        publish_path(&p, i, 1, to, sizeof to);
        if (rename(from, to) != 0)
            goto failed;
        p.placed[i] = true;
    }
    return NPS_OK;
failed:
    nps_diag_set(diag, NPS_ERR_IO, to, 0, "cannot move into place: %s", strerror(errno));
    publish_undo(&p);
    for (size_t k = 0; k < N_PUBLISHED; k++)
        if (p.aside[k] || p.placed[k]) {
            nps_diag_hint(diag, "the earlier report could not be fully restored: look in %s", staging);
            *keep_staging = true;
            break;
        }
    return NPS_ERR_IO;
}

static int run(const nps_cli_args *a)
{
    nps_questionnaire *q;
    nps_dataset *d;
    nps_results *r = NULL;
    nps_diag diag = {0};
    char dir[1024], staging[1100] = "";
    nps_report_options opt = {a->title, NULL, a->reveal_names, report_time()};
    nps_results_options ropt = {a->reveal_names};
    struct stat st;
    int rc;
    if ((rc = nps_cli_load(a, &q, &d)) != 0)
        return rc;
    if (a->output_dir)
        snprintf(dir, sizeof dir, "%s", a->output_dir);
    else
        nps_cli_default_dir(a->export_path, NULL, dir, sizeof dir);
    opt.export_name = strrchr(a->export_path, '/') ? strrchr(a->export_path, '/') + 1 : a->export_path;
    nps_error err = NPS_OK;
    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        err = nps_diag_set(&diag, NPS_ERR_IO, dir, 0, "the output folder is a file");
        nps_diag_hint(&diag, "choose another folder with -o DIR");
    } else if (nps_cli_make_dirs(dir) != 0) {
        err = nps_diag_set(&diag, NPS_ERR_IO, dir, 0, "cannot create the output folder: %s", strerror(errno));
        nps_diag_hint(&diag, "choose a folder you can write to with -o DIR");
    } else {
        snprintf(staging, sizeof staging, "%s/.npo-survey-XXXXXX", dir);
        if (!mkdtemp(staging)) {
            err = nps_diag_set(&diag, NPS_ERR_IO, dir, 0, "cannot write in the output folder: %s", strerror(errno));
            nps_diag_hint(&diag, "check its permissions or choose another with -o DIR");
            staging[0] = '\0';
        }
    }
    if (err == NPS_OK && (err = nps_results_build(d, &ropt, &r)) != NPS_OK)
        nps_diag_set(&diag, err, a->export_path, 0, "%s", nps_strerror(err));
    if (err == NPS_OK)
        err = write_all(r, &opt, staging, &diag);
    bool keep_staging = false;
    if (err == NPS_OK)
        err = publish(staging, dir, &keep_staging, &diag);
    if (staging[0] && !keep_staging)
        remove_tree(staging);
    if (err != NPS_OK)
        nps_cli_print_diag(&diag, err);
    else {
        nps_cli_summarise_findings(d, a->export_path);
        fprintf(stderr, "npo-survey: report written to %s (report.pdf, report.xlsx, charts/)\n", dir);
    }
    nps_results_free(r);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
    return nps_cli_exit_code(err);
}

const nps_cli_command nps_cli_report = {"report", "[-o DIR] [--title T] [--reveal-names] [common options] EXPORT",
                                        "PDF + Excel report and charts", OPTIONS,
                                        sizeof OPTIONS / sizeof OPTIONS[0], run, false};
