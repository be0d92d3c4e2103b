/*
 * test_header.c — the header grammar of docs/reading.md (header.h): question
 * numbers with Q / Ｑ / 問, item indices -n / _n, the separators . ． : ： and
 * space, Google grid rows " [row]", headers without a number, and the ranks
 * of the timestamp column. Table-driven; exact expectations.
 */
#include <stdlib.h>
#include "unit.h"
#include "read/header.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

typedef struct header_case {
    const char *raw;
    int number;
    int item;
    const char *text;   /* NFKC, trimmed */
    const char *row;    /* NULL: no " [row]" */
} header_case;

static void check_headers(const header_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        nps_header h;
        int before = unit_failures;
        int rc = nps_header_parse(cases[i].raw, strlen(cases[i].raw), &h);
        CHECK_INT(rc, 0);
        if (rc == 0) {
            CHECK_INT(h.number, cases[i].number);
            CHECK_INT(h.item, cases[i].item);
            CHECK_STR(h.text, cases[i].text);
            if (cases[i].row)
                CHECK_STR(h.row, cases[i].row);
            else
                CHECK(h.row == NULL);
            nps_header_clear(&h);
        }
        if (unit_failures != before)
            fprintf(stderr, "  ^ case %zu: \"%s\"\n", i, cases[i].raw);
    }
}

TEST(numbered_separators)
{
    static const header_case cases[] = {
        {"Q6. text", 6, 0, "text", NULL},
        {"Q6.text", 6, 0, "text", NULL},
        {"Q6 text", 6, 0, "text", NULL},
        {"Q6:text", 6, 0, "text", NULL},
        {"Q6：text", 6, 0, "text", NULL},          /* full-width colon */
        {"Q6．text", 6, 0, "text", NULL},          /* full-width full stop */
        {"Q6", 6, 0, "", NULL},                    /* end of header */
        {"Q6.", 6, 0, "", NULL},
        {"q6. text", 6, 0, "text", NULL},          /* lower-case q */
        {"Q39. 活動内容", 39, 0, "活動内容", NULL},
        {"  Q6.   spaced text  ", 6, 0, "spaced text", NULL}, /* trimmed first */
    };
    check_headers(cases, COUNT_OF(cases));
}

TEST(full_width_and_kanji_prefix)
{
    static const header_case cases[] = {
        {"Q６．text", 6, 0, "text", NULL},
        {"Ｑ６．text", 6, 0, "text", NULL},
        {"Ｑ１３\xEF\xBC\x8D" "２．text", 13, 2, "text", NULL}, /* U+FF0D → '-' */
        {"Ｑ１３＿２　text", 13, 2, "text", NULL},               /* U+FF3F → '_' */
        {"問6 text", 6, 0, "text", NULL},
        {"問６　貴団体について", 6, 0, "貴団体について", NULL},   /* ideographic space */
        {"問22. 困りごと", 22, 0, "困りごと", NULL},
    };
    check_headers(cases, COUNT_OF(cases));
}

TEST(item_index)
{
    static const header_case cases[] = {
        {"Q13-2. text", 13, 2, "text", NULL},
        {"Q13_2 text", 13, 2, "text", NULL},
        {"Q13-2 text", 13, 2, "text", NULL},
        {"Q13_2．②常勤職員", 13, 2, "2常勤職員", NULL},  /* NFKC: ② → 2 */
        {"Q24-37: 住まいの提供", 24, 37, "住まいの提供", NULL},
        {"Q13-2", 13, 2, "", NULL},
        {"Q13-. text", 0, 0, "Q13-. text", NULL},   /* '-' without a digit */
        {"Q13-2text", 0, 0, "Q13-2text", NULL},     /* no separator after the item */
    };
    check_headers(cases, COUNT_OF(cases));
}

TEST(grid_row)
{
    static const header_case cases[] = {
        {"Q22. label [いじめ（学校）]", 22, 0, "label", "いじめ(学校)"},
        {"Q22. 困りごと [ DV被害 ]", 22, 0, "困りごと", "DV被害"},
        {"Q24. 機能 [常時ボランティア（有償・無償問わず）の受入を行っている]", 24, 0, "機能",
         "常時ボランティア(有償・無償問わず)の受入を行っている"},
        {"貴団体が関わっている方々はどんな困りごとを持っていますか？ [介護]", 0, 0,
         "貴団体が関わっている方々はどんな困りごとを持っていますか?", "介護"},
        {"[only brackets]", 0, 0, "[only brackets]", NULL}, /* nothing before '[' */
        {"Q22. no closing [bracket", 22, 0, "no closing [bracket", NULL},
    };
    check_headers(cases, COUNT_OF(cases));
}

TEST(without_number)
{
    static const header_case cases[] = {
        {"団体名を記載してください。", 0, 0, "団体名を記載してください。", NULL},
        {"Q6text", 0, 0, "Q6text", NULL},           /* no separator → no number */
        {"Question 6", 0, 0, "Question 6", NULL},
        {"Q0. zero", 0, 0, "Q0. zero", NULL},        /* numbers start at 1 */
        {"Q1000. big", 0, 0, "Q1000. big", NULL},    /* above 999 */
        {"Q12345 five digits", 0, 0, "Q12345 five digits", NULL},
        {"メールアドレス", 0, 0, "メールアドレス", NULL},
        {"", 0, 0, "", NULL},
        {"問題があれば", 0, 0, "問題があれば", NULL},   /* 問 not followed by a digit */
    };
    check_headers(cases, COUNT_OF(cases));
}

TEST(invalid_utf8_fails)
{
    nps_header h;
    CHECK_INT(nps_header_parse("Q6. \xFF", 5, &h), -1);
    CHECK(h.text == NULL);
    CHECK(h.row == NULL);
}

TEST(timestamp_ranks)
{
    static const struct { const char *raw; int rank; } cases[] = {
        {"タイムスタンプ", 1},
        {"Timestamp", 1},
        {"timestamp", 1},
        {"TIMESTAMP", 1},
        {"Ｔｉｍｅｓｔａｍｐ", 1},        /* full-width, NFKC */
        {" タイムスタンプ ", 1},           /* trimmed */
        {"完了時刻", 2},
        {"Completion time", 2},
        {"開始時刻", 3},
        {"Start time", 3},
        {"タイムスタンプ2", 0},
        {"Time stamp", 0},
        {"メールアドレス", 0},
        {"Q1. 記入者名", 0},
        {"", 0},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        int before = unit_failures;
        CHECK_INT(nps_header_timestamp_rank(cases[i].raw, strlen(cases[i].raw)), cases[i].rank);
        if (unit_failures != before)
            fprintf(stderr, "  ^ case %zu: \"%s\"\n", i, cases[i].raw);
    }
}

UNIT_MAIN()
