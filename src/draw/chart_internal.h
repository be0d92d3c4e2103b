/*
 * chart_internal.h — what the chart_*.c files share: the layout object (a
 * display list of shapes and placed texts), text measuring, palettes,
 * number formats, the common header / footer / legend / axis pieces (the
 * toolkit of chart_layout.c; the layout object's life is in chart.c).
 *
 * Invariants of a layout under construction:
 *   - l->err is sticky: once an allocation fails every further add is a
 *     no-op, and the builder returns l->err at its end;
 *   - a chart_text is measured first (its logical rectangle known), then
 *     either placed — ownership of its PangoLayout moves to the layout — or
 *     freed with nps_chart_text_free(); freeing a placed text is a no-op;
 *   - shapes are painted in insertion order, all texts after all shapes.
 * Not part of the public API.
 */
#ifndef NPS_CHART_INTERNAL_H
#define NPS_CHART_INTERNAL_H

#include <pango/pangocairo.h>
#include "base/format.h"
#include "draw/chart.h"
#include "present/palette.h"

/* Geometry, in canvas units (px at scale 1). */
#define CHART_MARGIN 16.0
#define CHART_ROW_GAP 7.0
#define CHART_BAR_THICK 16.0

typedef struct chart_rgba {
    double r, g, b, a;
} chart_rgba;

enum chart_font {
    FONT_TITLE,        /* bold 16 */
    FONT_LABEL,        /* 13: row, node labels */
    FONT_VALUE,        /* 12: value labels beside bars */
    FONT_SMALL,        /* 12: axes, legends, notes, scatter labels */
    FONT_SMALL_BOLD,   /* 12 bold */
    FONT_INSIDE,       /* 12: values inside segments (7 pt in print at least) */
    FONT_COUNT
};

enum chart_shape_kind {
    SHAPE_RECT,        /* g: x, y, w, h */
    SHAPE_LINE,        /* g: x0, y0, x1, y1 */
    SHAPE_CIRCLE,      /* g: cx, cy, r */
    SHAPE_WEDGE,       /* g: cx, cy, r0, r1, a0, a1 (radians, clockwise from +x) */
    SHAPE_BAND         /* g: x0, y0 top, y0 bottom, x1, y1 top, y1 bottom */
};

typedef struct chart_shape {
    enum chart_shape_kind kind;
    chart_rgba fill;       /* a == 0: not filled */
    chart_rgba stroke;     /* a == 0: not stroked */
    double line_width;
    int dashed;
    double g[6];
} chart_shape;

typedef struct chart_placed {
    PangoLayout *layout;   /* owned */
    double ox, oy;         /* layout origin */
    chart_rgba color;
} chart_placed;

struct nps_chart_layout {
    double width, height;
    PangoContext *ctx;     /* owned reference */
    PangoFontDescription *fonts[FONT_COUNT];
    chart_shape *shapes;
    size_t n_shapes, cap_shapes;
    chart_placed *texts;
    nps_chart_box *boxes;  /* parallel to texts */
    size_t n_texts, cap_texts;
    nps_error err;         /* sticky */
};

/* A measured, not yet placed text. */
typedef struct chart_text {
    PangoLayout *layout;   /* owned until placed; NULL after */
    double w, h;           /* logical size */
    double lx, ly;         /* logical rectangle offset from the layout origin */
    double ix, iy, iw, ih; /* ink rectangle relative to the layout origin */
} chart_text;

/* Colours: the plain RGB of present/palette.h, opaque. */
chart_rgba nps_chart_rgb(nps_rgb c);
#define CHART_INK nps_chart_rgb(NPS_COLOR_INK)             /* main text */
#define CHART_INK_SOFT nps_chart_rgb(NPS_COLOR_INK_SOFT)   /* axis text */
#define CHART_GRID nps_chart_rgb(NPS_COLOR_GRID)           /* grid lines */
#define CHART_AXIS nps_chart_rgb(NPS_COLOR_AXIS)           /* axis lines */
#define CHART_MISSING nps_chart_rgb(NPS_COLOR_MISSING)     /* 無回答 grey */
#define CHART_WHITE nps_chart_rgb(NPS_COLOR_WHITE)
#define CHART_NEUTRAL nps_chart_rgb(NPS_COLOR_NEUTRAL)     /* off-scale answers (role NONE) */

