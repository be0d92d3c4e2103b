/*
 * match_waves.c — the crosswalk file and the matching of two questionnaires
 * (match_waves.h, docs/compare.md).
 *
 * Steps: the crosswalk's whole-question lines pair questions, then its
 * option lines pair the questions they name (when still free), then every
 * question still free pairs with the first free question of the other wave
 * of the same normalised label. Within a pair, rows (items) pair by the
 * crosswalk's row lines, then by label; options by the crosswalk's option
 * lines, then by label (stars by count). Every crosswalk option line must
 * be used by at least one field, or it names something that is not there:
 * an error with its line.
 *
 * Invariants: a question, field or option is in at most one pair; each
 * field's options end with the 無回答 entry (both indices 0 when the field
 * is in both waves).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "base/text.h"
#include "analyse/match_waves.h"
#include "read/sheet.h"

const char *nps_wave_status_name(nps_wave_status s)
{
    return s == NPS_WAVE_BOTH ? "both" : s == NPS_WAVE_NEW ? "new" : "old";
}

/* ---------- the crosswalk ---------- */

struct nps_crosswalk {
    char *file;
    size_t n, cap;
    nps_crosswalk_entry *entries;
    char **strings; /* 4 per entry: old_option, new_option, old_key, new_key */
};

/* "Q7" (after NFKC, so "Ｑ７" too) → 7; 0 when it is not a question number. */
static int parse_question(const char *s)
{
    char *k = nps_text_key(s, strlen(s));
    int n = 0;
    if (k && (k[0] == 'Q' || k[0] == 'q') && k[1] >= '1' && k[1] <= '9' && strlen(k) <= 5) {
        char *end;
        long v = strtol(k + 1, &end, 10);
        n = *end == '\0' ? (int)v : 0;
    }
    nps_free(k);
    return n;
}

static bool same_side(const nps_crosswalk_entry *a, int q, const char *key, bool old)
{
    return old ? a->old_question == q && strcmp(a->old_key, key) == 0
               : a->new_question == q && strcmp(a->new_key, key) == 0;
}

static nps_error check_entry(const nps_crosswalk *cw, const nps_crosswalk_entry *e, nps_diag *diag)
{
    if (!e->old_question || !e->new_question)
        return nps_diag_set(diag, NPS_ERR_CSV, cw->file, e->line,
                            "a question is written Q<number> (e.g. Q7), not '%s'",
                            !e->old_question ? "old_question" : "new_question");
    if (!e->old_key[0] != !e->new_key[0])
        return nps_diag_set(diag, NPS_ERR_CSV, cw->file, e->line,
                            "old_option and new_option are both given (an option or row renamed) or both "
                            "empty (the whole question)");
    for (size_t i = 0; i < cw->n; i++) {
        const nps_crosswalk_entry *o = &cw->entries[i];
        bool old = same_side(o, e->old_question, e->old_key, true);
        if (old || same_side(o, e->new_question, e->new_key, false))
            return nps_diag_set(diag, NPS_ERR_CSV, cw->file, e->line, "%s Q%d%s%s%s is already mapped on line %ld",
                                old ? "old" : "new", old ? e->old_question : e->new_question,
                                (old ? e->old_key : e->new_key)[0] ? " 「" : " (the whole question",
                                (old ? e->old_option : e->new_option), (old ? e->old_key : e->new_key)[0] ? "」" : ")",
                                o->line);
    }
    return NPS_OK;
}

