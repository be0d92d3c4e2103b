/*
 * compare_write.c — the comparison of two waves as CSV, text or JSON
 * (compare.h, docs/compare.md).
 *
 * Every percent, change and interval end is printed with one decimal,
 * rounded half away from zero once from its unrounded value (nps_round1;
 * never a difference of rounded percents; -0.0 is printed 0.0). In the CSV
 * the fields of a wave a row is not in, and every panel field of a row
 * that is not in both waves, are empty. No organisation name is ever held,
 * so none can be written.
 */
#include <stdio.h>
#include <string.h>
#include "analyse/compare.h"
#include "analyse/troubles.h"
#include "base/emit.h"
#include "base/format.h"

#define FLOWS_FOOTNOTE                                                                                          \
    "no interval for the flows: each organisation answers every trouble of a category, so a category's "      \
    "answers are clustered within organisations, not independent"

static void put1(FILE *out, double x)
{
    double v = nps_round1(x);
    fprintf(out, "%.1f", v == 0.0 ? 0.0 : v);
}

/* ---------- CSV ---------- */

static void csv_row(const nps_compare *c, const nps_compare_row *r, FILE *out)
{
    bool both = r->status == NPS_WAVE_BOTH;
    fprintf(out, "Q%d,", r->question);
    if (r->item_index)
        fprintf(out, "%d", r->item_index);
    fputc(',', out);
    nps_write_csv_field(out, r->item);
    fputc(',', out);
    if (r->option_index)
        fprintf(out, "%d", r->option_index);
    fputc(',', out);
    nps_write_csv_field(out, r->option);
    fprintf(out, ",%s,", nps_wave_status_name(r->status));
    if (r->status != NPS_WAVE_NEW) {
        fprintf(out, "%ld,%ld,", r->count_old, r->base_old);
        put1(out, r->percent_old);
    } else
        fputs(",,", out);
    fputc(',', out);
    if (r->status != NPS_WAVE_OLD) {
        fprintf(out, "%ld,%ld,", r->count_new, r->base_new);
        put1(out, r->percent_new);
    } else
        fputs(",,", out);
    if (!both) {
        fputs(",,,,,,,,,\n", out);
        return;
    }
    fputc(',', out);
    put1(out, r->change);
    fputc(',', out);
    put1(out, r->change_low);
    fputc(',', out);
    put1(out, r->change_high);
    fprintf(out, ",%zu,%ld,%ld,", nps_compare_panel(c), r->a + r->c, r->a + r->b);
    put1(out, r->panel_change);
    fputc(',', out);
    put1(out, r->panel_low);
    fputc(',', out);
    put1(out, r->panel_high);
    fputc('\n', out);
}

static void write_csv(const nps_compare *c, FILE *out)
{
    fputs("question,item_index,item,option_index,option,status,count_old,base_old,percent_old,count_new,"
          "base_new,percent_new,change,change_low,change_high,panel,panel_old,panel_new,panel_change,"
          "panel_low,panel_high\n", out);
    for (size_t i = 0; i < nps_compare_row_count(c); i++)
        csv_row(c, nps_compare_row_at(c, i), out);
}

/* ---------- the flows side by side ---------- */

/* Category of f named `name`, or (size_t)-1. */
static size_t category_named(const nps_flows *f, const char *name)
{
    for (size_t i = 0; f && i < nps_flows_category_count(f); i++)
        if (strcmp(nps_flows_category_name(f, i), name) == 0)
            return i;
    return (size_t)-1;
}

static void text_flows(const nps_flows *of, const nps_flows *nf, const nps_compare_labels *l, FILE *out)
{
    fprintf(out, "== flows of the troubles: percent of 全回答 (%s → %s, change in points)\n", l->old_label,
            l->new_label);
    for (size_t c = 0; c < nps_flows_category_count(nf); c++) {
        const char *name = nps_flows_category_name(nf, c);
        size_t oc = category_named(of, name);
        fprintf(out, "%s%s\n", name, oc == (size_t)-1 ? "  (only in the new wave)" : "");
        for (int id = 0; id < NPS_FLOW_NODE_COUNT; id++) {
            const nps_flow_node *n = nps_flows_node(nf, c, (nps_flow_node_id)id);
            const nps_flow_node *o = oc == (size_t)-1 ? NULL : nps_flows_node(of, oc, (nps_flow_node_id)id);
            fprintf(out, "  %*s%-24s ", 2 * n->depth, "", n->name);
            if (o) {
                put1(out, o->percent);
                fputs("% → ", out);
            }
            put1(out, n->percent);
            fputc('%', out);
            if (o) {
                fputs("  (", out);
                if (nps_round1(n->percent - o->percent) > 0)
                    fputc('+', out);
                put1(out, n->percent - o->percent);
                fputc(')', out);
            }
            fputc('\n', out);
        }
    }
    for (size_t c = 0; of && c < nps_flows_category_count(of); c++)
        if (category_named(nf, nps_flows_category_name(of, c)) == (size_t)-1)
            fprintf(out, "%s  (only in the old wave)\n", nps_flows_category_name(of, c));
    fprintf(out, "note: %s.\n", FLOWS_FOOTNOTE);
    fputs("(the panel's paired interval and the change's interval are Newcombe's hybrid score intervals: docs/compare.md)\n", out);
}

