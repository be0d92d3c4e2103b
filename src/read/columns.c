/*
 * columns.c — the export's header row mapped once to questionnaire fields:
 * a column is a question by its number (Q6. …, with an item number or a
 * row label in brackets) or by a question's text; the best-ranked timestamp
 * column becomes the timestamp; a second column for the same field and a
 * column matching no question are ignored (findings). Drift between the
 * header and the questionnaire is checked on the way (drift.c). Matchers are made
 * only for the select fields the export has.
 */
#include <string.h>
#include "base/alloc.h"
#include "base/text.h"
#include "read/drift.h"
#include "read/header.h"
#include "read/read_private.h"

/* The field of question `qu` whose row/item label has key `key`, or NULL. */
static const nps_field *field_by_item_label(const nps_question *qu, const char *row)
{
    char *key = nps_text_key(row, strlen(row));
    const nps_field *found = NULL;
    for (size_t i = 0; key && i < qu->n_fields && !found; i++) {
        char *k = nps_text_key(qu->fields[i]->label, strlen(qu->fields[i]->label));
        if (k && (strcmp(k, key) == 0 || nps_text_wildcard_match(key, k)))
            found = qu->fields[i];
        nps_free(k);
    }
    nps_free(key);
    return found;
}

static const nps_field *field_for_numbered(const nps_questionnaire *q, const nps_header *h)
{
    const nps_question *qu = nps_questionnaire_question(q, h->number);
    if (!qu)
        return NULL;
    if (h->item)
        return nps_questionnaire_field(q, h->number, h->item);
    if (h->row)
        return field_by_item_label(qu, h->row);
    if (qu->n_fields == 1 && qu->fields[0]->item_index == 0)
        return qu->fields[0];
    /* a group/matrix column named only by its item label after the number */
    return h->text ? field_by_item_label(qu, h->text) : NULL;
}

/* A header without a number: equal to a question's label (normalised). */
static const nps_field *field_for_label(const nps_questionnaire *q, const nps_header *h)
{
    char *key = nps_text_key(h->text, strlen(h->text));
    const nps_field *found = NULL;
    for (size_t i = 0; key && *key && i < nps_questionnaire_question_count(q) && !found; i++) {
        const nps_question *qu = nps_questionnaire_question_at(q, i);
        char *k = nps_text_key(qu->label, strlen(qu->label));
        if (k && (strcmp(k, key) == 0 || nps_text_wildcard_match(key, k))) {
            if (h->row)
                found = field_by_item_label(qu, h->row);
            else if (qu->n_fields == 1 && qu->fields[0]->item_index == 0)
                found = qu->fields[0];
        }
        nps_free(k);
    }
    nps_free(key);
    return found;
}

/* A header without a number "<question text>.<row text>" (Microsoft Forms'
 * title of a grid row or of one field of a group): the question whose key
 * is the longest that starts the header's key just before a ".", and its
 * field whose label is the rest. */
static const nps_field *field_for_dotted_label(const nps_questionnaire *q, const nps_header *h)
{
    char *key = nps_text_key(h->text, strlen(h->text));
    const nps_field *found = NULL;
    size_t best = 0;
    for (size_t i = 0; key && i < nps_questionnaire_question_count(q); i++) {
        const nps_question *qu = nps_questionnaire_question_at(q, i);
        char *k = nps_text_key(qu->label, strlen(qu->label));
        size_t n = k ? strlen(k) : 0;
        const nps_field *f;
        if (n > best && strncmp(key, k, n) == 0 && key[n] == '.' && key[n + 1]
            && (f = field_by_item_label(qu, key + n + 1)) != NULL) {
            found = f;
            best = n;
        }
        nps_free(k);
    }
    nps_free(key);
    return found;
}

