/*
 * test_failalloc.c — allocation failure over the reader and the report
 * (issue 6, docs/benchmarks.md). In an NPS_FAILALLOC build every allocation of the
 * library goes through alloc.c's counter; a sweep runs one operation once
 * to count its allocations (T), then again for every N in 0..T-1 with the
 * allocation after the N-th failing (and every one after it). Each such
 * run must return an error (NPS_ERR_NOMEM, or another error with its
 * message) and no result, never crash; LeakSanitizer (the failalloc build is
 * also an ASan build in .ci/run) fails the test on any leak at exit.
 * text.c and utf8proc allocate with plain malloc, not counted: their
 * failures are not injected here.
 *
 * In other builds these tests are empty.
 *
 * Swept: nps_read_export on a small export written here (every kind of
 * field, a duplicate, an empty and a short row, notes and findings) and on
 * the CP932 variant fixture (the iconv path); nps_questionnaire_load_default;
 * nps_results_build on the small export; and the workbook writer on its
 * results (the PDF writer: test_failalloc_pdf.c, which needs LeakSanitizer
 * suppressions for cairo and fontconfig). The writers make thousands of
 * allocations at tens of milliseconds a run, so under ctest their sweeps are
 * strided (failalloc.h, next_n); NPS_FAILALLOC_FULL=1 makes them complete
 * (docs/robustness.md has the numbers of a complete run).
 */
#include "failalloc.h"

#ifdef NPS_FAILALLOC

/* ---------- the reader ---------- */

typedef struct read_ctx {
    const char *path;
    nps_dataset *d;
    size_t responses; /* expected on success */
    size_t quality;
} read_ctx;

static nps_error read_run(void *vc, nps_diag *diag)
{
    read_ctx *c = vc;
    c->d = NULL;
    nps_error err = nps_read_export(c->path, questionnaire(), NULL, &c->d, diag);
    if (err != NPS_OK)
        CHECK(diag->message[0]); /* the CLI prints it: never an empty message */
    return err;
}

static void read_done(void *vc, bool ok)
{
    read_ctx *c = vc;
    if (ok) {
        CHECK(c->d != NULL);
        if (c->d) {
            if (!c->responses) {
                c->responses = nps_dataset_count(c->d);
                c->quality = nps_dataset_quality_count(c->d);
            }
            CHECK_INT(nps_dataset_count(c->d), c->responses);
            CHECK_INT(nps_dataset_quality_count(c->d), c->quality);
        }
    } else {
        CHECK(c->d == NULL);
    }
    nps_dataset_free(c->d);
    c->d = NULL;
}

static long sweep_reader(const char *name, const char *path)
{
    read_ctx c = {path, NULL, 0, 0};
    sweep_op op = {name, read_run, read_done, &c, 0, 0};
    (void)questionnaire(); /* loaded outside the sweep */
    return sweep(&op);
}

/* ---------- the questionnaire ---------- */

static nps_error questionnaire_run(void *vc, nps_diag *diag)
{
    return nps_questionnaire_load_default((nps_questionnaire **)vc, diag);
}

static void questionnaire_done(void *vc, bool ok)
{
    nps_questionnaire **q = vc;
    CHECK(ok ? *q != NULL : *q == NULL);
    if (*q)
        CHECK_INT(nps_questionnaire_question_count(*q), 39);
    nps_questionnaire_free(*q);
    *q = NULL;
}

/* ---------- the results ---------- */

static nps_error results_run(void *vc, nps_diag *diag)
{
    report_ctx *c = vc;
    (void)diag;
    c->r = NULL;
    return nps_results_build(c->d, NULL, &c->r);
}

static void results_done(void *vc, bool ok)
{
    report_ctx *c = vc;
    CHECK(ok ? c->r != NULL : c->r == NULL);
    if (c->r)
        CHECK(c->r->tables != NULL && c->r->figures != NULL);
    nps_results_free(c->r);
    c->r = NULL;
}

#endif /* NPS_FAILALLOC */

TEST(reader_small_export)
{
#ifdef NPS_FAILALLOC
    CHECK(sweep_reader("reader (small export)", small_export()) > 100);
    remove_small_export();
#endif
}

TEST(reader_cp932_fixture)
{
#ifdef NPS_FAILALLOC
    CHECK(sweep_reader("reader (fixtures/variants/cp932_excel.csv)",
                       NPS_SOURCE_DIR "/fixtures/variants/cp932_excel.csv") > 100);
#endif
}

TEST(questionnaire_default)
{
#ifdef NPS_FAILALLOC
    nps_questionnaire *q = NULL;
    sweep_op op = {"questionnaire (built in)", questionnaire_run, questionnaire_done, &q, 0, 0};
    CHECK(sweep(&op) > 100);
#endif
}

TEST(results_build)
{
#ifdef NPS_FAILALLOC
    report_ctx c;
    report_setup(&c);
    sweep_op op = {"results (small export)", results_run, results_done, &c, 0, 0};
    CHECK(sweep(&op) > 100);
    report_teardown(&c);
#endif
}

TEST(report_xlsx)
{
#ifdef NPS_FAILALLOC
    report_ctx c;
    report_setup(&c);
    CHECK_INT(nps_results_build(c.d, NULL, &c.r), NPS_OK);
    snprintf(c.path, sizeof c.path, "%s/report.xlsx", c.dir);
    sweep_op op = {"report.xlsx (small export)", writer_run, writer_done, &c, 400, 400};
    CHECK(sweep(&op) > 100);
    report_teardown(&c);
#endif
}

UNIT_MAIN()
