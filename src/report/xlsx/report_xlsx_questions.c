/*
 * report_xlsx_questions.c — one sheet per closed question, in form order
 * ("Q06", "Q13" …), each with its tables and a native chart per figure
 * (docs/workbook.md).
 *
 * Layout of a question sheet (rows from the top):
 *   0  the caption of its first figure (図N（Qx）…), or "Qx title"
 *   1  the question as the form asked it
 *   2  answer type and base (n)
 *   3+ for each figure that cannot chart a table directly: its chart data
 *      (100% stacked figures: items × segments counts; star ratings and
 *      number bars with empty bins left out: label, count, percent);
 *      then one table per field: option, count, percent, 95% interval
 *      low / high, base — the 無回答 row last.
 * Charts stand to the right of the widest block, from the row under the
 * first header row (the frozen rows) down, one
 * under the other. A percent-bar or donut figure whose items are exactly
 * its table's rows charts the table itself.
 *
 * Chart kinds follow the figure: BARS → bar (LXW_CHART_BAR), DONUT →
 * doughnut, STARS → column, STACKED → 100% stacked bar. Each chart's title
 * is the figure caption.
 *
 * Invariants: rows are written strictly downwards; percents and interval
 * ends are written rounded half up to one decimal (nps_round1), the numbers
 * every other output prints, formatted 0.0.
 *
 * Ownership: the per-sheet plan array is allocated here and freed at
 * cleanup; everything else belongs to the results or the workbook.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "base/alloc.h"
#include "report/xlsx/xlsx_private.h"

#define COL_LABEL 0
#define COL_COUNT 1
#define COL_PCT 2
#define TABLE_COLS 6
#define CHART_TOP 3
#define CHART_WIDTH 760

/* Where a figure's data lies on the sheet. */
typedef struct chart_plan {
    const nps_figure *fig;
    lxw_row_t first, last;   /* data rows (inclusive) */
    lxw_row_t head;          /* header row (series names of stacked charts) */
    lxw_col_t value_col;     /* values of single-series charts */
    bool placed;             /* rows known */
} chart_plan;

static const char *type_text(const nps_question *qu)
{
    switch (qu->type) {
    case NPS_Q_SELECT_ONE: return "単一回答";
    case NPS_Q_SELECT_MULTIPLE: return "複数回答（割合は回答団体数に対する%。合計は100%を超えることがある）";
    case NPS_Q_MATRIX: return "各項目について単一回答";
    case NPS_Q_NUMBER: return "数値回答（区分ごとに集計）";
    case NPS_Q_RATING: return "10段階の星の数";
    case NPS_Q_GROUP: return "項目ごとの回答（数値は区分ごとに集計）";
    default: return "自由記述";
    }
}

static const nps_table *first_table(const nps_tables *t, const nps_question *qu)
{
    for (size_t i = 0; i < qu->n_fields; i++) {
        const nps_table *tb = nps_tables_find(t, qu->number, qu->fields[i]->item_index);
        if (tb)
            return tb;
    }
    return NULL;
}

static void heading(xw_sheet *s, const nps_question *qu, const nps_figure *fig, long base)
{
    char buf[1024];
    if (fig)
        nps_xw_text(s, 0, fig->caption, XW_TITLE);
    else {
        snprintf(buf, sizeof buf, "Q%d %s", qu->number, qu->title);
        nps_xw_text(s, 0, buf, XW_TITLE);
    }
    nps_xw_next_row(s);
    snprintf(buf, sizeof buf, "Q%d. %s", qu->number, qu->label);
    nps_xw_text(s, 0, buf, XW_NOTE);
    nps_xw_next_row(s);
    snprintf(buf, sizeof buf, "回答形式：%s　　n=%ld（回答団体数）", type_text(qu), base);
    nps_xw_text(s, 0, buf, XW_NOTE);
    nps_xw_skip_rows(s, 1);
}

/* ------------------------------------------------------------ chart data */

static bool is_missing_or_none(nps_chart_role role)
{
    return role == NPS_ROLE_MISSING || role == NPS_ROLE_NONE;
}

