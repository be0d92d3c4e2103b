/*
 * dataset.c — columnar storage of coded responses and the quality log.
 *
 * Layout: one column per questionnaire field, each a growable array indexed
 * by row. Cell width depends on the field type (see dataset.h): choice and
 * rating → uint8_t, multiple choice → uint64_t, number → double + uint8_t
 * bin. Text cells (text fields, and write-ins of select fields that have an
 * "other" option) are uint32_t offsets+1 into one arena (0 = no text), so a
 * response costs a few hundred bytes however large the export was. The
 * arena may be in parts: appending a dataset takes over its arena as the
 * new last part (positions after the old ones) instead of copying its text;
 * only the last part grows.
 *
 * Invariants: every column has `capacity` ≥ `count` cells; the arena only
 * grows; strings in it are NUL-terminated and never moved relative to the
 * start of their part (accessors return part + offset, valid until the
 * next append, so callers must not hold them across writes — the reader
 * never does, and readers of a finished dataset see a frozen arena).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/dataset.h"
#include "base/alloc.h"

typedef struct column {
    uint8_t *small;      /* select_one, rating, number bin */
    uint64_t *sets;      /* select_multiple */
    double *numbers;     /* number */
    uint32_t *texts;     /* text offsets + 1; NULL when the field has no text */
    bool absent;         /* the export had no column for this field */
} column;

/* The strings of the quality log live in blocks, filled in turn (the
 * newest first in the list): one allocation per few hundred entries, and
 * a dataset appended to another hands its blocks over. */
typedef struct text_block {
    struct text_block *next;
    size_t len, cap;
    char data[];
} text_block;

#define TEXT_BLOCK_BYTES ((size_t)16384)

/* An earlier part of the text arena: positions [base, base + len). */
typedef struct arena_part {
    char *text;
    size_t base, len;
} arena_part;

typedef struct quality_store {
    nps_quality_entry *entries;
    size_t count, capacity;
    text_block *blocks;
} quality_store;

struct nps_dataset {
    const nps_questionnaire *q;
    size_t n_columns;
    column *columns;
    size_t count, capacity;
    long *lines;
    long long *timestamps;
    char *arena;         /* the last part of the arena: positions arena_base… */
    size_t arena_base, arena_len, arena_cap;
    arena_part *parts;   /* the earlier parts, by position */
    size_t n_parts;
    quality_store quality;
    uint32_t *dropped;   /* text offsets + 1 of the rows filtered out, n_columns each */
    size_t n_dropped;
    char *org_ids;       /* "R001\0" …, org_id_size bytes each; NULL until made
                          * (row order), or set from the organisation register */
    size_t org_id_size;
    nps_read_info info;
};

static const char *text_at(const nps_dataset *d, size_t at);

static bool field_has_text(const nps_field *f)
{
    if (f->type == NPS_F_TEXT)
        return true;
    if ((f->type == NPS_F_SELECT_ONE || f->type == NPS_F_SELECT_MULTIPLE) && f->list) {
        for (size_t i = 0; i < f->list->n_options; i++)
            if (f->list->options[i].role == NPS_OPTION_OTHER)
                return true;
    }
    return false;
}

nps_error nps_dataset_new(const nps_questionnaire *q, nps_dataset **out)
{
    nps_dataset *d = nps_calloc(1, sizeof *d);
    if (!d)
        return NPS_ERR_NOMEM;
    d->q = q;
    d->n_columns = nps_questionnaire_field_count(q);
    d->columns = nps_calloc(d->n_columns ? d->n_columns : 1, sizeof *d->columns);
    if (!d->columns) {
        nps_free(d);
        return NPS_ERR_NOMEM;
    }
    d->info.encoding = "UTF-8";
    *out = d;
    return NPS_OK;
}

static void *grow(void *p, size_t new_count, size_t elem, bool *ok)
{
    void *n = nps_realloc(p, new_count * elem);
    if (!n) {
        *ok = false;
        return p;
    }
    return n;
}

/* Grow every per-row array to new_cap; on failure nothing is lost and the
 * old capacity stays valid for the arrays that could not grow. */
