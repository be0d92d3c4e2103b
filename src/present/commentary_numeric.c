/*
 * commentary_numeric.c — commentary of numeric fields over their bins
 * (docs/commentary.md, "Numeric questions"): one field names its modal bin
 * with the number of organisations (「11～20人」が13団体と最も多いが、
 * 「101～200人」も9団体ある。); a group question names the modal bin of
 * each item, items with the same modal bin(s) together
 * (①②③⑤では「1～5人」、④では「0人」が最も多い。).
 *
 * Only interval bins can be named. 無回答 and the bins that are not numbers
 * of the unit (その他, 不明) are excluded and mentioned only where one of
 * them reaches the smallest count the sentence names.
 *
 * Invariants: counts are organisations (one row per organisation); a
 * group's items are its number fields in questionnaire order and every
 * item appears in exactly one clause of the sentence.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "base/alloc.h"
#include "present/commentary_internal.h"

/* The bins of t as items: interval bins in `bins`, the rest (無回答 first,
 * then その他 / 不明 bins) in `ex`; both arrays have room for t->n_rows. */
static void split_bins(const nps_table *t, nps_cm_item *bins, size_t *n_bins,
                       nps_cm_item *ex, size_t *n_ex)
{
    const nps_binset *set = t->field->bins;
    *n_bins = 0;
    *n_ex = 1;
    ex[0] = (nps_cm_item){"無回答", strlen("無回答"), 0, true};
    for (size_t i = 0; i < t->n_rows; i++) {
        const nps_table_row *row = &t->rows[i];
        if (row->option_index == 0) {
            ex[0].count = row->count;
            continue;
        }
        nps_cm_item it = {row->option, strlen(row->option), row->count, false};
        bool interval = !set || (size_t)row->option_index > set->n_bins ||
                        set->bins[row->option_index - 1].kind == NPS_BIN_INTERVAL;
        if (interval)
            bins[(*n_bins)++] = it;
        else
            ex[(*n_ex)++] = it;
    }
}

/* 「A」が / 「A」と「B」が共に */
static void subject(nps_strbuf *sb, const nps_cm_item *const *g, size_t n)
{
    nps_cm_sb_items(sb, g, n, 3);
    nps_strbuf_add(sb, n > 1 ? "が共に" : "が");
}

/* No interval bin answered: 「その他」が7団体で、数値の回答はなかった。 */
static void no_numbers(nps_strbuf *sb, const nps_cm_item *ex, size_t n_ex)
{
    size_t k = 0;
    for (size_t i = 1; i < n_ex; i++) {
        if (ex[i].count <= 0)
            continue;
        if (k++ > 0)
            nps_strbuf_add(sb, "、");
        nps_cm_sb_quote(sb, ex[i].label, ex[i].len);
        nps_strbuf_addf(sb, "が%ld団体", ex[i].count);
    }
    nps_strbuf_add(sb, k ? "で、数値の回答はなかった。" : "回答した団体はなかった。");
}

static void modal_sentence(nps_strbuf *sb, const nps_cm_item *const *top, size_t n1,
                           const nps_cm_item *const *next, size_t n2, long c1, long c2,
                           size_t answered_bins)
{
    if (n2 == 0 && n1 == 1 && answered_bins == 1) {
        nps_strbuf_add(sb, "回答があったのは");
        nps_cm_sb_items(sb, top, 1, 0);
        nps_strbuf_addf(sb, "のみで、%ld団体となっている。", c1);
        return;
    }
    subject(sb, top, n1);
    if (n2 == 0) {
        nps_strbuf_addf(sb, "%ld団体と最も多い。", c1);
        return;
    }
    nps_strbuf_addf(sb, "%ld団体と最も多いが、", c1);
    nps_cm_sb_items(sb, next, n2, 3);
    nps_strbuf_addf(sb, "も%s%ld団体ある。", n2 > 1 ? "それぞれ" : "", c2);
}

