/*
 * png_write.c — cairo image surface → PNG file through libpng (see png_write.h).
 *
 * libpng reports errors by longjmp to the png_jmpbuf of its write struct;
 * the only setjmp is in encode(), whose locals are not touched between
 * setjmp and a longjmp, and which frees nothing itself: the caller owns the
 * row buffer and the FILE, so cleanup stays in one place (write_png).
 * Pixels: cairo stores premultiplied ARGB in native-endian 32-bit words.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <png.h>
#include "base/alloc.h"
#include "base/fileio.h"
#include "draw/png_write.h"

/* Whether every pixel of an ARGB32 surface has alpha 255. */
static bool image_is_opaque(const unsigned char *data, int width, int height, int stride)
{
    for (int y = 0; y < height; y++) {
        const uint32_t *px = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < width; x++)
            if ((px[x] >> 24) != 0xFF)
                return false;
    }
    return true;
}

static unsigned char unpremultiply(uint32_t channel, uint32_t alpha)
{
    return alpha ? (unsigned char)((channel * 255 + alpha / 2) / alpha) : 0;
}

/* One surface row as PNG bytes: RGB (opaque) or un-premultiplied RGBA. */
static void convert_row(const uint32_t *px, int width, bool opaque, unsigned char *out)
{
    for (int x = 0; x < width; x++) {
        uint32_t v = px[x], a = v >> 24;
        uint32_t r = (v >> 16) & 0xFF, g = (v >> 8) & 0xFF, b = v & 0xFF;
        if (opaque) {
            *out++ = (unsigned char)r;
            *out++ = (unsigned char)g;
            *out++ = (unsigned char)b;
        } else {
            *out++ = unpremultiply(r, a);
            *out++ = unpremultiply(g, a);
            *out++ = unpremultiply(b, a);
            *out++ = (unsigned char)a;
        }
    }
}

typedef struct png_job {
    FILE *file;
    const unsigned char *data;
    int width, height, stride;
    bool opaque;
    unsigned char *row; /* width × 4 bytes, the caller's */
} png_job;

/* libpng's default handlers print to stderr; the library never prints. */
static void on_png_error(png_structp png, png_const_charp message)
{
    (void)message;
    png_longjmp(png, 1);
}

static void on_png_warning(png_structp png, png_const_charp message)
{
    (void)png;
    (void)message;
}

/* Encode the whole image; false if libpng gave up (out of memory, write error). */
static bool encode(const png_job *job)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, on_png_error, on_png_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    bool ok = false;

    if (!info)
        goto cleanup;
    if (setjmp(png_jmpbuf(png)))
        goto cleanup;
    png_init_io(png, job->file);
    png_set_IHDR(png, info, (png_uint_32)job->width, (png_uint_32)job->height, 8,
                 job->opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, 1);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_write_info(png, info);
    for (int y = 0; y < job->height; y++) {
        convert_row((const uint32_t *)(const void *)(job->data + (size_t)y * (size_t)job->stride),
                    job->width, job->opaque, job->row);
        png_write_row(png, job->row);
    }
    png_write_end(png, info);
    ok = true;
cleanup:
    png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
    return ok;
}

nps_error nps_png_write(cairo_surface_t *image, const char *path)
{
    png_job job = {NULL, NULL, 0, 0, 0, true, NULL};
    cairo_format_t format;
    nps_error err = NPS_OK;

    if (!image || !path || cairo_surface_get_type(image) != CAIRO_SURFACE_TYPE_IMAGE)
        return NPS_ERR_USAGE;
    format = cairo_image_surface_get_format(image);
    if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
        return NPS_ERR_USAGE;
    cairo_surface_flush(image);
    job.data = cairo_image_surface_get_data(image);
    job.width = cairo_image_surface_get_width(image);
    job.height = cairo_image_surface_get_height(image);
    job.stride = cairo_image_surface_get_stride(image);
    if (!job.data || job.width <= 0 || job.height <= 0)
        return NPS_ERR_USAGE;
    job.opaque = format == CAIRO_FORMAT_RGB24
                 || image_is_opaque(job.data, job.width, job.height, job.stride);
    job.row = nps_malloc((size_t)job.width * 4);
    if (!job.row)
        return NPS_ERR_NOMEM;
    job.file = fopen(path, "wb");
    if (!job.file) {
        err = NPS_ERR_IO;
        goto cleanup;
    }
    errno = 0;
    if (!encode(&job))
        err = errno == ENOMEM ? NPS_ERR_NOMEM : NPS_ERR_IO;
    if (fclose(job.file) != 0 && err == NPS_OK)
        err = NPS_ERR_IO;
    if (err != NPS_OK)
        nps_remove_partial_file(path);
cleanup:
    nps_free(job.row);
    return err;
}
