/*
 * report.c — `npo-survey report [-o DIR] [--title T] [--reveal-names]
 * [--previous OLD_EXPORT [--previous-questionnaire DIR] [--crosswalk FILE]]
 * EXPORT`.
 *
 * With --previous the previous wave is read (with --previous-questionnaire,
 * default the questionnaire of EXPORT), matched through the crosswalk and
 * compared, and the report gets the chapter 前回調査との比較 and its sheets
 * (docs/compare.md); without it the report is exactly what it was.
 *
 * The folder DIR belongs to the user (publish.h, docs/report.md "The report
 * folder"): everything is written into a staging folder inside it and moved
 * into place only when the PDF, the workbook and every chart succeeded; only
 * files the tool wrote last time (its manifest) are ever replaced. Signals
 * (Ctrl-C, SIGTERM, SIGHUP) are handled on one thread from the start of the
 * run, before any other thread exists. With --reveal-names the run's umask
 * is 077, so every file it writes is 0600 from the moment it is created
 * (cairo's, libxlsxwriter's and the charts' files alike).
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli_common.h"
#include "cli_i18n.h"
#include "publish.h"
#include "base/alloc.h"
#include "base/strbuf.h"
#include "base/fileio.h"
#include "draw/figure_writer.h"
#include "present/compare_chapter.h"
#include "report/report.h"
#include "npo-survey/handoff.h"
#include "base/timestamp.h"

static const nps_cli_option OPTIONS[] = {
    NPS_CLI_VALUE("--output", "-o", "DIR", output_dir, "the folder (default: reports/<export name>)"),
    NPS_CLI_VALUE("--title", NULL, "T", title, "the report's title"),
    NPS_CLI_VALUE("--publisher", NULL, "NAME", publisher, "the issuing body named on the cover"),
    NPS_CLI_VALUE("--date", NULL, "YYYY-MM-DD", date,
                  "the report's date (default: SOURCE_DATE_EPOCH, else the last response's date)"),
    NPS_CLI_FLAG("--reveal-names", NULL, reveal_names,
                 "organisation names in the organisation lists (files get mode 0600)"),
    NPS_CLI_FLAG("--strict", NULL, strict, "data-quality findings are an error: no report (exit 1)"),
    NPS_CLI_VALUE("--previous", NULL, "OLD_EXPORT", previous,
                  "the previous wave's export: adds the chapter 前回調査との比較 (docs/compare.md)"),
    NPS_CLI_VALUE("--previous-questionnaire", NULL, "DIR", previous_questionnaire,
                  "the previous wave's questionnaire (default: this wave's)"),
    NPS_CLI_VALUE("--crosswalk", NULL, "FILE", crosswalk,
                  "renamed questions, options, rows between the waves (docs/compare.md)"),
};

/* The previous wave, read and compared when --previous is given. */
typedef struct previous {
    nps_questionnaire *q;
    nps_dataset *d;
    nps_crosswalk *cw;
    nps_compare_chapter *chapter;
} previous;

static void previous_free(previous *p)
{
    nps_compare_chapter_free(p->chapter);
    nps_crosswalk_free(p->cw);
    nps_dataset_free(p->d);
    nps_questionnaire_free(p->q);
}

/* Read the previous export and compare it with d. Returns 0, or the exit
 * status after one printed line. */
static int previous_load(const nps_cli_args *a, const nps_dataset *d, previous *p)
{
    nps_cli_args old_a = *a;
    nps_diag diag = {0};
    nps_error err = NPS_OK;
    int rc;
    old_a.export_path = a->previous;
    if (a->previous_questionnaire)
        old_a.questionnaire_dir = a->previous_questionnaire;
    if ((rc = nps_cli_load(&old_a, &p->q, &p->d)) != 0)
        return rc;
    if (a->crosswalk && (err = nps_crosswalk_load(a->crosswalk, &p->cw, &diag)) != NPS_OK)
        nps_diag_hint(&diag, "the crosswalk's format is in docs/compare.md");
    else if ((err = nps_compare_chapter_build(p->d, d, p->cw, a->org_register != NULL, &p->chapter, &diag)) !=
             NPS_OK && err == NPS_ERR_CSV)
        nps_diag_hint(&diag, "fix the crosswalk (docs/compare.md)");
    if (err != NPS_OK)
        nps_cli_print_diag(&diag, err);
    return nps_cli_exit_code(err);
}

