/*
 * test_match.c — matching answer cells against the option labels of the
 * default questionnaire's real lists (match.h, docs/reading.md): Google's ", "
 * joins, Microsoft's ";" with a trailing ";", labels that contain commas
 * (、), other write-ins in their several spellings, the '?' of CP932 saves,
 * lists without an other option, and single-choice normalisation.
 * Table-driven; every case states the exact option set and write-in.
 */
#include <stdint.h>
#include <stdlib.h>
#include "unit.h"
#include "read/match.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define OPT(i) ((uint64_t)1 << ((i) - 1))

typedef struct match_case {
    int question;          /* list of this question's field (item 0) */
    const char *cell;
    uint64_t options;      /* expected option set */
    int option;            /* expected single option (match_one only) */
    const char *other;     /* expected write-in, NULL for none */
    bool wildcard, unmatched, ambiguous;
} match_case;

static nps_questionnaire *load_q(void)
{
    nps_questionnaire *q = NULL;
    nps_diag diag = {0};
    nps_error err = nps_questionnaire_load_default(&q, &diag);
    CHECK_INT(err, NPS_OK);
    if (err != NPS_OK)
        fprintf(stderr, "default questionnaire: %s:%ld: %s\n", diag.file, diag.line, diag.message);
    return q;
}

static const nps_list *list_of(const nps_questionnaire *q, int question, int item)
{
    const nps_field *f = nps_questionnaire_field(q, question, item);
    CHECK(f != NULL && f->list != NULL);
    return f ? f->list : NULL;
}

/* Run the cases through match_many (many = true) or match_one. */
static void run_cases(const match_case *cases, size_t n, bool many)
{
    nps_questionnaire *q = load_q();
    if (!q)
        return;
    for (size_t i = 0; i < n; i++) {
        const match_case *c = &cases[i];
        const nps_list *list = list_of(q, c->question, 0);
        nps_matcher *m = NULL;
        nps_match_result r;
        int before = unit_failures;
        if (!list)
            continue;
        CHECK_INT(nps_matcher_new(list, &m), NPS_OK);
        nps_error err = many ? nps_match_many(m, c->cell, strlen(c->cell), &r)
                             : nps_match_one(m, c->cell, strlen(c->cell), &r);
        CHECK_INT(err, NPS_OK);
        if (err == NPS_OK) {
            CHECK_INT(r.options, c->options);
            if (!many)
                CHECK_INT(r.option, c->option);
            if (c->other)
                CHECK_STR(r.other_text, c->other);
            else
                CHECK(r.other_text == NULL);
            CHECK_INT(r.used_wildcard, c->wildcard);
            CHECK_INT(r.unmatched, c->unmatched);
            CHECK_INT(r.ambiguous, c->ambiguous);
            nps_match_result_clear(&r);
        }
        nps_matcher_free(m);
        if (unit_failures != before)
            fprintf(stderr, "  ^ case %zu (Q%d, %s): \"%s\"\n", i, c->question,
                    many ? "many" : "one", c->cell);
    }
    nps_questionnaire_free(q);
}

/* Q6 options used below (list q6):
 *  1 フリースクール、無料学習塾、相互学習の場などの学習支援（常設のもの）
 *  2 フリースクール、無料学習塾、相互学習の場などの学習支援（非常設のもの）
 *  3 子ども食堂などの子どもの居場所（通いの場／食事提供の有無を問わない）
 *  4 放課後児童クラブ（学童保育）
 *  5 保育園等（公立・認可保育所 · 地域型保育事業 · 認定こども園· 認可外保育施設など）
 *  7 プレーパークなどのあそび場
 *  9 その他 (other)
 * 10 …上記に当てはまる事業はない (exclusive) */
#define Q6_1 "フリースクール、無料学習塾、相互学習の場などの学習支援（常設のもの）"
#define Q6_2 "フリースクール、無料学習塾、相互学習の場などの学習支援（非常設のもの）"
#define Q6_3 "子ども食堂などの子どもの居場所（通いの場／食事提供の有無を問わない）"
#define Q6_4 "放課後児童クラブ（学童保育）"
#define Q6_7 "プレーパークなどのあそび場"
#define Q6_10 "「子ども（おおむね中学生以下）」または「親子」を対象とした上記に当てはまる事業はない"

TEST(many_google_joins)
{
    static const match_case cases[] = {
        {6, Q6_1 ", " Q6_4, OPT(1) | OPT(4), 0, NULL, false, false, false},
        {6, Q6_1 ", " Q6_2 ", " Q6_3, OPT(1) | OPT(2) | OPT(3), 0, NULL, false, false, false},
        {6, Q6_3, OPT(3), 0, NULL, false, false, false},
        {6, Q6_10, OPT(10), 0, NULL, false, false, false},
        /* order in the cell does not matter */
        {6, Q6_7 ", " Q6_1, OPT(1) | OPT(7), 0, NULL, false, false, false},
    };
    run_cases(cases, COUNT_OF(cases), true);
}

