/*
 * codebook.c — the naming and coding scheme of the data handed on
 * (present/codebook.h, docs/export.md).
 *
 * Building walks the questionnaire's fields in order and appends the
 * variables of each (skipping personal fields); value sets are made once
 * per option list, per bin set and once for 0/1, and shared. Names are
 * made from question numbers and indices, then made unique
 * case-insensitively by a suffix (_2, _3 …) that is cut into the 32-byte
 * limit.
 *
 * Invariants: see codebook.h. Every string a variable points to is either
 * the questionnaire's, a static literal, or one of cb->strings.
 *
 * Ownership: the codebook owns vars, sets (each with its values) and
 * strings; nps_codebook_free releases them all.
 */
#include "present/codebook.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "base/alloc.h"
#include "base/strbuf.h"
#include "base/text.h"
#include "base/timestamp.h"

typedef struct value_set {
    nps_cb_value_set pub;
    const void *key;         /* the list, the bin set, or &selected_key */
    nps_cb_value *values;
} value_set;

struct nps_codebook {
    nps_cb_var *vars;
    size_t n_vars, cap_vars;
    value_set **sets;
    size_t n_sets, cap_sets;
    char **strings;
    size_t n_strings, cap_strings;
};

static const char selected_key = 0;

/* Reserved words of SPSS and Stata (lower case; compared case-insensitively). */
static const char *const RESERVED[] = {
    "all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with",
    "_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long",
    "_n", "_pi", "_pred", "_rc", "_skip", "strl", "using"};

/* ------------------------------------------------------------ ownership */

/* Keep s (owned) in the codebook; NULL on failure (s freed). */
static const char *keep(nps_codebook *cb, char *s)
{
    if (!s)
        return NULL;
    if (nps_grow((void **)&cb->strings, &cb->cap_strings, cb->n_strings + 1, sizeof *cb->strings, 32) !=
        NPS_OK) {
        nps_free(s);
        return NULL;
    }
    cb->strings[cb->n_strings++] = s;
    return s;
}

static const char *keepf2(nps_codebook *cb, const char *a, const char *sep, const char *b)
{
    nps_strbuf sb = {0};
    nps_strbuf_add(&sb, a);
    nps_strbuf_add(&sb, sep);
    nps_strbuf_add(&sb, b);
    return keep(cb, nps_strbuf_take(&sb));
}

void nps_codebook_free(nps_codebook *cb)
{
    if (!cb)
        return;
    for (size_t i = 0; i < cb->n_sets; i++) {
        nps_free(cb->sets[i]->values);
        nps_free(cb->sets[i]);
    }
    for (size_t i = 0; i < cb->n_strings; i++)
        nps_free(cb->strings[i]);
    nps_free(cb->sets);
    nps_free(cb->strings);
    nps_free(cb->vars);
    nps_free(cb);
}

/* ------------------------------------------------------------ value sets */

/* The set of `key` with n values; made (values left for the caller to fill)
 * when new. *fresh tells which. NULL on allocation failure. */
static value_set *value_set_get(nps_codebook *cb, const void *key, size_t n, bool *fresh)
{
    value_set *s;
    *fresh = false;
    for (size_t i = 0; i < cb->n_sets; i++)
        if (cb->sets[i]->key == key)
            return cb->sets[i];
    if (nps_grow((void **)&cb->sets, &cb->cap_sets, cb->n_sets + 1, sizeof *cb->sets, 16) != NPS_OK)
        return NULL;
    s = nps_calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->values = nps_calloc(n ? n : 1, sizeof *s->values);
    if (!s->values) {
        nps_free(s);
        return NULL;
    }
    s->key = key;
    s->pub.n_values = n;
    s->pub.values = s->values;
    cb->sets[cb->n_sets++] = s;
    *fresh = true;
    return s;
}

static const nps_cb_value_set *list_set(nps_codebook *cb, const nps_list *l)
{
    bool fresh;
    value_set *s = value_set_get(cb, l, l->n_options, &fresh);
    for (size_t i = 0; s && fresh && i < l->n_options; i++)
        s->values[i] = (nps_cb_value){(int)i + 1, l->options[i].label};
    return s ? &s->pub : NULL;
}

