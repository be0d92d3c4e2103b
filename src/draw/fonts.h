/*
 * fonts.h — the one font set every chart and report page is drawn with.
 *
 * Japanese text is set in Noto Sans CJK JP (Debian fonts-noto-cjk), loaded
 * into a PRIVATE fontconfig configuration that holds only the two Noto Sans
 * CJK files: the machine's own fonts and fonts.conf never take part, so a
 * chart looks the same on every machine that has the package (docs/charts.md).
 *
 * Invariants of every PangoContext handed out here:
 *   - font map: a PangoCairo fontconfig map using the private FcConfig,
 *     made by the first nps_fonts_context() call, not by nps_fonts_new()
 *     (pango starts threads with the first map; figure_writer.h forks
 *     before that);
 *   - language "ja" (Han characters take their Japanese forms);
 *   - hinting off: hint style NONE, hint metrics OFF, grey antialiasing, and
 *     unrounded glyph positions, so a layout measures the same at any scale
 *     and on any surface (PNG, SVG, PDF) — measured boxes are drawn boxes.
 *
 * Ownership: nps_fonts owns the font map and holds a face set of the pool
 * (font_pool.h) until it is freed; contexts are returned with a reference
 * the caller drops with g_object_unref(). Layouts made from a context keep
 * the font map alive, so they may outlive the nps_fonts handle (the face set
 * then stays theirs for good).
 */
#ifndef NPS_FONTS_H
#define NPS_FONTS_H

#include <stddef.h>
#include <pango/pango.h>
#include "base/error.h"
#include "npo-survey/report.h"

/* The family every chart asks for. */
#define NPS_FONT_FAMILY "Noto Sans CJK JP"

/* nps_fonts_new (include/npo-survey/report.h) loads NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc from `dir` (NULL =
 * the build's NPS_FONT_DIR, /usr/share/fonts/opentype/noto by default) into a
 * private font set. NPS_ERR_IO when a file is missing or holds no
 * "Noto Sans CJK JP" face; NPS_ERR_NOMEM. On success *out is owned by the
 * caller (nps_fonts_free). Loading takes ~0.1 s: make one per process. */

/* A second handle on the fonts of `base` (the same folder), for another
 * thread: pango font maps, contexts and layouts must stay on one thread, and
 * cairo's font faces must too (font_pool.h), so the sibling has its own
 * font map and its own face set. Call it on the thread that will use the
 * handle: the first sibling of a process loads a copy (~0.1 s), later ones
 * reuse released copies. On success *out is the caller's (nps_fonts_free,
 * in any order with `base`). */
nps_error nps_fonts_new_sibling(const nps_fonts *base, nps_fonts **out);

/* A new PangoContext on the private font map, set up as described above.
 * The caller owns the reference (g_object_unref). NULL on allocation failure. */
PangoContext *nps_fonts_context(nps_fonts *fonts);

/* The family name of the font that actually sets the first character of
 * `text` (UTF-8) at 12 px, written into buf (NUL-terminated, truncated to
 * size). NPS_ERR_ENCODING for invalid UTF-8, NPS_ERR_RENDER when pango
 * resolves no font. For tests and `--version`-style diagnostics. */
nps_error nps_fonts_resolved_family(nps_fonts *fonts, const char *text,
                                    char *buf, size_t size);

#endif
