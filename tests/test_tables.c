/*
 * test_tables.c — frequency tables (tables.h, docs/tables.md) over a dataset
 * built by hand on the default questionnaire: counts, the 無回答 row,
 * percent of cases for multiple choice, base, table order and look-up, the
 * exact CSV / text lines of small tables, JSON escaping, the 95% Wilson
 * interval (reference values computed independently with Python from the
 * closed formula and checked against the roots of the score quadratic) and
 * rounding half up to one decimal (checked against exact integer arithmetic).
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include "unit.h"
#include "analyse/tables.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define OPT(i) ((uint64_t)1 << ((i) - 1))

/* ---------- Wilson and rounding ---------- */

typedef struct wilson_case {
    long k, n;
    double low, high;      /* proportions */
} wilson_case;

TEST(wilson_reference_values)
{
    static const wilson_case cases[] = {
        {18, 65, 0.1829358381, 0.3958063835},  /* Q6 option 3 of the seed: 27.7% */
        {33, 65, 0.3891645249, 0.6253616054},
        {0, 65, 0.0, 0.0558015313},
        {1, 65, 0.0027209446, 0.0821328473},
        {64, 65, 0.9178671527, 0.9972790554},
        {65, 65, 0.9441984687, 1.0},
        {1, 2, 0.0945312057, 0.9054687943},
        {3, 4, 0.3006418426, 0.9544127392},
        {2, 4, 0.1500389892, 0.8499610108},
        {0, 4, 0.0, 0.4898908365},
        {5, 10, 0.2365930905, 0.7634069095},
        {1, 1, 0.2065493144, 1.0},
        {0, 1, 0.0, 0.7934506856},
        {0, 0, 0.0, 0.0},                      /* no base */
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        double lo = -1, hi = -1;
        int before = unit_failures;
        nps_wilson_interval(cases[i].k, cases[i].n, &lo, &hi);
        CHECK_NEAR(lo, cases[i].low, 1e-9);
        CHECK_NEAR(hi, cases[i].high, 1e-9);
        if (unit_failures != before)
            fprintf(stderr, "  ^ k=%ld n=%ld\n", cases[i].k, cases[i].n);
    }
}

TEST(wilson_properties)
{
    /* 0 <= low <= p <= high <= 1, symmetric in k <-> n-k, ±12 points at n=65 */
    for (long n = 1; n <= 120; n++) {
        for (long k = 0; k <= n; k++) {
            double lo, hi, lo2, hi2, p = (double)k / (double)n;
            nps_wilson_interval(k, n, &lo, &hi);
            nps_wilson_interval(n - k, n, &lo2, &hi2);
            if (!(lo >= 0 && lo <= p + 1e-12 && hi >= p - 1e-12 && hi <= 1) ||
                fabs(lo - (1 - hi2)) > 1e-12 || fabs(hi - (1 - lo2)) > 1e-12) {
                CHECK(!"Wilson interval property");
                fprintf(stderr, "  ^ k=%ld n=%ld: [%g, %g]\n", k, n, lo, hi);
                return;
            }
        }
    }
    double lo, hi;
    nps_wilson_interval(32, 65, &lo, &hi);
    CHECK(hi - lo > 0.23 && hi - lo < 0.24); /* the widest: about ±12 points */
}

typedef struct round_case {
    double in, out;
} round_case;

TEST(round1_half_up)
{
    static const round_case cases[] = {
        {12.25, 12.3}, {0.05, 0.1}, {0.04999, 0.0}, {12.2499, 12.2}, {27.692307692, 27.7},
        {0.0, 0.0}, {100.0, 100.0}, {12.5, 12.5}, {1.25, 1.3}, {0.25, 0.3}, {2.45, 2.5},
        {0.15, 0.2}, {0.35, 0.4}, {1.15, 1.2}, {49.95, 50.0}, {99.95, 100.0},
        {33.333333, 33.3}, {66.666667, 66.7}, {-12.25, -12.3}, {-0.05, -0.1},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        int before = unit_failures;
        CHECK_NEAR(nps_round1(cases[i].in), cases[i].out, 1e-9);
        if (unit_failures != before)
            fprintf(stderr, "  ^ case %zu: %.10g\n", i, cases[i].in);
    }
}

/* Every percent k*100/n that a table can print, against exact integers:
 * tenths = floor(k*1000/n + 1/2). */
