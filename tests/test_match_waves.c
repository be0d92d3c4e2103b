/*
 * test_match_waves.c — the crosswalk loader and the matching of two
 * questionnaires (analyse/match_waves.h, docs/compare.md): the file's
 * errors each name the line; the default questionnaire matches itself
 * entirely; 2023 → 2024 (fixtures/hokkaido-2024) matches renumbered
 * questions by their text, the reworded option and the renamed row only
 * through the crosswalk, and lists the added and dropped ones. Also
 * replays fuzz/regressions/crosswalk/ through the fuzz target's entry.
 */
#include <dirent.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include "unit.h"
#include "analyse/match_waves.h"
#include "model/questionnaire.h"
#include "analyse/compare.h"
#include "base/alloc.h"
#include "read/reader.h"

#define NPS_FUZZ_CROSSWALK_ENTRY fuzz_crosswalk_entry
#include "../fuzz/fuzz_crosswalk.c"

#define HEAD "old_question,old_option,new_question,new_option\n"
#define OLD6 "子ども食堂などの子どもの居場所（通いの場／食事提供の有無を問わない）"
#define NEW6 "子ども食堂・地域食堂などの子どもの居場所（食事提供の有無を問わない）"

static nps_crosswalk *parse(const char *text, nps_error expect, long line)
{
    nps_crosswalk *cw = NULL;
    nps_diag diag = {0};
    nps_error err = nps_crosswalk_parse("cw.csv", text, strlen(text), &cw, &diag);
    CHECK_INT(err, expect);
    if (expect != NPS_OK) {
        CHECK_STR(diag.file, "cw.csv");
        CHECK_INT(diag.line, line);
        CHECK(diag.message[0] != '\0');
    }
    return cw;
}

TEST(crosswalk_parses)
{
    nps_crosswalk *cw = parse(HEAD "Q6," OLD6 ",Q6," NEW6 "\nＱ２８,,Q27,\n", NPS_OK, 0);
    CHECK_INT(nps_crosswalk_count(cw), 2);
    if (nps_crosswalk_count(cw) == 2) {
        CHECK_INT(nps_crosswalk_at(cw, 0)->old_question, 6);
        CHECK_STR(nps_crosswalk_at(cw, 0)->new_option, NEW6);
        CHECK_INT(nps_crosswalk_at(cw, 0)->line, 2);
        CHECK_INT(nps_crosswalk_at(cw, 1)->old_question, 28);
        CHECK_INT(nps_crosswalk_at(cw, 1)->new_question, 27);
        CHECK_STR(nps_crosswalk_at(cw, 1)->old_key, "");
    }
    nps_crosswalk_free(cw);
}

TEST(crosswalk_errors_name_the_line)
{
    parse("old_question,old_option,new_question\nQ6,,Q6\n", NPS_ERR_CSV, 1);          /* a column missing */
    parse(HEAD "Q6,,Q6,\nX7,,Q7,\n", NPS_ERR_CSV, 3);                                 /* not Q<number> */
    parse(HEAD "Q6,その他,Q6,\n", NPS_ERR_CSV, 2);                                    /* one option empty */
    parse(HEAD "Q6,,Q6,\n\nQ6,,Q7,\n", NPS_ERR_CSV, 4);                               /* old side twice */
    parse(HEAD "Q6,a,Q6,b\nQ6,c,Q6,b\n", NPS_ERR_CSV, 3);                             /* new side twice */
    parse(HEAD "\"Q6,,Q6,\n", NPS_ERR_CSV, 2);                                        /* unclosed quote */
    parse(HEAD "Q6,\xff,Q6,x\n", NPS_ERR_CSV, 2);                                     /* not UTF-8 */
    parse("", NPS_ERR_CSV, 1);                                                        /* empty */
}

TEST(crosswalk_missing_file)
{
    nps_crosswalk *cw = NULL;
    nps_diag diag = {0};
    CHECK_INT(nps_crosswalk_load("/nonexistent/cw.csv", &cw, &diag), NPS_ERR_IO);
    CHECK_STR(diag.file, "/nonexistent/cw.csv");
    CHECK(cw == NULL);
}

