/*
 * report_xlsx_chart.c — native Excel charts of the workbook: creating a
 * chart with the figure's caption as its title, series over cell ranges,
 * fonts, colours and placement (docs/workbook.md).
 *
 * Invariants: every chart has at least one series before it is inserted
 * (libxlsxwriter refuses an empty chart); every text of a chart (title,
 * axis numbers and names, legend, data labels) uses XW_FONT; colours follow
 * docs/charts.md (Okabe–Ito for categories, RdYlBu blue→red or viridis for
 * ordered segments, grey 無回答, beige off-scale) so the workbook reads like
 * the PNG figures. In libxlsxwriter a bar chart's x axis is the horizontal
 * VALUE axis and its y axis the vertical category axis; nps_xw_cat_axis and
 * nps_xw_val_axis hide that swap.
 *
 * Ownership: charts, series and their copies of titles belong to the
 * libxlsxwriter workbook; the lxw_chart_font / fill structs passed here are
 * copied by libxlsxwriter and may live on the stack.
 */
#include <math.h>
#include <string.h>
#include "base/alloc.h"
#include "report/xlsx/xlsx_private.h"

static lxw_chart_font chart_font(double size, bool bold)
{
    lxw_chart_font f;
    memset(&f, 0, sizeof f);
    f.name = XW_FONT;
    f.size = size;
    f.bold = bold ? LXW_TRUE : LXW_FALSE;
    f.charset = 128;
    return f;
}

static bool is_bar(uint8_t type)
{
    return type == LXW_CHART_BAR || type == LXW_CHART_BAR_STACKED ||
           type == LXW_CHART_BAR_STACKED_PERCENT;
}

lxw_chart_axis *nps_xw_cat_axis(lxw_chart *chart, uint8_t type)
{
    return is_bar(type) ? chart->y_axis : chart->x_axis;
}

lxw_chart_axis *nps_xw_val_axis(lxw_chart *chart, uint8_t type)
{
    return is_bar(type) ? chart->x_axis : chart->y_axis;
}

lxw_chart *nps_xw_chart_new(xw_book *b, uint8_t type, const char *title)
{
    lxw_chart *chart;
    lxw_chart_font f = chart_font(12, true);
    if (xw_failed(b))
        return NULL;
    chart = workbook_add_chart(b->wb, type);
    if (!chart) {
        nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (chart)");
        return NULL;
    }
    if (title && *title) {
        /* A caption is ours (図N（Qx）…), but make it safe all the same. */
        char *safe = nps_xw_cell_text(title, NULL);
        if (!safe) {
            nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (chart title)");
            return NULL;
        }
        chart_title_set_name(chart, safe);
        nps_free(safe);
        chart_title_set_name_font(chart, &f);
    }
    nps_xw_chart_fonts(chart);
    return chart;
}

void nps_xw_chart_fonts(lxw_chart *chart)
{
    lxw_chart_font f = chart_font(10, false);
    if (chart->x_axis) {
        chart_axis_set_num_font(chart->x_axis, &f);
        chart_axis_set_name_font(chart->x_axis, &f);
    }
    if (chart->y_axis) {
        chart_axis_set_num_font(chart->y_axis, &f);
        chart_axis_set_name_font(chart->y_axis, &f);
    }
    chart_legend_set_font(chart, &f);
}

/* Category labels at 9 pt: a full-width character is about 12 px, so a
 * text_width unit (half a full-width character) 6 px; a line 15 px. Excel
 * and LibreOffice give the category labels of a bar chart about 40 % of its
 * width; LibreOffice 7.4 then skips every other label when they would
 * overlap and cuts a line wider than that area (checked: docs/workbook.md). */
#define LABEL_PX_PER_UNIT 6.0
#define LABEL_SHARE 0.4
#define LABEL_LINE_PX 15

void nps_xw_bar_fit(lxw_chart *chart, uint8_t type, double widest, int lines, size_t n, int min_width,
                    int extra, int *width, int *height)
{
    double label_px = widest * LABEL_PX_PER_UNIT + 12;
    int w = min_width, slot = (lines < 1 ? 1 : lines) * LABEL_LINE_PX + 12;
    lxw_chart_font f = chart_font(9, false);
    lxw_chart_axis *cat = chart ? nps_xw_cat_axis(chart, type) : NULL;
    while (w < XW_CHART_MAX_WIDTH && label_px > LABEL_SHARE * w)
        w += 20;
    *width = w;
    *height = extra + (slot < 30 ? 30 : slot) * (int)n;
    if (cat) {
        chart_axis_set_num_font(cat, &f);
        chart_axis_set_interval_unit(cat, 1);
    }
}