TEST(round1_every_table_percent)
{
    for (long n = 1; n <= 400; n++) {
        for (long k = 0; k <= n; k++) {
            long q = k * 1000 / n, rem = k * 1000 % n;
            double want = (double)(q + (2 * rem >= n)) / 10.0;
            double got = nps_round1((double)k * 100.0 / (double)n);
            if (fabs(got - want) > 1e-9) {
                CHECK_NEAR(got, want, 1e-9);
                fprintf(stderr, "  ^ k=%ld n=%ld\n", k, n);
                return;
            }
        }
    }
}

/* ---------- a dataset by hand ---------- */

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

/* Four responses:
 *        Q6 (multi)  Q16 (count)  Q22-1  Q26  Q29  Q37
 *  r0    {1,3}       0 → 0人      2      1    1    3
 *  r1    {3}         3 → 1～5人   2      1    1    10
 *  r2    —           —            5      7    1    —
 *  r3    {9} text    120 → 101～200人 —  —    —    3
 */
static nps_dataset *make_dataset(const nps_questionnaire *q)
{
    nps_dataset *d = NULL;
    size_t row;
    CHECK_INT(nps_dataset_new(q, &d), NPS_OK);
    if (!d)
        return NULL;
    for (int i = 0; i < 4; i++) {
        CHECK_INT(nps_dataset_add_row(d, i + 2, 1700000000 + i, &row), NPS_OK);
        CHECK_INT(row, i);
    }
    nps_dataset_set_choices(d, 0, F(q, 6, 0), OPT(1) | OPT(3));
    nps_dataset_set_choices(d, 1, F(q, 6, 0), OPT(3));
    nps_dataset_set_choices(d, 3, F(q, 6, 0), OPT(9));
    CHECK_INT(nps_dataset_set_text(d, 3, F(q, 6, 0), "料理教室", strlen("料理教室")), NPS_OK);
    nps_dataset_set_number(d, 0, F(q, 16, 0), 0, 1);
    nps_dataset_set_number(d, 1, F(q, 16, 0), 3, 2);
    nps_dataset_set_number(d, 3, F(q, 16, 0), 120, 13);
    nps_dataset_set_choice(d, 0, F(q, 22, 1), 2);
    nps_dataset_set_choice(d, 1, F(q, 22, 1), 2);
    nps_dataset_set_choice(d, 2, F(q, 22, 1), 5);
    nps_dataset_set_choice(d, 0, F(q, 26, 0), 1);
    nps_dataset_set_choice(d, 1, F(q, 26, 0), 1);
    nps_dataset_set_choice(d, 2, F(q, 26, 0), 7);
    for (size_t r = 0; r < 3; r++)
        nps_dataset_set_choice(d, r, F(q, 29, 0), 1);
    nps_dataset_set_choice(d, 0, F(q, 37, 0), 3);
    nps_dataset_set_choice(d, 1, F(q, 37, 0), 10);
    nps_dataset_set_choice(d, 3, F(q, 37, 0), 3);
    /* personal and text fields never make tables */
    CHECK_INT(nps_dataset_set_text(d, 0, F(q, 2, 0), "NPO法人テスト", strlen("NPO法人テスト")), NPS_OK);
    return d;
}

typedef struct row_expect {
    size_t at;          /* index into rows */
    int option_index;
    const char *option;
    long count;
    double percent;
} row_expect;

static void check_rows(const nps_table *t, size_t n_rows, const row_expect *rows, size_t n)
{
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK_INT(t->n_rows, n_rows);
    for (size_t i = 0; i < n && rows[i].at < t->n_rows; i++) {
        const nps_table_row *r = &t->rows[rows[i].at];
        int before = unit_failures;
        CHECK_INT(r->option_index, rows[i].option_index);
        CHECK_STR(r->option, rows[i].option);
        CHECK_INT(r->count, rows[i].count);
        CHECK_NEAR(r->percent, rows[i].percent, 1e-9);
        if (unit_failures != before)
            fprintf(stderr, "  ^ Q%d-%d row %zu\n", t->question->number, t->item_index, rows[i].at);
    }
}

