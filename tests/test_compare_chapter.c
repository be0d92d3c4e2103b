/*
 * test_compare_chapter.c — the content of the report's chapter 前回調査との比較
 * (src/present/compare_chapter.c) on hokkaido-2023 → hokkaido-2023-wave2, whose
 * numbers are hand-checked in fixtures/hokkaido-2023-wave2/expected-compare.csv:
 * the panel, the split into changes beyond the margin of error and the rest,
 * the dumbbell rows of Q6, the panel's movement of Q6 子ども食堂 in words, the
 * commentary's numbers, and no organisation name in any sentence.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "model/questionnaire.h"
#include "npo-survey/dataset.h"
#include "present/compare_chapter.h"
#include "unit.h"

static nps_questionnaire *the_q;
static nps_dataset *old_d, *new_d;
static nps_compare_chapter *the_ch;

static void cleanup(void)
{
    nps_compare_chapter_free(the_ch);
    nps_dataset_free(new_d);
    nps_dataset_free(old_d);
    nps_questionnaire_free(the_q);
}

static const nps_compare_chapter *chapter(void)
{
    nps_diag diag = {0};
    if (the_ch)
        return the_ch;
    if (nps_questionnaire_load_default(&the_q, &diag) != NPS_OK ||
        nps_read_export(NPS_SOURCE_DIR "/fixtures/hokkaido-2023/responses.csv", the_q, NULL, &old_d, &diag) !=
            NPS_OK ||
        nps_read_export(NPS_SOURCE_DIR "/fixtures/hokkaido-2023-wave2/responses.csv", the_q, NULL, &new_d, &diag) !=
            NPS_OK ||
        nps_compare_chapter_build(old_d, new_d, NULL, false, &the_ch, &diag) != NPS_OK) {
        fprintf(stderr, "cannot build the chapter: %s\n", diag.message);
        exit(2);
    }
    atexit(cleanup);
    return the_ch;
}

TEST(panel_and_margin)
{
    const nps_compare_chapter *ch = chapter();
    const nps_compare *c = nps_cc_compare(ch);
    size_t i, both = 0, beyond = 0;
    CHECK_INT(nps_cc_old_count(ch), 65);
    CHECK_INT(nps_cc_new_count(ch), 80);
    CHECK_INT(nps_cc_panel(ch), 50);
    /* recount from the rows: every option in both waves is either listed or counted */
    for (i = 0; i < nps_compare_row_count(c); i++) {
        const nps_compare_row *r = nps_compare_row_at(c, i);
        if (r->status != NPS_WAVE_BOTH || r->option_index == 0)
            continue;
        both++;
        beyond += nps_round1(r->change_low) > 0 || nps_round1(r->change_high) < 0;
    }
    CHECK(both > 100);
    CHECK_INT(nps_cc_changed_count(ch), beyond);
    CHECK_INT(nps_cc_within_count(ch) + nps_cc_changed_count(ch), both);
    for (i = 1; i < nps_cc_changed_count(ch); i++)
        CHECK(fabs(nps_round1(nps_cc_changed_at(ch, i - 1)->change)) >=
              fabs(nps_round1(nps_cc_changed_at(ch, i)->change)));
}

TEST(q6_dumbbell)
{
    const nps_compare_chapter *ch = chapter();
    const nps_cc_figure *f = nps_cc_figure_count(ch) ? nps_cc_figure_at(ch, 0) : NULL;
    size_t i;
    int found = 0;
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK_INT(f->question, 6);
    CHECK_INT(f->chart.kind, NPS_CHART_DUMBBELL);
    CHECK_STR(f->chart.base_label, "前回 n=65／今回 n=80");
    for (i = 0; i < f->chart.dumbbell.n_rows; i++) {
        const nps_chart_dumbbell_row *r = &f->chart.dumbbell.rows[i];
        if (strcmp(r->label, "子ども食堂などの子どもの居場所") != 0)
            continue;
        found = 1;
        /* expected-compare.csv: 18/65 → 32/80, change 12.3 [-3.3, 26.7] */
        CHECK_NEAR(r->old_percent, 1800.0 / 65, 1e-9);
        CHECK_NEAR(r->new_percent, 40.0, 1e-9);
        CHECK_NEAR(nps_round1(r->low), -3.3, 1e-9);
        CHECK_NEAR(nps_round1(r->high), 26.7, 1e-9);
        CHECK_INT(r->changed, 0);
    }
    CHECK_INT(found, 1);
    for (i = 0; i < nps_cc_figure_count(ch); i++)
        CHECK(nps_cc_figure_at(ch, i)->chart.dumbbell.n_rows > 0);
}

TEST(sentences)
{
    const nps_compare_chapter *ch = chapter();
    size_t i;
    int moved = 0;
    CHECK(nps_cc_commentary_count(ch) >= 2);
    if (nps_cc_commentary_count(ch) >= 1)
        CHECK_STR(nps_cc_commentary_at(ch, 0),
                  "前回調査の回答は65団体、今回調査は80団体で、両方の調査に回答した団体は50団体である。");
    for (i = 0; i < nps_cc_movement_count(ch); i++)
        if (strstr(nps_cc_movement_at(ch, i), "Q6「子ども食堂などの子どもの居場所」を新たに挙げた団体 4、挙げなくなった団体 0"
                                              "（+8.0ポイント、95%信頼区間 -0.6～+16.9ポイント、誤差の範囲内）"))
            moved = 1;
    CHECK_INT(moved, 1);
    CHECK_INT(nps_cc_match_count(ch), 0);   /* one questionnaire: nothing renamed, added or dropped */
}

/* No sentence, label or chart text holds an organisation name, respondent,
 * e-mail or phone of either wave. */
TEST(no_personal_values)
{
    const nps_compare_chapter *ch = chapter();
    const nps_dataset *ds[2] = {old_d, new_d};
    const nps_questionnaire *q = the_q;
    size_t k, row, i, f, checked = 0;
    for (k = 0; k < 2; k++)
        for (f = 0; f < nps_questionnaire_field_count(q); f++) {
            const nps_field *fd = nps_questionnaire_field_at(q, f);
            if (fd->personal == NPS_PERSONAL_NONE)
                continue;
            for (row = 0; row < nps_dataset_count(ds[k]); row++) {
                const char *v = nps_dataset_text(ds[k], row, fd);
                if (!v || strlen(v) < 6)
                    continue;
                checked++;
                for (i = 0; i < nps_cc_commentary_count(ch); i++)
                    CHECK(strstr(nps_cc_commentary_at(ch, i), v) == NULL);
                for (i = 0; i < nps_cc_movement_count(ch); i++)
                    CHECK(strstr(nps_cc_movement_at(ch, i), v) == NULL);
                for (i = 0; i < nps_cc_figure_count(ch); i++) {
                    const nps_chart *c = &nps_cc_figure_at(ch, i)->chart;
                    size_t j;
                    CHECK(strstr(c->title, v) == NULL);
                    for (j = 0; j < c->dumbbell.n_rows; j++)
                        CHECK(strstr(c->dumbbell.rows[j].label, v) == NULL);
                }
            }
        }
    CHECK(checked > 100);
}

UNIT_MAIN()
