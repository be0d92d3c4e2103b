/*
 * test_mask_eighth.c — the masker's rules written after the seventh set's
 * remaining leaks (docs/robustness.md), with values of their own (not the
 * set's): a name after a role and ・, a family name alone after a role and
 * の, local groups (町内会, 自治会, 子ども会 …), a hiragana name after a legal
 * form that starts like a particle, a shop's name between its kind word and
 * さん, a group before its kind in brackets and Latin words before 株式会社.
 * Each form has positive cases and ordinary text that must stay as it is;
 * mask_ordinary_phrases gathers the common phrases closest to the forms.
 */
#include <stdlib.h>
#include <string.h>
#include "analyse/mask.h"
#include "unit.h"
#include "mask_cases.h"

TEST(mask_role_dot_names)
{
    static const mask_case cases[] = {
        {"副代表・佐々木 美穂が会計も担当", "副代表・［氏名］が会計も担当"},
        {"事務局長・長谷川修平が対応した", "事務局長・［氏名］が対応した"},
        {"理事長・大野　陽菜、理事・水上 創", "理事長・［氏名］、理事・［氏名］"},
        {"担当・森田が窓口", "担当・［氏名］が窓口"},
        /* ordinary text stays */
        {"代表・理事・監事の3名", "代表・理事・監事の3名"},
        {"担当・窓口は事務局", "担当・窓口は事務局"},
        {"会長・副会長が出席", "会長・副会長が出席"},
        {"理事・評議員を募集", "理事・評議員を募集"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_role_family_alone)
{
    static const mask_case cases[] = {
        {"申込みは担当の佐藤（090-1234-5678）まで", "申込みは担当の［氏名］（［電話番号］）まで"},
        {"事務局の田中が対応します", "事務局の［氏名］が対応します"},
        {"会長の清水に相談した", "会長の［氏名］に相談した"},
        {"理事の小林、監事の森が出席", "理事の［氏名］、監事の森が出席"},
        /* ordinary text stays */
        {"担当の方に聞いてください", "担当の方に聞いてください"},
        {"担当の職員が対応", "担当の職員が対応"},
        {"代表の理事が出席", "代表の理事が出席"},
        {"担当の窓口に連絡", "担当の窓口に連絡"},
        {"代表の葛藤がある", "代表の葛藤がある"},
        {"担当の分野が広い", "担当の分野が広い"},
        {"会長の地元で開催", "会長の地元で開催"},
        {"担当の地区を回る", "担当の地区を回る"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_local_groups)
{
    static const mask_case cases[] = {
        {"桜台二丁目自治会の夏祭りに出店", "［団体名］自治会の夏祭りに出店"},
        {"本町連合町内会と協力して", "［団体名］連合町内会と協力して"},
        {"ひまわり子ども会が参加", "［団体名］子ども会が参加"},
        {"北三条老人クラブの皆さん", "［団体名］老人クラブの皆さん"},
        {"会場は3丁目町内会館", "会場は［団体名］町内会館"},
        /* ordinary text stays */
        {"町内会の役員が手伝ってくれた", "町内会の役員が手伝ってくれた"},
        {"地域の町内会と連携", "地域の町内会と連携"},
        {"各町内会の会長に配布", "各町内会の会長に配布"},
        {"近隣自治会にも声をかけた", "近隣自治会にも声をかけた"},
        {"毎年町内会の行事に参加", "毎年町内会の行事に参加"},
        {"所属町内会の役員", "所属町内会の役員"},
        {"町内会長が協力的", "町内会長が協力的"},
        {"団地自治会の高齢化", "団地自治会の高齢化"},
        {"美幌町会議員の視察", "美幌町会議員の視察"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_legal_kana_names)
{
    static const mask_case cases[] = {
        {"株式会社やまびこが配送を担当", "株式会社［団体名］が配送を担当"},
        {"合同会社にじいろの森と連携", "合同会社［団体名］の森と連携"},
        {"一般社団法人はるかぜが主催", "一般社団法人［団体名］が主催"},
        {"ＮＰＯ法人でんでんむしに委託", "ＮＰＯ法人［団体名］に委託"},
        /* ordinary text stays */
        {"株式会社などの企業", "株式会社などの企業"},
        {"株式会社もみんなで協力している", "株式会社もみんなで協力している"},
        {"株式会社もあるが地域の団体が多い", "株式会社もあるが地域の団体が多い"},
        {"株式会社とのつながりが大切", "株式会社とのつながりが大切"},
        {"株式会社にお願いした", "株式会社にお願いした"},
        {"株式会社にもっと協力してほしい", "株式会社にもっと協力してほしい"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_shop_names)
{
    static const mask_case cases[] = {
        {"パン屋こむぎ堂さんに協力いただいた", "パン屋［団体名］さんに協力いただいた"},
        {"食堂たぬきさんが場所を提供", "食堂［団体名］さんが場所を提供"},
        {"青果店まるやまさんから野菜", "青果店［団体名］さんから野菜"},
        {"カフェ森の風さんで打合せ", "カフェ［団体名］さんで打合せ"},
        {"ベーカリーKOMUGIさん", "ベーカリー［団体名］さん"},
        /* ordinary text stays */
        {"カフェさんにお願い", "カフェさんにお願い"},
        {"スーパーの店長さん", "スーパーの店長さん"},
        {"いつものパン屋さんで", "いつものパン屋さんで"},
        {"商店街の皆さん", "商店街の皆さん"},
        {"カフェ店員さん", "カフェ店員さん"},
        {"カフェ兼パン屋さん", "カフェ兼パン屋さん"},
        {"食堂ボランティアさん", "食堂ボランティアさん"},
        {"カフェオーナーさん", "カフェオーナーさん"},
        {"子ども食堂利用のお子さん", "子ども食堂利用のお子さん"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_bracketed_groups)
{
    static const mask_case cases[] = {
        {"すくすくルーム（子育てサークル）", "［団体名］（子育てサークル）"},
        {"参加しているわいわい広場（ママサークル）に", "参加している［団体名］（ママサークル）に"},
        {"協力団体：北見ほっと会(任意団体)", "協力団体：［団体名］(任意団体)"},
        {"こもりうた文庫（読み聞かせグループ）", "［団体名］（読み聞かせグループ）"},
        /* ordinary text stays */
        {"団体（任意団体）として活動", "団体（任意団体）として活動"},
        {"利用者（家族会）の声", "利用者（家族会）の声"},
        {"子育てサークル（ママサークル）", "子育てサークル（ママサークル）"},
        {"市の補助（年1回）", "市の補助（年1回）"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_latin_legal_forms)
{
    static const mask_case cases[] = {
        {"Blue Harbor(株)から寄付", "［団体名］(株)から寄付"},
        {"freee株式会社と連携", "［団体名］株式会社と連携"},
        {"Kitami Soft Works 合同会社の協力", "［団体名］ 合同会社の協力"},
        {"I work at Nordic Field株式会社", "I work at ［団体名］株式会社"},
        /* ordinary text stays */
        {"株式会社などの企業", "株式会社などの企業"},
        {"NPO法人と株式会社の違い", "NPO法人と株式会社の違い"},
        {"メールはinfo@example.jp 株式会社の窓口", "メールは［メール］ 株式会社の窓口"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_ordinary_phrases)
{
    /* common phrases next to the forms above: none is masked */
    static const char *const phrases[] = {
        "担当の方", "担当の職員", "代表の理事", "町内会の役員", "株式会社などの企業", "カフェさん",
        "担当者の方へ", "代表の交代", "自治会の加入率", "老人クラブの活動", "子ども会の行事",
        "パン屋さんのパン", "薬局の薬剤師さん", "食堂のおばさん", "サークル（任意）",
        "有限会社の設立", "地域の自治会", "会長・副会長・理事"};
    for (size_t i = 0; i < COUNT_OF(phrases); i++) {
        int before = unit_failures;
        char *got = nps_mask_text(NULL, phrases[i]);
        CHECK_STR(got, phrases[i]);
        if (unit_failures != before)
            fprintf(stderr, "  ^ phrase %zu\n", i);
        free(got);
    }
}

UNIT_MAIN()
