/*
 * reader.c — export → dataset (see reader.h for the pipeline).
 *
 * The reader is a csvstream callback: the first record is the header, mapped
 * once to questionnaire fields (column_map); every later record is coded
 * cell by cell into a new dataset row. After the last record, duplicates are
 * removed. Problems with single cells go to the quality log; problems with
 * the file (encoding, CSV syntax, header, limits) stop the read with one
 * diagnostic naming file and line.
 *
 * Invariants: columns[i] describes header column i for the whole read;
 * matchers[c] exists for every select field c that a column maps to; a row
 * is added to the dataset only when at least one of its cells is non-empty.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>
#include "base/alloc.h"
#include "read/csvstream.h"
#include "read/encoding.h"
#include "read/header.h"
#include "read/match.h"
#include "read/numbers.h"
#include "read/reader.h"
#include "base/text.h"
#include "base/timestamp.h"

typedef struct column_map {
    const nps_field *field;   /* NULL: ignored column */
    bool is_timestamp;
    char *header;             /* raw header text (for the quality log) */
} column_map;

/* Duplicate keys of the rows read so far (see "duplicates"): for row r and
 * key field k (0 organisation, 1 e-mail), refs[2r+k] is the key's offset
 * + 1 in `arena` (0: no key) and its hash. */
typedef struct key_ref {
    size_t at;
    uint64_t hash;
} key_ref;

typedef struct dedup_keys {
    const nps_field *fields[2]; /* NULL: the questionnaire has no such field */
    char *arena;
    size_t len, cap;
    key_ref *refs;
    size_t n_rows, cap_rows;
} dedup_keys;

typedef struct reader {
    const char *path;
    const nps_questionnaire *q;
    nps_read_options opts;
    nps_dataset *d;
    nps_diag *diag;
    size_t n_columns;
    column_map *columns;
    nps_matcher **matchers;   /* by field column */
    bool header_done;
    nps_error cell_error;     /* allocation failures inside callbacks */
    long utf8_invalid_line;   /* auto-detected CP932: the first line that is not UTF-8 */
    bool cells_valid;         /* the decoded text is known to be valid UTF-8 (no check per cell) */
    bool collect_keys;        /* duplicates are to be removed: keep each row's keys */
    dedup_keys keys;
} reader;

/* ---------- header ---------- */

/* The field of question `qu` whose row/item label has key `key`, or NULL. */
static const nps_field *field_by_item_label(const nps_question *qu, const char *row)
{
    char *key = nps_text_key(row, strlen(row));
    const nps_field *found = NULL;
    for (size_t i = 0; key && i < qu->n_fields && !found; i++) {
        char *k = nps_text_key(qu->fields[i]->label, strlen(qu->fields[i]->label));
        if (k && (strcmp(k, key) == 0 || nps_text_wildcard_match(key, k)))
            found = qu->fields[i];
        free(k);
    }
    free(key);
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
        free(k);
    }
    free(key);
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
    nps_header_clear(&h);
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

static nps_error make_matchers(reader *r)
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
            err = nps_dataset_add_quality(r->d, NPS_QUALITY_NOTE, 1, r->columns[i].header, "", 0,
                                          "column matches no question: ignored");
        }
    }
    if (err == NPS_OK && mapped == 0) {
        err = nps_diag_set(r->diag, NPS_ERR_HEADER, r->path, 1,
                           "the header matches no question of the questionnaire: is this a survey export?");
        nps_diag_hint(r->diag, "question columns must start with their number (Q6. …) or equal a question's text");
    }
    return err;
}

static nps_error read_header(reader *r, size_t n, const char *const *fields, const size_t *lens)
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
        err = make_matchers(r);
    r->header_done = true;
    return err;
}

/* ---------- cells ---------- */

static nps_error note(reader *r, nps_quality_kind kind, long line, const column_map *c,
                      const char *raw, size_t len, const char *action)
{
    return nps_dataset_add_quality(r->d, kind, line, c->header, raw, len, action);
}

static nps_error code_select(reader *r, size_t row, long line, const column_map *c,
                             const char *raw, size_t len)
{
    const nps_field *f = c->field;
    nps_match_result m;
    nps_error err = f->type == NPS_F_SELECT_MULTIPLE
                        ? nps_match_many(r->matchers[f->column], raw, len, &m)
                        : nps_match_one(r->matchers[f->column], raw, len, &m);
    if (err != NPS_OK)
        return err;
    if (f->type == NPS_F_SELECT_MULTIPLE)
        nps_dataset_set_choices(r->d, row, f, m.options);
    else
        nps_dataset_set_choice(r->d, row, f, m.option);
    if (m.other_text)
        err = nps_dataset_set_text(r->d, row, f, m.other_text, strlen(m.other_text));
    if (err == NPS_OK && m.unmatched)
        err = note(r, NPS_QUALITY_FINDING, line, c, raw, len,
                   m.option || m.options ? "text matching no option dropped (the question has no 'other')"
                                         : "matches no option: no answer");
    if (err == NPS_OK && m.used_wildcard)
        err = note(r, NPS_QUALITY_NOTE, line, c, raw, len,
                   m.ambiguous ? "'?' (a character lost in CP932) matched more than one option: took the longest"
                               : "'?' (a character lost in CP932) resolved to the one matching option");
    nps_match_result_clear(&m);
    return err;
}