TEST(multiple_choice_percent_of_cases)
{
    nps_questionnaire *q = load_default();
    nps_dataset *d = q ? make_dataset(q) : NULL;
    nps_tables *t = NULL;
    if (!d)
        goto done;
    CHECK_INT(nps_tables_build(d, &t), NPS_OK);
    if (!t)
        goto done;
    const nps_table *tb = nps_tables_find(t, 6, 0);
    static const row_expect rows[] = {
        {0, 1, "フリースクール、無料学習塾、相互学習の場などの学習支援（常設のもの）", 1, 25.0},
        {1, 2, "フリースクール、無料学習塾、相互学習の場などの学習支援（非常設のもの）", 0, 0.0},
        {2, 3, "子ども食堂などの子どもの居場所（通いの場／食事提供の有無を問わない）", 2, 50.0},
        {8, 9, "その他", 1, 25.0},
        {9, 10, "「子ども（おおむね中学生以下）」または「親子」を対象とした上記に当てはまる事業はない", 0, 0.0},
        {10, 0, "無回答", 1, 25.0},
    };
    check_rows(tb, 11, rows, COUNT_OF(rows));
    if (tb) {
        long sum = 0;
        double psum = 0;
        for (size_t i = 0; i < tb->n_rows; i++) {
            sum += tb->rows[i].count;
            psum += tb->rows[i].percent;
        }
        CHECK_INT(tb->base, 4);
        CHECK_INT(sum, 5);               /* more answers than respondents */
        CHECK_NEAR(psum, 125.0, 1e-9);   /* percent of cases sums past 100 */
        CHECK_INT(tb->item_index, 0);
        CHECK_STR(tb->item, "");
        CHECK(tb->field == F(q, 6, 0));
        CHECK_NEAR(tb->rows[2].ci_low, 15.00389892, 1e-6);
        CHECK_NEAR(tb->rows[2].ci_high, 84.99610108, 1e-6);
    }
done:
    nps_tables_free(t);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

TEST(single_choice_number_rating_matrix)
{
    nps_questionnaire *q = load_default();
    nps_dataset *d = q ? make_dataset(q) : NULL;
    nps_tables *t = NULL;
    if (!d)
        goto done;
    CHECK_INT(nps_tables_build(d, &t), NPS_OK);
    if (!t)
        goto done;
    static const row_expect q26[] = {
        {0, 1, "1週間未満", 2, 50.0}, {5, 6, "その他", 0, 0.0}, {6, 7, "受入不可", 1, 25.0},
        {7, 0, "無回答", 1, 25.0}};
    check_rows(nps_tables_find(t, 26, 0), 8, q26, COUNT_OF(q26));
    static const row_expect q16[] = {
        {0, 1, "0人", 1, 25.0}, {1, 2, "1～5人", 1, 25.0}, {12, 13, "101～200人", 1, 25.0},
        {25, 26, "5001人～", 0, 0.0}, {26, 0, "無回答", 1, 25.0}};
    check_rows(nps_tables_find(t, 16, 0), 27, q16, COUNT_OF(q16));
    static const row_expect q37[] = {
        {0, 1, "★", 0, 0.0}, {2, 3, "★★★", 2, 50.0}, {9, 10, "★★★★★★★★★★", 1, 25.0},
        {10, 0, "無回答", 1, 25.0}};
    check_rows(nps_tables_find(t, 37, 0), 11, q37, COUNT_OF(q37));
    static const row_expect q22[] = {
        {1, 2, "他団体と連携することによって対応できている", 2, 50.0},
        {4, 5, "特に困りごとがある人はいない（把握していない）", 1, 25.0},
        {5, 0, "無回答", 1, 25.0}};
    const nps_table *t22 = nps_tables_find(t, 22, 1);
    check_rows(t22, 6, q22, COUNT_OF(q22));
    if (t22) {
        CHECK_INT(t22->item_index, 1);
        CHECK_STR(t22->item, "いじめ（学校）");
    }
    /* an untouched field: everything is 無回答 */
    static const row_expect q13[] = {{0, 1, "0人", 0, 0.0}, {26, 0, "無回答", 4, 100.0}};
    const nps_table *t13 = nps_tables_find(t, 13, 3);
    check_rows(t13, 27, q13, COUNT_OF(q13));
    if (t13) {
        CHECK_NEAR(t13->rows[26].ci_low, 51.01091635, 1e-6);
        CHECK_NEAR(t13->rows[26].ci_high, 100.0, 1e-9);
    }
    /* counts of single-answer tables sum to the base */
    for (size_t i = 0; i < nps_tables_count(t); i++) {
        const nps_table *tb = nps_tables_at(t, i);
        long sum = 0;
        if (tb->field->type == NPS_F_SELECT_MULTIPLE)
            continue;
        for (size_t r = 0; r < tb->n_rows; r++)
            sum += tb->rows[r].count;
        CHECK_INT(sum, 4);
    }
done:
    nps_tables_free(t);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

TEST(table_order_and_find)
{
    nps_questionnaire *q = load_default();
    nps_dataset *d = q ? make_dataset(q) : NULL;
    nps_tables *t = NULL;
    if (!d)
        goto done;
    CHECK_INT(nps_tables_build(d, &t), NPS_OK);
    if (!t)
        goto done;
    /* closed fields: Q6-12 (7), Q13 5, Q14 6, Q15 6, Q16, Q17 5, Q18 5, Q19 7,
     * Q20 7, Q22 33, Q24 37, Q25 5, Q26, Q28 3, Q29, Q30, Q31 2, Q32-Q37 6 */
    CHECK_INT(nps_tables_count(t), 138);
    CHECK_INT(nps_tables_at(t, 0)->question->number, 6);
    CHECK_INT(nps_tables_at(t, 7)->question->number, 13);
    CHECK_INT(nps_tables_at(t, 7)->item_index, 1);
    CHECK_INT(nps_tables_at(t, 137)->question->number, 37);
    CHECK(nps_tables_at(t, 138) == NULL);
    for (size_t i = 1; i < nps_tables_count(t); i++) {
        const nps_table *a = nps_tables_at(t, i - 1), *b = nps_tables_at(t, i);
        CHECK(a->question->number < b->question->number ||
              (a->question->number == b->question->number && a->item_index + 1 == b->item_index));
        CHECK_INT(b->base, 4);
        CHECK_INT(b->rows[b->n_rows - 1].option_index, 0);
    }
    /* text and personal fields have no table */
    CHECK(nps_tables_find(t, 1, 0) == NULL);
    CHECK(nps_tables_find(t, 2, 0) == NULL);
    CHECK(nps_tables_find(t, 5, 0) == NULL);
    CHECK(nps_tables_find(t, 21, 1) == NULL);
    CHECK(nps_tables_find(t, 31, 3) == NULL);
    CHECK(nps_tables_find(t, 38, 0) == NULL);
    CHECK(nps_tables_find(t, 31, 2) != NULL);
    CHECK(nps_tables_find(t, 22, 33) != NULL);
    CHECK(nps_tables_find(t, 22, 34) == NULL);
    CHECK(nps_tables_find(t, 6, 1) == NULL);
    CHECK(nps_tables_find(t, 40, 0) == NULL);
done:
    nps_tables_free(t);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

TEST(empty_dataset_has_zero_base)
{
    nps_questionnaire *q = load_default();
    nps_dataset *d = NULL;
    nps_tables *t = NULL;
    if (!q)
        return;
    CHECK_INT(nps_dataset_new(q, &d), NPS_OK);
    if (d && nps_tables_build(d, &t) == NPS_OK) {
        const nps_table *tb = nps_tables_find(t, 29, 0);
        CHECK_INT(nps_tables_count(t), 138);
        CHECK_INT(tb->base, 0);
        CHECK_INT(tb->rows[2].count, 0);
        CHECK_NEAR(tb->rows[2].percent, 0.0, 0);
        CHECK_NEAR(tb->rows[2].ci_high, 0.0, 0);
    }
    nps_tables_free(t);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

/* ---------- writers ---------- */

/* Write the tables in `format` and return the text (malloc'ed). */
static char *write_all_flags(const nps_tables *t, nps_table_format format, unsigned flags)
{
    FILE *f = tmpfile();
    char *buf = NULL;
    long n;
    CHECK(f != NULL);
    if (!f)
        return NULL;
    CHECK_INT(nps_tables_write_opts(t, format, flags, f), NPS_OK);
    if ((n = ftell(f)) >= 0 && (buf = calloc(1, (size_t)n + 1)) != NULL) {
        rewind(f);
        CHECK_INT(fread(buf, 1, (size_t)n, f), n);
    }
    fclose(f);
    return buf;
}

static char *write_all(const nps_tables *t, nps_table_format format)
{
    return write_all_flags(t, format, 0);
}

static char *write_all_ci(const nps_tables *t)
{
    return write_all_flags(t, NPS_FORMAT_CSV, NPS_TABLES_CSV_INTERVALS);
}

/* The lines of `text` starting with `prefix`, joined with '\n' (malloc'ed). */
static char *lines_starting(const char *text, const char *prefix)
{
    size_t cap = strlen(text) + 1, len = 0;
    char *out = calloc(1, cap);
    for (const char *p = text; out && *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) + 1 : strlen(p);
        if (strncmp(p, prefix, strlen(prefix)) == 0) {
            memcpy(out + len, p, n);
            len += n;
        }
        p += n;
    }
    return out;
}

TEST(csv_output_exact)
{
    nps_questionnaire *q = load_default();
    nps_dataset *d = q ? make_dataset(q) : NULL;
    nps_tables *t = NULL;
    char *text = NULL, *got = NULL;
    if (!d || nps_tables_build(d, &t) != NPS_OK)
        goto done;
    text = write_all(t, NPS_FORMAT_CSV);
    CHECK(text && strncmp(text, "question,item_index,item,option_index,option,count,base,percent\n", 64) == 0);
    free(text);
    text = write_all_ci(t);
    if (!text)
        goto done;
    static const char header[] =
        "question,item_index,item,option_index,option,count,base,percent,ci_low,ci_high\n";
    CHECK(strncmp(text, header, sizeof header - 1) == 0);
    got = lines_starting(text, "Q29,");
    CHECK_STR(got, "Q29,,,1,あり,3,4,75.0,30.1,95.4\n"
                   "Q29,,,2,なし,0,4,0.0,0.0,49.0\n"
                   "Q29,,,,無回答,1,4,25.0,4.6,69.9\n");
    free(got);
    got = lines_starting(text, "Q22,1,");
    CHECK_STR(got, "Q22,1,いじめ（学校）,1,自団体で対応できている,0,4,0.0,0.0,49.0\n"
                   "Q22,1,いじめ（学校）,2,他団体と連携することによって対応できている,2,4,50.0,15.0,85.0\n"
                   "Q22,1,いじめ（学校）,3,現在対応はできていないが解決に向けて取り組んでいるところ（または取り組みたいと思っている）,0,4,0.0,0.0,49.0\n"
                   "Q22,1,いじめ（学校）,4,現在対応できておらず、今後も対応する予定はない（対応できないと感じている）,0,4,0.0,0.0,49.0\n"
                   "Q22,1,いじめ（学校）,5,特に困りごとがある人はいない（把握していない）,1,4,25.0,4.6,69.9\n"
                   "Q22,1,いじめ（学校）,,無回答,1,4,25.0,4.6,69.9\n");
    free(got);
    got = lines_starting(text, "Q37,,,3,");
    CHECK_STR(got, "Q37,,,3,★★★,2,4,50.0,15.0,85.0\n");
    free(got);
    /* one line per row of every table, plus the header */
    size_t lines = 0, rows = 1;
    for (const char *p = text; *p; p++)
        lines += *p == '\n';
    for (size_t i = 0; i < nps_tables_count(t); i++)
        rows += nps_tables_at(t, i)->n_rows;
    CHECK_INT(lines, rows);
    got = NULL;
done:
    free(got);
    free(text);
    nps_tables_free(t);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

TEST(text_output_lines)
{
    nps_questionnaire *q = load_default();
    nps_dataset *d = q ? make_dataset(q) : NULL;
    nps_tables *t = NULL;
    char *text = NULL;
    if (!d || nps_tables_build(d, &t) != NPS_OK)
        goto done;
    text = write_all(t, NPS_FORMAT_TEXT);
    if (!text)
        goto done;
    CHECK(strstr(text, "\nQ29 居室以外の談話室、交流スペースの有無（食堂を兼ねている場合を含む）  (n=4)\n"
                       "      3   75.0%  [ 30.1– 95.4]   1. あり\n"
                       "      0    0.0%  [  0.0– 49.0]   2. なし\n"
                       "      1   25.0%  [  4.6– 69.9]      無回答\n\n") != NULL);
    CHECK(strstr(text, "Q22-1 いじめ（学校）  (n=4)\n") != NULL);
    CHECK(strncmp(text, "Q6 「子ども（おおむね中学生以下）」または「親子」を対象とした事業の内容（複数回答）  [複数回答]  (n=4)\n",
                  strlen("Q6 「子ども（おおむね中学生以下）」または「親子」を対象とした事業の内容（複数回答）  [複数回答]  (n=4)\n")) == 0);
done:
    free(text);
    nps_tables_free(t);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

/* A copy of questionnaire/ whose q29 labels hold a quote, a backslash, a
 * comma and a tab. */
static bool make_quoted_questionnaire(char *dir, size_t size)
{
    static const char *const files[] = {"survey.csv", "bins.csv", "troubles.csv", "themes.csv", "settings.csv"};
    snprintf(dir, size, "/tmp/nps-test-tables-XXXXXX");
    if (!mkdtemp(dir))
        return false;
    for (size_t i = 0; i <= COUNT_OF(files); i++) {
        char from[512], to[512], line[4096];
        const char *name = i < COUNT_OF(files) ? files[i] : "choices.csv";
        snprintf(from, sizeof from, "%s/questionnaire/%s", NPS_SOURCE_DIR, name);
        snprintf(to, sizeof to, "%s/%s", dir, name);
        FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
        CHECK(in && out);
        while (in && out && fgets(line, sizeof line, in)) {
            if (strncmp(line, "q29,q29_1,", 10) == 0)
                fputs("q29,q29_1,\"あり\"\"有\"\"\\x\",\n", out);
            else if (strncmp(line, "q29,q29_2,", 10) == 0)
                fputs("q29,q29_2,\"なし,\tゼロ\",\n", out);
            else
                fputs(line, out);
        }
        if (in)
            fclose(in);
        if (out)
            fclose(out);
    }
    return true;
}

static void remove_quoted_questionnaire(const char *dir)
{
    static const char *const files[] = {"survey.csv", "bins.csv", "troubles.csv", "themes.csv",
                                        "settings.csv", "choices.csv"};
    for (size_t i = 0; i < COUNT_OF(files); i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        unlink(p);
    }
    rmdir(dir);
}

TEST(json_and_csv_escaping)
{
    char dir[256];
    nps_questionnaire *q = NULL;
    nps_dataset *d = NULL;
    nps_tables *t = NULL;
    nps_diag diag = {0};
    char *json = NULL, *csv = NULL, *got = NULL;
    if (!make_quoted_questionnaire(dir, sizeof dir))
        return;
    CHECK_INT(nps_questionnaire_load_dir(dir, &q, &diag), NPS_OK);
    if (!q)
        goto done;
    CHECK_STR(nps_questionnaire_field(q, 29, 0)->list->options[0].label, "あり\"有\"\\x");
    d = make_dataset(q);
    if (!d || nps_tables_build(d, &t) != NPS_OK)
        goto done;
    json = write_all(t, NPS_FORMAT_JSON);
    csv = write_all_ci(t);
    if (!json || !csv)
        goto done;
    CHECK(strncmp(json, "{\n  \"tables\": [\n", 16) == 0);
    CHECK(strstr(json, "      {\"option_index\": 1, \"option\": \"あり\\\"有\\\"\\\\x\", \"count\": 3, "
                       "\"percent\": 75.0, \"ci95\": [30.1, 95.4]},\n") != NULL);
    CHECK(strstr(json, "      {\"option_index\": 2, \"option\": \"なし,\\tゼロ\", \"count\": 0, "
                       "\"percent\": 0.0, \"ci95\": [0.0, 49.0]},\n") != NULL);
    CHECK(strstr(json, "      {\"option_index\": null, \"option\": \"無回答\", \"count\": 1, "
                       "\"percent\": 25.0, \"ci95\": [4.6, 69.9]}\n    ]}") != NULL);
    CHECK(strstr(json, "{\"question\": \"Q29\", \"type\": \"single\", \"title\": ") != NULL);
    CHECK(strstr(json, "{\"question\": \"Q22\", \"type\": \"single\", \"title\": \"関わっている方々が持つ困りごと\", "
                       "\"item_index\": 1, \"item\": \"いじめ（学校）\", \"base\": 4, \"rows\": [\n") != NULL);
    CHECK(strstr(json, "{\"question\": \"Q6\", \"type\": \"multiple\"") != NULL);
    CHECK(strstr(json, "{\"question\": \"Q16\", \"type\": \"bins\"") != NULL);
    CHECK(strstr(json, "{\"question\": \"Q37\", \"type\": \"rating\"") != NULL);
    CHECK(strcmp(json + strlen(json) - 6, "  ]\n}\n") == 0);
    got = lines_starting(csv, "Q29,");
    CHECK_STR(got, "Q29,,,1,\"あり\"\"有\"\"\\x\",3,4,75.0,30.1,95.4\n"
                   "Q29,,,2,\"なし,\tゼロ\",0,4,0.0,0.0,49.0\n"
                   "Q29,,,,無回答,1,4,25.0,4.6,69.9\n");
done:
    free(got);
    free(json);
    free(csv);
    nps_tables_free(t);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
    remove_quoted_questionnaire(dir);
}

UNIT_MAIN()
