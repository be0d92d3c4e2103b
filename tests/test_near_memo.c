/*
 * test_near_memo.c — the memo of near misses (read/near_memo.h) gives the
 * answers nps_near_option gives, for repeated and distinct texts, full or
 * not.
 */
#include <stdbool.h>
#include <stdio.h>
#include "unit.h"
#include "read/near.h"
#include "read/near_memo.h"

static const nps_option opts[] = {
    {"（常設のもの）", "a", NPS_OPTION_PLAIN}, {"（非常設のもの）", "b", NPS_OPTION_PLAIN},
    {"子ども食堂の運営", "c", NPS_OPTION_PLAIN}, {"学習支援", "d", NPS_OPTION_PLAIN},
    {"あり", "e", NPS_OPTION_PLAIN}, {"なし", "f", NPS_OPTION_PLAIN}};
static const nps_list list = {"t", 6, opts};

/* Texts of a few equal byte lengths, some one slip from a label and some
 * not, so that a memo confusing two entries answers wrongly. */
static void text_at(int i, char *buf, size_t cap)
{
    static const char *const forms[] = {
        "（常設のもの", "（非常設のもの", "子ども食堂の運", "学習支援%03d", "学習支%03d援",
        "子ども食堂の運営%d", "%03dども食堂の運営", "ありません%d", "（常設%03d）"};
    int f = i % 9, k = i / 9;
    snprintf(buf, cap, forms[f], k);
}

TEST(memo_answers_as_near_option_does)
{
    nps_near_memo *memo = NULL;
    char buf[64];
    /* each text three times, interleaved with others */
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < 900; i++) {
            text_at(i, buf, sizeof buf);
            int want = nps_near_option(&list, buf, strlen(buf));
            int got = nps_near_memo_option(&memo, &list, buf, strlen(buf));
            if (got != want)
                fprintf(stderr, "round %d text %s: memo %d, near_option %d\n", round, buf, got, want);
            CHECK_INT(got, want);
        }
    CHECK(nps_near_memo_count(memo) > 0);
    CHECK(nps_near_memo_count(memo) <= 900);
    nps_near_memo_free(memo);
}

/* 24-byte texts: 子ども食堂の運 + one kanji is one slip from 子ども食堂の運営
 * (option 3); 子ども食堂の + two kanji is two (no option). A memo that
 * took one entry for another of the same length would answer wrongly. */
static void same_length_text(int i, char *buf)
{
    unsigned c1 = 0x4E00 + (unsigned)i, c2 = 0x5E00 + (unsigned)i;
    bool near = i % 2 == 0;
    strcpy(buf, near ? "子ども食堂の運" : "子ども食堂の");
    for (int k = 0; k < (near ? 1 : 2); k++) {
        unsigned c = k == 0 ? c1 : c2;
        char *p = buf + strlen(buf);
        p[0] = (char)(0xE0 | (c >> 12));
        p[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        p[2] = (char)(0x80 | (c & 0x3F));
        p[3] = '\0';
    }
}

TEST(memo_tells_texts_of_one_length_apart)
{
    nps_near_memo *memo = NULL;
    char buf[64];
    int wrong = 0;
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 2000; i++) {
            same_length_text(i, buf);
            int want = i % 2 == 0 ? 3 : 0;
            CHECK_INT((int)strlen(buf), 24);
            CHECK_INT(nps_near_option(&list, buf, strlen(buf)), want);
            wrong += nps_near_memo_option(&memo, &list, buf, strlen(buf)) != want;
        }
    CHECK_INT(wrong, 0);
    CHECK_INT((int)nps_near_memo_count(memo), 2000);
    nps_near_memo_free(memo);
}

TEST(memo_answers_near_misses_and_misses)
{
    nps_near_memo *memo = NULL;
    for (int round = 0; round < 2; round++) {
        CHECK_INT(nps_near_memo_option(&memo, &list, "（常設のもの", strlen("（常設のもの")), 1);
        CHECK_INT(nps_near_memo_option(&memo, &list, "（仮常設のもの）", strlen("（仮常設のもの）")), 0);
        CHECK_INT(nps_near_memo_option(&memo, &list, "学習支援援", strlen("学習支援援")), 4);
        CHECK_INT(nps_near_memo_option(&memo, &list, "ない", strlen("ない")), 0);
        /* a prefix of a text held: its own entry */
        CHECK_INT(nps_near_memo_option(&memo, &list, "学習支援援", strlen("学習支援")), 4);
        CHECK_INT(nps_near_memo_option(&memo, &list, "学習支援援", strlen("学習支")), 0);
        CHECK_INT(nps_near_memo_option(&memo, &list, "学習支援援x", 0), 0);
    }
    CHECK_INT((int)nps_near_memo_count(memo), 7);
    nps_near_memo_free(memo);
}

TEST(memo_full_still_answers)
{
    nps_near_memo *memo = NULL;
    char buf[64];
    /* more distinct texts than the memo holds: the rest computed */
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 9000; i++) {
            text_at(i, buf, sizeof buf);
            CHECK_INT(nps_near_memo_option(&memo, &list, buf, strlen(buf)),
                      nps_near_option(&list, buf, strlen(buf)));
        }
    CHECK_INT((int)nps_near_memo_count(memo), 4096);
    nps_near_memo_free(memo);
}

UNIT_MAIN()