static const char *number_note_text(unsigned notes)
{
    if (notes & NPS_NUMBER_NOTE_RANGE)
        return "a range: its midpoint was taken";
    if (notes & NPS_NUMBER_NOTE_TSUBO)
        return "坪 converted to ㎡ (1坪 = 3.306㎡)";
    if (notes & NPS_NUMBER_NOTE_WARI)
        return "N割 read as N×10%";
    if (notes & NPS_NUMBER_NOTE_ROUNDED)
        return "not a whole number: rounded half up";
    return NULL;
}

static nps_error code_number(reader *r, size_t row, long line, const column_map *c,
                             const char *raw, size_t len)
{
    const nps_field *f = c->field;
    nps_number n = nps_number_parse(raw, len, f->unit);
    int bin = 0;
    const char *why;
    switch (n.status) {
    case NPS_NUMBER_EMPTY:
        return NPS_OK;
    case NPS_NUMBER_UNKNOWN:
        bin = nps_bin_special(f->bins, NPS_BIN_UNKNOWN);
        if (bin)
            nps_dataset_set_number(r->d, row, f, NAN, bin);
        return NPS_OK;
    case NPS_NUMBER_INVALID:
        bin = nps_bin_special(f->bins, NPS_BIN_OTHER);
        if (bin) {
            nps_dataset_set_number(r->d, row, f, NAN, bin);
            return note(r, NPS_QUALITY_NOTE, line, c, raw, len, "not a number of this unit: counted as その他");
        }
        return note(r, NPS_QUALITY_FINDING, line, c, raw, len, "not a number: no answer");
    case NPS_NUMBER_OK:
        break;
    }
    bin = nps_bin_index(f->bins, n.value);
    if (!bin)
        return note(r, NPS_QUALITY_FINDING, line, c, raw, len,
                    f->unit == NPS_UNIT_PERCENT ? "percentage outside 0–100: no answer"
                                                : "value outside every bin: no answer");
    nps_dataset_set_number(r->d, row, f, n.value, bin);
    why = number_note_text(n.notes);
    return why ? note(r, NPS_QUALITY_NOTE, line, c, raw, len, why) : NPS_OK;
}

/* Stars: 1–10 as digits, or that many ★. */
static int parse_stars(const char *raw, size_t len)
{
    char *t;
    int stars = 0;
    size_t a, b;
    nps_text_trim_span(raw, len, &a, &b);
    if (b - a == 1 && raw[a] >= '1' && raw[a] <= '9')
        return raw[a] - '0'; /* the usual cell, without normalising */
    if (b - a == 2 && raw[a] == '1' && raw[a + 1] == '0')
        return 10;
    t = nps_text_key(raw, len);
    if (!t)
        return -1;
    if (t[0] >= '0' && t[0] <= '9') {
        char *end;
        long v = strtol(t, &end, 10);
        stars = (*end == '\0' && v >= 1 && v <= 10) ? (int)v : -1;
    } else {
        const char *p = t;
        while (strncmp(p, "\xE2\x98\x85", 3) == 0) { /* ★ */
            stars++;
            p += 3;
        }
        if (*p || stars > 10)
            stars = -1;
    }
    free(t);
    return stars;
}

static nps_error code_cell(reader *r, size_t row, long line, const column_map *c,
                           const char *raw, size_t len)
{
    const nps_field *f = c->field;
    switch (f->type) {
    case NPS_F_TEXT: {
        size_t a, b;
        nps_text_trim_span(raw, len, &a, &b);
        return nps_dataset_set_text(r->d, row, f, raw + a, b - a);
    }
    case NPS_F_SELECT_ONE:
    case NPS_F_SELECT_MULTIPLE:
        return code_select(r, row, line, c, raw, len);
    case NPS_F_NUMBER:
        return code_number(r, row, line, c, raw, len);
    case NPS_F_RATING: {
        int stars = parse_stars(raw, len);
        if (stars > 0)
            nps_dataset_set_choice(r->d, row, f, stars);
        return stars > 0 ? NPS_OK : note(r, NPS_QUALITY_FINDING, line, c, raw, len, "not a rating of 1–10: no answer");
    }
    }
    return NPS_OK;
}

static bool blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return false;
    return true;
}

static long long row_timestamp(reader *r, long line, size_t n, const char *const *fields,
                               const size_t *lens, nps_error *err)
{
    for (size_t i = 0; i < n && i < r->n_columns; i++) {
        long long t;
        if (!r->columns[i].is_timestamp)
            continue;
        if (blank(fields[i], lens[i]))
            return -1;
        if (nps_timestamp_parse(fields[i], lens[i], &t))
            return t;
        *err = note(r, NPS_QUALITY_FINDING, line, &r->columns[i], fields[i], lens[i],
                    "unreadable timestamp: the response counts as the oldest for duplicates");
        return -1;
    }
    return -1;
}

