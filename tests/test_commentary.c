/*
 * test_commentary.c — the generated commentary (commentary.h, rules in
 * docs/commentary.md).
 *
 * Three kinds of checks:
 *  - the amount wording: every branch at hand-picked values and at the
 *    inclusive edges of its window, and an exhaustive property check over
 *    small bases against an independent restatement of the windows;
 *  - the 2023 fixture: the sentences of the questions the seed report
 *    comments on (図8 Q6, 図14 Q12, 図18 Q16, 図24 Q24, 図33 Q37 …), the
 *    findings with the flows' headline figures, and every question's exact
 *    text (a golden list, so any change of wording is a visible diff);
 *  - the pieces that name questions and counts (wording.h), on the 2023
 *    questionnaire and on the 2024 fixture's, whose findings must name
 *    2024's questions (Q37・Q38, 33項目);
 *  - small datasets built by hand, whose every count is written in the
 *    test: ties, nothing chosen, only "none applies", the none-first
 *    threshold, when excluded answers are mentioned, yes/no, matrices,
 *    numeric groups — and that numbers follow the data, not constants.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "present/commentary.h"
#include "present/commentary_internal.h"
#include "present/wording.h"
#include "read/reader.h"
#include "unit.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define OPT(i) ((uint64_t)1 << ((i) - 1))

#define CHECK_HAS(text, needle)                                                              \
    do { const char *t_ = (text), *n_ = (needle);                                            \
        if (!t_ || !strstr(t_, n_)) { unit_failures++;                                        \
            fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__,   \
                    t_ ? t_ : "(null)", n_); } } while (0)

#define CHECK_LACKS(text, needle)                                                            \
    do { const char *t_ = (text), *n_ = (needle);                                            \
        if (!t_ || strstr(t_, n_)) { unit_failures++;                                         \
            fprintf(stderr, "%s:%d: \"%s\" contains \"%s\"\n", __FILE__, __LINE__,            \
                    t_ ? t_ : "(null)", n_); } } while (0)

static bool starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---------- questionnaire, fixture, hand-built data ---------- */

static nps_questionnaire *q;
static nps_dataset *fixture_d;
static nps_results *fixture_r;

static void unload(void)
{
    nps_results_free(fixture_r);
    nps_dataset_free(fixture_d);
    nps_questionnaire_free(q);
}

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

static const nps_results *fixture(void)
{
    nps_diag diag;
    if (!fixture_r) {
        const nps_questionnaire *qq = questionnaire();
        if (nps_read_export(NPS_SOURCE_DIR "/fixtures/hokkaido-2023/responses.csv", qq, NULL,
                            &fixture_d, &diag) != NPS_OK ||
            nps_results_build(fixture_d, NULL, &fixture_r) != NPS_OK) {
            fprintf(stderr, "cannot read the fixture: %s\n", diag.message);
            exit(1);
        }
    }
    return fixture_r;
}

static const nps_field *field(int number, int item)
{
    const nps_field *f = nps_questionnaire_field(questionnaire(), number, item);
    if (!f) {
        fprintf(stderr, "no field Q%d-%d\n", number, item);
        exit(1);
    }
    return f;
}

/* The commentary of question `number` over results r (caller frees). */
static char *comment_r(const nps_results *r, int number)
{
    char *s = NULL;
    nps_error err = nps_commentary_question(r, nps_questionnaire_question(questionnaire(), number), &s);
    CHECK_INT(err, NPS_OK);
    return s;
}

/* A dataset of n empty responses. */
static nps_dataset *hand_new(size_t n)
{
    nps_dataset *d = NULL;
    size_t row;
    if (nps_dataset_new(questionnaire(), &d) != NPS_OK)
        exit(1);
    for (size_t i = 0; i < n; i++)
        if (nps_dataset_add_row(d, (long)i + 2, 0, &row) != NPS_OK)
            exit(1);
    return d;
}

/* The commentary of question `number` on a hand-built dataset. */
static char *comment_d(const nps_dataset *d, int number)
{
    nps_results *r = NULL;
    if (nps_results_build(d, NULL, &r) != NPS_OK)
        exit(1);
    char *s = comment_r(r, number);
    nps_results_free(r);
    return s;
}

/* Q6 over n rows where option i (1-based) is chosen by counts[i-1] rows,
 * dealt round the rows in turn (option 1 from row 0, each next option from
 * where the previous one stopped), so that the rows answer something as
 * soon as the counts add up to n: 無回答 = n − sum while sum < n, else 0. */
static nps_dataset *hand_q6(size_t n, const int counts[10])
{
    nps_dataset *d = hand_new(n);
    uint64_t *sets = calloc(n, sizeof *sets);
    size_t next = 0;
    if (!sets)
        exit(1);
    for (int i = 1; i <= 10; i++)
        for (int k = 0; k < counts[i - 1]; k++)
            sets[next++ % n] |= OPT(i);
    for (size_t row = 0; row < n; row++)
        nps_dataset_set_choices(d, row, field(6, 0), sets[row]);
    free(sets);
    return d;
}

/* ---------- amounts ---------- */

typedef struct amount_case {
    long count, base;
    const char *expected;
} amount_case;

static void check_amounts(const amount_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *w = nps_commentary_amount(cases[i].count, cases[i].base);
        CHECK_STR(w, cases[i].expected);
        if (!w || strcmp(w, cases[i].expected) != 0)
            fprintf(stderr, "  ^ %ld/%ld\n", cases[i].count, cases[i].base);
        free(w);
    }
}

TEST(amount_seed_values)
{
    static const amount_case cases[] = {
        {18, 65, "約3割"},  /* 図8 子どもの居場所 27.7% */
        {16, 65, "24.6%"},  /* 図9 その他若者の居場所, 図12 相互学習の場: no 1/4 style */
        {9, 65, "13.8%"},   /* 図10 就労支援, 図27 あり */
        {36, 65, "55.4%"},  /* 図14 */
        {24, 65, "36.9%"},  /* 図14 電話等での相談 */
        {8, 65, "12.3%"},   /* 図13 子育て相談対応, 図28/29 */
        {7, 65, "約1割"},   /* 図28 平日のみ週5日 10.8% */
        {13, 65, "2割"},    /* 図33 ★3つ 20.0% exactly */
        {32, 65, "約5割"},  /* 図25 支援者同士が集える場 49.2% */
        {29, 65, "44.6%"},  /* 図31 */
        {37, 65, "56.9%"},  /* 図32 */
    };
    check_amounts(cases, COUNT_OF(cases));
}

