/*
 * figures.c — see figures.h.
 *
 * Every allocation made for a figure (labels, item arrays, stacked rows,
 * counts) is recorded in `owned` and released by nps_figures_free, so the
 * charts can hold plain pointers. Figures are appended in report order:
 * questions in form order, then the flows (categories, then 全体), the gap
 * chart and the themes.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "base/alloc.h"
#include "base/strbuf.h"
#include "present/figures.h"
#include "present/palette.h"
#include "present/wording.h"

struct nps_figures {
    nps_figure *items;
    size_t n, cap;
    void **owned;
    size_t n_owned, owned_cap;
};

static void *keep(nps_figures *f, void *p)
{
    if (!p)
        return NULL;
    if (nps_grow((void **)&f->owned, &f->owned_cap, f->n_owned + 1,
                 sizeof *f->owned, 256) != NPS_OK) {
        nps_free(p);
        return NULL;
    }
    f->owned[f->n_owned++] = p;
    return p;
}

static void *alloc_kept(nps_figures *f, size_t n, size_t size)
{
    return keep(f, nps_calloc(n ? n : 1, size));
}

static char *format_kept(nps_figures *f, const char *fmt, ...)
{
    va_list ap;
    char buf[1024];
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return keep(f, nps_strdup(buf));
}

static nps_figure *add_figure(nps_figures *f)
{
    if (nps_grow((void **)&f->items, &f->cap, f->n + 1, sizeof *f->items, 64) != NPS_OK)
        return NULL;
    nps_figure *fig = &f->items[f->n++];
    memset(fig, 0, sizeof *fig);
    return fig;
}

/* Name, number and caption of the figure just added: its number is its
 * position (figures are built in report order, so 図N here is 図N in the
 * PDF); `published` is the number it had in last year's report (0: none).
 * `stem` distinguishes several charts of one question. */
static nps_error name_figure(nps_figures *f, nps_figure *fig, int published, const char *stem,
                             const char *title)
{
    fig->number = (int)f->n;
    fig->published = published;
    fig->name = format_kept(f, "fig%02d_%s", fig->number, stem);
    fig->caption = fig->question ? format_kept(f, "図%d（Q%d）%s", fig->number, fig->question, title)
                                 : format_kept(f, "図%d %s", fig->number, title);
    fig->chart.title = fig->caption;
    return fig->name && fig->caption ? NPS_OK : NPS_ERR_NOMEM;
}

static nps_chart_role option_role(const nps_option *o)
{
    return o->role == NPS_OPTION_OTHER ? NPS_ROLE_OTHER
         : o->role == NPS_OPTION_EXCLUSIVE ? NPS_ROLE_NONE : NPS_ROLE_OPTION;
}

static nps_chart_role row_role(const nps_table *tb, const nps_table_row *row)
{
    if (row->option_index == 0)
        return NPS_ROLE_MISSING;
    if (tb->field->list)
        return option_role(&tb->field->list->options[row->option_index - 1]);
    if (tb->field->bins && tb->field->bins->bins[row->option_index - 1].kind != NPS_BIN_INTERVAL)
        return NPS_ROLE_OTHER;
    return NPS_ROLE_OPTION;
}

/* ---------- bars (single/multiple choice, single number fields), donut ---------- */

static nps_error bars_from_table(nps_figures *f, nps_figure *fig, const nps_table *tb, bool drop_empty_bins)
{
    nps_chart_item *items = alloc_kept(f, tb->n_rows, sizeof *items);
    size_t n = 0;
    bool dropped = false;
    if (!items)
        return NPS_ERR_NOMEM;
    for (size_t r = 0; r < tb->n_rows; r++) {
        const nps_table_row *row = &tb->rows[r];
        if (drop_empty_bins && row->option_index && row->count == 0) {
            dropped = true;
            continue;
        }
        items[n++] = (nps_chart_item){row->option, row->count, row_role(tb, row)};
    }
    fig->chart.bars.items = items;
    fig->chart.bars.n_items = n;
    fig->chart.base = tb->base;
    if (dropped)
        fig->chart.note = "回答のなかった区分は省略（表にはすべての区分を掲載）";
    return NPS_OK;
}

/* ---------- unequal bins ---------- */

/* The width of an interval bin, or 0 for a single value, an open end or a
 * word bin (none of which is compared). */