chart_rgba nps_chart_okabe_ito(size_t i);                 /* categorical, cycles */
chart_rgba nps_chart_scale_colour(nps_chart_palette p, size_t i, size_t k);
chart_rgba nps_chart_text_on(chart_rgba background);      /* readable text colour */
chart_rgba nps_chart_with_alpha(chart_rgba c, double a);

/* Role order: OPTION 0, OTHER 1, NONE 2, MISSING 3. */
int nps_chart_role_rank(nps_chart_role role);

/* Text. max_w <= 0: no wrapping. */
chart_text nps_chart_text_new(nps_chart_layout *l, const char *s, enum chart_font font,
                          double max_w, PangoAlignment align);
void nps_chart_text_free(chart_text *t);
/* Place t with its logical rectangle's top-left at (x, y). */
void nps_chart_text_place(nps_chart_layout *l, chart_text *t, double x, double y,
                      chart_rgba color, nps_box_role role);
/* Same, recording the shape rectangle it sits inside. */
void nps_chart_text_place_inside(nps_chart_layout *l, chart_text *t, double x, double y,
                             chart_rgba color, nps_box_role role,
                             double cx, double cy, double cw, double ch);

/* Shapes. */
void nps_chart_add_rect(nps_chart_layout *l, double x, double y, double w, double h,
                    chart_rgba fill);
void nps_chart_add_rect_outline(nps_chart_layout *l, double x, double y, double w, double h,
                            chart_rgba stroke, double lw);
void nps_chart_add_line(nps_chart_layout *l, double x0, double y0, double x1, double y1,
                    chart_rgba stroke, double lw, int dashed);
void nps_chart_add_circle(nps_chart_layout *l, double cx, double cy, double r,
                      chart_rgba fill, chart_rgba stroke, double lw);
void nps_chart_add_wedge(nps_chart_layout *l, double cx, double cy, double r0, double r1,
                     double a0, double a1, chart_rgba fill);
void nps_chart_add_band(nps_chart_layout *l, double x0, double y0t, double y0b,
                    double x1, double y1t, double y1b, chart_rgba fill);

/* Numbers. */
void nps_chart_fmt_count(long count, char *buf, size_t size);         /* 1,234 */
void nps_chart_fmt_number(double v, char *buf, size_t size);          /* tick values */
void nps_chart_fmt_value(nps_chart_values mode, long count, long base, const char *unit,
                     char *buf, size_t size);
/* An axis [0, *amax] in steps of *step from {1, 2, 5, 25}×10^k: the
 * smallest step giving at most max_ticks (and at most 10) intervals. fixed_max > 0 forces
 * the end; cap > 0 limits it (100 for percents); integer: steps >= 1. */
void nps_chart_axis(double vmax, double fixed_max, double cap, int integer, int max_ticks,
                double *step, double *amax);

/* Common pieces. Return the y below what they placed. */
/* Vertical grid lines over [top, bottom] at every step of an axis from x0
 * (value 0) to x0 + len (value amax), the axis line at x0, and centred tick
 * labels (with % when percent) under bottom, kept inside the canvas; when
 * label_top >= 0 a second row of tick labels at that y (tall charts: the
 * caller reserves nps_chart_tick_height() above `top`). Returns the y under the
 * bottom labels. */
double nps_chart_value_axis(nps_chart_layout *l, double x0, double len, double top, double bottom,
                        double step, double amax, int percent, double label_top);
double nps_chart_tick_height(nps_chart_layout *l);
/* Charts with more rows than this repeat the tick labels above the rows. */
#define CHART_TALL_ROWS 12
double nps_chart_header(nps_chart_layout *l, const nps_chart *c, int with_base);
void nps_chart_footer(nps_chart_layout *l, const nps_chart *c, double y);
double nps_chart_no_data(nps_chart_layout *l, double y);
/* A legend flowing left to right and wrapping into lines within [x, x+w].
 * ring: swatches are circles outlined in the colour instead of squares. */
double nps_chart_legend(nps_chart_layout *l, const char *const *labels, const chart_rgba *colors,
                    size_t n, double x, double y, double w, int ring);
/* The base label ("n=65" or c->base_label) into buf; returns 0 if none. */
int nps_chart_base_text(const nps_chart *c, char *buf, size_t size);

#endif
