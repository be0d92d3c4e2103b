/*
 * test_mask_thirteenth.c — the masker's rules written after the thirteenth
 * set's blind run (docs/robustness.md), with values of their own (not the
 * set's): a name quoted before と名乗, a shop in 「」 after ストア or ending in
 * 販売所, a romaji name in capitals before an honorific, two romaji words in
 * lower case, a family name before の and a kin word, a hiragana name after
 * a digit and の or alone in brackets after a word for a person, a name in
 * kana after 名前は, a shop before のマスター, an English company before
 * Japan. Each form has positive cases and ordinary text that must stay.
 */
#include <stdlib.h>
#include <string.h>
#include "analyse/mask.h"
#include "unit.h"
#include "mask_cases.h"

TEST(mask_people_of_the_thirteenth_forms)
{
    static const mask_case cases[] = {
        {"「すずか」と名乗った女性", "「［氏名］」と名乗った女性"},
        {"添削をＭＯＲＩＭＯＴＯ先生に", "添削を［氏名］先生に"},
        {"フォームに ayumi kitabatake と", "フォームに ［氏名］ と"},
        {"隣の楢崎のおばあちゃんが", "隣の［氏名］のおばあちゃんが"},
        {"中2の男の子（はるき）が", "中2の男の子（［氏名］）が"},
        {"中2のゆうまくんが", "中2の［氏名］くんが"},
        {"名前は、ちひろだよ", "名前は、［氏名］だよ"},
        /* ordinary text stays */
        {"親戚のおばちゃんが", "親戚のおばちゃんが"},
        {"施設のおじいちゃんが", "施設のおじいちゃんが"},
        {"名前はまだです", "名前はまだです"},
        {"名前はわからないと", "名前はわからないと"},
        /* a kana and then a character of another width: never cut inside it */
        {"名前はマ1です", "名前はマ1です"},
        {"名前はさAです", "名前はさAです"},
        {"男性（ボランティア）", "男性（ボランティア）"},
        {"home page kara", "home page kara"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_groups_of_the_thirteenth_forms)
{
    static const mask_case cases[] = {
        {"ドラッグストア「やまびこ堂」が", "ドラッグストア「［団体名］」が"},
        {"「ひので新聞販売所」から連絡", "「［団体名］」から連絡"},
        {"喫茶こもれびのマスターが", "喫茶［団体名］のマスターが"},
        {"Willow Tree Japanの社員", "［団体名］ Japanの社員"},
        /* ordinary text stays */
        {"喫茶店のマスターが", "喫茶店のマスターが"},
        {"Made in Japan", "Made in Japan"},
        {"「商店」の集まり", "「商店」の集まり"},
    };
    check_cases(cases, COUNT_OF(cases));
}

UNIT_MAIN()
