/*
 * test_mask_ninth.c — the masker's rules written after the eighth set's
 * remaining leaks (docs/robustness.md), with values of their own (not the
 * set's): people met outside the organisation named after their role
 * (民生委員の…, 保健師（…）, ケアマネ…, 校長 …), a family name before a job
 * title (…主査), a name before its role in brackets, a one-kanji given name
 * before 殿 and 様, a name in quotes with spaces or before と呼ばれ, a bank's
 * short legal form before a holder's name, a school written short (…中学),
 * a named 地域包括支援センター and a shop named in katakana words joined by ・.
 * Each form has positive cases and ordinary text that must stay as it is.
 */
#include <stdlib.h>
#include <string.h>
#include "analyse/mask.h"
#include "unit.h"
#include "mask_cases.h"

TEST(mask_outside_roles)
{
    static const mask_case cases[] = {
        {"民生委員の小野寺和夫と訪問した", "民生委員の［氏名］と訪問した"},
        {"主任児童委員・佐久間千春、の二人で", "主任児童委員・［氏名］、の二人で"},
        {"担任 本田 恵美へ連絡した", "担任 ［氏名］へ連絡した"},
        {"看護師（村井 奈緒）が同行", "看護師（［氏名］）が同行"},
        {"相談員（小野田）から電話", "相談員（［氏名］）から電話"},
        {"担当ソーシャルワーカー吉川から説明", "担当ソーシャルワーカー［氏名］から説明"},
        {"町内会長・児童委員・宇田川美津子、の三者", "町内会長・児童委員・［氏名］、の三者"},
        /* ordinary text stays */
        {"民生委員の方々に協力してもらう", "民生委員の方々に協力してもらう"},
        {"保健師の家庭訪問があった", "保健師の家庭訪問があった"},
        {"医師の指示で服薬している", "医師の指示で服薬している"},
        {"ケアマネ 経由で申し込んだ", "ケアマネ 経由で申し込んだ"},
        {"ヘルパー派遣を増やした", "ヘルパー派遣を増やした"},
        {"支援員（非常勤）を募集", "支援員（非常勤）を募集"},
        {"院内相談員（父親）に連絡", "院内相談員（父親）に連絡"},
        {"校長の判断で中止になった", "校長の判断で中止になった"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_job_titles_and_bracketed_roles)
{
    static const mask_case cases[] = {
        {"福祉課の岩田係長に相談した", "福祉課の［氏名］係長に相談した"},
        {"学校の市川校長が快諾", "学校の［氏名］校長が快諾"},
        {"中村 和也（代表理事）より挨拶", "［氏名］（代表理事）より挨拶"},
        {"報告：大谷（事務局長）", "報告：［氏名］（事務局長）"},
        /* ordinary text stays */
        {"保護課主査が対応", "保護課主査が対応"},
        {"地域福祉課長の説明", "地域福祉課長の説明"},
        {"事業計画（理事長）", "事業計画（理事長）"},
        {"会計担当（理事）", "会計担当（理事）"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_one_kanji_given_name)
{
    static const mask_case cases[] = {
        {"表彰状　河合 誠殿　多年にわたり", "表彰状　［氏名］殿　多年にわたり"},
        {"来賓の川村 仁様より", "来賓の［氏名］様より"},
        /* one kanji before an honorific: not by shape (林 and 森 are words),
         * by the dictionary (mask_morph.c) */
        {"事務局 林さんへ", "事務局 ［氏名］さんへ"},
        {"担当者 森様", "担当者 ［氏名］様"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_people_in_quotes)
{
    static const mask_case cases[] = {
        {"受付票に「高木　　花子」と書かれていた", "受付票に「［氏名］」と書かれていた"},
        {"「ヨッシー」と呼ばれている男の子", "「［氏名］」と呼ばれている男の子"},
        {"“みっちゃん”というあだ名の女性", "“［氏名］”というあだ名の女性"},
        /* ordinary text stays */
        {"「ありがとう」と言ってくれた", "「ありがとう」と言ってくれた"},
        {"「子ども食堂」と呼ばれる場", "「子ども食堂」と呼ばれる場"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_bank_holder_with_legal_form)
{
    static const mask_case cases[] = {
        {"振込名義がｶ)ｽｽﾞｷｺｳｷﾞｮｳで届いた", "振込名義が［氏名］で届いた"},
        {"名義はﾕ)ﾀﾅｶｼｮｳﾃﾝでした", "名義は［氏名］でした"},
        /* ordinary text stays */
        {"名義がバラバラで困る", "名義がバラバラで困る"},
        {"口座名義が違っていた", "口座名義が違っていた"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_schools_centres_shops)
{
    static const mask_case cases[] = {
        {"近くの若葉台中学の先生", "近くの［団体名］中学の先生"},
        {"桜ヶ丘地域包括支援センターへ", "［団体名］地域包括支援センターへ"},
        {"北町包括支援センターに相談", "［団体名］包括支援センターに相談"},
        {"会場はビストロ・ルミエールです", "会場は［団体名］です"},
        /* ordinary text stays */
        {"公立中学に進学した", "公立中学に進学した"},
        {"夜間中学の情報", "夜間中学の情報"},
        {"中学生の居場所", "中学生の居場所"},
        {"担当の地域包括支援センターへ", "担当の地域包括支援センターへ"},
        {"地区の包括支援センター", "地区の包括支援センター"},
        {"カフェ・レストランで昼食", "カフェ・レストランで昼食"},
        {"子ども食堂・カフェ・フードバンク", "子ども食堂・カフェ・フードバンク"},
        {"カフェ・マルシェ・ワークショップを開く", "カフェ・マルシェ・ワークショップを開く"},
    };
    check_cases(cases, COUNT_OF(cases));
}

UNIT_MAIN()