static const nps_cb_value_set *bin_set(nps_codebook *cb, const nps_binset *b)
{
    bool fresh;
    value_set *s = value_set_get(cb, b, b->n_bins, &fresh);
    for (size_t i = 0; s && fresh && i < b->n_bins; i++)
        s->values[i] = (nps_cb_value){(int)i + 1, b->bins[i].label};
    return s ? &s->pub : NULL;
}

static const nps_cb_value_set *selected_set(nps_codebook *cb)
{
    bool fresh;
    value_set *s = value_set_get(cb, &selected_key, 2, &fresh);
    if (s && fresh) {
        s->values[0] = (nps_cb_value){0, "非選択"};
        s->values[1] = (nps_cb_value){1, "選択"};
    }
    return s ? &s->pub : NULL;
}

/* ----------------------------------------------------------------- names */

static bool name_taken(const nps_codebook *cb, const char *name)
{
    for (size_t i = 0; i < sizeof RESERVED / sizeof RESERVED[0]; i++)
        if (strcasecmp(name, RESERVED[i]) == 0)
            return true;
    for (size_t i = 0; i < cb->n_vars; i++)
        if (strcasecmp(cb->vars[i].name, name) == 0)
            return true;
    return false;
}

/* Copy `base` (ASCII [a-z0-9_], starting with a letter) into out, cut to the
 * limit, and make it unique with a suffix _2, _3 … cut into the limit too. */
static void unique_name(const nps_codebook *cb, const char *base, char out[NPS_CB_NAME_MAX + 1])
{
    snprintf(out, NPS_CB_NAME_MAX + 1, "%s", base);
    for (unsigned k = 2; name_taken(cb, out); k++) {
        char suffix[16];
        size_t keep_len, sl = (size_t)snprintf(suffix, sizeof suffix, "_%u", k);
        keep_len = strlen(base);
        if (keep_len + sl > NPS_CB_NAME_MAX)
            keep_len = NPS_CB_NAME_MAX - sl;
        memcpy(out, base, keep_len);
        memcpy(out + keep_len, suffix, sl + 1);
    }
}

/* --------------------------------------------------------------- building */

/* Append one variable; its name made unique from `base`. NULL on failure. */
static nps_cb_var *add_var(nps_codebook *cb, const char *base, const char *label, nps_cb_role role,
                           const nps_field *f)
{
    nps_cb_var *v;
    if (!label)
        return NULL;
    if (nps_grow((void **)&cb->vars, &cb->cap_vars, cb->n_vars + 1, sizeof *cb->vars, 64) != NPS_OK)
        return NULL;
    v = &cb->vars[cb->n_vars];
    memset(v, 0, sizeof *v);
    unique_name(cb, base, v->name);
    cb->n_vars++;
    v->label = label;
    v->role = role;
    v->field = f;
    v->source = "";
    v->is_string = role == NPS_CB_ID || role == NPS_CB_DATE || role == NPS_CB_WRITEIN || role == NPS_CB_TEXT;
    v->measure = role == NPS_CB_NUMBER ? NPS_CB_SCALE
                 : role == NPS_CB_RATING || role == NPS_CB_BIN ? NPS_CB_ORDINAL
                 : NPS_CB_NOMINAL;
    return v;
}

/* The label of a field: the question text, with the row or item first. */
static const char *field_label(nps_codebook *cb, const nps_questionnaire *q, const nps_field *f)
{
    const nps_question *qu = nps_questionnaire_question(q, f->question);
    const char *qlabel = qu ? qu->label : f->label;
    if (f->item_index == 0)
        return qlabel;
    return keepf2(cb, f->label, "／", qlabel);
}

static const nps_option *other_option(const nps_list *l)
{
    for (size_t i = 0; l && i < l->n_options; i++)
        if (l->options[i].role == NPS_OPTION_OTHER)
            return &l->options[i];
    return NULL;
}

