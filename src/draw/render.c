/*
 * render.c — render one drawing function to SVG, PNG or a one-page PDF.
 *
 * Invariants: every surface is created, finished and destroyed inside
 * nps_render_file(); the caller's drawing function only ever sees a cairo_t
 * whose user space is the canvas (0,0)–(width,height). After drawing, both
 * cairo_status() and cairo_surface_status() are checked, so a context that
 * fell into cairo's sticky error state is an error, never a blank file.
 * PDFs always get an explicit creation date (cairo 1.16 would write the
 * current time), and SVGs get their one process-global surface id renamed,
 * so rendering is deterministic in all three formats.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib.h>
#include "base/fileio.h"
#include "base/strbuf.h"
#include "draw/png_write.h"
#include "draw/render.h"

#define PNG_MAX_PIXELS 32767.0
#define CANVAS_MAX 1.0e5
#define FIXED_PDF_DATE "1970-01-01T00:00:00Z"

static nps_error status_error(cairo_status_t st)
{
    switch (st) {
    case CAIRO_STATUS_SUCCESS: return NPS_OK;
    case CAIRO_STATUS_NO_MEMORY: return NPS_ERR_NOMEM;
    case CAIRO_STATUS_WRITE_ERROR:
    case CAIRO_STATUS_FILE_NOT_FOUND:
    case CAIRO_STATUS_READ_ERROR: return NPS_ERR_IO;
    default: return NPS_ERR_RENDER;
    }
}

/* n decimal digits at s. */
static int digits(const char *s, int n)
{
    int i;
    for (i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

/* YYYY-MM-DDThh:mm:ss followed by nothing, Z, or ±hh:mm. */
static int valid_pdf_date(const char *s)
{
    const char *tz;

    if (strlen(s) < 19 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
        !digits(s + 8, 2) || s[10] != 'T' || !digits(s + 11, 2) || s[13] != ':' ||
        !digits(s + 14, 2) || s[16] != ':' || !digits(s + 17, 2))
        return 0;
    tz = s + 19;
    if (*tz == '\0' || strcmp(tz, "Z") == 0)
        return 1;
    return (tz[0] == '+' || tz[0] == '-') && strlen(tz) == 6 && digits(tz + 1, 2) &&
           tz[3] == ':' && digits(tz + 4, 2);
}

/* The creation date to stamp: opt->pdf_date, SOURCE_DATE_EPOCH, or fixed. */
static nps_error pdf_date(const nps_render_options *opt, char *buf, size_t size)
{
    const char *sde;
    long long secs;
    time_t t;
    struct tm tm;

    if (opt && opt->pdf_date) {
        if (!valid_pdf_date(opt->pdf_date))
            return NPS_ERR_USAGE;
        g_strlcpy(buf, opt->pdf_date, size);
        return NPS_OK;
    }
    sde = getenv("SOURCE_DATE_EPOCH");
    if (!sde || !*sde) {
        g_strlcpy(buf, FIXED_PDF_DATE, size);
        return NPS_OK;
    }
    /* reproducible-builds.org: a malformed value is an error, not ignored. */
    if (!digits(sde, (int)strlen(sde)) || strlen(sde) > 12)
        return NPS_ERR_USAGE;
    secs = strtoll(sde, NULL, 10);
    t = (time_t)secs;
    if (!gmtime_r(&t, &tm) || strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        return NPS_ERR_USAGE;
    return NPS_OK;
}

nps_error nps_render_pdf_metadata(cairo_surface_t *pdf, const nps_render_options *opt)
{
    char date[40];
    nps_error err;

    if (!pdf || cairo_surface_get_type(pdf) != CAIRO_SURFACE_TYPE_PDF)
        return NPS_ERR_USAGE;
    err = pdf_date(opt, date, sizeof date);
    if (err != NPS_OK)
        return err;
    if (opt && opt->pdf_title && !g_utf8_validate(opt->pdf_title, -1, NULL))
        return NPS_ERR_ENCODING;
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, date);
    if (opt && opt->pdf_title)
        cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, opt->pdf_title);
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "npo-survey");
    return status_error(cairo_surface_status(pdf));
}

static int valid_extent(double v)
{
    return isfinite(v) && v > 0.0 && v <= CANVAS_MAX;
}

/* SVG goes to memory first: cairo numbers the top-level group with a
 * process-wide surface counter ("surface1", then "surface6", …), which is
 * renamed to "surface1" before the file is written, so that the same
 * drawing gives the same bytes. */
