/*
 * test_reader.c — nps_read_export on small exports written to a temporary
 * folder (reader.h, docs/reading.md): header mapping by number, item, grid row and
 * label; cell coding (choices, write-ins, numbers and bins incl. 坪 / 畳 /
 * 不明, stars); empty and short rows; duplicates kept latest by timestamp
 * (not row order) and --keep-duplicates; UTF-8 with BOM and CP932 files;
 * and every file-level error with its exact line.
 */
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include "unit.h"
#include "read/reader.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define OPT(i) ((uint64_t)1 << ((i) - 1))

/* ---------- helpers ---------- */

typedef struct tmp {
    char dir[256];
    char path[320];
} tmp;

/* Write `len` bytes (strlen when len is 0 and data non-empty) to a fresh
 * temporary file; its path is in t->path. */
static bool tmp_write(tmp *t, const char *data, size_t len)
{
    snprintf(t->dir, sizeof t->dir, "/tmp/nps-test-reader-XXXXXX");
    if (!mkdtemp(t->dir)) {
        CHECK(!"mkdtemp failed");
        return false;
    }
    snprintf(t->path, sizeof t->path, "%s/export.csv", t->dir);
    FILE *f = fopen(t->path, "wb");
    bool ok = f && fwrite(data, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = false;
    CHECK(ok);
    return ok;
}

static void tmp_remove(tmp *t)
{
    unlink(t->path);
    rmdir(t->dir);
}

static nps_questionnaire *load_default(void)
{
    nps_questionnaire *q = NULL;
    nps_diag diag = {0};
    CHECK_INT(nps_questionnaire_load_default(&q, &diag), NPS_OK);
    return q;
}

static const nps_field *F(const nps_questionnaire *q, int number, int item)
{
    const nps_field *f = nps_questionnaire_field(q, number, item);
    CHECK(f != NULL);
    return f;
}

/* Read `csv` (UTF-8 text) with `opts`; returns the dataset or NULL. */
static nps_dataset *read_text(const nps_questionnaire *q, const char *csv, size_t len,
                              const nps_read_options *opts, nps_error *err, nps_diag *diag, tmp *t)
{
    nps_dataset *d = NULL;
    nps_diag local;
    if (!diag)
        diag = &local;
    memset(diag, 0, sizeof *diag);
    if (!tmp_write(t, csv, len)) {
        *err = NPS_ERR_IO;
        return NULL;
    }
    *err = nps_read_export(t->path, q, opts, &d, diag);
    CHECK((*err == NPS_OK) == (d != NULL));
    return d;
}

/* Index of the first quality entry with `line` and `action` containing
 * `what` (and kind), or -1. */
static long find_quality(const nps_dataset *d, nps_quality_kind kind, long line, const char *what)
{
    for (size_t i = 0; i < nps_dataset_quality_count(d); i++) {
        const nps_quality_entry *e = nps_dataset_quality_at(d, i);
        if (e->kind == kind && e->line == line && strstr(e->action, what))
            return (long)i;
    }
    return -1;
}

/* Entries of `kind` on data lines (after the header): a partial export
 * also has findings on line 1 for the questions it lacks. */
static size_t count_row_quality(const nps_dataset *d, nps_quality_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < nps_dataset_quality_count(d); i++) {
        const nps_quality_entry *e = nps_dataset_quality_at(d, i);
        n += e->kind == kind && e->line > 1;
    }
    return n;
}

static void dump_quality(const nps_dataset *d)
{
    for (size_t i = 0; i < nps_dataset_quality_count(d); i++) {
        const nps_quality_entry *e = nps_dataset_quality_at(d, i);
        fprintf(stderr, "    [%s] line %ld, column \"%s\", raw \"%s\": %s\n",
                e->kind == NPS_QUALITY_NOTE ? "note" : "finding", e->line, e->column, e->raw, e->action);
    }
}

/* ---------- header mapping and coding ---------- */

static const char MAPPING_CSV[] =
    "タイムスタンプ,"
    "Q2. 団体名を記載してください。,"
    "Q3. 記入担当者メールアドレス,"
    "Q6. 事業,"
    "Q13-1. 役員,"
    "Q13. ②常勤職員（専従スタッフ、常勤スタッフ等）,"       /* item by its label */
    "Q22. 困りごと [いじめ（学校）],"                         /* grid row */
    "Q22_2 いじめ（職場）,"                                  /* item index with '_' */
    "貴団体が関わっている方々はどんな困りごとを持っていますか？ [DV被害],"  /* label + row */
    "Q31-2. 広さ,"
    "Ｑ３７．自己評価,"                                        /* full width */
    "住まいを必要とする人を受け入れることが可能な期間を記載してください。," /* label only: Q26 */
    "メールアドレス,"                                         /* Google's own: ignored */
    "Q99. 存在しない\n"                                      /* no such question: ignored */
    "2023/10/05 14:03:22,NPO法人ひまわり,info@example.jp,"
    "\"放課後児童クラブ（学童保育）, 料理教室\",約5人,2,"
    "他団体と連携することによって対応できている,自団体で対応できている,"
    "特に困りごとがある人はいない（把握していない）,30㎡,★★★,1週間未満,someone@example.jp,x\n";