/* Write a category label as the chart shows it: broken into lines of at
 * most XW_LABEL_MAX_UNITS (nps_xw_label_break). */
static void label_cell(xw_sheet *s, const char *label)
{
    int lines;
    double widest;
    char *broken = nps_xw_label_break(label, XW_LABEL_MAX_UNITS, &lines, &widest);
    if (!broken)
        nps_xw_fail(s->b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (chart label)");
    nps_xw_text(s, 0, broken, XW_TEXT);
    nps_free(broken);
}

/* Lines and widest line of the labels a chart will show (label_cell). */
typedef struct label_fit {
    int lines;
    double widest;
} label_fit;

static void label_measure(xw_book *b, label_fit *fit, const char *label)
{
    int lines;
    double widest;
    char *broken = nps_xw_label_break(label, XW_LABEL_MAX_UNITS, &lines, &widest);
    if (!broken)
        nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (chart label)");
    fit->lines = lines > fit->lines ? lines : fit->lines;
    fit->widest = fmax(fit->widest, widest);
    nps_free(broken);
}

/* 「図N のグラフ用データ」 + `what`, and the number the figure had in last
 * year's report when it had one, so a reader can find it there. */
static void data_caption(char *buf, size_t size, const nps_figure *fig, const char *what)
{
    int n = snprintf(buf, size, "図%d のグラフ用データ%s", fig->number, what);
    if (fig->published > 0 && n > 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, "（前回の報告書の図%d）", fig->published);
}

/* Items × segments counts of a 100% stacked figure. */
static void stacked_block(xw_sheet *s, chart_plan *p)
{
    const nps_chart_stacked *st = &p->fig->chart.stacked;
    char buf[256];
    data_caption(buf, sizeof buf, p->fig, "（回答数。グラフは項目ごとの構成比）");
    nps_xw_text(s, 0, buf, XW_CAPTION);
    nps_xw_next_row(s);
    p->head = s->row;
    nps_xw_text(s, 0, "項目", XW_HEAD);
    for (size_t k = 0; k < st->n_segments; k++)
        nps_xw_text(s, (lxw_col_t)(k + 1), st->segments[k].label, XW_HEAD);
    nps_xw_next_row(s);
    p->first = s->row;
    for (size_t r = 0; r < st->n_rows; r++) {
        label_cell(s, st->rows[r].label);
        for (size_t k = 0; k < st->n_segments; k++)
            nps_xw_int(s, (lxw_col_t)(k + 1), st->rows[r].counts[k]);
        nps_xw_next_row(s);
    }
    p->last = s->row - 1;
    p->placed = st->n_rows > 0;
    nps_xw_skip_rows(s, 1);
}

/* Label, count, percent rows of a bars / donut / stars figure. */
static void item_block(xw_sheet *s, chart_plan *p)
{
    const nps_chart *c = &p->fig->chart;
    char buf[256];
    data_caption(buf, sizeof buf, p->fig, "");
    nps_xw_text(s, 0, buf, XW_CAPTION);
    nps_xw_next_row(s);
    p->head = s->row;
    nps_xw_text(s, 0, c->kind == NPS_CHART_STARS ? "星の数" : "区分", XW_HEAD);
    nps_xw_text(s, 1, "回答数", XW_HEAD);
    nps_xw_text(s, 2, "割合(%)", XW_HEAD);
    nps_xw_next_row(s);
    p->first = s->row;
    if (c->kind == NPS_CHART_STARS) {
        for (int k = 0; k <= 10; k++) {
            long n = k < 10 ? c->stars.counts[k] : c->stars.missing;
            snprintf(buf, sizeof buf, "%d", k + 1);
            nps_xw_text(s, 0, k < 10 ? buf : "無回答", XW_TEXT);
            nps_xw_int(s, 1, n);
            nps_xw_num(s, 2, nps_round1(nps_percent_of(n, c->base)), XW_PCT);
            nps_xw_next_row(s);
        }
    } else {
        for (size_t i = 0; i < c->bars.n_items; i++) {
            label_cell(s, c->bars.items[i].label);
            nps_xw_int(s, 1, c->bars.items[i].count);
            nps_xw_num(s, 2, nps_round1(nps_percent_of(c->bars.items[i].count, c->base)), XW_PCT);
            nps_xw_next_row(s);
        }
    }
    p->last = s->row - 1;
    p->value_col = c->kind == NPS_CHART_BARS ? COL_PCT : COL_COUNT;
    p->placed = p->last >= p->first;
    nps_xw_skip_rows(s, 1);
}

/* A bars or donut figure drawn from exactly the rows of `tb`, whose labels
 * the chart can show on one line (else it has its own data block, with the
 * labels broken into lines). */
static bool charts_table(const nps_figure *fig, const nps_table *tb)
{
    bool ok = tb && tb->item_index == 0 &&
              (fig->chart.kind == NPS_CHART_BARS || fig->chart.kind == NPS_CHART_DONUT) &&
              fig->chart.bars.n_items == tb->n_rows;
    for (size_t i = 0; ok && i < fig->chart.bars.n_items; i++)
        ok = nps_xw_text_width(fig->chart.bars.items[i].label) <= XW_LABEL_MAX_UNITS;
    return ok;
}

/* ---------------------------------------------------------------- tables */

static const char *first_header(const nps_field *f)
{
    return f->type == NPS_F_NUMBER ? "区分" : f->type == NPS_F_RATING ? "星の数" : "選択肢";
}

/* One table; returns the row of its first option. */
static lxw_row_t table_block(xw_sheet *s, const nps_question *qu, const nps_table *tb)
{
    char buf[1024];
    lxw_row_t first;
    if (qu->n_fields > 1) {
        snprintf(buf, sizeof buf, "Q%d-%d　%s", qu->number, tb->item_index, tb->item);
        nps_xw_text(s, 0, buf, XW_BOLD);
        nps_xw_next_row(s);
    }
    nps_xw_text(s, 0, first_header(tb->field), XW_HEAD);
    nps_xw_text(s, 1, "回答数", XW_HEAD);
    nps_xw_text(s, 2, "割合(%)", XW_HEAD);
    nps_xw_text(s, 3, "95%信頼区間 下限(%)", XW_HEAD);
    nps_xw_text(s, 4, "95%信頼区間 上限(%)", XW_HEAD);
    nps_xw_text(s, 5, "n（基数）", XW_HEAD);
    nps_xw_next_row(s);
    first = s->row;
    for (size_t i = 0; i < tb->n_rows; i++) {
        const nps_table_row *row = &tb->rows[i];
        nps_xw_text(s, 0, row->option, XW_TEXT);
        nps_xw_int(s, 1, row->count);
        nps_xw_num(s, 2, nps_round1(row->percent), XW_PCT);
        nps_xw_num(s, 3, nps_round1(row->ci_low), XW_PCT);
        nps_xw_num(s, 4, nps_round1(row->ci_high), XW_PCT);
        nps_xw_int(s, 5, tb->base);
        nps_xw_next_row(s);
    }
    nps_xw_skip_rows(s, 1);
    return first;
}

/* ---------------------------------------------------------------- charts */

static lxw_color_t role_color(nps_chart_role role, lxw_color_t normal)
{
    return role == NPS_ROLE_MISSING ? XW_COLOR_MISSING : role == NPS_ROLE_NONE ? XW_COLOR_NEUTRAL : normal;
}

static void axis_name(lxw_chart_axis *axis, const char *name)
{
    if (axis)
        chart_axis_set_name(axis, name);
}

/* Top-to-bottom categories on a bar chart, value axis kept at the bottom. */
static void bars_top_down(lxw_chart *chart, uint8_t type)
{
    lxw_chart_axis *cat = nps_xw_cat_axis(chart, type);
    chart_axis_set_reverse(cat);
    chart_axis_set_crossing_max(cat);
}

static int bars_chart(xw_book *b, xw_sheet *s, const chart_plan *p, lxw_row_t at, lxw_col_t col)
{
    const nps_chart *c = &p->fig->chart;
    size_t n = p->last - p->first + 1;
    lxw_chart *chart = nps_xw_chart_new(b, LXW_CHART_BAR, p->fig->caption);
    lxw_chart_series *series = nps_xw_series(b, chart, s, p->first, p->last, COL_LABEL, p->value_col, 0, -1);
    lxw_color_t colors[NPS_MAX_OPTIONS + 8];
    char name[64];
    label_fit fit = {1, 0};
    int width, height;
    if (!series)
        return 0;
    for (size_t i = 0; i < c->bars.n_items; i++)
        label_measure(b, &fit, c->bars.items[i].label);
    for (size_t i = 0; i < n && i < sizeof colors / sizeof colors[0]; i++)
        colors[i] = i < c->bars.n_items && c->bars.items[i].role == NPS_ROLE_MISSING ? XW_COLOR_MISSING
                                                                                     : XW_COLOR_CATEGORICAL(0);
    nps_xw_series_point_colors(b, series, colors, n < sizeof colors / sizeof colors[0] ? n : 0);
    nps_xw_series_labels(series, "0.0");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    bars_top_down(chart, LXW_CHART_BAR);
    chart_axis_set_min(nps_xw_val_axis(chart, LXW_CHART_BAR), 0);
    snprintf(name, sizeof name, "割合（%%）　n=%ld", c->base);
    axis_name(nps_xw_val_axis(chart, LXW_CHART_BAR), name);
    chart_set_series_gap(chart, 60);
    nps_xw_bar_fit(chart, LXW_CHART_BAR, fit.widest, fit.lines, n, CHART_WIDTH, 110, &width, &height);
    height = height < 280 ? 280 : height;
    nps_xw_chart_insert(s, chart, at, col, width, height);
    return height;
}

static int donut_chart(xw_book *b, xw_sheet *s, const chart_plan *p, lxw_row_t at, lxw_col_t col)
{
    const nps_chart *c = &p->fig->chart;
    size_t n = p->last - p->first + 1;
    lxw_chart *chart = nps_xw_chart_new(b, LXW_CHART_DOUGHNUT, p->fig->caption);
    lxw_chart_series *series = nps_xw_series(b, chart, s, p->first, p->last, COL_LABEL, COL_COUNT, 0, -1);
    lxw_color_t colors[NPS_MAX_OPTIONS + 8];
    if (!series)
        return 0;
    for (size_t i = 0, k = 0; i < n && i < sizeof colors / sizeof colors[0]; i++) {
        nps_chart_role role = i < c->bars.n_items ? c->bars.items[i].role : NPS_ROLE_OPTION;
        colors[i] = role_color(role, is_missing_or_none(role) ? 0 : XW_COLOR_CATEGORICAL(k++));
    }
    nps_xw_series_point_colors(b, series, colors, n < sizeof colors / sizeof colors[0] ? n : 0);
    nps_xw_series_labels(series, "0.0%");
    chart_series_set_labels_options(series, LXW_FALSE, LXW_FALSE, LXW_FALSE);
    chart_series_set_labels_percentage(series);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_RIGHT);
    chart_set_hole_size(chart, 50);
    nps_xw_chart_insert(s, chart, at, col, 560, 360);
    return 360;
}

