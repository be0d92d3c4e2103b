/*
 * failalloc.h — the allocation-failure sweep shared by test_failalloc.c and
 * test_failalloc_pdf.c (NPS_FAILALLOC builds only; see test_failalloc.c).
 * A sweep runs one operation once to count its allocations (T), then again
 * for N in 0..T-1 with the allocation after the N-th failing (and every one
 * after it): each run must return an error (NPS_ERR_NOMEM; any other error
 * is reported and fails the test) and no result, never crash. Leaks are
 * LeakSanitizer's at exit (the failalloc build is also an ASan build).
 */
#ifndef NPS_TEST_FAILALLOC_H
#define NPS_TEST_FAILALLOC_H

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "base/alloc.h"
#include "model/questionnaire.h"
#include "read/reader.h"
#include "report/report.h"
#include "present/results.h"
#include "unit.h"

#ifdef NPS_FAILALLOC

/* Every kind of field of the default questionnaire: personal data (Q1–Q3),
 * free text (Q5, Q38), multiple choice with a write-in (Q6), counts and
 * percents (Q13-1, Q14-1), a number outside every bin, a grid row of the
 * troubles matrix (Q22), single choice (Q29), area with 坪 and 畳 (Q31-2),
 * stars (Q37); a duplicate organisation (lines 2 and 4), an empty row
 * (line 5) and a short row (line 6). */
static const char SMALL_EXPORT[] =
    "タイムスタンプ,Q1. 記入者名,Q2. 団体名,Q3. メール,Q5. 目的,Q6. 事業,Q13-1. 役員,Q14-1. 小学生,"
    "Q22. 困りごと [いじめ（学校）],Q22. 困りごと [DV被害],Q29. 談話室,Q31-2. 広さ,Q37. 星,Q38. 理由\n"
    "2023/10/03 08:26:01,山田 花子,ＮＰＯ法人 ふたばの会,info@example.org,子どもの居場所づくり,"
    "\"プレーパークなどのあそび場, その他：読書会\",1,50%,他団体と連携することによって対応できている,"
    "自団体で対応できている,なし,12畳,6,財政が厳しい。連絡先 info@example.org\n"
    "2023/10/04 09:00:00,佐藤太郎,こもれび,b@example.org,学習支援,子ども食堂,約3～5人,3割,"
    "特に困りごとがある人はいない（把握していない）,,あり,20㎡,★★★,人材が足りない\n"
    "2023/10/5 2:03:22 午後 GMT+9,山田 花子,NPO法人ふたばの会,,居場所,当てはまる事業はない,120人,120%,,,,6坪,11,\n"
    ",,,,,,,,,,,,,\n"
    "2023-10-06T09:00:00+09:00,鈴木,別の会,x@example.org\n";

static nps_questionnaire *questionnaire(void)
{
    static nps_questionnaire *q;
    if (!q)
        CHECK_INT(nps_questionnaire_load_default(&q, NULL), NPS_OK);
    return q;
}

static char small_path[256];

static const char *small_export(void)
{
    if (!small_path[0]) {
        char dir[] = "/tmp/nps-test-failalloc-XXXXXX";
        CHECK(mkdtemp(dir) != NULL);
        snprintf(small_path, sizeof small_path, "%s/small.csv", dir);
        FILE *f = fopen(small_path, "wb");
        CHECK(f != NULL);
        if (f) {
            CHECK(fwrite(SMALL_EXPORT, 1, sizeof SMALL_EXPORT - 1, f) == sizeof SMALL_EXPORT - 1);
            CHECK(fclose(f) == 0);
        }
    }
    return small_path;
}

static void remove_small_export(void)
{
    if (small_path[0]) {
        char dir[256];
        unlink(small_path);
        snprintf(dir, sizeof dir, "%s", small_path);
        *strrchr(dir, '/') = '\0';
        rmdir(dir);
        small_path[0] = '\0';
    }
}

/* One operation under test: runs, returns its error; on success leaves a
 * result for `done` to check and free. */
typedef struct sweep_op {
    const char *name;
    nps_error (*run)(void *ctx, nps_diag *diag);
    void (*done)(void *ctx, bool ok); /* check (ok) and free the result */
    void *ctx;
    long dense, spread; /* 0, 0: every N; else see next_n */
} sweep_op;