/* A matrix row is ordinal; a single choice question is nominal. */
static nps_error add_select(nps_codebook *cb, const char *base, const char *label, const char *src,
                            const nps_field *f, const nps_question *qu)
{
    char name[64];
    nps_cb_var *v;
    const nps_option *other = other_option(f->list);
    if (f->type == NPS_F_SELECT_ONE) {
        const nps_cb_value_set *set = list_set(cb, f->list);
        if (!set || !(v = add_var(cb, base, label, NPS_CB_CHOICE, f)))
            return NPS_ERR_NOMEM;
        v->values = set;
        v->source = src;
        if (qu && qu->type == NPS_Q_MATRIX)
            v->measure = NPS_CB_ORDINAL;
    } else {
        const nps_cb_value_set *set = selected_set(cb);
        for (size_t k = 0; k < f->list->n_options; k++) {
            snprintf(name, sizeof name, "%s_%zu", base, k + 1);
            if (!set || !(v = add_var(cb, name, keepf2(cb, f->list->options[k].label, "／", label),
                                      NPS_CB_OPTION, f)))
                return NPS_ERR_NOMEM;
            v->values = set;
            v->option = (int)k + 1;
            v->source = src;
        }
    }
    if (other) {
        snprintf(name, sizeof name, "%s_other", base);
        if (!(v = add_var(cb, name, keepf2(cb, other->label, "（記入）／", label), NPS_CB_WRITEIN, f)))
            return NPS_ERR_NOMEM;
        v->source = src;
    }
    return NPS_OK;
}

static nps_error add_field(nps_codebook *cb, const nps_questionnaire *q, const nps_field *f)
{
    const nps_question *qu = nps_questionnaire_question(q, f->question);
    const char *label = field_label(cb, q, f);
    char base[40], name[64], src[48];
    nps_cb_var *v;
    if (f->item_index > 0) {
        snprintf(base, sizeof base, "q%d_%d", f->question, f->item_index);
        snprintf(src, sizeof src, "Q%d-%d", f->question, f->item_index);
    } else {
        snprintf(base, sizeof base, "q%d", f->question);
        snprintf(src, sizeof src, "Q%d", f->question);
    }
    const char *source = keep(cb, nps_strdup(src));
    if (!label || !source)
        return NPS_ERR_NOMEM;
    switch (f->type) {
    case NPS_F_SELECT_ONE:
    case NPS_F_SELECT_MULTIPLE:
        if (f->list)
            return add_select(cb, base, label, source, f, qu);
        break;
    case NPS_F_NUMBER:
        if (!(v = add_var(cb, base, label, NPS_CB_NUMBER, f)))
            return NPS_ERR_NOMEM;
        v->source = source;
        if (f->bins && f->bins->n_bins > 0) {
            const nps_cb_value_set *set = bin_set(cb, f->bins);
            snprintf(name, sizeof name, "%s_bin", base);
            if (!set || !(v = add_var(cb, name, keepf2(cb, "区分", "／", label), NPS_CB_BIN, f)))
                return NPS_ERR_NOMEM;
            v->values = set;
            v->source = source;
        }
        break;
    case NPS_F_RATING:
        if (!(v = add_var(cb, base, label, NPS_CB_RATING, f)))
            return NPS_ERR_NOMEM;
        v->source = source;
        break;
    case NPS_F_TEXT:
        if (!(v = add_var(cb, base, label, NPS_CB_TEXT, f)))
            return NPS_ERR_NOMEM;
        v->source = source;
        break;
    }
    return NPS_OK;
}

nps_error nps_codebook_build(const nps_questionnaire *q, nps_codebook **out)
{
    nps_error err = NPS_ERR_NOMEM;
    nps_codebook *cb = nps_calloc(1, sizeof *cb);
    *out = NULL;
    if (!cb)
        goto cleanup;
    if (!add_var(cb, "id", "団体ID（仮名）", NPS_CB_ID, NULL) || !add_var(cb, "date", "回答日", NPS_CB_DATE, NULL))
        goto cleanup;
    for (size_t i = 0; i < nps_questionnaire_field_count(q); i++) {
        const nps_field *f = nps_questionnaire_field_at(q, i);
        if (f->personal != NPS_PERSONAL_NONE)
            continue;
        if ((err = add_field(cb, q, f)) != NPS_OK)
            goto cleanup;
    }
    *out = cb;
    cb = NULL;
    err = NPS_OK;
cleanup:
    nps_codebook_free(cb);
    return err;
}

/* -------------------------------------------------------------- accessors */

size_t nps_codebook_count(const nps_codebook *cb) { return cb->n_vars; }

const nps_cb_var *nps_codebook_var(const nps_codebook *cb, size_t i)
{
    return i < cb->n_vars ? &cb->vars[i] : NULL;
}

const nps_cb_var *nps_codebook_find(const nps_codebook *cb, const char *name)
{
    for (size_t i = 0; i < cb->n_vars; i++)
        if (strcmp(cb->vars[i].name, name) == 0)
            return &cb->vars[i];
    return NULL;
}

