/*
 * test_mask_sixth.c — the masker's rules written after the blind sixth set
 * (docs/robustness.md), with values of their own (not the set's): vehicle
 * plates, phone numbers read aloud with の, and a building with its room
 * written without an address. Each form has positive cases and ordinary
 * text that must stay as it is.
 */
#include <stdlib.h>
#include <string.h>
#include "analyse/mask.h"
#include "unit.h"
#include "mask_cases.h"

TEST(mask_vehicle_plates)
{
    static const mask_case cases[] = {
        {"送迎車は釧路 300 と 42-17 です", "送迎車は［番号］ です"},
        {"車は札幌500ね・・73", "車は［番号］"},
        {"車両は函館330す・・73を使用", "車両は［番号］を使用"},
        {"品川 501 あ 9-12 の車に乗る", "［番号］ の車に乗る"},
        {"送迎ナンバーは 501 あ 9-12", "送迎ナンバーは 501 あ 9-12"}, /* no office name before it */
        /* ordinary text stays */
        {"定員 30 名 12-15 時", "定員 30 名 12-15 時"},
        {"参加者 100 と 12-34 の比較", "参加者 100 と 12-34 の比較"},
        {"第2期 300 を 10-20 回", "第2期 300 を 10-20 回"},
        {"車で来た参加者 100 と 12-34 の比較", "車で来た［番号］ の比較"}, /* accepted: see docs */
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_spoken_phone)
{
    static const mask_case cases[] = {
        {"携帯はゼロキューゼロの3318の2947です", "携帯はゼロキューゼロの［電話番号］です"},
        {"090の3318の2947まで", "［電話番号］まで"},
        {"代表 011の612の4478", "代表 ［電話番号］"},
        /* ordinary text stays */
        {"2023の1234件", "2023の1234件"},
        {"電話は 6612の4478", "電話は ［電話番号］"},
        {"参加者 120の内 34 人", "参加者 120の内 34 人"},
        {"12の3456", "12の3456"},
    };
    check_cases(cases, COUNT_OF(cases));
}

/* The short legal forms people write in brackets, half- or full-width. */
TEST(mask_short_legal_forms)
{
    static const mask_case cases[] = {
        {"(有)三ツ星青果店さんから野菜", "(有)［団体名］さんから野菜"},
        {"（福）白百合会の施設と連携", "（福）［団体名］の施設と連携"},
        {"(医)仁和会と協力", "(医)［団体名］と協力"},
        {"(公財)北斗振興財団の助成", "(公財)［団体名］の助成"},
        {"宗教法人 妙心院の本堂を借りる", "宗教法人 ［団体名］の本堂を借りる"},
        /* ordinary text stays */
        {"送迎(有)、食事(無)", "送迎(有)、食事(無)"},
        {"駐車場(有)。", "駐車場(有)。"},
        {"対象(学)生 20 名", "対象(学)生 20 名"},
    };
    check_cases(cases, COUNT_OF(cases));
}

TEST(mask_building_room_alone)
{
    static const mask_case cases[] = {
        {"住まいはメゾン楓ヶ丘 305号室", "住まいは［住所］"},
        {"連絡先はハイツ緑苑207号室まで", "連絡先は［住所］まで"},
        {"市営コーポ朝霧108号室に転居", "［住所］に転居"},
        /* ordinary text stays */
        {"会議室203号室で実施", "会議室203号室で実施"},
        {"205号室を借りている", "205号室を借りている"},
        {"コーポラティブハウスの勉強会", "コーポラティブハウスの勉強会"},
    };
    check_cases(cases, COUNT_OF(cases));
}

UNIT_MAIN()