static nps_error map_column(reader *r, size_t i, const char *raw, size_t len)
{
    nps_header h;
    column_map *c = &r->columns[i];
    c->header = nps_strndup(raw, len);
    if (!c->header)
        return NPS_ERR_NOMEM;
    if (nps_header_timestamp_rank(raw, len))
        return NPS_OK; /* decided after all columns are seen */
    if (nps_header_parse(raw, len, &h) != 0)
        return NPS_ERR_NOMEM;
    c->field = h.number ? field_for_numbered(r->q, &h) : field_for_label(r->q, &h);
    if (!c->field && !h.number && !h.row)
        c->field = field_for_dotted_label(r->q, &h);
    nps_error drift = nps_drift_check_header(r, i, &h);
    nps_header_clear(&h);
    if (drift != NPS_OK)
        return drift;
    for (size_t j = 0; c->field && j < i; j++)
        if (r->columns[j].field == c->field) {
            nps_error err = nps_dataset_add_quality(r->d, NPS_QUALITY_FINDING, 1, c->header, "", 0,
                                                    "a second column for the same question: ignored");
            c->field = NULL;
            return err;
        }
    return NPS_OK;
}

/* The best-ranked timestamp column becomes the timestamp. */
static void choose_timestamp(reader *r, const char *const *fields, const size_t *lens)
{
    int best = 0;
    size_t at = 0;
    for (size_t i = 0; i < r->n_columns; i++) {
        int rank = nps_header_timestamp_rank(fields[i], lens[i]);
        if (rank && (!best || rank < best)) {
            best = rank;
            at = i;
        }
    }
    if (best)
        r->columns[at].is_timestamp = true;
}

nps_error nps_reader_make_matchers(reader *r)
{
    size_t n = nps_questionnaire_field_count(r->q);
    r->matchers = nps_calloc(n ? n : 1, sizeof *r->matchers);
    if (!r->matchers)
        return NPS_ERR_NOMEM;
    /* only for the fields the export has: an export of a few columns need
     * not normalise every option label of the questionnaire */
    for (size_t i = 0; i < r->n_columns; i++) {
        const nps_field *f = r->columns[i].field;
        if (f && f->list && !r->matchers[f->column]) {
            nps_error err = nps_matcher_new(f->list, &r->matchers[f->column]);
            if (err != NPS_OK)
                return err;
        }
    }
    return NPS_OK;
}

static nps_error log_ignored_columns(reader *r)
{
    nps_read_info *info = nps_dataset_read_info_mut(r->d);
    size_t mapped = 0;
    nps_error err = NPS_OK;
    for (size_t i = 0; i < r->n_columns && err == NPS_OK; i++) {
        if (r->columns[i].field) {
            mapped++;
        } else if (!r->columns[i].is_timestamp) {
            info->columns_ignored++;
            err = nps_drift_log_unmatched_column(r, i);
        }
    }
    if (err == NPS_OK && mapped > 0)
        err = nps_drift_log_missing_fields(r);
    if (err == NPS_OK && mapped == 0) {
        err = nps_diag_set(r->diag, NPS_ERR_HEADER, r->path, 1,
                           "the header matches no question of the questionnaire: is this a survey export?");
        nps_diag_hint(r->diag, "question columns must start with their number (Q6. …) or equal a question's text");
    }
    return err;
}

nps_error nps_reader_read_header(reader *r, size_t n, const char *const *fields, const size_t *lens)
{
    nps_error err = NPS_OK;
    r->n_columns = n;
    r->columns = nps_calloc(n, sizeof *r->columns);
    if (!r->columns)
        return NPS_ERR_NOMEM;
    nps_dataset_read_info_mut(r->d)->columns = n;
    for (size_t i = 0; i < n && err == NPS_OK; i++)
        err = map_column(r, i, fields[i], lens[i]);
    if (err == NPS_OK) {
        choose_timestamp(r, fields, lens);
        err = log_ignored_columns(r);
    }
    if (err == NPS_OK)
        err = nps_reader_make_matchers(r);
    r->header_done = true;
    return err;
}
