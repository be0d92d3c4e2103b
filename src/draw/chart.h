/*
 * chart.h — the report's figures, drawn with cairo + pango (DESIGN §8).
 *
 * Inputs are plain data (nps_chart and the per-kind structs below), not tied
 * to the dataset: the report layer fills them from tables, flows, gap rows
 * and theme counts. All strings are UTF-8 and borrowed: they need to live
 * only during nps_chart_measure(); the layout copies what it keeps.
 *
 * Two steps:
 *   1. nps_chart_measure(fonts, chart, width, &layout) computes the whole
 *      figure for a fixed width: every text is a pango layout placed as a box
 *      (nps_chart_box, logical and ink rectangles in canvas units), every
 *      bar, band, wedge and point a shape; the height follows from the
 *      content. Nothing is drawn yet, and tests inspect the boxes.
 *   2. nps_chart_draw(layout, cr) paints exactly that layout on the caller's
 *      cairo_t, in user space (0,0)–(width,height); surfaces and files belong
 *      to the caller (render.h renders it to SVG/PNG/PDF).
 *
 * Layout invariants, whatever the data (long labels, 0 rows, 37 rows, 0% and
 * 100% segments, every answer missing): every text box lies inside the
 * canvas; no two text boxes overlap; a value label drawn inside a bar
 * segment or donut wedge lies inside it (otherwise it is omitted — the
 * legend and table carry the number); long labels wrap (word, then
 * character) and rows grow to fit. Rows of role OTHER / NONE / MISSING are
 * drawn after the options, in that order; MISSING (無回答) is always grey.
 *
 * Errors: NPS_ERR_ENCODING when any input string is not valid UTF-8 (cairo
 * and pango would otherwise draw a blank chart), NPS_ERR_USAGE for
 * inconsistent input (NULL arrays with a count, negative counts, a Sankey
 * parent that does not precede its child, a width below NPS_CHART_MIN_WIDTH),
 * NPS_ERR_LIMIT (over 10,000 rows / points / nodes, a Sankey deeper than 16
 * levels or too deep for the width), NPS_ERR_NOMEM, NPS_ERR_RENDER when cairo
 * ends in an error state. See docs/charts.md.
 */
#ifndef NPS_CHART_H
#define NPS_CHART_H

#include <stddef.h>
#include <cairo.h>
#include "draw/fonts.h"
#include "base/error.h"
#include "draw/render.h"

#define NPS_CHART_WIDTH 800.0      /* the report's figure width, in units (px / pt) */
#define NPS_CHART_MIN_WIDTH 320.0

typedef enum nps_chart_kind {
    NPS_CHART_BARS = 1,   /* horizontal percent bars (single / multiple choice): .bars */
    NPS_CHART_STACKED,    /* 100% stacked bars (matrices, numeric bins): .stacked */
    NPS_CHART_DONUT,      /* yes/no donut (Q29): .bars (items = slices) */
    NPS_CHART_STARS,      /* 10-star distribution (Q37): .stars */
    NPS_CHART_SANKEY,     /* response-flow tree (DESIGN §5): .sankey */
    NPS_CHART_GAP,        /* organisations × people per organisation (§6): .gap */
    NPS_CHART_THEMES      /* free-text theme counts (§7): .bars, counts */
} nps_chart_kind;

/* What a row / segment / slice / node stands for. OTHER, NONE and MISSING
 * rows are drawn after the options (in that order); MISSING is grey. */
typedef enum nps_chart_role {
    NPS_ROLE_OPTION = 0,  /* an ordinary option, bin or scale point */
    NPS_ROLE_OTHER,       /* その他 */
    NPS_ROLE_NONE,        /* 当てはまる事業はない (exclusive "none applies") */
    NPS_ROLE_MISSING      /* 無回答 */
} nps_chart_role;

/* Value labels. DEFAULT: percent + count for bars, stars and donut, count
 * for themes. Percent = count × 100 / base, one decimal, half away from 0. */