/* The N after n. Every N, except for a strided sweep (the document writers:
 * thousands of allocations at tens of milliseconds a run): every N below
 * `dense`, then about `spread` more evenly spread, and the last one. The
 * environment variable NPS_FAILALLOC_FULL=1 makes every sweep complete. */
static long next_n(const sweep_op *op, long n, long total)
{
    static int full = -1;
    if (full < 0)
        full = getenv("NPS_FAILALLOC_FULL") && strcmp(getenv("NPS_FAILALLOC_FULL"), "1") == 0;
    if (full || !op->dense || n + 1 < op->dense)
        return n + 1;
    long step = (total - op->dense) / (op->spread ? op->spread : 1) + 1;
    return n + step < total - 1 ? n + step : n == total - 1 ? total : total - 1;
}

/* Sweep N over 0..T-1; prints the tally. Returns T. */
static long sweep(const sweep_op *op)
{
    nps_diag diag;
    long total, nomem = 0, other = 0, ok = 0, runs = 0;
    nps_alloc_fail_after(-1);
    CHECK_INT(op->run(op->ctx, &diag), NPS_OK);
    total = nps_alloc_count();
    op->done(op->ctx, true);
    CHECK(total > 0);
    fprintf(stderr, "%s: sweeping %ld allocations\n", op->name, total);
    for (long n = 0; n < total; n = next_n(op, n, total)) {
        runs++;
        memset(&diag, 0, sizeof diag);
        nps_alloc_fail_after(n);
        nps_error err = op->run(op->ctx, &diag);
        nps_alloc_fail_after(-1);
        if (err == NPS_OK) {
            ok++; /* a failure the operation could do without: the result must still be right */
            op->done(op->ctx, true);
            continue;
        }
        op->done(op->ctx, false);
        if (err == NPS_ERR_NOMEM) {
            nomem++;
        } else {
            other++;
            fprintf(stderr, "%s: allocation %ld failing gave error %d (%s): %s\n", op->name, n + 1, (int)err,
                    nps_strerror(err), diag.message);
        }
    }
    fprintf(stderr, "%s: %ld allocations; failing %s%ld: %ld out of memory, %ld other errors, %ld still succeeded\n",
            op->name, total, runs == total ? "each, " : "", runs, nomem, other, ok);
    CHECK_INT(other, 0);
    return total;
}

/* ---------- the results and the two documents ---------- */

typedef struct report_ctx {
    nps_dataset *d;
    nps_results *r;     /* built by results_run, or once for the writers */
    nps_fonts *fonts;
    nps_report_options opt;
    char dir[64], path[96];
    bool pdf;           /* which writer */
} report_ctx;

static nps_error writer_run(void *vc, nps_diag *diag)
{
    report_ctx *c = vc;
    return c->pdf ? nps_report_write_pdf(c->r, c->fonts, &c->opt, c->path, diag)
                  : nps_report_write_xlsx(c->r, &c->opt, c->path, diag);
}

static void writer_done(void *vc, bool ok)
{
    report_ctx *c = vc;
    FILE *f = fopen(c->path, "rb");
    if (ok) {
        CHECK(f != NULL);
        if (f) {
            CHECK(fseek(f, 0, SEEK_END) == 0 && ftell(f) > 1000);
        }
    }
    if (f)
        fclose(f);
    unlink(c->path); /* a failed writer may leave a partial file: the report command stages it */
}

static void report_setup(report_ctx *c)
{
    nps_diag diag;
    memset(c, 0, sizeof *c);
    c->opt = (nps_report_options){.export_name = "small.csv", .generated = 1700000000};
    snprintf(c->dir, sizeof c->dir, "/tmp/nps-test-failalloc-XXXXXX");
    CHECK(mkdtemp(c->dir) != NULL);
    if (nps_read_export(small_export(), questionnaire(), NULL, &c->d, &diag) != NPS_OK) {
        fprintf(stderr, "cannot read the small export: %s\n", diag.message);
        exit(1);
    }
}

static void report_teardown(report_ctx *c)
{
    nps_results_free(c->r);
    nps_fonts_free(c->fonts);
    nps_dataset_free(c->d);
    rmdir(c->dir);
    remove_small_export();
}

#endif /* NPS_FAILALLOC */
#endif
