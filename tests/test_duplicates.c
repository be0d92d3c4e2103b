/*
 * test_duplicates.c — one response per organisation (docs/reading.md,
 * "Duplicates"): the organisation key (legal forms, brackets of any width,
 * quotes, white space removed), merging its variants, the e-mail used only
 * for rows without a name, and the same e-mail under different names kept
 * apart with a finding that names lines and no personal data; and a
 * 200,000-row export de-duplicated right.
 */
#include <stdint.h>
#include <stdlib.h>
#include "unit.h"
#include "base/alloc.h"
#include "model/dataset.h"
#include "read/reader.h"
#include "read/register.h"

static nps_questionnaire *load_default(void)
{
    nps_questionnaire *q = NULL;
    nps_diag diag;
    CHECK_INT(nps_questionnaire_load_default(&q, &diag), NPS_OK);
    return q;
}

static nps_dataset *read_csv(const nps_questionnaire *q, const char *csv, size_t len)
{
    nps_dataset *d = NULL;
    nps_diag diag;
    CHECK_INT(nps_read_export_buffer("dup.csv", csv, len, q, NULL, &d, &diag), NPS_OK);
    return d;
}

/* Index of the first entry of `kind` whose action contains `what`, or -1. */
static long find_quality(const nps_dataset *d, nps_quality_kind kind, const char *what)
{
    for (size_t i = 0; i < nps_dataset_quality_count(d); i++) {
        const nps_quality_entry *e = nps_dataset_quality_at(d, i);
        if (e->kind == kind && strstr(e->action, what))
            return (long)i;
    }
    return -1;
}

/* Findings not about the header: these exports are partial, and each
 * question they lack is a finding on line 1 (docs/annual-cycle.md). */
static size_t findings_past_header(const nps_dataset *d)
{
    size_t n = 0;
    for (size_t i = 0; i < nps_dataset_quality_count(d); i++) {
        const nps_quality_entry *e = nps_dataset_quality_at(d, i);
        n += e->kind == NPS_QUALITY_FINDING && e->line != 1;
    }
    return n;
}

static char *key(const char *name)
{
    return nps_org_name_key(name, strlen(name));
}

TEST(name_key_removes_legal_forms_brackets_quotes_and_spaces)
{
    static const char *const same[] = {
        "ふたばの会", "特定非営利活動法人ふたばの会", "特定非営利活動法人　ふたばの会", "(特非)ふたばの会",
        "（特非）ふたばの会", "【特非】 ふたばの会", "ＮＰＯ法人 ふたばの会", "npo法人ふたばの会",
        "(NPO)ふたばの会", "ふたばの会（NPO法人）", "ふたばの会 特定非営利活動法人", "「ふたばの会」",
        "特定非営利活動法人「ふたばの会」", "認定NPO法人ふたばの会", "NPO法人・ふたばの会",
        "（特定非営利活動法人）ふたばの会", " ふたばの会 ", "任意団体 ふたばの会",
    };
    static const struct { const char *name, *key; } other[] = {
        {"一般社団法人 こども食堂", "こども食堂"}, {"(一社)こども食堂", "こども食堂"},
        {"公益社団法人こども食堂", "こども食堂"}, {"(公社)こども食堂", "こども食堂"},
        {"一般財団法人こども食堂", "こども食堂"}, {"(一財)こども食堂", "こども食堂"},
        {"公益財団法人こども食堂", "こども食堂"}, {"(公財)こども食堂", "こども食堂"},
        {"社会福祉法人こども食堂", "こども食堂"}, {"(社福)こども食堂", "こども食堂"},
        {"㈳こども食堂", "こども食堂"},
        {"ふたばの会 札幌支部", "ふたばの会札幌支部"},   /* a branch is another organisation */
        {"NPOふたば", "npoふたば"},                       /* a bare NPO without 法人 is the name */
        {"「ふたば」と「わかば」", "「ふたば」と「わかば」"}, /* quotes inside, not around */
        {"特定非営利活動法人", ""}, {"（特非）", ""}, {"", ""},
    };
    char *want = key("ふたばの会");
    CHECK_STR(want, "ふたばの会");
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        char *k = key(same[i]);
        if (!k || strcmp(k, "ふたばの会") != 0)
            fprintf(stderr, "  for \"%s\"\n", same[i]);
        CHECK_STR(k, "ふたばの会");
        nps_free(k);
    }
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
        char *k = key(other[i].name);
        if (!k || strcmp(k, other[i].key) != 0)
            fprintf(stderr, "  for \"%s\"\n", other[i].name);
        CHECK_STR(k, other[i].key);
        nps_free(k);
    }
    nps_free(want);
    want = nps_org_email_key(" Info@Example.JP", 16);
    CHECK_STR(want, "info@example.jp");
    nps_free(want);
}