static nps_error add_entry(nps_crosswalk *cw, const nps_sheet_row *r, const int *cols, nps_diag *diag)
{
    nps_crosswalk_entry e = {r->line, parse_question(nps_sheet_cell(r, cols[0])),
                             parse_question(nps_sheet_cell(r, cols[2])), NULL, NULL, NULL, NULL};
    const char *oo = nps_sheet_cell(r, cols[1]), *no = nps_sheet_cell(r, cols[3]);
    char *s[4] = {nps_strdup(oo), nps_strdup(no), nps_text_key(oo, strlen(oo)), nps_text_key(no, strlen(no))};
    nps_error err = NPS_ERR_NOMEM;
    if (!s[0] || !s[1] || !s[2] || !s[3] ||
        nps_grow((void **)&cw->entries, &cw->cap, cw->n + 1, sizeof *cw->entries, 16) != NPS_OK)
        goto cleanup;
    {
        size_t cap = cw->cap;
        char **grown = nps_realloc(cw->strings, cap * 4 * sizeof *grown);
        if (!grown)
            goto cleanup;
        cw->strings = grown;
    }
    e.old_option = s[0];
    e.new_option = s[1];
    e.old_key = s[2];
    e.new_key = s[3];
    if ((err = check_entry(cw, &e, diag)) != NPS_OK)
        goto cleanup;
    memcpy(&cw->strings[cw->n * 4], s, sizeof s);
    cw->entries[cw->n++] = e;
    return NPS_OK;
cleanup:
    for (size_t i = 0; i < 4; i++)
        nps_free(s[i]);
    return err;
}

nps_error nps_crosswalk_parse(const char *file, const char *data, size_t len, nps_crosswalk **out,
                              nps_diag *diag)
{
    static const char *const names[] = {"old_question", "old_option", "new_question", "new_option"};
    nps_crosswalk *cw = nps_calloc(1, sizeof *cw);
    nps_sheet s = {0};
    int cols[4];
    bool have_sheet = false;
    nps_error err = NPS_ERR_NOMEM;
    *out = NULL;
    if (!cw || !(cw->file = nps_strdup(file)))
        goto cleanup;
    if ((err = nps_sheet_read(cw->file, data ? data : "", data ? len : 0, &s, diag)) != NPS_OK)
        goto cleanup;
    have_sheet = true;
    if ((err = nps_sheet_require(&s, names, cols, 4, diag)) != NPS_OK) {
        nps_diag_hint(diag, "the first line is old_question,old_option,new_question,new_option (docs/compare.md)");
        goto cleanup;
    }
    for (size_t i = 0; i < s.n_rows && err == NPS_OK; i++)
        err = add_entry(cw, &s.rows[i], cols, diag);
cleanup:
    if (have_sheet)
        nps_sheet_free(&s);
    if (err != NPS_OK) {
        if (err != NPS_ERR_NOMEM)
            err = NPS_ERR_CSV; /* the sheet's errors are a questionnaire's; here a crosswalk's */
        else if (diag && !diag->message[0])
            nps_diag_set(diag, err, file, 0, "out of memory");
        nps_crosswalk_free(cw);
        return err;
    }
    *out = cw;
    return NPS_OK;
}

nps_error nps_crosswalk_load(const char *path, nps_crosswalk **out, nps_diag *diag)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t len = 0, cap = 0, got;
    nps_error err = NPS_OK;
    *out = NULL;
    if (!f)
        return nps_diag_set(diag, NPS_ERR_IO, path, 0, "cannot open the crosswalk");
    do {
        if ((err = nps_grow((void **)&data, &cap, len + 4096, 1, 8192)) != NPS_OK)
            break;
        got = fread(data + len, 1, cap - len, f);
        len += got;
    } while (got > 0 && len < (size_t)16 << 20);
    if (err == NPS_OK && (ferror(f) || len >= (size_t)16 << 20))
        err = nps_diag_set(diag, ferror(f) ? NPS_ERR_IO : NPS_ERR_LIMIT, path, 0,
                           ferror(f) ? "cannot read the crosswalk" : "the crosswalk is larger than 16 MB");
    fclose(f);
    if (err == NPS_OK)
        err = nps_crosswalk_parse(path, data, len, out, diag);
    else if (err == NPS_ERR_NOMEM)
        nps_diag_set(diag, err, path, 0, "out of memory");
    nps_free(data);
    return err;
}

size_t nps_crosswalk_count(const nps_crosswalk *cw) { return cw ? cw->n : 0; }
const nps_crosswalk_entry *nps_crosswalk_at(const nps_crosswalk *cw, size_t i)
{
    return cw && i < cw->n ? &cw->entries[i] : NULL;
}
const char *nps_crosswalk_file(const nps_crosswalk *cw) { return cw ? cw->file : ""; }