static double bin_width(const nps_bin *b)
{
    if (b->kind != NPS_BIN_INTERVAL || isnan(b->low) || isnan(b->high))
        return 0;
    return b->high - b->low;
}

/* The unit word at the end of a bin label ("6～10人" → "人"): its last
 * character when that is not a digit, else "". */
static const char *unit_suffix(const char *label, char *buf, size_t size)
{
    size_t n = strlen(label), k = n;
    while (k > 0 && ((unsigned char)label[k - 1] & 0xC0) == 0x80)
        k--;
    if (k > 0)
        k--;
    buf[0] = '\0';
    if (n > k && !(label[k] >= '0' && label[k] <= '9') && n - k < size)
        memcpy(buf, label + k, n - k + 1);
    return buf;
}

/* "区分の幅は一定ではない：「1～5人」は5人、「6～10人」～「91～100人」は10人、…
 * 刻み。…" when the interval bins of `bins` differ in width; NULL when they
 * are equal (or on allocation failure, with *err set). Runs of equal width
 * are named by their first and last labels. */
static const char *unequal_bins_note(nps_figures *f, const nps_binset *bins, nps_error *err)
{
    nps_strbuf sb = {0};
    double first = 0;
    bool unequal = false;
    char unit[16];
    for (size_t i = 0; i < bins->n_bins; i++) {
        double w = bin_width(&bins->bins[i]);
        if (w > 0 && first == 0)
            first = w;
        unequal = unequal || (w > 0 && w != first);
    }
    if (!unequal)
        return NULL;
    nps_strbuf_add(&sb, "区分の幅は一定ではない：");
    for (size_t i = 0, end, runs = 0; i < bins->n_bins; i = end) {
        double w = bin_width(&bins->bins[i]);
        end = i + 1;
        if (w <= 0)
            continue;
        while (end < bins->n_bins && bin_width(&bins->bins[end]) == w)
            end++;
        nps_strbuf_addf(&sb, "%s「%s」", runs++ ? "、" : "", bins->bins[i].label);
        if (end - i > 1)
            nps_strbuf_addf(&sb, "～「%s」", bins->bins[end - 1].label);
        nps_strbuf_addf(&sb, "は%g%s", w, unit_suffix(bins->bins[end - 1].label, unit, sizeof unit));
    }
    nps_strbuf_add(&sb, "刻み。幅の広い区分ほど多くの団体が入りやすく、棒の高低は人数の分布の形をそのまま表さない");
    const char *note = keep(f, nps_strbuf_take(&sb));
    if (!note)
        *err = NPS_ERR_NOMEM;
    return note;
}

/* ---------- stacked (matrices, groups of numbers) ---------- */

/* Segments of a stacked chart: the options or bins of `first`'s field that
 * any of the tables uses (all options for lists), then 無回答. */
static nps_error stacked_from_tables(nps_figures *f, nps_figure *fig, const nps_table *const *tables,
                                     size_t n_tables, bool drop_empty)
{
    const nps_table *first = tables[0];
    size_t n_opts = first->n_rows; /* options + 無回答 */
    bool *used = alloc_kept(f, n_opts, sizeof *used);
    size_t *seg_of = alloc_kept(f, n_opts, sizeof *seg_of);
    nps_chart_series *segs = alloc_kept(f, n_opts, sizeof *segs);
    nps_chart_stack_row *rows = alloc_kept(f, n_tables, sizeof *rows);
    size_t n_segs = 0;
    bool dropped = false;
    if (!used || !seg_of || !segs || !rows)
        return NPS_ERR_NOMEM;
    for (size_t o = 0; o < n_opts; o++) {
        used[o] = !drop_empty || first->rows[o].option_index == 0;
        for (size_t t = 0; t < n_tables && !used[o]; t++)
            used[o] = tables[t]->rows[o].count > 0;
        dropped = dropped || !used[o];
        if (used[o]) {
            seg_of[o] = n_segs;
            segs[n_segs++] = (nps_chart_series){first->rows[o].option, row_role(first, &first->rows[o])};
        }
    }
    for (size_t t = 0; t < n_tables; t++) {
        long *counts = alloc_kept(f, n_segs, sizeof *counts);
        if (!counts)
            return NPS_ERR_NOMEM;
        for (size_t o = 0; o < n_opts; o++)
            if (used[o])
                counts[seg_of[o]] = tables[t]->rows[o].count;
        rows[t] = (nps_chart_stack_row){tables[t]->item, counts};
    }
    fig->chart.kind = NPS_CHART_STACKED;
    fig->chart.stacked = (nps_chart_stacked){segs, n_segs, rows, n_tables,
                                             first->field->bins ? NPS_PALETTE_SEQUENTIAL : NPS_PALETTE_DIVERGING,
                                             NULL, 0};
    fig->chart.base = first->base;
    if (dropped)
        fig->chart.note = "回答のなかった区分は省略（表にはすべての区分を掲載）";
    return NPS_OK;
}