static int stars_chart(xw_book *b, xw_sheet *s, const chart_plan *p, lxw_row_t at, lxw_col_t col)
{
    lxw_chart *chart = nps_xw_chart_new(b, LXW_CHART_COLUMN, p->fig->caption);
    lxw_chart_series *series = nps_xw_series(b, chart, s, p->first, p->last, COL_LABEL, COL_COUNT, 0, -1);
    lxw_color_t colors[11];
    char name[64];
    if (!series)
        return 0;
    for (size_t i = 0; i < 11; i++)
        colors[i] = i < 10 ? XW_COLOR_CATEGORICAL(1) : XW_COLOR_MISSING;
    nps_xw_series_point_colors(b, series, colors, p->last - p->first + 1 == 11 ? 11 : 0);
    nps_xw_series_labels(series, "0");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    axis_name(nps_xw_cat_axis(chart, LXW_CHART_COLUMN), "星の数");
    snprintf(name, sizeof name, "団体数　n=%ld", p->fig->chart.base);
    axis_name(nps_xw_val_axis(chart, LXW_CHART_COLUMN), name);
    chart_axis_set_min(nps_xw_val_axis(chart, LXW_CHART_COLUMN), 0);
    nps_xw_chart_insert(s, chart, at, col, CHART_WIDTH, 380);
    return 380;
}

