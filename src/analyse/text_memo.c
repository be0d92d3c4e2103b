/*
 * text_memo.c — the memo of text_memo.h: an open-addressing hash table
 * (FNV-1a, linear probing, kept at most half full).
 *
 * Invariants: cap is 0 or a power of two; n * 2 ≤ cap; every used slot has
 * a borrowed key (`len` bytes) and the value it was given.
 *
 * Ownership: the memo owns the values (freed with nps_free) and the slot
 * array; the keys belong to the caller.
 */
#include <stdint.h>
#include <string.h>
#include "base/alloc.h"
#include "analyse/text_memo.h"

typedef struct slot {
    const char *key;  /* NULL: empty; borrowed */
    size_t len;
    uint64_t hash;
    char *value;
} slot;

struct nps_text_memo {
    slot *slots;
    size_t cap, n;
};

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

nps_text_memo *nps_text_memo_new(void)
{
    return nps_calloc(1, sizeof(nps_text_memo));
}

void nps_text_memo_free(nps_text_memo *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->cap; i++)
        nps_free(m->slots[i].value);
    nps_free(m->slots);
    nps_free(m);
}

/* The slot holding the key, else the empty slot where it would go. */
static slot *find(const nps_text_memo *m, const char *key, size_t len, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
            return s;
    }
}

char *nps_text_memo_get(const nps_text_memo *m, const char *key, size_t len, bool *found)
{
    slot *s = m->cap ? find(m, key, len, hash_bytes(key, len)) : NULL;
    *found = s && s->key;
    return *found ? s->value : NULL;
}

static nps_error grow(nps_text_memo *m)
{
    size_t cap = m->cap ? m->cap * 2 : 256;
    slot *old = m->slots;
    size_t old_cap = m->cap;
    slot *fresh = nps_calloc(cap, sizeof *fresh);
    if (!fresh)
        return NPS_ERR_NOMEM;
    m->slots = fresh;
    m->cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].key)
            *find(m, old[i].key, old[i].len, old[i].hash) = old[i];
    nps_free(old);
    return NPS_OK;
}

nps_error nps_text_memo_put(nps_text_memo *m, const char *key, size_t len, char *value)
{
    nps_error err = NPS_ERR_NOMEM;
    uint64_t h = hash_bytes(key, len);
    if ((m->n + 1) * 2 > m->cap && grow(m) != NPS_OK)
        goto cleanup;
    *find(m, key, len, h) = (slot){key, len, h, value};
    m->n++;
    value = NULL;
    err = NPS_OK;
cleanup:
    nps_free(value);
    return err;
}
