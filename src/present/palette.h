/*
 * palette.h — the colours of the report's figures as plain RGB data, one
 * function per scale, so that the charts (draw stage) and any other writer
 * pick the same colours from one place. No graphics library here.
 *
 * Scales (docs/charts.md):
 *   - categorical: Okabe & Ito (2008), blue, orange, bluish green,
 *     vermillion, sky blue, reddish purple, yellow, black; cycles;
 *   - diverging: RdYlBu's hues, blue first — print-safe schemes of up to 7
 *     classes whose lightness keeps the classes apart in greyscale (≥ 10
 *     CIE L*, palette.c), other sizes interpolated in ColorBrewer's
 *     11-class scheme (its darkest ends are not used);
 *   - sequential: viridis, ten anchors, dark first, interpolated;
 *   - single colours: missing grey (無回答), neutral beige (answers off the
 *     ordered scale), ink, soft ink, grid, axis, white, flow root grey.
 *
 * Components are in [0, 1]. Colours of the tables are r/255 of their hex
 * values exactly; interpolated colours are not rounded. Writers that need
 * 0xRRGGBB use the _hex functions.
 */
#ifndef NPS_PALETTE_H
#define NPS_PALETTE_H

#include <stddef.h>
#include "present/chart_spec.h"

typedef struct nps_rgb {
    double r, g, b;
} nps_rgb;

#define NPS_COLOR_INK ((nps_rgb){0.10, 0.10, 0.10})        /* main text */
#define NPS_COLOR_INK_SOFT ((nps_rgb){0.30, 0.30, 0.30})   /* axis text, notes */
#define NPS_COLOR_GRID ((nps_rgb){0.86, 0.86, 0.86})       /* grid lines */
#define NPS_COLOR_AXIS ((nps_rgb){0.45, 0.45, 0.45})       /* axis lines */
#define NPS_COLOR_MISSING ((nps_rgb){0.69, 0.69, 0.69})    /* 無回答 grey */
#define NPS_COLOR_WHITE ((nps_rgb){1.0, 1.0, 1.0})
#define NPS_COLOR_NEUTRAL ((nps_rgb){0.85, 0.81, 0.74})    /* off-scale answers (role NONE), beige */
#define NPS_COLOR_FLOW_ROOT ((nps_rgb){0.33, 0.33, 0.33})  /* the root node of a flow tree */

/* Okabe–Ito colour i, cycling over its eight colours. */
nps_rgb nps_palette_categorical(size_t i);
/* Its Japanese colour name as a reader would say it (青, 橙色, 青緑, 朱色, 水色,
 * 赤紫, 黄, 黒): legends and notes that refer to a colour use this, so the
 * words always name the colour drawn. */
const char *nps_palette_categorical_name(size_t i);
/* The categorical colours of the gap chart's rings: many people per
 * organisation (HIGH) and few (LOW). */
#define NPS_PALETTE_GAP_HIGH 3  /* vermillion, 朱色 */
#define NPS_PALETTE_GAP_LOW 0   /* blue, 青 */
/* Colour i of n ordered segments in scale `kind`: DEFAULT is DIVERGING for
 * n <= 11 and SEQUENTIAL beyond; CATEGORICAL is nps_palette_categorical(i). */
nps_rgb nps_palette_ordered(size_t i, size_t n, nps_chart_palette kind);
/* Diverging colour i of n, blue first (print-safe up to 7 classes). */
nps_rgb nps_palette_diverging(size_t i, size_t n);
/* viridis colour i of n, dark first. */
nps_rgb nps_palette_sequential(size_t i, size_t n);
/* 0xRRGGBB, each component rounded to the nearest of 0..255. */
unsigned long nps_rgb_hex(nps_rgb c);
/* The scales as 0xRRGGBB for writers that take integer colours (the
 * workbook): table colours exactly; interpolated ones rounded per component
 * from the anchors' bytes, which differs from nps_rgb_hex() of the double
 * colour by one in a component on exact ties (about 0.1 % of colours). */
unsigned long nps_palette_categorical_hex(size_t i);
unsigned long nps_palette_ordered_hex(size_t i, size_t n, nps_chart_palette kind);
/* CIE L* (0 black … 100 white, D65) of a colour: the lightness a greyscale
 * print keeps of it. */
double nps_rgb_lightness(nps_rgb c);

#endif