/* Percent rows of one group question should add up to 100. */
static nps_error check_percent_sums(reader *r, size_t row, long line)
{
    nps_error err = NPS_OK;
    for (size_t i = 0; i < nps_questionnaire_question_count(r->q) && err == NPS_OK; i++) {
        const nps_question *qu = nps_questionnaire_question_at(r->q, i);
        double sum = 0;
        int answered = 0;
        if (qu->type != NPS_Q_GROUP || qu->n_fields < 2 || qu->fields[0]->unit != NPS_UNIT_PERCENT)
            continue;
        for (size_t k = 0; k < qu->n_fields; k++) {
            double v = nps_dataset_number(r->d, row, qu->fields[k]);
            if (!isnan(v)) {
                sum += v;
                answered++;
            }
        }
        if (answered && fabs(sum - 100.0) > 0.5) {
            char raw[64], column[32];
            snprintf(raw, sizeof raw, "sum %.1f%%", sum);
            snprintf(column, sizeof column, "Q%d", qu->number);
            err = nps_dataset_add_quality(r->d, NPS_QUALITY_NOTE, line, column, raw, strlen(raw),
                                          "percentages do not add up to 100: tabulated as given");
        }
    }
    return err;
}

static nps_error keys_add_row(dedup_keys *k, const nps_dataset *d, size_t row);

static nps_error read_row(reader *r, long line, size_t n, const char *const *fields,
                          const size_t *lens)
{
    nps_read_info *info = nps_dataset_read_info_mut(r->d);
    nps_error err = NPS_OK;
    size_t row;
    bool empty = true;
    info->records++;
    for (size_t i = 0; i < n && empty; i++)
        empty = blank(fields[i], lens[i]);
    if (empty) {
        info->empty_rows++;
        return NPS_OK;
    }
    long long ts = row_timestamp(r, line, n, fields, lens, &err);
    if (err == NPS_OK)
        err = nps_dataset_add_row(r->d, line, ts, &row);
    if (err == NPS_OK && n != r->n_columns)
        err = nps_dataset_add_quality(r->d, NPS_QUALITY_FINDING, line, "", "", 0,
                                      n < r->n_columns ? "row has fewer cells than the header: missing cells are no answer"
                                                       : "row has more cells than the header: extra cells ignored");
    for (size_t i = 0; i < n && i < r->n_columns && err == NPS_OK; i++) {
        const column_map *c = &r->columns[i];
        if (!c->field || blank(fields[i], lens[i]))
            continue;
        if (!r->cells_valid && !nps_utf8_valid(fields[i], lens[i]))
            return NPS_ERR_ENCODING;
        err = code_cell(r, row, line, c, fields[i], lens[i]);
    }
    if (err == NPS_OK)
        err = check_percent_sums(r, row, line);
    if (err == NPS_OK && r->collect_keys)
        err = keys_add_row(&r->keys, r->d, row);
    return err;
}

static nps_error on_record(void *ctx, long line, size_t n, const char *const *fields,
                           const size_t *lens)
{
    reader *r = ctx;
    if (!r->header_done) {
        for (size_t i = 0; i < n; i++)
            if (!nps_utf8_valid(fields[i], lens[i]))
                return NPS_ERR_ENCODING;
        return read_header(r, n, fields, lens);
    }
    return read_row(r, line, n, fields, lens);
}

/* ---------- duplicates ----------
 *
 * Rows sharing a key (the normalised 団体名, or the lower-cased e-mail) are
 * one organisation. The keys are made as rows are read (in each half's own
 * thread), kept in a dedup_keys store that follows the dataset's rows, and
 * joined after the read through a hash table per key field: union-find over
 * rows with equal keys. A store that does not cover every row (rows read
 * without collecting) is completed from the dataset first. */