static int stacked_chart(xw_book *b, xw_sheet *s, const chart_plan *p, lxw_row_t at, lxw_col_t col)
{
    const nps_chart_stacked *st = &p->fig->chart.stacked;
    uint8_t type = LXW_CHART_BAR_STACKED_PERCENT;
    lxw_chart *chart = nps_xw_chart_new(b, type, p->fig->caption);
    size_t ordered = 0, k_ordered = 0;
    bool sequential = st->palette == NPS_PALETTE_SEQUENTIAL ||
                      (st->palette == NPS_PALETTE_DEFAULT && st->n_segments > 12);
    char name[64];
    int width, height;
    for (size_t k = 0; k < st->n_segments; k++)
        k_ordered += !is_missing_or_none(st->segments[k].role);
    for (size_t k = 0; k < st->n_segments && !xw_failed(b); k++) {
        nps_chart_role role = st->segments[k].role;
        lxw_chart_series *series = nps_xw_series(b, chart, s, p->first, p->last, COL_LABEL,
                                             (lxw_col_t)(k + 1), p->head, (int)(k + 1));
        lxw_color_t color = st->palette == NPS_PALETTE_CATEGORICAL
                                ? XW_COLOR_CATEGORICAL(ordered)
                                : (lxw_color_t)nps_palette_ordered_hex(ordered, k_ordered, sequential ? NPS_PALETTE_SEQUENTIAL : NPS_PALETTE_DIVERGING);
        if (!is_missing_or_none(role))
            ordered++;
        nps_xw_series_color(series, role_color(role, color));
    }
    if (xw_failed(b) || !chart)
        return 0;
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    bars_top_down(chart, type);
    chart_axis_set_num_format(nps_xw_val_axis(chart, type), "0%");
    snprintf(name, sizeof name, "構成比　n=%ld", p->fig->chart.base);
    axis_name(nps_xw_val_axis(chart, type), name);
    chart_set_series_gap(chart, 50);
    label_fit fit = {1, 0};
    for (size_t r = 0; r < st->n_rows; r++)
        label_measure(b, &fit, st->rows[r].label);
    /* long labels wrap onto two or three lines in the category axis; the
     * legend below takes at least a line per four segments, more when its
     * entries are long (Q22's take a row each: without that room
     * LibreOffice squeezed the bars and dropped every other label) */
    double legend_widest = 0;
    for (size_t k = 0; k < st->n_segments; k++)
        legend_widest = fmax(legend_widest, nps_xw_text_width(st->segments[k].label));
    int legend = XW_LEGEND_ROW_PX * (nps_xw_legend_rows(legend_widest, st->n_segments, CHART_WIDTH + 60) - 1);
    int segments = 18 * (int)(st->n_segments / 4);
    nps_xw_bar_fit(chart, type, fit.widest, fit.lines, st->n_rows, CHART_WIDTH + 60,
                   170 + (legend > segments ? legend : segments), &width, &height);
    height = height < 300 ? 300 : height;
    nps_xw_chart_insert(s, chart, at, col, width, height);
    return height;
}

