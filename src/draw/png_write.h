/*
 * png_write.h — write a cairo image surface to a PNG file with libpng,
 * tuned for charts: zlib level 1 and no row filter.
 *
 * Why not cairo_surface_write_to_png(): it leaves libpng at its defaults
 * (zlib level 6, adaptive filters), which spent two thirds of a report's
 * time compressing 38 chart images. Flat chart colours compress as well
 * without a filter, so level 1 + no filter gives files within ~10 % of
 * cairo's size in a quarter of the time (docs/benchmarks.md).
 *
 * Output: 8-bit RGB when every pixel is opaque, else 8-bit RGBA with the
 * colours un-premultiplied. No time or text chunks: the same surface always
 * gives the same bytes.
 */
#ifndef NPS_PNG_WRITE_H
#define NPS_PNG_WRITE_H

#include <cairo.h>
#include "base/error.h"

/* Write `image` (CAIRO_FORMAT_ARGB32 or RGB24, flushed) to `path`,
 * replacing it. On failure the partial file is removed if it is a regular
 * file (never a device such as /dev/full, never a folder). Errors:
 * NPS_ERR_USAGE (not such an image surface), NPS_ERR_IO (cannot write),
 * NPS_ERR_NOMEM, NPS_ERR_RENDER (libpng refused the image). */
nps_error nps_png_write(cairo_surface_t *image, const char *path);

#endif