const char *nps_codebook_type_name(const nps_cb_var *v) { return v->is_string ? "string" : "numeric"; }

const char *nps_codebook_measure_name(nps_cb_measure m)
{
    return m == NPS_CB_SCALE ? "scale" : m == NPS_CB_ORDINAL ? "ordinal" : "nominal";
}

const char *nps_codebook_role_name(nps_cb_role r)
{
    switch (r) {
    case NPS_CB_ID: return "id";
    case NPS_CB_DATE: return "date";
    case NPS_CB_CHOICE: return "choice";
    case NPS_CB_RATING: return "rating";
    case NPS_CB_OPTION: return "option";
    case NPS_CB_WRITEIN: return "write-in";
    case NPS_CB_NUMBER: return "number";
    case NPS_CB_BIN: return "bin";
    case NPS_CB_TEXT: return "text";
    }
    return "";
}

/* ------------------------------------------------------------------ cells */

static void numeric(nps_cb_cell *cell, bool present, double value)
{
    cell->missing = !present;
    cell->number = present ? value : NAN;
}

nps_error nps_codebook_cell(const nps_cb_var *v, const nps_publication *p, size_t org, nps_cb_cell *cell)
{
    nps_error err = NPS_OK;
    const nps_field *f = v->field;
    char date[16];
    long long ts;
    memset(cell, 0, sizeof *cell);
    cell->number = NAN;
    switch (v->role) {
    case NPS_CB_ID:
        if (!(cell->text = nps_strdup(nps_publication_org_id(p, org))))
            err = NPS_ERR_NOMEM;
        break;
    case NPS_CB_DATE:
        ts = nps_publication_timestamp(p, org);
        if (ts >= 0) {
            nps_timestamp_date(ts, date, sizeof date);
            if (!(cell->text = nps_strdup(date)))
                err = NPS_ERR_NOMEM;
        }
        break;
    case NPS_CB_CHOICE: {
        int c = nps_publication_choice(p, org, f);
        numeric(cell, c >= 1 && f->list && (size_t)c <= f->list->n_options, c);
        break;
    }
    case NPS_CB_RATING: {
        int c = nps_publication_choice(p, org, f);
        numeric(cell, c >= 1, c);
        break;
    }
    case NPS_CB_OPTION: {
        uint64_t set = nps_publication_choices(p, org, f);
        numeric(cell, set != 0, (double)((set >> (v->option - 1)) & 1u));
        break;
    }
    case NPS_CB_NUMBER: {
        double x = nps_publication_number(p, org, f);
        numeric(cell, !isnan(x), x);
        break;
    }
    case NPS_CB_BIN: {
        int b = nps_publication_bin(p, org, f);
        numeric(cell, b >= 1 && f->bins && (size_t)b <= f->bins->n_bins, b);
        break;
    }
    case NPS_CB_WRITEIN:
    case NPS_CB_TEXT:
        err = nps_publication_text(p, org, f, &cell->text);
        break;
    }
    if (v->is_string)
        cell->missing = cell->text == NULL;
    return err;
}

/* ------------------------------------------------------------------ labels */

char *nps_codebook_cut_label(const char *label, size_t max_bytes, size_t max_chars)
{
    static const char ELLIPSIS[] = "…"; /* 3 bytes, 1 code point */
    size_t len = strlen(label), bytes = 0, chars = 0;
    if (len <= max_bytes && (max_chars == 0 || nps_utf8_length(label) <= max_chars))
        return nps_strdup(label);
    /* keep code points while they and the ellipsis fit */
    while (bytes < len) {
        size_t step = 1;
        unsigned char c = (unsigned char)label[bytes];
        if (c >= 0xF0)
            step = 4;
        else if (c >= 0xE0)
            step = 3;
        else if (c >= 0xC0)
            step = 2;
        if (step > len - bytes)
            step = len - bytes;
        if (bytes + step + sizeof ELLIPSIS - 1 > max_bytes || (max_chars && chars + 2 > max_chars))
            break;
        bytes += step;
        chars++;
    }
    char *out = nps_malloc(bytes + sizeof ELLIPSIS);
    if (out) {
        memcpy(out, label, bytes);
        memcpy(out + bytes, ELLIPSIS, sizeof ELLIPSIS);
    }
    return out;
}

bool nps_codebook_var_coded(const nps_cb_var *v)
{
    return v->role != NPS_CB_TEXT && v->role != NPS_CB_WRITEIN;
}