TEST(header_mapping_by_number_item_row_and_label)
{
    nps_questionnaire *q = load_default();
    nps_dataset *d = NULL;
    nps_error err;
    tmp t;
    if (!q)
        return;
    d = read_text(q, MAPPING_CSV, sizeof MAPPING_CSV - 1, NULL, &err, NULL, &t);
    CHECK_INT(err, NPS_OK);
    if (d) {
        const nps_read_info *info = nps_dataset_read_info(d);
        CHECK_INT(nps_dataset_count(d), 1);
        CHECK_STR(info->encoding, "UTF-8");
        CHECK_INT(info->columns, 14);
        CHECK_INT(info->columns_ignored, 2);
        CHECK_INT(info->records, 1);
        CHECK_INT(nps_dataset_line(d, 0), 2);
        CHECK_INT(nps_dataset_timestamp(d, 0), 1696514602LL); /* 2023-10-05 14:03:22 */
        CHECK_STR(nps_dataset_org_id(d, 0), "R001");
        CHECK_STR(nps_dataset_text(d, 0, F(q, 2, 0)), "NPO法人ひまわり");
        CHECK_STR(nps_dataset_text(d, 0, F(q, 3, 0)), "info@example.jp");
        CHECK_INT(nps_dataset_choices(d, 0, F(q, 6, 0)), OPT(4) | OPT(9));
        CHECK_STR(nps_dataset_text(d, 0, F(q, 6, 0)), "料理教室");
        CHECK_NEAR(nps_dataset_number(d, 0, F(q, 13, 1)), 5, 0);
        CHECK_INT(nps_dataset_bin(d, 0, F(q, 13, 1)), 2);           /* 1～5人 */
        CHECK_NEAR(nps_dataset_number(d, 0, F(q, 13, 2)), 2, 0);
        CHECK_INT(nps_dataset_choice(d, 0, F(q, 22, 1)), 2);
        CHECK_INT(nps_dataset_choice(d, 0, F(q, 22, 2)), 1);
        CHECK_INT(nps_dataset_choice(d, 0, F(q, 22, 3)), 5);
        CHECK_INT(nps_dataset_choice(d, 0, F(q, 22, 4)), 0);        /* no column */
        CHECK_NEAR(nps_dataset_number(d, 0, F(q, 31, 2)), 30, 0);
        CHECK_INT(nps_dataset_bin(d, 0, F(q, 31, 2)), 1);           /* ～49㎡ */
        CHECK_INT(nps_dataset_choice(d, 0, F(q, 37, 0)), 3);
        CHECK_INT(nps_dataset_choice(d, 0, F(q, 26, 0)), 1);
        /* Google's own column is a note; the unknown Q99 a finding that
         * names it; the questions the export lacks are findings on line 1;
         * the abridged headers (事業, 役員, 広さ …) are not drift */
        CHECK(find_quality(d, NPS_QUALITY_NOTE, 1, "column 13 is the form tool's own") >= 0);
        long q99 = find_quality(d, NPS_QUALITY_FINDING, 1, "column 14 matches no question");
        CHECK(q99 >= 0);
        if (q99 >= 0)
            CHECK_STR(nps_dataset_quality_at(d, (size_t)q99)->column, "Q99. 存在しない");
        CHECK(find_quality(d, NPS_QUALITY_FINDING, 1, "Q5 has no column in this export") >= 0);
        CHECK(find_quality(d, NPS_QUALITY_FINDING, 1, "Q22: 30 of its 33 items have no column") >= 0);
        CHECK(find_quality(d, NPS_QUALITY_FINDING, 1, "far from") < 0);
        CHECK_INT(nps_dataset_quality_count_kind(d, NPS_QUALITY_NOTE), 1);
        CHECK_INT(count_row_quality(d, NPS_QUALITY_FINDING), 0);
        if (unit_failures)
            dump_quality(d);
    }
    nps_dataset_free(d);
    tmp_remove(&t);
    nps_questionnaire_free(q);
}