static nps_error dataset_reserve(nps_dataset *d, size_t new_cap)
{
    bool ok = true;
    d->lines = grow(d->lines, new_cap, sizeof *d->lines, &ok);
    if (!ok)
        return NPS_ERR_NOMEM;
    d->timestamps = grow(d->timestamps, new_cap, sizeof *d->timestamps, &ok);
    if (!ok)
        return NPS_ERR_NOMEM;
    for (size_t c = 0; c < d->n_columns; c++) {
        const nps_field *f = nps_questionnaire_field_at(d->q, c);
        column *col = &d->columns[c];
        if (f->type == NPS_F_SELECT_MULTIPLE)
            col->sets = grow(col->sets, new_cap, sizeof *col->sets, &ok);
        else if (f->type != NPS_F_TEXT)
            col->small = grow(col->small, new_cap, sizeof *col->small, &ok);
        if (ok && f->type == NPS_F_NUMBER)
            col->numbers = grow(col->numbers, new_cap, sizeof *col->numbers, &ok);
        if (ok && field_has_text(f))
            col->texts = grow(col->texts, new_cap, sizeof *col->texts, &ok);
        if (!ok)
            return NPS_ERR_NOMEM;
    }
    d->capacity = new_cap;
    return NPS_OK;
}

nps_error nps_dataset_add_row(nps_dataset *d, long line, long long timestamp, size_t *row)
{
    if (d->count == d->capacity) {
        size_t cap = d->capacity ? d->capacity * 2 : 64;
        nps_error err = dataset_reserve(d, cap);
        if (err != NPS_OK)
            return err;
    }
    size_t r = d->count;
    d->lines[r] = line;
    d->timestamps[r] = timestamp;
    for (size_t c = 0; c < d->n_columns; c++) {
        column *col = &d->columns[c];
        if (col->small)
            col->small[r] = 0;
        if (col->sets)
            col->sets[r] = 0;
        if (col->numbers)
            col->numbers[r] = NAN;
        if (col->texts)
            col->texts[r] = 0;
    }
    d->count++;
    if (row)
        *row = r;
    return NPS_OK;
}

void nps_dataset_set_choice(nps_dataset *d, size_t row, const nps_field *field, int option)
{
    column *col = &d->columns[field->column];
    if (col->small && row < d->count && option >= 0 && option <= 255)
        col->small[row] = (uint8_t)option;
}

void nps_dataset_set_choices(nps_dataset *d, size_t row, const nps_field *field, uint64_t set)
{
    column *col = &d->columns[field->column];
    if (col->sets && row < d->count)
        col->sets[row] = set;
}

void nps_dataset_set_number(nps_dataset *d, size_t row, const nps_field *field, double value, int bin)
{
    column *col = &d->columns[field->column];
    if (row >= d->count)
        return;
    if (col->numbers)
        col->numbers[row] = value;
    if (col->small && bin >= 0 && bin <= 255)
        col->small[row] = (uint8_t)bin;
}

/* Append len bytes + NUL to the arena; *offset receives offset + 1. */
static nps_error arena_append(nps_dataset *d, const char *s, size_t len, uint32_t *offset)
{
    if (len > UINT32_MAX - 2 || d->arena_base + d->arena_len + len + 1 > UINT32_MAX - 1)
        return NPS_ERR_LIMIT;
    if (d->arena_len + len + 1 > d->arena_cap) {
        size_t cap = d->arena_cap ? d->arena_cap : 4096;
        while (cap < d->arena_len + len + 1)
            cap *= 2;
        char *n = nps_realloc(d->arena, cap);
        if (!n)
            return NPS_ERR_NOMEM;
        d->arena = n;
        d->arena_cap = cap;
    }
    memcpy(d->arena + d->arena_len, s, len);
    d->arena[d->arena_len + len] = '\0';
    *offset = (uint32_t)(d->arena_base + d->arena_len) + 1;
    d->arena_len += len + 1;
    return NPS_OK;
}

nps_error nps_dataset_set_text(nps_dataset *d, size_t row, const nps_field *field,
                               const char *text, size_t len)
{
    column *col = &d->columns[field->column];
    uint32_t off = 0;
    nps_error err;
    if (!col->texts || row >= d->count)
        return NPS_OK;
    if (!text || len == 0) {
        col->texts[row] = 0;
        return NPS_OK;
    }
    err = arena_append(d, text, len, &off);
    if (err == NPS_OK)
        col->texts[row] = off;
    return err;
}