/* Issue 13's three ways of writing one organisation, and more. */
TEST(legal_form_variants_merge)
{
    static const char csv[] =
        "タイムスタンプ,Q2. 団体名,Q3. メール,Q26. 期間\n"
        "2023/10/01 09:00:00,特定非営利活動法人ふたばの会,a@example.jp,1週間未満\n"
        "2023/10/02 09:00:00,ふたばの会,b@example.jp,受入不可\n"
        "2023/10/03 09:00:00,(特非)ふたばの会,c@example.jp,1年以上\n"
        "2023/10/04 09:00:00,「ＮＰＯ法人　ふたばの会」,d@example.jp,その他\n"
        "2023/10/05 09:00:00,一般社団法人 わかばの会,e@example.jp,1週間未満\n"
        "2023/10/02 10:00:00,（一社）わかばの会,f@example.jp,受入不可\n";
    nps_questionnaire *q = load_default();
    nps_dataset *d = q ? read_csv(q, csv, sizeof csv - 1) : NULL;
    if (d) {
        CHECK_INT(nps_dataset_count(d), 2);
        CHECK_INT(nps_dataset_read_info(d)->duplicates_dropped, 4);
        CHECK_INT(nps_dataset_line(d, 0), 5); /* ふたば: the latest, 10/04 */
        CHECK_INT(nps_dataset_line(d, 1), 6); /* わかば: 10/05 */
        CHECK(find_quality(d, NPS_QUALITY_NOTE, "the latest (line 5) kept") >= 0);
        CHECK(find_quality(d, NPS_QUALITY_NOTE, "the latest (line 6) kept") >= 0);
        CHECK_INT(findings_past_header(d), 0);
    }
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

/* An intermediary's address under three organisations: three
 * organisations, one finding naming their lines and nothing personal. */
TEST(shared_email_stays_separate_with_finding)
{
    static const char csv[] =
        "タイムスタンプ,Q2. 団体名,Q3. メール,Q26. 期間\n"
        "2023/10/01 09:00:00,NPO法人 ひまわり,chukan@example.jp,1週間未満\n"
        "2023/10/02 09:00:00,子ども食堂あおぞら,other@example.jp,受入不可\n"
        "2023/10/03 09:00:00,一般社団法人 みらい,Chukan@Example.jp,1年以上\n"
        "2023/10/04 09:00:00,ささえあいネット,chukan@example.jp,その他\n";
    nps_questionnaire *q = load_default();
    nps_dataset *d = q ? read_csv(q, csv, sizeof csv - 1) : NULL;
    long at;
    if (d) {
        CHECK_INT(nps_dataset_count(d), 4);
        CHECK_INT(nps_dataset_read_info(d)->duplicates_dropped, 0);
        CHECK_INT(findings_past_header(d), 1);
        at = find_quality(d, NPS_QUALITY_FINDING, "the same e-mail address under different 団体名 (lines 2, 4, 5)");
        CHECK(at >= 0);
        if (at >= 0) {
            const nps_quality_entry *e = nps_dataset_quality_at(d, (size_t)at);
            CHECK_INT(e->line, 2);
            CHECK_STR(e->raw, "");
            CHECK(!strstr(e->action, "chukan") && !strstr(e->action, "example"));
            CHECK(!strstr(e->action, "ひまわり") && !strstr(e->action, "みらい") && !strstr(e->action, "ささえあい"));
            CHECK(strstr(e->action, "kept as separate organisations") != NULL);
        }
    }
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

/* Rows without a name: with the one organisation that gave the e-mail
 * with a name; with each other when nobody did; alone when several did. */
TEST(rows_without_a_name_go_by_email)
{
    static const char csv[] =
        "タイムスタンプ,Q2. 団体名,Q3. メール,Q26. 期間\n"
        "2023/10/01 09:00:00,ひまわり会,one@example.jp,1週間未満\n"  /* 2 */
        "2023/10/05 09:00:00,,ONE@example.jp,受入不可\n"               /* 3: joins 2, latest */
        "2023/10/02 09:00:00,,two@example.jp,1年以上\n"                /* 4 */
        "2023/10/03 09:00:00,特定非営利活動法人,two@example.jp,その他\n" /* 5: only a legal form: no name */
        "2023/10/04 09:00:00,あおぞら,three@example.jp,1週間未満\n"   /* 6 */
        "2023/10/04 10:00:00,みらい,three@example.jp,受入不可\n"      /* 7 */
        "2023/10/06 09:00:00,,three@example.jp,1年以上\n"              /* 8: ambiguous: alone */
        "2023/10/06 09:00:00,,,1年以上\n";                             /* 9: nothing: alone */
    nps_questionnaire *q = load_default();
    nps_dataset *d = q ? read_csv(q, csv, sizeof csv - 1) : NULL;
    if (d) {
        CHECK_INT(nps_dataset_count(d), 6);
        CHECK_INT(nps_dataset_read_info(d)->duplicates_dropped, 2);
        CHECK_INT(nps_dataset_line(d, 0), 3);
        CHECK_INT(nps_dataset_line(d, 1), 5);
        CHECK_INT(nps_dataset_line(d, 2), 6);
        CHECK_INT(nps_dataset_line(d, 3), 7);
        CHECK_INT(nps_dataset_line(d, 4), 8);
        CHECK_INT(nps_dataset_line(d, 5), 9);
        CHECK(find_quality(d, NPS_QUALITY_FINDING, "(lines 6, 7, 8)") >= 0);
        CHECK_INT(findings_past_header(d), 1);
    }
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

/* 200,000 rows (100,000 organisations, each answering twice under two
 * spellings; every 1,000 organisations share an intermediary's address):
 * the read in halves joins them all; the findings name 20 lines each. */
TEST(two_hundred_thousand_rows)
{
    enum { ORGS = 100000 };
    nps_questionnaire *q = load_default();
    size_t cap = (size_t)ORGS * 2 * 120 + 64, len = 0;
    char *csv = malloc(cap);
    nps_dataset *d = NULL;
    if (!q || !csv)
        goto cleanup;
    len += (size_t)snprintf(csv + len, cap - len, "タイムスタンプ,Q2. 団体名,Q3. メール,Q26. 期間\n");
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < ORGS; i++) {
            int mail = i % 1000 == 0 ? -1 : i; /* -1: the shared address */
            len += (size_t)snprintf(csv + len, cap - len, "2023/10/%02d 09:%02d:00,%s団体%d,m%d@example.jp,%s\n",
                                    1 + pass, i % 60, pass ? "（特非）" : "NPO法人 ", i, mail,
                                    pass ? "1年以上" : "受入不可");
        }
    d = read_csv(q, csv, len);
    if (d) {
        CHECK_INT(nps_dataset_count(d), ORGS);
        CHECK_INT(nps_dataset_read_info(d)->duplicates_dropped, ORGS);
        CHECK_INT(nps_dataset_line(d, 0), ORGS + 2); /* the later pass is the latest */
        CHECK_INT(findings_past_header(d), 1);
        CHECK(find_quality(d, NPS_QUALITY_FINDING, "(lines 2, 1002, 2002,") >= 0);
        CHECK(find_quality(d, NPS_QUALITY_FINDING, " and 180 more)") >= 0);
    }
cleanup:
    nps_dataset_free(d);
    free(csv);
    nps_questionnaire_free(q);
}

/* Only in NPS_FAILALLOC builds (empty in others, as test_failalloc.c):
 * every allocation of a read with duplicates, nameless rows and a shared
 * e-mail failing in turn gives NPS_ERR_NOMEM and no dataset, never a crash
 * or a leak (the failalloc build is an ASan build). */
TEST(allocation_failures)
{
#ifdef NPS_FAILALLOC
    static const char csv[] =
        "タイムスタンプ,Q2. 団体名,Q3. メール,Q26. 期間\n"
        "2023/10/01 09:00:00,特定非営利活動法人ふたばの会,a@example.jp,1週間未満\n"
        "2023/10/02 09:00:00,(特非)ふたばの会,b@example.jp,受入不可\n"
        "2023/10/03 09:00:00,わかば,a@example.jp,1年以上\n"
        "2023/10/04 09:00:00,,b@example.jp,その他\n";
    nps_questionnaire *q = load_default();
    long failures = 0;
    for (long n = 0; q && failures < 10000; n++) {
        nps_dataset *d = NULL;
        nps_diag diag;
        nps_error err;
        nps_alloc_fail_after(n);
        err = nps_read_export_buffer("dup.csv", csv, sizeof csv - 1, q, NULL, &d, &diag);
        nps_alloc_fail_after(-1);
        if (err == NPS_OK) {
            CHECK_INT(nps_dataset_count(d), 2);
            CHECK_INT(findings_past_header(d), 1);
            nps_dataset_free(d);
            break;
        }
        CHECK_INT(err, NPS_ERR_NOMEM);
        CHECK(d == NULL);
        failures++;
    }
    CHECK(failures > 10);
    fprintf(stderr, "allocation_failures: %ld failing runs, then success\n", failures);
    nps_questionnaire_free(q);
#endif
}

UNIT_MAIN()
