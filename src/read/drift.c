/*
 * drift.c — an export that does not fit its questionnaire is loud, never
 * silent (docs/annual-cycle.md, "Drift"):
 *
 *   - a numbered header whose text is exactly another question's label is
 *     an error (the wrong questionnaire for this export);
 *   - a numbered header whose text is far from its own question's label and
 *     field labels is a finding;
 *   - a column that matches no question, and a question field that no
 *     column carries, are findings;
 *   - after the read (and the duplicates), a write-in that 3 or more
 *     organisations — or 10 % of them, at least 2 — gave in the same words
 *     is a finding that quotes it: an option added or reworded?
 *
 * Texts are compared as keys (NFKC, no white space). Closeness is the
 * longest common subsequence of the two keys' code points over their mean
 * length; a header whose text is part of a label (cut short or abridged) is
 * close to it. Owns nothing beyond the call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "base/text.h"
#include "read/drift.h"
#include "read/read_private.h"

#define KEY_POINTS 256          /* code points of a key compared for closeness */
#define FAR_BELOW 0.5           /* closeness under this: far from the label */
#define REPEATED_WRITE_INS 3    /* organisations giving one write-in: a finding */
#define REPEATED_MIN 2          /* … or 10 % of them, but at least this many */

size_t nps_drift_code_points(const char *s, unsigned *cp, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    while (*p && n < max) {
        unsigned c = *p, len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        unsigned v = len == 1 ? c : c & (0x3F >> (len - 1));
        for (unsigned i = 1; i < len && p[i]; i++)
            v = (v << 6) | (p[i] & 0x3F);
        cp[n++] = v;
        for (unsigned i = 0; i < len && *p; i++)
            p++;
    }
    return n;
}

double nps_drift_closeness(const char *key_a, const char *key_b)
{
    unsigned a[KEY_POINTS], b[KEY_POINTS];
    unsigned short row[KEY_POINTS + 1];
    size_t na = nps_drift_code_points(key_a, a, KEY_POINTS), nb = nps_drift_code_points(key_b, b, KEY_POINTS);
    if (na == 0 || nb == 0)
        return na == nb ? 1.0 : 0.0;
    memset(row, 0, sizeof row);
    for (size_t i = 0; i < na; i++) {
        unsigned short diagonal = 0;
        for (size_t j = 0; j < nb; j++) {
            unsigned short above = row[j + 1];
            row[j + 1] = a[i] == b[j] ? (unsigned short)(diagonal + 1)
                                      : (above > row[j] ? above : row[j]);
            diagonal = above;
        }
    }
    return 2.0 * row[nb] / (double)(na + nb);
}

/* A short form of a header for messages: its first 60 bytes. */
static char *short_text(const char *s)
{
    char *t = nps_utf8_truncate(s, 60);
    if (t && strlen(t) < strlen(s)) {
        char *longer = nps_realloc(t, strlen(t) + 4);
        if (!longer) {
            nps_free(t);
            return NULL;
        }
        strcat(longer, "\xE2\x80\xA6"); /* … */
        t = longer;
    }
    return t;
}

/* The question (other than `own`) whose label's key is `key`, or NULL. */
static const nps_question *other_question_with_label(const nps_questionnaire *q, int own,
                                                     const char *key, bool *own_matches)
{
    const nps_question *found = NULL;
    *own_matches = false;
    for (size_t i = 0; i < nps_questionnaire_question_count(q); i++) {
        const nps_question *qu = nps_questionnaire_question_at(q, i);
        char *k = nps_text_key(qu->label, strlen(qu->label));
        if (k && strcmp(k, key) == 0) {
            if (qu->number == own)
                *own_matches = true;
            else if (!found)
                found = qu;
        }
        nps_free(k);
    }
    return found;
}

/* The best closeness of `key` to the question's label or a field's label. */
static double closeness_to_question(const nps_question *qu, const char *key)
{
    double best = 0;
    for (size_t i = 0; i <= qu->n_fields; i++) {
        const char *label = i == 0 ? qu->label : qu->fields[i - 1]->label;
        char *k = nps_text_key(label, strlen(label));
        /* a header cut short or abridged by hand is still its question */
        double c = !k ? 0 : strstr(k, key) ? 1.0 : nps_drift_closeness(key, k);
        if (c > best)
            best = c;
        nps_free(k);
    }
    return best;
}

static nps_error wrong_questionnaire(reader *r, size_t column, const char *header, int number,
                                     const nps_question *other)
{
    char *shown = short_text(header);
    nps_diag_set(r->diag, NPS_ERR_HEADER, r->path, 1,
                 "column %zu 「%s」 carries Q%d but its text is the questionnaire's Q%d: "
                 "is this the right questionnaire?",
                 column + 1, shown ? shown : header, number, other->number);
    nps_diag_hint(r->diag, "load this survey's questionnaire with --questionnaire DIR, "
                           "a copy of questionnaire/ edited for this year: docs/annual-cycle.md");
    nps_free(shown);
    return NPS_ERR_HEADER;
}

