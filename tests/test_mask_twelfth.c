/*
 * test_mask_twelfth.c — the masker's rules written after the twelfth set's
 * blind run (docs/robustness.md), with values of their own (not the set's):
 * an organisation's name after a legal form that starts like a particle and
 * goes on in katakana, a name after a role of minutes (回答者, 記入者, 書記),
 * and a family name in hiragana starting with おお before さん. Each form has
 * positive cases and ordinary text that must stay as it is.
 */
#include <stdlib.h>
#include <string.h>
#include "analyse/mask.h"
#include "unit.h"
#include "mask_cases.h"

TEST(mask_org_name_starting_like_a_particle)
{
    static const mask_case cases[] = {
        {"合同会社とまりぎファームが", "合同会社［団体名］が"},
        {"株式会社にこにこキッチンから", "株式会社［団体名］から"},
        /* phrases stay */
        {"NPO法人にもっとサポートを", "NPO法人にもっとサポートを"},
        {"NPO法人とともにイベント", "NPO法人とともにイベント"},
        {"NPO法人やそのグループ", "NPO法人やそのグループ"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_name_after_a_role_of_minutes)
{
    static const mask_case cases[] = {
        {"回答者：伊与田", "回答者：［氏名］"},
        {"記入者 三ツ木が担当", "記入者 ［氏名］が担当"},
        /* ordinary text stays */
        {"司会の進行が", "司会の進行が"},
        {"記入者の方へ", "記入者の方へ"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_hiragana_family_name_with_oo)
{
    static const mask_case cases[] = {
        {"おおはしさんに伝えた", "［氏名］さんに伝えた"},
        /* ordinary words stay */
        {"おおやさんに相談", "おおやさんに相談"},
        {"おかあさんが", "おかあさんが"},
    };
    check_cases(cases, COUNT_OF(cases));
}

UNIT_MAIN()