/* The width of the interval bin labelled s[0..n) of t, 0 when it is a
 * single value, open-ended or not found. */
static double bin_width(const nps_table *t, const char *s, size_t n)
{
    const nps_binset *bs = t->field ? t->field->bins : NULL;
    for (size_t i = 0; bs && i < bs->n_bins; i++) {
        const nps_bin *b = &bs->bins[i];
        if (strlen(b->label) == n && memcmp(b->label, s, n) == 0)
            return b->kind == NPS_BIN_INTERVAL && !isnan(b->low) && !isnan(b->high) ? b->high - b->low : 0;
    }
    return 0;
}

/* The unit at the end of a bin label (「101～200人」 → 人), or "". */
static size_t unit_of(const char *s, size_t n)
{
    size_t k = n;
    while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
        k--;
    if (k > 0)
        k--;
    return (k < n && !(s[k] >= '0' && s[k] <= '9')) ? k : n;
}

/* When the bins the sentence names differ in width (Q16: 「11～20人」 10人,
 * 「101～200人」 100人), say so, so that a wide bin is not read as a peak
 * (docs/commentary.md §5). */
static void width_note(nps_strbuf *sb, const nps_table *t, const nps_cm_item *const *named, size_t n)
{
    double w0 = n ? bin_width(t, named[0]->label, named[0]->len) : 0;
    bool differ = false;
    for (size_t i = 1; i < n; i++) {
        double w = bin_width(t, named[i]->label, named[i]->len);
        differ = differ || (w > 0 && w0 > 0 && w != w0);
    }
    if (!differ)
        return;
    nps_strbuf_add(sb, "ただし区分の幅は一定ではなく、");
    for (size_t i = 0; i < n; i++) {
        size_t u = unit_of(named[i]->label, named[i]->len);
        double w = bin_width(t, named[i]->label, named[i]->len);
        if (w <= 0)
            continue;
        nps_strbuf_add(sb, i ? "、" : "");
        nps_cm_sb_quote(sb, named[i]->label, named[i]->len);
        nps_strbuf_addf(sb, "は%g%.*s", w, (int)(named[i]->len - u), named[i]->label + u);
    }
    nps_strbuf_add(sb, "の幅の区分であるため、団体数の多少は分布の形をそのまま表さない。");
}

nps_error nps_cm_numeric(nps_strbuf *sb, const nps_table *t)
{
    nps_error err = NPS_OK;
    size_t n_bins, n_ex;
    nps_cm_item *bins = nps_calloc(t->n_rows, sizeof *bins);
    nps_cm_item *ex = nps_calloc(t->n_rows + 1, sizeof *ex);
    const nps_cm_item **top = nps_calloc(t->n_rows, sizeof *top);
    const nps_cm_item **next = nps_calloc(t->n_rows, sizeof *next);
    if (!bins || !ex || !top || !next) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    split_bins(t, bins, &n_bins, ex, &n_ex);
    long c1 = nps_cm_max_below(bins, n_bins, LONG_MAX);
    if (c1 == 0) {
        no_numbers(sb, ex, n_ex);
        goto cleanup;
    }
    long c2 = nps_cm_max_below(bins, n_bins, c1);
    if (3 * c2 < 2 * c1)
        c2 = 0; /* the runner-up is named only at ≥ 2/3 of the mode */
    size_t n1 = nps_cm_collect(bins, n_bins, c1, top);
    size_t n2 = c2 ? nps_cm_collect(bins, n_bins, c2, next) : 0;
    size_t answered = 0;
    for (size_t i = 0; i < n_bins; i++)
        answered += bins[i].count > 0;
    nps_cm_sb_excluding(sb, ex, n_ex, c2 ? c2 : c1);
    modal_sentence(sb, top, n1, next, n2, c1, c2, answered);
    if (n2 > 0) {
        const nps_cm_item *named[2] = {top[0], next[0]};
        width_note(sb, t, named, 2);
    }

cleanup:
    nps_free(bins);
    nps_free(ex);
    nps_free(top);
    nps_free(next);
    return err;
}