TEST(column_order_does_not_matter_and_second_column_ignored)
{
    static const char csv[] =
        "Q26. 期間,Q2. 団体名,Timestamp,Q26 期間（再掲）\n"
        "受入不可,A団体,2023/10/05 14:03:22,1週間未満\n";
    nps_questionnaire *q = load_default();
    nps_dataset *d = NULL;
    nps_error err;
    tmp t;
    if (!q)
        return;
    d = read_text(q, csv, sizeof csv - 1, NULL, &err, NULL, &t);
    CHECK_INT(err, NPS_OK);
    if (d) {
        CHECK_INT(nps_dataset_choice(d, 0, F(q, 26, 0)), 7);
        CHECK_STR(nps_dataset_text(d, 0, F(q, 2, 0)), "A団体");
        CHECK_INT(nps_dataset_timestamp(d, 0), 1696514602LL);
        CHECK(find_quality(d, NPS_QUALITY_FINDING, 1, "a second column for the same question") >= 0);
    }
    nps_dataset_free(d);
    tmp_remove(&t);
    nps_questionnaire_free(q);
}

/* ---------- duplicates ---------- */

static const char DUPLICATES_CSV[] =
    "タイムスタンプ,Q2. 団体名,Q3. メール,Q26. 期間\n"
    "2023/10/05 10:00:00,NPO法人 ひまわり,a@example.jp,1週間未満\n"     /* 2: latest ひまわり */
    "2023/10/04 09:00:00,NPO法人　ひまわり,b@example.jp,受入不可\n"     /* 3: same org (U+3000) */
    "2023/10/06 08:00:00,こども食堂みらい,Info@Example.jp,1年以上\n"    /* 4: latest by e-mail */
    "2023/10/03 08:00:00,,info@example.jp,その他\n"                     /* 5: no name, same e-mail (case) */
    "2023/10/01 00:00:00,ＮＰＯ法人ひまわり,c@example.jp,1年以上\n";    /* 6: full-width NPO */

TEST(duplicates_keep_latest_by_timestamp)
{
    nps_questionnaire *q = load_default();
    nps_dataset *d = NULL;
    nps_error err;
    tmp t;
    if (!q)
        return;
    d = read_text(q, DUPLICATES_CSV, sizeof DUPLICATES_CSV - 1, NULL, &err, NULL, &t);
    CHECK_INT(err, NPS_OK);
    if (d) {
        CHECK_INT(nps_dataset_count(d), 2);
        CHECK_INT(nps_dataset_read_info(d)->duplicates_dropped, 3);
        CHECK_INT(nps_dataset_read_info(d)->records, 5);
        CHECK_INT(nps_dataset_line(d, 0), 2);
        CHECK_INT(nps_dataset_choice(d, 0, F(q, 26, 0)), 1);
        CHECK_STR(nps_dataset_org_id(d, 0), "R001");
        CHECK_INT(nps_dataset_line(d, 1), 4);
        CHECK_INT(nps_dataset_choice(d, 1, F(q, 26, 0)), 5);
        CHECK_STR(nps_dataset_org_id(d, 1), "R002");
        CHECK(find_quality(d, NPS_QUALITY_NOTE, 3, "the latest (line 2) kept") >= 0);
        CHECK(find_quality(d, NPS_QUALITY_NOTE, 5, "the latest (line 4) kept") >= 0);
        CHECK(find_quality(d, NPS_QUALITY_NOTE, 6, "the latest (line 2) kept") >= 0);
        CHECK(find_quality(d, NPS_QUALITY_NOTE, 2, "duplicate") < 0);
    }
    nps_dataset_free(d);
    tmp_remove(&t);
    nps_questionnaire_free(q);
}

TEST(duplicates_kept_on_request)
{
    nps_questionnaire *q = load_default();
    nps_dataset *d = NULL;
    nps_read_options opts = {NPS_ENCODING_AUTO, true, 0, 0, NULL, NULL, NULL};
    nps_error err;
    tmp t;
    if (!q)
        return;
    d = read_text(q, DUPLICATES_CSV, sizeof DUPLICATES_CSV - 1, &opts, &err, NULL, &t);
    CHECK_INT(err, NPS_OK);
    if (d) {
        CHECK_INT(nps_dataset_count(d), 5);
        CHECK_INT(nps_dataset_read_info(d)->duplicates_dropped, 0);
        for (size_t r = 0; r < 5; r++)
            CHECK_INT(nps_dataset_line(d, r), (long)r + 2);
        CHECK_STR(nps_dataset_org_id(d, 4), "R005");
        CHECK_INT(nps_dataset_choice(d, 3, F(q, 26, 0)), 6);
    }
    nps_dataset_free(d);
    tmp_remove(&t);
    nps_questionnaire_free(q);
}