/* ---------- respondents only where 無回答 dominates ---------- */

#define RESPONDENTS_ONLY_NOTE "無回答が半数を超えるため、回答した団体に占める割合で示す（無回答の数は表に掲載）"

static nps_error note_respondents_only(nps_figures *f, nps_figure *fig)
{
    fig->chart.note = fig->chart.note ? format_kept(f, "%s。%s", RESPONDENTS_ONLY_NOTE, fig->chart.note)
                                      : RESPONDENTS_ONLY_NOTE;
    return fig->chart.note ? NPS_OK : NPS_ERR_NOMEM;
}

/* Bars, donut: when more than half of the base did not answer, the chart
 * shows the respondents' distribution (無回答 left out, base = those who
 * answered) and says so in its base label and note. */
static nps_error bars_respondents_only(nps_figures *f, nps_figure *fig)
{
    nps_chart_bars *b = &fig->chart.bars;
    nps_chart_item *items = (nps_chart_item *)b->items;
    size_t m = b->n_items;
    long missing = 0;
    for (size_t i = 0; i < b->n_items; i++)
        if (items[i].role == NPS_ROLE_MISSING) {
            missing += items[i].count;
            m = i;
        }
    if (m == b->n_items || missing * 2 <= fig->chart.base || fig->chart.base - missing <= 0)
        return NPS_OK;
    memmove(items + m, items + m + 1, (b->n_items - m - 1) * sizeof *items);
    b->n_items--;
    fig->chart.base -= missing;
    fig->chart.base_label = format_kept(f, "n=%ld（回答した団体。無回答の%ld団体を除く）", fig->chart.base, missing);
    if (!fig->chart.base_label)
        return NPS_ERR_NOMEM;
    return note_respondents_only(f, fig);
}

/* Stacked rows: the same when 無回答 is more than half of all the rows'
 * answers; each row is then 100% of its own respondents. */
static nps_error stacked_respondents_only(nps_figures *f, nps_figure *fig)
{
    nps_chart_stacked *st = &fig->chart.stacked;
    long missing = 0, total = 0;
    size_t last = st->n_segments - 1;
    if (st->n_segments < 2 || st->segments[last].role != NPS_ROLE_MISSING)
        return NPS_OK;
    for (size_t r = 0; r < st->n_rows; r++)
        for (size_t k = 0; k < st->n_segments; k++) {
            total += st->rows[r].counts[k];
            missing += k == last ? st->rows[r].counts[k] : 0;
        }
    if (missing * 2 <= total || total - missing <= 0)
        return NPS_OK;
    st->n_segments--; /* the counts arrays keep their last entry, unread */
    fig->chart.base_label = "回答した団体のみ（無回答を除く。行ごとに回答団体＝100%）";
    return note_respondents_only(f, fig);
}

/* ---------- per question ---------- */

/* One chart of question `qu` over `tables`: part `part` of `parts`; a part
 * of several is titled after `subject` (NULL: its first table's item).
 * `number`: its 図 number, 0 for the next free one. */
