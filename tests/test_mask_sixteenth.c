/*
 * test_mask_sixteenth.c — the masker's rules written after the sixteenth
 * set's blind run (docs/robustness.md), with values of their own (not the
 * set's): a date of birth in brackets after 生年月日, a block of flats after
 * コーポ/ハイツ/メゾン, a circle's name after サークル, a student's name
 * before (大学生) or (学生ボランティア), a family name given a task by 報告
 * or 言う, a family name before の and 奥さん/娘さん, a farm, a church or a
 * club in 「」. Each form has positive cases and ordinary text that must stay.
 */
#include <stdlib.h>
#include <string.h>
#include "analyse/mask.h"
#include "unit.h"
#include "mask_cases.h"

TEST(mask_people_of_the_sixteenth_forms)
{
    static const mask_case cases[] = {
        {"生年月日（平成2年8月9日）を確認", "生年月日（［生年月日］）を確認"},
        {"・ボランティア　ゆうか（大学生）", "・ボランティア　［氏名］（大学生）"},
        {"タッチー（学生ボランティア）が", "［氏名］（学生ボランティア）が"},
        {"今月は石垣から報告あり", "今月は［氏名］から報告あり"},
        {"日向が言うには", "［氏名］が言うには"},
        {"福島の奥さんが", "［氏名］の奥さんが"},
        {"立花の娘さんが", "［氏名］の娘さんが"},
        /* ordinary text stays */
        {"スタッフ（ボランティア）", "スタッフ（ボランティア）"},
        {"近所の奥さん", "近所の奥さん"},
        {"開催日（平成2年8月9日）", "開催日（平成2年8月9日）"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_groups_of_the_sixteenth_forms)
{
    static const mask_case cases[] = {
        {"コーポ若草の1階", "コーポ［団体名］の1階"},
        {"メゾン桜台に住む", "メゾン［団体名］に住む"},
        {"手芸サークルすみれの皆さん", "手芸サークル［団体名］の皆さん"},
        {"「みどり牧場」の", "「［団体名］」の"},
        {"「ぶどうの木キリスト教会」で", "「［団体名］」で"},
        {"「囲碁クラブ石」の", "「［団体名］」の"},
        /* a kind word alone, or a phrase after it, stays */
        {"ハイツで", "ハイツで"},
        {"コーポの", "コーポの"},
        {"サークルで", "サークルで"},
        {"クラブ活動", "クラブ活動"},
        {"「子ども食堂」を", "「子ども食堂」を"},
        {"「クラブ活動」", "「クラブ活動」"},
    };
    check_cases(cases, COUNT_OF(cases));
}

UNIT_MAIN()
