/*
 * test_themes.c — coding of the free-text challenge themes (themes.h).
 *
 * The texts are real Q38/Q39 answers printed in the seed report (5.資料,
 * 【Q38】【Q39】), each with the themes a reader of the report assigns to it
 * (財政面 F, 人材面 J, モノと場所 M, アウトリーチ A, 連携 R; the report's
 * section 3.1 A describes each theme). They are spread over eight
 * organisations so that per-theme organisation counts differ from text
 * counts. One more organisation's name contains a keyword (連携): the text
 * naming it must be masked and must not be coded 連携.
 */
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "analyse/themes.h"
#include "unit.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define F (1u << 0)
#define J (1u << 1)
#define M (1u << 2)
#define A (1u << 3)
#define R (1u << 4)

static const char *const theme_names[] = {"財政面", "人材面", "モノと場所", "アウトリーチ", "連携"};

typedef struct theme_case {
    size_t row;
    int question, item;
    const char *text;
    unsigned themes;
} theme_case;

static const theme_case cases[] = {
    {0, 38, 0, "財政面が大変です", F},
    {1, 38, 0, "人材面がまったく足りません。相談は日々届きますが、対応が追い付いていません", J},
    {2, 38, 0, "専門的なスタッフもいない。受け入れる体制が万全とは言えない", J},
    {3, 38, 0, "連携面", R},
    {4, 38, 0,
     "スペースに限りがあり、受け入れられる人数の上限が決まってしまうこと。財政基盤がもろく、"
     "平常時の見守りが限定的になってしまうこと。などがマイナス面であるが、居場所をほぼ毎日開設"
     "していることと、LINE でのつながりがあることで、比較的連絡を絶やさずにいられることがプラス面",
     M | F},
    {5, 38, 0, "対象地域が広範なこともあり他団体との連携があまり取れていない", R},
    {6, 38, 0, "人材面・財政面", J | F},
    {7, 38, 0, "孤立孤独対策を行う団体ではありません", 0},
    {0, 39, 1, "孤立・孤独対策のアウトリーチをしたくても人材がいませんので、他団体との連携をさらに"
               "広げて行きたいです。また、民生委員との繋がりもつくって行きたいです",
     A | J | R},
    {1, 39, 1, "地域食堂", 0},
    {2, 39, 1, "似た活動を行っている高齢者団体があるので、連携の可能性は探っていきたい", R},
    {0, 39, 2, "車の確保、人材の確保", M | J},
    {1, 39, 2, "人材・場所・費用の確保", J | M | F},
    {2, 39, 2, "孤立・孤独を感じている人にどのように（適切に）情報を届けるか", A},
    {3, 39, 2, "中々、引きこもり等の人達が出てこない", A},
    {4, 39, 2, "活動場所の確保", M},
    {5, 39, 2, "無し", 0},
    {6, 39, 2, "周知広報、資金や人材不足", A | F | J},
    {7, 39, 2, "ボランティアの確保と財政面", J | F},
    {0, 39, 3, "助成金や人材集めのノウハウなど", F | J},
    {1, 39, 3, "居場所として使える場所提供", M},
    {2, 39, 3, "家賃の安いテナントの紹介 福祉事務所との話し合いの場のコーディネート "
               "墓石等の提供あるいは金銭的援助",
     M | R | F},
    {3, 39, 3, "人とお金", J | F},
    {4, 39, 3, "思い浮かびません", 0},
};

#define N_CASES COUNT_OF(cases)

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

/* Rows 0–7 from the table; row 8 is 一般社団法人 地域連携ネット, whose Q38
 * names itself and another organisation and gives a phone number; row 9
 * answered nothing but blanks. */