static size_t count_status(const nps_wave_match *m, nps_wave_status st, size_t *options)
{
    size_t n = 0;
    *options = 0;
    for (size_t i = 0; i < nps_wave_match_field_count(m); i++) {
        const nps_wave_field *f = nps_wave_match_field_at(m, i);
        n += f->status == st;
        for (size_t k = 0; k < f->n_options; k++)
            *options += f->options[k].status == st;
    }
    return n;
}

TEST(same_questionnaire_all_both)
{
    nps_questionnaire *q = NULL;
    nps_wave_match *m = NULL;
    nps_diag diag = {0};
    size_t opts;
    CHECK_INT(nps_questionnaire_load_default(&q, &diag), NPS_OK);
    CHECK_INT(nps_waves_match(q, q, NULL, &m, &diag), NPS_OK);
    CHECK(nps_wave_match_field_count(m) > 50);
    CHECK_INT(count_status(m, NPS_WAVE_NEW, &opts), 0);
    CHECK_INT(opts, 0);
    CHECK_INT(count_status(m, NPS_WAVE_OLD, &opts), 0);
    CHECK_INT(opts, 0);
    for (size_t i = 0; i < nps_wave_match_field_count(m); i++) {
        const nps_wave_field *f = nps_wave_match_field_at(m, i);
        CHECK(f->old_f == f->new_f);
        CHECK_INT(f->options[f->n_options - 1].new_index, 0); /* 無回答 last */
    }
    nps_wave_match_free(m);
    nps_questionnaire_free(q);
}

static const nps_wave_field *field_of(const nps_wave_match *m, int number, int item, nps_wave_status st)
{
    for (size_t i = 0; i < nps_wave_match_field_count(m); i++) {
        const nps_wave_field *f = nps_wave_match_field_at(m, i);
        const nps_field *x = st == NPS_WAVE_OLD ? f->old_f : f->new_f;
        if (f->status == st && x && x->question == number && x->item_index == item)
            return f;
    }
    return NULL;
}

static const nps_wave_option *option_new(const nps_wave_field *f, int new_index)
{
    for (size_t k = 0; f && k < f->n_options; k++)
        if (f->options[k].new_index == new_index)
            return &f->options[k];
    return NULL;
}

static void match_2024(const char *crosswalk, nps_wave_match **m, nps_questionnaire **oq, nps_questionnaire **nq)
{
    nps_diag diag = {0};
    nps_crosswalk *cw = NULL;
    CHECK_INT(nps_questionnaire_load_default(oq, &diag), NPS_OK);
    CHECK_INT(nps_questionnaire_load_dir("fixtures/hokkaido-2024/questionnaire", nq, &diag), NPS_OK);
    if (crosswalk)
        CHECK_INT(nps_crosswalk_parse("cw.csv", crosswalk, strlen(crosswalk), &cw, &diag), NPS_OK);
    CHECK_INT(nps_waves_match(*oq, *nq, cw, m, &diag), NPS_OK);
    nps_crosswalk_free(cw);
}

