/*
 * test_palette.c — the palettes stay readable in greyscale print
 * (docs/charts.md, "Palettes in greyscale"): the colours of one ordered
 * chart differ by at least PRINT_MIN_DL CIE L* units, checked on the
 * palette functions and on the fixture's stacked charts as drawn — each
 * chart is rendered into an image, every segment colour is found among its
 * pixels and the lightness of those pixels is compared.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include "draw/chart.h"
#include "present/palette.h"
#include "present/results.h"
#include "read/reader.h"
#include "unit.h"

#define FIXTURE NPS_SOURCE_DIR "/fixtures/hokkaido-2023/responses.csv"
/* The least lightness difference between two states of a chart: ~10 L*
 * is the step a halftone greyscale print keeps visibly apart (docs/charts.md). */
#define PRINT_MIN_DL 10.0

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:FcInitLoadConfigAndFonts\n"; }
const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "fast_unwind_on_malloc=0"; }

static double dl(nps_rgb a, nps_rgb b)
{
    return fabs(nps_rgb_lightness(a) - nps_rgb_lightness(b));
}

TEST(lightness_of_known_colours)
{
    CHECK_NEAR(nps_rgb_lightness(NPS_COLOR_WHITE), 100.0, 1e-6);
    CHECK_NEAR(nps_rgb_lightness((nps_rgb){0, 0, 0}), 0.0, 1e-6);
    CHECK_NEAR(nps_rgb_lightness(NPS_COLOR_MISSING), 71.8, 0.1);  /* #B0B0B0 */
    CHECK_NEAR(nps_rgb_lightness(NPS_COLOR_NEUTRAL), 83.3, 0.1);  /* beige */
}

/* Up to 5 classes (Likert scales, Q22's four states): every two classes,
 * and each class against 無回答; up to 4 also against the off-scale beige. */
TEST(small_diverging_scales_are_apart_in_greyscale)
{
    for (size_t n = 1; n <= 5; n++) {
        for (size_t i = 0; i < n; i++) {
            nps_rgb a = nps_palette_diverging(i, n);
            CHECK(dl(a, NPS_COLOR_MISSING) >= PRINT_MIN_DL);
            if (n <= 4)
                CHECK(dl(a, NPS_COLOR_NEUTRAL) >= PRINT_MIN_DL);
            for (size_t j = i + 1; j < n; j++)
                if (dl(a, nps_palette_diverging(j, n)) < PRINT_MIN_DL) {
                    fprintf(stderr, "n=%zu: classes %zu and %zu differ by %.1f L*\n", n, i, j,
                            dl(a, nps_palette_diverging(j, n)));
                    CHECK(false);
                }
        }
    }
    CHECK(dl(NPS_COLOR_MISSING, NPS_COLOR_NEUTRAL) >= PRINT_MIN_DL);
}

/* 6 and 7 classes: neighbours, the two ends, and each class against 無回答. */
TEST(larger_diverging_scales_keep_neighbours_apart)
{
    for (size_t n = 6; n <= 7; n++) {
        CHECK(dl(nps_palette_diverging(0, n), nps_palette_diverging(n - 1, n)) >= PRINT_MIN_DL);
        for (size_t i = 0; i < n; i++) {
            CHECK(dl(nps_palette_diverging(i, n), NPS_COLOR_MISSING) >= PRINT_MIN_DL);
            if (i + 1 < n)
                CHECK(dl(nps_palette_diverging(i, n), nps_palette_diverging(i + 1, n)) >= PRINT_MIN_DL);
        }
    }
}

/* The bins' sequential scale darkens to lightens monotonically, so order
 * survives greyscale even where 27 bins cannot each be 10 L* apart. */
TEST(sequential_scale_is_monotone_in_lightness)
{
    for (size_t n = 2; n <= 30; n++)
        for (size_t i = 0; i + 1 < n; i++)
            CHECK(nps_rgb_lightness(nps_palette_sequential(i + 1, n)) >
                  nps_rgb_lightness(nps_palette_sequential(i, n)));
}

/* ---- the fixture's charts as drawn ---- */

static nps_questionnaire *q;
static nps_dataset *d;
static nps_results *r;
static nps_fonts *fonts;

static void unload(void)
{
    nps_results_free(r);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
    nps_fonts_free(fonts);
}

static void load(void)
{
    nps_diag diag;
    if (r)
        return;
    atexit(unload);
    if (nps_questionnaire_load_default(&q, &diag) != NPS_OK ||
        nps_read_export(FIXTURE, q, NULL, &d, &diag) != NPS_OK || nps_results_build(d, NULL, &r) != NPS_OK ||
        nps_fonts_new(NULL, &fonts) != NPS_OK) {
        fprintf(stderr, "cannot load the fixture: %s: %s\n", diag.file, diag.message);
        exit(1);
    }
}