static nps_dataset *make_dataset(void)
{
    const nps_questionnaire *qq = questionnaire();
    const nps_field *org = nps_questionnaire_personal_field(qq, NPS_PERSONAL_ORGANISATION);
    nps_dataset *d = NULL;
    size_t row;
    if (nps_dataset_new(qq, &d) != NPS_OK)
        exit(1);
    for (size_t r = 0; r < 10; r++)
        if (nps_dataset_add_row(d, (long)r + 2, 0, &row) != NPS_OK)
            exit(1);
    for (size_t i = 0; i < N_CASES; i++) {
        const nps_field *f = nps_questionnaire_field(qq, cases[i].question, cases[i].item);
        if (!f)
            exit(1);
        nps_dataset_set_text(d, cases[i].row, f, cases[i].text, strlen(cases[i].text));
    }
    static const char self[] = "一般社団法人 地域連携ネット";
    static const char quote[] = "地域連携ネットとして、こもれび会館（011-200-0973）で活動している";
    nps_dataset_set_text(d, 8, org, self, strlen(self));
    nps_dataset_set_text(d, 8, nps_questionnaire_field(qq, 38, 0), quote, strlen(quote));
    nps_dataset_set_text(d, 9, nps_questionnaire_field(qq, 38, 0), "　 ", strlen("　 "));
    return d;
}

static unsigned case_bits(const nps_themes *t, uint64_t themes)
{
    unsigned out = 0;
    for (size_t i = 0; i < nps_themes_count(t); i++)
        for (size_t k = 0; k < COUNT_OF(theme_names); k++)
            if ((themes >> i) & 1 && strcmp(nps_themes_name(t, i), theme_names[k]) == 0)
                out |= 1u << k;
    return out;
}

static const nps_theme_text *find_text(const nps_themes *t, size_t row, int question, int item)
{
    for (size_t k = 0; k < nps_themes_text_total(t); k++) {
        const nps_theme_text *x = nps_themes_text_at(t, k);
        if (x->row == row && x->question == question && x->item_index == item)
            return x;
    }
    return NULL;
}

static nps_themes *build(nps_dataset *d)
{
    nps_themes *t = NULL;
    CHECK_INT(nps_themes_build(d, NULL, &t), NPS_OK);
    if (!t)
        exit(1);
    return t;
}

TEST(themes_in_questionnaire_order)
{
    nps_dataset *d = make_dataset();
    nps_themes *t = build(d);
    CHECK_INT(nps_themes_count(t), COUNT_OF(theme_names));
    for (size_t i = 0; i < COUNT_OF(theme_names) && i < nps_themes_count(t); i++)
        CHECK_STR(nps_themes_name(t, i), theme_names[i]);
    nps_themes_free(t);
    nps_dataset_free(d);
}

TEST(themes_code_seed_answers)
{
    nps_dataset *d = make_dataset();
    nps_themes *t = build(d);
    for (size_t i = 0; i < N_CASES; i++) {
        const nps_theme_text *x = find_text(t, cases[i].row, cases[i].question, cases[i].item);
        int before = unit_failures;
        CHECK(x != NULL);
        if (x) {
            CHECK_INT(case_bits(t, x->themes), cases[i].themes);
            CHECK_STR(x->text, cases[i].text); /* nothing personal in these */
        }
        if (unit_failures != before)
            fprintf(stderr, "  ^ case %zu: %s\n", i, cases[i].text);
    }
    nps_themes_free(t);
    nps_dataset_free(d);
}

TEST(themes_counts)
{
    nps_dataset *d = make_dataset();
    nps_themes *t = build(d);
    /* texts: the 24 cases and row 8's quote; row 9's blank is no text */
    CHECK_INT(nps_themes_text_total(t), N_CASES + 1);
    CHECK_INT(nps_themes_respondents(t), 9);
    /* hand counts from the table (row 8's quote is uncoded) */
    static const struct {
        const char *theme;
        long texts, orgs;
    } expected[] = {
        {"財政面", 9, 7},      /* rows 0 1 2 3 4 6 7 */
        {"人材面", 10, 6},     /* rows 0 1 2 3 6 7 */
        {"モノと場所", 6, 4},  /* rows 0 1 2 4 */
        {"アウトリーチ", 4, 4}, /* rows 0 2 3 6 */
        {"連携", 5, 4},        /* rows 0 2 3 5 */
    };
    for (size_t i = 0; i < COUNT_OF(expected); i++) {
        int before = unit_failures;
        CHECK_STR(nps_themes_name(t, i), expected[i].theme);
        CHECK_INT(nps_themes_text_count(t, i), expected[i].texts);
        CHECK_INT(nps_themes_org_count(t, i), expected[i].orgs);
        CHECK_INT(nps_themes_quote_count(t, i), (size_t)expected[i].texts);
        if (unit_failures != before)
            fprintf(stderr, "  ^ %s\n", expected[i].theme);
    }
    CHECK_INT(nps_themes_uncoded_count(t), 5); /* 4 cases and row 8's quote */
    nps_themes_free(t);
    nps_dataset_free(d);
}