/* The findings' summary is made before anything is written (into
 * `summary`, printed once the report is out; 1: out of memory); --strict:
 * any finding stops the run. */
static int refuse_findings(const nps_cli_args *a, const nps_dataset *d, nps_strbuf *summary)
{
    size_t findings = nps_dataset_quality_count_kind(d, NPS_QUALITY_FINDING);
    if (nps_cli_findings_summary(d, a->export_path, summary) != 0) {
        fprintf(stderr, _("npo-survey: %s: out of memory\n"), a->export_path);
        return 1;
    }
    if (!a->strict || findings == 0)
        return 0;
    fputs(nps_strbuf_get(summary), stderr);
    fprintf(stderr, _("npo-survey: %s: %zu finding%s (--strict): no report written\n"), a->export_path, findings,
            findings == 1 ? "" : "s");
    return 1;
}

/* The report's date (docs/report.md "Front matter"): --date, else
 * SOURCE_DATE_EPOCH, else the date of the last response, else 0 — never the
 * clock, so the same input gives the same bytes. -1: --date is not a date. */
static long long report_time(const nps_cli_args *a, const nps_results *r)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    long long first = 0, last = 0, v = 0;
    char *end;
    int y, m, dd, n = 0;
    if (a->date) {
        char iso[32];
        if (sscanf(a->date, "%4d-%2d-%2d%n", &y, &m, &dd, &n) != 3 || a->date[n] != '\0' || m < 1 || m > 12 ||
            dd < 1 || dd > 31)
            return -1;
        snprintf(iso, sizeof iso, "%04d-%02d-%02dT00:00:00Z", y, m, dd);
        return nps_timestamp_parse(iso, strlen(iso), &v) ? v : -1;
    }
    if (sde && *sde) {
        v = strtoll(sde, &end, 10);
        if (*end == '\0' && v >= 0)
            return v;
    }
    if (nps_publication_period(r->publication, &first, &last))
        return last - last % 86400;
    return 0;
}

/* Progress of the report's parts, on a terminal only: one line, redrawn
 * (the export's reading shows its own); cleared by stage(NULL). */
static void stage(const char *what)
{
    static bool shown;
    if (!isatty(STDERR_FILENO))
        return;
    if (what) {
        fputs("\r\033[K", stderr);
        fprintf(stderr, _("npo-survey: writing %s…"), what);
    } else if (shown)
        fputs("\r\033[K", stderr);
    shown = what != NULL;
}

/* The workbook, written on its own thread beside the PDF (docs/benchmarks.md):
 * both only read the results. libxlsxwriter prints its own errors
 * ("[ERROR][packager.c:…]: …") with fprintf(stderr): while the two are
 * written, `stderr` is /dev/null, so a failure (a full disk) is one message
 * — ours. Nothing else prints meanwhile (the PDF writer and the figure
 * writer's threads never do; sanitizers write to fd 2 directly). */
typedef struct xlsx_job {
    const nps_results *r;
    const nps_report_options *opt;
    const char *path;
    const char *org_csv; /* the organisation lists' CSV, or NULL (in the workbook) */
    nps_diag diag;
    nps_error err;
} xlsx_job;

static void *xlsx_main(void *arg)
{
    xlsx_job *j = arg;
    j->err = nps_report_write_xlsx(j->r, j->opt, j->path, &j->diag);
    if (j->err == NPS_OK && j->org_csv)
        j->err = nps_report_write_org_csv(j->r, j->opt, j->org_csv, &j->diag);
    return NULL;
}

/* Whether the workbook gets a thread: not with NPS_RENDER_THREADS=1 (one
 * thread for everything) nor in allocation-failure builds (whose injected
 * failures must fall at the same allocation every run). */
static bool xlsx_threaded(void)
{
#ifdef NPS_FAILALLOC
    return false;
#else
    const char *env = getenv("NPS_RENDER_THREADS");
    return !(env && *env && strtol(env, NULL, 10) == 1);
#endif
}

