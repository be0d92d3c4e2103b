/*
 * test_figures.c — the figures of the 2023 fixture: one per closed question
 * (several for Q31, whose items use different bins), six flow diagrams, the
 * gap chart and the theme chart; stable unique names; and the layout of
 * every one of them measured with the real fonts: all text inside the
 * canvas, no two texts overlapping.
 */
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include "draw/chart.h"
#include "read/reader.h"
#include "present/results.h"
#include "unit.h"

#define FIXTURE NPS_SOURCE_DIR "/fixtures/hokkaido-2023/responses.csv"

/* fontconfig's one-time configuration load is a library-internal leak
 * (see src/cli/sanitizer_defaults.c); nothing of ours is suppressed. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:FcInitLoadConfigAndFonts\n"; }
const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "fast_unwind_on_malloc=0"; }

static nps_questionnaire *q;
static nps_dataset *d;
static nps_results *r;

static void unload(void)
{
    nps_results_free(r);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

static void load(void)
{
    nps_diag diag;
    if (r)
        return;
    atexit(unload);
    if (nps_questionnaire_load_default(&q, &diag) != NPS_OK ||
        nps_read_export(FIXTURE, q, NULL, &d, &diag) != NPS_OK || nps_results_build(d, NULL, &r) != NPS_OK) {
        fprintf(stderr, "cannot load the fixture: %s: %s\n", diag.file, diag.message);
        exit(1);
    }
}

static bool has_closed_field(const nps_question *qu)
{
    for (size_t i = 0; i < qu->n_fields; i++)
        if (qu->fields[i]->type != NPS_F_TEXT && qu->fields[i]->personal == NPS_PERSONAL_NONE)
            return true;
    return false;
}

TEST(every_closed_question_has_a_figure)
{
    size_t closed = 0;
    load();
    for (size_t i = 0; i < nps_questionnaire_question_count(q); i++) {
        const nps_question *qu = nps_questionnaire_question_at(q, i);
        if (!has_closed_field(qu))
            continue;
        closed++;
        const nps_figure *fig = nps_figures_of_question(r->figures, qu->number);
        /* chart = none (Q28: 9 of 10 did not answer; its tables carry it) */
        CHECK(strcmp(qu->chart, "none") == 0 ? fig == NULL : fig != NULL);
        if (!fig && strcmp(qu->chart, "none") != 0)
            fprintf(stderr, "Q%d has no figure\n", qu->number);
    }
    CHECK_INT(closed, 29);
    CHECK_STR(nps_questionnaire_question(q, 28)->chart, "none");
    CHECK(nps_figures_count(r->figures) >= 30);
}

/* Figures are numbered by their place in the report (1, 2, … in build
 * order, as the PDF numbers them); last year's number is kept beside. */
TEST(numbers_in_report_order_and_stable_names)
{
    load();
    const nps_figure *q6 = nps_figures_of_question(r->figures, 6);
    const nps_figure *q37 = nps_figures_of_question(r->figures, 37);
    const nps_figure *q31 = nps_figures_of_question(r->figures, 31);
    CHECK(q6 && !strcmp(q6->name, "fig01_q06"));
    CHECK(q6 && strncmp(q6->caption, "図1（Q6）", strlen("図1（Q6）")) == 0);
    CHECK(q6 && q6->published == 8);
    CHECK(q37 && !strcmp(q37->name, "fig33_q37") && q37->published == 33);
    CHECK(q31 && !strcmp(q31->name, "fig26_q31_1") && q31->published == 0);
    for (size_t i = 0; i < nps_figures_count(r->figures); i++)
        CHECK_INT(nps_figures_at(r->figures, i)->number, (int)i + 1);
    for (size_t i = 0; i < nps_figures_count(r->figures); i++)
        for (size_t j = i + 1; j < nps_figures_count(r->figures); j++)
            CHECK(strcmp(nps_figures_at(r->figures, i)->name, nps_figures_at(r->figures, j)->name) != 0);
}

