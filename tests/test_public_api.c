/*
 * test_public_api.c — the public API alone (include/npo-survey/npo-survey.h),
 * compiled without src/ on the include path, as a program using the
 * installed library would be: load the built-in questionnaire, read the
 * 2023 fixture, tabulate it and check a published count, compute the flows,
 * and see a bad export fail with file and line.
 */
#include <npo-survey/npo-survey.h>
#include "unit.h"

#define FIXTURE NPS_SOURCE_DIR "/fixtures/hokkaido-2023/responses.csv"

/* The CSV of nps_tables_write in a malloc'd string (NULL on failure). */
static char *tables_csv(const nps_tables *t)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    if (nps_tables_write(t, NPS_FORMAT_CSV, f) != NPS_OK) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    return buf;
}

TEST(version_and_errors)
{
    CHECK_STR(nps_version(), NPS_VERSION);
    CHECK_STR(nps_strerror(NPS_OK), "success");
    CHECK(strlen(nps_strerror(NPS_ERR_CSV)) > 0);
}

TEST(read_tabulate_and_flows)
{
    nps_questionnaire *q = NULL;
    nps_dataset *d = NULL;
    nps_tables *t = NULL;
    nps_flows *fl = NULL;
    nps_diag diag;
    char *csv = NULL;

    CHECK_INT(nps_questionnaire_load_default(&q, &diag), NPS_OK);
    if (!q)
        return;
    CHECK_INT(nps_read_export(FIXTURE, q, NULL, &d, &diag), NPS_OK);
    if (!d)
        goto done;
    CHECK_INT(nps_dataset_count(d), 65);
    CHECK_INT(nps_tables_build(d, &t), NPS_OK);
    if (t && (csv = tables_csv(t)))
        CHECK(strstr(csv, "\nQ6,,,3,子ども食堂などの子どもの居場所（通いの場／食事提供の有無を問わない）,18,65,27.7\n"));
    CHECK_INT(nps_flows_build(d, &fl), NPS_OK);
done:
    free(csv);
    nps_flows_free(fl);
    nps_tables_free(t);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

TEST(bad_export_names_file_and_line)
{
    static const char bad[] = "タイムスタンプ,Q6. 事業\n\"2023/10/05 14:03:22,unterminated\n";
    nps_questionnaire *q = NULL;
    nps_dataset *d = NULL;
    nps_diag diag;

    CHECK_INT(nps_questionnaire_load_default(&q, &diag), NPS_OK);
    if (!q)
        return;
    CHECK(nps_read_export_buffer("bad.csv", bad, sizeof bad - 1, q, NULL, &d, &diag) != NPS_OK);
    CHECK(d == NULL);
    CHECK_STR(diag.file, "bad.csv");
    CHECK(diag.line > 0);
    nps_questionnaire_free(q);
}

UNIT_MAIN()
