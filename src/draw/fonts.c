/*
 * fonts.c — a private fontconfig set holding only Noto Sans CJK, and the
 * PangoContexts configured on it (see fonts.h for the invariants).
 *
 * Each handle holds a face set of its own (font_pool.h: a private FcConfig
 * with only the two Noto Sans CJK collections, whose faces no other thread
 * draws with) and a PangoCairo fontconfig map bound to that configuration
 * with pango_fc_font_map_set_config().
 */
#include <string.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include "draw/font_pool.h"
#include "draw/fonts.h"

#ifndef NPS_FONT_DIR
#define NPS_FONT_DIR "/usr/share/fonts/opentype/noto"
#endif

struct nps_fonts {
    nps_face_set *set;      /* held (font_pool.h): this handle's alone */
    PangoFontMap *map;      /* owned reference */
};

/* Pango 1.50 (pangocairo-font.c, _pango_cairo_font_get_metrics) measures a
 * font's approximate character width behind a process-wide, unsynchronised
 * `static int in_get_metrics` recursion guard. When two threads compute the
 * metrics of a font for the first time at the same moment, one of them skips
 * the measurement and caches approximate_char_width = 0 in that font for the
 * rest of its life. The line breaker takes three times that width as its
 * safety margin (pango-layout.c, process_item): with a margin of 0 it accepts
 * a break on the widths of the unbroken run, kerning with the next character
 * included, instead of reshaping the line, and a line near the text width
 * breaks one character later. So every metrics request of our fonts is
 * serialised, whichever thread and font map makes it (recursive: the
 * measurement lays out a sample text, which asks for metrics again). */
static GRecMutex metrics_lock;
static PangoFontMetrics *(*pango_get_metrics)(PangoFont *, PangoLanguage *);

static PangoFontMetrics *locked_get_metrics(PangoFont *font, PangoLanguage *language)
{
    PangoFontMetrics *m;

    g_rec_mutex_lock(&metrics_lock);
    m = pango_get_metrics(font, language);
    g_rec_mutex_unlock(&metrics_lock);
    return m;
}

/* The type of the fonts a cairo FreeType font map makes. libpangocairo
 * exports it but no public header declares it. */
GType pango_cairo_fc_font_get_type(void);

/* Install locked_get_metrics in the class of our fonts, once, before any
 * thread of ours can measure text. The class is referenced and patched
 * without loading a font, so no font-loading work of pango's is started
 * here (it would still be running on pango's own thread when a short
 * program ends). The reference is kept: the class must stay patched. */
static nps_error serialise_metrics(void)
{
    static GMutex once;
    PangoFontClass *klass = g_type_class_ref(pango_cairo_fc_font_get_type());
    nps_error err = klass && klass->get_metrics ? NPS_OK : NPS_ERR_RENDER;

    g_mutex_lock(&once);
    if (err == NPS_OK && klass->get_metrics != locked_get_metrics) {
        pango_get_metrics = klass->get_metrics;
        klass->get_metrics = locked_get_metrics;
    }
    g_mutex_unlock(&once);
    return err;
}

/* True when the application font set holds a face of NPS_FONT_FAMILY. */
static int has_family(FcConfig *config)
{
    FcFontSet *set = FcConfigGetFonts(config, FcSetApplication);
    int i;

    for (i = 0; set && i < set->nfont; i++) {
        FcChar8 *family = NULL;
        int k;
        for (k = 0; FcPatternGetString(set->fonts[i], FC_FAMILY, k, &family) == FcResultMatch; k++)
            if (strcmp((const char *)family, NPS_FONT_FAMILY) == 0)
                return 1;
    }
    return 0;
}

/* The handle's font map, made on first use and bound to the set's
 * configuration; NULL when pango cannot make one. Made late on purpose:
 * pango 1.50 starts threads of its own when the first font map of the
 * process is made (fontconfig's load, font matching), and the figure
 * writer forks its workers before any exist (figure_writer.c). */
static PangoFontMap *fonts_map(nps_fonts *f)
{
    if (!f->map) {
        f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
        if (f->map)
            pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), nps_face_set_config(f->set));
    }
    return f->map;
}

/* A handle on `set` (taken over: released again on failure); its font map
 * is made when first needed (fonts_map). */
