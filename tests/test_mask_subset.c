/*
 * test_mask_subset.c — a masker for a few texts alone (nps_masker_new_for,
 * mask_subset.c) masks each of them exactly as the masker of every name
 * does, while holding fewer names.
 */
#include <stdlib.h>
#include <string.h>
#include "analyse/mask.h"
#include "unit.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char *const people[] = {
    "山田 花子", "佐藤太郎", "なし", "代表 山田太郎", "理事長：渡邊一郎", "髙橋 春子",
    "佐藤 夏子（代表）", "﨑田 秋子", "Suzuki Hanako", "早乙女 玲奈", "北条一馬さん",
    "ｻﾄｳ ｼﾞﾛｳ", "かとう　みどり", "伊藤 𠮷男", "TANAKA", "木村 　健"};
static const char *const orgs[] = {
    "特定非営利活動法人　北海道ひまわりネット", "（特非）こもれび", "NPO法人 あ", "ＡＢＣネット",
    "一般社団法人 花子の家ネットワーク", "「ふたばの会」", "みどりの森 札幌支部",
    "認定NPO法人 ほっとネット", "みらいの家（札幌）", "こどもの居場所ひだまり",
    "北の星旭川支部", "森のようちえん どんぐり", "ほっと・ネット", "カ\xE3\x82\x99ーデン倶楽部",
    "ｶﾞｰﾃﾞﾝ", "Ｓｍｉｌｅ　Ｋｉｄｓ", "えほんの會"};

static nps_questionnaire *q;
static nps_dataset *d;
static nps_masker *full;