static void json_flows(const nps_flows *of, const nps_flows *nf, FILE *out)
{
    fputs(",\n  \"flows_note\": ", out);
    nps_write_json_string(out, FLOWS_FOOTNOTE);
    fputs(",\n  \"flows\": [", out);
    for (size_t c = 0; c < nps_flows_category_count(nf); c++) {
        size_t oc = category_named(of, nps_flows_category_name(nf, c));
        fputs(c ? ",\n    {\"category\": " : "\n    {\"category\": ", out);
        nps_write_json_string(out, nps_flows_category_name(nf, c));
        fputs(", \"nodes\": [", out);
        for (int id = 0; id < NPS_FLOW_NODE_COUNT; id++) {
            const nps_flow_node *n = nps_flows_node(nf, c, (nps_flow_node_id)id);
            const nps_flow_node *o = oc == (size_t)-1 ? NULL : nps_flows_node(of, oc, (nps_flow_node_id)id);
            fputs(id ? ", {\"node\": " : "{\"node\": ", out);
            nps_write_json_string(out, n->name);
            fputs(", \"percent_old\": ", out);
            o ? put1(out, o->percent) : (void)fputs("null", out);
            fputs(", \"percent_new\": ", out);
            put1(out, n->percent);
            fputs(", \"change\": ", out);
            o ? put1(out, n->percent - o->percent) : (void)fputs("null", out);
            fputc('}', out);
        }
        fputs("]}", out);
    }
    fputs("\n  ]", out);
}

/* ---------- text ---------- */

static void text_matching(const nps_wave_match *m, FILE *out)
{
    size_t listed = 0;
    fputs("== matching of the questions\n", out);
    for (size_t i = 0; i < nps_wave_match_question_count(m); i++) {
        const nps_wave_question *q = nps_wave_match_question_at(m, i);
        listed += q->status != NPS_WAVE_BOTH || q->by_crosswalk || q->old_q->number != q->new_q->number;
        if (q->status == NPS_WAVE_NEW)
            fprintf(out, "  only new: Q%d %s\n", q->new_q->number, q->new_q->title);
        else if (q->status == NPS_WAVE_OLD)
            fprintf(out, "  only old: Q%d %s\n", q->old_q->number, q->old_q->title);
        else if (q->by_crosswalk || q->old_q->number != q->new_q->number)
            fprintf(out, "  Q%d → Q%d%s\n", q->old_q->number, q->new_q->number,
                    q->by_crosswalk ? " (crosswalk)" : "");
    }
    if (!listed)
        fputs("  every question is in both waves under its own number\n", out);
    fputc('\n', out);
}

static void text_row(const nps_compare_row *r, FILE *out)
{
    fputs("  ", out);
    if (r->status != NPS_WAVE_NEW) {
        put1(out, r->percent_old);
        fputs("% → ", out);
    } else
        fputs("(new)  ", out);
    if (r->status != NPS_WAVE_OLD) {
        put1(out, r->percent_new);
        fputc('%', out);
    } else
        fputs("(dropped)", out);
    if (r->status == NPS_WAVE_BOTH) {
        fputs("  change ", out);
        put1(out, r->change);
        fputs(" [", out);
        put1(out, r->change_low);
        fputs(", ", out);
        put1(out, r->change_high);
        fprintf(out, "]  panel %ld → %ld [", r->a + r->c, r->a + r->b);
        put1(out, r->panel_low);
        fputs(", ", out);
        put1(out, r->panel_high);
        fputc(']', out);
    }
    fprintf(out, "  %s%s\n", r->option, r->by_crosswalk ? " (crosswalk)" : "");
}

static void write_text(const nps_compare *c, const nps_flows *of, const nps_flows *nf,
                       const nps_compare_labels *l, FILE *out)
{
    int last_q = -1, last_item = -1;
    const char *last_label = NULL;
    fprintf(out, "compare %s → %s: %zu organisations in both waves (the panel)\n", l->old_label, l->new_label,
            nps_compare_panel(c));
    fputs("percent of all responses; change in points with its 95% interval (Newcombe); panel: how many of "
          "the panel chose it in each wave, with the paired interval\n\n", out);
    text_matching(nps_compare_match(c), out);
    for (size_t i = 0; i < nps_compare_row_count(c); i++) {
        const nps_compare_row *r = nps_compare_row_at(c, i);
        if (r->question != last_q || r->item_index != last_item || r->item != last_label) {
            fprintf(out, "%sQ%d", i ? "\n" : "", r->question);
            if (r->old_question && r->old_question != r->question)
                fprintf(out, " (%s Q%d)", l->old_label, r->old_question);
            if (r->item_index)
                fprintf(out, "-%d %s", r->item_index, r->item);
            fputc('\n', out);
            last_q = r->question;
            last_item = r->item_index;
        }
        last_label = r->item;
        text_row(r, out);
    }
    fputc('\n', out);
    if (of && nf)
        text_flows(of, nf, l, out);
}