/* Room for `n` bytes in the current block, or a new one. */
static char *quality_room(quality_store *qs, size_t n)
{
    text_block *b = qs->blocks;
    if (!b || b->cap - b->len < n) {
        size_t cap = n > TEXT_BLOCK_BYTES ? n : TEXT_BLOCK_BYTES;
        if (!(b = nps_malloc(sizeof *b + cap)))
            return NULL;
        b->next = qs->blocks;
        b->len = 0;
        b->cap = cap;
        qs->blocks = b;
    }
    b->len += n;
    return b->data + b->len - n;
}

/* Copy s[0..len) and a NUL to p; returns p. */
static const char *put_string(char **p, const char *s, size_t len)
{
    char *at = *p;
    if (len)
        memcpy(at, s, len);
    at[len] = '\0';
    *p += len + 1;
    return at;
}

nps_error nps_dataset_add_quality(nps_dataset *d, nps_quality_kind kind, long line,
                                  const char *column_name, const char *raw, size_t raw_len,
                                  const char *action)
{
    quality_store *qs = &d->quality;
    nps_quality_entry e = {kind, line, NULL, NULL, NULL, NULL};
    if (nps_grow((void **)&qs->entries, &qs->capacity, qs->count + 1,
                 sizeof *qs->entries, 32) != NPS_OK)
        return NPS_ERR_NOMEM;
    if (!raw)
        raw_len = 0;
    if (raw_len > 200) {
        raw_len = 200;
        while (raw_len > 0 && ((unsigned char)raw[raw_len] & 0xC0) == 0x80)
            raw_len--; /* cut at a code-point boundary */
    }
    size_t column_len = column_name ? strlen(column_name) : 0, action_len = action ? strlen(action) : 0;
    char *p = quality_room(qs, column_len + raw_len + action_len + 3);
    if (!p)
        return NPS_ERR_NOMEM;
    e.column = put_string(&p, column_name, column_len);
    e.raw = put_string(&p, raw, raw_len);
    e.action = put_string(&p, action, action_len);
    qs->entries[qs->count++] = e;
    return NPS_OK;
}

nps_error nps_dataset_set_quality_cell(nps_dataset *d, size_t i, const char *cell)
{
    size_t len = strlen(cell);
    char *p;
    if (i >= d->quality.count)
        return NPS_OK;
    if (!(p = quality_room(&d->quality, len + 1)))
        return NPS_ERR_NOMEM;
    d->quality.entries[i].cell = put_string(&p, cell, len);
    return NPS_OK;
}

/* Compact every per-row array in place, keeping rows with keep[r]. */
/* Keep the text cells of the rows about to be filtered out (their text
 * stays in the arena), so the masker knows every name that was read. */
static nps_error keep_dropped_texts(nps_dataset *d, const bool *keep)
{
    size_t add = 0, at;
    for (size_t r = 0; r < d->count; r++)
        add += !keep[r];
    if (add == 0)
        return NPS_OK;
    uint32_t *t = nps_realloc(d->dropped, (d->n_dropped + add) * d->n_columns * sizeof *t + 1);
    if (!t)
        return NPS_ERR_NOMEM;
    d->dropped = t;
    at = d->n_dropped * d->n_columns;
    for (size_t r = 0; r < d->count; r++)
        for (size_t c = 0; !keep[r] && c < d->n_columns; c++)
            t[at++] = d->columns[c].texts ? d->columns[c].texts[r] : 0;
    d->n_dropped += add;
    return NPS_OK;
}

size_t nps_dataset_dropped_count(const nps_dataset *d)
{
    return d->n_dropped;
}

nps_error nps_dataset_filter_rows(nps_dataset *d, const bool *keep)
{
    size_t w = 0;
    if (keep_dropped_texts(d, keep) != NPS_OK)
        return NPS_ERR_NOMEM;
    nps_free(d->org_ids); /* ids follow row order: rebuild on next use */
    d->org_ids = NULL;
    for (size_t r = 0; r < d->count; r++) {
        if (!keep[r])
            continue;
        d->lines[w] = d->lines[r];
        d->timestamps[w] = d->timestamps[r];
        for (size_t c = 0; c < d->n_columns; c++) {
            column *col = &d->columns[c];
            if (col->small)
                col->small[w] = col->small[r];
            if (col->sets)
                col->sets[w] = col->sets[r];
            if (col->numbers)
                col->numbers[w] = col->numbers[r];
            if (col->texts)
                col->texts[w] = col->texts[r];
        }
        w++;
    }
    d->count = w;
    return NPS_OK;
}