static nps_error question_figure(nps_figures *f, const nps_question *qu, const nps_table *const *tables,
                                 size_t n_tables, int part, int parts, const char *subject, int number)
{
    nps_figure *fig = add_figure(f);
    const nps_table *tb = tables[0];
    const nps_field *field = tb->field;
    char stem[32];
    nps_error err;
    if (!fig)
        return NPS_ERR_NOMEM;
    fig->question = qu->number;
    fig->kind = NPS_FIGURE_QUESTION;
    fig->index = (size_t)(part - 1);
    fig->item = field->item_index;
    if (qu->type == NPS_Q_MATRIX || (qu->type == NPS_Q_GROUP && field->type == NPS_F_NUMBER)) {
        err = stacked_from_tables(f, fig, tables, n_tables, field->type == NPS_F_NUMBER);
    } else if (field->type == NPS_F_RATING) {
        fig->chart.kind = NPS_CHART_STARS;
        for (size_t r = 0; r < tb->n_rows; r++) {
            if (tb->rows[r].option_index >= 1 && tb->rows[r].option_index <= 10)
                fig->chart.stars.counts[tb->rows[r].option_index - 1] = tb->rows[r].count;
            else
                fig->chart.stars.missing = tb->rows[r].count;
        }
        fig->chart.base = tb->base;
        err = NPS_OK;
    } else {
        fig->chart.kind = strcmp(qu->chart, "donut") == 0 ? NPS_CHART_DONUT : NPS_CHART_BARS;
        err = bars_from_table(f, fig, tb, field->type == NPS_F_NUMBER);
    }
    if (err == NPS_OK && (fig->chart.kind == NPS_CHART_BARS || fig->chart.kind == NPS_CHART_DONUT))
        err = bars_respondents_only(f, fig);
    else if (err == NPS_OK && fig->chart.kind == NPS_CHART_STACKED)
        err = stacked_respondents_only(f, fig);
    if (err != NPS_OK)
        return err;
    if (field->type == NPS_F_SELECT_MULTIPLE && !strstr(qu->title, "複数回答"))
        fig->chart.subtitle = "複数回答";
    if (parts > 1)
        snprintf(stem, sizeof stem, "q%02d_%d", qu->number, part);
    else
        snprintf(stem, sizeof stem, "q%02d", qu->number);
    const char *title = qu->title;
    if (parts > 1 && !(title = format_kept(f, "%s（%s）", qu->title, subject ? subject : tb->item)))
        return NPS_ERR_NOMEM;
    /* bars over bins of unequal width: said in the caption and on the chart */
    if (fig->chart.kind == NPS_CHART_BARS && field->type == NPS_F_NUMBER && field->bins) {
        const char *note = unequal_bins_note(f, field->bins, &err);
        if (err != NPS_OK)
            return err;
        if (note) {
            fig->chart.note = fig->chart.note ? format_kept(f, "%s。%s", note, fig->chart.note) : note;
            if (!fig->chart.note || !(title = format_kept(f, "%s（区分の幅は不均等）", title)))
                return NPS_ERR_NOMEM;
        }
    }
    return name_figure(f, fig, number, stem, title);
}

size_t nps_figures_table_runs(const nps_question *qu, const nps_table *const *tables, size_t n,
                              size_t *ends)
{
    size_t runs = 0;
    for (size_t i = 0, end; i < n; i = end) {
        end = i + 1;
        if (qu->type == NPS_Q_MATRIX)
            end = n;
        else if (qu->type == NPS_Q_GROUP && tables[i]->field->type == NPS_F_NUMBER)
            while (end < n && tables[end]->field->bins == tables[i]->field->bins)
                end++;
        ends[runs++] = end;
    }
    return runs;
}

/* Is item `item` one of category c's rows? */
static bool in_category(const nps_category *c, int item)
{
    for (size_t k = 0; k < c->n_troubles; k++)
        if (c->rows[k] == item)
            return true;
    return false;
}

static bool in_any_category(const nps_questionnaire *q, int item)
{
    for (size_t c = 0; c < nps_questionnaire_category_count(q); c++)
        if (in_category(nps_questionnaire_category_at(q, c), item))
            return true;
    return false;
}

/* The troubles matrix (Q22: 33 rows) as one chart per trouble category, so
 * each fits a page at the report's natural scale and prints at 7 pt or
 * more; rows in troubles.csv's order; rows of no category (the question's own その他) join the last
 * category's chart. Same segments and palette in every part; each part is
 * a figure with its own number, and all carry the question's number of
 * last year (one figure then) as `published`. */
static nps_error category_figures(nps_figures *f, const nps_questionnaire *q, const nps_question *qu,
                                  const nps_table *const *tables, size_t n)
{
    size_t n_cat = nps_questionnaire_category_count(q);
    nps_error err = NPS_OK;
    const nps_table **part = alloc_kept(f, n, sizeof *part); /* reused: charts copy their rows */
    if (!part)
        return NPS_ERR_NOMEM;
    for (size_t c = 0; c < n_cat && err == NPS_OK; c++) {
        const nps_category *cat = nps_questionnaire_category_at(q, c);
        size_t m = 0;
        for (size_t k = 0; k < cat->n_troubles; k++) /* in the category's order */
            for (size_t i = 0; i < n; i++)
                if (tables[i]->field->item_index == cat->rows[k])
                    part[m++] = tables[i];
        for (size_t i = 0; i < n && c + 1 == n_cat; i++)
            if (!in_any_category(q, tables[i]->field->item_index))
                part[m++] = tables[i];
        if (m > 0)
            err = question_figure(f, qu, part, m, (int)c + 1, (int)n_cat, cat->name, qu->figure);
    }
    return err;
}

