/*
 * test_mask_forms.c — the masker's forms of issues 13 (last round) and 15:
 * phone numbers spaced digit by digit, in kanji numerals or joined by の/・,
 * handles after a service word or an aside, organisation short forms,
 * addresses with three dashed numbers, names before an honorific, bank
 * accounts. Each form has positive cases and ordinary text that must stay.
 */
#include <stdlib.h>
#include <string.h>
#include "analyse/mask.h"
#include "unit.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

typedef struct mask_case {
    const char *in;
    const char *out;
} mask_case;

static void check_cases(const mask_case *cases, size_t n, const nps_masker *mk)
{
    for (size_t i = 0; i < n; i++) {
        int before = unit_failures;
        char *got = nps_mask_text(mk, cases[i].in);
        CHECK_STR(got, cases[i].out);
        if (unit_failures != before)
            fprintf(stderr, "  ^ case %zu: \"%s\"\n", i, cases[i].in);
        free(got);
    }
}

TEST(mask_phone_spaced_kanji_and_words)
{
    static const mask_case cases[] = {
        {"0 1 1 - 2 3 4 - 5 6 8 2", "［電話番号］"},
        {"〇一一-二三四-五六八三へ", "［電話番号］へ"},
        {"電話は〇九〇・一一二二・一二一五", "電話は［電話番号］"},
        {"電話番号は011の234の5689です", "電話番号は［電話番号］です"},
        {"℡０１２３・４５・１２０４", "℡［電話番号］"},
        {"担当携帯:0901122 1214", "担当携帯:［電話番号］"},
        /* ordinary numbers stay */
        {"一一〇番に通報", "一一〇番に通報"},
        {"1 2 3 4 5", "1 2 3 4 5"},
        {"二〇二三年", "二〇二三年"},
        {"3人の1日2回", "3人の1日2回"},
        {"1・2・3年生", "1・2・3年生"},
    };
    check_cases(cases, COUNT_OF(cases), NULL);
}

TEST(mask_handles_after_words)
{
    static const mask_case cases[] = {
        {"YouTubeチャンネル「futabaCH」", "YouTubeチャンネル「［アカウント］」"},
        {"X（旧Twitter）: futaba_x", "X（旧Twitter）: ［アカウント］"},
        {"LINE公式アカウント：@abcd123", "LINE公式アカウント：［アカウント］"},
        {"Discord: kids_room#1234", "Discord: ［アカウント］"},
        {"YouTubeで発信", "YouTubeで発信"},
        {"X（旧Twitter）で発信", "X（旧Twitter）で発信"},
    };
    check_cases(cases, COUNT_OF(cases), NULL);
}

TEST(mask_addresses_issue15)
{
    static const mask_case cases[] = {
        {"札幌市中央区南1条西1丁目の事務所", "［住所］の事務所"},
        {"北3条西4丁目5-6", "［住所］"},
        {"中央区北１条西２丁目３−４", "［住所］"},
        {"丸の内１－２－３", "［住所］"},
        {"宮の森1-2-3に移転", "［住所］に移転"},
        {"函館市本町2の3の4", "［住所］"},
        /* kept: a lone dashed number, a date, a section number, one unit alone */
        {"1-2-3", "1-2-3"},
        {"開催日2023-10-05", "開催日2023-10-05"},
        {"第1-2-3項", "第1-2-3項"},
        {"1丁目の取り組み", "1丁目の取り組み"},
        {"2023年に3人、1日2回", "2023年に3人、1日2回"},
    };
    check_cases(cases, COUNT_OF(cases), NULL);
}

