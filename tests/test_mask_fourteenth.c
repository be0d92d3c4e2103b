/*
 * test_mask_fourteenth.c — the masker's rules written after the fourteenth
 * set's blind run (docs/robustness.md), with values of their own (not the
 * set's): a family name the dictionary reads otherwise, given a task (が担当,
 * に…を頼みました, より：), a romaji family name inside Japanese before a
 * particle, a child's name before its age or school year in brackets, a
 * shop named right after its kind (カフェ…, 喫茶…, 居酒屋…) or right before
 * it (…接骨院, …不動産). Each form has positive cases and ordinary text that
 * must stay.
 */
#include <stdlib.h>
#include <string.h>
#include "analyse/mask.h"
#include "unit.h"
#include "mask_cases.h"

TEST(mask_people_given_a_task)
{
    static const mask_case cases[] = {
        /* family names MeCab reads as places or words in these sentences */
        {"鍵は石垣が管理しています。", "鍵は［氏名］が管理しています。"},
        {"送迎は立花が担当します。", "送迎は［氏名］が担当します。"},
        {"昨日は白石に病院の送迎を頼みました。", "昨日は［氏名］に病院の送迎を頼みました。"},
        {"見守りの日向より：特に変わりなし", "見守りの［氏名］より：特に変わりなし"},
        {"石垣から『お米が届いた』と連絡", "［氏名］から『お米が届いた』と連絡"},
        /* a body or a place given a task stays */
        {"学校に確認した。", "学校に確認した。"},
        {"病院に連絡をお願いした", "病院に連絡をお願いした"},
        {"北海道が管理する施設", "北海道が管理する施設"},
        {"札幌から連絡があった", "札幌から連絡があった"},
        {"社協が担当する", "社協が担当する"},
        {"市が対応した", "市が対応した"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_romaji_family_name_inside_japanese)
{
    static const mask_case cases[] = {
        {"通訳は Nakamura が担当", "通訳は ［氏名］ が担当"},
        {"名札に Suzuki と書いてある", "名札に ［氏名］ と書いてある"},
        {"連絡はMatsumotoから", "連絡は［氏名］から"},
        /* services and words stay */
        {"Zoom が便利", "Zoom が便利"},
        {"Excel で管理", "Excel で管理"},
        {"LINE に連絡", "LINE に連絡"},
        {"Sapporo から来た", "Sapporo から来た"},
        {"I met Nakamura at the station", "I met Nakamura at the station"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_child_before_age_bracket)
{
    static const mask_case cases[] = {
        {"タクミ（小4）とお兄ちゃん", "［氏名］（小4）とお兄ちゃん"},
        {"、ひなた（年長）は元気", "、［氏名］（年長）は元気"},
        {"蒼真（5歳）が泣いていた", "［氏名］（5歳）が泣いていた"},
        /* a kin word or a word for a child stays */
        {"長男（中2）が不登校", "長男（中2）が不登校"},
        {"次女（小4）", "次女（小4）"},
        {"お子さん（小3）", "お子さん（小3）"},
        {"男の子（小5）", "男の子（小5）"},
        {"本人（18歳）", "本人（18歳）"},
        {"ケース（小6）", "ケース（小6）"},
        /* 様 of 様子 is no honorific */
        {"雨になっている様子", "雨になっている様子"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_shop_next_to_its_kind)
{
    static const mask_case cases[] = {
        {"カフェすずかぜで開催", "カフェ［団体名］で開催"},
        {"喫茶ミモザに集まる", "喫茶［団体名］に集まる"},
        {"居酒屋まる八の前で", "居酒屋［団体名］の前で"},
        {"パン工房むぎからパンを", "パン工房［団体名］からパンを"},
        {"あおぞら接骨院に通う", "［団体名］接骨院に通う"},
        {"ミライ不動産が紹介", "［団体名］不動産が紹介"},
        /* a kind word alone or with an ordinary word stays */
        {"カフェでボランティア", "カフェでボランティア"},
        {"食堂スタッフが足りない", "食堂スタッフが足りない"},
        {"近くの整骨院に通う", "近くの整骨院に通う"},
        {"カフェだけでなく", "カフェだけでなく"},
        {"カフェっぽい雰囲気", "カフェっぽい雰囲気"},
        {"工房から毎月届く", "工房から毎月届く"},
        {"喫茶スペースを作った", "喫茶スペースを作った"},
        {"カフェにて開催。", "カフェにて開催。"},
        {"食堂での食事", "食堂での食事"},
        {"地元の不動産屋さん", "地元の不動産屋さん"},
    };
    check_cases(cases, COUNT_OF(cases));
}

UNIT_MAIN()