TEST(flows_gap_and_themes_figures)
{
    size_t sankeys = 0, gaps = 0, themes = 0;
    load();
    for (size_t i = 0; i < nps_figures_count(r->figures); i++) {
        const nps_figure *fig = nps_figures_at(r->figures, i);
        sankeys += fig->chart.kind == NPS_CHART_SANKEY;
        gaps += fig->chart.kind == NPS_CHART_GAP;
        themes += fig->chart.kind == NPS_CHART_THEMES;
    }
    CHECK_INT(sankeys, 6);
    CHECK_INT(gaps, 1);
    CHECK_INT(themes, 1);
}

/* Figures are found by kind, question and index; the ids match the stems. */
TEST(figures_found_by_id)
{
    load();
    const nps_figure *q6 = nps_figures_find(r->figures, NPS_FIGURE_QUESTION, 6, 0);
    CHECK(q6 && q6 == nps_figures_of_question(r->figures, 6));
    CHECK(nps_figures_find(r->figures, NPS_FIGURE_QUESTION, 6, 1) == NULL);
    CHECK(nps_figures_find(r->figures, NPS_FIGURE_QUESTION, 999, 0) == NULL);
    for (size_t c = 0; c < 5; c++) {
        char stem[32];
        const nps_figure *fl = nps_figures_find(r->figures, NPS_FIGURE_FLOW, 0, c);
        snprintf(stem, sizeof stem, "_flow_%zu", c + 1);
        CHECK(fl && fl->chart.kind == NPS_CHART_SANKEY && strstr(fl->name, stem) &&
              strlen(strstr(fl->name, stem)) == strlen(stem));
    }
    CHECK(nps_figures_find(r->figures, NPS_FIGURE_FLOW, 0, 5) == NULL);
    const nps_figure *all = nps_figures_find(r->figures, NPS_FIGURE_FLOW_ALL, 0, 0);
    CHECK(all && all->index == 5 && strstr(all->name, "_flow_all"));
    const nps_figure *gap = nps_figures_find(r->figures, NPS_FIGURE_GAP, 0, 0);
    CHECK(gap && gap->chart.kind == NPS_CHART_GAP && strstr(gap->name, "_gap"));
    const nps_figure *th = nps_figures_find(r->figures, NPS_FIGURE_THEMES, 0, 0);
    CHECK(th && th->chart.kind == NPS_CHART_THEMES && strstr(th->name, "_themes"));
    CHECK(nps_figures_find(NULL, NPS_FIGURE_GAP, 0, 0) == NULL);
    for (size_t i = 0; i < nps_figures_count(r->figures); i++) {
        const nps_figure *fig = nps_figures_at(r->figures, i);
        CHECK(nps_figures_find(r->figures, fig->kind, fig->question, fig->index) == fig);
    }
}

TEST(q29_is_a_donut_q22_stacked_q37_stars)
{
    load();
    CHECK_INT(nps_figures_of_question(r->figures, 29)->chart.kind, NPS_CHART_DONUT);
    CHECK_INT(nps_figures_of_question(r->figures, 22)->chart.kind, NPS_CHART_STACKED);
    CHECK_INT(nps_figures_of_question(r->figures, 37)->chart.kind, NPS_CHART_STARS);
}

/* Q22's 33 rows are one chart per trouble category (troubles.csv), the
 * question's own その他 with the last; the parts are figures 図16–図20, each
 * was part of last year's 図23, has the same six segments and names its category in the caption. */