/* The colour a segment is drawn in, as the stacked chart picks it. */
static nps_rgb segment_colour(const nps_chart_stacked *s, size_t k)
{
    size_t n_ord = 0, idx = 0;
    for (size_t i = 0; i < s->n_segments; i++)
        n_ord += s->segments[i].role != NPS_ROLE_MISSING && s->segments[i].role != NPS_ROLE_NONE;
    if (s->segments[k].role == NPS_ROLE_MISSING)
        return NPS_COLOR_MISSING;
    if (s->segments[k].role == NPS_ROLE_NONE)
        return NPS_COLOR_NEUTRAL;
    for (size_t i = 0; i < k; i++)
        idx += s->segments[i].role != NPS_ROLE_MISSING && s->segments[i].role != NPS_ROLE_NONE;
    return nps_palette_ordered(idx, n_ord, s->palette);
}

/* How many pixels of the image have colour c (±1 per byte), and their
 * mean lightness. */
static long pixels_of(cairo_surface_t *img, nps_rgb c, double *lightness)
{
    unsigned char *px = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img), w = cairo_image_surface_get_width(img);
    long hits = 0;
    double sum = 0;
    unsigned long want = nps_rgb_hex(c);
    for (int y = 0; y < cairo_image_surface_get_height(img); y++)
        for (int x = 0; x < w; x++) {
            uint32_t v = *(uint32_t *)(px + (size_t)y * (size_t)stride + (size_t)x * 4);
            int rr = (int)(v >> 16 & 0xFF), gg = (int)(v >> 8 & 0xFF), bb = (int)(v & 0xFF);
            if (abs(rr - (int)(want >> 16 & 0xFF)) <= 1 && abs(gg - (int)(want >> 8 & 0xFF)) <= 1 &&
                abs(bb - (int)(want & 0xFF)) <= 1) {
                hits++;
                sum += nps_rgb_lightness((nps_rgb){rr / 255.0, gg / 255.0, bb / 255.0});
            }
        }
    *lightness = hits ? sum / (double)hits : -1;
    return hits;
}

/* Every segment colour of a drawn stacked chart that is in its legend (so
 * it is drawn) has pixels, and every two of them differ by PRINT_MIN_DL. */
static size_t check_drawn_chart(const nps_figure *fig)
{
    const nps_chart_stacked *s = &fig->chart.stacked;
    nps_chart_layout *l = NULL;
    double light[64];
    size_t checked = 0;

    CHECK_INT(nps_chart_measure(fonts, &fig->chart, NPS_CHART_WIDTH, &l), NPS_OK);
    if (!l || s->n_segments > 64) {
        nps_chart_layout_free(l);
        return 0;
    }
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(nps_chart_layout_width(l)),
                                                      (int)ceil(nps_chart_layout_height(l)));
    cairo_t *cr = cairo_create(img);
    CHECK_INT(nps_chart_draw(l, cr), NPS_OK);
    cairo_surface_flush(img);
    for (size_t k = 0; k < s->n_segments; k++) {
        long n = pixels_of(img, segment_colour(s, k), &light[k]);
        if (n < 50) {
            fprintf(stderr, "%s: segment %s not found in the drawing (%ld px)\n", fig->name, s->segments[k].label, n);
            CHECK(false);
        }
    }
    for (size_t a = 0; a < s->n_segments; a++)
        for (size_t b = a + 1; b < s->n_segments; b++) {
            checked++;
            if (fabs(light[a] - light[b]) < PRINT_MIN_DL) {
                fprintf(stderr, "%s: %s (L* %.1f) and %s (L* %.1f) look alike in greyscale\n", fig->name,
                        s->segments[a].label, light[a], s->segments[b].label, light[b]);
                CHECK(false);
            }
        }
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    nps_chart_layout_free(l);
    return checked;
}

/* Q22 (four states, 把握していない off-scale, 無回答) and the five-point
 * scales of Q24 and Q25, each chart of them as drawn. */
TEST(fixture_ordered_charts_are_apart_in_greyscale)
{
    static const int questions[] = {22, 24, 25};
    size_t charts = 0, pairs = 0;
    load();
    for (size_t i = 0; i < nps_figures_count(r->figures); i++) {
        const nps_figure *fig = nps_figures_at(r->figures, i);
        for (size_t k = 0; k < sizeof questions / sizeof *questions; k++)
            if (fig->question == questions[k] && fig->chart.kind == NPS_CHART_STACKED) {
                charts++;
                pairs += check_drawn_chart(fig);
            }
    }
    CHECK(charts >= 3);
    CHECK(pairs >= 3 * 15); /* six states per chart: 15 pairs each */
}

UNIT_MAIN()
