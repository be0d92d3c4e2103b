/*
 * test_mask_seventh.c — the masker's rules written after the sixth set's
 * remaining leaks (docs/robustness.md), with values of their own (not the
 * set's): English companies, bank account holders, shops in 「」, names with
 * a reading and a hiragana given name, hiragana family names, clinics,
 * schools, temples, informal groups, lists of family names, e-mails
 * described in words and romaji names written Family, Given. Each form has
 * positive cases and ordinary text that must stay as it is.
 */
#include <stdlib.h>
#include <string.h>
#include "analyse/mask.h"
#include "unit.h"
#include "mask_cases.h"

TEST(mask_english_companies)
{
    static const mask_case cases[] = {
        {"寄付はKitami Green Tech Inc.からいただきました", "寄付は［団体名］ Inc.からいただきました"},
        {"協賛：Tokachi Dairy Foods Co., Ltd.", "協賛：［団体名］ Co., Ltd."},
        {"委託先 Northwind Logistics, LLC と契約", "委託先 ［団体名］, LLC と契約"},
        {"the Blue Harbor Corp. staff", "the ［団体名］ Corp. staff"},
        /* ordinary text stays */
        {"Income は増えた", "Income は増えた"},
        {"LLC の設立方法を学んだ", "LLC の設立方法を学んだ"},
        {"会社 Inc. とは", "会社 Inc. とは"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_account_holders)
{
    static const mask_case cases[] = {
        {"振込先は帯広信金 西支店 当座 7265031 シャフク)ミドリノサト です",
         "振込先は帯広信金 西支店 当座 ［口座番号］ ［氏名］ です"},
        {"普通 1029384 カモメ タロウまで", "普通 ［口座番号］ ［氏名］まで"},
        {"普通預金 5566778 ﾄｸﾋ)ﾂﾊﾞｻﾉｶｲ", "普通預金 ［口座番号］ ［氏名］"},
        /* ordinary text stays */
        {"普通 1029384 です", "普通 ［口座番号］ です"},
        {"普通の家庭 ボランティア", "普通の家庭 ボランティア"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_shops_in_quotes)
{
    static const mask_case cases[] = {
        {"「珈琲あかり舎」の店長がチラシを置いてくれた", "「［団体名］」の店長がチラシを置いてくれた"},
        {"「ベーグル日和」のオーナーに相談", "「［団体名］」のオーナーに相談"},
        {"「喫茶こまどり」で月1回開催", "「［団体名］」で月1回開催"},
        /* ordinary text stays */
        {"「ありがとう」の一言", "「ありがとう」の一言"},
        {"「喫茶」という名前のサロン", "「喫茶」という名前のサロン"},
        {"「気軽に」の精神", "「気軽に」の精神"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_names_with_reading_and_kana)
{
    static const mask_case cases[] = {
        {"講師の五味渕（ごみぶち）さやかさんに依頼", "講師の［氏名］さんに依頼"},
        {"八木橋(やぎはし)ともこ先生の講座", "［氏名］先生の講座"},
        {"店主のかわむらさんが協力", "店主の［氏名］さんが協力"},
        {"、よこやま先生に相談", "、［氏名］先生に相談"},
        /* ordinary text stays */
        {"地域のみなさんが集まる", "地域のみなさんが集まる"},
        {"近所のやおやさんから野菜", "近所のやおやさんから野菜"},
        {"もうたくさんです", "もうたくさんです"},
        {"うちのとうさんが手伝う", "うちのとうさんが手伝う"},
        {"おばあさんと一緒に", "おばあさんと一緒に"},
        {"絆（きずな）事業", "絆（きずな）事業"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_clinics_schools_temples)
{
    static const mask_case cases[] = {
        {"ひばりが丘すこやかクリニックと連携", "［団体名］クリニックと連携"},
        {"紹介先は柏葉整形外科医院です", "紹介先は［団体名］整形外科医院です"},
        {"受診は、桂木病院で", "受診は、［団体名］病院で"},
        {"釧路町立遠矢中学校の先生", "釧路町立［団体名］中学校の先生"},
        {"北見市立若葉台学校と", "北見市立［団体名］学校と"},
        {"会場は、円明寺の広間", "会場は、［団体名］寺の広間"},
        {"夏祭りは稲荷山神社で", "夏祭りは［団体名］神社で"},
        /* ordinary text stays */
        {"地域の病院と連携", "地域の病院と連携"},
        {"近くのクリニックに通う", "近くのクリニックに通う"},
        {"総合病院に入院", "総合病院に入院"},
        {"市立病院の相談室", "市立病院の相談室"},
        {"北海道大学病院", "北海道大学病院"},
        {"小学校の先生", "小学校の先生"},
        {"高校生の学習支援", "高校生の学習支援"},
        {"近所のお寺で", "近所のお寺で"},
        {"寺院の本堂", "寺院の本堂"},
        {"特別支援学校に通う", "特別支援学校に通う"},
        {"学校との連携", "学校との連携"},
        {"大きな病院", "大きな病院"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_informal_groups)
{
    static const mask_case cases[] = {
        {"こども食堂のにこにこカフェ北見と共催", "こども食堂の［団体名］と共催"},
        {"サロンのひだまりハウスで", "サロンの［団体名］で"},
        /* ordinary text stays */
        {"子ども食堂のボランティアと", "子ども食堂のボランティアと"},
        {"子ども食堂のおかずを作る", "子ども食堂のおかずを作る"},
        {"子ども食堂のみんなキッチン", "子ども食堂のみんなキッチン"},
        {"にこにこキッチンを始めた", "にこにこキッチンを始めた"}, /* no kind word before */
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_family_name_lists)
{
    static const mask_case cases[] = {
        {"世話人は大須賀・米倉・杉田の3名です", "世話人は［氏名］・［氏名］・［氏名］の3名です"},
        {"熊井・遠山の両名が担当", "［氏名］・［氏名］の両名が担当"},
        {"講師は村松・片桐さん", "講師は［氏名］・［氏名］さん"},
        /* ordinary text stays */
        {"理事・監事の3名", "理事・監事の3名"},
        {"男性・女性の方々", "男性・女性の方々"},
        {"人材・財政・場所の問題", "人材・財政・場所の問題"},
        {"小学生・中学生の10名", "小学生・中学生の10名"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_described_mails)
{
    static const mask_case cases[] = {
        {"アドレスは kushiro_mama88 のあとにアットマーク、そのあと yahoo.co.jp です",
         "アドレスは ［メール］ のあとにアットマーク、そのあと ［URL］ です"},
        {"tomo.hiroの後ろにアットマークを付けてください", "［メール］の後ろにアットマークを付けてください"},
        /* ordinary text stays */
        {"アットマークを全角で書かないでください", "アットマークを全角で書かないでください"},
        {"Ver.2 のアプリで", "Ver.2 のアプリで"},
        {"アットマークの位置を確認 COVID-19 対策", "アットマークの位置を確認 COVID-19 対策"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_romaji_family_given)
{
    static const mask_case cases[] = {
        {"翻訳はHoshino, Akaneさんが担当", "翻訳は［氏名］さんが担当"},
        {"通訳の Kenta Morikawa san に依頼", "通訳の ［氏名］ san に依頼"},
        {"Yuka Shimizu-san joined", "［氏名］-san joined"},
        /* ordinary text stays */
        {"Sapporo, Hokkaido で開催", "Sapporo, Hokkaido で開催"},
        {"Zoom, Teams で会議", "Zoom, Teams で会議"},
    };
    check_cases(cases, COUNT_OF(cases));
}

UNIT_MAIN()