TEST(duplicates_without_timestamps_keep_later_row)
{
    static const char csv[] =
        "Q2. 団体名,Q26. 期間\n"
        "A団体,1週間未満\n"
        "Ａ団体 ,受入不可\n";
    nps_questionnaire *q = load_default();
    nps_dataset *d = NULL;
    nps_error err;
    tmp t;
    if (!q)
        return;
    d = read_text(q, csv, sizeof csv - 1, NULL, &err, NULL, &t);
    CHECK_INT(err, NPS_OK);
    if (d) {
        CHECK_INT(nps_dataset_count(d), 1);
        CHECK_INT(nps_dataset_line(d, 0), 3);
        CHECK_INT(nps_dataset_timestamp(d, 0), -1);
        CHECK_INT(nps_dataset_choice(d, 0, F(q, 26, 0)), 7);
    }
    nps_dataset_free(d);
    tmp_remove(&t);
    nps_questionnaire_free(q);
}

TEST(duplicates_chain_through_org_and_email)
{
    /* line 2 (no name) and 3 share the e-mail, 3 and 4 the organisation
     * (legal form aside): one group */
    static const char csv[] =
        "タイムスタンプ,Q2. 団体名,Q3. メール,Q26. 期間\n"
        "2023/10/01 09:00:00,,m1@example.jp,1週間未満\n"
        "2023/10/02 09:00:00,Y会,m1@example.jp,受入不可\n"
        "2023/10/03 09:00:00,(特非)Y会,m2@example.jp,1年以上\n"
        "2023/10/02 12:00:00,Z会,m3@example.jp,その他\n";
    nps_questionnaire *q = load_default();
    nps_dataset *d = NULL;
    nps_error err;
    tmp t;
    if (!q)
        return;
    d = read_text(q, csv, sizeof csv - 1, NULL, &err, NULL, &t);
    CHECK_INT(err, NPS_OK);
    if (d) {
        CHECK_INT(nps_dataset_count(d), 2);
        CHECK_INT(nps_dataset_read_info(d)->duplicates_dropped, 2);
        CHECK_INT(nps_dataset_line(d, 0), 4);
        CHECK_INT(nps_dataset_line(d, 1), 5);
        CHECK(find_quality(d, NPS_QUALITY_NOTE, 2, "the latest (line 4) kept") >= 0);
        CHECK(find_quality(d, NPS_QUALITY_NOTE, 3, "the latest (line 4) kept") >= 0);
    }
    nps_dataset_free(d);
    tmp_remove(&t);
    nps_questionnaire_free(q);
}

TEST(microsoft_forms_completion_time_wins)
{
    /* Microsoft Forms: ID, 開始時刻, 完了時刻 — the completion time (rank 2)
     * is the response's timestamp; the start time column is ignored. */
    static const char csv[] =
        "ID,開始時刻,完了時刻,Q2. 団体名\n"
        "1,2023-10-05T13:50:00,2023-10-05T14:03:22,A団体\n";
    nps_questionnaire *q = load_default();
    nps_dataset *d = NULL;
    nps_error err;
    tmp t;
    if (!q)
        return;
    d = read_text(q, csv, sizeof csv - 1, NULL, &err, NULL, &t);
    CHECK_INT(err, NPS_OK);
    if (d) {
        CHECK_INT(nps_dataset_timestamp(d, 0), 1696514602LL);
        CHECK_INT(nps_dataset_read_info(d)->columns, 4);
        CHECK_INT(nps_dataset_read_info(d)->columns_ignored, 2); /* ID, 開始時刻 */
    }
    nps_dataset_free(d);
    tmp_remove(&t);
    nps_questionnaire_free(q);
}

/* ---------- rows ---------- */

