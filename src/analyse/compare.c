/*
 * compare.c — the cross-section and the panel of two waves (compare.h,
 * docs/compare.md).
 *
 * Counts come from nps_dataset_tally, as the frequency tables' do, so a
 * wave's count and percent here equal `tabulate`'s. The panel is a list of
 * (old row, new row) pairs found through a sorted array of the old wave's
 * keys; for each option, every pair is classified by whether it chose the
 * option in each wave (無回答: gave no answer).
 *
 * A field the export has no column for is treated as not being in that
 * wave (its rows take the other wave's status; options only there are left
 * out, as the tables leave the field out).
 */
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "analyse/compare.h"
#include "analyse/change.h"
#include "read/register.h"

#define NO_ANSWER "無回答"

static const char *const STARS[10] = {"★", "★★", "★★★", "★★★★", "★★★★★", "★★★★★★", "★★★★★★★",
                                      "★★★★★★★★", "★★★★★★★★★", "★★★★★★★★★★"};

typedef struct panel_pair {
    size_t old_row, new_row;
} panel_pair;

struct nps_compare {
    const nps_wave_match *m;
    size_t n_rows, cap_rows;
    nps_compare_row *rows;
    size_t n_pairs;
    panel_pair *pairs;
};

/* ---------- the panel ---------- */

typedef struct keyed_row {
    char *key;
    size_t row;
} keyed_row;