TEST(many_microsoft_semicolons)
{
    static const match_case cases[] = {
        {6, Q6_4 ";" Q6_7 ";", OPT(4) | OPT(7), 0, NULL, false, false, false},
        {6, Q6_4 ";", OPT(4), 0, NULL, false, false, false},
        {6, Q6_1 ";" Q6_2 ";" Q6_3 ";", OPT(1) | OPT(2) | OPT(3), 0, NULL, false, false, false},
        {6, Q6_4 ";料理教室;", OPT(4) | OPT(9), 0, "料理教室", false, false, false},
    };
    run_cases(cases, COUNT_OF(cases), true);
}

TEST(many_labels_with_commas_and_write_ins)
{
    static const match_case cases[] = {
        /* a label holding 、 and a write-in holding ", " */
        {6, Q6_2 ", 地域の見守り, 清掃活動", OPT(2) | OPT(9), 0, "地域の見守り, 清掃活動", false, false, false},
        /* the write-in first, then a label */
        {6, "地域の見守り, 清掃活動, " Q6_4, OPT(4) | OPT(9), 0, "地域の見守り, 清掃活動", false, false, false},
        /* two write-ins separated by a label are joined with 、 */
        {6, "料理教室, " Q6_4 ", 清掃", OPT(4) | OPT(9), 0, "料理教室、清掃", false, false, false},
    };
    run_cases(cases, COUNT_OF(cases), true);
}

TEST(many_other_spellings)
{
    static const match_case cases[] = {
        {6, Q6_7 ", 料理教室", OPT(7) | OPT(9), 0, "料理教室", false, false, false},   /* raw text */
        {6, "その他：料理教室", OPT(9), 0, "料理教室", false, false, false},
        {6, "その他:料理教室", OPT(9), 0, "料理教室", false, false, false},
        {6, "その他（料理教室）", OPT(9), 0, "料理教室", false, false, false},
        {6, "その他(料理教室)", OPT(9), 0, "料理教室", false, false, false},
        {6, "その他", OPT(9), 0, NULL, false, false, false},                         /* bare */
        {6, Q6_4 ", その他", OPT(4) | OPT(9), 0, NULL, false, false, false},
        {6, "その他, 料理教室", OPT(9), 0, "料理教室", false, false, false},
        {6, Q6_4 ";その他：料理教室;", OPT(4) | OPT(9), 0, "料理教室", false, false, false},
    };
    run_cases(cases, COUNT_OF(cases), true);
}

TEST(many_longest_label_wins)
{
    /* q7: 5 その他若者の居場所, 6 その他 (other) */
    static const match_case cases[] = {
        {7, "その他若者の居場所", OPT(5), 0, NULL, false, false, false},
        {7, "その他若者の居場所;その他;", OPT(5) | OPT(6), 0, NULL, false, false, false},
        {7, "その他若者の居場所, その他：夜回り", OPT(5) | OPT(6), 0, "夜回り", false, false, false},
        /* q11 (no other option): 5 その他の相談窓口 */
        {11, "その他の相談窓口", OPT(5), 0, NULL, false, false, false},
    };
    run_cases(cases, COUNT_OF(cases), true);
}

TEST(many_cp932_wildcard)
{
    /* Excel's CP932 save turns the '·' (U+00B7) of Q6 option 5 into '?'. */
    static const match_case cases[] = {
        {6, "保育園等（公立・認可保育所 ? 地域型保育事業 ? 認定こども園? 認可外保育施設など）",
         OPT(5), 0, NULL, true, false, false},
        {6, Q6_4 ", 保育園等（公立・認可保育所 ? 地域型保育事業 ? 認定こども園? 認可外保育施設など）",
         OPT(4) | OPT(5), 0, NULL, true, false, false},
        /* the exact label needs no wildcard */
        {6, "保育園等（公立・認可保育所 · 地域型保育事業 · 認定こども園· 認可外保育施設など）",
         OPT(5), 0, NULL, false, false, false},
    };
    run_cases(cases, COUNT_OF(cases), true);
}

TEST(many_without_other_option)
{
    /* q11 has no "other" option: text matching nothing is unmatched. */
    static const match_case cases[] = {
        {11, "生活困窮者自立相談支援窓口, 電話相談", OPT(1), 0, NULL, false, true, false},
        {11, "電話相談", 0, 0, NULL, false, true, false},
        {11, "その他", 0, 0, NULL, false, true, false},
        {11, "子育て相談対応;", OPT(3), 0, NULL, false, false, false},
    };
    run_cases(cases, COUNT_OF(cases), true);
}