/* Take over the arena of `src` (its parts, then its last part) after the
 * text of `d`: src's positions move up by `base`, the size of d's arena.
 * d->parts must have room for src's parts and d's last part. */
static void take_arena(nps_dataset *d, nps_dataset *src, size_t base)
{
    if (d->arena_len)
        d->parts[d->n_parts++] = (arena_part){d->arena, d->arena_base, d->arena_len};
    else
        nps_free(d->arena);
    for (size_t i = 0; i < src->n_parts; i++)
        d->parts[d->n_parts++] = (arena_part){src->parts[i].text, src->parts[i].base + base, src->parts[i].len};
    d->arena = src->arena;
    d->arena_base = src->arena_base + base;
    d->arena_len = src->arena_len;
    d->arena_cap = src->arena_cap;
    nps_free(src->parts);
    src->parts = NULL;
    src->n_parts = 0;
    src->arena = NULL;
    src->arena_base = src->arena_len = src->arena_cap = 0;
}

nps_error nps_dataset_append(nps_dataset *d, nps_dataset *src)
{
    size_t n = d->count, m = src->count, base = d->arena_base + d->arena_len;
    bool text = src->arena_base + src->arena_len > 0;
    nps_error err = NPS_OK;
    if (text && base + src->arena_base + src->arena_len > UINT32_MAX - 1)
        return NPS_ERR_LIMIT;
    if (d->count + m > d->capacity && (err = dataset_reserve(d, d->count + m)) != NPS_OK)
        return err;
    if (text) {
        arena_part *p = nps_realloc(d->parts, (d->n_parts + src->n_parts + 1) * sizeof *p);
        if (!p)
            return NPS_ERR_NOMEM;
        d->parts = p;
    }
    if (d->quality.count + src->quality.count > d->quality.capacity) {
        size_t cap = d->quality.count + src->quality.count;
        nps_quality_entry *e = nps_realloc(d->quality.entries, (cap ? cap : 1) * sizeof *e);
        if (!e)
            return NPS_ERR_NOMEM;
        d->quality.entries = e;
        d->quality.capacity = cap;
    }
    if (text)
        take_arena(d, src, base);
    for (size_t c = 0; m && c < d->n_columns; c++) { /* (no arrays at all without rows) */
        column *to = &d->columns[c], *from = &src->columns[c];
        if (to->small)
            memcpy(to->small + n, from->small, m * sizeof *to->small);
        if (to->sets)
            memcpy(to->sets + n, from->sets, m * sizeof *to->sets);
        if (to->numbers)
            memcpy(to->numbers + n, from->numbers, m * sizeof *to->numbers);
        for (size_t r = 0; to->texts && r < m; r++)
            to->texts[n + r] = from->texts[r] ? from->texts[r] + (uint32_t)base : 0;
    }
    if (m) {
        memcpy(d->lines + n, src->lines, m * sizeof *d->lines);
        memcpy(d->timestamps + n, src->timestamps, m * sizeof *d->timestamps);
    }
    d->count += m;
    if (src->quality.count)
        memcpy(d->quality.entries + d->quality.count, src->quality.entries,
               src->quality.count * sizeof *src->quality.entries);
    d->quality.count += src->quality.count;
    src->quality.count = 0;
    if (src->quality.blocks) { /* behind d's current block, which goes on filling */
        text_block *last = src->quality.blocks;
        while (last->next)
            last = last->next;
        if (d->quality.blocks) {
            last->next = d->quality.blocks->next;
            d->quality.blocks->next = src->quality.blocks;
        } else {
            d->quality.blocks = src->quality.blocks;
        }
        src->quality.blocks = NULL;
    }
    src->count = 0;
    d->info.records += src->info.records;
    d->info.empty_rows += src->info.empty_rows;
    nps_free(d->org_ids); /* ids follow row order: rebuild on next use */
    d->org_ids = NULL;
    return NPS_OK;
}