/* ---------- JSON ---------- */

static void json_num(FILE *out, const char *name, double x, bool have)
{
    fprintf(out, ", \"%s\": ", name);
    if (have)
        put1(out, x);
    else
        fputs("null", out);
}

static void json_row(const nps_compare *c, const nps_compare_row *r, FILE *out)
{
    bool both = r->status == NPS_WAVE_BOTH, o = r->status != NPS_WAVE_NEW, n = r->status != NPS_WAVE_OLD;
    fprintf(out, "    {\"question\": \"Q%d\", \"item_index\": ", r->question);
    r->item_index ? (void)fprintf(out, "%d", r->item_index) : (void)fputs("null", out);
    fputs(", \"item\": ", out);
    nps_write_json_string(out, r->item);
    fputs(", \"option_index\": ", out);
    r->option_index ? (void)fprintf(out, "%d", r->option_index) : (void)fputs("null", out);
    fputs(", \"option\": ", out);
    nps_write_json_string(out, r->option);
    fprintf(out, ", \"status\": \"%s\"", nps_wave_status_name(r->status));
    if (o)
        fprintf(out, ", \"count_old\": %ld, \"base_old\": %ld", r->count_old, r->base_old);
    json_num(out, "percent_old", r->percent_old, o);
    if (n)
        fprintf(out, ", \"count_new\": %ld, \"base_new\": %ld", r->count_new, r->base_new);
    json_num(out, "percent_new", r->percent_new, n);
    json_num(out, "change", r->change, both);
    json_num(out, "change_low", r->change_low, both);
    json_num(out, "change_high", r->change_high, both);
    if (both)
        fprintf(out, ", \"panel\": %zu, \"panel_old\": %ld, \"panel_new\": %ld, \"a\": %ld, \"b\": %ld, \"c\": %ld, "
                     "\"d\": %ld", nps_compare_panel(c), r->a + r->c, r->a + r->b, r->a, r->b, r->c, r->d);
    json_num(out, "panel_change", r->panel_change, both);
    json_num(out, "panel_low", r->panel_low, both);
    json_num(out, "panel_high", r->panel_high, both);
    fputc('}', out);
}

static void write_json(const nps_compare *c, const nps_flows *of, const nps_flows *nf,
                       const nps_compare_labels *l, FILE *out)
{
    const nps_wave_match *m = nps_compare_match(c);
    fputs("{\n  \"old\": ", out);
    nps_write_json_string(out, l->old_label);
    fputs(", \"new\": ", out);
    nps_write_json_string(out, l->new_label);
    fprintf(out, ", \"panel\": %zu,\n  \"questions\": [", nps_compare_panel(c));
    for (size_t i = 0; i < nps_wave_match_question_count(m); i++) {
        const nps_wave_question *q = nps_wave_match_question_at(m, i);
        fprintf(out, "%s\n    {\"status\": \"%s\", \"old\": ", i ? "," : "", nps_wave_status_name(q->status));
        q->old_q ? (void)fprintf(out, "\"Q%d\"", q->old_q->number) : (void)fputs("null", out);
        fputs(", \"new\": ", out);
        q->new_q ? (void)fprintf(out, "\"Q%d\"", q->new_q->number) : (void)fputs("null", out);
        fprintf(out, ", \"crosswalk\": %s}", q->by_crosswalk ? "true" : "false");
    }
    fputs("\n  ],\n  \"rows\": [", out);
    for (size_t i = 0; i < nps_compare_row_count(c); i++) {
        fputs(i ? ",\n" : "\n", out);
        json_row(c, nps_compare_row_at(c, i), out);
    }
    fputs("\n  ]", out);
    if (of && nf)
        json_flows(of, nf, out);
    fputs("\n}\n", out);
}

nps_error nps_compare_write(const nps_compare *c, const nps_flows *old_flows, const nps_flows *new_flows,
                            const nps_compare_labels *labels, nps_table_format format, FILE *out)
{
    nps_compare_labels l = {labels && labels->old_label ? labels->old_label : "old",
                            labels && labels->new_label ? labels->new_label : "new"};
    switch (format) {
    case NPS_FORMAT_CSV:
        write_csv(c, out);
        break;
    case NPS_FORMAT_JSON:
        write_json(c, old_flows, new_flows, &l, out);
        break;
    case NPS_FORMAT_TEXT:
        write_text(c, old_flows, new_flows, &l, out);
        break;
    }
    return ferror(out) ? NPS_ERR_IO : NPS_OK;
}
