/*
 * test_gap.c — organisations and people per business, and the high/low
 * marks (gap.h), on a dataset built by hand over the default questionnaire.
 *
 * Nine organisations; people = Q13 ①–⑤ + Q16 (blank = 0):
 *   O1 1+2+0+0+3 + 4 = 10   O2 2 + 18 = 20   O3 Q16 100       O4 nothing (no number)
 *   O5 5+25 = 30            O6 0 + 1000      O7 7+3 = 10      O8 Q16 40
 *   O9 nothing (no number)
 * Businesses (Q6 options unless said), hand-computed:
 *   Q6-1  O1 O2                      2 orgs   30 people   ppo 15
 *   Q6-2  O3 O6                      2      1100          550      → high
 *   Q6-3  O1 O2 O3 O4 O5 O7 O8       7       210 (1 none)  30      → low
 *   Q6-4  O4                         1         0 (1 none)   0      not eligible
 *   Q6-6  O5 O7 O8                   3        80           26.67
 *   Q6-7  O6                         1      1000         1000      not eligible (1 org)
 *   Q6-8  all but O9                 8      1210 (1 none) 151.25
 *   Q6-9  (その他) O2 O3 O5 O6 O7     5      1160          232
 *   Q6-10 exclusive (O4 ticks it)    not a business
 *   Q7-1  O4 O9                      2         0 (2 none)   0      not eligible (no number)
 *   Q7-6  (その他) O1                 1        10           10
 * Eligible: Q6-1, 2, 3, 6, 8, 9. organisations 2 2 3 5 7 8 → median 4, P75 6.5;
 * people/org 15 26.67 30 151.25 232 550 → median 90.625, P75 211.8125.
 * high: ppo ≥ 211.8125 ∧ orgs ≤ 4 → Q6-2 only (Q6-9 has 5 orgs);
 * low: orgs ≥ 6.5 ∧ ppo ≤ 90.625 → Q6-3 only (Q6-8 has ppo 151.25).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "analyse/gap.h"
#include "unit.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define N_ORGS 9

static nps_questionnaire *q;

static void unload(void) { nps_questionnaire_free(q); }

static const nps_questionnaire *questionnaire(void)
{
    nps_diag diag;
    if (!q) {
        if (nps_questionnaire_load_default(&q, &diag) != NPS_OK) {
            fprintf(stderr, "cannot load the default questionnaire: %s\n", diag.message);
            exit(1);
        }
        atexit(unload);
    }
    return q;
}

/* Numbers per organisation: Q13 ①..⑤ then Q16; NAN = blank. */
static const double people[N_ORGS][6] = {
    {1, 2, 0, 0, 3, 4},
    {2, NAN, NAN, NAN, NAN, 18},
    {NAN, NAN, NAN, NAN, NAN, 100},
    {NAN, NAN, NAN, NAN, NAN, NAN},
    {5, NAN, NAN, NAN, 25, NAN},
    {0, NAN, NAN, NAN, NAN, 1000},
    {NAN, NAN, 7, 3, NAN, NAN},
    {NAN, NAN, NAN, NAN, NAN, 40},
    {NAN, NAN, NAN, NAN, NAN, NAN},
};

/* Options ticked per organisation: Q6 and Q7 as bit masks (bit i-1 = option i). */
#define B(i) ((uint64_t)1 << ((i) - 1))
static const uint64_t q6[N_ORGS] = {
    B(1) | B(3) | B(8),
    B(1) | B(3) | B(8) | B(9),
    B(2) | B(3) | B(8) | B(9),
    B(3) | B(4) | B(8) | B(10),
    B(3) | B(6) | B(8) | B(9),
    B(2) | B(7) | B(8) | B(9),
    B(3) | B(6) | B(8) | B(9),
    B(3) | B(6) | B(8),
    0,
};
static const uint64_t q7[N_ORGS] = {B(6), 0, 0, B(1), 0, 0, 0, 0, B(1)};

static nps_dataset *make_dataset(size_t n_orgs)
{
    const nps_questionnaire *qq = questionnaire();
    nps_dataset *d = NULL;
    if (nps_dataset_new(qq, &d) != NPS_OK)
        exit(1);
    for (size_t o = 0; o < n_orgs; o++) {
        size_t row;
        if (nps_dataset_add_row(d, (long)o + 2, 0, &row) != NPS_OK)
            exit(1);
        for (int i = 1; i <= 5; i++)
            if (!isnan(people[o][i - 1]))
                nps_dataset_set_number(d, row, nps_questionnaire_field(qq, 13, i), people[o][i - 1], 0);
        if (!isnan(people[o][5]))
            nps_dataset_set_number(d, row, nps_questionnaire_field(qq, 16, 0), people[o][5], 0);
        nps_dataset_set_choices(d, row, nps_questionnaire_field(qq, 6, 0), q6[o]);
        nps_dataset_set_choices(d, row, nps_questionnaire_field(qq, 7, 0), q7[o]);
    }
    return d;
}

