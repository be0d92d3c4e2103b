/*
 * render.h — one drawing function to an SVG file, a PNG file or a one-page
 * PDF file (docs/charts.md, docs/architecture.md).
 *
 * The drawing function draws on the cairo_t it is given, in user units, the
 * canvas being (0,0)–(width,height). render.c creates the surface, calls the
 * function once, finishes and destroys the surface: surfaces never escape.
 * The file at `path` is the caller's; on failure it is removed so that no
 * half-written file is left behind.
 *
 * Units: SVG and PDF pages are width × height points (1 unit = 1 pt); PNG is
 * ceil(width × scale) × ceil(height × scale) pixels.
 *
 * Determinism: the same drawing gives byte-identical PNG and PDF files.
 * cairo 1.16 stamps PDFs with the current time, so render.c always sets the
 * PDF creation date: opt->pdf_date if given, else SOURCE_DATE_EPOCH from the
 * environment, else the fixed date 1970-01-01T00:00:00Z. cairo numbers
 * the SVG's top-level group from a process-wide counter; render.c renames
 * it, so SVG is byte-identical too (see docs/charts.md).
 */
#ifndef NPS_RENDER_H
#define NPS_RENDER_H

#include <cairo.h>
#include "base/error.h"

typedef enum nps_render_format {
    NPS_RENDER_PNG,
    NPS_RENDER_SVG,
    NPS_RENDER_PDF
} nps_render_format;

/* Draw on cr; return NPS_OK or an error that render passes on. */
typedef nps_error (*nps_render_fn)(cairo_t *cr, void *ctx);

typedef struct nps_render_options {
    double png_scale;       /* PNG pixels per unit; <= 0 means 1 */
    const char *pdf_title;  /* PDF Title metadata (UTF-8), NULL = none */
    const char *pdf_date;   /* PDF CreationDate "YYYY-MM-DDThh:mm:ss[Z|±hh:mm]", NULL = default */
} nps_render_options;

/* Render `draw` to `path`. opt may be NULL. Errors: NPS_ERR_USAGE (bad size,
 * NULL path/draw, malformed pdf_date), NPS_ERR_ENCODING (pdf_title not
 * UTF-8), NPS_ERR_IO (cannot write), NPS_ERR_NOMEM, NPS_ERR_RENDER (cairo
 * error state after drawing, or a PNG larger than 32767 px), or whatever
 * `draw` returned. */
nps_error nps_render_file(const char *path, nps_render_format format,
                          double width, double height,
                          nps_render_fn draw, void *ctx,
                          const nps_render_options *opt);

/* Apply the deterministic metadata (creation date as above, title) to a PDF
 * surface the caller created itself, e.g. a multi-page report. */
nps_error nps_render_pdf_metadata(cairo_surface_t *pdf, const nps_render_options *opt);

/* "png" / "svg" / "pdf" (case-insensitive) → format; NPS_ERR_USAGE otherwise. */
nps_error nps_render_format_parse(const char *name, nps_render_format *out);
/* File extension without the dot: "png", "svg", "pdf". */
const char *nps_render_format_ext(nps_render_format format);

#endif