/* The PDF on this thread, the workbook on another (or after it): the PDF's
 * error first, as when they were written one after the other. data_csv,
 * org_csv: where the coded data and the organisation lists go when the
 * workbook is too small for them (NULL: the workbook holds them); the
 * coded data is written on this thread after the PDF, the lists after the
 * workbook. */
static nps_error write_pdf_and_xlsx(const nps_results *r, nps_fonts *fonts, const nps_report_options *opt,
                                    const char *pdf, const char *xlsx, const char *data_csv,
                                    const char *org_csv, nps_diag *diag)
{
    FILE *quiet = fopen("/dev/null", "w"), *saved = stderr;
    xlsx_job job;
    pthread_t thread;
    bool started = false;
    nps_error err;
    memset(&job, 0, sizeof job);
    job.r = r;
    job.opt = opt;
    job.path = xlsx;
    job.org_csv = org_csv;
    stage("report.pdf, report.xlsx");
    if (quiet)
        stderr = quiet;
    if (xlsx_threaded())
        started = pthread_create(&thread, NULL, xlsx_main, &job) == 0;
    err = nps_report_write_pdf(r, fonts, opt, pdf, diag);
    if (err == NPS_OK && data_csv)
        err = nps_handoff_write_coded(r, data_csv, diag);
    if (started)
        pthread_join(thread, NULL);
    else if (err == NPS_OK)
        xlsx_main(&job);
    stderr = saved;
    if (quiet)
        fclose(quiet);
    if (err == NPS_OK && job.err != NPS_OK) {
        *diag = job.diag;
        err = job.err;
    }
    return err;
}

/* Write everything into the staging folder: the figures of charts/ are
 * drawn by the figure writer's worker processes while this thread writes
 * the PDF and the workbook, and then by this thread too. */
static nps_error write_all(const nps_results *r, const nps_report_options *opt, const char *staging,
                           nps_diag *diag)
{
    static const nps_render_format formats[] = {NPS_RENDER_SVG, NPS_RENDER_PNG};
    const nps_figure_write_options fopt = {formats, 2, 2.0, -1};
    nps_figure_writer *charts = NULL;
    nps_fonts *fonts = NULL;
    nps_diag charts_diag = {0};
    char *charts_dir = nps_path_join(staging, "charts"), *pdf = nps_path_join(staging, "report.pdf"),
         *xlsx = nps_path_join(staging, "report.xlsx"),
         *data_csv = nps_report_data_in_workbook(r) ? NULL : nps_path_join(staging, NPS_REPORT_DATA_CSV),
         *org_csv = nps_report_data_in_workbook(r) ? NULL : nps_path_join(staging, NPS_REPORT_ORG_CSV);
    nps_error err = NPS_OK, charts_err;
    if (!charts_dir || !pdf || !xlsx || (!nps_report_data_in_workbook(r) && (!data_csv || !org_csv))) {
        err = nps_diag_set(diag, NPS_ERR_NOMEM, staging, 0, "out of memory");
        goto cleanup;
    }
    if ((err = nps_fonts_new(NULL, &fonts)) != NPS_OK) {
        nps_diag_set(diag, err, "", 0, "cannot load the Noto Sans CJK JP fonts (install fonts-noto-cjk)");
        goto cleanup;
    }
    if ((err = nps_figure_writer_start(r->figures, charts_dir, fonts, &fopt, &charts)) != NPS_OK) {
        nps_diag_set(diag, err, charts_dir, 0, "%s", nps_strerror(err));
        goto cleanup;
    }
    err = write_pdf_and_xlsx(r, fonts, opt, pdf, xlsx, data_csv, org_csv, diag);
    if (err != NPS_OK)
        nps_figure_writer_cancel(charts);
    stage("charts/");
    charts_err = nps_figure_writer_finish(charts, NULL, &charts_diag);
    stage(NULL);
    if (err == NPS_OK && charts_err != NPS_OK) {
        *diag = charts_diag;
        err = charts_err;
    }
cleanup:
    nps_fonts_free(fonts);
    nps_free(charts_dir);
    nps_free(pdf);
    nps_free(xlsx);
    nps_free(data_csv);
    nps_free(org_csv);
    return err;
}