nps_error nps_drift_check_header(reader *r, size_t column, const nps_header *h)
{
    const nps_question *own = nps_questionnaire_question(r->q, h->number), *other;
    nps_error err = NPS_OK;
    bool own_matches;
    char *key, message[160];
    if (!h->number || !h->text || !*h->text || strchr(h->text, '?'))
        return NPS_OK; /* nothing to compare; '?' is a CP932 loss */
    if (!(key = nps_text_key(h->text, strlen(h->text))))
        return NPS_ERR_NOMEM;
    other = other_question_with_label(r->q, h->number, key, &own_matches);
    if (other && !own_matches) {
        err = wrong_questionnaire(r, column, r->columns[column].header, h->number, other);
    } else if (own && !own_matches && closeness_to_question(own, key) < FAR_BELOW) {
        snprintf(message, sizeof message,
                 "column %zu: its text is far from Q%d's label in the questionnaire: "
                 "a changed question? (check the questionnaire)", column + 1, h->number);
        err = nps_dataset_add_quality(r->d, NPS_QUALITY_FINDING, 1, r->columns[column].header, "", 0,
                                      message);
    }
    nps_free(key);
    return err;
}

/* Columns the form tools add on their own (read/header.h): not survey
 * questions, so not drift. */
static bool form_metadata_column(const char *header)
{
    size_t len = strlen(header);
    return nps_header_form_metadata(header, len) != NPS_META_NONE || nps_header_timestamp_rank(header, len) > 0;
}

nps_error nps_drift_log_unmatched_column(reader *r, size_t column)
{
    char message[120];
    if (form_metadata_column(r->columns[column].header)) {
        snprintf(message, sizeof message,
                 "column %zu is the form tool's own (not a question): ignored", column + 1);
        return nps_dataset_add_quality(r->d, NPS_QUALITY_NOTE, 1, r->columns[column].header, "", 0,
                                       message);
    }
    snprintf(message, sizeof message,
             "column %zu matches no question of the questionnaire: ignored", column + 1);
    return nps_dataset_add_quality(r->d, NPS_QUALITY_FINDING, 1, r->columns[column].header, "", 0,
                                   message);
}

static bool field_has_column(const reader *r, const nps_field *f)
{
    for (size_t i = 0; i < r->n_columns; i++)
        if (r->columns[i].field == f)
            return true;
    return false;
}

/* One finding per question that lacks a column for some or all of its
 * fields; those fields are marked absent in the dataset (left out of the
 * tables). Personal questions are not required. */
static nps_error log_missing(reader *r, const nps_question *qu, size_t present)
{
    char column[32], message[200];
    const nps_field *first = NULL;
    for (size_t k = 0; k < qu->n_fields; k++)
        if (!field_has_column(r, qu->fields[k])) {
            nps_dataset_set_field_absent(r->d, qu->fields[k]);
            first = first ? first : qu->fields[k];
        }
    snprintf(column, sizeof column, "Q%d", qu->number);
    if (present == 0)
        snprintf(message, sizeof message,
                 "Q%d has no column in this export: left out of the tables, not counted as no answer",
                 qu->number);
    else
        snprintf(message, sizeof message,
                 "Q%d: %zu of its %zu items have no column in this export (the first is quoted): "
                 "left out of the tables, not counted as no answer",
                 qu->number, qu->n_fields - present, qu->n_fields);
    return nps_dataset_add_quality(r->d, NPS_QUALITY_FINDING, 1, column, present ? first->label : "",
                                   present ? strlen(first->label) : 0, message);
}

nps_error nps_drift_log_missing_fields(reader *r)
{
    nps_error err = NPS_OK;
    for (size_t i = 0; i < nps_questionnaire_question_count(r->q) && err == NPS_OK; i++) {
        const nps_question *qu = nps_questionnaire_question_at(r->q, i);
        size_t present = 0;
        for (size_t k = 0; k < qu->n_fields; k++)
            present += field_has_column(r, qu->fields[k]);
        if (present < qu->n_fields && qu->fields[0]->personal == NPS_PERSONAL_NONE)
            err = log_missing(r, qu, present);
    }
    return err;
}

/* ---- repeated write-ins, after the read ---- */

typedef struct write_in {
    char *key;        /* NFKC, no white space */
    const char *text; /* the answer's own text (in the dataset), len bytes */
    size_t len;
    size_t order;     /* position of collection: ties sort the same on any machine */
} write_in;

static int by_key(const void *a, const void *b)
{
    const write_in *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->order > y->order) - (x->order < y->order);
}

static void free_write_ins(write_in *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        nps_free(w[i].key);
    nps_free(w);
}