/* ---- group questions ------------------------------------------------------ */

typedef struct group_item {
    size_t field;        /* index in qu->fields */
    long modal;          /* 0: no interval bin answered */
    char *bins;          /* 「1～5人」 or 「A」と「B」, owned */
    size_t group;        /* index of the first item with the same bins */
} group_item;

/* True when every item's label starts with a circled number ①–⑳
 * (U+2460–U+2473), so the items can be named by it alone. */
static bool circled_labels(const nps_question *qu, const group_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const unsigned char *l = (const unsigned char *)qu->fields[items[i].field]->label;
        if (!(l[0] == 0xE2 && l[1] == 0x91 && l[2] >= 0xA0 && l[2] <= 0xB3))
            return false;
    }
    return n > 0;
}

/* The items of group g (or, with g == SIZE_MAX, the unanswered ones):
 * ①②③⑤ or 「A」、「B」と「C」. */
static nps_error item_names(nps_strbuf *sb, const nps_question *qu, const group_item *items,
                            size_t n, size_t g, bool circled)
{
    nps_cm_item *names = nps_calloc(n, sizeof *names);
    const nps_cm_item **ptrs = nps_calloc(n, sizeof *ptrs);
    size_t k = 0;
    nps_error err = NPS_OK;
    if (!names || !ptrs) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        bool member = g == SIZE_MAX ? items[i].modal == 0 : (items[i].modal > 0 && items[i].group == g);
        if (!member)
            continue;
        if (circled) {
            nps_strbuf_addn(sb, qu->fields[items[i].field]->label, 3);
            continue;
        }
        nps_cm_field_label(qu, items[i].field, &names[k].label, &names[k].len);
        ptrs[k] = &names[k];
        k++;
    }
    if (!circled)
        nps_cm_sb_items(sb, ptrs, k, 0);

cleanup:
    nps_free(names);
    nps_free(ptrs);
    return err;
}

/* One item's modal bins as text; marks in need[] the excluded answers that
 * reach the modal count (need[0] 無回答, need[1 + k] other bin k). */
static nps_error summarise_item(const nps_table *t, group_item *gi, nps_cm_item *ex_all,
                                size_t *n_ex_all)
{
    nps_error err = NPS_OK;
    size_t n_bins, n_ex;
    nps_strbuf phrase = {0};
    nps_cm_item *bins = nps_calloc(t->n_rows, sizeof *bins);
    nps_cm_item *ex = nps_calloc(t->n_rows + 1, sizeof *ex);
    const nps_cm_item **top = nps_calloc(t->n_rows, sizeof *top);
    if (!bins || !ex || !top) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    split_bins(t, bins, &n_bins, ex, &n_ex);
    gi->modal = nps_cm_max_below(bins, n_bins, LONG_MAX);
    if (gi->modal == 0)
        goto cleanup;
    size_t n1 = nps_cm_collect(bins, n_bins, gi->modal, top);
    nps_cm_sb_items(&phrase, top, n1, 3);
    if (!(gi->bins = nps_strbuf_take(&phrase))) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < n_ex; i++) {
        if (ex[i].count < gi->modal)
            continue;
        size_t k = 0; /* merge by label: 無回答 once, each その他 / 不明 once */
        while (k < *n_ex_all && !(ex_all[k].len == ex[i].len &&
                                  memcmp(ex_all[k].label, ex[i].label, ex[i].len) == 0))
            k++;
        if (k == *n_ex_all)
            ex_all[(*n_ex_all)++] = (nps_cm_item){ex[i].label, ex[i].len, 1, ex[i].bare};
    }

cleanup:
    nps_strbuf_free(&phrase);
    nps_free(bins);
    nps_free(ex);
    nps_free(top);
    return err;
}

