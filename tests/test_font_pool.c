/*
 * test_font_pool.c — font handles that are alive at the same time never
 * share a cairo font face, so no two threads ever draw with the same cairo
 * scaled font (font_pool.h: cairo 1.16 aborts when they do); a freed
 * handle's copy of the fonts is reused by the next handle; and drawing on
 * several threads at once, each with its own handle, gives the same pixels
 * as drawing on one.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include "draw/font_pool.h"
#include "draw/fonts.h"
#include "unit.h"

/* See test_chart.c: fontconfig's parse of the unused system fonts.conf. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:FcInitLoadConfigAndFonts\n";
}
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "fast_unwind_on_malloc=0"; /* full stacks, for the suppression */
}

#define TEXT "相談の窓口につなぐ 42%"

/* The cairo font face that sets TEXT in a layout of `fonts` (a new
 * reference, or NULL). */
static cairo_font_face_t *face_of(nps_fonts *fonts)
{
    PangoContext *ctx = nps_fonts_context(fonts);
    PangoLayout *layout = pango_layout_new(ctx);
    PangoFontDescription *desc = pango_font_description_from_string(NPS_FONT_FAMILY " 12px");
    PangoLayoutLine *line;
    cairo_font_face_t *face = NULL;

    pango_layout_set_font_description(layout, desc);
    pango_layout_set_text(layout, TEXT, -1);
    line = pango_layout_get_line_readonly(layout, 0);
    if (line && line->runs) {
        PangoFont *font = ((PangoGlyphItem *)line->runs->data)->item->analysis.font;
        cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font));
        if (sf)
            face = cairo_font_face_reference(cairo_scaled_font_get_font_face(sf));
    }
    pango_font_description_free(desc);
    g_object_unref(layout);
    g_object_unref(ctx);
    return face;
}

TEST(handles_alive_together_share_no_cairo_font_face)
{
    nps_fonts *a = NULL, *b = NULL, *c = NULL;
    cairo_font_face_t *fa, *fb, *fc;

    CHECK_INT(nps_fonts_new(NULL, &a), NPS_OK);
    CHECK_INT(nps_fonts_new_sibling(a, &b), NPS_OK);
    CHECK_INT(nps_fonts_new(NULL, &c), NPS_OK);
    fa = face_of(a);
    fb = face_of(b);
    fc = face_of(c);
    CHECK(fa && fb && fc);
    CHECK(fa != fb);
    CHECK(fa != fc);
    CHECK(fb != fc);
    cairo_font_face_destroy(fa);
    cairo_font_face_destroy(fb);
    cairo_font_face_destroy(fc);
    nps_fonts_free(b);
    nps_fonts_free(a);
    nps_fonts_free(c);
}

TEST(a_released_set_is_reused_and_a_held_one_is_not)
{
    nps_face_set *s1 = NULL, *s2 = NULL, *s3 = NULL;

    CHECK_INT(nps_face_set_acquire("/usr/share/fonts/opentype/noto", &s1), NPS_OK);
    CHECK_INT(nps_face_set_acquire("/usr/share/fonts/opentype/noto", &s2), NPS_OK);
    CHECK(s1 && s2 && s1 != s2);
    nps_face_set_release(s1, true);
    CHECK_INT(nps_face_set_acquire("/usr/share/fonts/opentype/noto", &s3), NPS_OK);
    CHECK(s3 == s1);
    /* not reusable: stays held, the next caller gets another set */
    nps_face_set_release(s3, false);
    nps_face_set_release(s2, true);
    s1 = NULL;
    CHECK_INT(nps_face_set_acquire("/usr/share/fonts/opentype/noto", &s1), NPS_OK);
    CHECK(s1 == s2);
    nps_face_set_release(s1, true);
    CHECK_INT(nps_face_set_acquire("/nonexistent-font-dir", &s1), NPS_ERR_IO);
    CHECK(s1 == NULL);
}

/* Draw TEXT 40 times at several sizes into an image with a handle of one's
 * own, and return a checksum of the pixels. */
typedef struct drawer {
    nps_fonts *base;
    unsigned long sum;
    nps_error err;
} drawer;

static void *draw_main(void *arg)
{
    drawer *d = arg;
    nps_fonts *fonts = NULL;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 400, 60);

    d->err = nps_fonts_new_sibling(d->base, &fonts);
    for (int round = 0; d->err == NPS_OK && round < 40; round++) {
        cairo_t *cr = cairo_create(img);
        PangoContext *ctx = nps_fonts_context(fonts);
        PangoLayout *layout;
        PangoFontDescription *desc;
        char desc_text[64];

        pango_cairo_update_context(cr, ctx);
        layout = pango_layout_new(ctx);
        snprintf(desc_text, sizeof desc_text, NPS_FONT_FAMILY " %s %dpx", round % 2 ? "Bold" : "", 10 + round % 7);
        desc = pango_font_description_from_string(desc_text);
        pango_layout_set_font_description(layout, desc);
        pango_layout_set_text(layout, TEXT, -1);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        pango_cairo_show_layout(cr, layout);
        cairo_surface_flush(img);
        {
            const unsigned char *px = cairo_image_surface_get_data(img);
            int n = cairo_image_surface_get_stride(img) * 60;
            for (int i = 0; i < n; i++)
                d->sum = d->sum * 31 + px[i];
        }
        pango_font_description_free(desc);
        g_object_unref(layout);
        g_object_unref(ctx);
        cairo_destroy(cr);
    }
    cairo_surface_destroy(img);
    nps_fonts_free(fonts);
    return NULL;
}

TEST(threads_with_their_own_handles_draw_what_one_thread_draws)
{
    nps_fonts *base = NULL;
    drawer alone = {0}, many[4];
    pthread_t th[4];

    CHECK_INT(nps_fonts_new(NULL, &base), NPS_OK);
    alone.base = base;
    draw_main(&alone);
    CHECK_INT(alone.err, NPS_OK);
    memset(many, 0, sizeof many);
    for (int k = 0; k < 4; k++) {
        many[k].base = base;
        CHECK_INT(pthread_create(&th[k], NULL, draw_main, &many[k]), 0);
    }
    for (int k = 0; k < 4; k++) {
        pthread_join(th[k], NULL);
        CHECK_INT(many[k].err, NPS_OK);
        CHECK(many[k].sum == alone.sum);
    }
    nps_fonts_free(base);
}

UNIT_MAIN()