void nps_crosswalk_free(nps_crosswalk *cw)
{
    if (!cw)
        return;
    for (size_t i = 0; i < cw->n * 4; i++)
        nps_free(cw->strings[i]);
    nps_free(cw->strings);
    nps_free(cw->entries);
    nps_free(cw->file);
    nps_free(cw);
}

/* ---------- options of a field ---------- */

size_t nps_wave_option_count(const nps_field *f)
{
    if (f->type == NPS_F_RATING)
        return 10;
    if (f->type == NPS_F_NUMBER)
        return f->bins ? f->bins->n_bins : 0;
    return f->list ? f->list->n_options : 0;
}

const char *nps_wave_option_label(const nps_field *f, int index)
{
    if (index < 1 || (size_t)index > nps_wave_option_count(f) || f->type == NPS_F_RATING)
        return NULL;
    return f->type == NPS_F_NUMBER ? f->bins->bins[index - 1].label : f->list->options[index - 1].label;
}

static bool is_closed(const nps_field *f)
{
    return f->type != NPS_F_TEXT && f->personal == NPS_PERSONAL_NONE;
}

/* ---------- the match ---------- */

struct nps_wave_match {
    size_t n_questions, cap_questions;
    nps_wave_question *questions;
    size_t n_fields, cap_fields;
    nps_wave_field *fields;
};

/* Working state of one nps_waves_match call. */
typedef struct matcher {
    const nps_questionnaire *oq, *nq;
    const nps_crosswalk *cw;
    int *old_to_new, *new_to_old; /* question positions, -1 = free */
    bool *q_by_cw;                /* by new position */
    bool *entry_used;             /* crosswalk option lines used */
    nps_wave_match *m;
    nps_diag *diag;
} matcher;

/* Does normalised label `key` equal the key of `label`? NPS_ERR_NOMEM aside. */
static nps_error key_equals(const char *label, const char *key, bool *eq)
{
    char *k = label ? nps_text_key(label, strlen(label)) : NULL;
    *eq = false;
    if (label && !k)
        return NPS_ERR_NOMEM;
    *eq = k && strcmp(k, key) == 0;
    nps_free(k);
    return NPS_OK;
}

static size_t position_of(const nps_questionnaire *q, int number)
{
    for (size_t i = 0; i < nps_questionnaire_question_count(q); i++)
        if (nps_questionnaire_question_at(q, i)->number == number)
            return i;
    return (size_t)-1;
}

static nps_error pair_questions(matcher *mt, const nps_crosswalk_entry *e, bool strict)
{
    size_t o = position_of(mt->oq, e->old_question), n = position_of(mt->nq, e->new_question);
    const char *file = nps_crosswalk_file(mt->cw);
    if (o == (size_t)-1 || n == (size_t)-1)
        return nps_diag_set(mt->diag, NPS_ERR_CSV, file, e->line, "the %s questionnaire has no Q%d",
                            o == (size_t)-1 ? "old" : "new", o == (size_t)-1 ? e->old_question : e->new_question);
    if (mt->old_to_new[o] == (int)n)
        return NPS_OK;
    if (mt->old_to_new[o] >= 0 || mt->new_to_old[n] >= 0) {
        if (!strict)
            return nps_diag_set(mt->diag, NPS_ERR_CSV, file, e->line,
                                "old Q%d and new Q%d are each mapped to another question by an earlier line",
                                e->old_question, e->new_question);
        return nps_diag_set(mt->diag, NPS_ERR_CSV, file, e->line, "old Q%d or new Q%d is mapped twice",
                            e->old_question, e->new_question);
    }
    mt->old_to_new[o] = (int)n;
    mt->new_to_old[n] = (int)o;
    mt->q_by_cw[n] = strict; /* a whole-question line; an option line pairs its questions quietly */
    return NPS_OK;
}

