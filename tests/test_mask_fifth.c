/*
 * test_mask_fifth.c — the masker's rules written after the blind fifth set
 * (docs/robustness.md), with values of their own (not the set's): ids after
 * a label (…番号, 記号, マイナンバー), a bare 12-digit number, dates of
 * birth, a scheme URL with a non-ASCII host, an e-mail with (a) for @, and
 * the name forms of the fifth round. Each form has positive cases and
 * ordinary text that must stay as it is.
 */
#include <stdlib.h>
#include <string.h>
#include "analyse/mask.h"
#include "unit.h"
#include "mask_cases.h"

TEST(mask_labelled_ids)
{
    static const mask_case cases[] = {
        {"振込先はゆうちょ 記号19230 番号41105528です", /* a Japan Post Bank number since the fifteenth set */
         "振込先はゆうちょ 記号［口座番号］ 番号［口座番号］です"},
        {"受給者番号 B-7730215 を控える", "受給者番号 ［番号］ を控える"},
        {"保険証番号：00412781", "保険証番号：［番号］"},
        {"個人番号は1234-5678-9012です", "個人番号は［番号］です"},
        {"マイナンバー：５５０１　２２３４　８８１０を記入", "マイナンバー：［番号］を記入"},
        {"会員ID 8812", "会員ID ［番号］"},
        /* ordinary text stays */
        {"番号札を配る", "番号札を配る"},
        {"会員番号の管理が大変", "会員番号の管理が大変"},
        {"受付番号 12 番まで", "受付番号 12 番まで"},
        {"番号 2023年度から", "番号 2023年度から"},
        {"記号 3000人", "記号 3000人"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_twelve_digits)
{
    static const mask_case cases[] = {
        {"申請書に 5501 2234 8810 と書いた", "申請書に ［番号］ と書いた"},
        {"番号は550122348810でした", "番号は［番号］でした"},
        /* amounts and other long numbers stay */
        {"総額 123456789012円", "総額 123456789012円"},
        {"1234567890123 件", "1234567890123 件"},
        {"2023 2024 2025年度", "2023 2024 2025年度"},
        {"2021 2022 2023 の3年間", "2021 2022 2023 の3年間"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_birth_dates)
{
    static const mask_case cases[] = {
        {"令和元年11月3日生まれの子", "［生年月日］生まれの子"},
        {"昭和58年 2月 9日生", "［生年月日］生"},
        {"2012年7月30日生まれ", "［生年月日］生まれ"},
        {"生年月日：2011/05/06", "生年月日：［生年月日］"},
        {"生年月日はH23.5.6です", "生年月日は［生年月日］です"},
        /* dates that are not births stay */
        {"2023年4月1日生活支援を始めた", "2023年4月1日生活支援を始めた"},
        {"平成30年4月1日に設立", "平成30年4月1日に設立"},
        {"2023/4/1から開始", "2023/4/1から開始"},
        {"4月生まれの子が多い", "4月生まれの子が多い"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_wide_urls)
{
    static const mask_case cases[] = {
        {"https://みんなの食卓あさひかわ.jp で告知", "［URL］ で告知"},
        {"詳細はhttp://子ども支援.net/info/をご覧ください", "詳細は［URL］をご覧ください"},
        {"https://example.jpの記事", "［URL］の記事"},
        {"https://の後に", "https://の後に"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_at_letter_email)
{
    static const mask_case cases[] = {
        {"連絡はmiharu.k88(a)gmail.comまで", "連絡は［メール］まで"},
        {"連絡はmiharu_k（a）yahoo.co.jpまで", "連絡は［メール］まで"},
        {"(a)と(b)の両方", "(a)と(b)の両方"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_fifth_people)
{
    static const mask_case cases[] = {
        {"受付は小鳥遊（たかなし）結衣が担当", "受付は［氏名］が担当"},
        {"送迎は五百旗頭(いおきべ)拓が、", "送迎は［氏名］が、"},
        {"近所のみずの はるか さんが来た", "近所の［氏名］ さんが来た"},
        {"先輩のささき ゆうとくんと", "先輩の［氏名］ ［氏名］くんと"},
        {"口座名義：ハナサキ　ミオ", "口座名義：［氏名］"},
        {"口座名義はコスギ ハルト（個人）", "口座名義は［氏名］（個人）"},
        {"市議会議員の海老名 将太に要望した", "市議会議員の［氏名］に要望した"},
        {"留学生のMaria Gonzalezさんが通訳", "留学生の［氏名］さんが通訳"},
        /* ordinary text stays */
        {"絆（きずな）事業を始めた", "絆（きずな）事業を始めた"},
        {"居場所（いばしょ）づくり", "居場所（いばしょ）づくり"},
        {"みんな で たくさん", "みんな で たくさん"},
        {"名義変更の手続き", "名義変更の手続き"},
        {"口座名義はカタカナで", "口座名義はカタカナで"},
        {"議員の方々に説明した", "議員の方々に説明した"},
        {"Food Bank の活動", "Food Bank の活動"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_quoted_names)
{
    static const mask_case cases[] = {
        {"朗読サークル「こだまの森」に依頼", "朗読サークル「［団体名］」に依頼"},
        {"Instagramアカウント「北のおやつ便」で告知", "Instagramアカウント「［団体名］」で告知"},
        {"YouTube「すずらん通信」で配信", "YouTube「［団体名］」で配信"},
        {"「菓子工房つきのわ」さんから寄付", "「［団体名］」さんから寄付"},
        {"喫茶 「灯台」の店主", "喫茶 「［団体名］」の店主"},
        /* ordinary quotes stay */
        {"「ありがとう」と言われた", "「ありがとう」と言われた"},
        {"「食べる」ことが大切", "「食べる」ことが大切"},
        {"活動「読み聞かせ」を続ける", "活動「読み聞かせ」を続ける"},
        {"子どもたちから「また来たい」との声", "子どもたちから「また来たい」との声"},
        {"「」さん", "「」さん"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_legal_form_latin)
{
    static const mask_case cases[] = {
        {"一般社団法人 Sapporo Youth Bridge の研修", "一般社団法人 ［団体名］ の研修"},
        {"NPO法人 KOMOREBI(コモレビ)と連携", "NPO法人 ［団体名］と連携"},
        {"株式会社ひかり(ヒカリ)から", "株式会社［団体名］から"},
        /* a lower-case word after the name stays */
        {"NPO法人 ABC and others", "NPO法人 ［団体名］ and others"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_building_room_glued)
{
    static const mask_case cases[] = {
        {"北見市北進町3丁目12番地4 北進ビル3Fで開催", "［住所］で開催"},
        {"帯広市西5条南10丁目2番地 第一ビル4階の会議室", "［住所］の会議室"},
        /* a floor not after an address stays */
        {"会場はビル2Fです", "会場はビル2Fです"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_clinics)
{
    static const mask_case cases[] = {
        {"主治医はすずらん内科クリニックの先生", "主治医は［団体名］の先生"},
        {"紹介先：たんぽぽ医院で検診", "紹介先：［団体名］で検診"},
        /* ordinary words stay */
        {"こども病院に通う", "こども病院に通う"},
        {"小児科クリニックと連携", "小児科クリニックと連携"},
    };
    check_cases(cases, COUNT_OF(cases));
}

UNIT_MAIN()