TEST(themes_quote_is_masked_and_names_do_not_code)
{
    nps_dataset *d = make_dataset();
    nps_themes *t = build(d);
    const nps_theme_text *x = find_text(t, 8, 38, 0);
    CHECK(x != NULL);
    if (x) {
        CHECK_STR(x->text, "［団体名］として、こもれび会館（［電話番号］）で活動している");
        CHECK_INT(x->themes, 0); /* 連携 only inside the masked name */
        CHECK_STR(x->org, "R009");
        CHECK_STR(x->item, "");
    }
    const nps_theme_text *y = find_text(t, 1, 39, 2);
    CHECK(y && strcmp(y->item, "取り組みに当たっての課題") == 0);
    CHECK(find_text(t, 9, 38, 0) == NULL);
    nps_themes_free(t);
    nps_dataset_free(d);
}

static char *capture(nps_error (*fn)(const nps_themes *, nps_table_format, FILE *),
                     const nps_themes *t, nps_table_format fmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        exit(1);
    CHECK_INT(fn(t, fmt, out), NPS_OK);
    fclose(out);
    return buf;
}

TEST(themes_writers)
{
    nps_dataset *d = make_dataset();
    nps_themes *t = build(d);
    char *csv = capture(nps_themes_write, t, NPS_FORMAT_CSV);
    CHECK_STR(csv, "theme,texts,organisations\n"
                   "財政面,9,7\n"
                   "人材面,10,6\n"
                   "モノと場所,6,4\n"
                   "アウトリーチ,4,4\n"
                   "連携,5,4\n"
                   "（分類なし）,5,\n");
    char *quotes = capture(nps_themes_write_quotes, t, NPS_FORMAT_CSV);
    CHECK(strncmp(quotes, "theme,question,item_index,item,org,text\n", 40) == 0);
    CHECK(strstr(quotes, "\n財政面,Q38,,,R001,財政面が大変です\n") != NULL);
    CHECK(strstr(quotes, "\n連携,Q39,3,サポート等必要としていること,R003,\"家賃の安いテナントの紹介") == NULL);
    CHECK(strstr(quotes, "\n連携,Q39,3,サポート等必要としていること,R003,家賃の安いテナントの紹介") != NULL);
    CHECK(strstr(quotes, "\n（分類なし）,Q39,2,取り組みに当たっての課題,R006,無し\n") != NULL);
    char *json = capture(nps_themes_write, t, NPS_FORMAT_JSON);
    CHECK(strncmp(json, "{\"respondents\":9,\"texts\":25,\"themes\":[", 38) == 0);
    CHECK(strstr(json, "{\"theme\":\"連携\",\"texts\":5,\"organisations\":4,\"quotes\":[") != NULL);
    free(csv);
    free(quotes);
    free(json);
    nps_themes_free(t);
    nps_dataset_free(d);
}

TEST(themes_invalid_utf8_text)
{
    const nps_questionnaire *qq = questionnaire();
    nps_dataset *d = NULL;
    nps_themes *t = NULL;
    size_t row;
    static const char bad[] = "資金\xFF不足";
    CHECK_INT(nps_dataset_new(qq, &d), NPS_OK);
    CHECK_INT(nps_dataset_add_row(d, 2, 0, &row), NPS_OK);
    nps_dataset_set_text(d, row, nps_questionnaire_field(qq, 38, 0), bad, strlen(bad));
    CHECK_INT(nps_themes_build(d, NULL, &t), NPS_OK);
    if (t) {
        CHECK_INT(nps_themes_text_total(t), 1);
        CHECK_STR(nps_themes_text_at(t, 0)->text, "資金\xEF\xBF\xBD不足");
        CHECK_INT(case_bits(t, nps_themes_text_at(t, 0)->themes), F);
    }
    nps_themes_free(t);
    nps_dataset_free(d);
}

