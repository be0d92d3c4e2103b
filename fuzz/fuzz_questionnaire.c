/*
 * fuzz_questionnaire.c — libFuzzer target: the questionnaire loader
 * (nps_questionnaire_load_source, questionnaire/README.md).
 *
 * The input is the six questionnaire files in the loader's order —
 * survey.csv, choices.csv, bins.csv, troubles.csv, themes.csv,
 * settings.csv — separated by NUL bytes (a missing part is an empty file);
 * fuzz/make_corpus.sh writes seeds in this form. A questionnaire that loads
 * is then used to read a small export (nps_read_export_buffer) and tabulate
 * it, so option lists, bins and categories the validator lets through are
 * exercised by the matcher, the number binning and the tables too.
 * Invariant checked: a load either succeeds or fails with a message.
 *
 * Also compiled into tests/test_fuzz_regressions.c (NPS_FUZZ_ENTRY renamed)
 * to replay fuzz/regressions/questionnaire/ in every build.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/questionnaire.h"
#include "read/reader.h"
#include "analyse/tables.h"

#ifndef NPS_FUZZ_QUESTIONNAIRE_ENTRY
#define NPS_FUZZ_QUESTIONNAIRE_ENTRY LLVMFuzzerTestOneInput
#endif

int NPS_FUZZ_QUESTIONNAIRE_ENTRY(const uint8_t *data, size_t size);

/* A small export touching every kind of field of the default questionnaire. */
static const char fuzz_questionnaire_export[] =
    "タイムスタンプ,Q2. 団体名,Q3. メール,Q6. 事業,Q13-1. 役員,Q14-1. 小学生,Q16. 利用者,"
    "Q22. 困りごと [いじめ（学校）],Q22. 困りごと [その他],Q29. 談話室,Q31-2. 広さ,Q34. 行政機関,"
    "Q37. 星,Q38. 理由\n"
    "2023/10/03 08:26:01,ＮＰＯ法人 ふたばの会,info@example.org,"
    "\"プレーパークなどのあそび場, その他：読書会\",1,50%,31,"
    "他団体と連携することによって対応できている,,なし,12畳,\"障害福祉担当, 児童福祉担当\",6,活動実績があるから\n"
    "2023/10/5 2:03:22 午後 GMT+9,NPO法人ふたばの会,,子ども食堂;その他,約3人,5割,10～20人,"
    "特に困りごとがある人はいない（把握していない）,自団体で対応できている,あり,20㎡,,★★★,=SUM(1)\n"
    "2023-10-06T09:00:00+09:00,別の会,x@example.org,当てはまる事業はない,なし,120%,不明,,,,6坪,その他,11,\n";

int NPS_FUZZ_QUESTIONNAIRE_ENTRY(const uint8_t *data, size_t size)
{
    const char *part[6] = {"", "", "", "", "", ""};
    size_t len[6] = {0};
    const char *p = (const char *)data, *end = p + size;
    nps_questionnaire *q = NULL;
    nps_diag diag;
    memset(&diag, 0, sizeof diag);
    for (int i = 0; i < 6 && p <= end; i++) {
        const char *nul = memchr(p, '\0', (size_t)(end - p));
        part[i] = p;
        len[i] = (size_t)((nul ? nul : end) - p);
        if (!nul)
            break;
        p = nul + 1;
    }
    nps_questionnaire_source src = {"fuzz", part[0], len[0], part[1], len[1], part[2], len[2],
                                    part[3], len[3], part[4], len[4], part[5], len[5], NULL, 0};
    nps_error err = nps_questionnaire_load_source(&src, &q, &diag);
    if (err != NPS_OK) {
        if (q || !diag.message[0])
            abort(); /* an error must come with a message and no questionnaire */
        return 0;
    }
    nps_dataset *d = NULL;
    nps_tables *t = NULL;
    if (nps_read_export_buffer("fuzz.csv", fuzz_questionnaire_export, sizeof fuzz_questionnaire_export - 1,
                               q, NULL, &d, &diag) == NPS_OK &&
        nps_tables_build(d, &t) == NPS_OK) {
        FILE *sink = fopen("/dev/null", "w");
        if (!sink)
            abort();
        (void)nps_tables_write(t, NPS_FORMAT_TEXT, sink); /* fuzzed labels through the text layout */
        fclose(sink);
    }
    nps_tables_free(t);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
    return 0;
}