static const nps_gap_business *find(const nps_gap *g, int question, int option)
{
    for (size_t i = 0; i < nps_gap_count(g); i++) {
        const nps_gap_business *b = nps_gap_at(g, i);
        if (b->question == question && b->option_index == option)
            return b;
    }
    return NULL;
}

TEST(gap_people_per_organisation)
{
    static const double expected[N_ORGS] = {10, 20, 100, NAN, 30, 1000, 10, 40, NAN};
    nps_dataset *d = make_dataset(N_ORGS);
    nps_gap *g = NULL;
    CHECK_INT(nps_gap_build(d, &g), NPS_OK);
    for (size_t o = 0; g && o < N_ORGS; o++) {
        double got = nps_gap_org_people(g, o);
        if (isnan(expected[o]))
            CHECK(isnan(got));
        else
            CHECK_NEAR(got, expected[o], 1e-9);
    }
    nps_gap_free(g);
    nps_dataset_free(d);
}

TEST(gap_businesses)
{
    static const struct {
        int question, option;
        const char *label;
        long orgs, without;
        double people, ppo;
        bool eligible;
        nps_gap_mark mark;
    } cases[] = {
        {6, 1, NULL, 2, 0, 30, 15, true, NPS_GAP_MARK_NONE},
        {6, 2, NULL, 2, 0, 1100, 550, true, NPS_GAP_MARK_HIGH},
        {6, 3, NULL, 7, 1, 210, 30, true, NPS_GAP_MARK_LOW},
        {6, 4, NULL, 1, 1, 0, 0, false, NPS_GAP_MARK_NONE},
        {6, 5, NULL, 0, 0, 0, 0, false, NPS_GAP_MARK_NONE},
        {6, 6, NULL, 3, 0, 80, 80.0 / 3.0, true, NPS_GAP_MARK_NONE},
        {6, 7, NULL, 1, 0, 1000, 1000, false, NPS_GAP_MARK_NONE},
        {6, 8, NULL, 8, 1, 1210, 151.25, true, NPS_GAP_MARK_NONE},
        {6, 9, "Q6 その他", 5, 0, 1160, 232, true, NPS_GAP_MARK_NONE},
        {7, 1, "自立援助ホーム", 2, 2, 0, 0, false, NPS_GAP_MARK_NONE},
        {7, 6, "Q7 その他", 1, 0, 10, 10, false, NPS_GAP_MARK_NONE},
        {8, 1, NULL, 0, 0, 0, 0, false, NPS_GAP_MARK_NONE},
    };
    nps_dataset *d = make_dataset(N_ORGS);
    nps_gap *g = NULL;
    CHECK_INT(nps_gap_build(d, &g), NPS_OK);
    if (!g)
        return;
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        const nps_gap_business *b = find(g, cases[i].question, cases[i].option);
        int before = unit_failures;
        CHECK(b != NULL);
        if (!b)
            continue;
        if (cases[i].label)
            CHECK_STR(b->label, cases[i].label);
        CHECK_INT(b->organisations, cases[i].orgs);
        CHECK_INT(b->organisations_without_number, cases[i].without);
        CHECK_NEAR(b->people, cases[i].people, 1e-9);
        CHECK_NEAR(b->people_per_org, cases[i].ppo, 1e-9);
        CHECK(b->eligible == cases[i].eligible);
        CHECK_INT(b->mark, cases[i].mark);
        if (unit_failures != before)
            fprintf(stderr, "  ^ Q%d-%d\n", cases[i].question, cases[i].option);
    }
    /* the rows running Q6-6 */
    const nps_gap_business *b = find(g, 6, 6);
    CHECK(b && b->rows[0] == 4 && b->rows[1] == 6 && b->rows[2] == 7);
    /* exclusive options are no business; every other option of Q6–Q12 is:
     * 9+6+12+10+10+5+6 = 58 */
    CHECK(find(g, 6, 10) == NULL);
    CHECK(find(g, 7, 7) == NULL);
    CHECK(find(g, 12, 7) == NULL);
    CHECK_INT(nps_gap_count(g), 58);
    for (size_t i = 0; i < nps_gap_count(g); i++)
        if (nps_gap_at(g, i)->mark != NPS_GAP_MARK_NONE)
            CHECK(nps_gap_at(g, i) == find(g, 6, 2) || nps_gap_at(g, i) == find(g, 6, 3));
    nps_gap_free(g);
    nps_dataset_free(d);
}

