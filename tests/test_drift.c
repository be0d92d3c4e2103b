/*
 * test_drift.c — an export that does not fit its questionnaire is loud
 * (docs/annual-cycle.md, "Drift"): a header carrying another question's
 * text is an error naming the column and both questions; a header far from
 * its label, an unknown column, a question without a column and a write-in
 * repeated by several organisations are findings; a label one slip off is
 * counted as its option with a finding. Exports are built in memory and read
 * with nps_read_export_buffer against the built-in 2023 questionnaire.
 */
#include <stdint.h>
#include "unit.h"
#include "analyse/tables.h"
#include "read/near.h"
#include "read/reader.h"

#define OPT(i) ((uint64_t)1 << ((i) - 1))
#define Q6_HEADER "Q6. 「子ども（おおむね中学生以下）」または「親子」を対象とした事業で当てはまる事業にチェックをしてください。"
#define Q23_LABEL "他団体との連携がある場合には、その内容を教えてください。現在、他団体との連携がない場合は、過去にどんな連携があったか教えてください。"

static nps_questionnaire *load_default(void)
{
    nps_questionnaire *q = NULL;
    nps_diag diag = {0};
    CHECK_INT(nps_questionnaire_load_default(&q, &diag), NPS_OK);
    return q;
}

static nps_dataset *read_csv(const nps_questionnaire *q, const char *csv, nps_error *err, nps_diag *diag)
{
    nps_dataset *d = NULL;
    memset(diag, 0, sizeof *diag);
    *err = nps_read_export_buffer("drift.csv", csv, strlen(csv), q, NULL, &d, diag);
    return d;
}

/* The first quality entry of `kind` whose action contains `what`, or NULL. */
static const nps_quality_entry *find(const nps_dataset *d, nps_quality_kind kind, const char *what)
{
    for (size_t i = 0; d && i < nps_dataset_quality_count(d); i++) {
        const nps_quality_entry *e = nps_dataset_quality_at(d, i);
        if (e->kind == kind && strstr(e->action, what))
            return e;
    }
    return NULL;
}

/* "Q2,Q6" export of `n` organisations; the first `reworded` answer Q6 with
 * `text`, the others with option 4 as written. */
static char *q6_export(size_t n, size_t reworded, const char *text)
{
    size_t cap = 512 + n * (64 + strlen(text)), len = 0;
    char *csv = malloc(cap);
    if (!csv)
        return NULL;
    len += (size_t)snprintf(csv + len, cap - len, "Q2. 団体名,%s\n", Q6_HEADER);
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(csv + len, cap - len, "団体%zu,\"%s\"\n", i,
                                i < reworded ? text : "放課後児童クラブ（学童保育）");
    return csv;
}

TEST(reworded_option_given_by_several_is_a_finding_quoting_it)
{
    nps_questionnaire *q = load_default();
    char *csv = q6_export(20, 5, "学童保育（放課後の居場所づくり）");
    nps_diag diag;
    nps_error err;
    nps_dataset *d = q && csv ? read_csv(q, csv, &err, &diag) : NULL;
    CHECK(d != NULL);
    if (d) {
        const nps_quality_entry *e = find(d, NPS_QUALITY_FINDING, "5 answers not in choices.csv");
        CHECK(e != NULL);
        if (e) {
            CHECK(strstr(e->action, "「学童保育（放課後の居場所づくり）」") != NULL);
            CHECK_STR(e->column, "Q6");
        }
        /* still counted as その他 with its write-in, as Google Forms stores it */
        CHECK_INT(nps_dataset_choices(d, 0, nps_questionnaire_field(q, 6, 0)), OPT(9));
    }
    nps_dataset_free(d);
    free(csv);
    nps_questionnaire_free(q);
}

TEST(a_write_in_of_two_in_thirty_is_not_a_finding_but_two_in_twenty_is)
{
    nps_questionnaire *q = load_default();
    char *thirty = q6_export(30, 2, "地域食堂"), *twenty = q6_export(20, 2, "地域食堂");
    nps_diag diag;
    nps_error err;
    nps_dataset *d30 = q && thirty ? read_csv(q, thirty, &err, &diag) : NULL;
    nps_dataset *d20 = q && twenty ? read_csv(q, twenty, &err, &diag) : NULL;
    CHECK(d30 != NULL && d20 != NULL);
    CHECK(find(d30, NPS_QUALITY_FINDING, "not in choices.csv") == NULL);
    CHECK(find(d20, NPS_QUALITY_FINDING, "2 answers not in choices.csv") != NULL); /* 10 % */
    nps_dataset_free(d30);
    nps_dataset_free(d20);
    free(thirty);
    free(twenty);
    nps_questionnaire_free(q);
}

