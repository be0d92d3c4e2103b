/*
 * figure_writer.c — every figure into a folder, on all cores (see
 * figure_writer.h).
 *
 * Invariants:
 *   - `next` (atomic) is the index of the next figure nobody has taken;
 *     each figure is drawn by exactly one thread.
 *   - results[i] is written only by the thread that took figure i and read
 *     only after every background thread has been joined (pthread_join is
 *     the synchronisation point), so it needs no lock.
 *   - workers[k].fonts is made and used by background thread k alone, and
 *     freed by the caller's thread after thread k has been joined.
 *   - In NPS_FAILALLOC builds no background thread is started: allocation
 *     failures are injected by a process-wide count, which threads would
 *     make depend on scheduling.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "base/alloc.h"
#include "base/strbuf.h"
#include "draw/figure_writer.h"

#define MAX_THREADS 8

typedef struct figure_result {
    nps_error err;
    size_t failed_format; /* index into formats when err != NPS_OK */
    size_t written;
} figure_result;

typedef struct worker {
    nps_figure_writer *w;
    nps_fonts *fonts; /* owned: a sibling of the caller's */
    pthread_t thread;
    bool running;
} worker;

struct nps_figure_writer {
    const nps_figures *figs;
    char *dir;                          /* owned copy */
    nps_fonts *fonts;                   /* the caller's, for the caller's thread */
    nps_render_format formats[3];
    size_t n_formats;
    double png_scale;
    figure_result *results;             /* one per figure, owned */
    atomic_size_t next;
    atomic_bool cancelled;
    worker workers[MAX_THREADS];
    size_t n_workers;
};

/* "dir/name.ext", allocated (nps_free); NULL when out of memory. No
 * fixed-size buffer: a folder path of any length works. */
static char *figure_path(const nps_figure_writer *w, const nps_figure *fig, nps_render_format f)
{
    nps_strbuf sb = {0};
    nps_strbuf_addf(&sb, "%s/%s.%s", w->dir, fig->name, nps_render_format_ext(f));
    return nps_strbuf_take(&sb);
}

/* Measure figure i once and draw it in every format. */
static void draw_figure(nps_figure_writer *w, nps_fonts *fonts, size_t i)
{
    const nps_figure *fig = nps_figures_at(w->figs, i);
    figure_result *res = &w->results[i];
    nps_render_options ropt = {w->png_scale, fig->caption, NULL};
    nps_chart_layout *layout = NULL;

    res->err = nps_chart_measure(fonts, &fig->chart, NPS_CHART_WIDTH, &layout);
    for (size_t k = 0; res->err == NPS_OK && k < w->n_formats; k++) {
        char *path = figure_path(w, fig, w->formats[k]);
        res->failed_format = k;
        if (!path)
            res->err = NPS_ERR_NOMEM;
        else
            res->err = nps_render_file(path, w->formats[k], nps_chart_layout_width(layout),
                                       nps_chart_layout_height(layout), nps_chart_draw_fn, layout, &ropt);
        if (res->err == NPS_OK)
            res->written++;
        nps_free(path);
    }
    nps_chart_layout_free(layout);
}

/* Take and draw figures until none is left or the writer is cancelled. */
static void draw_remaining(nps_figure_writer *w, nps_fonts *fonts)
{
    size_t n = nps_figures_count(w->figs);
    while (!atomic_load(&w->cancelled)) {
        size_t i = atomic_fetch_add(&w->next, 1);
        if (i >= n)
            break;
        draw_figure(w, fonts, i);
        if (w->results[i].err != NPS_OK)
            atomic_store(&w->cancelled, true); /* the run has failed: stop early */
    }
}

/* A background thread: its own fonts, made on this thread (font loading
 * runs beside the caller's work); without them it takes no figure and the
 * other threads draw them all. */
static void *worker_main(void *arg)
{
    worker *k = arg;
    if (nps_fonts_new_sibling(k->w->fonts, &k->fonts) == NPS_OK)
        draw_remaining(k->w, k->fonts);
    return NULL;
}

/* Background threads to start for options `threads`. */
static size_t thread_count(int threads)
{
#ifdef NPS_FAILALLOC
    (void)threads;
    return 0;
#else
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    const char *env = getenv("NPS_RENDER_THREADS");
    long n;
    if (threads >= 0)
        n = threads;
    else {
        n = cores > 1 ? cores - 1 : 0;
        if (env && *env) {
            long total = strtol(env, NULL, 10);
            if (total >= 1 && total - 1 < n)
                n = total - 1;
        }
    }
    return n > MAX_THREADS ? MAX_THREADS : (size_t)n;
#endif
}