static nps_error pair_by_text(matcher *mt)
{
    size_t no = nps_questionnaire_question_count(mt->oq), nn = nps_questionnaire_question_count(mt->nq);
    nps_error err = NPS_OK;
    for (size_t o = 0; o < no && err == NPS_OK; o++) {
        const nps_question *oqu = nps_questionnaire_question_at(mt->oq, o);
        char *key;
        if (mt->old_to_new[o] >= 0)
            continue;
        if (!(key = nps_text_key(oqu->label, strlen(oqu->label))))
            return NPS_ERR_NOMEM;
        for (size_t n = 0; n < nn && err == NPS_OK; n++) {
            bool eq;
            if (mt->new_to_old[n] >= 0 || nps_questionnaire_question_at(mt->nq, n)->type != oqu->type)
                continue;
            err = key_equals(nps_questionnaire_question_at(mt->nq, n)->label, key, &eq);
            if (err == NPS_OK && eq) {
                mt->old_to_new[o] = (int)n;
                mt->new_to_old[n] = (int)o;
                break;
            }
        }
        nps_free(key);
    }
    return err;
}

static nps_error add_question(matcher *mt, nps_wave_status st, const nps_question *o, const nps_question *n,
                              bool by_cw)
{
    nps_wave_match *m = mt->m;
    if (nps_grow((void **)&m->questions, &m->cap_questions, m->n_questions + 1, sizeof *m->questions, 64) != NPS_OK)
        return NPS_ERR_NOMEM;
    m->questions[m->n_questions++] = (nps_wave_question){st, o, n, by_cw};
    return NPS_OK;
}

static nps_error add_field(matcher *mt, nps_wave_status st, const nps_question *oq, const nps_question *nq,
                           const nps_field *of, const nps_field *nf, bool by_cw, nps_wave_field **out)
{
    nps_wave_match *m = mt->m;
    size_t n = (of ? nps_wave_option_count(of) : 0) + (nf ? nps_wave_option_count(nf) : 0) + 1;
    nps_wave_option *opts = nps_calloc(n, sizeof *opts);
    if (!opts || nps_grow((void **)&m->fields, &m->cap_fields, m->n_fields + 1, sizeof *m->fields, 64) != NPS_OK) {
        nps_free(opts);
        return NPS_ERR_NOMEM;
    }
    *out = &m->fields[m->n_fields++];
    **out = (nps_wave_field){st, oq, nq, of, nf, by_cw, 0, opts};
    return NPS_OK;
}

static void add_option(nps_wave_field *f, nps_wave_status st, int o, int n, bool by_cw)
{
    f->options[f->n_options++] = (nps_wave_option){st, o, n, by_cw};
}

/* A field in one wave only: all its options and 無回答 with its status. */
static nps_error add_single_field(matcher *mt, nps_wave_status st, const nps_question *qu, const nps_field *f)
{
    nps_wave_field *wf;
    bool old = st == NPS_WAVE_OLD;
    nps_error err = add_field(mt, st, old ? qu : NULL, old ? NULL : qu, old ? f : NULL, old ? NULL : f, false, &wf);
    for (size_t i = 1; err == NPS_OK && i <= nps_wave_option_count(f) + 1; i++) {
        int idx = i <= nps_wave_option_count(f) ? (int)i : 0;
        add_option(wf, st, old ? idx : -1, old ? -1 : idx, false);
    }
    return err;
}

/* The index (1-based) of the option of f whose label's key is `key`, or 0. */
static nps_error option_with_key(const nps_field *f, const char *key, int *index)
{
    nps_error err = NPS_OK;
    *index = 0;
    for (size_t i = 1; i <= nps_wave_option_count(f) && err == NPS_OK && !*index; i++) {
        bool eq;
        err = key_equals(nps_wave_option_label(f, (int)i), key, &eq);
        if (eq)
            *index = (int)i;
    }
    return err;
}

/* The options of a field in both waves: crosswalk lines of this question
 * pair, then labels (stars by count), then the rest of each side. */