static cairo_status_t mem_write(void *closure, const unsigned char *data, unsigned int length)
{
    nps_strbuf *b = closure;

    if (b->cap == 0 && !nps_strbuf_reserve(b, 65536))
        return CAIRO_STATUS_NO_MEMORY;
    nps_strbuf_addn(b, (const char *)data, length);
    return b->failed ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

/* Occurrences of needle in the buffer. */
static size_t count_in(const nps_strbuf *b, const char *needle)
{
    size_t n = 0, k = strlen(needle);
    const char *p = b->s;

    while ((p = strstr(p, needle)) != NULL) {
        n++;
        p += k;
    }
    return n;
}

/* Rename the first <g id="surfaceN"> to surface1 when nothing else names it. */
static void svg_normalise(nps_strbuf *b)
{
    const char *open = "<g id=\"surface";
    char *p = b->s ? strstr(b->s, open) : NULL, *digits, *end;
    char name[64];

    if (!p)
        return;
    digits = p + strlen(open);
    end = digits;
    while (isdigit((unsigned char)*end))
        end++;
    if (end == digits || *end != '"' || end - digits > 20)
        return;
    snprintf(name, sizeof name, "surface%.*s", (int)(end - digits), digits);
    if (count_in(b, name) != 1 || strcmp(name, "surface1") == 0)
        return;
    memmove(digits + 1, end, b->len - (size_t)(end - b->s) + 1);
    *digits = '1';
    b->len -= (size_t)(end - digits) - 1;
}

static nps_error write_file(const char *path, const nps_strbuf *b)
{
    FILE *f = fopen(path, "wb");
    int ok;

    if (!f)
        return NPS_ERR_IO;
    ok = fwrite(b->s, 1, b->len, f) == b->len;
    ok = (fclose(f) == 0) && ok;
    return ok ? NPS_OK : NPS_ERR_IO;
}

/* Create the surface of the format; PDF metadata applied. */
static nps_error surface_new(const char *path, nps_render_format format, double width,
                             double height, double scale, const nps_render_options *opt,
                             nps_strbuf *svg, cairo_surface_t **out)
{
    cairo_surface_t *s = NULL;
    nps_error err;

    switch (format) {
    case NPS_RENDER_PNG:
        if (ceil(width * scale) > PNG_MAX_PIXELS || ceil(height * scale) > PNG_MAX_PIXELS)
            return NPS_ERR_RENDER;
        s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)ceil(width * scale),
                                       (int)ceil(height * scale));
        break;
    case NPS_RENDER_SVG:
        s = cairo_svg_surface_create_for_stream(mem_write, svg, width, height);
        if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS)
            cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
        break;
    case NPS_RENDER_PDF:
        s = cairo_pdf_surface_create(path, width, height);
        break;
    default:
        return NPS_ERR_USAGE;
    }
    err = status_error(cairo_surface_status(s));
    if (err == NPS_OK && format == NPS_RENDER_PDF)
        err = nps_render_pdf_metadata(s, opt);
    if (err != NPS_OK) {
        cairo_surface_destroy(s);
        return err;
    }
    *out = s;
    return NPS_OK;
}

nps_error nps_render_file(const char *path, nps_render_format format,
                          double width, double height,
                          nps_render_fn draw, void *ctx,
                          const nps_render_options *opt)
{
    cairo_surface_t *surface = NULL;
    cairo_t *cr = NULL;
    nps_error err = NPS_OK;
    double scale = (opt && opt->png_scale > 0.0) ? opt->png_scale : 1.0;
    int file_touched = 0;
    nps_strbuf svg = {0};

    if (!path || !draw || !valid_extent(width) || !valid_extent(height) || !isfinite(scale))
        return NPS_ERR_USAGE;
    if (format == NPS_RENDER_PDF)
        file_touched = 1;  /* cairo opens (truncates) the file when the surface is made */
    err = surface_new(path, format, width, height, format == NPS_RENDER_PNG ? scale : 1.0,
                      opt, &svg, &surface);
    if (err != NPS_OK)
        goto cleanup;
    cr = cairo_create(surface);
    err = status_error(cairo_status(cr));
    if (err != NPS_OK)
        goto cleanup;
    if (format == NPS_RENDER_PNG)
        cairo_scale(cr, scale, scale);
    err = draw(cr, ctx);
    if (err != NPS_OK)
        goto cleanup;
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        err = NPS_ERR_RENDER;
        goto cleanup;
    }
    cairo_destroy(cr);
    cr = NULL;
    if (format == NPS_RENDER_PNG) {
        err = nps_png_write(surface, path); /* removes its own partial file */
    } else {
        cairo_surface_finish(surface);
        err = status_error(cairo_surface_status(surface));
        if (err == NPS_OK && format == NPS_RENDER_SVG) {
            svg_normalise(&svg);
            file_touched = 1;
            err = write_file(path, &svg);
        }
    }

cleanup:
    if (cr)
        cairo_destroy(cr);
    if (surface)
        cairo_surface_destroy(surface);
    nps_strbuf_free(&svg);
    if (err != NPS_OK && file_touched)
        nps_remove_partial_file(path);
    return err;
}

nps_error nps_render_format_parse(const char *name, nps_render_format *out)
{
    if (!name)
        return NPS_ERR_USAGE;
    if (strcasecmp(name, "png") == 0)
        *out = NPS_RENDER_PNG;
    else if (strcasecmp(name, "svg") == 0)
        *out = NPS_RENDER_SVG;
    else if (strcasecmp(name, "pdf") == 0)
        *out = NPS_RENDER_PDF;
    else
        return NPS_ERR_USAGE;
    return NPS_OK;
}

const char *nps_render_format_ext(nps_render_format format)
{
    switch (format) {
    case NPS_RENDER_PNG: return "png";
    case NPS_RENDER_SVG: return "svg";
    case NPS_RENDER_PDF: return "pdf";
    }
    return "bin";
}
