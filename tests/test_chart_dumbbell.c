/*
 * test_chart_dumbbell.c — the dumbbell chart of the report's comparison
 * chapter (src/draw/chart_dumbbell.c) under the layout invariants every
 * chart kind keeps (the checks of test_chart.c): every text box inside the
 * canvas, no two text boxes overlap, with the survey's data and with
 * hostile data (120-character labels, 37 rows, 0% and 100%, an interval
 * past both ends, no rows, a narrow canvas); text at least 7 pt at the
 * report's scale; the dots at the percents they show; bad input refused.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "draw/chart.h"
#include "unit.h"

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:FcInitLoadConfigAndFonts\n";
}
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "fast_unwind_on_malloc=0";
}

static nps_fonts *the_fonts;

static void fonts_free(void)
{
    nps_fonts_free(the_fonts);
    the_fonts = NULL;
}

static nps_fonts *fonts(void)
{
    if (!the_fonts) {
        if (nps_fonts_new(NULL, &the_fonts) != NPS_OK) {
            fprintf(stderr, "cannot load Noto Sans CJK\n");
            exit(2);
        }
        atexit(fonts_free);
    }
    return the_fonts;
}

static int boxes_overlap(const nps_chart_box *a, const nps_chart_box *b)
{
    const double eps = 0.01;
    return a->x + eps < b->x + b->width && b->x + eps < a->x + a->width && a->y + eps < b->y + b->height &&
           b->y + eps < a->y + a->height;
}

/* The report lays charts out 680 units wide and scales their content
 * (inside a 16-unit margin) to the text width of A4 less 2 × 20 mm
 * (src/report/pdf/pdf_private.h); Noto Sans CJK's line is 1.448 em. */
#define REPORT_UNITS 680.0
#define REPORT_SCALE ((595.28 - 2 * 56.69) / (REPORT_UNITS - 2 * 16.0))
#define LINE_EM 1.448

/* Every invariant of a measured layout; returns the number of violations. */
static int check_layout(const nps_chart_layout *l, const char *what, int report_scale)
{
    double w = nps_chart_layout_width(l), h = nps_chart_layout_height(l);
    size_t n = nps_chart_layout_box_count(l), i, j;
    const double tol = 0.5;
    int bad = 0;

    if (!(h > 0) || !(w > 0)) {
        fprintf(stderr, "%s: empty canvas %gx%g\n", what, w, h);
        bad++;
    }
    for (i = 0; i < n; i++) {
        const nps_chart_box *b = nps_chart_layout_box(l, i);
        if (b->x < -tol || b->y < -tol || b->x + b->width > w + tol || b->y + b->height > h + tol) {
            fprintf(stderr, "%s: box %zu \"%.40s\" (%g,%g %gx%g) leaves the %gx%g canvas\n", what, i, b->text,
                    b->x, b->y, b->width, b->height, w, h);
            bad++;
        }
        if (b->ink_width > 0 && (b->ink_x < -tol || b->ink_y < -tol || b->ink_x + b->ink_width > w + tol ||
                                 b->ink_y + b->ink_height > h + tol)) {
            fprintf(stderr, "%s: ink of box %zu \"%.40s\" leaves the canvas\n", what, i, b->text);
            bad++;
        }
        /* a single line's logical height is one line of its font */
        if (report_scale && !strchr(b->text, '\n') && b->height / LINE_EM * REPORT_SCALE < 7.0 - 1e-9 &&
            b->height < 40) {
            fprintf(stderr, "%s: \"%.30s\" prints at %.2f pt\n", what, b->text, b->height / LINE_EM * REPORT_SCALE);
            bad++;
        }
        for (j = i + 1; j < n; j++) {
            const nps_chart_box *c = nps_chart_layout_box(l, j);
            if (boxes_overlap(b, c)) {
                fprintf(stderr, "%s: \"%.30s\" (%g,%g %gx%g) overlaps \"%.30s\" (%g,%g %gx%g)\n", what, b->text,
                        b->x, b->y, b->width, b->height, c->text, c->x, c->y, c->width, c->height);
                bad++;
            }
        }
    }
    return bad;
}

static nps_chart_layout *measure_ok(const nps_chart *c, double width, const char *what)
{
    nps_chart_layout *l = NULL;
    nps_error err = nps_chart_measure(fonts(), c, width, &l);
    CHECK_INT(err, NPS_OK);
    if (err != NPS_OK) {
        fprintf(stderr, "%s: %s\n", what, nps_strerror(err));
        return NULL;
    }
    CHECK_INT(check_layout(l, what, width == REPORT_UNITS), 0);
    return l;
}

static void measure_widths(const nps_chart *c, const char *what)
{
    static const double widths[] = {REPORT_UNITS, NPS_CHART_WIDTH, 560.0, NPS_CHART_MIN_WIDTH, 1200.0};
    size_t i;
    for (i = 0; i < sizeof widths / sizeof widths[0]; i++) {
        char name[128];
        snprintf(name, sizeof name, "%s@%g", what, widths[i]);
        nps_chart_layout_free(measure_ok(c, widths[i], name));
    }
}

static const nps_chart_box *find_box(const nps_chart_layout *l, const char *text)
{
    size_t i;
    for (i = 0; i < nps_chart_layout_box_count(l); i++)
        if (strcmp(nps_chart_layout_box(l, i)->text, text) == 0)
            return nps_chart_layout_box(l, i);
    return NULL;
}