/* Insert the charts of a sheet one under the other; returns the book's error. */
static nps_error place_charts(xw_book *b, xw_sheet *s, const chart_plan *plans, size_t n, lxw_row_t at)
{
    lxw_col_t col = (lxw_col_t)(s->used_cols + 1);
    for (size_t i = 0; i < n && !xw_failed(b); i++) {
        const chart_plan *p = &plans[i];
        int height = 0;
        if (!p->placed)
            continue;
        switch (p->fig->chart.kind) {
        case NPS_CHART_BARS: height = bars_chart(b, s, p, at, col); break;
        case NPS_CHART_DONUT: height = donut_chart(b, s, p, at, col); break;
        case NPS_CHART_STARS: height = stars_chart(b, s, p, at, col); break;
        case NPS_CHART_STACKED: height = stacked_chart(b, s, p, at, col); break;
        default: break;
        }
        /* every row is XW_ROW_HEIGHT points = 25 px high, at least */
        at += (lxw_row_t)((height + 24) / 25 + 1);
    }
    return b->err;
}

/* ----------------------------------------------------------------- sheets */

static size_t figures_of(const nps_figures *f, int number, const nps_figure **out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < nps_figures_count(f); i++) {
        const nps_figure *fig = nps_figures_at(f, i);
        if (fig->question == number) {
            if (n < cap && out)
                out[n] = fig;
            n++;
        }
    }
    return n;
}

