/*
 * charts.c — `npo-survey charts [-o DIR] [--format svg|png|pdf] [--contact-sheet FILE.png] EXPORT`:
 * every figure as one file named after its stable stem (fig01_q06.svg …).
 * Default DIR: reports/<export name>/charts. --contact-sheet FILE.png also
 * draws every figure, scaled down, into one overview picture.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "cli_common.h"
#include "cli_i18n.h"
#include "publish.h"
#include "base/alloc.h"
#include "draw/figure_writer.h"
#include "present/results.h"

static const nps_cli_option OPTIONS[] = {
    NPS_CLI_VALUE("--output", "-o", "DIR", output_dir, "the folder (default: reports/<export name>/charts)"),
    NPS_CLI_VALUE("--format", NULL, "svg|png|pdf", format, "the figures' format (default: svg)"),
    NPS_CLI_VALUE("--contact-sheet", NULL, "FILE.png", contact_sheet, "also every figure on one sheet"),
};

/* ---------- contact sheet ---------- */

#define SHEET_COLUMNS 6
#define SHEET_CELL 400.0 /* each figure scaled into a 400-unit-wide cell */

typedef struct sheet {
    nps_chart_layout **layouts;
    size_t n;
    double row_height[64];
} sheet;

static nps_error draw_sheet(cairo_t *cr, void *ctx)
{
    const sheet *s = ctx;
    double y = 0;
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    cairo_paint(cr);
    for (size_t i = 0; i < s->n; i++) {
        size_t row = i / SHEET_COLUMNS, col = i % SHEET_COLUMNS;
        if (col == 0 && i > 0)
            y += s->row_height[row - 1] + 8;
        double scale = (SHEET_CELL - 8) / nps_chart_layout_width(s->layouts[i]);
        cairo_save(cr);
        cairo_translate(cr, col * SHEET_CELL + 4, y + 4);
        cairo_scale(cr, scale, scale);
        nps_error err = nps_chart_draw(s->layouts[i], cr);
        cairo_restore(cr);
        if (err != NPS_OK)
            return err;
    }
    return NPS_OK;
}

static nps_error write_contact_sheet(nps_fonts *fonts, const nps_figures *figs, const char *path)
{
    sheet s = {0};
    double height = 0;
    nps_error err = NPS_OK;
    s.n = nps_figures_count(figs);
    if (s.n == 0 || s.n > SHEET_COLUMNS * 64)
        return NPS_ERR_USAGE;
    s.layouts = nps_calloc(s.n, sizeof *s.layouts);
    if (!s.layouts)
        return NPS_ERR_NOMEM;
    for (size_t i = 0; i < s.n && err == NPS_OK; i++) {
        err = nps_chart_measure(fonts, &nps_figures_at(figs, i)->chart, NPS_CHART_WIDTH, &s.layouts[i]);
        if (err == NPS_OK) {
            double h = nps_chart_layout_height(s.layouts[i]) * (SHEET_CELL - 8) / nps_chart_layout_width(s.layouts[i]);
            size_t row = i / SHEET_COLUMNS;
            s.row_height[row] = h + 8 > s.row_height[row] ? h + 8 : s.row_height[row];
        }
    }
    for (size_t r = 0; r <= (s.n - 1) / SHEET_COLUMNS; r++)
        height += s.row_height[r] + 8;
    if (err == NPS_OK) {
        nps_render_options opt = {0.5, NULL, NULL};
        err = nps_render_file(path, NPS_RENDER_PNG, SHEET_COLUMNS * SHEET_CELL, height, draw_sheet, &s, &opt);
    }
    for (size_t i = 0; i < s.n; i++)
        nps_chart_layout_free(s.layouts[i]);
    nps_free(s.layouts);
    return err;
}

static int run(const nps_cli_args *a)
{
    nps_questionnaire *q;
    nps_dataset *d;
    nps_results *r = NULL;
    nps_fonts *fonts = NULL;
    nps_render_format fmt = NPS_RENDER_SVG;
    char *dir = NULL;
    size_t written = 0;
    int rc;
    if (a->format && nps_render_format_parse(a->format, &fmt) != NPS_OK) {
        fprintf(stderr, _("npo-survey: --format takes svg, png or pdf, not %s\n"), a->format);
        return 2;
    }
    if ((rc = nps_cli_load(a, &q, &d)) != 0)
        return rc;
    nps_error err = (dir = nps_cli_output_dir(a, "charts")) ? NPS_OK : NPS_ERR_NOMEM;
    if (err == NPS_OK)
        err = nps_results_build(d, NULL, &r);
    if (err == NPS_OK)
        err = nps_fonts_new(NULL, &fonts);
    if (err == NPS_OK && nps_cli_make_dirs(dir) != 0) {
        fprintf(stderr, _("npo-survey: %s: cannot create the folder: %s\n"), dir, strerror(errno));
        err = NPS_ERR_IO;
        goto cleanup;
    }
    if (err == NPS_OK) {
        const nps_figure_write_options fopt = {&fmt, 1, 2.0, -1};
        nps_diag diag = {0};
        err = nps_figures_write(r->figures, dir, fonts, &fopt, &written, &diag);
        if (err != NPS_OK) {
            nps_cli_print_diag(&diag, err);
            goto cleanup;
        }
    }
    if (err == NPS_OK && a->contact_sheet) {
        err = write_contact_sheet(fonts, r->figures, a->contact_sheet);
        if (err != NPS_OK)
            fprintf(stderr, "npo-survey: %s: %s\n", a->contact_sheet, nps_strerror(err));
    }
    if (err == NPS_OK)
        fprintf(stderr, _("npo-survey: %zu figures written to %s\n"), written, dir);
    else if (err != NPS_ERR_IO)
        fprintf(stderr, "npo-survey: %s: %s\n", a->export_path, nps_strerror(err));
cleanup:
    nps_free(dir);
    nps_fonts_free(fonts);
    nps_results_free(r);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
    return nps_cli_exit_code(err);
}

const nps_cli_command nps_cli_charts = {
    "charts", N_("[-o DIR] [--format svg|png|pdf] [--contact-sheet FILE.png] [common options] EXPORT"),
    N_("every figure as a file (and all on one sheet)"), OPTIONS, sizeof OPTIONS / sizeof OPTIONS[0], run, false};