/* Add the key of text[0..len) unless the same organisation gave it already
 * (its pieces are at w[first..*n)). */
static nps_error add_piece(write_in *w, size_t *n, size_t first, const char *text, size_t len)
{
    size_t a, b;
    nps_text_trim_span(text, len, &a, &b);
    text += a;
    len = b - a;
    char *key = nps_text_key(text, len);
    if (!key)
        return NPS_ERR_NOMEM;
    for (size_t i = first; i < *n; i++)
        if (strcmp(w[i].key, key) == 0 || !*key) {
            nps_free(key);
            return NPS_OK;
        }
    if (!*key) {
        nps_free(key);
        return NPS_OK;
    }
    w[*n].key = key;
    w[*n].text = text;
    w[*n].len = len;
    w[*n].order = *n;
    (*n)++;
    return NPS_OK;
}

/* The write-ins of field f, one entry per piece per organisation (the
 * reader joins the write-ins of one cell with 「、」, Google Forms the
 * answers of a multiple choice with ", "), sorted by key. */
static nps_error collect_write_ins(const nps_dataset *d, const nps_field *f, write_in **out,
                                   size_t *n_out)
{
    static const char joiner[] = "\xE3\x80\x81"; /* 、 */
    size_t rows = nps_dataset_count(d), n = 0, cap = rows + 1;
    write_in *w = nps_calloc(cap, sizeof *w);
    nps_error err = w ? NPS_OK : NPS_ERR_NOMEM;
    for (size_t row = 0; row < rows && err == NPS_OK; row++) {
        const char *t = nps_dataset_text(d, row, f), *end;
        size_t first = n;
        for (; t && *t && err == NPS_OK; t = *end ? end + (*end == ',' ? 1 : 3) : end) {
            const char *comma = strstr(t, ", ");
            end = strstr(t, joiner);
            end = end ? end : t + strlen(t);
            end = comma && comma < end ? comma : end;
            if (n + 1 >= cap && (err = nps_grow((void **)&w, &cap, n + 2, sizeof *w, 16)) != NPS_OK)
                break;
            err = add_piece(w, &n, first, t, (size_t)(end - t));
        }
    }
    if (err != NPS_OK) {
        free_write_ins(w, n);
        return err;
    }
    if (n > 1)
        qsort(w, n, sizeof *w, by_key);
    *out = w;
    *n_out = n;
    return NPS_OK;
}

static bool list_has_other(const nps_list *l)
{
    for (size_t i = 0; l && i < l->n_options; i++)
        if (l->options[i].role == NPS_OPTION_OTHER)
            return true;
    return false;
}

static nps_error report_repeated(nps_dataset *d, const nps_field *f, const write_in *w,
                                 size_t count)
{
    char column[32], message[200];
    char *whole = nps_strndup(w->text, w->len), *shown = whole ? short_text(whole) : NULL;
    nps_error err;
    if (!shown) {
        nps_free(whole);
        return NPS_ERR_NOMEM;
    }
    if (f->item_index)
        snprintf(column, sizeof column, "Q%d-%d", f->question, f->item_index);
    else
        snprintf(column, sizeof column, "Q%d", f->question);
    snprintf(message, sizeof message,
             "「%s」: %zu answers not in choices.csv, counted as その他 — an option added or reworded?",
             shown, count);
    err = nps_dataset_add_quality(d, NPS_QUALITY_FINDING, 0, column, w->text, w->len, message);
    nps_free(shown);
    nps_free(whole);
    return err;
}

static nps_error check_field_write_ins(nps_dataset *d, const nps_field *f, size_t base)
{
    write_in *w = NULL;
    size_t n = 0;
    nps_error err = collect_write_ins(d, f, &w, &n);
    for (size_t i = 0; err == NPS_OK && i < n;) {
        size_t j = i + 1;
        while (j < n && strcmp(w[j].key, w[i].key) == 0)
            j++;
        size_t count = j - i;
        if (count >= REPEATED_WRITE_INS || (count >= REPEATED_MIN && count * 10 >= base))
            err = report_repeated(d, f, &w[i], count);
        i = j;
    }
    free_write_ins(w, n);
    return err;
}

nps_error nps_drift_check_write_ins(nps_dataset *d)
{
    const nps_questionnaire *q = nps_dataset_questionnaire(d);
    size_t base = nps_dataset_count(d);
    nps_error err = NPS_OK;
    for (size_t c = 0; c < nps_questionnaire_field_count(q) && err == NPS_OK; c++) {
        const nps_field *f = nps_questionnaire_field_at(q, c);
        if ((f->type == NPS_F_SELECT_ONE || f->type == NPS_F_SELECT_MULTIPLE) && list_has_other(f->list))
            err = check_field_write_ins(d, f, base);
    }
    return err;
}
