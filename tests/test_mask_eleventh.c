/*
 * test_mask_eleventh.c — the masker's rules written after the eleventh set's
 * run (docs/robustness.md), with values of their own (not the set's): a word
 * the dictionary may read as a name after a role (書記：, 担当者 , 支援員の) or
 * before ら, a word quoted as the speaker (「…です」, 「…と申します」), a
 * hiragana given name after a word and の before くん or ちゃん, a name after
 * a title of address (Dr. Mr. Prof.), and a full name in kana alone in
 * brackets. Each form has positive cases and ordinary text that must stay.
 */
#include <stdlib.h>
#include <string.h>
#include "analyse/mask.h"
#include "unit.h"
#include "mask_cases.h"

TEST(mask_names_by_the_words_around_them)
{
    static const mask_case cases[] = {
        {"書記：岩間　以上", "書記：［氏名］　以上"},
        {"担当者 宮腰が対応", "担当者 ［氏名］が対応"},
        {"支援員の桐山ら2名が同行", "支援員の［氏名］ら2名が同行"},
        {"受話器越しに「オオツカです」とだけ言った", "受話器越しに「［氏名］です」とだけ言った"},
        {"「細川と申します」と", "「［氏名］と申します」と"},
        /* ordinary text stays */
        {"利用者の家族が", "利用者の家族が"},
        {"利用者の大半が", "利用者の大半が"},
        {"参加者らが集まった", "参加者らが集まった"},
        {"「大丈夫です」と言われた", "「大丈夫です」と言われた"},
        {"「札幌です」と答えた", "「札幌です」と答えた"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_names_by_their_shape)
{
    static const mask_case cases[] = {
        {"子どものみずきちゃんが", "子どもの［氏名］ちゃんが"},
        {"高校生のこうへいくんと面談", "高校生の［氏名］くんと面談"},
        {"通訳はDr.Okamotoが担当", "通訳はDr.［氏名］が担当"},
        {"Prof. Yamashita Kenta が講演", "Prof. ［氏名］ が講演"},
        {"会員（くどう まさみ）の申込", "会員（［氏名］）の申込"},
        {"（フジモト トモコ）様", "（［氏名］）様"},
        /* ordinary text stays */
        {"近所のじいちゃんが", "近所のじいちゃんが"},
        {"近所のおばちゃんが", "近所のおばちゃんが"},
        {"（はい いいえ）で答える", "（はい いいえ）で答える"},
        {"Mississippi州", "Mississippi州"},
        {"Drive-through", "Drive-through"},
    };
    check_cases(cases, COUNT_OF(cases));
}

UNIT_MAIN()