TEST(year2024_by_text_and_crosswalk)
{
    nps_questionnaire *oq = NULL, *nq = NULL, *oq2 = NULL, *nq2 = NULL;
    nps_wave_match *m = NULL, *m2 = NULL;
    const nps_wave_field *f;
    const nps_wave_option *o;
    match_2024(HEAD "Q6," OLD6 ",Q6," NEW6 "\nQ22,発達障害グレーゾーン,Q22,発達障害の疑い（グレーゾーン）\n", &m, &oq, &nq);
    /* Q6: option 3 through the crosswalk, option 9 (フードパントリー) new */
    f = field_of(m, 6, 0, NPS_WAVE_BOTH);
    CHECK(f != NULL);
    o = option_new(f, 3);
    CHECK(o && o->status == NPS_WAVE_BOTH && o->old_index == 3 && o->by_crosswalk);
    o = option_new(f, 9);
    CHECK(o && o->status == NPS_WAVE_NEW && o->old_index == -1);
    o = option_new(f, 10); /* その他 moved from 9 to 10 */
    CHECK(o && o->status == NPS_WAVE_BOTH && o->old_index == 9 && !o->by_crosswalk);
    /* Q22 row 9 renamed (crosswalk), row 33 ヤングケアラー new, その他 33 → 34 */
    f = field_of(m, 22, 9, NPS_WAVE_BOTH);
    CHECK(f && f->old_f->item_index == 9 && f->by_crosswalk);
    CHECK(field_of(m, 22, 33, NPS_WAVE_NEW) != NULL);
    f = field_of(m, 22, 34, NPS_WAVE_BOTH);
    CHECK(f && f->old_f->item_index == 33);
    /* renumbered by text: 2023 Q29 is 2024 Q28; Q39 is new; 2023 Q28-1 is 2024 Q27-1 */
    f = field_of(m, 28, 0, NPS_WAVE_BOTH);
    CHECK(f && f->old_q->number == 29);
    CHECK(field_of(m, 39, 0, NPS_WAVE_NEW) != NULL);
    f = field_of(m, 27, 1, NPS_WAVE_BOTH);
    CHECK(f && f->old_q->number == 28);
    /* without the crosswalk: the reworded option is one old and one new entry */
    match_2024(NULL, &m2, &oq2, &nq2);
    f = field_of(m2, 6, 0, NPS_WAVE_BOTH);
    o = option_new(f, 3);
    CHECK(o && o->status == NPS_WAVE_NEW);
    CHECK(field_of(m2, 22, 9, NPS_WAVE_OLD) != NULL && field_of(m2, 22, 9, NPS_WAVE_NEW) != NULL);
    nps_wave_match_free(m);
    nps_wave_match_free(m2);
    nps_questionnaire_free(oq);
    nps_questionnaire_free(nq);
    nps_questionnaire_free(oq2);
    nps_questionnaire_free(nq2);
}

TEST(crosswalk_wins_over_text)
{
    nps_questionnaire *q = NULL;
    nps_wave_match *m = NULL;
    nps_crosswalk *cw = NULL;
    nps_diag diag = {0};
    const char *text = HEAD "Q34,,Q35,\nQ35,,Q34,\n";
    const nps_wave_field *f;
    CHECK_INT(nps_questionnaire_load_default(&q, &diag), NPS_OK);
    CHECK_INT(nps_crosswalk_parse("cw.csv", text, strlen(text), &cw, &diag), NPS_OK);
    CHECK_INT(nps_waves_match(q, q, cw, &m, &diag), NPS_OK);
    f = field_of(m, 35, 0, NPS_WAVE_BOTH);
    CHECK(f && f->old_q->number == 34 && f->by_crosswalk);
    nps_wave_match_free(m);
    nps_crosswalk_free(cw);
    nps_questionnaire_free(q);
}

TEST(crosswalk_that_does_not_fit)
{
    nps_questionnaire *q = NULL;
    nps_wave_match *m = NULL;
    nps_crosswalk *cw = NULL;
    nps_diag diag = {0};
    const char *bad[] = {HEAD "Q6,存在しない,Q6,その他\n", HEAD "Q99,,Q6,\n", HEAD "Q6,,Q6,\nQ7,その他,Q6,その他\n"};
    const long lines[] = {2, 2, 3};
    CHECK_INT(nps_questionnaire_load_default(&q, &diag), NPS_OK);
    for (size_t i = 0; i < 3; i++) {
        memset(&diag, 0, sizeof diag);
        CHECK_INT(nps_crosswalk_parse("cw.csv", bad[i], strlen(bad[i]), &cw, &diag), NPS_OK);
        CHECK_INT(nps_waves_match(q, q, cw, &m, &diag), NPS_ERR_CSV);
        CHECK(m == NULL);
        CHECK_STR(diag.file, "cw.csv");
        CHECK_INT(diag.line, lines[i]);
        nps_crosswalk_free(cw);
        cw = NULL;
    }
    nps_questionnaire_free(q);
}