/* Q6 of the fixture pair hokkaido-2023 → hokkaido-2023-wave2 (its
 * expected-compare.csv): percents and the change's interval. */
static const nps_chart_dumbbell_row q6[] = {
    {"フリースクール、無料学習塾、相互学習の場などの学習支援（常設のもの）", 7.7, 8.8, -8.6, 9.6, 0},
    {"子ども食堂などの子どもの居場所（通いの場／食事提供の有無を問わない）", 27.7, 40.0, -3.3, 26.7, 0},
    {"放課後児童クラブ（学童保育）", 3.1, 2.5, -8.5, 5.4, 0},
    {"子育て支援の居場所（通いの場／地域子育て支援拠点など）", 15.4, 35.0, 5.6, 32.4, 1},
    {"その他", 26.2, 18.8, -21.0, 6.1, 0},
};

static nps_chart q6_chart(const nps_chart_dumbbell_row *rows, size_t n)
{
    nps_chart c = {.kind = NPS_CHART_DUMBBELL,
                   .title = "図（Q6）前回と今回の割合",
                   .subtitle = "複数回答",
                   .base_label = "前回 n=65／今回 n=80",
                   .note = "帯は変化の95%信頼区間",
                   .dumbbell = {.rows = rows, .n_rows = n}};
    return c;
}

TEST(dumbbell_survey_data)
{
    nps_chart c = q6_chart(q6, sizeof q6 / sizeof q6[0]);
    nps_chart_layout *l;
    measure_widths(&c, "q6");
    l = measure_ok(&c, REPORT_UNITS, "q6 values");
    if (l) {
        CHECK(find_box(l, "27.7%→40.0%（+12.3）") != NULL);
        CHECK(find_box(l, "26.2%→18.8%（-7.4）") != NULL);
        CHECK(find_box(l, "前回") != NULL);
        CHECK(find_box(l, "今回") != NULL);
        CHECK(find_box(l, "前回 n=65／今回 n=80") != NULL);
    }
    nps_chart_layout_free(l);
}

/* The row of the larger percent sits lower on the page and the dots do not
 * move the value labels: a row's value label is right of every label. */
TEST(dumbbell_value_column_right_of_labels)
{
    nps_chart c = q6_chart(q6, sizeof q6 / sizeof q6[0]);
    nps_chart_layout *l = measure_ok(&c, REPORT_UNITS, "columns");
    size_t i, j;
    if (!l)
        return;
    for (i = 0; i < nps_chart_layout_box_count(l); i++) {
        const nps_chart_box *v = nps_chart_layout_box(l, i);
        if (v->role != NPS_BOX_VALUE)
            continue;
        for (j = 0; j < nps_chart_layout_box_count(l); j++) {
            const nps_chart_box *b = nps_chart_layout_box(l, j);
            if (b->role == NPS_BOX_LABEL)
                CHECK(b->x + b->width + 100 < v->x);
        }
    }
    nps_chart_layout_free(l);
}

TEST(dumbbell_hostile_data)
{
    enum { N = 37 };
    static char labels[N][400];
    nps_chart_dumbbell_row rows[N];
    nps_chart c;
    size_t i;
    for (i = 0; i < N; i++) {
        size_t k, reps = i % 3 == 0 ? 13 : 1;
        labels[i][0] = '\0';
        for (k = 0; k < reps; k++)
            strcat(labels[i], "子ども食堂の居場所");
        rows[i].label = labels[i];
        rows[i].old_percent = i % 4 == 0 ? 0.0 : i % 4 == 1 ? 100.0 : (double)(i * 2.7);
        rows[i].new_percent = i % 4 == 0 ? 100.0 : i % 4 == 1 ? 0.0 : (double)(i * 1.3);
        rows[i].low = -140.0;
        rows[i].high = 140.0;
        rows[i].changed = (int)(i % 2);
    }
    c = q6_chart(rows, N);
    measure_widths(&c, "hostile37");
    c = q6_chart(rows, 1);
    measure_widths(&c, "hostile1");
    c = q6_chart(NULL, 0);
    measure_widths(&c, "empty");
}

TEST(dumbbell_refuses_bad_input)
{
    nps_chart_dumbbell_row r = {"a", 10.0, 120.0, -1.0, 1.0, 0};
    nps_chart c = q6_chart(&r, 1);
    nps_chart_layout *l = NULL;
    CHECK_INT(nps_chart_measure(fonts(), &c, REPORT_UNITS, &l), NPS_ERR_USAGE);
    r.new_percent = 20.0;
    r.low = 2.0;
    CHECK_INT(nps_chart_measure(fonts(), &c, REPORT_UNITS, &l), NPS_ERR_USAGE);
    r.low = -1.0;
    r.label = "\xff\xfe";
    CHECK_INT(nps_chart_measure(fonts(), &c, REPORT_UNITS, &l), NPS_ERR_ENCODING);
    c = q6_chart(NULL, 3);
    CHECK_INT(nps_chart_measure(fonts(), &c, REPORT_UNITS, &l), NPS_ERR_USAGE);
    CHECK(l == NULL);
}

UNIT_MAIN()