static nps_error fonts_on_set(nps_face_set *set, nps_fonts **out)
{
    nps_fonts *f = g_try_new0(nps_fonts, 1);
    nps_error err;

    *out = NULL;
    if (!f) {
        nps_face_set_release(set, true);
        return NPS_ERR_NOMEM;
    }
    f->set = set;
    if ((err = serialise_metrics()) != NPS_OK) {
        nps_fonts_free(f);
        return err;
    }
    *out = f;
    return NPS_OK;
}

nps_error nps_fonts_new(const char *dir, nps_fonts **out)
{
    nps_face_set *set = NULL;
    nps_error err;

    *out = NULL;
    if ((err = nps_face_set_acquire(dir ? dir : NPS_FONT_DIR, &set)) != NPS_OK)
        return err;
    if (!has_family(nps_face_set_config(set))) {
        nps_face_set_release(set, true);
        return NPS_ERR_IO;
    }
    return fonts_on_set(set, out);
}

nps_error nps_fonts_new_sibling(const nps_fonts *base, nps_fonts **out)
{
    nps_face_set *set = NULL;
    nps_error err;

    *out = NULL;
    if ((err = nps_face_set_acquire(nps_face_set_dir(base->set), &set)) != NPS_OK)
        return err;
    return fonts_on_set(set, out);
}

void nps_fonts_free(nps_fonts *fonts)
{
    bool alone;

    if (!fonts)
        return;
    /* Alone: nothing else (a context, a layout) holds the map, so nothing
     * can draw with the face set after this; it goes back to the pool. */
    alone = !fonts->map || G_OBJECT(fonts->map)->ref_count == 1;
    if (fonts->map) {
        /* Pango 1.50 never drops the reference set_config took on the
         * FcConfig. When the map is alone, detach the configuration first
         * so that the reference is released; otherwise a live layout would
         * silently re-shape with the machine's fonts. */
        if (alone)
            pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fonts->map), NULL);
        g_object_unref(fonts->map);
    }
    nps_face_set_release(fonts->set, alone);
    g_free(fonts);
}

PangoContext *nps_fonts_context(nps_fonts *fonts)
{
    PangoContext *ctx;
    cairo_font_options_t *opt;

    ctx = fonts_map(fonts) ? pango_font_map_create_context(fonts->map) : NULL;
    if (!ctx)
        return NULL;
    opt = cairo_font_options_create();
    cairo_font_options_set_hint_style(opt, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(opt, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(opt, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(ctx, opt);
    cairo_font_options_destroy(opt);
    pango_context_set_language(ctx, pango_language_from_string("ja"));
    pango_context_set_base_dir(ctx, PANGO_DIRECTION_LTR);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    return ctx;
}

nps_error nps_fonts_resolved_family(nps_fonts *fonts, const char *text,
                                    char *buf, size_t size)
{
    PangoContext *ctx = NULL;
    PangoLayout *layout = NULL;
    PangoFontDescription *desc = NULL, *used = NULL;
    PangoLayoutLine *line;
    nps_error err = NPS_OK;
    const char *family;

    if (size > 0)
        buf[0] = '\0';
    if (!text || !g_utf8_validate(text, -1, NULL))
        return NPS_ERR_ENCODING;
    ctx = nps_fonts_context(fonts);
    if (!ctx) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    layout = pango_layout_new(ctx);
    desc = pango_font_description_new();
    pango_font_description_set_family(desc, NPS_FONT_FAMILY);
    pango_font_description_set_absolute_size(desc, 12 * PANGO_SCALE);
    pango_layout_set_font_description(layout, desc);
    pango_layout_set_text(layout, text, -1);
    line = pango_layout_get_line_readonly(layout, 0);
    if (!line || !line->runs) {
        err = NPS_ERR_RENDER;
        goto cleanup;
    }
    used = pango_font_describe(((PangoGlyphItem *)line->runs->data)->item->analysis.font);
    family = used ? pango_font_description_get_family(used) : NULL;
    if (!family) {
        err = NPS_ERR_RENDER;
        goto cleanup;
    }
    if (size > 0)
        g_strlcpy(buf, family, size);

cleanup:
    if (used)
        pango_font_description_free(used);
    if (desc)
        pango_font_description_free(desc);
    if (layout)
        g_object_unref(layout);
    if (ctx)
        g_object_unref(ctx);
    return err;
}