static void unload(void)
{
    nps_masker_free(full);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

static void load(void)
{
    nps_diag diag;
    if (full)
        return;
    if (nps_questionnaire_load_default(&q, &diag) != NPS_OK || nps_dataset_new(q, &d) != NPS_OK)
        exit(1);
    atexit(unload);
    const nps_field *f1 = nps_questionnaire_personal_field(q, NPS_PERSONAL_NAME);
    const nps_field *f2 = nps_questionnaire_personal_field(q, NPS_PERSONAL_ORGANISATION);
    size_t n = COUNT_OF(people) > COUNT_OF(orgs) ? COUNT_OF(people) : COUNT_OF(orgs);
    for (size_t i = 0; i < n; i++) {
        size_t row;
        if (nps_dataset_add_row(d, (long)i + 2, 0, &row) != NPS_OK)
            exit(1);
        if (i < COUNT_OF(people))
            nps_dataset_set_text(d, row, f1, people[i], strlen(people[i]));
        if (i < COUNT_OF(orgs))
            nps_dataset_set_text(d, row, f2, orgs[i], strlen(orgs[i]));
    }
    if (nps_masker_new(d, &full) != NPS_OK)
        exit(1);
}

/* texts[0..n) masked with a masker for them alone equal the full masking;
 * returns how many of them the full masker changed. */
static int check_same(const char *const *texts, size_t n)
{
    nps_masker *sub = NULL;
    int changed = 0;
    CHECK_INT(nps_masker_new_for(d, texts, n, &sub), NPS_OK);
    CHECK(nps_masker_name_count(sub) <= nps_masker_name_count(full));
    for (size_t i = 0; i < n; i++) {
        char *want = nps_mask_text(full, texts[i]), *got = nps_mask_text(sub, texts[i]);
        int before = unit_failures;
        CHECK_STR(got, want);
        if (unit_failures != before)
            fprintf(stderr, "  ^ text \"%s\"\n", texts[i]);
        changed += want && strcmp(want, texts[i]) != 0;
        free(want);
        free(got);
    }
    nps_masker_free(sub);
    return changed;
}

static const char *const texts[] = {
    "山田花子が担当", "山田　花子さん", "担当：佐藤 太郎", "北海道ひまわりネットと連携",
    "特定非営利活動法人北海道ひまわりネットの活動", "NPO法人北海道ひまわりネット",
    "こもれびの会", "abcネットに相談", "ＡＢＣネットに相談", "山田さん", "代表の山田が",
    "山田が", "山田花子の家ネットワーク", "高橋春子です", "髙橋春子です", "渡辺一郎が",
    "渡邉一郎が", "崎田秋子", "﨑田秋子さん", "ふたばの会の活動", "「ふたばの会」と",
    "ふたばの會と", "みどりの森札幌支部", "ほっと・ネットと", "ほっとネットと", "みらいの家へ",
    "ひだまりに行く", "明るいひだまり", "北の星に", "北の星旭川へ", "どんぐりの会",
    "hanako suzukiさん", "Hanako Suzuki", "ｻﾄｳｼﾞﾛｳさん", "サトウジロウさん", "かとうみどりさん",
    "伊藤𠮷男さん", "伊藤吉男さん", "tanakaさん", "木村健さん", "早乙女玲奈さんと北条一馬さん",
    "ガーデン倶楽部で", "ｶﾞｰﾃﾞﾝで", "ガーデンで", "smile kidsの", "えほんの会で",
    "「DV を受けた体験がある方」: 3 answers not in choices.csv, counted as その他",
    "「ここを利用して下さる方が」: 5 answers not in choices.csv", "", "特になしです"};

TEST(subset_masks_each_text_as_the_full_masker)
{
    load();
    int changed = 0;
    for (size_t i = 0; i < COUNT_OF(texts); i++)
        changed += check_same(&texts[i], 1);
    CHECK(changed >= 30); /* the texts do hold names */
}

TEST(subset_masks_texts_together_as_the_full_masker)
{
    load();
    for (size_t i = 0; i + 5 <= COUNT_OF(texts); i += 5)
        check_same(&texts[i], 5);
}

TEST(subset_holds_fewer_names)
{
    static const char *const none[] = {"数字だけ 12345", NULL, "ありがとうございました"};
    static const char *const one[] = {"代表の山田が"};
    nps_masker *sub = NULL;
    load();
    CHECK_INT(nps_masker_new_for(d, none, 3, &sub), NPS_OK);
    CHECK(nps_masker_name_count(sub) < nps_masker_name_count(full) / 2);
    nps_masker_free(sub);
    CHECK_INT(nps_masker_new_for(d, one, 1, &sub), NPS_OK);
    CHECK(nps_masker_name_count(sub) > 0);
    CHECK(nps_masker_name_count(sub) < nps_masker_name_count(full));
    nps_masker_free(sub);
    CHECK_INT(nps_masker_new_for(d, NULL, 0, &sub), NPS_OK);
    CHECK(nps_masker_name_count(sub) < nps_masker_name_count(full));
    nps_masker_free(sub);
}

/* Pieces of names glued to each other and to plain words: whatever the
 * full masker does, the subset does. */
TEST(subset_masks_pieces_of_names_alike)
{
    static const char *const glue[] = {"さん", "と", "の", "代表", " ", "（", "", "です。"};
    char text[256];
    unsigned seed = 12345;
    load();
    for (int round = 0; round < 400; round++) {
        text[0] = '\0';
        for (int k = 0; k < 3; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *src = (seed >> 8) % 2 ? people[(seed >> 12) % COUNT_OF(people)]
                                              : orgs[(seed >> 12) % COUNT_OF(orgs)];
            size_t len = strlen(src), from = (seed >> 16) % (len / 2 + 1);
            while (from > 0 && ((unsigned char)src[from] & 0xC0) == 0x80)
                from--;
            strncat(text, src + from, sizeof text - strlen(text) - 16);
            strcat(text, glue[(seed >> 20) % COUNT_OF(glue)]);
        }
        const char *one = text;
        check_same(&one, 1);
    }
}

TEST(subset_of_a_long_text_keeps_every_name)
{
    char *text = malloc(3001);
    nps_masker *sub = NULL;
    load();
    memset(text, 'x', 3000);
    text[3000] = '\0';
    const char *one = text;
    CHECK_INT(nps_masker_new_for(d, &one, 1, &sub), NPS_OK);
    CHECK_INT(nps_masker_name_count(sub), nps_masker_name_count(full));
    nps_masker_free(sub);
    free(text);
}

UNIT_MAIN()