TEST(empty_rows_skipped_and_short_rows_found)
{
    static const char csv[] =
        "タイムスタンプ,Q2. 団体名,Q26. 期間,Q29. 談話室\n"
        ",,,\n"                                       /* 2: empty */
        "2023/10/05 10:00:00,A団体,1週間未満,あり\n"   /* 3 */
        " , ,\t, \n"                                  /* 4: blanks only */
        "2023/10/05 11:00:00,B団体\n"                 /* 5: short */
        "\n"                                          /* 6: blank line (no record) */
        "2023/10/05 12:00:00,C団体,受入不可,なし,extra\n"; /* 7: long */
    nps_questionnaire *q = load_default();
    nps_dataset *d = NULL;
    nps_error err;
    tmp t;
    if (!q)
        return;
    d = read_text(q, csv, sizeof csv - 1, NULL, &err, NULL, &t);
    CHECK_INT(err, NPS_OK);
    if (d) {
        const nps_read_info *info = nps_dataset_read_info(d);
        CHECK_INT(nps_dataset_count(d), 3);
        CHECK_INT(info->records, 5);
        CHECK_INT(info->empty_rows, 2);
        CHECK_INT(nps_dataset_line(d, 0), 3);
        CHECK_INT(nps_dataset_line(d, 1), 5);
        CHECK_INT(nps_dataset_line(d, 2), 7);
        CHECK_STR(nps_dataset_text(d, 1, F(q, 2, 0)), "B団体");
        CHECK_INT(nps_dataset_choice(d, 1, F(q, 26, 0)), 0);
        CHECK_INT(nps_dataset_choice(d, 2, F(q, 29, 0)), 2);
        CHECK(find_quality(d, NPS_QUALITY_FINDING, 5, "fewer cells than the header") >= 0);
        CHECK(find_quality(d, NPS_QUALITY_FINDING, 7, "more cells than the header") >= 0);
        CHECK_INT(count_row_quality(d, NPS_QUALITY_FINDING), 2);
    }
    nps_dataset_free(d);
    tmp_remove(&t);
    nps_questionnaire_free(q);
}

TEST(unmatched_single_choice_is_a_finding)
{
    static const char csv[] =
        "Q2. 団体名,Q29. 談話室,Q26. 期間\n"
        "A団体,たぶん,応相談\n";
    nps_questionnaire *q = load_default();
    nps_dataset *d = NULL;
    nps_error err;
    tmp t;
    if (!q)
        return;
    d = read_text(q, csv, sizeof csv - 1, NULL, &err, NULL, &t);
    CHECK_INT(err, NPS_OK);
    if (d) {
        CHECK_INT(nps_dataset_choice(d, 0, F(q, 29, 0)), 0);
        CHECK(find_quality(d, NPS_QUALITY_FINDING, 2, "matches no option: no answer") >= 0);
        CHECK_INT(nps_dataset_choice(d, 0, F(q, 26, 0)), 6);      /* その他 */
        CHECK_STR(nps_dataset_text(d, 0, F(q, 26, 0)), "応相談");
        CHECK_INT(count_row_quality(d, NPS_QUALITY_FINDING) + count_row_quality(d, NPS_QUALITY_NOTE), 1);
    }
    nps_dataset_free(d);
    tmp_remove(&t);
    nps_questionnaire_free(q);
}

/* ---------- numbers, bins, stars ---------- */

typedef struct number_row {
    const char *q13_1, *q31_2, *q16;
    double v13, v31, v16;     /* NAN: no value */
    int b13, b31, b16;        /* expected bins, 0 = none */
} number_row;

