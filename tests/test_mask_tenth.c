/*
 * test_mask_tenth.c — the masker's rules written after the ninth set's
 * blind run (docs/robustness.md), with values of their own (not the set's):
 * a nursery's name, a channel's name in quotes, a short legal form after a
 * name ((一社), (社福) …), a postal code with spaces round its dash after 〒,
 * an id after LINE（ID：, ノ or ヶ inside a family name, a name of three kanji
 * before a job title after の, a romaji name after an initial or in lower
 * case before san, a shop's name before its kind and さん, an elementary
 * school written short (…小), a plate whose office is in hiragana, a name
 * before a date of birth in brackets, a care home after its kind, a name
 * before ちゃんと after の, a family name before a hiragana given name and a
 * name before a space and an honorific. Each form has positive cases and
 * ordinary text that must stay as it is.
 */
#include <stdlib.h>
#include <string.h>
#include "analyse/mask.h"
#include "unit.h"
#include "mask_cases.h"

TEST(mask_places_and_bodies)
{
    static const mask_case cases[] = {
        {"若草保育園の先生から", "［団体名］保育園の先生から"},
        {"西若葉小の児童が参加", "［団体名］小の児童が参加"},
        {"特養 ひまわりの郷 に入所", "特養 ［団体名］ に入所"},
        {"包括（すずらん苑）から連絡", "包括（［団体名］）から連絡"},
        {"配食は ひかりフーズ(社福) さんへ", "配食は ［団体名］(社福) さんへ"},
        {"地元の杉森酒店さんが協賛", "地元の［団体名］酒店さんが協賛"},
        {"動画は「まちなかちゃんねる」で配信", "動画は「［団体名］」で配信"},
        /* ordinary text stays */
        {"認可保育所に入れない", "認可保育所に入れない"},
        {"認定こども園の", "認定こども園の"},
        {"規模縮小の検討", "規模縮小の検討"},
        {"施設 見学の案内", "施設 見学の案内"},
        {"個人商店さんの協力", "個人商店さんの協力"},
        {"地元の(社福)が運営", "地元の(社福)が運営"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_numbers_and_handles)
{
    static const mask_case cases[] = {
        {"〒 ０６０ - ０００１ まで", "［郵便番号］ まで"},
        {"LINE（ID：hinata_room22）で連絡", "LINE（ID：［アカウント］）で連絡"},
        {"車は とちぎ３００ あ １２-３４ です", "車は ［番号］ です"},
        /* ordinary text stays */
        {"LINE（公式）で連絡", "LINE（公式）で連絡"},
        {"2023 - 2024年度", "2023 - 2024年度"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_more_name_forms)
{
    static const mask_case cases[] = {
        {"連絡は担当・木ノ下まで", "連絡は担当・［氏名］まで"},
        {"中学校の御手洗教頭に相談", "中学校の［氏名］教頭に相談"},
        {"返信の署名がK.SAITOだった", "返信の署名が［氏名］だった"},
        {"資料は kobayashi san が作成", "資料は ［氏名］ san が作成"},
        {"会員：今井フミ（昭和２０年５月１日生）", "会員：［氏名］（［生年月日］生）"},
        {"隣の家の陽菜ちゃんと遊んだ", "隣の家の［氏名］ちゃんと遊んだ"},
        {"長女の吉岡みおちゃん", "長女の［氏名］ちゃん"},
        {"先日 大森ゆい ちゃんが来た", "先日 ［氏名］ ちゃんが来た"},
        /* ordinary text stays */
        {"A.I.を使った", "A.I.を使った"},
        {"毎日ちゃんと食べている", "毎日ちゃんと食べている"},
        {"ボランティア さんが来た", "ボランティア さんが来た"},
        {"会員（2024年生）", "会員（2024年生）"},
        {"地域の福祉課長が説明", "地域の福祉課長が説明"},
    };
    check_cases(cases, COUNT_OF(cases));
}

UNIT_MAIN()