static nps_error match_options(matcher *mt, nps_wave_field *wf)
{
    size_t no = nps_wave_option_count(wf->old_f), nn = nps_wave_option_count(wf->new_f);
    int *o2n = nps_calloc(no + 1, sizeof *o2n), *n2o = nps_calloc(nn + 1, sizeof *n2o);
    bool *by_cw = nps_calloc(nn + 1, sizeof *by_cw);
    nps_error err = (!o2n || !n2o || !by_cw) ? NPS_ERR_NOMEM : NPS_OK;
    for (size_t i = 0; err == NPS_OK && i < nps_crosswalk_count(mt->cw); i++) {
        const nps_crosswalk_entry *e = nps_crosswalk_at(mt->cw, i);
        int o = 0, n = 0;
        if (!e->old_key[0] || e->old_question != wf->old_q->number || e->new_question != wf->new_q->number)
            continue;
        if ((err = option_with_key(wf->old_f, e->old_key, &o)) == NPS_OK)
            err = option_with_key(wf->new_f, e->new_key, &n);
        if (err == NPS_OK && o && n && !o2n[o] && !n2o[n]) {
            o2n[o] = n;
            n2o[n] = o;
            by_cw[n] = true;
            mt->entry_used[i] = true;
        }
    }
    for (size_t o = 1; err == NPS_OK && o <= no; o++) {
        const char *label = nps_wave_option_label(wf->old_f, (int)o);
        char *key = label ? nps_text_key(label, strlen(label)) : NULL;
        if (label && !key) {
            err = NPS_ERR_NOMEM;
            break;
        }
        for (size_t n = 1; !o2n[o] && n <= nn && err == NPS_OK; n++) {
            bool eq = false;
            if (n2o[n])
                continue;
            if (key)
                err = key_equals(nps_wave_option_label(wf->new_f, (int)n), key, &eq);
            else
                eq = !nps_wave_option_label(wf->new_f, (int)n) && n == o; /* stars by count */
            if (eq) {
                o2n[o] = (int)n;
                n2o[n] = (int)o;
            }
        }
        nps_free(key);
    }
    for (size_t n = 1; err == NPS_OK && n <= nn; n++)
        add_option(wf, n2o[n] ? NPS_WAVE_BOTH : NPS_WAVE_NEW, n2o[n] ? n2o[n] : -1, (int)n, by_cw[n]);
    for (size_t o = 1; err == NPS_OK && o <= no; o++)
        if (!o2n[o])
            add_option(wf, NPS_WAVE_OLD, (int)o, -1, false);
    if (err == NPS_OK)
        add_option(wf, NPS_WAVE_BOTH, 0, 0, false);
    nps_free(o2n);
    nps_free(n2o);
    nps_free(by_cw);
    return err;
}

/* The field of qu (closed, item > 0) whose label's key is `key`, or NULL. */
static nps_error item_with_key(const nps_question *qu, const char *key, const nps_field **out)
{
    nps_error err = NPS_OK;
    *out = NULL;
    for (size_t k = 0; k < qu->n_fields && err == NPS_OK && !*out; k++) {
        bool eq;
        const nps_field *f = qu->fields[k];
        if (f->item_index == 0 || !is_closed(f))
            continue;
        err = key_equals(f->label, key, &eq);
        if (eq)
            *out = f;
    }
    return err;
}

static size_t field_position(const nps_question *qu, const nps_field *f)
{
    for (size_t k = 0; k < qu->n_fields; k++)
        if (qu->fields[k] == f)
            return k;
    return 0;
}

/* Pair the fields of a question pair into pairs[new position] (old field or
 * NULL) and old_used[old position]; cw[new position]: by the crosswalk. */
