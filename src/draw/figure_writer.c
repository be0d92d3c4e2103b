/*
 * figure_writer.c — every figure into a folder, on all cores (see
 * figure_writer.h).
 *
 * Why processes, not threads: cairo 1.16 (Debian 12) keeps one glyph cache
 * for the whole process, and when it is full, a thread that adds a glyph
 * page locks the cache and then the font of the page it evicts, while a
 * thread drawing with that font holds the font and waits for the cache —
 * a deadlock (cairo-scaled-font.c, _cairo_scaled_glyph_page_pluck; fixed
 * in later cairo with a try-lock). A report with many distinct CJK glyphs
 * fills the 512-page cache, so two drawing threads hung about once in some
 * hundred runs. A forked worker has a cache of its own.
 *
 * Invariants:
 *   - `shared->next` (atomic, in memory shared by the processes) is the
 *     index of the next figure nobody has taken; each figure is drawn by
 *     exactly one process.
 *   - results[i] is written only by the process that took figure i and read
 *     only after every worker has been waited for (waitpid is the
 *     synchronisation point), so it needs no lock. `done` tells a figure
 *     drawn to the end from one whose process died.
 *   - Workers are forked in nps_figure_writer_start, before the caller
 *     starts other threads of its own (the report's workbook thread) and
 *     before pango has started any (a font map is made on first use,
 *     fonts.c), so no lock of cairo, pango, fontconfig or malloc is held by
 *     another thread at the fork; a worker only draws, calls no exit
 *     handler (_exit) and dies with its parent (PR_SET_PDEATHSIG).
 *   - In NPS_FAILALLOC builds no worker is started: allocation failures are
 *     injected by a process-wide count, which workers would make depend on
 *     scheduling. Nor under ASan or TSan, whose allocators are not
 *     fork-safe (worker_count).
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "base/alloc.h"
#include "base/strbuf.h"
#include "draw/figure_writer.h"

#define MAX_WORKERS 8

_Static_assert(ATOMIC_LONG_LOCK_FREE == 2 && ATOMIC_BOOL_LOCK_FREE == 2,
               "the shared counters must be lock-free to work across processes");

typedef struct figure_result {
    nps_error err;
    size_t failed_format; /* index into formats when err != NPS_OK */
    size_t written;
    bool done;            /* drawn to the end (or failed): false when its process died */
} figure_result;

/* What the processes share (one MAP_SHARED mapping): the next figure nobody
 * has taken, the cancel flag and one result per figure. */
typedef struct shared_state {
    atomic_size_t next;
    atomic_bool cancelled;
    size_t n_figures;
    figure_result results[];
} shared_state;

struct nps_figure_writer {
    const nps_figures *figs;
    char *dir;                          /* owned copy */
    nps_fonts *fonts;                   /* the caller's (a copy of it in each worker) */
    nps_render_format formats[3];
    size_t n_formats;
    double png_scale;
    shared_state *shared;               /* owned mapping of `shared_size` bytes */
    size_t shared_size;
    pid_t workers[MAX_WORKERS];
    size_t n_workers;
    bool worker_lost;                   /* a worker ended by a signal or with a failure status */
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
    figure_result *res = &w->shared->results[i];
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
    res->done = true;
}

/* Take and draw figures until none is left or the writer is cancelled. */
static void draw_remaining(nps_figure_writer *w, nps_fonts *fonts)
{
    shared_state *sh = w->shared;
    while (!atomic_load(&sh->cancelled)) {
        size_t i = atomic_fetch_add(&sh->next, 1);
        if (i >= sh->n_figures)
            break;
        draw_figure(w, fonts, i);
        if (sh->results[i].err != NPS_OK)
            atomic_store(&sh->cancelled, true); /* the run has failed: stop early */
    }
}

/* A worker process: a copy of the caller at the fork, drawing with its copy
 * of the caller's fonts, results in the shared mapping. It dies with the
 * caller (an interrupted report leaves no process writing behind it). */
static void worker_main(nps_figure_writer *w, pid_t parent)
{
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
        _exit(1);
    draw_remaining(w, w->fonts);
    _exit(0); /* no atexit handlers, no flush of the caller's stdio buffers */
}

