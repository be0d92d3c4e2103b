/*
 * test_mask_fifteenth.c — the masker's rules written after the fifteenth
 * set's blind run (docs/robustness.md), with values of their own (not the
 * set's): a Japan Post Bank number (also 記号 … 番号 … apart, and an
 * account number after （普通）, forms of the tenth set that leaked), a
 * full name in hiragana after a word and の, a church before キリスト教会, a child's
 * given name in katakana after 高校生の / 娘の …, a name after 文責, a
 * shop after 学習塾 before さん, a clinic's name of kanji, の and kanji after
 * クリニック. Each form has positive cases and ordinary text that must stay.
 */
#include <stdlib.h>
#include <string.h>
#include "analyse/mask.h"
#include "unit.h"
#include "mask_cases.h"

TEST(mask_post_bank_numbers)
{
    static const mask_case cases[] = {
        {"振込先：ゆうちょ 12340-9876543", "振込先：ゆうちょ ［口座番号］"},
        {"振替 00170-2-345678 まで", "振替 ［口座番号］ まで"},
        {"18210-12345678 へお振込み", "［口座番号］ へお振込み"},
        /* forms of the tenth set: 記号 and 番号 apart, （普通） before the number */
        {"ゆうちょ 記号13560 番号2468013", "ゆうちょ 記号［口座番号］ 番号［口座番号］"},
        {"中央支店（普通）7654321へ", "中央支店（普通）［口座番号］へ"},
        {"（普通）の口座", "（普通）の口座"},
        /* dates, phones and short chains stay or keep their own token */
        {"2023-10-05に開催", "2023-10-05に開催"},
        {"12345-678 の件", "12345-678 の件"},
        {"電話 011-222-3333", "電話 ［電話番号］"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_people_of_the_fifteenth_forms)
{
    static const mask_case cases[] = {
        {"中学生のユウキが泣いていた", "中学生の［氏名］が泣いていた"},
        {"娘のミサキは元気です", "娘の［氏名］は元気です"},
        {"（文責 松下）", "（文責 ［氏名］）"},
        {"（文責　丸井）", "（文責　［氏名］）"},
        /* a full name in hiragana after a word and の (a form of the tenth set) */
        {"利用者のたかはしみゆきさんが", "利用者の［氏名］さんが"},
        {"きょうのおきゃくさん", "きょうのおきゃくさん"},
        {"しんせつなおまわりさん", "しんせつなおまわりさん"},
        /* things young people have stay */
        {"高校生のスマホが", "高校生のスマホが"},
        {"息子のサッカーが", "息子のサッカーが"},
        {"子どものゲームが", "子どものゲームが"},
        {"高校生のバイトが", "高校生のバイトが"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_groups_of_the_fifteenth_forms)
{
    static const mask_case cases[] = {
        {"北広野キリスト教会の牧師さん", "［団体名］キリスト教会の牧師さん"},
        {"学習塾ひかり堂さんが", "学習塾［団体名］さんが"},
        {"メンタルクリニック星の丘 に通う", "メンタルクリニック［団体名］ に通う"},
        /* a kind word alone, or a phrase after it, stays */
        {"キリスト教会で", "キリスト教会で"},
        {"クリニック受診の際、", "クリニック受診の際、"},
        {"学習塾のさん", "学習塾のさん"},
    };
    check_cases(cases, COUNT_OF(cases));
}

UNIT_MAIN()