void nps_dataset_shift_lines(nps_dataset *d, long by)
{
    for (size_t r = 0; r < d->count; r++)
        d->lines[r] += by;
    for (size_t i = 0; i < d->quality.count; i++)
        if (d->quality.entries[i].line > 0)
            d->quality.entries[i].line += by;
}

nps_read_info *nps_dataset_read_info_mut(nps_dataset *d) { return &d->info; }
const nps_read_info *nps_dataset_read_info(const nps_dataset *d) { return &d->info; }
size_t nps_dataset_count(const nps_dataset *d) { return d->count; }
const nps_questionnaire *nps_dataset_questionnaire(const nps_dataset *d) { return d->q; }

int nps_dataset_choice(const nps_dataset *d, size_t row, const nps_field *field)
{
    const column *col = &d->columns[field->column];
    return (col->small && !col->numbers && row < d->count) ? col->small[row] : 0;
}

uint64_t nps_dataset_choices(const nps_dataset *d, size_t row, const nps_field *field)
{
    const column *col = &d->columns[field->column];
    return (col->sets && row < d->count) ? col->sets[row] : 0;
}

double nps_dataset_number(const nps_dataset *d, size_t row, const nps_field *field)
{
    const column *col = &d->columns[field->column];
    return (col->numbers && row < d->count) ? col->numbers[row] : NAN;
}

int nps_dataset_bin(const nps_dataset *d, size_t row, const nps_field *field)
{
    const column *col = &d->columns[field->column];
    return (col->numbers && col->small && row < d->count) ? col->small[row] : 0;
}

const char *nps_dataset_text(const nps_dataset *d, size_t row, const nps_field *field)
{
    const column *col = &d->columns[field->column];
    if (!col->texts || row >= d->count || col->texts[row] == 0)
        return NULL;
    return text_at(d, col->texts[row] - 1);
}

const char *nps_dataset_dropped_text(const nps_dataset *d, size_t i, const nps_field *field)
{
    if (i >= d->n_dropped || d->dropped[i * d->n_columns + field->column] == 0)
        return NULL;
    return text_at(d, d->dropped[i * d->n_columns + field->column] - 1);
}

static const char *text_at(const nps_dataset *d, size_t at)
{
    if (at >= d->arena_base)
        return d->arena + (at - d->arena_base);
    for (size_t i = d->n_parts; i-- > 0;)
        if (at >= d->parts[i].base)
            return d->parts[i].text + (at - d->parts[i].base);
    return NULL; /* (cannot happen: the first part starts at 0) */
}

/* Byte cells (choice, rating, bin) through histograms of all 256 values:
 * four, filled in turn, so that runs of one value do not wait on each
 * other's increments. */
static void tally_small(const uint8_t *cells, size_t n, long *counts, size_t n_options)
{
    size_t hist[4][256] = {{0}}, r = 0;
    for (; r + 4 <= n; r += 4) {
        hist[0][cells[r]]++;
        hist[1][cells[r + 1]]++;
        hist[2][cells[r + 2]]++;
        hist[3][cells[r + 3]]++;
    }
    for (; r < n; r++)
        hist[0][cells[r]]++;
    for (size_t v = 0; v < 256; v++)
        counts[v >= 1 && v <= n_options ? v - 1 : n_options] +=
            (long)(hist[0][v] + hist[1][v] + hist[2][v] + hist[3][v]);
}

static void tally_sets(const uint64_t *sets, size_t n, long *counts, size_t n_options)
{
    for (size_t r = 0; r < n; r++) {
        uint64_t set = sets[r];
        if (!set)
            counts[n_options]++;
        for (; set; set &= set - 1) {
            unsigned o = (unsigned)__builtin_ctzll(set);
            if (o < n_options)
                counts[o]++;
        }
    }
}