/* The closed tables of a question, split into runs that can share a chart
 * (same field type and same list / bin set); the troubles matrix by
 * category. */
static nps_error question_figures(nps_figures *f, const nps_questionnaire *q, const nps_tables *t,
                                  const nps_question *qu)
{
    const nps_table *tables[256];
    size_t n = 0;
    if (strcmp(qu->chart, "none") == 0)
        return NPS_OK;
    for (size_t i = 0; i < qu->n_fields && n < 256; i++) {
        const nps_table *tb = nps_tables_find(t, qu->number, qu->fields[i]->item_index);
        if (tb)
            tables[n++] = tb;
    }
    if (n == 0)
        return NPS_OK;
    if (qu->type == NPS_Q_MATRIX && qu->number == nps_questionnaire_troubles_question(q) &&
        nps_questionnaire_category_count(q) > 1)
        return category_figures(f, q, qu, tables, n);
    size_t ends[256], runs = nps_figures_table_runs(qu, tables, n, ends);
    for (size_t r = 0, i = 0; r < runs; i = ends[r++]) {
        nps_error err = question_figure(f, qu, tables + i, ends[r] - i, (int)r + 1, (int)runs, NULL,
                                        r == 0 ? qu->figure : 0);
        if (err != NPS_OK)
            return err;
    }
    return NPS_OK;
}

/* ---------- analysis figures ---------- */

static nps_error flow_figure(nps_figures *f, const nps_flows *fl, size_t c)
{
    nps_figure *fig = add_figure(f);
    nps_chart_node *nodes = alloc_kept(f, NPS_FLOW_NODE_COUNT, sizeof *nodes);
    size_t last = nps_flows_category_count(fl) - 1;
    char stem[32];
    if (!fig || !nodes)
        return NPS_ERR_NOMEM;
    for (int id = 0; id < NPS_FLOW_NODE_COUNT; id++) {
        const nps_flow_node *node = nps_flows_node(fl, c, (nps_flow_node_id)id);
        nodes[id] = (nps_chart_node){node->name, node->count, node->parent,
                                     id == NPS_FLOW_NO_ANSWER ? NPS_ROLE_MISSING : NPS_ROLE_OPTION};
    }
    fig->kind = c == last ? NPS_FIGURE_FLOW_ALL : NPS_FIGURE_FLOW;
    fig->index = c;
    fig->chart.kind = NPS_CHART_SANKEY;
    fig->chart.sankey = (nps_chart_sankey){nodes, NPS_FLOW_NODE_COUNT};
    fig->chart.base = nps_flows_node(fl, c, NPS_FLOW_ALL)->count;
    fig->chart.base_label = format_kept(f, "n=%ld（%zu団体×%zu項目の回答）", fig->chart.base,
                                        nps_flows_org_count(fl), nps_flows_category_trouble_count(fl, c));
    if (c == last)
        snprintf(stem, sizeof stem, "flow_all");
    else
        snprintf(stem, sizeof stem, "flow_%zu", c + 1);
    const char *title = c == last
        ? format_kept(f, "困りごとへの対応状況のフロー（全%zu項目）", nps_flows_category_trouble_count(fl, c))
        : format_kept(f, "困りごとへの対応状況のフロー：%s", nps_flows_category_name(fl, c));
    if (!title || !fig->chart.base_label)
        return NPS_ERR_NOMEM;
    return name_figure(f, fig, 0, stem, title);
}