TEST(gap_thresholds)
{
    nps_dataset *d = make_dataset(N_ORGS);
    nps_gap *g = NULL;
    CHECK_INT(nps_gap_build(d, &g), NPS_OK);
    if (!g)
        return;
    const nps_gap_thresholds *t = nps_gap_get_thresholds(g);
    CHECK_INT(t->eligible, 6);
    CHECK(t->marking);
    CHECK_NEAR(t->organisations_median, 4.0, 1e-9);
    CHECK_NEAR(t->organisations_p75, 6.5, 1e-9);
    CHECK_NEAR(t->people_per_org_median, 90.625, 1e-9);
    CHECK_NEAR(t->people_per_org_p75, 211.8125, 1e-9);
    nps_gap_free(g);
    nps_dataset_free(d);
}

TEST(gap_too_few_businesses_marks_nothing)
{
    /* O1, O2 only: Q6-1, Q6-3 and Q6-8 are eligible — three, fewer than 4 */
    nps_dataset *d = make_dataset(2);
    nps_gap *g = NULL;
    CHECK_INT(nps_gap_build(d, &g), NPS_OK);
    if (!g)
        return;
    CHECK_INT(nps_gap_get_thresholds(g)->eligible, 3);
    CHECK(!nps_gap_get_thresholds(g)->marking);
    for (size_t i = 0; i < nps_gap_count(g); i++)
        CHECK_INT(nps_gap_at(g, i)->mark, NPS_GAP_MARK_NONE);
    nps_gap_free(g);
    nps_dataset_free(d);
}

static char *capture(const nps_gap *g, nps_table_format fmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        exit(1);
    CHECK_INT(nps_gap_write(g, fmt, out), NPS_OK);
    fclose(out);
    return buf;
}

TEST(gap_csv_and_json)
{
    static const char *const lines[] = {
        ("question,option_index,business,organisations,people,organisations_without_number,"
         "people_per_org,mark\n"),
        "\nQ6,2,フリースクール、無料学習塾、相互学習の場などの学習支援（非常設のもの）,2,1100,0,550.0,high\n",
        "\nQ6,3,子ども食堂などの子どもの居場所（通いの場／食事提供の有無を問わない）,7,210,1,30.0,low\n",
        "\nQ6,6,子育て支援の居場所（通いの場／地域子育て支援拠点など）,3,80,0,26.7,\n",
        "\nQ6,9,Q6 その他,5,1160,0,232.0,\n",
        "\nQ7,1,自立援助ホーム,2,0,2,0.0,\n",
    };
    nps_dataset *d = make_dataset(N_ORGS);
    nps_gap *g = NULL;
    CHECK_INT(nps_gap_build(d, &g), NPS_OK);
    if (!g)
        return;
    char *csv = capture(g, NPS_FORMAT_CSV);
    for (size_t i = 0; i < COUNT_OF(lines); i++) {
        int before = unit_failures;
        CHECK(strstr(csv, lines[i]) != NULL);
        if (unit_failures != before)
            fprintf(stderr, "  ^ missing %s", lines[i]);
    }
    CHECK(strncmp(csv, lines[0], strlen(lines[0])) == 0);
    char *json = capture(g, NPS_FORMAT_JSON);
    CHECK(strstr(json, "\"business\":\"Q6 その他\",\"other\":true,\"organisations\":5,\"people\":1160,"
                       "\"organisations_without_number\":0,\"people_per_org\":232.0,\"eligible\":true,"
                       "\"mark\":null,\"orgs\":[\"R002\",\"R003\",\"R005\",\"R006\",\"R007\"]}") != NULL);
    CHECK(strstr(json, "\"mark\":\"high\"") != NULL);
    free(csv);
    free(json);
    nps_gap_free(g);
    nps_dataset_free(d);
}

/* In an NPS_FAILALLOC build: every allocation failure is NPS_ERR_NOMEM
 * and leaks nothing (LeakSanitizer); elsewhere this test is empty. */
TEST(gap_survives_allocation_failures)
{
#ifdef NPS_FAILALLOC
    nps_dataset *d = make_dataset(N_ORGS);
    for (long n = 0; n < 100000; n++) {
        nps_gap *g = NULL;
        nps_alloc_fail_after(n);
        nps_error err = nps_gap_build(d, &g);
        nps_alloc_fail_after(-1);
        if (err == NPS_OK) {
            CHECK_INT(nps_gap_count(g), 58);
            nps_gap_free(g);
            break;
        }
        CHECK_INT(err, NPS_ERR_NOMEM);
        CHECK(g == NULL);
    }
    nps_dataset_free(d);
#endif
}

UNIT_MAIN()