static nps_error question_sheet(xw_book *b, const nps_question *qu, const nps_table *first)
{
    const nps_results *r = b->r;
    size_t n_figs = figures_of(r->figures, qu->number, NULL, 0);
    const nps_figure **figs = NULL;
    chart_plan *plans = NULL;
    char name[32], desc[1024];
    lxw_row_t top;
    xw_sheet s;
    memset(&s, 0, sizeof s);

    figs = nps_calloc(n_figs ? n_figs : 1, sizeof *figs);
    plans = nps_calloc(n_figs ? n_figs : 1, sizeof *plans);
    if (!figs || !plans) {
        nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (Q%d)", qu->number);
        goto cleanup;
    }
    figures_of(r->figures, qu->number, figs, n_figs);
    snprintf(name, sizeof name, "Q%02d", qu->number);
    if (n_figs)
        snprintf(desc, sizeof desc, "%s", figs[0]->caption);
    else
        snprintf(desc, sizeof desc, "Q%d %s", qu->number, qu->title);
    if (nps_xw_sheet_begin(b, &s, name, desc, 0) != NPS_OK)
        goto cleanup;
    heading(&s, qu, n_figs ? figs[0] : NULL, first->base);
    for (size_t i = 0; i < n_figs; i++) {
        plans[i].fig = figs[i];
        if (figs[i]->chart.note) {
            nps_xw_text(&s, 0, figs[i]->chart.note, XW_NOTE);
            nps_xw_next_row(&s);
        }
    }
    /* chart data blocks first, so that each chart stands beside its data */
    for (size_t i = 0; i < n_figs && !xw_failed(b); i++) {
        if (figs[i]->chart.kind == NPS_CHART_STACKED)
            stacked_block(&s, &plans[i]);
        else if (!charts_table(figs[i], first))
            item_block(&s, &plans[i]);
    }
    for (size_t f = 0; f < qu->n_fields && !xw_failed(b); f++) {
        const nps_table *tb = nps_tables_find(r->tables, qu->number, qu->fields[f]->item_index);
        if (!tb)
            continue;
        lxw_row_t row = table_block(&s, qu, tb);
        for (size_t i = 0; i < n_figs; i++) {
            if (!plans[i].placed && charts_table(figs[i], tb)) {
                plans[i].first = row;
                plans[i].last = row + (lxw_row_t)tb->n_rows - 1;
                plans[i].value_col = figs[i]->chart.kind == NPS_CHART_DONUT ? COL_COUNT : COL_PCT;
                plans[i].placed = true;
            }
        }
    }
    top = nps_xw_freeze_head(&s, 0);
    place_charts(b, &s, plans, n_figs, top ? top : CHART_TOP);
cleanup:
    nps_xw_sheet_end(&s);
    nps_free(plans);
    nps_free(figs);
    return b->err;
}

nps_error nps_xw_question_sheets(xw_book *b)
{
    const nps_questionnaire *q = nps_publication_questionnaire(b->r->publication);
    for (size_t i = 0; i < nps_questionnaire_question_count(q) && !xw_failed(b); i++) {
        const nps_question *qu = nps_questionnaire_question_at(q, i);
        const nps_table *first = first_table(b->r->tables, qu);
        if (first)
            question_sheet(b, qu, first);
    }
    return b->err;
}