TEST(numbers_and_bins)
{
    static const number_row rows[] = {
        {"約5人", "10坪", "\"1,200人\"", 5, 4000.0 / 121.0, 1200, 2, 1, 22},
        {"不明", "不明", "わからない", NAN, NAN, NAN, 0, 6, 0},     /* unknown bin only for Q31-2 */
        {"3～5人", "6畳", "0", 4, NAN, 0, 2, 5, 1},                /* 畳 → その他 bin */
        {"なし", "20坪", "5001", 0, 8000.0 / 121.0, 5001, 1, 2, 26},
        {"たくさん", "100㎡", "", NAN, 100, NAN, 0, 3, 0},
        {"", "", "１００人", NAN, NAN, 100, 0, 0, 12},
    };
    char csv[4096];
    size_t n = (size_t)snprintf(csv, sizeof csv, "Q2. 団体名,Q13-1. 役員,Q31-2. 広さ,Q16. 利用者\n");
    for (size_t i = 0; i < COUNT_OF(rows); i++)
        n += (size_t)snprintf(csv + n, sizeof csv - n, "団体%zu,%s,%s,%s\n", i, rows[i].q13_1,
                              rows[i].q31_2, rows[i].q16);
    nps_questionnaire *q = load_default();
    nps_dataset *d = NULL;
    nps_error err;
    tmp t;
    if (!q)
        return;
    d = read_text(q, csv, n, NULL, &err, NULL, &t);
    CHECK_INT(err, NPS_OK);
    if (d) {
        CHECK_INT(nps_dataset_count(d), COUNT_OF(rows));
        for (size_t i = 0; i < COUNT_OF(rows) && i < nps_dataset_count(d); i++) {
            const number_row *r = &rows[i];
            int before = unit_failures;
            double v13 = nps_dataset_number(d, i, F(q, 13, 1));
            double v31 = nps_dataset_number(d, i, F(q, 31, 2));
            double v16 = nps_dataset_number(d, i, F(q, 16, 0));
            CHECK(isnan(r->v13) ? isnan(v13) : fabs(v13 - r->v13) < 1e-9);
            CHECK(isnan(r->v31) ? isnan(v31) : fabs(v31 - r->v31) < 1e-9);
            CHECK(isnan(r->v16) ? isnan(v16) : fabs(v16 - r->v16) < 1e-9);
            CHECK_INT(nps_dataset_bin(d, i, F(q, 13, 1)), r->b13);
            CHECK_INT(nps_dataset_bin(d, i, F(q, 31, 2)), r->b31);
            CHECK_INT(nps_dataset_bin(d, i, F(q, 16, 0)), r->b16);
            if (unit_failures != before)
                fprintf(stderr, "  ^ row %zu: %s / %s / %s\n", i, r->q13_1, r->q31_2, r->q16);
        }
        /* notes and findings name the line */
        CHECK(find_quality(d, NPS_QUALITY_NOTE, 2, "坪 converted") >= 0);
        CHECK(find_quality(d, NPS_QUALITY_NOTE, 4, "a range: its midpoint") >= 0);
        CHECK(find_quality(d, NPS_QUALITY_NOTE, 4, "counted as その他") >= 0);
        CHECK(find_quality(d, NPS_QUALITY_FINDING, 6, "not a number") >= 0);
        long i6 = find_quality(d, NPS_QUALITY_FINDING, 6, "not a number");
        if (i6 >= 0) {
            CHECK_STR(nps_dataset_quality_at(d, (size_t)i6)->raw, "たくさん");
            CHECK_STR(nps_dataset_quality_at(d, (size_t)i6)->column, "Q13-1. 役員");
        }
        /* 不明 is no answer without a finding */
        CHECK(find_quality(d, NPS_QUALITY_FINDING, 3, "") < 0);
        CHECK_INT(count_row_quality(d, NPS_QUALITY_FINDING), 1);
    }
    nps_dataset_free(d);
    tmp_remove(&t);
    nps_questionnaire_free(q);
}

TEST(rating_stars_and_digits)
{
    static const struct { const char *cell; int stars; bool finding; } cases[] = {
        {"★★★", 3, false}, {"7", 7, false}, {"７", 7, false}, {"10", 10, false},
        {"★★★★★★★★★★", 10, false}, {" ★ ★ ", 2, false},
        {"0", 0, true}, {"11", 0, true}, {"★★★★★★★★★★★", 0, true}, {"3つ", 0, true}, {"", 0, false},
    };
    char csv[4096];
    size_t n = (size_t)snprintf(csv, sizeof csv, "Q2. 団体名,Q37. 自己評価\n");
    for (size_t i = 0; i < COUNT_OF(cases); i++)
        n += (size_t)snprintf(csv + n, sizeof csv - n, "団体%zu,%s\n", i, cases[i].cell);
    nps_questionnaire *q = load_default();
    nps_dataset *d = NULL;
    nps_error err;
    tmp t;
    if (!q)
        return;
    d = read_text(q, csv, n, NULL, &err, NULL, &t);
    CHECK_INT(err, NPS_OK);
    if (d) {
        CHECK_INT(nps_dataset_count(d), COUNT_OF(cases));
        for (size_t i = 0; i < COUNT_OF(cases) && i < nps_dataset_count(d); i++) {
            int before = unit_failures;
            long line = (long)i + 2;
            CHECK_INT(nps_dataset_choice(d, i, F(q, 37, 0)), cases[i].stars);
            CHECK_INT(find_quality(d, NPS_QUALITY_FINDING, line, "not a rating") >= 0, cases[i].finding);
            if (unit_failures != before)
                fprintf(stderr, "  ^ \"%s\"\n", cases[i].cell);
        }
    }
    nps_dataset_free(d);
    tmp_remove(&t);
    nps_questionnaire_free(q);
}

/* ---------- encodings ---------- */