TEST(q22_is_one_chart_per_category)
{
    size_t rows = 0, parts = 0;
    load();
    for (size_t c = 0; c < nps_questionnaire_category_count(q); c++) {
        const nps_category *cat = nps_questionnaire_category_at(q, c);
        const nps_figure *fig = nps_figures_find(r->figures, NPS_FIGURE_QUESTION, 22, c);
        CHECK(fig != NULL);
        if (!fig)
            continue;
        parts++;
        CHECK_INT(fig->number, 16 + (int)c);
        CHECK_INT(fig->published, 23);
        CHECK_INT(fig->chart.kind, NPS_CHART_STACKED);
        CHECK_INT(fig->chart.stacked.n_segments, 6);
        CHECK(strstr(fig->caption, cat->name) != NULL);
        CHECK(fig->chart.stacked.n_rows <= 10);
        if (c + 1 < nps_questionnaire_category_count(q))
            CHECK_INT(fig->chart.stacked.n_rows, cat->n_troubles);
        else
            CHECK_INT(fig->chart.stacked.n_rows, cat->n_troubles + 1);
        for (size_t k = 0; k < fig->chart.stacked.n_rows && c + 1 < nps_questionnaire_category_count(q); k++)
            CHECK_STR(fig->chart.stacked.rows[k].label,
                      nps_questionnaire_field(q, 22, cat->rows[k])->label);
        rows += fig->chart.stacked.n_rows;
    }
    CHECK_INT(parts, 5);
    CHECK_INT(rows, 33);
    CHECK(nps_figures_find(r->figures, NPS_FIGURE_QUESTION, 22, 5) == NULL);
}

/* Q29: 40 of 65 did not answer — the donut shows the 25 respondents and
 * says so; Q6 (few missing) keeps 無回答 and the base 65. */
TEST(respondents_only_where_missing_dominates)
{
    load();
    const nps_figure *q29 = nps_figures_of_question(r->figures, 29), *q6 = nps_figures_of_question(r->figures, 6);
    long sum = 0;
    CHECK_INT(q29->chart.base, 25);
    for (size_t i = 0; i < q29->chart.bars.n_items; i++) {
        CHECK(q29->chart.bars.items[i].role != NPS_ROLE_MISSING);
        sum += q29->chart.bars.items[i].count;
    }
    CHECK_INT(sum, 25);
    CHECK(strstr(q29->chart.base_label, "無回答の40団体を除く") != NULL);
    CHECK(strstr(q29->chart.note, "回答した団体に占める割合") != NULL);
    CHECK_INT(q6->chart.base, 65);
    CHECK_INT(q6->chart.bars.items[q6->chart.bars.n_items - 1].role, NPS_ROLE_MISSING);
    CHECK(q6->chart.note == NULL || strstr(q6->chart.note, "回答した団体に占める割合") == NULL);
}

/* Q16's bins step 5, 10, 100 and 1000 people: the caption and the note say
 * so, naming the runs; Q6 (no bins) says nothing of the kind. */
TEST(unequal_bins_are_said)
{
    load();
    const nps_figure *q16 = nps_figures_of_question(r->figures, 16);
    CHECK(strstr(q16->caption, "（区分の幅は不均等）") != NULL);
    CHECK(strstr(q16->chart.note, "「101～200人」～「901～1000人」は100人") != NULL);
    CHECK(strstr(q16->chart.note, "「11～20人」～「91～100人」は10人") != NULL);
    CHECK(strstr(nps_figures_of_question(r->figures, 6)->caption, "不均等") == NULL);
}

static bool overlap(const nps_chart_box *a, const nps_chart_box *b)
{
    const double eps = 0.5;
    return a->x + a->width > b->x + eps && b->x + b->width > a->x + eps &&
           a->y + a->height > b->y + eps && b->y + b->height > a->y + eps;
}