TEST(crosswalk_regressions)
{
    char path[1024];
    int n = 0;
    snprintf(path, sizeof path, "%s/fuzz/regressions/crosswalk", NPS_SOURCE_DIR);
    DIR *d = opendir(path);
    CHECK(d != NULL);
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        size_t len = 0;
        unsigned char *data;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/fuzz/regressions/crosswalk/%s", NPS_SOURCE_DIR, e->d_name);
        data = unit_slurp(path, &len);
        CHECK(data != NULL);
        if (data)
            fuzz_crosswalk_entry(data, len);
        free(data);
        n++;
    }
    if (d)
        closedir(d);
    CHECK(n >= 3);
}

/* Allocation-failure sweep (NPS_FAILALLOC builds; empty elsewhere, as in
 * test_failalloc.c): parsing the crosswalk, matching 2023 → 2024 and
 * comparing the 2023 fixture with its second wave fail with NPS_ERR_NOMEM
 * wherever memory runs out — no crash, no result, no leak (LeakSanitizer). */
#ifdef NPS_FAILALLOC
static long sweep_count; /* allocations of the last sweep_once */

static nps_error sweep_once(const nps_questionnaire *oq, const nps_questionnaire *nq, const nps_dataset *od,
                            const nps_dataset *nd, long fail_after)
{
    static const char text[] = HEAD "Q6," OLD6 ",Q6," NEW6 "\nQ22,発達障害グレーゾーン,Q22,発達障害の疑い（グレーゾーン）\n";
    nps_crosswalk *cw = NULL;
    nps_wave_match *m = NULL, *m2 = NULL;
    nps_compare *c = NULL;
    nps_diag diag = {0};
    nps_error err;
    nps_alloc_fail_after(fail_after);
    err = nps_crosswalk_parse("cw.csv", text, sizeof text - 1, &cw, &diag);
    if (err == NPS_OK)
        err = nps_waves_match(oq, nq, cw, &m, &diag);
    if (err == NPS_OK)
        err = nps_waves_match(oq, oq, NULL, &m2, &diag);
    if (err == NPS_OK)
        err = nps_compare_build(od, nd, m2, false, &c);
    sweep_count = nps_alloc_count();
    nps_alloc_fail_after(-1);
    CHECK(err == NPS_OK ? c != NULL : c == NULL);
    nps_compare_free(c);
    nps_wave_match_free(m);
    nps_wave_match_free(m2);
    nps_crosswalk_free(cw);
    return err;
}
#endif

TEST(allocation_failures)
{
#ifdef NPS_FAILALLOC
    nps_questionnaire *oq = NULL, *nq = NULL;
    nps_dataset *od = NULL, *nd = NULL;
    nps_diag diag = {0};
    long total, nomem = 0;
    CHECK_INT(nps_questionnaire_load_default(&oq, &diag), NPS_OK);
    CHECK_INT(nps_questionnaire_load_dir("fixtures/hokkaido-2024/questionnaire", &nq, &diag), NPS_OK);
    CHECK_INT(nps_read_export("fixtures/hokkaido-2023/responses.csv", oq, NULL, &od, &diag), NPS_OK);
    CHECK_INT(nps_read_export("fixtures/hokkaido-2023-wave2/responses.csv", oq, NULL, &nd, &diag), NPS_OK);
    nps_alloc_fail_after(-1);
    CHECK_INT(sweep_once(oq, nq, od, nd, -1), NPS_OK);
    total = sweep_count;
    for (long n = 0; n < total; n++) {
        nps_error err = sweep_once(oq, nq, od, nd, n);
        CHECK(err == NPS_ERR_NOMEM || err == NPS_OK);
        nomem += err == NPS_ERR_NOMEM;
    }
    fprintf(stderr, "allocation_failures: %ld allocations, %ld runs out of memory\n", total, nomem);
    CHECK(nomem > 0);
    nps_dataset_free(od);
    nps_dataset_free(nd);
    nps_questionnaire_free(oq);
    nps_questionnaire_free(nq);
#endif
}

UNIT_MAIN()