TEST(mask_honorific_names)
{
    static const mask_case cases[] = {
        {"田中先生に相談", "［氏名］先生に相談"},
        {"北村理恵さんが来た", "［氏名］さんが来た"},
        {"佐藤様より", "［氏名］様より"},
        {"鈴木氏の提案", "［氏名］氏の提案"},
        {"ゆうきくんが笑った", "［氏名］くんが笑った"},
        {"タナカさん", "［氏名］さん"},
        {"相談員の桐生 亜紀さん", "相談員の［氏名］さん"},
        {"担当者 山田さん", "担当者 ［氏名］さん"},
        {"保健科学院松澤先生と", "保健科学［氏名］先生と"},
        /* ordinary words stay */
        {"皆さん", "皆さん"},
        {"先生方", "先生方"},
        {"お客様", "お客様"},
        {"利用者さん", "利用者さん"},
        {"ボランティアさん", "ボランティアさん"},
        {"ヘルパーさん", "ヘルパーさん"},
        {"たくさん", "たくさん"},
        {"校長先生", "校長先生"},
        {"生徒さん", "生徒さん"},
        {"様子を見る", "様子を見る"},
        {"記入者氏名", "記入者氏名"},
        {"ちゃんとした", "ちゃんとした"},
        {"お疲れ様", "お疲れ様"},
        {"文化的多様性", "文化的多様性"},
        {"ご家族様", "ご家族様"},
        {"おばあちゃん", "おばあちゃん"},
        {"社協さんと", "社協さんと"},
        {"息子さん", "息子さん"},
    };
    check_cases(cases, COUNT_OF(cases), NULL);
}

TEST(mask_bank_accounts)
{
    static const mask_case cases[] = {
        {"北洋銀行 本店 普通 7654321", "北洋銀行 本店 普通 ［口座番号］"},
        {"口座番号：1234567", "口座番号：［口座番号］"},
        {"普通の人", "普通の人"},
        {"普通 3人", "普通 3人"},
    };
    check_cases(cases, COUNT_OF(cases), NULL);
}

TEST(mask_organisation_short_forms)
{
    static const mask_case cases[] = {
        {"北の星と", "［団体名］と"},
        {"北の星旭川支部の", "［団体名］の"},
        {"ひだまりに", "［団体名］に"},
        {"「みらい」と連携", "「［団体名］」と連携"},
        {"森のようちえんに", "［団体名］に"},
        {"Hanako Suzuki wrote", "［氏名］ wrote"},
        /* the kana short name inside other words stays */
        {"明るいひだまりに", "明るいひだまりに"},
        {"子どものみらい", "子どものみらい"},
        {"特定非営利活動法人の役割", "特定非営利活動法人の役割"},
    };
    nps_masker *mk = NULL;
    CHECK_INT(nps_masker_new(NULL, &mk), NPS_OK);
    static const char *const orgs[] = {"北の星旭川支部", "こどもの居場所ひだまり", "子育てネットワークみらい",
                                       "NPO法人 森のようちえん どんぐり", "特定非営利活動法人　ほのか"};
    for (size_t i = 0; i < COUNT_OF(orgs); i++)
        CHECK_INT(nps_masker_add_name(mk, NPS_MASK_ORGANISATION, orgs[i]), NPS_OK);
    CHECK_INT(nps_masker_add_name(mk, NPS_MASK_NAME, "Suzuki Hanako"), NPS_OK);
    check_cases(cases, COUNT_OF(cases), mk);
    nps_masker_free(mk);
}

UNIT_MAIN()

TEST(mask_third_party_organisations_after_a_legal_form)
{
    static const mask_case cases[] = {
        {"ＮＰＯ法人　ひとやすみ処さんに相談", "ＮＰＯ法人　［団体名］さんに相談"},
        {"一般社団法人「みらいの森」と連携", "一般社団法人「［団体名］」と連携"},
        {"株式会社ABCが寄付", "株式会社［団体名］が寄付"},
        {"社会福祉法人北光会の施設", "社会福祉法人［団体名］の施設"},
        {"（特非）ほっとネットと", "（特非）［団体名］と"},
        /* the legal form as a word of the sentence stays */
        {"NPO法人の設立を検討", "NPO法人の設立を検討"},
        {"NPO法人格を取得", "NPO法人格を取得"},
        {"NPO法人化した", "NPO法人化した"},
        {"特定非営利活動法人として活動", "特定非営利活動法人として活動"},
        {"NPO法人等との連携", "NPO法人等との連携"},
        {"株式会社、NPO法人。", "株式会社、NPO法人。"},
    };
    check_cases(cases, COUNT_OF(cases), NULL);
}