/* "人数＝スタッフ（Q13①～⑤）＋利用者（Q16）。朱色の輪：…" from the gap settings. */
static const char *gap_note(nps_figures *f, const nps_questionnaire *q)
{
    const nps_settings *set = nps_questionnaire_settings(q);
    nps_strbuf sb = {0};
    nps_strbuf_add(&sb, "人数＝");
    if (nps_questionnaire_question(q, set->gap_staff_question)) {
        nps_strbuf_add(&sb, "スタッフ（");
        nps_wording_question_items(&sb, q, set->gap_staff_question, &set->gap_staff_items);
        nps_strbuf_add(&sb, "）");
    }
    if (nps_questionnaire_question(q, set->gap_users_question))
        nps_strbuf_addf(&sb, "%s利用者（Q%d）", set->gap_staff_question ? "＋" : "", set->gap_users_question);
    nps_strbuf_addf(&sb, "。%sの輪：担い手の団体が少なく1団体あたりの人数が多い事業、"
                         "%sの輪：多くの団体が少ない人数を分け合う事業（判定基準は本文を参照）",
                    nps_palette_categorical_name(NPS_PALETTE_GAP_HIGH),
                    nps_palette_categorical_name(NPS_PALETTE_GAP_LOW));
    return keep(f, nps_strbuf_take(&sb));
}

static nps_error gap_figure(nps_figures *f, const nps_gap *g, const nps_questionnaire *q, long base)
{
    nps_figure *fig = add_figure(f);
    nps_chart_point *points = alloc_kept(f, nps_gap_count(g), sizeof *points);
    size_t n = 0;
    double lo = INFINITY, hi = 0;
    if (!fig || !points)
        return NPS_ERR_NOMEM;
    for (size_t i = 0; i < nps_gap_count(g); i++) {
        const nps_gap_business *b = nps_gap_at(g, i);
        if (b->organisations == 0 || b->people_per_org <= 0)
            continue;
        /* Only the marked businesses are named on the plot: fifty names would
         * bury the finding; the report's table lists every business. */
        const char *label = b->mark == NPS_GAP_MARK_NONE ? ""
                          : b->other ? b->label : format_kept(f, "Q%d %s", b->question, b->label);
        if (!label)
            return NPS_ERR_NOMEM;
        points[n++] = (nps_chart_point){label, (double)b->organisations, b->people_per_org,
                                        b->mark == NPS_GAP_MARK_HIGH ? NPS_GAP_HIGH
                                        : b->mark == NPS_GAP_MARK_LOW ? NPS_GAP_LOW : NPS_GAP_NONE};
        lo = fmin(lo, b->people_per_org);
        hi = fmax(hi, b->people_per_org);
    }
    fig->chart.kind = NPS_CHART_GAP;
    fig->chart.gap = (nps_chart_gap){points, n, NULL, NULL, NULL, NULL, n > 0 && hi / lo > 20.0};
    fig->chart.base = base;
    if (!(fig->chart.note = gap_note(f, q)))
        return NPS_ERR_NOMEM;
    fig->kind = NPS_FIGURE_GAP;
    return name_figure(f, fig, 0, "gap", "事業ごとの団体数と1団体あたりの関わる人数（スクランブル人口）");
}

/* "n=63（Q38・Q39に記入した団体）" with the theme questions of the settings. */
static const char *themes_base_label(nps_figures *f, const nps_questionnaire *q, long n)
{
    nps_strbuf sb = {0};
    nps_strbuf_addf(&sb, "n=%ld（", n);
    nps_wording_questions(&sb, &nps_questionnaire_settings(q)->theme_questions);
    nps_strbuf_add(&sb, "に記入した団体）");
    return keep(f, nps_strbuf_take(&sb));
}

static nps_error themes_figure(nps_figures *f, const nps_themes *th, const nps_questionnaire *q)
{
    nps_figure *fig = add_figure(f);
    size_t n = nps_themes_count(th);
    nps_chart_item *items = alloc_kept(f, n, sizeof *items);
    if (!fig || !items)
        return NPS_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        items[i] = (nps_chart_item){nps_themes_name(th, i), nps_themes_org_count(th, i), NPS_ROLE_OPTION};
    fig->chart.kind = NPS_CHART_THEMES;
    fig->chart.bars = (nps_chart_bars){items, n, NPS_VALUES_COUNT, 0, "団体"};
    fig->chart.base = nps_themes_respondents(th);
    fig->chart.base_label = themes_base_label(f, q, nps_themes_respondents(th));
    fig->chart.note = "1つの回答が複数の課題に当てはまる場合はそれぞれに数える";
    if (!fig->chart.base_label)
        return NPS_ERR_NOMEM;
    fig->kind = NPS_FIGURE_THEMES;
    const char *title = nps_questionnaire_settings(q)->themes_title;
    return name_figure(f, fig, 0, "themes", title && title[0] ? title : NPS_THEMES_DEFAULT_TITLE);
}