/* Union-find over rows sharing a key. */
static size_t find_root(size_t *parent, size_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

static char *dedup_key(const nps_dataset *d, size_t row, const nps_field *f, bool lower)
{
    const char *t = f ? nps_dataset_text(d, row, f) : NULL;
    char *k;
    if (!t || !*t)
        return NULL;
    k = nps_text_key(t, strlen(t));
    if (k && lower)
        for (char *p = k; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
    return k;
}

static uint64_t key_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3u;
    return h;
}

static void keys_init(dedup_keys *k, const nps_questionnaire *q)
{
    memset(k, 0, sizeof *k);
    k->fields[0] = nps_questionnaire_personal_field(q, NPS_PERSONAL_ORGANISATION);
    k->fields[1] = nps_questionnaire_personal_field(q, NPS_PERSONAL_EMAIL);
}

/* Forget the keys (the fields stay). */
static void keys_clear(dedup_keys *k)
{
    nps_free(k->arena);
    nps_free(k->refs);
    k->arena = NULL;
    k->refs = NULL;
    k->len = k->cap = k->n_rows = k->cap_rows = 0;
}

static nps_error keys_reserve(dedup_keys *k, size_t rows, size_t bytes)
{
    if (rows > k->cap_rows) {
        size_t cap = k->cap_rows ? k->cap_rows : 64;
        key_ref *n;
        while (cap < rows)
            cap *= 2;
        if (!(n = nps_realloc(k->refs, cap * 2 * sizeof *n)))
            return NPS_ERR_NOMEM;
        k->refs = n;
        k->cap_rows = cap;
    }
    if (bytes > k->cap) {
        size_t cap = k->cap ? k->cap : 4096;
        char *n;
        while (cap < bytes)
            cap *= 2;
        if (!(n = nps_realloc(k->arena, cap)))
            return NPS_ERR_NOMEM;
        k->arena = n;
        k->cap = cap;
    }
    return NPS_OK;
}

/* Append the keys of dataset row `row`, which must be row k->n_rows. */
static nps_error keys_add_row(dedup_keys *k, const nps_dataset *d, size_t row)
{
    nps_error err = keys_reserve(k, k->n_rows + 1, 0);
    key_ref *refs = k->refs + 2 * k->n_rows;
    for (int i = 0; i < 2 && err == NPS_OK; i++) {
        char *key = dedup_key(d, row, k->fields[i], i == 1);
        size_t n = key ? strlen(key) + 1 : 0;
        refs[i] = (key_ref){0, 0};
        if (!key && k->fields[i] && nps_dataset_text(d, row, k->fields[i]) && *nps_dataset_text(d, row, k->fields[i]))
            err = NPS_ERR_NOMEM; /* a text without its key */
        else if (key && (err = keys_reserve(k, 0, k->len + n)) == NPS_OK) {
            memcpy(k->arena + k->len, key, n);
            refs[i] = (key_ref){k->len + 1, key_hash(key)};
            k->len += n;
        }
        free(key);
    }
    if (err == NPS_OK)
        k->n_rows++;
    return err;
}

/* Append the keys of `src` (rows after those of `k`); `src` is left empty. */
static nps_error keys_append(dedup_keys *k, dedup_keys *src)
{
    nps_error err = keys_reserve(k, k->n_rows + src->n_rows, k->len + src->len);
    if (err != NPS_OK)
        return err;
    if (src->len)
        memcpy(k->arena + k->len, src->arena, src->len);
    for (size_t i = 0; i < 2 * src->n_rows; i++) {
        key_ref ref = src->refs[i];
        k->refs[2 * k->n_rows + i] = (key_ref){ref.at ? ref.at + k->len : 0, ref.hash};
    }
    k->len += src->len;
    k->n_rows += src->n_rows;
    keys_clear(src);
    return NPS_OK;
}

/* Join rows whose key `field` (0 or 1) is equal: a hash table of the first
 * row of every key, linear probing. */
static nps_error union_by_key(const dedup_keys *k, int field, size_t *parent)
{
    size_t size = 16, mask;
    size_t *slots; /* row + 1; 0 = empty */
    while (size < 2 * k->n_rows)
        size *= 2;
    mask = size - 1;
    if (!(slots = nps_calloc(size, sizeof *slots)))
        return NPS_ERR_NOMEM;
    for (size_t r = 0; r < k->n_rows; r++) {
        const key_ref *ref = &k->refs[2 * r + (size_t)field];
        if (!ref->at)
            continue;
        for (size_t s = (size_t)ref->hash & mask;; s = (s + 1) & mask) {
            const key_ref *o = slots[s] ? &k->refs[2 * (slots[s] - 1) + (size_t)field] : NULL;
            if (!o) {
                slots[s] = r + 1;
                break;
            }
            if (o->hash == ref->hash && strcmp(k->arena + o->at - 1, k->arena + ref->at - 1) == 0) {
                size_t a = find_root(parent, r), b = find_root(parent, slots[s] - 1);
                if (a != b)
                    parent[a] = b;
                break;
            }
        }
    }
    nps_free(slots);
    return NPS_OK;
}

/* Latest by timestamp; on a tie (or no timestamps) the later row in the file. */
static bool later(const nps_dataset *d, size_t a, size_t b)
{
    long long ta = nps_dataset_timestamp(d, a), tb = nps_dataset_timestamp(d, b);
    return ta != tb ? ta > tb : a > b;
}

static nps_error log_dropped(nps_dataset *d, size_t dropped, size_t kept)
{
    char action[160];
    snprintf(action, sizeof action,
             "duplicate response of one organisation (same 団体名 or e-mail): dropped, the latest (line %ld) kept",
             nps_dataset_line(d, kept));
    return nps_dataset_add_quality(d, NPS_QUALITY_NOTE, nps_dataset_line(d, dropped), "", "", 0, action);
}

static nps_error remove_duplicates(nps_dataset *d, dedup_keys *keys)
{
    size_t n = nps_dataset_count(d);
    size_t *parent = nps_calloc(n ? n : 1, sizeof *parent), *best = nps_calloc(n ? n : 1, sizeof *best);
    bool *keep = nps_calloc(n ? n : 1, sizeof *keep);
    nps_error err = NPS_ERR_NOMEM;
    long dropped = 0;
    if (!parent || !best || !keep)
        goto cleanup;
    for (size_t i = 0; i < n; i++)
        parent[i] = best[i] = i;
    err = NPS_OK;
    if (keys->n_rows != n) { /* not collected while reading: make them now */
        keys_clear(keys);
        for (size_t i = 0; i < n && err == NPS_OK; i++)
            err = keys_add_row(keys, d, i);
    }
    if (err == NPS_OK)
        err = union_by_key(keys, 0, parent);
    if (err == NPS_OK)
        err = union_by_key(keys, 1, parent);
    if (err != NPS_OK)
        goto cleanup;
    for (size_t i = 0; i < n; i++) {
        size_t root = find_root(parent, i);
        if (later(d, i, best[root]))
            best[root] = i;
    }
    for (size_t i = 0; i < n && err == NPS_OK; i++) {
        size_t kept = best[find_root(parent, i)];
        keep[i] = kept == i;
        if (!keep[i]) {
            dropped++;
            err = log_dropped(d, i, kept);
        }
    }
    if (err == NPS_OK && dropped)
        err = nps_dataset_filter_rows(d, keep);
    nps_dataset_read_info_mut(d)->duplicates_dropped = dropped;
cleanup:
    nps_free(parent);
    nps_free(best);
    nps_free(keep);
    return err;
}

/* ---------- driving the read ---------- */

/* Line of the byte at `offset` in the raw input (for an encoding error);
 * rewinds the stream, so the read cannot go on afterwards. */
static long line_of_offset(FILE *f, unsigned long long offset)
{
    long line = 1;
    int c;
    rewind(f);
    for (unsigned long long i = 0; i < offset && (c = fgetc(f)) != EOF; i++)
        line += c == '\n';
    return line;
}

static nps_error describe_stream_error(reader *r, nps_csv_stream *cs, nps_error err)
{
    long line = nps_csv_stream_error_line(cs);
    if (r->diag && r->diag->message[0])
        return err; /* already described */
    switch (err) {
    case NPS_ERR_CSV:
        nps_diag_set(r->diag, err, r->path, line,
                     "broken CSV quoting: a quoted cell starting here is never closed, or a \" stands inside an unquoted cell");
        nps_diag_hint(r->diag, "check the quotes in this row, or export the survey again");
        break;
    case NPS_ERR_LIMIT:
        if (nps_csv_stream_limit_kind(cs) && strcmp(nps_csv_stream_limit_kind(cs), "columns") == 0)
            nps_diag_set(r->diag, err, r->path, nps_csv_stream_line(cs),
                         "more than %zu columns in one row", r->opts.max_columns ? r->opts.max_columns : (size_t)10000);
        else
            nps_diag_set(r->diag, err, r->path, line, "a cell larger than %zu bytes (or an unclosed quote)",
                         r->opts.max_field_bytes ? r->opts.max_field_bytes : (size_t)1 << 20);
        nps_diag_hint(r->diag, "the export is damaged or not a survey export");
        break;
    case NPS_ERR_ENCODING:
        nps_diag_set(r->diag, err, r->path, nps_csv_stream_line(cs), "invalid text encoding");
        break;
    case NPS_ERR_NOMEM:
        nps_diag_set(r->diag, err, r->path, nps_csv_stream_line(cs), "out of memory");
        break;
    default:
        nps_diag_set(r->diag, err, r->path, line, "%s", nps_strerror(err));
    }
    return err;
}

static nps_error check_detection(reader *r, const nps_detection *det, nps_detected *enc)
{
    if (det->bytes == 0) {
        nps_diag_set(r->diag, NPS_ERR_EMPTY, r->path, 0, "the file is empty");
        nps_diag_hint(r->diag, "download the survey's responses as CSV again");
        return NPS_ERR_EMPTY;
    }
    if (det->nul_line) {
        nps_diag_set(r->diag, NPS_ERR_ENCODING, r->path, det->nul_line,
                     "a NUL byte: this is a binary file, not a CSV export");
        nps_diag_hint(r->diag, "export the survey as CSV (Google Forms: ダウンロード (.csv))");
        return NPS_ERR_ENCODING;
    }
    *enc = det->encoding;
    if (r->opts.encoding == NPS_ENCODING_AUTO)
        r->utf8_invalid_line = det->first_invalid_utf8_line;
    if (r->opts.encoding == NPS_ENCODING_UTF8) {
        if (det->first_invalid_utf8_line)
            return nps_diag_set(r->diag, NPS_ERR_ENCODING, r->path, det->first_invalid_utf8_line,
                                "not valid UTF-8 (try --encoding cp932)");
        *enc = det->encoding == NPS_DETECTED_UTF8_BOM ? det->encoding : NPS_DETECTED_UTF8;
    } else if (r->opts.encoding == NPS_ENCODING_CP932) {
        *enc = NPS_DETECTED_CP932;
    }
    /* iconv's UTF-8 is valid, and so is a file the detection pass found valid */
    r->cells_valid = *enc == NPS_DETECTED_CP932 || !det->first_invalid_utf8_line;
    return NPS_OK;
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Report progress: first 0.5 s after `start`, then every 0.1 s at most. */
static void report_progress(reader *r, double start, double *last, unsigned long long done,
                            unsigned long long total)
{
    double now;
    if (!r->opts.progress)
        return;
    now = seconds_now();
    if (now - start < 0.5 || now - *last < 0.1)
        return;
    *last = now;
    r->opts.progress(r->opts.progress_ctx, done < total ? done : total, total);
}

/* ---------- two cores ----------
 *
 * A large file (a regular file of 8 MiB or more, encoding not forced to
 * CP932) is first read as UTF-8 in two halves at once, without the
 * detection pass: nps_guess_split guesses a record boundary near the middle
 * from a look at two small windows (a line starting like the first record;
 * if there is none, nps_find_split counts quotes through the first half for
 * one), the main thread reads the first half and, once the header is
 * mapped, a second thread reads the second half into its own dataset with
 * its own CSV stream, sharing the (read-only) column map and matchers. The
 * second half counts its lines from 1: once the first half is read, its
 * stream knows the line the second half starts on, and the second
 * dataset's lines (rows and quality log) are shifted by that before it is
 * appended. A wrong guess (a split inside a quoted cell) leaves the first
 * half's stream inside a record: detected after the join like broken
 * quotes. Each thread checks every chunk is
 * valid UTF-8 without NUL bytes before parsing it (the detection pass,
 * done in halves). The second dataset is appended to the first: rows and
 * the quality log come out in file order, as one thread would have made
 * them. Should anything go wrong (bytes that are not UTF-8, an error in
 * either half, the first half not ending at a record boundary because the
 * quotes are broken), the file is read again from the start the usual way
 * (detection, one thread), so diagnostics are exactly the one-thread ones. */

#define PARALLEL_MIN_BYTES ((unsigned long long)8 << 20)

typedef struct half_read {
    reader r;                 /* copy of the main reader after the header: own dataset */
    nps_csv_stream *cs;
    nps_diag diag;
    int fd;
    unsigned long long from, to;
    bool tried;               /* start_second_half was called */
    bool not_utf8;            /* a chunk was not UTF-8 or held a NUL */
    bool launched;            /* the thread ran (and has to be joined while `started`) */
    bool started;
    pthread_t thread;
    nps_error err;
} half_read;

/* Whether a chunk may be parsed as UTF-8: valid so far, no NUL byte. */
static bool chunk_is_utf8(nps_utf8_scanner *sc, const char *p, size_t n)
{
    nps_utf8_scanner_feed(sc, (const unsigned char *)p, n);
    return !sc->invalid_line && !memchr(p, '\0', n);
}

static void *second_half_main(void *arg)
{
    half_read *h = arg;
    char buf[1 << 16];
    nps_error err = NPS_OK;
    nps_utf8_scanner sc;
    nps_utf8_scanner_init(&sc);
    for (unsigned long long at = h->from; at < h->to && err == NPS_OK;) {
        size_t want = h->to - at < sizeof buf ? (size_t)(h->to - at) : sizeof buf;
        ssize_t n = pread(h->fd, buf, want, (off_t)at);
        if (n <= 0)
            err = NPS_ERR_IO;
        else if (!chunk_is_utf8(&sc, buf, (size_t)n))
            err = NPS_ERR_ENCODING;
        else {
            err = nps_csv_stream_feed(h->cs, buf, (size_t)n);
            at += (unsigned long long)n;
        }
    }
    nps_utf8_scanner_finish(&sc);
    if (err == NPS_OK && sc.invalid_line)
        err = NPS_ERR_ENCODING;
    if (err == NPS_OK)
        err = nps_csv_stream_finish(h->cs);
    h->err = err;
    return NULL;
}

/* Start the second half once the first has mapped the header. */
static void start_second_half(reader *r, half_read *h)
{
    nps_csv_limits limits = {r->opts.max_field_bytes, r->opts.max_columns};
    h->tried = true;
    h->r = *r;
    h->r.d = NULL;
    keys_init(&h->r.keys, r->q); /* its own keys, for its own rows */
    h->r.diag = &h->diag;
    h->r.opts.progress = NULL;
    if (nps_dataset_new(r->q, &h->r.d) != NPS_OK)
        return;
    if (nps_csv_stream_new(',', &limits, on_record, &h->r, &h->cs) != NPS_OK)
        return;
    h->started = h->launched = pthread_create(&h->thread, NULL, second_half_main, h) == 0;
}

static void half_read_clear(half_read *h)
{
    if (h->started)
        pthread_join(h->thread, NULL);
    h->started = false;
    nps_csv_stream_free(h->cs);
    nps_dataset_free(h->r.d);
    keys_clear(&h->r.keys);
    h->cs = NULL;
    h->r.d = NULL;
}

/* Feed the file (from its current position, at most `limit` bytes) to the
 * CSV stream. With `second`, the first half of a read in halves: each chunk
 * is checked to be UTF-8 first (NPS_ERR_ENCODING, no diagnostic, if not),
 * and the second half is started once the header is mapped. */
static nps_error stream_file(reader *r, FILE *f, nps_detected enc, nps_csv_stream *cs,
                             double start, unsigned long long total, unsigned long long limit,
                             half_read *second)
{
    char buf[1 << 16];
    nps_decoder *dec = NULL;
    nps_error err = nps_decoder_new(enc, &dec);
    size_t n;
    unsigned long long done = 0;
    double last = 0;
    nps_utf8_scanner sc;
    nps_utf8_scanner_init(&sc);
    if (err != NPS_OK)
        return nps_diag_set(r->diag, err, r->path, 0, "cannot decode CP932 (iconv)");
    do {
        const char *out;
        size_t out_len;
        unsigned long long bad = 0;
        report_progress(r, start, &last, done, total);
        n = fread(buf, 1, limit - done < sizeof buf ? (size_t)(limit - done) : sizeof buf, f);
        done += n;
        if (second && !chunk_is_utf8(&sc, buf, n)) {
            second->not_utf8 = true;
            err = NPS_ERR_ENCODING;
            break;
        }
        if (n == 0 && ferror(f)) {
            err = nps_diag_set(r->diag, NPS_ERR_IO, r->path, 0, "read error: %s", strerror(errno));
            break;
        }
        err = nps_decoder_convert(dec, buf, n, n == 0, &out, &out_len, &bad);
        if (err == NPS_ERR_ENCODING) {
            long line = line_of_offset(f, bad);
            if (r->utf8_invalid_line > line) {
                /* UTF-8 up to this line (an overlong sequence, a stray byte,
                 * CP932 text pasted in): that line is the culprit, not the
                 * earlier UTF-8 one CP932 decoding tripped over */
                nps_diag_set(r->diag, err, r->path, r->utf8_invalid_line,
                             "bytes that are not valid UTF-8 although the lines before are UTF-8, "
                             "and the file is not CP932 either (mixed encodings?)");
                nps_diag_hint(r->diag, "fix or delete this line, or save the whole export as UTF-8 again");
            } else {
                nps_diag_set(r->diag, err, r->path, line, "bytes that are valid in neither UTF-8 nor CP932");
                nps_diag_hint(r->diag, "save the export as UTF-8 (or CSV from Excel) and try again");
            }
            break;
        }
        if (err == NPS_OK && out_len)
            err = nps_csv_stream_feed(cs, out, out_len);
        if (err == NPS_OK && second && !second->tried && r->header_done)
            start_second_half(r, second);
    } while (err == NPS_OK && n > 0);
    nps_utf8_scanner_finish(&sc);
    if (err == NPS_OK && second && sc.invalid_line) {
        second->not_utf8 = true;
        err = NPS_ERR_ENCODING;
    }
    nps_decoder_free(dec);
    return err;
}

/* The size of a file worth reading in halves (a regular file of at least
 * PARALLEL_MIN_BYTES, not forced to CP932, not turned off with
 * NPS_READ_THREADS=1), else 0. */
static unsigned long long halves_size(const reader *r, FILE *f)
{
    const char *env = getenv("NPS_READ_THREADS");
    struct stat st;
#ifdef NPS_FAILALLOC
    return 0; /* allocation-failure sweeps count allocations of one thread */
#endif
    if (r->opts.encoding == NPS_ENCODING_CP932 || (env && strcmp(env, "1") == 0) || fileno(f) < 0
        || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)
        || (unsigned long long)st.st_size < PARALLEL_MIN_BYTES)
        return 0;
    return (unsigned long long)st.st_size;
}

/* Read the file as UTF-8 in two halves, the second from `split` to
 * `size`. NPS_OK when both halves were read and joined; anything else
 * means: read the file again the usual way. */
static nps_error stream_halves(reader *r, FILE *f, nps_detected enc, nps_csv_stream *cs,
                               double start, unsigned long long split, unsigned long long size)
{
    half_read h;
    nps_error err;
    memset(&h, 0, sizeof h);
    h.fd = fileno(f);
    h.from = split;
    h.to = size;
    err = stream_file(r, f, enc, cs, start, split, split, &h);
    if (h.started)
        pthread_join(h.thread, NULL);
    h.started = false;
    if (err == NPS_OK && (!h.launched || nps_csv_stream_mid_record(cs) || h.err != NPS_OK))
        err = NPS_ERR_CSV; /* no second half, a wrong split, or an error there */
    if (err == NPS_OK) {
        /* the second half's lines were counted from 1 */
        nps_dataset_shift_lines(h.r.d, nps_csv_stream_line(cs) - 1);
        err = nps_dataset_append(r->d, h.r.d);
    }
    if (err == NPS_OK)
        err = keys_append(&r->keys, &h.r.keys);
    half_read_clear(&h);
    return err;
}

static void reader_clear(reader *r);
static const char *encoding_name(nps_detected e);

/* Forget a read in halves, to read the file again the usual way. */
static void reset_read(reader *r, FILE *f, nps_csv_stream **cs)
{
    reader_clear(r);
    r->columns = NULL;
    r->matchers = NULL;
    r->n_columns = 0;
    r->header_done = false;
    r->cell_error = NPS_OK;
    r->cells_valid = false;
    nps_dataset_free(r->d);
    r->d = NULL;
    nps_csv_stream_free(*cs);
    *cs = NULL;
    if (r->diag)
        memset(r->diag, 0, sizeof *r->diag);
    rewind(f);
}

/* The read in halves of read_stream; true if it succeeded. */
static bool read_halves(reader *r, FILE *f, nps_csv_stream **cs, double start)
{
    unsigned long long size = halves_size(r, f), split;
    nps_csv_limits limits = {r->opts.max_field_bytes, r->opts.max_columns};
    unsigned char bom[3];
    nps_detected enc;
    long line;
    nps_error err;
    if (!size || (!nps_guess_split(fileno(f), size, &split) && !nps_find_split(fileno(f), size, &split, &line)))
        return false;
    enc = pread(fileno(f), bom, 3, 0) == 3 && memcmp(bom, "\xEF\xBB\xBF", 3) == 0 ? NPS_DETECTED_UTF8_BOM
                                                                                 : NPS_DETECTED_UTF8;
    r->cells_valid = true; /* every chunk is checked before it is parsed */
    err = nps_dataset_new(r->q, &r->d);
    if (err == NPS_OK) {
        nps_dataset_read_info_mut(r->d)->encoding = encoding_name(enc);
        err = nps_csv_stream_new(',', &limits, on_record, r, cs);
    }
    if (err == NPS_OK)
        err = stream_halves(r, f, enc, *cs, start, split, size);
    if (err != NPS_OK)
        reset_read(r, f, cs);
    return err == NPS_OK;
}

static const char *encoding_name(nps_detected e)
{
    return e == NPS_DETECTED_CP932 ? "CP932" : e == NPS_DETECTED_UTF8_BOM ? "UTF-8 (BOM)" : "UTF-8";
}

static void reader_clear(reader *r)
{
    for (size_t i = 0; r->columns && i < r->n_columns; i++)
        nps_free(r->columns[i].header);
    nps_free(r->columns);
    if (r->matchers)
        for (size_t c = 0; c < nps_questionnaire_field_count(r->q); c++)
            nps_matcher_free(r->matchers[c]);
    nps_free(r->matchers);
    keys_clear(&r->keys);
}

static nps_error check_has_responses(reader *r)
{
    if (!r->header_done) {
        nps_diag_set(r->diag, NPS_ERR_EMPTY, r->path, 1, "no header row: the file holds no CSV data");
        nps_diag_hint(r->diag, "download the survey's responses as CSV again");
        return NPS_ERR_EMPTY;
    }
    if (nps_dataset_count(r->d) == 0) {
        nps_diag_set(r->diag, NPS_ERR_EMPTY, r->path, 2, "a header but no responses");
        nps_diag_hint(r->diag, "export the survey again after responses have arrived");
        return NPS_ERR_EMPTY;
    }
    return NPS_OK;
}

/* The read of a file or a memory buffer: `f` is the open stream (NULL if it
 * could not be opened, errno set), closed here; `path` names it. */
static nps_error read_stream(FILE *f, const char *path, const nps_questionnaire *q,
                             const nps_read_options *opts, nps_dataset **out, nps_diag *diag)
{
    static const nps_read_options defaults = {NPS_ENCODING_AUTO, false, 0, 0, NULL, NULL};
    reader r = {path, q, opts ? *opts : defaults, NULL, diag, 0, NULL, NULL, false, NPS_OK, 0, false,
                false, {{NULL, NULL}, NULL, 0, 0, NULL, 0, 0}};
    nps_csv_stream *cs = NULL;
    nps_detection det;
    nps_detected enc = NPS_DETECTED_UTF8;
    nps_error err;
    double start = r.opts.progress ? seconds_now() : 0;
    *out = NULL;
    keys_init(&r.keys, q);
    r.collect_keys = !r.opts.keep_duplicates;
    if (diag)
        memset(diag, 0, sizeof *diag);
    if (!f)
        return nps_diag_set(diag, NPS_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    if (read_halves(&r, f, &cs, start)) {
        err = NPS_OK;
        goto parsed;
    }
    err = nps_encoding_detect(f, &det);
    if (err != NPS_OK) {
        nps_diag_set(diag, err, path, 0, "read error: %s", strerror(errno));
        goto cleanup;
    }
    if ((err = check_detection(&r, &det, &enc)) != NPS_OK)
        goto cleanup;
    if ((err = nps_dataset_new(q, &r.d)) != NPS_OK)
        goto cleanup;
    nps_dataset_read_info_mut(r.d)->encoding = encoding_name(enc);
    nps_csv_limits limits = {r.opts.max_field_bytes, r.opts.max_columns};
    if ((err = nps_csv_stream_new(',', &limits, on_record, &r, &cs)) != NPS_OK)
        goto cleanup;
    err = stream_file(&r, f, enc, cs, start, det.bytes, ULLONG_MAX, NULL);
parsed:
    if (err == NPS_OK)
        err = nps_csv_stream_finish(cs);
    if (err != NPS_OK) {
        err = describe_stream_error(&r, cs, err);
        goto cleanup;
    }
    if ((err = check_has_responses(&r)) != NPS_OK)
        goto cleanup;
    if (!r.opts.keep_duplicates && (err = remove_duplicates(r.d, &r.keys)) != NPS_OK)
        nps_diag_set(diag, err, path, 0, "out of memory");
    if (err == NPS_OK && (err = nps_dataset_finish(r.d)) != NPS_OK)
        nps_diag_set(diag, err, path, 0, "out of memory");
cleanup:
    fclose(f);
    nps_csv_stream_free(cs);
    reader_clear(&r);
    if (err != NPS_OK) {
        if (diag && !diag->message[0]) /* e.g. out of memory before the first line */
            nps_diag_set(diag, err, path, 0, "%s", nps_strerror(err));
        nps_dataset_free(r.d);
        return err;
    }
    *out = r.d;
    return NPS_OK;
}

nps_error nps_read_export(const char *path, const nps_questionnaire *q,
                          const nps_read_options *opts, nps_dataset **out, nps_diag *diag)
{
    return read_stream(fopen(path, "rb"), path, q, opts, out, diag);
}

nps_error nps_read_export_buffer(const char *name, const void *data, size_t len,
                                 const nps_questionnaire *q, const nps_read_options *opts,
                                 nps_dataset **out, nps_diag *diag)
{
    static char none[1];
    /* fmemopen never writes in "rb" mode; an empty buffer still needs an address */
    return read_stream(fmemopen(len ? (void *)data : none, len, "rb"), name, q, opts, out, diag);
}
