/*
 * test_mask_shapes.c — the masker's rules written after the blind fourth
 * set (docs/robustness.md), with values of their own (not the set's): names
 * after or before a role without an honorific, romaji names, the whole of a
 * name around a caught part, organisations by the shape of their name, a
 * building and room after an address, a handle with a hyphen, the tail of a
 * name after a legal form. Each form has positive cases and ordinary text
 * that must stay as it is.
 */
#include <stdlib.h>
#include <string.h>
#include "analyse/mask.h"
#include "unit.h"
#include "mask_cases.h"

TEST(mask_role_names)
{
    static const mask_case cases[] = {
        {"当初から代表の柊木真琴が一人で回してきた", "当初から代表の［氏名］が一人で回してきた"},
        {"事務局長の五十嵐恭平は元教員", "事務局長の［氏名］は元教員"},
        {"担当の真柴が窓口になる", "担当の［氏名］が窓口になる"}, /* not by shape: by the dictionary (mask_morph.c) */
        {"担当：真柴", "担当：［氏名］"},
        {"代表 東雲 遥", "代表 ［氏名］"},
        {"代表 東雲遥人、副代表 西條", "代表 ［氏名］、副代表 ［氏名］"},
        {"経理は東海林事務局長が担う", "経理は［氏名］事務局長が担う"},
        {"決裁は鬼頭理事長に回す", "決裁は［氏名］理事長に回す"},
        {"担当のマリア・サントスが通訳", "担当の［氏名］が通訳"},
        /* ordinary text stays */
        {"理事長の方針で決めた", "理事長の方針で決めた"},
        {"代表の交代が課題", "代表の交代が課題"},
        {"代表の世代交代が進まない", "代表の世代交代が進まない"},
        {"担当の職員が不足", "担当の職員が不足"},
        {"町内会長が協力的", "町内会長が協力的"},
        {"自治会長と副会長", "自治会長と副会長"},
        {"歴代理事長が築いた", "歴代理事長が築いた"},
        {"当法人代表として", "当法人代表として"},
        {"前理事長から引き継いだ", "前理事長から引き継いだ"},
        {"共同代表の二人", "共同代表の二人"},
        {"理事長の高齢化が課題", "理事長の高齢化が課題"},
        {"担当 ボランティアセンター", "担当 ボランティアセンター"},
        {"代表 理事 事務局長", "代表 理事 事務局長"},
        {"担当 数名、代表 一名", "担当 数名、代表 一名"},
        {"事務局：札幌市", "事務局：札幌市"},
        {"会長の挨拶文が好評", "会長の挨拶文が好評"},
        {"事務局の人員不足が深刻", "事務局の人員不足が深刻"},
        {"理事長の任期満了に伴い", "理事長の任期満了に伴い"},
        {"担当の業務負担が大きい", "担当の業務負担が大きい"},
        {"代表の事業計画を", "代表の事業計画を"},
        {"担当の地域包括と", "担当の地域包括と"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_romaji_names)
{
    static const mask_case cases[] = {
        {"講師はHaruto Kobayashiが務めた", "講師は［氏名］が務めた"},
        {"SHIMIZU Aoi (coordinator)", "［氏名］ (coordinator)"},
        {"Contact: Rin SAKAMOTO", "Contact: ［氏名］"},
        {"Kenta Hattori と Sayaka Ohno", "［氏名］ と ［氏名］"},
        /* English words, brands and services stay */
        {"Google Forms で集計", "Google Forms で集計"},
        {"Microsoft Teams と Zoom Meeting", "Microsoft Teams と Zoom Meeting"},
        {"Open Data の活用", "Open Data の活用"},
        {"Food Bank Sapporo", "Food Bank Sapporo"},
        {"Hokkaido Sapporo の Home Page", "Hokkaido Sapporo の Home Page"},
        {"LINE WORKS を導入", "LINE WORKS を導入"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_whole_names)
{
    static const mask_case cases[] = {
        {"講師の九十九エリカ先生に依頼", "講師の［氏名］先生に依頼"},
        {"民生委員の一尺八寸（かまつか）悠真氏から", "民生委員の［氏名］氏から"},
        {"東海林（しょうじ）さんが来た", "［氏名］さんが来た"},
        {"アナ・マリア・ロペスさんが通訳", "［氏名］さんが通訳"},
        {"ファム・ヴァン・ミンくんが参加", "［氏名］くんが参加"},
        /* ordinary text stays */
        {"新メンバーさんが増えた", "新メンバーさんが増えた"},
        {"元ナースさんの協力", "元ナースさんの協力"},
        {"職員ボランティアさんと", "職員ボランティアさんと"},
        {"(ふりがな)さんと書く欄", "(ふりがな)さんと書く欄"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_org_shapes)
{
    static const mask_case cases[] = {
        {"近所のやまぶき親子の会と交流", "近所の［団体名］と交流"},
        {"駅前のつむぎ焙煎所さんから豆", "駅前の［団体名］さんから豆"},
        {"「わたぼうし工房」に委託", "「［団体名］」に委託"},
        {"毎週、ひだまり文庫で読み聞かせ", "毎週、［団体名］で読み聞かせ"},
        {"、かたくり会が主催", "、［団体名］が主催"},
        /* ordinary words and phrases stay */
        {"子ども食堂を運営", "子ども食堂を運営"},
        {"こども食堂を運営", "こども食堂を運営"},
        {"みんなの食堂を開いた", "みんなの食堂を開いた"},
        {"町内会と自治会、社会福祉協議会", "町内会と自治会、社会福祉協議会"},
        {"みんなで語り合う会を開いた", "みんなで語り合う会を開いた"},
        {"たのしい会でした", "たのしい会でした"},
        {"皆さんと交流会", "皆さんと交流会"},
        {"団体としてはこども食堂の運営", "団体としてはこども食堂の運営"},
        {"ボランティアセンターに登録", "ボランティアセンターに登録"},
        {"おやこの会に参加", "おやこの会に参加"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_building_and_handle)
{
    static const mask_case cases[] = {
        {"札幌市北区北9条西3丁目 メゾン若葉 305号室に住む", "［住所］に住む"},
        {"小樽市稲穂2-8-14 第三松田ビル 4階で開催", "［住所］で開催"},
        {"室蘭市本町1丁目2番 502号室", "［住所］"},
        {"北見市北5条東2丁目 グリーンハイツで", "［住所］で"},
        {"LINE ID：tokachi-yume21 まで", "LINE ID：［アカウント］ まで"},
        {"インスタ @sora.no-iro_99 で", "インスタ ［アカウント］ で"},
        /* ordinary text stays */
        {"札幌市北区北9条西3丁目の公民館で", "［住所］の公民館で"},
        {"3階建ての建物", "3階建ての建物"},
        {"well-made な雰囲気", "well-made な雰囲気"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_legal_form_tail)
{
    static const mask_case cases[] = {
        {"特定非営利活動法人ゆきむし食堂ネットの会議", "特定非営利活動法人［団体名］の会議"},
        {"NPO法人の設立", "NPO法人の設立"},
    };
    check_cases(cases, COUNT_OF(cases));
}

UNIT_MAIN()