static int by_key(const void *a, const void *b)
{
    const keyed_row *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

/* The organisation key of a row (NULL: none; *failed on NOMEM). */
static char *row_key(const nps_dataset *d, size_t row, bool by_register, bool *failed)
{
    const nps_field *f = nps_questionnaire_personal_field(nps_dataset_questionnaire(d), NPS_PERSONAL_ORGANISATION);
    const char *t;
    char *k;
    if (by_register) {
        k = nps_strdup(nps_dataset_org_id(d, row));
        *failed |= k == NULL;
        return k;
    }
    if (!f || !(t = nps_dataset_text(d, row, f)) || !*t)
        return NULL;
    if (!(k = nps_org_name_key(t, strlen(t)))) {
        *failed = true;
        return NULL;
    }
    if (!*k) {
        nps_free(k);
        return NULL;
    }
    return k;
}

static nps_error keys_of(const nps_dataset *d, bool by_register, keyed_row **out, size_t *n)
{
    size_t rows = nps_dataset_count(d);
    keyed_row *k = nps_calloc(rows + 1, sizeof *k);
    bool failed = false;
    *n = 0;
    *out = k;
    if (!k)
        return NPS_ERR_NOMEM;
    for (size_t r = 0; r < rows && !failed; r++) {
        char *key = row_key(d, r, by_register, &failed);
        if (key)
            k[(*n)++] = (keyed_row){key, r};
    }
    qsort(k, *n, sizeof *k, by_key);
    return failed ? NPS_ERR_NOMEM : NPS_OK;
}

static void free_keys(keyed_row *k, size_t n)
{
    for (size_t i = 0; k && i < n; i++)
        nps_free(k[i].key);
    nps_free(k);
}

/* First entry of the sorted keys equal to key, or NULL. */
static keyed_row *find_key(keyed_row *k, size_t n, const char *key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(k[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(k[lo].key, key) == 0 ? &k[lo] : NULL;
}

static nps_error link_panel(nps_compare *c, const nps_dataset *old_d, const nps_dataset *new_d, bool by_register)
{
    keyed_row *ok = NULL, *nk = NULL;
    size_t no = 0, nn = 0;
    nps_error err = keys_of(old_d, by_register, &ok, &no);
    if (err == NPS_OK)
        err = keys_of(new_d, by_register, &nk, &nn);
    if (err == NPS_OK && !(c->pairs = nps_calloc(nn + 1, sizeof *c->pairs)))
        err = NPS_ERR_NOMEM;
    for (size_t i = 0; err == NPS_OK && i < nn; i++) {
        keyed_row *o;
        if (i > 0 && strcmp(nk[i].key, nk[i - 1].key) == 0)
            continue; /* one organisation, linked once: its first response */
        if ((o = find_key(ok, no, nk[i].key)) != NULL)
            c->pairs[c->n_pairs++] = (panel_pair){o->row, nk[i].row};
    }
    free_keys(ok, no);
    free_keys(nk, nn);
    return err;
}

/* ---------- the rows ---------- */

/* Whether row chose option idx of f (idx 0: gave no answer). */
static bool chose(const nps_dataset *d, size_t row, const nps_field *f, int idx)
{
    size_t n = nps_wave_option_count(f);
    if (f->type == NPS_F_SELECT_MULTIPLE) {
        uint64_t set = nps_dataset_choices(d, row, f);
        return idx == 0 ? set == 0 : ((set >> (idx - 1)) & 1) != 0;
    }
    int v = f->type == NPS_F_NUMBER ? nps_dataset_bin(d, row, f) : nps_dataset_choice(d, row, f);
    return idx == 0 ? (v <= 0 || (size_t)v > n) : v == idx;
}

static const char *label_of(const nps_field *f, int idx)
{
    if (idx == 0)
        return NO_ANSWER;
    if (f->type == NPS_F_RATING)
        return idx >= 1 && idx <= 10 ? STARS[idx - 1] : "";
    return nps_wave_option_label(f, idx);
}

/* count of option idx of f in d (tally: options, then no answer last). */
static nps_error count_of(const nps_dataset *d, const nps_field *f, int idx, long *count)
{
    size_t n = nps_wave_option_count(f);
    long *counts = nps_calloc(n + 1, sizeof *counts);
    if (!counts)
        return NPS_ERR_NOMEM;
    nps_dataset_tally(d, f, counts, n);
    *count = counts[idx == 0 ? n : (size_t)idx - 1];
    nps_free(counts);
    return NPS_OK;
}

static void panel_of(const nps_compare *c, const nps_dataset *old_d, const nps_dataset *new_d,
                     const nps_wave_field *wf, const nps_wave_option *wo, nps_compare_row *r)
{
    double n = (double)c->n_pairs, lo, hi;
    for (size_t i = 0; i < c->n_pairs; i++) {
        bool o = chose(old_d, c->pairs[i].old_row, wf->old_f, wo->old_index);
        bool nw = chose(new_d, c->pairs[i].new_row, wf->new_f, wo->new_index);
        if (o && nw)
            r->a++;
        else if (nw)
            r->b++;
        else if (o)
            r->c++;
        else
            r->d++;
    }
    r->panel_old = n > 0 ? (double)(r->a + r->c) * 100.0 / n : 0.0;
    r->panel_new = n > 0 ? (double)(r->a + r->b) * 100.0 / n : 0.0;
    r->panel_change = n > 0 ? (double)(r->b - r->c) * 100.0 / n : 0.0;
    nps_newcombe_paired(r->a, r->b, r->c, r->d, &lo, &hi);
    r->panel_low = lo * 100.0;
    r->panel_high = hi * 100.0;
}

static nps_error add_row(nps_compare *c, const nps_dataset *old_d, const nps_dataset *new_d,
                         const nps_wave_field *wf, const nps_wave_option *wo, bool have_old, bool have_new)
{
    bool in_old = have_old && wo->old_index >= 0, in_new = have_new && wo->new_index >= 0;
    nps_compare_row r = {0};
    nps_error err = NPS_OK;
    double lo, hi;
    if (!in_old && !in_new)
        return NPS_OK;
    if (nps_grow((void **)&c->rows, &c->cap_rows, c->n_rows + 1, sizeof *c->rows, 256) != NPS_OK)
        return NPS_ERR_NOMEM;
    r.status = in_old && in_new ? NPS_WAVE_BOTH : in_new ? NPS_WAVE_NEW : NPS_WAVE_OLD;
    r.by_crosswalk = wo->by_crosswalk || wf->by_crosswalk;
    {
        const nps_question *q = in_new ? wf->new_q : wf->old_q;
        const nps_field *f = in_new ? wf->new_f : wf->old_f;
        int idx = in_new ? wo->new_index : wo->old_index;
        r.question = q->number;
        r.item_index = f->item_index;
        r.item = f->item_index ? f->label : "";
        r.option_index = idx;
        r.option = label_of(f, idx);
    }
    r.old_question = in_old ? wf->old_q->number : 0;
    if (in_old) {
        r.base_old = (long)nps_dataset_count(old_d);
        err = count_of(old_d, wf->old_f, wo->old_index, &r.count_old);
        r.percent_old = r.base_old ? (double)r.count_old * 100.0 / (double)r.base_old : 0.0;
    }
    if (in_new && err == NPS_OK) {
        r.base_new = (long)nps_dataset_count(new_d);
        err = count_of(new_d, wf->new_f, wo->new_index, &r.count_new);
        r.percent_new = r.base_new ? (double)r.count_new * 100.0 / (double)r.base_new : 0.0;
    }
    if (r.status == NPS_WAVE_BOTH && err == NPS_OK) {
        r.change = r.base_new && r.base_old ? ((double)r.count_new / (double)r.base_new -
                                               (double)r.count_old / (double)r.base_old) * 100.0 : 0.0;
        nps_newcombe_independent(r.count_new, r.base_new, r.count_old, r.base_old, &lo, &hi);
        r.change_low = lo * 100.0;
        r.change_high = hi * 100.0;
        panel_of(c, old_d, new_d, wf, wo, &r);
    }
    if (err == NPS_OK)
        c->rows[c->n_rows++] = r;
    return err;
}

nps_error nps_compare_build(const nps_dataset *old_d, const nps_dataset *new_d, const nps_wave_match *m,
                            bool by_register, nps_compare **out)
{
    nps_compare *c = nps_calloc(1, sizeof *c);
    nps_error err = NPS_ERR_NOMEM;
    *out = NULL;
    if (!c)
        return err;
    c->m = m;
    err = link_panel(c, old_d, new_d, by_register);
    for (size_t i = 0; err == NPS_OK && i < nps_wave_match_field_count(m); i++) {
        const nps_wave_field *wf = nps_wave_match_field_at(m, i);
        bool have_old = wf->old_f && !nps_dataset_field_absent(old_d, wf->old_f);
        bool have_new = wf->new_f && !nps_dataset_field_absent(new_d, wf->new_f);
        for (size_t k = 0; err == NPS_OK && k < wf->n_options; k++)
            err = add_row(c, old_d, new_d, wf, &wf->options[k], have_old, have_new);
    }
    if (err != NPS_OK) {
        nps_compare_free(c);
        return err;
    }
    *out = c;
    return NPS_OK;
}

size_t nps_compare_row_count(const nps_compare *c) { return c->n_rows; }
const nps_compare_row *nps_compare_row_at(const nps_compare *c, size_t i)
{
    return i < c->n_rows ? &c->rows[i] : NULL;
}
size_t nps_compare_panel(const nps_compare *c) { return c->n_pairs; }
const nps_wave_match *nps_compare_match(const nps_compare *c) { return c->m; }

void nps_compare_free(nps_compare *c)
{
    if (!c)
        return;
    nps_free(c->rows);
    nps_free(c->pairs);
    nps_free(c);
}
