/*
 * duplicates.c — one response per organisation.
 *
 * Rows sharing a key (the normalised 団体名, or the lower-cased e-mail) are
 * one organisation. The keys are made as rows are read (in each half's own
 * thread), kept in a dedup_keys store that follows the dataset's rows, and
 * joined after the read through a hash table per key field: union-find over
 * rows with equal keys. A store that does not cover every row (rows read
 * without collecting) is completed from the dataset first.
 */
#include <stdio.h>
#include <string.h>
#include "base/alloc.h"
#include "base/text.h"
#include "read/read_private.h"

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

void nps_dedup_keys_init(dedup_keys *k, const nps_questionnaire *q)
{
    memset(k, 0, sizeof *k);
    k->fields[0] = nps_questionnaire_personal_field(q, NPS_PERSONAL_ORGANISATION);
    k->fields[1] = nps_questionnaire_personal_field(q, NPS_PERSONAL_EMAIL);
}

/* Forget the keys (the fields stay). */
void nps_dedup_keys_clear(dedup_keys *k)
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
nps_error nps_dedup_keys_add_row(dedup_keys *k, const nps_dataset *d, size_t row)
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
        nps_free(key);
    }
    if (err == NPS_OK)
        k->n_rows++;
    return err;
}

/* Append the keys of `src` (rows after those of `k`); `src` is left empty. */
nps_error nps_dedup_keys_append(dedup_keys *k, dedup_keys *src)
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
    nps_dedup_keys_clear(src);
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

nps_error nps_dedup_remove_duplicates(nps_dataset *d, dedup_keys *keys)
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
        nps_dedup_keys_clear(keys);
        for (size_t i = 0; i < n && err == NPS_OK; i++)
            err = nps_dedup_keys_add_row(keys, d, i);
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