void nps_dataset_tally(const nps_dataset *d, const nps_field *field, long *counts, size_t n_options)
{
    const column *col = &d->columns[field->column];
    /* the accessors' rules: a bin only with numbers, a choice only without */
    bool small = col->small && (field->type == NPS_F_NUMBER ? col->numbers != NULL : col->numbers == NULL);
    if (field->type == NPS_F_SELECT_MULTIPLE && col->sets)
        tally_sets(col->sets, d->count, counts, n_options);
    else if (field->type != NPS_F_SELECT_MULTIPLE && small)
        tally_small(col->small, d->count, counts, n_options);
    else
        counts[n_options] += (long)d->count; /* no such cells: no answers */
}

long long nps_dataset_timestamp(const nps_dataset *d, size_t row)
{
    return row < d->count ? d->timestamps[row] : -1;
}

long nps_dataset_line(const nps_dataset *d, size_t row)
{
    return row < d->count ? d->lines[row] : 0;
}

/* Ids are made on first use, once the rows are final: R001…, wider when
 * there are more than 999 responses. */
static nps_error make_org_ids(nps_dataset *d)
{
    int width = 3;
    for (size_t n = d->count; n >= 1000 && width < 20; n /= 10)
        width++;
    size_t size = (size_t)width + 2; /* "R", the digits, NUL */
    char *ids = nps_malloc(d->count ? d->count * size : 1);
    if (!ids)
        return NPS_ERR_NOMEM;
    for (size_t r = 0; r < d->count; r++) {
        char *id = ids + r * size;
        id[0] = 'R';
        id[size - 1] = '\0';
        for (size_t k = size - 2, v = r + 1; k >= 1; k--, v /= 10)
            id[k] = (char)('0' + v % 10);
    }
    d->org_ids = ids;
    d->org_id_size = size;
    return NPS_OK;
}

nps_error nps_dataset_finish(nps_dataset *d)
{
    return d->org_ids ? NPS_OK : make_org_ids(d);
}

nps_error nps_dataset_set_org_ids(nps_dataset *d, const char *const *ids)
{
    size_t size = 1;
    char *made;
    for (size_t r = 0; r < d->count; r++)
        if (strlen(ids[r]) + 1 > size)
            size = strlen(ids[r]) + 1;
    if (!(made = nps_calloc(d->count ? d->count : 1, size)))
        return NPS_ERR_NOMEM;
    for (size_t r = 0; r < d->count; r++)
        memcpy(made + r * size, ids[r], strlen(ids[r]) + 1);
    nps_free(d->org_ids);
    d->org_ids = made;
    d->org_id_size = size;
    return NPS_OK;
}

const char *nps_dataset_org_id(const nps_dataset *d, size_t row)
{
    nps_dataset *m = (nps_dataset *)d; /* lazily built cache; logically const */
    if (row >= d->count)
        return "";
    if (!m->org_ids && make_org_ids(m) != NPS_OK)
        return "";
    return m->org_ids + row * m->org_id_size;
}

size_t nps_dataset_quality_count(const nps_dataset *d) { return d->quality.count; }

const nps_quality_entry *nps_dataset_quality_at(const nps_dataset *d, size_t i)
{
    return i < d->quality.count ? &d->quality.entries[i] : NULL;
}

size_t nps_dataset_quality_count_kind(const nps_dataset *d, nps_quality_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < d->quality.count; i++)
        n += d->quality.entries[i].kind == kind;
    return n;
}

void nps_dataset_set_field_absent(nps_dataset *d, const nps_field *field)
{
    d->columns[field->column].absent = true;
}

bool nps_dataset_field_absent(const nps_dataset *d, const nps_field *field)
{
    return d->columns[field->column].absent;
}

void nps_dataset_free(nps_dataset *d)
{
    if (!d)
        return;
    for (size_t c = 0; c < d->n_columns; c++) {
        nps_free(d->columns[c].small);
        nps_free(d->columns[c].sets);
        nps_free(d->columns[c].numbers);
        nps_free(d->columns[c].texts);
    }
    nps_free(d->columns);
    nps_free(d->lines);
    nps_free(d->timestamps);
    nps_free(d->arena);
    for (size_t i = 0; i < d->n_parts; i++)
        nps_free(d->parts[i].text);
    nps_free(d->parts);
    for (text_block *b = d->quality.blocks, *next; b; b = next) {
        next = b->next;
        nps_free(b);
    }
    nps_free(d->quality.entries);
    nps_free(d->org_ids);
    nps_free(d->dropped);
    nps_free(d);
}
