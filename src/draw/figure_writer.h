/*
 * figure_writer.h — write every figure of a set into a folder, one file per
 * figure and format (DIR/fig01_q06.svg, DIR/fig01_q06.png, …), using every
 * core (docs/charts.md, docs/benchmarks.md).
 *
 * Each figure is measured once (nps_chart_measure) and that layout is drawn
 * into every requested format, so SVG and PNG show the same layout.
 * Figures are handed out in order to the writer's worker processes and,
 * from nps_figure_writer_finish() on, to the caller too; each takes the
 * next figure not yet taken. So a caller can start the writer, do other
 * work meanwhile (the report writes its PDF and workbook), and then help
 * with what is left:
 *
 *     nps_figure_writer_start(figs, dir, fonts, &opt, &w);
 *     ... other work on this thread ...
 *     err = nps_figure_writer_finish(w, &written, &diag);
 *
 * Workers are processes forked by start, not threads: cairo 1.16's
 * process-wide glyph cache can deadlock two drawing threads
 * (figure_writer.c, docs/charts.md "Determinism"). Call start before
 * starting threads of your own and before drawing anything with pango (a
 * fork copies a lock another thread holds; pango starts threads when the
 * first font map is made, which nps_fonts_new leaves to the first use). Each worker draws with its copy
 * of the caller's `fonts` and dies with its parent. Every file depends only
 * on its figure, so output is byte-identical whatever the number of
 * workers.
 *
 * Errors: each figure's first failure is kept; finish reports the one of
 * the earliest figure in set order (not the first to happen in time), so the
 * message does not depend on scheduling. Files written before a failure
 * stay; the caller writes into a staging folder it can remove.
 *
 * Ownership: `figs`, `fonts` and the folder must stay alive and unchanged
 * until finish returns; the writer copies `dir`. finish always frees it.
 */
#ifndef NPS_FIGURE_WRITER_H
#define NPS_FIGURE_WRITER_H

#include <stddef.h>
#include "present/figures.h"
#include "draw/chart.h"
#include "draw/fonts.h"
#include "base/error.h"
#include "draw/render.h"

typedef struct nps_figure_writer nps_figure_writer;

typedef struct nps_figure_write_options {
    const nps_render_format *formats; /* files per figure, in this order */
    size_t n_formats;                 /* 1 … 3 */
    double png_scale;                 /* PNG pixels per point; <= 0 means 2 */
    int threads;                      /* worker processes: < 0 = one per core
                                       * but one (NPS_RENDER_THREADS=N caps the
                                       * total with the caller at N), 0 = none */
} nps_figure_write_options;

/* Start writing. The folder must exist. NPS_ERR_USAGE for bad options,
 * NPS_ERR_NOMEM. A worker that cannot be forked is not an error: its
 * share is drawn by the others. On success *out is the caller's, to be
 * passed to nps_figure_writer_finish exactly once. */
nps_error nps_figure_writer_start(const nps_figures *figs, const char *dir, nps_fonts *fonts,
                                  const nps_figure_write_options *opt, nps_figure_writer **out);

/* Take no more figures (e.g. after another part of the report failed);
 * figures already being drawn are completed. finish must still be called,
 * and its NPS_OK then no longer means that every figure was written. */
void nps_figure_writer_cancel(nps_figure_writer *w);

/* Draw the figures not yet taken on this thread, wait for the workers,
 * free the writer. NPS_OK, or the error of the earliest failing figure
 * with `diag` naming its file (NPS_ERR_RENDER when a worker died: the
 * figure it was drawing, or the folder). *written (may be NULL) = files
 * written. */
nps_error nps_figure_writer_finish(nps_figure_writer *w, size_t *written, nps_diag *diag);

/* start + finish: write the whole set now. */
nps_error nps_figures_write(const nps_figures *figs, const char *dir, nps_fonts *fonts,
                            const nps_figure_write_options *opt, size_t *written, nps_diag *diag);

#endif