static nps_error pair_items(matcher *mt, const nps_question *oq, const nps_question *nq,
                            const nps_field **pairs, bool *old_used, bool *cw)
{
    nps_error err = NPS_OK;
    for (size_t i = 0; err == NPS_OK && i < nps_crosswalk_count(mt->cw); i++) {
        const nps_crosswalk_entry *e = nps_crosswalk_at(mt->cw, i);
        const nps_field *of = NULL, *nf = NULL;
        if (!e->old_key[0] || e->old_question != oq->number || e->new_question != nq->number)
            continue;
        if ((err = item_with_key(oq, e->old_key, &of)) == NPS_OK && of)
            err = item_with_key(nq, e->new_key, &nf);
        if (err == NPS_OK && of && nf && !old_used[field_position(oq, of)] && !pairs[field_position(nq, nf)]) {
            pairs[field_position(nq, nf)] = of;
            cw[field_position(nq, nf)] = true;
            old_used[field_position(oq, of)] = true;
            mt->entry_used[i] = true;
        }
    }
    for (size_t k = 0; k < nq->n_fields && err == NPS_OK; k++) {
        const nps_field *nf = nq->fields[k];
        if (pairs[k] || !is_closed(nf))
            continue;
        for (size_t j = 0; j < oq->n_fields && err == NPS_OK && !pairs[k]; j++) {
            const nps_field *of = oq->fields[j];
            char *key;
            bool eq = false;
            if (old_used[j] || !is_closed(of) || (of->item_index == 0) != (nf->item_index == 0))
                continue;
            if (of->item_index == 0)
                eq = true; /* single-field questions: the field is the question */
            else if (!(key = nps_text_key(nf->label, strlen(nf->label))))
                err = NPS_ERR_NOMEM;
            else {
                err = key_equals(of->label, key, &eq);
                nps_free(key);
            }
            if (eq) {
                pairs[k] = of;
                old_used[j] = true;
            }
        }
    }
    return err;
}

static nps_error match_question_fields(matcher *mt, const nps_question *oq, const nps_question *nq, bool q_by_cw)
{
    const nps_field **pairs = nps_calloc(nq->n_fields + 1, sizeof *pairs);
    bool *old_used = nps_calloc(oq->n_fields + 1, sizeof *old_used);
    bool *cw = nps_calloc(nq->n_fields + 1, sizeof *cw);
    nps_error err = (!pairs || !old_used || !cw) ? NPS_ERR_NOMEM : NPS_OK;
    if (err == NPS_OK)
        err = pair_items(mt, oq, nq, pairs, old_used, cw);
    for (size_t k = 0; k < nq->n_fields && err == NPS_OK; k++) {
        nps_wave_field *wf;
        if (!is_closed(nq->fields[k]))
            continue;
        if (!pairs[k])
            err = add_single_field(mt, NPS_WAVE_NEW, nq, nq->fields[k]);
        else if ((err = add_field(mt, NPS_WAVE_BOTH, oq, nq, pairs[k], nq->fields[k], cw[k] || q_by_cw, &wf)) == NPS_OK)
            err = match_options(mt, wf);
    }
    for (size_t j = 0; j < oq->n_fields && err == NPS_OK; j++)
        if (!old_used[j] && is_closed(oq->fields[j]))
            err = add_single_field(mt, NPS_WAVE_OLD, oq, oq->fields[j]);
    nps_free(pairs);
    nps_free(old_used);
    nps_free(cw);
    return err;
}

static nps_error pair_all_questions(matcher *mt)
{
    nps_error err = NPS_OK;
    for (int pass = 0; pass < 2 && err == NPS_OK; pass++)
        for (size_t i = 0; i < nps_crosswalk_count(mt->cw) && err == NPS_OK; i++) {
            const nps_crosswalk_entry *e = nps_crosswalk_at(mt->cw, i);
            if ((pass == 0) == (e->old_key[0] == '\0'))
                err = pair_questions(mt, e, pass == 0);
        }
    return err == NPS_OK ? pair_by_text(mt) : err;
}