typedef enum nps_chart_values {
    NPS_VALUES_DEFAULT = 0,
    NPS_VALUES_PERCENT,         /* 27.7% */
    NPS_VALUES_PERCENT_COUNT,   /* 27.7%（18） */
    NPS_VALUES_COUNT            /* 18 (followed by .unit) */
} nps_chart_values;

/* Colours of ordered segments (stacked bars). Categorical colours are
 * Okabe–Ito; DIVERGING is ColorBrewer RdYlBu with the FIRST segment blue
 * (e.g. 積極的に行っている) and the last red; SEQUENTIAL is viridis from
 * dark (first bin) to yellow (last bin). MISSING segments are grey in all.
 * DEFAULT: DIVERGING for up to 11 ordered segments, SEQUENTIAL beyond. */
typedef enum nps_chart_palette {
    NPS_PALETTE_DEFAULT = 0,
    NPS_PALETTE_CATEGORICAL,
    NPS_PALETTE_DIVERGING,
    NPS_PALETTE_SEQUENTIAL
} nps_chart_palette;

/* One bar (BARS, THEMES), slice (DONUT). */
typedef struct nps_chart_item {
    const char *label;
    long count;               /* >= 0 */
    nps_chart_role role;
} nps_chart_item;

typedef struct nps_chart_bars {
    const nps_chart_item *items;  /* in the questionnaire's order */
    size_t n_items;
    nps_chart_values values;
    double axis_max;              /* BARS/THEMES axis end; 0 = automatic */
    const char *unit;             /* appended to counts, e.g. "件"; NULL = none */
} nps_chart_bars;

/* Q37: counts[k-1] organisations gave k stars; `missing` gave none. */
typedef struct nps_chart_stars {
    long counts[10];
    long missing;
    int numeric_labels;           /* 0: ★ … ★★★★★★★★★★; 1: ★1 … ★10 */
    nps_chart_values values;
} nps_chart_stars;

/* A segment of the 100% bars: its legend label and role. MISSING is grey;
 * NONE marks an answer off the ordered scale (Q22's 5.特に困りごとがある人は
 * いない) and is a neutral beige; OPTION and OTHER take the palette. */
typedef struct nps_chart_series {
    const char *label;
    nps_chart_role role;
} nps_chart_series;

typedef struct nps_chart_stack_row {
    const char *label;
    const long *counts;           /* n_segments counts, in segment order */
} nps_chart_stack_row;

/* Each row is drawn as 100% of the sum of its counts (a row with sum 0 is an
 * empty outline). Percents inside segments are of that sum. */
typedef struct nps_chart_stacked {
    const nps_chart_series *segments;
    size_t n_segments;
    const nps_chart_stack_row *rows;
    size_t n_rows;
    nps_chart_palette palette;
} nps_chart_stacked;

/* A node of the flow tree. Nodes are listed parents first: parent < own
 * index, or -1 for a root. The link parent → child carries the child's
 * count; children are drawn top to bottom in list order. Percents in node
 * labels are of the node's root count. */
typedef struct nps_chart_node {
    const char *label;
    long count;
    int parent;
    nps_chart_role role;          /* MISSING: grey */
} nps_chart_node;

typedef struct nps_chart_sankey {
    const nps_chart_node *nodes;
    size_t n_nodes;
} nps_chart_sankey;

typedef enum nps_gap_flag {
    NPS_GAP_NONE = 0,
    NPS_GAP_HIGH,     /* few organisations carry many people: red ring */
    NPS_GAP_LOW       /* many organisations share few people: blue ring */
} nps_gap_flag;

/* A business: x = organisations running it, y = people per organisation.
 * A NULL or "" label draws the point unlabelled. Points with a non-finite
 * coordinate are not drawn; negative ones are an error, above 1e9 a limit. */