/* UTF-8 → CP932 with glibc iconv; returns a malloc'ed buffer. */
static char *to_cp932(const char *utf8, size_t len, size_t *out_len)
{
    iconv_t cd = iconv_open("CP932", "UTF-8");
    char *out = malloc(len * 2 + 1), *op = out;
    char *ip = (char *)utf8;
    size_t il = len, ol = len * 2;
    CHECK(cd != (iconv_t)-1);
    if (cd == (iconv_t)-1 || !out) {
        free(out);
        return NULL;
    }
    size_t rc = iconv(cd, &ip, &il, &op, &ol);
    CHECK(rc != (size_t)-1);
    iconv_close(cd);
    *out_len = (size_t)(op - out);
    return out;
}

static const char CP932_CSV[] =
    "タイムスタンプ,Q2. 団体名を記載してください。,Q6. 事業,Q13-1. ①役員,Q22. 困りごと [８０５０／７０４０問題]\r\n"
    "2023/10/05 14:03:22,ＮＰＯ法人　ひまわり,\"子ども食堂などの子どもの居場所（通いの場／食事提供の有無を問わない）, "
    "保育園等（公立・認可保育所 ? 地域型保育事業 ? 認定こども園? 認可外保育施設など）\",１～３人,自団体で対応できている\r\n";

TEST(cp932_file)
{
    nps_questionnaire *q = load_default();
    nps_dataset *d = NULL;
    nps_error err;
    size_t len = 0;
    tmp t;
    char *bytes = to_cp932(CP932_CSV, sizeof CP932_CSV - 1, &len);
    if (!q || !bytes)
        goto done;
    CHECK(len < sizeof CP932_CSV - 1); /* really converted: 2 bytes per kana */
    d = read_text(q, bytes, len, NULL, &err, NULL, &t);
    CHECK_INT(err, NPS_OK);
    if (d) {
        CHECK_STR(nps_dataset_read_info(d)->encoding, "CP932");
        CHECK_INT(nps_dataset_count(d), 1);
        CHECK_INT(nps_dataset_timestamp(d, 0), 1696514602LL);
        CHECK_STR(nps_dataset_text(d, 0, F(q, 2, 0)), "ＮＰＯ法人　ひまわり");
        CHECK_INT(nps_dataset_choices(d, 0, F(q, 6, 0)), OPT(3) | OPT(5));
        CHECK(nps_dataset_text(d, 0, F(q, 6, 0)) == NULL);
        CHECK(find_quality(d, NPS_QUALITY_NOTE, 2, "resolved to the one matching option") >= 0);
        CHECK_NEAR(nps_dataset_number(d, 0, F(q, 13, 1)), 2, 0);  /* midpoint of 1～3 */
        CHECK_INT(nps_dataset_choice(d, 0, F(q, 22, 23)), 1);     /* 8050/7040問題 */
    }
    tmp_remove(&t);
    /* the same bytes forced as UTF-8 are refused on line 1 */
    {
        nps_read_options opts = {NPS_ENCODING_UTF8, false, 0, 0, NULL, NULL, NULL};
        nps_diag diag;
        nps_dataset *d2 = read_text(q, bytes, len, &opts, &err, &diag, &t);
        CHECK_INT(err, NPS_ERR_ENCODING);
        CHECK_INT(diag.line, 1);
        CHECK(strstr(diag.message, "not valid UTF-8") != NULL);
        nps_dataset_free(d2);
        tmp_remove(&t);
    }
done:
    free(bytes);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

TEST(utf8_bom_file)
{
    static const char csv[] = "\xEF\xBB\xBF" "タイムスタンプ,Q2. 団体名\r\n2023/10/05 14:03:22,A団体\r\n";
    nps_questionnaire *q = load_default();
    nps_dataset *d = NULL;
    nps_error err;
    tmp t;
    if (!q)
        return;
    d = read_text(q, csv, sizeof csv - 1, NULL, &err, NULL, &t);
    CHECK_INT(err, NPS_OK);
    if (d) {
        CHECK_STR(nps_dataset_read_info(d)->encoding, "UTF-8 (BOM)");
        CHECK_INT(nps_dataset_timestamp(d, 0), 1696514602LL); /* the BOM did not hide the header */
        CHECK_STR(nps_dataset_text(d, 0, F(q, 2, 0)), "A団体");
        CHECK_INT(nps_dataset_read_info(d)->columns_ignored, 0);
    }
    nps_dataset_free(d);
    tmp_remove(&t);
    nps_questionnaire_free(q);
}

/* ---------- file-level errors ---------- */

typedef struct error_case {
    const char *name;
    const char *bytes;
    size_t len;             /* 0: strlen */
    nps_error err;
    long line;
    const char *message;    /* substring of diag.message */
} error_case;

static const char NUL_CSV[] = "Q2. 団体名,Q26. 期間\nA\0,受入不可\n";

TEST(file_errors_with_lines)
{
    static const error_case cases[] = {
        {"empty file", "", 0, NPS_ERR_EMPTY, 0, "the file is empty"},
        {"BOM only", "\xEF\xBB\xBF", 0, NPS_ERR_EMPTY, 0, "the file is empty"},
        {"blank lines only", "\n\n\n", 0, NPS_ERR_EMPTY, 1, "no header row"},
        {"header only", "タイムスタンプ,Q2. 団体名,Q26. 期間\n", 0, NPS_ERR_EMPTY, 2, "a header but no responses"},
        {"header and empty rows", "タイムスタンプ,Q2. 団体名\n,\n,\n", 0, NPS_ERR_EMPTY, 2, "no responses"},
        {"unrelated CSV", "name,price\napple,100\n", 0, NPS_ERR_HEADER, 1, "matches no question"},
        {"unterminated quote in row 3",
         "Q2. 団体名,Q26. 期間\nA団体,受入不可\nB団体,\"1週間未満\nC団体,受入不可\n", 0, NPS_ERR_CSV, 3,
         "never closed"},
        {"unterminated quote, later quoted cells",
         "Q2. 団体名,Q26. 期間\nA団体,受入不可\n\"B団体,1週間未満\nC団体,\"受入不可\"\n", 0, NPS_ERR_CSV, 3,
         "never closed"},
        {"invalid bytes on line 4",
         "Timestamp,Q2. Name,Q26. Period\n2023/10/05 10:00:00,A,x\n2023/10/05 11:00:00,B,y\n"
         "2023/10/05 12:00:00,C\x85\x40,z\n", 0, NPS_ERR_ENCODING, 4, "valid in neither UTF-8 nor CP932"},
        {"NUL byte on line 2", NUL_CSV, sizeof NUL_CSV - 1, NPS_ERR_ENCODING, 2, "NUL byte"},
    };
    nps_questionnaire *q = load_default();
    if (!q)
        return;
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        const error_case *c = &cases[i];
        nps_diag diag;
        nps_error err;
        tmp t;
        int before = unit_failures;
        size_t len = c->len ? c->len : strlen(c->bytes);
        nps_dataset *d = read_text(q, c->bytes, len, NULL, &err, &diag, &t);
        CHECK(d == NULL);
        CHECK_INT(err, c->err);
        CHECK_INT(diag.line, c->line);
        CHECK_STR(diag.file, t.path);
        CHECK(strstr(diag.message, c->message) != NULL);
        if (unit_failures != before)
            fprintf(stderr, "  ^ %s: got %s:%ld: %s\n", c->name, diag.file, diag.line, diag.message);
        nps_dataset_free(d);
        tmp_remove(&t);
    }
    nps_questionnaire_free(q);
}