/* Worker processes to start for options `threads`. None in allocation-
 * failure builds, nor under AddressSanitizer or ThreadSanitizer: their
 * allocators (GCC 12) are not fork-safe, so a fork while another thread
 * allocates leaves the worker waiting on a lock forever (seen in an ASan
 * run of e2e_publish). Those builds draw every figure in the caller. */
static size_t worker_count(int threads)
{
#if defined(NPS_FAILALLOC) || defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
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
    return n > MAX_WORKERS ? MAX_WORKERS : (size_t)n;
#endif
}

static void start_workers(nps_figure_writer *w, size_t n)
{
    pid_t parent = getpid();
    for (size_t k = 0; k < n; k++) {
        pid_t pid = fork();
        if (pid == 0)
            worker_main(w, parent);
        if (pid < 0)
            break; /* not an error: the others draw its share */
        w->workers[w->n_workers++] = pid;
    }
}

/* Wait for every worker; note one that did not end normally. */
static void wait_workers(nps_figure_writer *w)
{
    for (size_t k = 0; k < w->n_workers; k++) {
        int status = 0;
        pid_t got;
        while ((got = waitpid(w->workers[k], &status, 0)) < 0 && errno == EINTR)
            ;
        if (got < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            w->worker_lost = true;
    }
    w->n_workers = 0;
}

static void writer_free(nps_figure_writer *w)
{
    if (!w)
        return;
    if (w->shared)
        munmap(w->shared, w->shared_size);
    nps_free(w->dir);
    nps_free(w);
}

/* The shared mapping for n figures, zeroed; NULL when it cannot be made. */
static shared_state *shared_new(size_t n, size_t *size)
{
    void *p;
    *size = sizeof(shared_state) + (n ? n : 1) * sizeof(figure_result);
    p = mmap(NULL, *size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    shared_state *sh = p;
    atomic_init(&sh->next, 0);
    atomic_init(&sh->cancelled, false);
    sh->n_figures = n;
    return sh;
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
    w->shared = shared_new(n, &w->shared_size);
    if (!w->dir || !w->shared) {
        writer_free(w);
        return NPS_ERR_NOMEM;
    }
    memcpy(w->formats, opt->formats, opt->n_formats * sizeof *opt->formats);
    w->n_formats = opt->n_formats;
    w->png_scale = opt->png_scale > 0.0 ? opt->png_scale : 2.0;
    start_workers(w, worker_count(opt->threads));
    *out = w;
    return NPS_OK;
}

void nps_figure_writer_cancel(nps_figure_writer *w)
{
    if (w)
        atomic_store(&w->shared->cancelled, true);
}

/* The earliest figure's failure, described in diag; NPS_OK if none. A
 * figure taken by a worker that died before it was drawn is a failure too. */
static nps_error first_failure(const nps_figure_writer *w, nps_diag *diag)
{
    const shared_state *sh = w->shared;
    size_t taken = atomic_load(&sh->next);
    nps_error err = NPS_OK;
    char *path = NULL;
    for (size_t i = 0; i < sh->n_figures; i++) {
        const figure_result *res = &sh->results[i];
        const nps_figure *fig = nps_figures_at(w->figs, i);
        if (res->err == NPS_OK && (res->done || i >= taken))
            continue;
        path = figure_path(w, fig, w->formats[res->failed_format]);
        /* without memory for the path, the folder names the place */
        if (res->err != NPS_OK)
            err = nps_diag_set(diag, res->err, path ? path : w->dir, 0, "cannot draw the figure %s: %s",
                               fig->name, nps_strerror(res->err));
        else
            err = nps_diag_set(diag, NPS_ERR_RENDER, path ? path : w->dir, 0,
                               "cannot draw the figure %s: its drawing process ended early", fig->name);
        goto cleanup;
    }
    if (w->worker_lost) /* a worker ended badly between figures: nothing is missing, but say so */
        err = nps_diag_set(diag, NPS_ERR_RENDER, w->dir, 0, "a drawing process ended early");
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
    wait_workers(w);
    for (size_t i = 0; i < w->shared->n_figures; i++)
        total += w->shared->results[i].written;
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