TEST(an_unknown_numbered_column_is_a_finding_naming_it)
{
    static const char csv[] = "Q2. 団体名,Q29. 談話室,Q40. 来年度の活動予定\nA,あり,未定\n";
    nps_questionnaire *q = load_default();
    nps_diag diag;
    nps_error err;
    nps_dataset *d = q ? read_csv(q, csv, &err, &diag) : NULL;
    const nps_quality_entry *e = find(d, NPS_QUALITY_FINDING, "column 3 matches no question");
    CHECK(e != NULL);
    if (e)
        CHECK_STR(e->column, "Q40. 来年度の活動予定");
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

TEST(a_header_with_another_questions_text_is_an_error_naming_both)
{
    static const char csv[] = "Q2. 団体名,Q22. " Q23_LABEL " [いじめ（学校）]\nA,自団体で対応できている\n";
    nps_questionnaire *q = load_default();
    nps_diag diag;
    nps_error err = NPS_OK;
    nps_dataset *d = q ? read_csv(q, csv, &err, &diag) : NULL;
    CHECK(d == NULL);
    CHECK_INT(err, NPS_ERR_HEADER);
    CHECK_STR(diag.file, "drift.csv");
    CHECK_INT(diag.line, 1);
    CHECK(strstr(diag.message, "column 2") != NULL);
    CHECK(strstr(diag.message, "carries Q22") != NULL);
    CHECK(strstr(diag.message, "questionnaire's Q23") != NULL);
    CHECK(strstr(diag.hint, "--questionnaire DIR") != NULL);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

TEST(a_header_far_from_its_label_is_a_finding_an_abridged_one_is_not)
{
    static const char csv[] = "Q2. 団体名,Q29. 来年度に予定している新規事業の名称,Q30. 開室日\nA,あり,週１－２日\n";
    nps_questionnaire *q = load_default();
    nps_diag diag;
    nps_error err;
    nps_dataset *d = q ? read_csv(q, csv, &err, &diag) : NULL;
    CHECK(d != NULL);
    const nps_quality_entry *e = find(d, NPS_QUALITY_FINDING, "far from Q29's label");
    CHECK(e != NULL);
    CHECK(find(d, NPS_QUALITY_FINDING, "far from Q30's label") == NULL);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

TEST(a_question_without_a_column_is_left_out_of_the_tables)
{
    static const char csv[] = "Q2. 団体名,Q29. 談話室\nA,あり\nB,なし\n";
    nps_questionnaire *q = load_default();
    nps_diag diag;
    nps_error err;
    nps_dataset *d = q ? read_csv(q, csv, &err, &diag) : NULL;
    nps_tables *t = NULL;
    CHECK(d != NULL);
    if (d) {
        CHECK(find(d, NPS_QUALITY_FINDING, "Q26 has no column in this export") != NULL);
        CHECK(nps_dataset_field_absent(d, nps_questionnaire_field(q, 26, 0)));
        CHECK(!nps_dataset_field_absent(d, nps_questionnaire_field(q, 29, 0)));
        CHECK_INT(nps_tables_build(d, &t), NPS_OK);
        CHECK(t && nps_tables_find(t, 26, 0) == NULL);
        CHECK(t && nps_tables_find(t, 29, 0) != NULL);
    }
    nps_tables_free(t);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

/* Near misses: the label as the export wrote it → the option counted. */
TEST(labels_one_slip_off_are_counted_as_their_option_with_a_finding)
{
    static const struct { int question; const char *cell; int option; } cases[] = {
        {6, "子ども食堂などの子どもの居場所（通いの場／食事提供の有無を問わない", 3},  /* ） missing */
        {6, "放課後児童クラブ（学童保育））", 4},                                   /* ） extra */
        {6, "プレーパークなどのあそぶ場", 7},                                        /* one kana edited */
        {26, "1週間〜1ヶ月未満", 2},                                                /* 〜 for ～ */
        {30, "週３−４日", 4},                                                       /* − for － */
        {30, "週３ー４日", 4},                                                      /* ー for － */
    };
    nps_questionnaire *q = load_default();
    for (size_t i = 0; q && i < sizeof cases / sizeof cases[0]; i++) {
        char csv[1024];
        const nps_field *f = nps_questionnaire_field(q, cases[i].question, 0);
        nps_diag diag;
        nps_error err;
        snprintf(csv, sizeof csv, "Q2. 団体名,Q%d. 設問\nA,\"%s\"\n", cases[i].question, cases[i].cell);
        nps_dataset *d = read_csv(q, csv, &err, &diag);
        CHECK(d != NULL);
        if (!d)
            continue;
        if (f->type == NPS_F_SELECT_MULTIPLE)
            CHECK_INT(nps_dataset_choices(d, 0, f), OPT(cases[i].option));
        else
            CHECK_INT(nps_dataset_choice(d, 0, f), cases[i].option);
        CHECK(nps_dataset_text(d, 0, f) == NULL);
        CHECK(find(d, NPS_QUALITY_FINDING, "one slip") != NULL);
        nps_dataset_free(d);
    }
    nps_questionnaire_free(q);
}

TEST(near_misses_need_one_option_and_a_long_enough_label)
{
    static const nps_option opts[] = {
        {"（常設のもの）", "a", NPS_OPTION_PLAIN}, {"（非常設のもの）", "b", NPS_OPTION_PLAIN},
        {"あり", "c", NPS_OPTION_PLAIN}, {"なし", "d", NPS_OPTION_PLAIN}};
    static const nps_list list = {"t", 4, opts};
    CHECK_INT(nps_near_option(&list, "（常設のもの", strlen("（常設のもの")), 1);
    CHECK_INT(nps_near_option(&list, "（仮常設のもの）", strlen("（仮常設のもの）")), 0); /* both */
    CHECK_INT(nps_near_option(&list, "ない", strlen("ない")), 0);  /* too short to edit */
    CHECK_INT(nps_near_option(&list, "ありません", strlen("ありません")), 0);
}

UNIT_MAIN()