TEST(free_texts_listing)
{
    const nps_questionnaire *qq = questionnaire();
    nps_dataset *d = make_dataset();
    nps_free_texts *ft = NULL;
    static const char name[] = "山田 花子", q21[] = "相談役：山田花子（090-1234-5678）",
                      q26[] = "施設稼働状況による", q5[] = "活動目的 011-200-0973",
                      q31[] = "毎週水曜 https://example.org";
    nps_dataset_set_text(d, 0, nps_questionnaire_personal_field(qq, NPS_PERSONAL_NAME), name,
                         strlen(name));
    nps_dataset_set_text(d, 0, nps_questionnaire_field(qq, 21, 1), q21, strlen(q21));
    const nps_field *f26 = nps_questionnaire_field(qq, 26, 0);
    nps_dataset_set_choice(d, 1, f26, (int)f26->list->n_options); /* その他, the last */
    nps_dataset_set_text(d, 1, f26, q26, strlen(q26));
    nps_dataset_set_text(d, 2, nps_questionnaire_field(qq, 5, 0), q5, strlen(q5));
    nps_dataset_set_text(d, 3, nps_questionnaire_field(qq, 31, 3), q31, strlen(q31));
    CHECK_INT(nps_free_texts_build(d, NULL, &ft), NPS_OK);
    if (!ft)
        return;
    /* Q21, Q26, Q31 and the 25 texts of Q38/Q39; Q5 is not a free-text question */
    CHECK_INT(nps_free_texts_count(ft), 3 + N_CASES + 1);
    static const struct {
        int question, item;
        const char *org, *text;
    } first[] = {
        {21, 1, "R001", "相談役：［氏名］（［電話番号］）"},
        {26, 0, "R002", "施設稼働状況による"},
        {31, 3, "R004", "毎週水曜 ［URL］"},
        {38, 0, "R001", "財政面が大変です"},
    };
    for (size_t i = 0; i < COUNT_OF(first); i++) {
        const nps_theme_text *x = nps_free_texts_at(ft, i);
        CHECK(x != NULL);
        if (!x)
            continue;
        CHECK_INT(x->question, first[i].question);
        CHECK_INT(x->item_index, first[i].item);
        CHECK_STR(x->org, first[i].org);
        CHECK_STR(x->text, first[i].text);
        CHECK_INT(x->themes, 0);
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    CHECK_INT(nps_free_texts_write(ft, NPS_FORMAT_CSV, out), NPS_OK);
    fclose(out);
    static const char head[] = "question,item_index,item,org,text\n"
                               "Q21,1,立ち位置・役割の名称と内容(1),R001,相談役：［氏名］（［電話番号］）\n"
                               "Q26,,,R002,施設稼働状況による\n"
                               "Q31,3,特徴・特色,R004,毎週水曜 ［URL］\n"
                               "Q38,,,R001,財政面が大変です\n";
    CHECK(strncmp(buf, head, strlen(head)) == 0);
    CHECK(strstr(buf, "090-1234") == NULL && strstr(buf, "山田") == NULL);
    free(buf);
    nps_free_texts_free(ft);
    nps_dataset_free(d);
}

/* Masking ahead on two threads (nps_free_texts_mask_ahead) gives the very
 * texts that masking one by one gives: 1,500 organisations, enough for the
 * second thread, with repeated, blank, personal and long texts. */
TEST(mask_ahead_equals_one_by_one)
{
    const nps_questionnaire *qq = questionnaire();
    const nps_field *q38 = nps_questionnaire_field(qq, 38, 0), *q39 = nps_questionnaire_field(qq, 39, 2);
    nps_dataset *d = NULL;
    nps_masker *m = NULL;
    nps_text_memo *memo = nps_text_memo_new();
    nps_themes *alone = NULL, *shared = NULL;
    nps_free_texts *ft_alone = NULL, *ft_shared = NULL;
    char text[256];
    size_t row;
    CHECK_INT(nps_dataset_new(qq, &d), NPS_OK);
    for (size_t r = 0; d && r < 1500; r++) {
        CHECK_INT(nps_dataset_add_row(d, (long)r + 2, 0, &row), NPS_OK);
        int n = r % 7 == 0 ? snprintf(text, sizeof text, "特になし")
              : r % 11 == 0 ? snprintf(text, sizeof text, "　 ")
              : snprintf(text, sizeof text, "財政面と人材面。担当の山田花子（090-%04zu-%04zu）まで。"
                         "一般社団法人こもれび%zu と連携、https://example.org/%zu", r, r * 7 % 10000, r, r);
        nps_dataset_set_text(d, row, q38, text, (size_t)n);
        n = snprintf(text, sizeof text, "活動場所の確保 %zu", r % 300);
        nps_dataset_set_text(d, row, q39, text, (size_t)n);
    }
    CHECK_INT(nps_masker_new(d, &m), NPS_OK);
    CHECK(memo != NULL);
    if (!d || !m || !memo)
        goto cleanup;
    CHECK_INT(nps_free_texts_mask_ahead(d, m, memo), NPS_OK);
    CHECK_INT(nps_themes_build_shared(d, m, memo, &shared), NPS_OK);
    CHECK_INT(nps_free_texts_build_shared(d, m, memo, &ft_shared), NPS_OK);
    CHECK_INT(nps_themes_build(d, m, &alone), NPS_OK);
    CHECK_INT(nps_free_texts_build(d, m, &ft_alone), NPS_OK);
    if (!alone || !shared || !ft_alone || !ft_shared)
        goto cleanup;
    CHECK_INT(nps_themes_text_total(shared), nps_themes_text_total(alone));
    CHECK(nps_themes_text_total(alone) > 2500);
    for (size_t k = 0; k < nps_themes_text_total(alone) && k < nps_themes_text_total(shared); k++) {
        CHECK_STR(nps_themes_text_at(shared, k)->text, nps_themes_text_at(alone, k)->text);
        CHECK_INT(nps_themes_text_at(shared, k)->themes, nps_themes_text_at(alone, k)->themes);
    }
    CHECK_INT(nps_free_texts_count(ft_shared), nps_free_texts_count(ft_alone));
    for (size_t k = 0; k < nps_free_texts_count(ft_alone) && k < nps_free_texts_count(ft_shared); k++)
        CHECK_STR(nps_free_texts_at(ft_shared, k)->text, nps_free_texts_at(ft_alone, k)->text);
    CHECK(strstr(nps_themes_text_at(shared, 0)->text, "090-") == NULL);
cleanup:
    nps_themes_free(alone);
    nps_themes_free(shared);
    nps_free_texts_free(ft_alone);
    nps_free_texts_free(ft_shared);
    nps_text_memo_free(memo);
    nps_masker_free(m);
    nps_dataset_free(d);
}

/* In an NPS_FAILALLOC build: every allocation failure is NPS_ERR_NOMEM
 * and leaks nothing (LeakSanitizer); elsewhere this test is empty. */
TEST(themes_survive_allocation_failures)
{
#ifdef NPS_FAILALLOC
    nps_dataset *d = make_dataset();
    (void)nps_dataset_org_id(d, 0); /* build the dataset's id cache first */
    for (long n = 0; n < 100000; n++) {
        nps_themes *t = NULL;
        nps_alloc_fail_after(n);
        nps_error err = nps_themes_build(d, NULL, &t);
        nps_alloc_fail_after(-1);
        if (err == NPS_OK) {
            CHECK_INT(nps_themes_text_total(t), N_CASES + 1);
            nps_themes_free(t);
            break;
        }
        CHECK_INT(err, NPS_ERR_NOMEM);
        CHECK(t == NULL);
    }
    for (long n = 0; n < 100000; n++) {
        nps_free_texts *ft = NULL;
        nps_alloc_fail_after(n);
        nps_error err = nps_free_texts_build(d, NULL, &ft);
        nps_alloc_fail_after(-1);
        if (err == NPS_OK) {
            nps_free_texts_free(ft);
            break;
        }
        CHECK_INT(err, NPS_ERR_NOMEM);
        CHECK(ft == NULL);
    }
    nps_dataset_free(d);
#endif
}

UNIT_MAIN()
