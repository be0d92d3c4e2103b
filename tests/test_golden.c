/*
 * test_golden.c — the 2023 fixture against every figure the report
 * published (tests/golden/seed-figures.csv, copied unchanged from
 * shared/golden) and every fact it states in words (golden README).
 *
 * The fixture is read and tabulated by the library exactly as the CLI does;
 * each published count is looked up by (question, item_index, option_index)
 * and must match, as must the option label (compared as NFKC keys).
 */
#include <stdlib.h>
#include <string.h>
#include "read/csvstream.h"
#include "read/reader.h"
#include "analyse/tables.h"
#include "base/text.h"
#include "unit.h"

#define FIXTURE NPS_SOURCE_DIR "/fixtures/hokkaido-2023/responses.csv"
#define GOLDEN NPS_SOURCE_DIR "/tests/golden/seed-figures.csv"

static nps_questionnaire *q;
static nps_dataset *d;
static nps_tables *t;

static void unload(void)
{
    nps_tables_free(t);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

static void load(void)
{
    nps_diag diag;
    if (t)
        return;
    atexit(unload);
    if (nps_questionnaire_load_default(&q, &diag) != NPS_OK ||
        nps_read_export(FIXTURE, q, NULL, &d, &diag) != NPS_OK || nps_tables_build(d, &t) != NPS_OK) {
        fprintf(stderr, "cannot load the fixture: %s:%ld: %s\n", diag.file, diag.line, diag.message);
        exit(1);
    }
}

static long count_of(int question, int item, int option)
{
    const nps_table *tb = nps_tables_find(t, question, item);
    if (!tb)
        return -1;
    for (size_t r = 0; r < tb->n_rows; r++)
        if (tb->rows[r].option_index == option)
            return tb->rows[r].count;
    return -1;
}

/* ---- the published counts ---- */

typedef struct golden_state {
    long rows, mismatches;
    int col_question, col_item, col_option, col_label, col_count, col_base;
} golden_state;

static bool same_label(const char *a, const char *b)
{
    char *ka = nps_text_key(a, strlen(a)), *kb = nps_text_key(b, strlen(b));
    bool same = ka && kb && strcmp(ka, kb) == 0;
    free(ka);
    free(kb);
    return same;
}

static nps_error check_golden_row(void *ctx, long line, size_t n, const char *const *f, const size_t *lens)
{
    golden_state *g = ctx;
    (void)lens;
    if (line == 1) {
        for (size_t i = 0; i < n; i++) {
            if (!strcmp(f[i], "question")) g->col_question = (int)i;
            if (!strcmp(f[i], "item_index")) g->col_item = (int)i;
            if (!strcmp(f[i], "option_index")) g->col_option = (int)i;
            if (!strcmp(f[i], "option")) g->col_label = (int)i;
            if (!strcmp(f[i], "count")) g->col_count = (int)i;
            if (!strcmp(f[i], "base")) g->col_base = (int)i;
        }
        return NPS_OK;
    }
    int question = atoi(f[g->col_question] + 1);
    int item = atoi(f[g->col_item]), option = atoi(f[g->col_option]);
    long expected = atol(f[g->col_count]), base = atol(f[g->col_base]);
    const nps_table *tb = nps_tables_find(t, question, item);
    g->rows++;
    if (!tb || tb->base != base || count_of(question, item, option) != expected) {
        g->mismatches++;
        fprintf(stderr, "golden line %ld: %s item %d option %d: got %ld (base %ld), published %ld (base %ld)\n",
                line, f[g->col_question], item, option, count_of(question, item, option),
                tb ? tb->base : -1, expected, base);
        return NPS_OK;
    }
    for (size_t r = 0; r < tb->n_rows; r++)
        if (tb->rows[r].option_index == option && !same_label(tb->rows[r].option, f[g->col_label])) {
            g->mismatches++;
            fprintf(stderr, "golden line %ld: label \"%s\" != \"%s\"\n", line, tb->rows[r].option, f[g->col_label]);
        }
    return NPS_OK;
}

TEST(every_published_count)
{
    golden_state g = {0};
    nps_csv_stream *cs = NULL;
    char buf[16384];
    size_t n;
    FILE *f = fopen(GOLDEN, "rb");
    load();
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK_INT(nps_csv_stream_new(',', NULL, check_golden_row, &g, &cs), NPS_OK);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        CHECK_INT(nps_csv_stream_feed(cs, buf, n), NPS_OK);
    CHECK_INT(nps_csv_stream_finish(cs), NPS_OK);
    nps_csv_stream_free(cs);
    fclose(f);
    CHECK_INT(g.rows, 131);
    CHECK_INT(g.mismatches, 0);
}

TEST(base_is_65)
{
    load();
    CHECK_INT(nps_dataset_count(d), 65);
}

/* ---- the facts stated in words ---- */

/* Organisations in bins [from, to] (1-based option indices) of a table. */
static long bins_sum(int question, int item, int from, int to)
{
    long s = 0;
    for (int o = from; o <= to; o++)
        s += count_of(question, item, o);
    return s;
}

/* Index of the most common bin (ties: the first). */
static int modal_bin(int question, int item)
{
    const nps_table *tb = nps_tables_find(t, question, item);
    int best = 0;
    long best_count = -1;
    for (size_t r = 0; tb && r + 1 < tb->n_rows; r++)
        if (tb->rows[r].count > best_count) {
            best_count = tb->rows[r].count;
            best = tb->rows[r].option_index;
        }
    return best;
}

TEST(q14_40_64_eleven_at_41_50)
{
    load();
    CHECK_INT(count_of(14, 5, 7), 11); /* 41～50％ is the 7th percent bin */
}

TEST(q16_modal_11_20_with_13_and_9_at_101_200)
{
    load();
    CHECK_INT(modal_bin(16, 0), 4); /* 11～20人 */
    CHECK_INT(count_of(16, 0, 4), 13);
    CHECK_INT(count_of(16, 0, 13), 9); /* 101～200人 */
}

TEST(q17_continuing_29_at_81_or_more)
{
    load();
    CHECK_INT(bins_sum(17, 2, 11, 13), 29); /* 81～90％, 91～100％, 100% */
}

TEST(q18_core_staff_32_with_one_or_more)
{
    load();
    CHECK_INT(bins_sum(18, 4, 2, 26), 32);
}

TEST(q13_q15_modal_bin_1_5)
{
    static const int q13_items[] = {1, 2, 3, 5};
    load();
    for (size_t i = 0; i < 4; i++)
        CHECK_INT(modal_bin(13, q13_items[i]), 2);
    CHECK(modal_bin(13, 4) != 2);
    for (int item = 1; item <= 6; item++)
        CHECK_INT(modal_bin(15, item), 2);
}

TEST(q22_handled_through_cooperation_77_3)
{
    long by_answer[6] = {0}, total = 0;
    load();
    for (int row = 1; row <= 32; row++)
        for (int o = 1; o <= 5; o++)
            by_answer[o] += count_of(22, row, o);
    total = 65 * 32;
    double coop = 100.0 * (double)by_answer[2] / (double)(by_answer[1] + by_answer[2]);
    CHECK_NEAR(nps_round1(coop), 77.3, 1e-9);
    CHECK_NEAR(nps_round1(100.0 - coop), 22.7, 1e-9);
    long known = by_answer[1] + by_answer[2] + by_answer[3] + by_answer[4];
    double known_share = (double)known / (double)total;
    CHECK(known_share >= 0.45 && known_share <= 0.55);
    CHECK((double)(known - by_answer[4]) / (double)known > 0.80);
}

TEST(q24_two_items_above_half_actively)
{
    load();
    CHECK(count_of(24, 2, 1) * 2 > 65);
    CHECK(count_of(24, 3, 1) * 2 > 65);
}

TEST(q25_training_20_40_and_gathering_about_half)
{
    load();
    for (int item = 1; item <= 4; item++) {
        double p = 100.0 * (double)(count_of(25, item, 1) + count_of(25, item, 2)) / 65.0;
        CHECK(p >= 20.0 && p <= 40.0);
    }
    double p5 = 100.0 * (double)(count_of(25, 5, 1) + count_of(25, 5, 2)) / 65.0;
    CHECK(p5 >= 45.0 && p5 <= 55.0);
}

TEST(q26_nine_can_house_two_other)
{
    const nps_field *f;
    int other = 0, refuse = 0;
    long housing = 0;
    load();
    f = nps_questionnaire_field(q, 26, 0);
    for (size_t i = 0; i < f->list->n_options; i++) {
        if (f->list->options[i].role == NPS_OPTION_OTHER)
            other = (int)i + 1;
        if (!strcmp(f->list->options[i].label, "受入不可"))
            refuse = (int)i + 1;
    }
    for (int o = 1; o <= (int)f->list->n_options; o++)
        if (o != refuse)
            housing += count_of(26, 0, o);
    CHECK_INT(housing, 9);
    CHECK_INT(count_of(26, 0, other), 2);
    int seen = 0;
    for (size_t r = 0; r < nps_dataset_count(d); r++) {
        const char *w = nps_dataset_choice(d, r, f) == other ? nps_dataset_text(d, r, f) : NULL;
        if (w && (!strcmp(w, "1日～1年程度") || !strcmp(w, "施設稼働状況による")))
            seen++;
    }
    CHECK_INT(seen, 2);
}

TEST(q30_monthly_8_weekdays_about_10_percent)
{
    load();
    CHECK_INT(count_of(30, 0, 6), 8); /* 月１－２日 */
    double weekdays = 100.0 * (double)count_of(30, 0, 2) / 65.0;
    CHECK(weekdays >= 9.0 && weekdays <= 11.0);
}

TEST(q31_area_bins)
{
    static const long expected[] = {8, 2, 4, 1, 7, 2};
    load();
    for (int o = 1; o <= 6; o++)
        CHECK_INT(count_of(31, 2, o), expected[o - 1]);
}

UNIT_MAIN()