TEST(amount_exact_and_degenerate)
{
    static const amount_case cases[] = {
        {2, 4, "5割"},      {13, 26, "5割"},    {1, 4, "25.0%"},   {16, 64, "25.0%"},
        {3, 4, "75.0%"},      {1, 10, "1割"},     {9, 10, "9割"},    {7, 10, "7割"},
        {0, 65, "0.0%"},    {65, 65, "100.0%"}, {0, 0, "0.0%"},    {5, 0, "0.0%"},
        {-1, 10, "0.0%"},   {1, 65, "1.5%"},
    };
    check_amounts(cases, COUNT_OF(cases));
}

TEST(amount_window_edges)
{
    /* base 1000: count c is c/10 percent; windows are inclusive. */
    static const amount_case cases[] = {
        {89, 1000, "8.9%"},    {90, 1000, "約1割"},  {110, 1000, "約1割"}, {111, 1000, "11.1%"},
        {179, 1000, "17.9%"},  {180, 1000, "約2割"}, {220, 1000, "約2割"}, {221, 1000, "22.1%"},
        {234, 1000, "23.4%"},  {235, 1000, "23.5%"}, {265, 1000, "26.5%"}, {266, 1000, "26.6%"},
        {269, 1000, "26.9%"},  {270, 1000, "約3割"}, {330, 1000, "約3割"}, {331, 1000, "33.1%"},
        {369, 1000, "36.9%"},  {370, 1000, "約4割"}, {430, 1000, "約4割"}, {431, 1000, "43.1%"},
        {469, 1000, "46.9%"},  {470, 1000, "約5割"}, {530, 1000, "約5割"}, {531, 1000, "53.1%"},
        {569, 1000, "56.9%"},  {570, 1000, "約6割"}, {630, 1000, "約6割"}, {631, 1000, "63.1%"},
        {669, 1000, "66.9%"},  {670, 1000, "約7割"}, {730, 1000, "約7割"}, {731, 1000, "73.1%"},
        {734, 1000, "73.4%"},  {735, 1000, "73.5%"}, {765, 1000, "76.5%"}, {766, 1000, "76.6%"},
        {779, 1000, "77.9%"},  {780, 1000, "約8割"}, {820, 1000, "約8割"}, {821, 1000, "82.1%"},
        {889, 1000, "88.9%"},  {890, 1000, "約9割"}, {910, 1000, "約9割"}, {911, 1000, "91.1%"},
        {500, 1000, "5割"},    {250, 1000, "25.0%"},   {300, 1000, "3割"},   {999, 1000, "99.9%"},
    };
    check_amounts(cases, COUNT_OF(cases));
}

/* Restates the windows independently (in floating point, with a margin
 * that cannot matter at these bases) and checks every count/base ≤ 120. */
TEST(amount_property_every_small_base)
{
    for (long b = 1; b <= 120; b++) {
        for (long c = 0; c <= b; c++) {
            double p = 100.0 * (double)c / (double)b;
            char expected[32];
            int k = (int)(p / 10.0 + 0.5);
            double w = k < 10 - k ? k : 10 - k;
            if (w > 3)
                w = 3;
            if (c == 0 || c == b)
                snprintf(expected, sizeof expected, "%.1f%%", nps_round1(p));
            else if (10 * c % b == 0)
                snprintf(expected, sizeof expected, "%ld割", 10 * c / b);
            else if (k >= 1 && k <= 9 && fabs(p - 10 * k) <= w + 1e-9)
                snprintf(expected, sizeof expected, "約%d割", k);
            else
                snprintf(expected, sizeof expected, "%.1f%%", nps_round1(p));
            char *got = nps_commentary_amount(c, b);
            if (!got || strcmp(got, expected) != 0) {
                CHECK_STR(got, expected);
                fprintf(stderr, "  ^ %ld/%ld\n", c, b);
                free(got);
                return;
            }
            free(got);
        }
    }
}

TEST(wordings_side_by_side)
{
    char w[3][NPS_CM_WORD];
    long a[2] = {18, 10}; /* 約3割 and 15.4%: two styles, so both exact */
    nps_cm_wordings(a, NULL, 2, 65, w);
    CHECK_STR(w[0], "27.7%");
    CHECK_STR(w[1], "15.4%");
    long b[2] = {21, 20}; /* both 約3割: both exact (図30) */
    nps_cm_wordings(b, NULL, 2, 65, w);
    CHECK_STR(w[0], "32.3%");
    CHECK_STR(w[1], "30.8%");
    long c[2] = {37, 13}; /* a tie group is exact: 20.0%, not 2割 (図32) */
    bool exact[2] = {false, true};
    nps_cm_wordings(c, exact, 2, 65, w);
    CHECK_STR(w[0], "56.9%");
    CHECK_STR(w[1], "20.0%");
    long d[3] = {9, 16, 40}; /* a percent among them: all exact */
    nps_cm_wordings(d, NULL, 3, 65, w);
    CHECK_STR(w[0], "13.8%");
    CHECK_STR(w[1], "24.6%");
    CHECK_STR(w[2], "61.5%");
    long e[2] = {40, 20}; /* 約6割 and 約3割: one style, kept */
    nps_cm_wordings(e, NULL, 2, 65, w);
    CHECK_STR(w[0], "約6割");
    CHECK_STR(w[1], "約3割");
}

/* ---------- labels ---------- */

static void check_option_label(const char *list_q, int number, size_t index, const char *expected)
{
    const nps_field *f = field(number, 0);
    const char *s;
    size_t n;
    (void)list_q;
    nps_cm_option_label(f->list, index, &s, &n);
    char buf[512];
    snprintf(buf, sizeof buf, "%.*s", (int)n, s);
    CHECK_STR(buf, expected);
}

static void check_field_label(int number, size_t index, const char *expected)
{
    const nps_question *qu = nps_questionnaire_question(questionnaire(), number);
    const char *s;
    size_t n;
    nps_cm_field_label(qu, index, &s, &n);
    char buf[512];
    snprintf(buf, sizeof buf, "%.*s", (int)n, s);
    CHECK_STR(buf, expected);
}