typedef struct nps_chart_point {
    const char *label;
    double x, y;
    nps_gap_flag flag;
} nps_chart_point;

typedef struct nps_chart_gap {
    const nps_chart_point *points;
    size_t n_points;
    const char *x_title;          /* NULL: 事業を行う団体数 */
    const char *y_title;          /* NULL: 1団体あたりの人数（人） */
    const char *high_label;       /* NULL: default legend text of the red rings */
    const char *low_label;        /* NULL: default legend text of the blue rings */
    int log_y;                    /* 1: logarithmic y axis (y <= 0 drawn at its bottom) */
} nps_chart_gap;

typedef struct nps_chart {
    nps_chart_kind kind;
    const char *title;            /* e.g. "図8（Q6）…"; NULL or "" = no title */
    const char *subtitle;         /* e.g. "複数回答"; NULL = none */
    long base;                    /* n (organisations; answers for a Sankey) */
    const char *base_label;       /* NULL: "n=65"; "" = not stated */
    const char *note;             /* footnote under the chart; NULL = none */
    union {
        nps_chart_bars bars;      /* BARS, DONUT, THEMES */
        nps_chart_stars stars;    /* STARS */
        nps_chart_stacked stacked;/* STACKED */
        nps_chart_sankey sankey;  /* SANKEY */
        nps_chart_gap gap;        /* GAP */
    };
} nps_chart;

/* What a text box is, for tests and for the report layer. */
typedef enum nps_box_role {
    NPS_BOX_TITLE,
    NPS_BOX_SUBTITLE,
    NPS_BOX_BASE,       /* n=65 */
    NPS_BOX_LABEL,      /* row, node, point and slice labels */
    NPS_BOX_VALUE,      /* 27.7%（18） */
    NPS_BOX_AXIS,       /* tick labels, axis titles */
    NPS_BOX_LEGEND,
    NPS_BOX_NOTE
} nps_box_role;

/* A placed text, in canvas units. (x, y, width, height) is pango's logical
 * rectangle, (ink_*) its ink rectangle. When `inside` is set the text was
 * placed inside a shape — the rectangle (cx, cy, cw, ch) — and stays in it. */
typedef struct nps_chart_box {
    nps_box_role role;
    const char *text;             /* owned by the layout */
    double x, y, width, height;
    double ink_x, ink_y, ink_width, ink_height;
    int inside;
    double cx, cy, cw, ch;
} nps_chart_box;

typedef struct nps_chart_layout nps_chart_layout;

/* Lay out `chart` for a canvas `width` units wide (NPS_CHART_WIDTH for the
 * report). On success *out is owned by the caller (nps_chart_layout_free). */
nps_error nps_chart_measure(nps_fonts *fonts, const nps_chart *chart, double width,
                            nps_chart_layout **out);
void nps_chart_layout_free(nps_chart_layout *layout);

double nps_chart_layout_width(const nps_chart_layout *layout);
double nps_chart_layout_height(const nps_chart_layout *layout);
size_t nps_chart_layout_box_count(const nps_chart_layout *layout);
const nps_chart_box *nps_chart_layout_box(const nps_chart_layout *layout, size_t i);

/* Paint the layout on cr (white background first). The cairo state is saved
 * and restored; cr's transformation places and scales the canvas.
 * NPS_ERR_RENDER if cr is, or ends, in an error state. */
nps_error nps_chart_draw(const nps_chart_layout *layout, cairo_t *cr);

/* nps_render_fn adapter: ctx is a const nps_chart_layout *. */
nps_error nps_chart_draw_fn(cairo_t *cr, void *layout);

/* Measure, then render to `path` in `format` (see render.h); width 0 means
 * NPS_CHART_WIDTH. opt may be NULL. */
nps_error nps_chart_render_file(nps_fonts *fonts, const nps_chart *chart, double width,
                                nps_render_format format, const char *path,
                                const nps_render_options *opt);

#endif