TEST(many_empty_and_separators_only)
{
    static const match_case cases[] = {
        {6, "", 0, 0, NULL, false, false, false},
        {6, "   ", 0, 0, NULL, false, false, false},
        {6, ";", 0, 0, NULL, false, false, false},
        {6, ", ;", 0, 0, NULL, false, false, false},
    };
    run_cases(cases, COUNT_OF(cases), true);
}

TEST(many_width_and_space_differences)
{
    /* q36: 4 ＮＰＯ等地域団体; q10: 1 シェアハウス */
    static const match_case cases[] = {
        {36, "NPO等地域団体", OPT(4), 0, NULL, false, false, false},
        {36, " ＮＰＯ 等 地域団体 ;自治会町内会", OPT(4) | OPT(2), 0, NULL, false, false, false},
        {10, "ｼｪｱﾊｳｽ, 自立準備ホーム", OPT(1) | OPT(7), 0, NULL, false, false, false},
    };
    run_cases(cases, COUNT_OF(cases), true);
}

TEST(one_exact_and_normalised)
{
    /* q26: 1 1週間未満, 2 1週間～1ヶ月未満, 6 その他 (other), 7 受入不可 */
    static const match_case cases[] = {
        {26, "1週間未満", OPT(1), 1, NULL, false, false, false},
        {26, "1週間～1ヶ月未満", OPT(2), 2, NULL, false, false, false},
        {26, "１週間~１ヶ月未満", OPT(2), 2, NULL, false, false, false},  /* full-width digits, ASCII tilde */
        {26, "  1週間 未満  ", OPT(1), 1, NULL, false, false, false},     /* extra spaces */
        {26, "1　週間未満", OPT(1), 1, NULL, false, false, false},         /* ideographic space */
        {26, "受入不可", OPT(7), 7, NULL, false, false, false},
        /* q32: 4 週３－４日 (full-width digits and dash in the label) */
        {32, "週3-4日", OPT(4), 4, NULL, false, false, false},
    };
    run_cases(cases, COUNT_OF(cases), false);
}

TEST(one_write_ins)
{
    static const match_case cases[] = {
        {26, "応相談", OPT(6), 6, "応相談", false, false, false},
        {26, "その他（応相談）", OPT(6), 6, "応相談", false, false, false},
        {26, "その他：応相談", OPT(6), 6, "応相談", false, false, false},
        {26, "その他", OPT(6), 6, NULL, false, false, false},
        /* a label followed by more text is not that label */
        {26, "1週間未満 (要相談)", OPT(6), 6, "1週間未満 (要相談)", false, false, false},
        /* q29 (あり / なし) has no other option */
        {29, "たぶん", 0, 0, NULL, false, true, false},
        {29, "あり", OPT(1), 1, NULL, false, false, false},
    };
    run_cases(cases, COUNT_OF(cases), false);
}

TEST(one_empty_cell)
{
    static const match_case cases[] = {
        {26, "", 0, 0, NULL, false, false, false},
        {26, " \t ", 0, 0, NULL, false, false, false},
        {29, "", 0, 0, NULL, false, false, false},
    };
    run_cases(cases, COUNT_OF(cases), false);
}

TEST(one_wildcard_and_ambiguity)
{
    /* q30: 4 週３－４日, 5 週１－２日 — "週?-?日" fits both. */
    static const match_case cases[] = {
        {30, "週3-?日", OPT(4), 4, NULL, true, false, false},
        {30, "週?-?日", OPT(4), 4, NULL, true, false, true},
        {30, "毎日（週?日）", OPT(1), 1, NULL, true, false, false},
    };
    run_cases(cases, COUNT_OF(cases), false);
}

TEST(matrix_row_list)
{
    /* Q22 rows are select_one over the handling list (no other option). */
    nps_questionnaire *q = load_q();
    nps_matcher *m = NULL;
    nps_match_result r;
    if (!q)
        return;
    const nps_list *list = list_of(q, 22, 1);
    CHECK_STR(list->name, "handling");
    CHECK_INT(nps_matcher_new(list, &m), NPS_OK);
    CHECK_INT(nps_match_one(m, "他団体と連携することによって対応できている",
                            strlen("他団体と連携することによって対応できている"), &r), NPS_OK);
    CHECK_INT(r.option, 2);
    CHECK(!r.unmatched);
    nps_match_result_clear(&r);
    /* label 4 contains "、": 現在対応できておらず、今後も… */
    const char *four = "現在対応できておらず、今後も対応する予定はない（対応できないと感じている）";
    CHECK_INT(nps_match_one(m, four, strlen(four), &r), NPS_OK);
    CHECK_INT(r.option, 4);
    nps_match_result_clear(&r);
    CHECK_INT(nps_match_one(m, "対応中", strlen("対応中"), &r), NPS_OK);
    CHECK_INT(r.option, 0);
    CHECK(r.unmatched);
    CHECK(r.other_text == NULL);
    nps_match_result_clear(&r);
    nps_matcher_free(m);
    nps_questionnaire_free(q);
}

UNIT_MAIN()