/* A legend at the bottom: LibreOffice sets its entries in columns as wide
 * as the widest entry (10 pt, counted at 8 px a unit to stay on the safe
 * side, plus 24 px of symbol and gap), rows 22 px apart; Q22's entries of up
 * to 90 units take a row each (docs/workbook.md). */
#define LEGEND_PX_PER_UNIT 8.0
#define LEGEND_ENTRY_PAD 24
#define LEGEND_MARGIN 20

int nps_xw_legend_rows(double widest, size_t n, int width)
{
    int entry = (int)(widest * LEGEND_PX_PER_UNIT) + LEGEND_ENTRY_PAD;
    int cols = (width - LEGEND_MARGIN) / entry;
    if (cols < 1)
        cols = 1;
    return (int)((n + (size_t)cols - 1) / (size_t)cols);
}

void nps_xw_chart_insert(xw_sheet *s, lxw_chart *chart, lxw_row_t row, lxw_col_t col, int width_px,
                     int height_px)
{
    lxw_chart_options o;
    if (!s->ws || !chart || xw_failed(s->b))
        return;
    memset(&o, 0, sizeof o);
    o.x_offset = 8;
    o.x_scale = width_px / 480.0;     /* libxlsxwriter's default chart is 480 × 288 */
    o.y_scale = height_px / 288.0;
    o.object_position = LXW_OBJECT_MOVE_DONT_SIZE;
    if (nps_xw_check(s->b, worksheet_insert_chart_opt(s->ws, row, col, chart, &o), "insert chart") == NPS_OK)
        s->b->n_charts++;
}

lxw_chart_series *nps_xw_series(xw_book *b, lxw_chart *chart, const xw_sheet *s, lxw_row_t first,
                            lxw_row_t last, lxw_col_t cat_col, lxw_col_t val_col,
                            lxw_row_t name_row, int name_col)
{
    lxw_chart_series *series;
    if (xw_failed(b) || !chart)
        return NULL;
    series = chart_add_series(chart, NULL, NULL);
    if (!series) {
        nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (chart series)");
        return NULL;
    }
    chart_series_set_categories(series, s->name, first, cat_col, last, cat_col);
    chart_series_set_values(series, s->name, first, val_col, last, val_col);
    if (name_col >= 0)
        chart_series_set_name_range(series, s->name, name_row, (lxw_col_t)name_col);
    return series;
}

void nps_xw_series_labels(lxw_chart_series *series, const char *num_format)
{
    lxw_chart_font f = chart_font(9, false);
    if (!series)
        return;
    chart_series_set_labels(series);
    if (num_format)
        chart_series_set_labels_num_format(series, num_format);
    chart_series_set_labels_font(series, &f);
}

void nps_xw_series_color(lxw_chart_series *series, lxw_color_t color)
{
    lxw_chart_fill fill;
    if (!series)
        return;
    memset(&fill, 0, sizeof fill);
    fill.color = color;
    chart_series_set_fill(series, &fill);
}

nps_error nps_xw_series_point_colors(xw_book *b, lxw_chart_series *series, const lxw_color_t *colors,
                                 size_t n)
{
    lxw_chart_fill *fills = NULL;
    lxw_chart_point *points = NULL;
    lxw_chart_point **list = NULL;
    if (!series || xw_failed(b) || n == 0)
        return b->err;
    fills = nps_calloc(n, sizeof *fills);
    points = nps_calloc(n, sizeof *points);
    list = nps_calloc(n + 1, sizeof *list);
    if (!fills || !points || !list) {
        nps_xw_fail(b, NPS_ERR_NOMEM, "cannot write the workbook: out of memory (chart colours)");
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        fills[i].color = colors[i];
        points[i].fill = &fills[i];
        list[i] = &points[i];
    }
    list[n] = NULL;
    nps_xw_check(b, chart_series_set_points(series, list), "chart point colours");
cleanup:
    nps_free(list);
    nps_free(points);
    nps_free(fills);
    return b->err;
}