static void start_workers(nps_figure_writer *w, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        worker *wk = &w->workers[w->n_workers];
        wk->w = w;
        wk->fonts = NULL;
        wk->running = pthread_create(&wk->thread, NULL, worker_main, wk) == 0;
        if (!wk->running)
            break;
        w->n_workers++;
    }
}

static void writer_free(nps_figure_writer *w)
{
    if (!w)
        return;
    for (size_t k = 0; k < w->n_workers; k++)
        nps_fonts_free(w->workers[k].fonts);
    nps_free(w->results);
    nps_free(w->dir);
    nps_free(w);
}

static bool valid_options(const nps_figure_write_options *opt)
{
    if (!opt || !opt->formats || opt->n_formats == 0 || opt->n_formats > 3)
        return false;
    for (size_t k = 0; k < opt->n_formats; k++)
        if (opt->formats[k] != NPS_RENDER_PNG && opt->formats[k] != NPS_RENDER_SVG
            && opt->formats[k] != NPS_RENDER_PDF)
            return false;
    return true;
}

nps_error nps_figure_writer_start(const nps_figures *figs, const char *dir, nps_fonts *fonts,
                                  const nps_figure_write_options *opt, nps_figure_writer **out)
{
    nps_figure_writer *w = NULL;
    size_t n;

    *out = NULL;
    if (!figs || !dir || !fonts || !valid_options(opt))
        return NPS_ERR_USAGE;
    n = nps_figures_count(figs);
    w = nps_calloc(1, sizeof *w);
    if (!w)
        return NPS_ERR_NOMEM;
    w->figs = figs;
    w->fonts = fonts;
    w->dir = nps_strdup(dir);
    w->results = nps_calloc(n ? n : 1, sizeof *w->results);
    if (!w->dir || !w->results) {
        writer_free(w);
        return NPS_ERR_NOMEM;
    }
    memcpy(w->formats, opt->formats, opt->n_formats * sizeof *opt->formats);
    w->n_formats = opt->n_formats;
    w->png_scale = opt->png_scale > 0.0 ? opt->png_scale : 2.0;
    atomic_init(&w->next, 0);
    atomic_init(&w->cancelled, false);
    start_workers(w, thread_count(opt->threads));
    *out = w;
    return NPS_OK;
}

void nps_figure_writer_cancel(nps_figure_writer *w)
{
    if (w)
        atomic_store(&w->cancelled, true);
}

/* The earliest figure's failure, described in diag; NPS_OK if none. */
static nps_error first_failure(const nps_figure_writer *w, nps_diag *diag)
{
    nps_error err = NPS_OK;
    char *path = NULL;
    for (size_t i = 0; i < nps_figures_count(w->figs); i++) {
        const figure_result *res = &w->results[i];
        const nps_figure *fig = nps_figures_at(w->figs, i);
        if (res->err == NPS_OK)
            continue;
        path = figure_path(w, fig, w->formats[res->failed_format]);
        /* without memory for the path, the folder names the place */
        err = nps_diag_set(diag, res->err, path ? path : w->dir, 0, "cannot draw the figure %s: %s",
                           fig->name, nps_strerror(res->err));
        goto cleanup;
    }
cleanup:
    nps_free(path);
    return err;
}

nps_error nps_figure_writer_finish(nps_figure_writer *w, size_t *written, nps_diag *diag)
{
    nps_error err;
    size_t total = 0;

    if (written)
        *written = 0;
    if (!w)
        return NPS_ERR_USAGE;
    draw_remaining(w, w->fonts);
    for (size_t k = 0; k < w->n_workers; k++)
        if (w->workers[k].running)
            pthread_join(w->workers[k].thread, NULL);
    for (size_t i = 0; i < nps_figures_count(w->figs); i++)
        total += w->results[i].written;
    err = first_failure(w, diag);
    if (written)
        *written = total;
    writer_free(w);
    return err;
}

nps_error nps_figures_write(const nps_figures *figs, const char *dir, nps_fonts *fonts,
                            const nps_figure_write_options *opt, size_t *written, nps_diag *diag)
{
    nps_figure_writer *w = NULL;
    nps_error err = nps_figure_writer_start(figs, dir, fonts, opt, &w);
    if (err != NPS_OK) {
        if (written)
            *written = 0;
        return err;
    }
    return nps_figure_writer_finish(w, written, diag);
}