TEST(labels_short_forms)
{
    /* a trailing parenthetical goes */
    check_option_label("q6", 6, 2, "子ども食堂などの子どもの居場所");
    check_option_label("q6", 6, 5, "子育て支援の居場所");
    check_option_label("q9", 9, 8, "相互学習の場");
    /* ... unless another option would look the same (常設 / 非常設, 就労 / 居住) */
    check_option_label("q6", 6, 0, "フリースクール、無料学習塾、相互学習の場などの学習支援（常設のもの）");
    check_option_label("q8", 8, 3, "障害福祉サービス（就労支援）");
    check_option_label("q8", 8, 0, "介護保険サービス（訪問（同行援護、行動援護を含む））");
    /* none-applies: from 上記に on */
    check_option_label("q6", 6, 9, "当てはまる事業はない");
    check_option_label("q10", 10, 10, "当てはまる事業はない");
    check_option_label("q12", 12, 6, "オンラインの居場所は運営していない");
    /* a parenthetical inside the label stays; fewer than 4 characters left: kept */
    check_field_label(24, 1, "常時利用者（登録者）の受入を行っている");
    check_field_label(25, 4, "支援者同士が集える場をもっている");
    check_field_label(24, 10, "いじめやハラスメント等の人間関係の重大なトラブルを抱える方の相談支援を行っている");
    check_field_label(14, 2, "高校生（１５歳～１８歳）");
    check_field_label(31, 1, "広さ（〇㎡、〇坪など）");

    nps_strbuf sb = {0};
    nps_cm_sb_quote(&sb, "「子ども」または「親子」", strlen("「子ども」または「親子」"));
    char *s = nps_strbuf_take(&sb);
    CHECK_STR(s, "「『子ども』または『親子』」");
    free(s);
}

/* ---------- the 2023 fixture ---------- */

TEST(fixture_q6_top_and_runner_up)
{
    char *s = comment_r(fixture(), 6);
    CHECK(starts_with(s, "「当てはまる事業はない」と「その他」を除くと、"));
    CHECK_HAS(s, "「子ども食堂などの子どもの居場所」が27.7%と最も多く"); /* not 約3割 beside 15.4% */
    CHECK_HAS(s, "次いで「子育て支援の居場所」が15.4%となっている（差は誤差の範囲内）。");
    free(s);
}

TEST(fixture_q12_none_applies_first)
{
    char *s = comment_r(fixture(), 12);
    CHECK_STR(s, "「オンラインの居場所は運営していない」が55.4%と最も多く、"
                 "次いで「電話等での相談」が36.9%となっている（差は誤差の範囲内）。");
    free(s);
}

TEST(fixture_q24_rows_over_half)
{
    char *s = comment_r(fixture(), 24);
    CHECK_STR(s, "「常時利用者（登録者）の受入を行っている」と「直接、会って話すかかわりをしている」"
                 "において、「積極的に行っている」が5割を超えている。"
                 "「積極的に行っている」または「やや行えている」と回答した団体が「あまり行えていない」または「全く行えていない」と回答した団体を上回る項目は37項目中15項目、下回る項目は0項目で、残る22項目は両者の差が95%信頼区間の内にあり、どちらとも言えない。");
    free(s);
    s = comment_r(fixture(), 25); /* none over half: the best 1+2 row (図25: 約5割) */
    CHECK_HAS(s, "「積極的に行っている」が5割を超える項目はないが");
    CHECK_HAS(s, "「支援者同士が集える場をもっている」が約5割と最も多い。");
    free(s);
}

TEST(fixture_q16_modal_bin)
{
    char *s = comment_r(fixture(), 16);
    CHECK_STR(s, "「11～20人」が13団体と最も多いが、「101～200人」も9団体ある。"
                 "ただし区分の幅は一定ではなく、「11～20人」は10人、「101～200人」は100人の幅の区分であるため、団体数の多少は分布の形をそのまま表さない。");
    free(s);
    s = comment_r(fixture(), 13);
    CHECK_STR(s, "①②③⑤では「1～5人」、④では「0人」が最も多い。");
    free(s);
}

TEST(fixture_q37_rating)
{
    char *s = comment_r(fixture(), 37);
    CHECK_STR(s, "10段階中「★5つ」が約3割と最も多く、次いで「★3つ」が2割となっている（差は誤差の範囲内）。");
    free(s);
}

TEST(fixture_q22_flows_and_rows)
{
    char *s = comment_r(fixture(), 22);
    CHECK(starts_with(s, "32項目の困りごとへの回答のうち、「把握している」は50.0%で、"
                         "そのうち84.6%が「対応する意向あり」となっている。"));
    CHECK_HAS(s, "「対応できている」もののうち、77.3%が「他団体と連携して対応」、"
                 "22.7%が「自団体で対応」となっている。");
    CHECK_HAS(s, "全体より高い（95%信頼区間が全体の値を上回る）のは「病気・怪我」");
    CHECK_LACKS(s, "最も多い"); /* troubles are not ranked inside the interval */
    CHECK_LACKS(s, "「その他」"); /* Q22's own その他 row is not a trouble */
    free(s);
}

