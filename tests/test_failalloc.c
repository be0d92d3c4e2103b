/*
 * test_failalloc.c — allocation failure over the reader and the report
 * (issue 6, DESIGN §11). In an NPS_FAILALLOC build every allocation of the
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
 * and, once the report writers exist, nps_results_build and both document
 * writers on the small export.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "alloc.h"
#include "questionnaire.h"
#include "reader.h"
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
    }
}

/* One operation under test: runs, returns its error; on success leaves a
 * result for `done` to check and free. */
typedef struct sweep_op {
    const char *name;
    nps_error (*run)(void *ctx, nps_diag *diag);
    void (*done)(void *ctx, bool ok); /* check (ok) and free the result */
    void *ctx;
} sweep_op;

/* Sweep N over 0..T-1; prints the tally. Returns T. */
static long sweep(const sweep_op *op)
{
    nps_diag diag;
    long total, nomem = 0, other = 0, ok = 0;
    nps_alloc_fail_after(-1);
    CHECK_INT(op->run(op->ctx, &diag), NPS_OK);
    total = nps_alloc_count();
    op->done(op->ctx, true);
    CHECK(total > 0);
    for (long n = 0; n < total; n++) {
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
    fprintf(stderr, "%s: %ld allocations; failing each: %ld out of memory, %ld other errors, %ld still succeeded\n",
            op->name, total, nomem, other, ok);
    CHECK_INT(other, 0);
    return total;
}

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
    sweep_op op = {name, read_run, read_done, &c};
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
    sweep_op op = {"questionnaire (built in)", questionnaire_run, questionnaire_done, &q};
    CHECK(sweep(&op) > 100);
#endif
}

UNIT_MAIN()