static int run(const nps_cli_args *a)
{
    nps_questionnaire *q = NULL;
    nps_dataset *d = NULL;
    nps_results *r = NULL;
    nps_report_folder *folder = NULL;
    nps_diag diag = {0};
    const char *staging = NULL;
    nps_report_options opt = {a->title, NULL, a->reveal_names, 0, a->publisher, NULL};
    nps_results_options ropt = {a->reveal_names};
    char *dir = nps_cli_output_dir(a, NULL);
    struct stat st;
    nps_error err = NPS_OK;
    nps_strbuf summary = {0};
    previous prev = {0};
    int rc = 0;
    if (!a->previous && (a->previous_questionnaire || a->crosswalk)) {
        nps_free(dir);
        return nps_cli_usage_error(&nps_cli_report, "%s needs --previous OLD_EXPORT",
                                   a->crosswalk ? "--crosswalk" : "--previous-questionnaire");
    }
    nps_report_signals_start(); /* before the reader or the figure writer starts a thread */
    if (a->reveal_names)
        umask(077);
    if (!dir) {
        err = nps_diag_set(&diag, NPS_ERR_NOMEM, a->export_path, 0, "out of memory");
        goto done;
    }
    /* An existing folder is locked (and a killed run's publish completed)
     * first; a new one is made only once the export has loaded. */
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode) && (err = nps_report_folder_open(dir, &folder, &diag)) != NPS_OK)
        goto done;
    if ((rc = nps_cli_load(a, &q, &d)) != 0 || (rc = refuse_findings(a, d, &summary)) != 0)
        goto done;
    if (a->previous && (rc = previous_load(a, d, &prev)) != 0)
        goto done;
    opt.previous = prev.chapter;
    if (!folder && (err = nps_report_folder_open(dir, &folder, &diag)) != NPS_OK)
        goto done;
    opt.export_name = strrchr(a->export_path, '/') ? strrchr(a->export_path, '/') + 1 : a->export_path;
    if ((err = nps_results_build(d, &ropt, &r)) != NPS_OK)
        nps_diag_set(&diag, err, a->export_path, 0, "%s", nps_strerror(err));
    else if ((opt.generated = report_time(a, r)) < 0)
        err = nps_diag_set(&diag, NPS_ERR_USAGE, a->date, 0, "--date: not a date YYYY-MM-DD");
    if (err == NPS_OK)
        err = nps_report_folder_stage(folder, &staging, &diag);
    if (err == NPS_OK)
        err = write_all(r, &opt, staging, &diag);
    if (err == NPS_OK)
        err = nps_report_folder_publish(folder, &diag);
done:
    nps_report_folder_close(folder);
    nps_report_signals_stop();
    if (rc != 0)
        ;
    else if (err != NPS_OK)
        nps_cli_print_diag(&diag, err);
    else {
        fputs(nps_strbuf_get(&summary), stderr);
        if (nps_report_data_in_workbook(r))
            fprintf(stderr, _("npo-survey: report written to %s (report.pdf, report.xlsx, charts/)\n"), dir);
        else
            fprintf(stderr, _("npo-survey: report written to %s (report.pdf, report.xlsx, %s, charts/)\n"), dir,
                    r->flows ? NPS_REPORT_DATA_CSV ", " NPS_REPORT_ORG_CSV : NPS_REPORT_DATA_CSV);
    }
    nps_results_free(r);
    previous_free(&prev);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
    nps_free(dir);
    nps_strbuf_free(&summary);
    return rc != 0 ? rc : nps_cli_exit_code(err);
}

const nps_cli_command nps_cli_report = {"report",
                                        N_("[-o DIR] [--title T] [--publisher NAME] [--date YYYY-MM-DD] [--reveal-names] [--strict] "
                                        "[--previous OLD_EXPORT [--previous-questionnaire DIR] [--crosswalk FILE]] [common options] EXPORT"),
                                        N_("PDF + Excel report and charts"), OPTIONS,
                                        sizeof OPTIONS / sizeof OPTIONS[0], run, false};