static nps_error build(matcher *mt)
{
    size_t no = nps_questionnaire_question_count(mt->oq), nn = nps_questionnaire_question_count(mt->nq);
    nps_error err = pair_all_questions(mt);
    for (size_t n = 0; n < nn && err == NPS_OK; n++) {
        const nps_question *nqu = nps_questionnaire_question_at(mt->nq, n);
        const nps_question *oqu = mt->new_to_old[n] >= 0 ? nps_questionnaire_question_at(mt->oq, (size_t)mt->new_to_old[n]) : NULL;
        err = add_question(mt, oqu ? NPS_WAVE_BOTH : NPS_WAVE_NEW, oqu, nqu, mt->q_by_cw[n]);
        for (size_t k = 0; !oqu && k < nqu->n_fields && err == NPS_OK; k++)
            if (is_closed(nqu->fields[k]))
                err = add_single_field(mt, NPS_WAVE_NEW, nqu, nqu->fields[k]);
        if (oqu && err == NPS_OK)
            err = match_question_fields(mt, oqu, nqu, mt->q_by_cw[n]);
    }
    for (size_t o = 0; o < no && err == NPS_OK; o++) {
        const nps_question *oqu = nps_questionnaire_question_at(mt->oq, o);
        if (mt->old_to_new[o] >= 0)
            continue;
        err = add_question(mt, NPS_WAVE_OLD, oqu, NULL, false);
        for (size_t k = 0; k < oqu->n_fields && err == NPS_OK; k++)
            if (is_closed(oqu->fields[k]))
                err = add_single_field(mt, NPS_WAVE_OLD, oqu, oqu->fields[k]);
    }
    for (size_t i = 0; err == NPS_OK && i < nps_crosswalk_count(mt->cw); i++) {
        const nps_crosswalk_entry *e = nps_crosswalk_at(mt->cw, i);
        if (e->old_key[0] && !mt->entry_used[i])
            err = nps_diag_set(mt->diag, NPS_ERR_CSV, nps_crosswalk_file(mt->cw), e->line,
                               "old Q%d 「%s」 and new Q%d 「%s」 are not an option or row of those questions "
                               "(or one of them is already matched)",
                               e->old_question, e->old_option, e->new_question, e->new_option);
    }
    return err;
}

nps_error nps_waves_match(const nps_questionnaire *old_q, const nps_questionnaire *new_q,
                          const nps_crosswalk *cw, nps_wave_match **out, nps_diag *diag)
{
    size_t no = nps_questionnaire_question_count(old_q), nn = nps_questionnaire_question_count(new_q);
    matcher mt = {old_q, new_q, cw, NULL, NULL, NULL, NULL, NULL, diag};
    nps_error err = NPS_ERR_NOMEM;
    *out = NULL;
    mt.old_to_new = nps_malloc((no + 1) * sizeof *mt.old_to_new);
    mt.new_to_old = nps_malloc((nn + 1) * sizeof *mt.new_to_old);
    mt.q_by_cw = nps_calloc(nn + 1, sizeof *mt.q_by_cw);
    mt.entry_used = nps_calloc(nps_crosswalk_count(cw) + 1, sizeof *mt.entry_used);
    mt.m = nps_calloc(1, sizeof *mt.m);
    if (!mt.old_to_new || !mt.new_to_old || !mt.q_by_cw || !mt.entry_used || !mt.m)
        goto cleanup;
    for (size_t i = 0; i < no; i++)
        mt.old_to_new[i] = -1;
    for (size_t i = 0; i < nn; i++)
        mt.new_to_old[i] = -1;
    err = build(&mt);
cleanup:
    if (err == NPS_ERR_NOMEM && diag && !diag->message[0])
        nps_diag_set(diag, err, "", 0, "out of memory");
    if (err == NPS_OK)
        *out = mt.m;
    else
        nps_wave_match_free(mt.m);
    nps_free(mt.old_to_new);
    nps_free(mt.new_to_old);
    nps_free(mt.q_by_cw);
    nps_free(mt.entry_used);
    return err;
}

size_t nps_wave_match_question_count(const nps_wave_match *m) { return m->n_questions; }
const nps_wave_question *nps_wave_match_question_at(const nps_wave_match *m, size_t i)
{
    return i < m->n_questions ? &m->questions[i] : NULL;
}
size_t nps_wave_match_field_count(const nps_wave_match *m) { return m->n_fields; }
const nps_wave_field *nps_wave_match_field_at(const nps_wave_match *m, size_t i)
{
    return i < m->n_fields ? &m->fields[i] : NULL;
}

void nps_wave_match_free(nps_wave_match *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_fields; i++)
        nps_free(m->fields[i].options);
    nps_free(m->fields);
    nps_free(m->questions);
    nps_free(m);
}
