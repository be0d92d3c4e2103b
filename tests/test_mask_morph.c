/*
 * test_mask_morph.c — the masker's dictionary rule (mask_morph.c: MeCab
 * with the IPA dictionary), with values of its own, not the tenth set's:
 * names no shape gives away are masked (a bare family name, a katakana name
 * and the words joined to it by ・, a full name, a variant kanji, a
 * one-kanji name before さん, a name alone in round brackets), and the
 * ordinary words the dictionary could take for names stay (a term in
 * quotes, a town before 市, 道央, ケアマネ, hiragana words that are given
 * names too). Also: a text longer than one piece, and invalid bytes.
 */
#include <stdlib.h>
#include <string.h>
#include "analyse/mask.h"
#include "base/strbuf.h"
#include "unit.h"
#include "mask_cases.h"

TEST(mask_names_without_shape)
{
    static const mask_case cases[] = {
        {"当番は月曜が吉村、木曜が事務局です", "当番は月曜が［氏名］、木曜が事務局です"},
        {"送迎はいつも小松がやってくれる", "送迎はいつも［氏名］がやってくれる"},
        {"ボランティアのジョンが通訳した", "ボランティアの［氏名］が通訳した"},
        {"グエン・ヴァン・フンさんの在留手続き", "［氏名］さんの在留手続き"},
        {"議事録：石田和子", "議事録：［氏名］"},
        {"会計は﨑山が担当", "会計は［氏名］が担当"},
        {"窓口の堀さんに伝えた", "窓口の［氏名］さんに伝えた"},
        {"監査（岡村）の確認済み", "監査（［氏名］）の確認済み"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_ordinary_words_stay)
{
    static const mask_case cases[] = {
        {"「親子」を対象とした事業", "「親子」を対象とした事業"},
        {"伊達市で活動しています", "伊達市で活動しています"},
        {"石狩管内の子ども食堂", "石狩管内の子ども食堂"},
        {"道央地域で若者の就労支援", "道央地域で若者の就労支援"},
        {"居宅介護支援事業所（ケアマネ事業所）", "居宅介護支援事業所（ケアマネ事業所）"},
        {"活動のあゆみをまとめた", "活動のあゆみをまとめた"},
        {"夜道にあかりを灯す活動", "夜道にあかりを灯す活動"},
        {"相談件数（平年）は横ばい", "相談件数（平年）は横ばい"},
        {"佐藤陽一記念財団の助成を受けた", "佐藤陽一記念財団の助成を受けた"}, /* a fund's name */
    };
    check_cases(cases, COUNT_OF(cases));
}

/* A name after more than one piece of text (2 KiB) without a line end, and
 * a name after an invalid byte, are found as well. */
TEST(mask_long_and_broken_texts)
{
    nps_strbuf b = {0};
    for (int i = 0; i < 300; i++)
        nps_strbuf_add(&b, "地域の見守り活動を続けています。");
    nps_strbuf_add(&b, "連絡は小松が\xFF");
    nps_strbuf_add(&b, "送迎は吉村が担当");
    CHECK(!b.failed);
    char *got = nps_mask_text(NULL, b.s);
    CHECK(got != NULL);
    if (got) {
        CHECK(strstr(got, "小松") == NULL);
        CHECK(strstr(got, "吉村") == NULL);
        CHECK(strstr(got, "連絡は［氏名］が\xEF\xBF\xBD送迎は［氏名］が担当") != NULL);
    }
    free(got);
    free(b.s);
}

UNIT_MAIN()