/* Items with equal bins phrases share the group of the first of them. */
static void assign_groups(group_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        items[i].group = i;
        for (size_t j = 0; j < i && items[i].modal > 0; j++) {
            if (items[j].modal > 0 && strcmp(items[j].bins, items[i].bins) == 0) {
                items[i].group = items[j].group;
                break;
            }
        }
    }
}

static nps_error group_sentence(nps_strbuf *sb, const nps_question *qu, const group_item *items,
                                size_t n, const nps_cm_item *ex_all, size_t n_ex_all)
{
    nps_error err = NPS_OK;
    bool circled = circled_labels(qu, items, n);
    size_t answered = 0, groups = 0;
    for (size_t i = 0; i < n; i++) {
        answered += items[i].modal > 0;
        groups += items[i].modal > 0 && items[i].group == i;
    }
    if (answered == 0) {
        nps_strbuf_add(sb, "いずれの項目も数値の回答はなかった。");
        return NPS_OK;
    }
    nps_cm_sb_excluding(sb, ex_all, n_ex_all, 1);
    if (groups == 1 && answered == n && n > 1) {
        for (size_t i = 0; i < n; i++)
            if (items[i].group == i)
                nps_strbuf_addf(sb, "いずれの項目も%sが最も多い。", items[i].bins);
        return NPS_OK;
    }
    size_t written = 0;
    for (size_t g = 0; g < n; g++) {
        if (items[g].modal == 0 || items[g].group != g)
            continue;
        if (written++ > 0)
            nps_strbuf_add(sb, "、");
        if ((err = item_names(sb, qu, items, n, g, circled)) != NPS_OK)
            return err;
        nps_strbuf_addf(sb, "では%s", items[g].bins);
    }
    nps_strbuf_add(sb, "が最も多い。");
    if (answered < n) {
        if ((err = item_names(sb, qu, items, n, SIZE_MAX, circled)) != NPS_OK)
            return err;
        nps_strbuf_add(sb, "には数値の回答がなかった。");
    }
    return NPS_OK;
}

nps_error nps_cm_numeric_group(nps_strbuf *sb, const nps_results *r, const nps_question *qu)
{
    nps_error err = NPS_OK;
    size_t n = 0, n_ex_all = 0, ex_cap = 1;
    group_item *items = nps_calloc(qu->n_fields, sizeof *items);
    nps_cm_item *ex_all = NULL;
    if (!items) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < qu->n_fields; i++) {
        const nps_field *f = qu->fields[i];
        const nps_table *t = nps_tables_find(r->tables, qu->number, f->item_index);
        if (f->type == NPS_F_NUMBER && t)
            ex_cap += t->n_rows;
    }
    if (!(ex_all = nps_calloc(ex_cap, sizeof *ex_all))) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < qu->n_fields; i++) {
        const nps_field *f = qu->fields[i];
        const nps_table *t = nps_tables_find(r->tables, qu->number, f->item_index);
        if (f->type != NPS_F_NUMBER || !t)
            continue;
        items[n].field = i;
        if ((err = summarise_item(t, &items[n], ex_all, &n_ex_all)) != NPS_OK)
            goto cleanup;
        n++;
    }
    if (n == 0)
        goto cleanup;
    for (size_t i = 1; i < n_ex_all; i++) { /* 無回答 first */
        if (ex_all[i].bare) {
            nps_cm_item na = ex_all[i];
            memmove(&ex_all[1], &ex_all[0], i * sizeof *ex_all);
            ex_all[0] = na;
        }
    }
    assign_groups(items, n);
    err = group_sentence(sb, qu, items, n, ex_all, n_ex_all);

cleanup:
    for (size_t i = 0; items && i < qu->n_fields; i++)
        nps_free(items[i].bins);
    nps_free(items);
    nps_free(ex_all);
    return err;
}