TEST(limits)
{
    nps_questionnaire *q = load_default();
    nps_diag diag;
    nps_error err;
    tmp t;
    if (!q)
        return;
    {
        nps_read_options opts = {NPS_ENCODING_AUTO, false, 0, 3, NULL, NULL, NULL};
        static const char csv[] = "Q2. 団体名,Q26. 期間,Q29. 談話室\nA,受入不可,あり\nB,受入不可,あり,x\n";
        nps_dataset *d = read_text(q, csv, sizeof csv - 1, &opts, &err, &diag, &t);
        CHECK_INT(err, NPS_ERR_LIMIT);
        CHECK_INT(diag.line, 3);
        CHECK(strstr(diag.message, "more than 3 columns") != NULL);
        nps_dataset_free(d);
        tmp_remove(&t);
    }
    {
        nps_read_options opts = {NPS_ENCODING_AUTO, false, 16, 0, NULL, NULL, NULL};
        static const char csv[] = "Q2. 団体名,Q5. 目的\nA,short\n\nB,\"a purpose\nthat is far too long\"\n";
        nps_dataset *d = read_text(q, csv, sizeof csv - 1, &opts, &err, &diag, &t);
        CHECK_INT(err, NPS_ERR_LIMIT);
        CHECK_INT(diag.line, 4);
        CHECK(strstr(diag.message, "a cell larger than 16 bytes") != NULL);
        nps_dataset_free(d);
        tmp_remove(&t);
    }
    {
        nps_dataset *d = NULL;
        CHECK_INT(nps_read_export("/nonexistent/nps/export.csv", q, NULL, &d, &diag), NPS_ERR_IO);
        CHECK(d == NULL);
        CHECK_STR(diag.file, "/nonexistent/nps/export.csv");
    }
    nps_questionnaire_free(q);
}

UNIT_MAIN()