TEST(fixture_findings)
{
    char **lines = NULL;
    size_t n = 0;
    CHECK_INT(nps_commentary_findings(fixture(), &lines, &n), NPS_OK);
    CHECK_INT(n, 15);
    /* report order: Q6–Q12, Q16, Q22, Q33, Q34–Q37, then the themes (Q38/39) */
    static const char *const prefixes[] = {
        "Q6 ", "Q7 ", "Q8 ", "Q9 ", "Q10 ", "Q11 ", "Q12 ", "Q16 ", "Q22 ", "Q33 ",
        "Q34 ", "Q35 ", "Q36 ", "Q37 ", "自由回答（Q38・Q39）",
    };
    for (size_t i = 0; i < n && i < COUNT_OF(prefixes); i++)
        CHECK(starts_with(lines[i], prefixes[i]));
    char all[8192] = "";
    for (size_t i = 0; i < n; i++) {
        CHECK(strlen(all) + strlen(lines[i]) + 2 < sizeof all);
        if (strlen(all) + strlen(lines[i]) + 2 < sizeof all) {
            strcat(all, lines[i]);
            strcat(all, "\n");
        }
    }
    CHECK_HAS(all, "77.3%が「他団体と連携して対応」");
    CHECK_HAS(all, "22.7%が「自団体で対応」");
    CHECK_HAS(all, "「把握している」は50.0%");
    CHECK_HAS(all, "Q6 「子ども（おおむね中学生以下）」または「親子」を対象とした事業の内容："
                   "「当てはまる事業はない」と「その他」を除くと、「子ども食堂などの子どもの居場所」が27.7%");
    /* titles that differ only in their parenthetical keep it */
    CHECK_HAS(all, "Q34 個別ケースに対する協働支援、連絡調整等先（行政機関）：");
    CHECK_HAS(all, "「財政面」と「人材面」が共に25団体と最も多く、次いで「連携」が15団体");
    CHECK_HAS(all, "（自由回答のあった団体は63団体）。");
    /* one sentence per question line (the flows headline has two) */
    for (size_t i = 0; i < n; i++) {
        const char *first = strstr(lines[i], "。");
        bool flows = starts_with(lines[i], "Q22 ");
        CHECK(first != NULL);
        if (first && !flows)
            CHECK(first[strlen("。")] == '\0');
    }
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

/* `call` appends to a fresh buffer `sb`; its text must be `expected`. */
#define CHECK_WORDING(expected, call)                                                          \
    do { nps_strbuf sb_ = {0}; nps_strbuf *sb = &sb_; (void)(call);                            \
        check_wording(nps_strbuf_take(sb), expected); } while (0)

static nps_number_list numbers(size_t n, const int *v)
{
    nps_number_list l = {0};
    for (size_t i = 0; i < n; i++)
        l.numbers[l.n++] = v[i];
    return l;
}

static void check_wording(char *got, const char *expected)
{
    CHECK_STR(got, expected);
    nps_free(got);
}

TEST(wording_pieces)
{
    const nps_questionnaire *qq = questionnaire();
    const nps_settings *set = nps_questionnaire_settings(qq);
    nps_number_list l;
    l = numbers(2, (const int[]){38, 39});
    CHECK_WORDING("Q38・Q39", nps_wording_questions(sb, &l));
    CHECK_WORDING("Q6～Q12", nps_wording_questions(sb, &set->gap_business_questions));
    l = numbers(6, (const int[]){1, 2, 4, 5, 6, 9});
    CHECK_WORDING("Q1・Q2・Q4～Q6・Q9", nps_wording_questions(sb, &l));
    CHECK_WORDING("Q13①～⑤", nps_wording_question_items(sb, qq, 13, &set->gap_staff_items));
    l = numbers(2, (const int[]){1, 3});
    CHECK_WORDING("Q13①③", nps_wording_question_items(sb, qq, 13, &l));
    l = numbers(0, NULL);
    CHECK_WORDING("Q13①～⑤", nps_wording_question_items(sb, qq, 13, &l)); /* all number items */
    CHECK_WORDING("Q16", nps_wording_question_items(sb, qq, 16, &l));
    CHECK_WORDING("Q1～Q4", nps_wording_personal_questions(sb, qq));
    /* Q11 and Q12 word their none-applies option differently */
    CHECK_WORDING("「当てはまる事業はない」など", nps_wording_exclusive(sb, qq, &set->gap_business_questions));
    l = numbers(3, (const int[]){6, 7, 10});
    CHECK_WORDING("「当てはまる事業はない」", nps_wording_exclusive(sb, qq, &l));
    CHECK_WORDING("人間関係・心身の状態・環境の変化・家庭起因・その他", nps_wording_categories(sb, qq));
    CHECK_WORDING("財政面・人材面など", nps_wording_themes(sb, qq, 2));
    CHECK_WORDING("財政面・人材面・モノと場所・アウトリーチ・連携", nps_wording_themes(sb, qq, 9));
}

/* The 2024 fixture (fixtures/hokkaido-2024): the findings name 2024's
 * questions and counts, where 2023's code said Q38・Q39 and 32項目. */
TEST(year2024_findings)
{
    nps_questionnaire *q24 = NULL;
    nps_dataset *d = NULL;
    nps_results *r = NULL;
    nps_diag diag = {0};
    char **lines = NULL, all[8192] = "";
    size_t n = 0;
    if (nps_questionnaire_load_dir(NPS_SOURCE_DIR "/fixtures/hokkaido-2024/questionnaire", &q24, &diag) != NPS_OK ||
        nps_read_export(NPS_SOURCE_DIR "/fixtures/hokkaido-2024/responses.csv", q24, NULL, &d, &diag) != NPS_OK ||
        nps_results_build(d, NULL, &r) != NPS_OK) {
        CHECK(!"cannot read the 2024 fixture");
        fprintf(stderr, "  %s:%ld: %s\n", diag.file, diag.line, diag.message);
        goto cleanup;
    }
    CHECK_INT(nps_commentary_findings(r, &lines, &n), NPS_OK);
    for (size_t i = 0; i < n; i++)
        if (strlen(all) + strlen(lines[i]) + 2 < sizeof all) {
            strcat(all, lines[i]);
            strcat(all, "\n");
        }
    CHECK_HAS(all, "\nQ22 関わっている方々が持つ困りごと：33項目の困りごとへの回答のうち、");
    /* the themes come after Q36 (the stars), before the new closed Q39 */
    CHECK_HAS(all, "\nQ36 どの程度対応ができているかの自己評価：");
    CHECK_HAS(all, "\n自由回答（Q37・Q38）の課題を5つのテーマで分類すると、");
    CHECK(n > 0 && starts_with(lines[n - 1], "自由回答（Q37・Q38）"));
    CHECK_HAS(all, "「フードパントリーなどの食料・物資の配布」");
    CHECK_LACKS(all, "Q38・Q39");
    CHECK_LACKS(all, "32項目");
    const nps_settings *set = nps_questionnaire_settings(q24);
    CHECK_WORDING("Q37・Q38", nps_wording_questions(sb, &set->theme_questions));
    CHECK_WORDING("Q21・Q23・Q26・Q30・Q37・Q38", nps_wording_questions(sb, &set->free_text_questions));
cleanup:
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
    nps_results_free(r);
    nps_dataset_free(d);
    nps_questionnaire_free(q24);
}

/* Every question of the fixture, exactly (the report's sentences). */
TEST(fixture_every_question)
{
    static const struct { int number; const char *text; } golden[] = {
        {6, "「当てはまる事業はない」と「その他」を除くと、「子ども食堂などの子どもの居場所」が27.7%と最も多く、"
            "次いで「子育て支援の居場所」が15.4%となっている（差は誤差の範囲内）。"},
        {7, "「当てはまる事業はない」が50.8%と最も多く、「その他」を除くと、次いで「その他若者の居場所」が24.6%となっている。"},
        {8, "「当てはまる事業はない」と「その他」を除くと、「障害福祉サービス（就労支援）」が13.8%と最も多く、"
            "次いで「放課後等デイサービス」と「相互学習の場」が共に9.2%となっている（差は誤差の範囲内）。"},
        {9, "「当てはまる事業はない」が53.8%と最も多く、「その他」を除くと、次いで「相互学習の場」が13.8%となっている。"},
        {10, "「当てはまる事業はない」と「その他」を除くと、「相互学習の場」が24.6%と最も多く、"
             "次いで「自助グループ、ピアサポートなど」が12.3%となっている（差は誤差の範囲内）。"},
        {11, "「相談支援として行っている事業はない」を除くと、「その他の相談窓口」が33.8%と最も多く、"
             "次いで「子育て相談対応」が12.3%となっている。"},
        {12, "「オンラインの居場所は運営していない」が55.4%と最も多く、次いで「電話等での相談」が36.9%となっている（差は誤差の範囲内）。"},
        {13, "①②③⑤では「1～5人」、④では「0人」が最も多い。"},
        {14, "無回答を除くと、「小学生」、「中学生」と「高校生（15歳～18歳）」では「0%」、"
             "「19歳～39歳」と「65歳以上」では「11～20％」、「40歳～64歳」では「41～50％」が最も多い。"
             "5割を超えると回答した団体の数は、「19歳～39歳」が5団体、「40歳～64歳」が12団体、「65歳以上」が8団体"
             "（ほかの項目は0団体）で、「40歳～64歳」が最も多いが、「19歳～39歳」と「65歳以上」との差は95%信頼区間の内にあり、"
             "順位はつけられない。"},
        {15, "無回答を除くと、いずれの項目も「1～5人」が最も多い。"},
        {16, "「11～20人」が13団体と最も多いが、「101～200人」も9団体ある。"
                 "ただし区分の幅は一定ではなく、「11～20人」は10人、「101～200人」は100人の幅の区分であるため、団体数の多少は分布の形をそのまま表さない。"},
        {17, "無回答を除くと、「単発で支援している対象者」では「5％以下」、「継続的に支援している対象者」では「100%」、"
             "「ボランティアとして活動にかかわっている」と「その他」では「0%」、"
             "「コアスタッフとして活動に関わっている」では「0%」と「5％以下」が最も多い。"
             "5割を超えると回答した団体の数は、「単発で支援している対象者」が4団体、「継続的に支援している対象者」が37団体"
             "（ほかの項目は0団体）で、「継続的に支援している対象者」が最も多い（他の項目との差は95%信頼区間の外にある）。"},
        {18, "無回答を除くと、「単発で支援している対象者」では「11～20人」、「継続的に支援している対象者」、"
             "「コアスタッフとして活動に関わっている」と「その他」では「1～5人」、"
             "「ボランティアとして活動にかかわっている」では「0人」が最も多い。"},
        {19, "無回答を除くと、いずれの項目も「0%」が最も多い。"
             "5割を超えると回答した団体の数は、「未就学児」が4団体、「小学生」が7団体、「中学生」が4団体、"
             "「高校生（15歳～18歳）」が3団体、「19歳～39歳」が12団体、「40歳～64歳」が2団体、「65歳以上」が4団体で、"
             "「19歳～39歳」が最も多いが、「小学生」との差は95%信頼区間の内にあり、順位はつけられない。"},
        {20, "無回答を除くと、「未就学児」、「中学生」、「高校生（15歳～18歳）」、「19歳～39歳」と「65歳以上」"
             "では「0人」、「小学生」では「6～10人」、「40歳～64歳」では「1～5人」が最も多い。"},
        {22, "32項目の困りごとへの回答のうち、「把握している」は50.0%で、そのうち84.6%が「対応する意向あり」となっている。"
             "「対応できている」もののうち、77.3%が「他団体と連携して対応」、22.7%が「自団体で対応」となっている。"
             "困りごと別に見ると、「対応できている」の割合（32項目全体で31.7%）が全体より高い（95%信頼区間が全体の値を上回る）"
             "のは「病気・怪我」、「身体障害」、「ひとり親世帯」など4項目、低いのは「被災」と「妊娠、出産」である。"
             "「把握していない」の割合（32項目全体で48.6%）が全体より高いのは「いじめ（職場）」、「DV加害」、「被災」など5項目、"
             "低いのは「病気・怪我」、「発達障害グレーゾーン」、「子育て世帯」など6項目である。"},
        {24, "「常時利用者（登録者）の受入を行っている」と「直接、会って話すかかわりをしている」において、"
             "「積極的に行っている」が5割を超えている。「積極的に行っている」または「やや行えている」と回答した団体が「あまり行えていない」または「全く行えていない」と回答した団体を上回る項目は37項目中15項目、下回る項目は0項目で、残る22項目は両者の差が95%信頼区間の内にあり、どちらとも言えない。"},
        {25, "「積極的に行っている」が5割を超える項目はないが、「積極的に行っている」と「やや行えている」を合わせると"
             "「支援者同士が集える場をもっている」が約5割と最も多い。"
             "「積極的に行っている」または「やや行えている」と回答した団体が「あまり行えていない」または「全く行えていない」"
             "と回答した団体を上回る項目は5項目中1項目（「支援者同士が集える場をもっている」）、下回る項目は1項目"
             "（「行政や専門機関・団体で研修会や研究を行っている」）で、残る3項目は両者の差が95%信頼区間の内にあり、どちらとも言えない。"},
        {26, "無回答と「その他」を除くと、「受入不可」が21.5%と最も多く、"
             "次いで「1週間～1ヶ月未満」と「1ヶ月～6ヶ月未満」が共に3.1%となっている。"},
        {28, "無回答を除くと、「住むことが可能な人数」では「1～5人」、「個室（部屋数）」では「1室」、「相部屋（部屋数）」では「0室」と「1室」が最も多い。"},
        {29, "無回答が61.5%と多いものの、「あり」と回答した団体は13.8%、「なし」は24.6%となっている。"},
        {30, "無回答を除くと、「月1－2日」が12.3%と最も多く、次いで「平日のみ週5日」が10.8%となっている（差は誤差の範囲内）。"},
        {31, "無回答を除くと、「1日の平均利用者数」では「10人以上」、「広さ」では「～49㎡」が最も多い。"},
        {32, "無回答と「その他」を除くと、「平日のみ週5日」が12.3%と最も多く、次いで「毎日（週7日）」が9.2%となっている（差は誤差の範囲内）。"},
        {33, "無回答を除くと、「1～5人」が25団体と最も多い。"},
        {34, "「児童福祉担当」が32.3%と最も多く、次いで「障害福祉担当」が30.8%となっている（差は誤差の範囲内）。"},
        {35, "「社会福祉協議会」が44.6%と最も多く、次いで「障がい者支援団体」が35.4%となっている（差は誤差の範囲内）。"},
        {36, "「ＮＰＯ等地域団体」が56.9%と最も多く、次いで「民生児童委員」と「自治会町内会」が共に20.0%となっている。"},
        {37, "10段階中「★5つ」が約3割と最も多く、次いで「★3つ」が2割となっている（差は誤差の範囲内）。"},
    };
    const nps_questionnaire *qq = questionnaire();
    size_t g = 0;
    for (size_t i = 0; i < nps_questionnaire_question_count(qq); i++) {
        const nps_question *qu = nps_questionnaire_question_at(qq, i);
        char *s = comment_r(fixture(), qu->number);
        if (g < COUNT_OF(golden) && golden[g].number == qu->number) {
            CHECK_STR(s, golden[g].text);
            g++;
        } else {
            CHECK(s == NULL); /* text questions (Q1–Q5, Q21, Q23, Q27, Q38, Q39) */
            if (s)
                fprintf(stderr, "  ^ Q%d: %s\n", qu->number, s);
        }
        free(s);
    }
    CHECK_INT(g, COUNT_OF(golden));
}

/* ---------- hand-built data ---------- */

TEST(hand_ties_are_named_together)
{
    /* 10 organisations: options 1 and 3 four each, 6 and 8 two each */
    static const int counts[10] = {4, 0, 4, 0, 0, 2, 0, 2, 0, 0};
    nps_dataset *d = hand_q6(10, counts);
    char *s = comment_d(d, 6);
    CHECK_STR(s, "「フリースクール、無料学習塾、相互学習の場などの学習支援（常設のもの）」と"
                 "「子ども食堂などの子どもの居場所」が共に40.0%と最も多く、"
                 "次いで「子育て支援の居場所」と「相互学習の場」が共に20.0%となっている（差は誤差の範囲内）。");
    free(s);
    nps_dataset_free(d);

    /* four options tied: three named, then the count */
    static const int four[10] = {1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
    d = hand_q6(4, four);
    s = comment_d(d, 6);
    CHECK_HAS(s, "など4項目が共に25.0%と最も多い。");
    free(s);
    nps_dataset_free(d);
}

TEST(hand_nothing_or_only_excluded)
{
    static const int none[10] = {0};
    nps_dataset *d = hand_q6(5, none);
    char *s = comment_d(d, 6);
    CHECK_STR(s, "いずれの選択肢を選んだ団体もなかった。");
    free(s);
    s = comment_d(d, 37);
    CHECK_STR(s, "回答した団体はなかった。");
    free(s);
    s = comment_d(d, 16);
    CHECK_STR(s, "回答した団体はなかった。");
    free(s);
    s = comment_d(d, 13);
    CHECK_STR(s, "いずれの項目も数値の回答はなかった。");
    free(s);
    s = comment_d(d, 24);
    CHECK_STR(s, "いずれの項目でも「積極的に行っている」または「やや行えている」と回答した団体はなかった。");
    free(s);
    nps_dataset_free(d);

    static const int excluded[10] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 2}; /* その他 1, none 2 of 5 */
    d = hand_q6(5, excluded);
    s = comment_d(d, 6);
    CHECK_STR(s, "「当てはまる事業はない」が4割、「その他」が2割で、それ以外の選択肢を選んだ団体はなかった。");
    free(s);
    nps_dataset_free(d);
}

TEST(hand_none_first_needs_a_majority)
{
    /* none-applies 2 of 4 = exactly half: excluded, the plain top leads */
    static const int half[10] = {0, 0, 2, 0, 0, 0, 0, 0, 0, 2};
    nps_dataset *d = hand_q6(4, half);
    char *s = comment_d(d, 6);
    CHECK_STR(s, "「当てはまる事業はない」を除くと、回答があったのは「子ども食堂などの子どもの居場所」のみで、"
                 "5割となっている。");
    free(s);
    nps_dataset_free(d);
    /* 3 of 5: named first */
    static const int most[10] = {0, 0, 1, 0, 0, 1, 0, 0, 0, 3};
    d = hand_q6(5, most);
    s = comment_d(d, 6);
    CHECK_STR(s, "「当てはまる事業はない」が60.0%と最も多く、次いで「子ども食堂などの子どもの居場所」と"
                 "「子育て支援の居場所」が共に20.0%となっている（差は誤差の範囲内）。");
    free(s);
    nps_dataset_free(d);
    /* a majority, but その他 even larger: not first */
    static const int other[10] = {0, 0, 1, 0, 0, 0, 0, 0, 4, 3};
    d = hand_q6(5, other);
    s = comment_d(d, 6);
    CHECK(starts_with(s, "「当てはまる事業はない」と「その他」を除くと、"));
    free(s);
    nps_dataset_free(d);
}

TEST(hand_excluded_mentioned_only_when_it_matters)
{
    /* 10 orgs: top 4, runner-up 3; その他 2 and none-applies 1 (< 3): not mentioned */
    static const int low[10] = {0, 0, 4, 0, 0, 3, 0, 0, 2, 1};
    nps_dataset *d = hand_q6(10, low);
    char *s = comment_d(d, 6);
    CHECK_STR(s, "「子ども食堂などの子どもの居場所」が4割と最も多く、次いで「子育て支援の居場所」が3割となっている（差は誤差の範囲内）。");
    free(s);
    nps_dataset_free(d);
    /* その他 3 (= the runner-up): mentioned; none-applies still not */
    static const int equal[10] = {0, 0, 4, 0, 0, 3, 0, 0, 3, 1};
    d = hand_q6(10, equal);
    s = comment_d(d, 6);
    CHECK(starts_with(s, "「その他」を除くと、「子ども食堂などの子どもの居場所」が4割と最も多く、"));
    free(s);
    nps_dataset_free(d);
    /* 無回答 (rows that chose nothing) counts like an excluded answer */
    static const int empty[10] = {0, 0, 4, 0, 0, 3, 0, 0, 0, 0};
    d = hand_q6(10, empty);
    s = comment_d(d, 6);
    CHECK(starts_with(s, "無回答を除くと、「子ども食堂などの子どもの居場所」が4割"));
    free(s);
    nps_dataset_free(d);
}

TEST(hand_numbers_follow_the_data)
{
    /* the same question, other counts: other words and numbers */
    static const int a[10] = {0, 0, 14, 0, 0, 6, 0, 0, 0, 20};
    nps_dataset *d = hand_q6(40, a);
    char *s = comment_d(d, 6);
    CHECK_STR(s, "「当てはまる事業はない」を除くと、「子ども食堂などの子どもの居場所」が35.0%と最も多く、"
                 "次いで「子育て支援の居場所」が15.0%となっている（差は誤差の範囲内）。");
    free(s);
    nps_dataset_free(d);
}

TEST(hand_yes_no)
{
    nps_dataset *d = hand_new(8);
    for (size_t row = 0; row < 3; row++)
        nps_dataset_set_choice(d, row, field(29, 0), row == 0 ? 1 : 2);
    char *s = comment_d(d, 29); /* 無回答 5 of 8 > half */
    CHECK_STR(s, "無回答が62.5%と多いものの、「あり」と回答した団体は12.5%、「なし」は25.0%となっている。");
    free(s);
    for (size_t row = 3; row < 8; row++)
        nps_dataset_set_choice(d, row, field(29, 0), 1);
    s = comment_d(d, 29); /* あり 6, なし 2 */
    CHECK_STR(s, "「あり」と回答した団体は75.0%、「なし」は25.0%となっている。");
    free(s);
    nps_dataset_free(d);
}

TEST(hand_matrix_and_rating)
{
    /* Q24 over 4 orgs: row 1 answered 1 by three, row 2 by two (not over half) */
    nps_dataset *d = hand_new(4);
    for (size_t row = 0; row < 4; row++) {
        nps_dataset_set_choice(d, row, field(24, 1), row < 3 ? 1 : 5);
        nps_dataset_set_choice(d, row, field(24, 2), row < 2 ? 1 : 2);
        nps_dataset_set_choice(d, row, field(37, 0), row < 2 ? 7 : (int)row + 1);
    }
    char *s = comment_d(d, 24);
    CHECK_STR(s, "「常時ボランティア（有償・無償問わず）の受入を行っている」において、「積極的に行っている」が5割を超えている。"
                 "「積極的に行っている」または「やや行えている」と回答した団体が「あまり行えていない」または「全く行えていない」"
                 "と回答した団体を上回る項目は37項目中1項目（「常時利用者（登録者）の受入を行っている」）、下回る項目は0項目で、"
                 "残る36項目は両者の差が95%信頼区間の内にあり、どちらとも言えない。");
    free(s);
    s = comment_d(d, 37);
    CHECK_STR(s, "10段階中「★7つ」が50.0%と最も多く、次いで「★3つ」と「★4つ」が共に25.0%となっている（差は誤差の範囲内）。");
    free(s);
    /* no row over half: rows 1 and 2 tie on 1+2 */
    for (size_t row = 0; row < 4; row++) {
        nps_dataset_set_choice(d, row, field(24, 1), row < 1 ? 1 : (row < 3 ? 2 : 3));
        nps_dataset_set_choice(d, row, field(24, 2), row < 2 ? 1 : (row < 3 ? 2 : 4));
    }
    s = comment_d(d, 24);
    CHECK_STR(s, "「積極的に行っている」が5割を超える項目はないが、「積極的に行っている」と「やや行えている」を合わせると"
                 "「常時ボランティア（有償・無償問わず）の受入を行っている」と「常時利用者（登録者）の受入を行っている」"
                 "が共に75.0%と最も多い。"
                 "「積極的に行っている」または「やや行えている」と回答した団体が「あまり行えていない」または「全く行えていない」"
                 "と回答した団体を上回る項目は37項目中1項目（「常時ボランティア（有償・無償問わず）の受入を行っている」）、"
                 "下回る項目は0項目で、残る36項目は両者の差が95%信頼区間の内にあり、どちらとも言えない。");
    free(s);
    nps_dataset_free(d);
}

TEST(hand_numeric_fields)
{
    /* Q16 over 6 orgs: bins 11～20人 ×3, 101～200人 ×2 (≥ 2/3 of 3), 1 unanswered */
    nps_dataset *d = hand_new(6);
    static const double users[5] = {15, 12, 20, 150, 101};
    for (size_t row = 0; row < 5; row++)
        nps_dataset_set_number(d, row, field(16, 0), users[row], users[row] > 100 ? 13 : 4);
    char *s = comment_d(d, 16);
    CHECK_STR(s, "「11～20人」が3団体と最も多いが、「101～200人」も2団体ある。"
                 "ただし区分の幅は一定ではなく、「11～20人」は10人、「101～200人」は100人の幅の区分であるため、団体数の多少は分布の形をそのまま表さない。");
    free(s);
    /* Q13: ① and ② answered 1～5人, ③ 0人, ④⑤ unanswered */
    for (size_t row = 0; row < 2; row++) {
        nps_dataset_set_number(d, row, field(13, 1), 3, 2);
        nps_dataset_set_number(d, row, field(13, 2), 4, 2);
        nps_dataset_set_number(d, row, field(13, 3), 0, 1);
    }
    s = comment_d(d, 13);
    CHECK_STR(s, "無回答を除くと、①②では「1～5人」、③では「0人」が最も多い。④⑤には数値の回答がなかった。");
    free(s);
    /* a single answered bin */
    nps_dataset_set_number(d, 0, field(33, 0), 2.5, 2);
    s = comment_d(d, 33);
    CHECK_STR(s, "無回答を除くと、回答があったのは「1～5人」のみで、1団体となっている。");
    free(s);
    nps_dataset_free(d);
}

/* The readings (docs/commentary.md §6): the interval test, a share group
 * and a five-point scale over hand-built data. */
TEST(reading_interval_rule)
{
    CHECK(nps_cm_differ(8, 2, 10));   /* 0.6 apart, half-width 0.50 */
    CHECK(!nps_cm_differ(5, 3, 10));  /* 0.2 apart, half-width 0.54 */
    CHECK(!nps_cm_differ(0, 0, 10));
    CHECK(!nps_cm_differ(3, 1, 0));
    CHECK(nps_cm_differ(37, 4, 65));  /* Q17 of 2023 */
    CHECK(!nps_cm_differ(12, 7, 65)); /* Q19 of 2023 */
}

TEST(reading_share_group)
{
    nps_dataset *d = hand_new(10);
    for (size_t row = 0; row < 10; row++) { /* 継続的 100% ×8, 単発 60% ×2 */
        if (row < 8)
            nps_dataset_set_number(d, row, field(17, 2), 100, 13);
        else
            nps_dataset_set_number(d, row, field(17, 1), 60, 8);
    }
    char *s = comment_d(d, 17);
    CHECK_HAS(s, "5割を超えると回答した団体の数は、「単発で支援している対象者」が2団体、「継続的に支援している対象者」が8団体"
                 "（ほかの項目は0団体）で、「継続的に支援している対象者」が最も多い（他の項目との差は95%信頼区間の外にある）。");
    free(s);
    nps_dataset_free(d);
    d = hand_new(10);
    for (size_t row = 0; row < 8; row++) { /* 5 against 3: inside the interval */
        if (row < 5)
            nps_dataset_set_number(d, row, field(17, 2), 80, 10);
        else
            nps_dataset_set_number(d, row, field(17, 1), 51, 8);
    }
    s = comment_d(d, 17);
    CHECK_HAS(s, "「継続的に支援している対象者」が最も多いが、「単発で支援している対象者」との差は95%信頼区間の内にあり、"
                 "順位はつけられない。");
    CHECK_LACKS(s, "外にある");
    free(s);
    s = comment_d(d, 18); /* counts, not shares: no reading */
    CHECK_LACKS(s, "5割を超える");
    free(s);
    nps_dataset_free(d);
}

TEST(reading_scale)
{
    nps_dataset *d = hand_new(10);
    for (size_t row = 0; row < 10; row++) {
        nps_dataset_set_choice(d, row, field(25, 1), row < 9 ? 1 : 3);
        nps_dataset_set_choice(d, row, field(25, 2), row < 9 ? 5 : 4);
        nps_dataset_set_choice(d, row, field(25, 3), row < 5 ? 2 : 4); /* 5 against 5 */
    }
    char *s = comment_d(d, 25);
    CHECK_HAS(s, "を上回る項目は5項目中1項目（「孤独・孤立対策に関連する行政や専門団体等の研修に参加している」）、"
                 "下回る項目は1項目（「つながり続ける支援のため行政や専門団体等の研修に参加している」）で、"
                 "残る3項目は両者の差が95%信頼区間の内にあり、どちらとも言えない。");
    free(s);
    nps_dataset_free(d);
}

/* The 2024 questionnaire (other numbers, 33 troubles): the readings follow it. */
TEST(reading_year2024)
{
    nps_questionnaire *q24 = NULL;
    nps_dataset *d = NULL;
    nps_results *r = NULL;
    nps_diag diag = {0};
    size_t scales = 0, troubles = 0;
    if (nps_questionnaire_load_dir(NPS_SOURCE_DIR "/fixtures/hokkaido-2024/questionnaire", &q24, &diag) != NPS_OK ||
        nps_read_export(NPS_SOURCE_DIR "/fixtures/hokkaido-2024/responses.csv", q24, NULL, &d, &diag) != NPS_OK ||
        nps_results_build(d, NULL, &r) != NPS_OK) {
        CHECK(!"cannot read the 2024 fixture");
        goto cleanup;
    }
    for (size_t i = 0; i < nps_questionnaire_question_count(q24); i++) {
        const nps_question *qu = nps_questionnaire_question_at(q24, i);
        char *s = NULL, want[64];
        if (qu->type != NPS_Q_MATRIX)
            continue;
        CHECK_INT(nps_commentary_question(r, qu, &s), NPS_OK);
        if (s && strstr(s, "困りごと別に見ると")) {
            troubles++;
            CHECK_HAS(s, "33項目全体で");
        } else if (s) {
            snprintf(want, sizeof want, "上回る項目は%zu項目中", qu->n_fields);
            CHECK_HAS(s, want);
            scales++;
        }
        free(s);
    }
    CHECK_INT(troubles, 1);
    CHECK(scales >= 2);
cleanup:
    nps_results_free(r);
    nps_dataset_free(d);
    nps_questionnaire_free(q24);
}

/* In an NPS_FAILALLOC build: every allocation failure is NPS_ERR_NOMEM
 * and leaks nothing (LeakSanitizer); elsewhere this test is empty. */
TEST(commentary_survives_allocation_failures)
{
#ifdef NPS_FAILALLOC
    const nps_results *r = fixture();
    const nps_questionnaire *qq = questionnaire();
    for (size_t i = 0; i < nps_questionnaire_question_count(qq); i++) {
        const nps_question *qu = nps_questionnaire_question_at(qq, i);
        for (long n = 0; n < 100000; n++) {
            char *s = NULL;
            nps_alloc_fail_after(n);
            nps_error err = nps_commentary_question(r, qu, &s);
            nps_alloc_fail_after(-1);
            if (err == NPS_OK) {
                free(s);
                break;
            }
            CHECK_INT(err, NPS_ERR_NOMEM);
            CHECK(s == NULL);
        }
    }
    for (long n = 0; n < 100000; n++) {
        char **lines = NULL;
        size_t k = 0;
        nps_alloc_fail_after(n);
        nps_error err = nps_commentary_findings(r, &lines, &k);
        nps_alloc_fail_after(-1);
        if (err == NPS_OK) {
            CHECK_INT(k, 15);
            for (size_t i = 0; i < k; i++)
                free(lines[i]);
            free(lines);
            break;
        }
        CHECK_INT(err, NPS_ERR_NOMEM);
        CHECK(lines == NULL && k == 0);
    }
#endif
}

UNIT_MAIN()