/* ---------- building ---------- */

/* The option list or bin set a question figure's rows are answered on. */
static const void *figure_scale(const nps_questionnaire *q, const nps_figure *fig)
{
    const nps_field *field;
    if (fig->kind != NPS_FIGURE_QUESTION || fig->chart.kind != NPS_CHART_STACKED)
        return NULL;
    field = nps_questionnaire_field(q, fig->question, fig->item);
    if (!field)
        return NULL;
    return field->list ? (const void *)field->list : (const void *)field->bins;
}

/* One label column per group: every stacked chart over the same list or
 * bin set (Q22's parts; Q13, Q15, Q18, Q20; Q14, Q17, Q19; Q24, Q25) gets
 * the row labels of all of them, so their bars start at one x and share
 * one width and one 0–100% scale (docs/charts.md, "Groups"). */
static nps_error share_label_columns(nps_figures *f, const nps_questionnaire *q)
{
    for (size_t i = 0; i < f->n; i++) {
        const void *key = figure_scale(q, &f->items[i]);
        size_t n = 0, k = 0;
        const char **labels;
        if (!key || f->items[i].chart.stacked.group_labels)
            continue;
        for (size_t j = i; j < f->n; j++)
            if (figure_scale(q, &f->items[j]) == key)
                n += f->items[j].chart.stacked.n_rows;
        if (!(labels = alloc_kept(f, n ? n : 1, sizeof *labels)))
            return NPS_ERR_NOMEM;
        for (size_t j = i; j < f->n; j++)
            if (figure_scale(q, &f->items[j]) == key)
                for (size_t r = 0; r < f->items[j].chart.stacked.n_rows; r++)
                    labels[k++] = f->items[j].chart.stacked.rows[r].label;
        for (size_t j = i; j < f->n; j++) {
            if (figure_scale(q, &f->items[j]) != key)
                continue;
            f->items[j].chart.stacked.group_labels = labels;
            f->items[j].chart.stacked.n_group_labels = n;
        }
    }
    return NPS_OK;
}

nps_error nps_figures_build(const nps_figure_sources *src, nps_figures **out)
{
    const nps_questionnaire *q = nps_dataset_questionnaire(src->dataset);
    nps_figures *f = nps_calloc(1, sizeof *f);
    nps_error err = NPS_OK;
    *out = NULL;
    if (!f)
        return NPS_ERR_NOMEM;
    for (size_t i = 0; i < nps_questionnaire_question_count(q) && err == NPS_OK; i++)
        err = question_figures(f, q, src->tables, nps_questionnaire_question_at(q, i));
    for (size_t c = 0; src->flows && c < nps_flows_category_count(src->flows) && err == NPS_OK; c++)
        err = flow_figure(f, src->flows, c);
    if (err == NPS_OK && src->gap)
        err = gap_figure(f, src->gap, q, (long)nps_dataset_count(src->dataset));
    if (err == NPS_OK && src->themes)
        err = themes_figure(f, src->themes, q);
    if (err == NPS_OK)
        err = share_label_columns(f, q);
    if (err != NPS_OK) {
        nps_figures_free(f);
        return err;
    }
    *out = f;
    return NPS_OK;
}

void nps_figures_free(nps_figures *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n_owned; i++)
        nps_free(f->owned[i]);
    nps_free(f->owned);
    nps_free(f->items);
    nps_free(f);
}

size_t nps_figures_count(const nps_figures *f) { return f->n; }

const nps_figure *nps_figures_at(const nps_figures *f, size_t i)
{
    return i < f->n ? &f->items[i] : NULL;
}

const nps_figure *nps_figures_of_question(const nps_figures *f, int number)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->items[i].question == number)
            return &f->items[i];
    return NULL;
}

const nps_figure *nps_figures_find(const nps_figures *f, nps_figure_kind kind, int question,
                                   size_t index)
{
    for (size_t i = 0; f && i < f->n; i++) {
        const nps_figure *fig = &f->items[i];
        if (fig->kind != kind)
            continue;
        if (kind == NPS_FIGURE_QUESTION && (fig->question != question || fig->index != index))
            continue;
        if (kind == NPS_FIGURE_FLOW && fig->index != index)
            continue;
        return fig;
    }
    return NULL;
}