TEST(every_figure_lays_out_inside_without_overlap)
{
    nps_fonts *fonts = NULL;
    load();
    CHECK_INT(nps_fonts_new(NULL, &fonts), NPS_OK);
    for (size_t i = 0; fonts && i < nps_figures_count(r->figures); i++) {
        const nps_figure *fig = nps_figures_at(r->figures, i);
        nps_chart_layout *l = NULL;
        CHECK_INT(nps_chart_measure(fonts, &fig->chart, NPS_CHART_WIDTH, &l), NPS_OK);
        if (!l)
            continue;
        double w = nps_chart_layout_width(l), h = nps_chart_layout_height(l);
        size_t n = nps_chart_layout_box_count(l);
        for (size_t b = 0; b < n; b++) {
            const nps_chart_box *box = nps_chart_layout_box(l, b);
            bool inside = box->x >= -0.01 && box->y >= -0.01 && box->x + box->width <= w + 0.01 &&
                          box->y + box->height <= h + 0.01;
            CHECK(inside);
            if (!inside)
                fprintf(stderr, "%s: \"%s\" leaves the canvas\n", fig->name, box->text);
            for (size_t c = b + 1; c < n; c++)
                if (overlap(box, nps_chart_layout_box(l, c))) {
                    CHECK(false);
                    fprintf(stderr, "%s: \"%s\" overlaps \"%s\"\n", fig->name, box->text,
                            nps_chart_layout_box(l, c)->text);
                }
        }
        nps_chart_layout_free(l);
    }
    nps_fonts_free(fonts);
}

/* The x of the axis tick labelled `text` (its centre), or -1. */
static double tick_x(const nps_chart_layout *l, const char *text)
{
    for (size_t b = 0; b < nps_chart_layout_box_count(l); b++) {
        const nps_chart_box *box = nps_chart_layout_box(l, b);
        if (box->role == NPS_BOX_AXIS && box->text && strcmp(box->text, text) == 0)
            return box->x + box->width / 2;
    }
    return -1;
}

/* One chart width and one x-scale per group: every stacked chart over the
 * same list or bin set (Q22's five parts; Q13/Q15/Q18/Q20; Q14/Q17/Q19;
 * Q24/Q25) puts its 0% and 100% ticks at the same x on a canvas of the
 * same width, measured on the rendered layouts. */
TEST(groups_share_one_scale)
{
    nps_fonts *fonts = NULL;
    static const int groups[][5] = {{22, 22, 22, 22, 22}, {13, 15, 18, 20, 0}, {14, 17, 19, 0, 0}, {24, 25, 0, 0, 0}};
    load();
    CHECK_INT(nps_fonts_new(NULL, &fonts), NPS_OK);
    for (size_t g = 0; fonts && g < sizeof groups / sizeof groups[0]; g++) {
        double x0 = -1, x100 = -1, width = -1;
        size_t seen = 0;
        for (size_t i = 0; i < nps_figures_count(r->figures); i++) {
            const nps_figure *fig = nps_figures_at(r->figures, i);
            nps_chart_layout *l = NULL;
            bool member = false;
            for (size_t k = 0; k < 5 && groups[g][k]; k++)
                member = member || (fig->kind == NPS_FIGURE_QUESTION && fig->question == groups[g][k] &&
                                    fig->chart.kind == NPS_CHART_STACKED);
            if (!member || nps_chart_measure(fonts, &fig->chart, NPS_CHART_WIDTH, &l) != NPS_OK || !l)
                continue;
            double a = tick_x(l, "0%"), b = tick_x(l, "100%"), w = nps_chart_layout_width(l);
            CHECK(a > 0 && b > a);
            if (seen++ == 0) {
                x0 = a, x100 = b, width = w;
            } else if (fabs(a - x0) > 0.01 || fabs(b - x100) > 0.01 || fabs(w - width) > 0.01) {
                CHECK(!"a chart of the group has another scale");
                fprintf(stderr, "%s: 0%% at %.1f, 100%% at %.1f, width %.1f; the group's first: %.1f, %.1f, %.1f\n",
                        fig->name, a, b, w, x0, x100, width);
            }
            nps_chart_layout_free(l);
        }
        CHECK(seen >= 2);
    }
    nps_fonts_free(fonts);
}

UNIT_MAIN()
