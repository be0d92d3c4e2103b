/*
 * palette.c — the colour tables and scales of palette.h.
 *
 * Invariant: a table colour is returned as exactly (hex byte) / 255.0 per
 * component, and interpolation is linear per component in that space, so
 * every caller gets the same doubles the charts have always drawn with.
 * No state, nothing allocated.
 */
#include <math.h>
#include "present/palette.h"

/* Okabe & Ito (2008), ordered so that the first colours are the most
 * distinct on white: blue, orange, bluish green, vermillion, sky blue,
 * reddish purple, yellow, black. */
static const unsigned okabe_ito[] = {0x0072B2, 0xE69F00, 0x009E73, 0xD55E00,
                                     0x56B4E9, 0xCC79A7, 0xF0E442, 0x000000};

/* ColorBrewer RdYlBu (11 classes), reversed: blue first. */
static const unsigned rdylbu[] = {0x313695, 0x4575B4, 0x74ADD1, 0xABD9E9, 0xE0F3F8, 0xFFFFBF,
                                  0xFEE090, 0xFDAE61, 0xF46D43, 0xD73027, 0xA50026};

/* Print-safe diverging schemes of 1 to 7 classes, blue first: RdYlBu's
 * hues (blue arm, pale yellow middle, orange–red arm) with the CIE L* of
 * each class chosen so that in greyscale print every two classes of a
 * chart of up to 5 classes, 無回答 grey (L* 71.8) and, up to 4 classes, the
 * off-scale beige (L* 83.3) differ by at least 10 L*; with 6 and 7 classes
 * neighbouring classes, the two ends and each class against 無回答 do
 * (docs/charts.md, "Palettes in greyscale"). The blue arm is the darker one,
 * so the ends never look alike. Found by moving each ColorBrewer colour to
 * its target L* in CIELAB, keeping its hue. Other sizes interpolate the
 * 11-class scheme (not print-safe; no chart uses them). */
static const unsigned diverging_k[8][7] = {
    {0}, {0x2C7BB6}, {0x373A9A, 0xEE4737},
    {0x373A9A, 0xF7F7B8, 0xEE4737},                          /* L* 30 96 55 */
    {0x272F8D, 0x29609D, 0xF7F7B8, 0xEE4737},                /* L* 25 40 96 55 */
    {0x272F8D, 0x29609D, 0xFDFDBD, 0xFECA9E, 0xEE4737},      /* L* 25 40 98 85 55 */
    {0x172782, 0x0F528D, 0xABD9E9, 0xFAFABA, 0xF06A40, 0xD73027},
    {0x122580, 0x044981, 0xABD9E9, 0xFAFABA, 0xF06A40, 0xDF392D, 0xB82133}};

/* viridis, ten steps. */
static const unsigned viridis[] = {0x440154, 0x482878, 0x3E4989, 0x31688E, 0x26828E,
                                   0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725};

static nps_rgb hex(unsigned v)
{
    nps_rgb c = {((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0};
    return c;
}

/* Linear interpolation at position pos (0 .. n-1) of an anchor list. */
static nps_rgb ramp(const unsigned *anchors, size_t n, double pos)
{
    size_t i;
    double f;
    nps_rgb a, b, c;

    if (pos <= 0.0)
        return hex(anchors[0]);
    if (pos >= (double)(n - 1))
        return hex(anchors[n - 1]);
    i = (size_t)floor(pos);
    f = pos - (double)i;
    a = hex(anchors[i]);
    b = hex(anchors[i + 1]);
    c.r = a.r + (b.r - a.r) * f;
    c.g = a.g + (b.g - a.g) * f;
    c.b = a.b + (b.b - a.b) * f;
    return c;
}

/* The same interpolation on 0xRRGGBB, each component rounded half away
 * from zero from its byte values (how the workbook has always rounded). */
static unsigned long ramp_hex(const unsigned *anchors, size_t n, double pos)
{
    size_t i;
    double f;
    unsigned long out = 0;
    int shift;

    if (pos <= 0.0)
        return anchors[0];
    if (pos >= (double)(n - 1))
        return anchors[n - 1];
    i = (size_t)floor(pos);
    f = pos - (double)i;
    for (shift = 16; shift >= 0; shift -= 8) {
        double a = (anchors[i] >> shift) & 0xFF, c = (anchors[i + 1] >> shift) & 0xFF;
        out |= (unsigned long)lround(a + (c - a) * f) << shift;
    }
    return out;
}

static double position(size_t i, size_t n)
{
    return n > 1 ? (double)i / (double)(n - 1) : 0.0;
}

nps_rgb nps_palette_categorical(size_t i)
{
    return hex(okabe_ito[i % (sizeof okabe_ito / sizeof okabe_ito[0])]);
}

const char *nps_palette_categorical_name(size_t i)
{
    static const char *const names[] = {"青", "橙色", "青緑", "朱色", "水色", "赤紫", "黄", "黒"};
    return names[i % (sizeof names / sizeof names[0])];
}

nps_rgb nps_palette_diverging(size_t i, size_t n)
{
    if (n >= 1 && n <= 7 && i < n)
        return hex(diverging_k[n][i]);
    /* anchors 1..9: the darkest ends are kept for nothing */
    return ramp(rdylbu, 11, 1.0 + 8.0 * position(i, n));
}

nps_rgb nps_palette_sequential(size_t i, size_t n)
{
    return ramp(viridis, 10, 9.0 * position(i, n));
}

nps_rgb nps_palette_ordered(size_t i, size_t n, nps_chart_palette kind)
{
    if (kind == NPS_PALETTE_DEFAULT)
        kind = n <= 11 ? NPS_PALETTE_DIVERGING : NPS_PALETTE_SEQUENTIAL;
    switch (kind) {
    case NPS_PALETTE_DIVERGING:
        return nps_palette_diverging(i, n);
    case NPS_PALETTE_SEQUENTIAL:
        return nps_palette_sequential(i, n);
    default:
        return nps_palette_categorical(i);
    }
}

unsigned long nps_palette_categorical_hex(size_t i)
{
    return okabe_ito[i % (sizeof okabe_ito / sizeof okabe_ito[0])];
}

unsigned long nps_palette_ordered_hex(size_t i, size_t n, nps_chart_palette kind)
{
    if (kind == NPS_PALETTE_DEFAULT)
        kind = n <= 11 ? NPS_PALETTE_DIVERGING : NPS_PALETTE_SEQUENTIAL;
    switch (kind) {
    case NPS_PALETTE_DIVERGING:
        if (n >= 1 && n <= 7 && i < n)
            return diverging_k[n][i];
        return ramp_hex(rdylbu, 11, 1.0 + 8.0 * position(i, n));
    case NPS_PALETTE_SEQUENTIAL:
        return ramp_hex(viridis, 10, 9.0 * position(i, n));
    default:
        return nps_palette_categorical_hex(i);
    }
}

static unsigned long byte_of(double v)
{
    double b = floor(v * 255.0 + 0.5);
    return b < 0.0 ? 0UL : b > 255.0 ? 255UL : (unsigned long)b;
}

unsigned long nps_rgb_hex(nps_rgb c)
{
    return byte_of(c.r) << 16 | byte_of(c.g) << 8 | byte_of(c.b);
}

static double linear(double v)
{
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

double nps_rgb_lightness(nps_rgb c)
{
    /* sRGB → relative luminance Y (WCAG, Rec. 709 primaries) → CIE L* */
    double y = 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
    return y > 216.0 / 24389.0 ? 116.0 * cbrt(y) - 16.0 : y * 24389.0 / 27.0;
}
