/*
 * duplicates.c — one response per organisation (docs/reading.md, "Duplicates").
 *
 * An organisation is its normalised 団体名 (register.h: NFKC, no white
 * space, ASCII lower-cased, legal forms and quotes removed); a row without
 * a 団体名 is recognised by its e-mail instead: it joins the one
 * organisation that gave that e-mail with a name, or the other nameless
 * rows of that e-mail. The same e-mail under different names is not a
 * duplicate (an intermediary fills in forms for several groups): it is a
 * finding naming the lines, never the e-mail or the names.
 *
 * The keys are made as rows are read (in each half's own thread), kept in a
 * dedup_keys store that follows the dataset's rows, and joined after the
 * read: union-find over rows with equal name keys (one hash table), then
 * one pass over a hash table of e-mail keys. A store that does not cover
 * every row (rows read without collecting) is completed from the dataset
 * first. Everything after the read is linear in the rows.
 */
#include <stdio.h>
#include <string.h>
#include "base/alloc.h"
#include "base/strbuf.h"
#include "base/text.h"
#include "read/read_private.h"
#include "read/register.h"

/* ---------- the organisation key ---------- */

/* A fixed string and its length. */
typedef struct piece {
    const char *s;
    size_t n;
} piece;
#define P(text) {text, sizeof text - 1}

/* Legal forms as they read after NFKC and lower-casing; a form that ends
 * another comes after it (suffixes are tried in this order). */
static const piece LEGAL_FORMS[] = {
    P("特例認定特定非営利活動法人"), P("認定特定非営利活動法人"), P("特定非営利活動法人"),
    P("特例認定npo法人"), P("認定npo法人"), P("npo法人"),
    P("一般社団法人"), P("公益社団法人"), P("一般財団法人"), P("公益財団法人"), P("社会福祉法人"),
    P("社団法人"), P("財団法人"), P("任意団体"),
};
/* Short forms, removed only in brackets ((特非), 【NPO】; ㈳ is NFKC (社)). */
static const piece SHORT_FORMS[] = {
    P("認定npo"), P("特非"), P("npo"), P("一社"), P("公社"), P("一財"), P("公財"), P("社福"), P("福"), P("社"), P("財"),
};
/* Brackets around a form, and quotes around the whole name (after NFKC). */
static const piece BRACKETS[][2] = {
    {P("("), P(")")}, {P("["), P("]")}, {P("【"), P("】")}, {P("〔"), P("〕")}, {P("〈"), P("〉")}, {P("《"), P("》")},
};
static const piece QUOTES[][2] = {
    {P("「"), P("」")}, {P("『"), P("』")}, {P("\""), P("\"")}, {P("“"), P("”")}, {P("〝"), P("〟")},
};
/* Separators left at either end once a form is gone (NPO法人・ふたば). */
static const piece SEPARATORS[] = {P("・"), P(":"), P("、"), P(",")};

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* Whether [b, e) starts / ends with p (first / last byte compared first:
 * this runs for every row read). */
static bool has_prefix(const char *b, const char *e, const piece *p)
{
    return (size_t)(e - b) >= p->n && b[0] == p->s[0] && memcmp(b, p->s, p->n) == 0;
}

static bool has_suffix(const char *b, const char *e, const piece *p)
{
    return (size_t)(e - b) >= p->n && e[-1] == p->s[p->n - 1] && memcmp(e - p->n, p->s, p->n) == 0;
}

static const piece *form_at(size_t f)
{
    return f < COUNT(LEGAL_FORMS) ? &LEGAL_FORMS[f] : &SHORT_FORMS[f - COUNT(LEGAL_FORMS)];
}

/* A bracketed form at the start of [*b, e): skipped. */
static bool strip_bracketed_prefix(const char **b, const char *e)
{
    for (size_t i = 0; i < COUNT(BRACKETS); i++) {
        const piece *open = &BRACKETS[i][0], *close = &BRACKETS[i][1];
        if (!has_prefix(*b, e, open))
            continue;
        for (size_t f = 0; f < COUNT(LEGAL_FORMS) + COUNT(SHORT_FORMS); f++) {
            const piece *form = form_at(f);
            if (has_prefix(*b + open->n, e, form) && has_prefix(*b + open->n + form->n, e, close)) {
                *b += open->n + form->n + close->n;
                return true;
            }
        }
    }
    return false;
}

/* A bracketed form at the end of [b, *e): cut. */
static bool strip_bracketed_suffix(const char *b, const char **e)
{
    for (size_t i = 0; i < COUNT(BRACKETS); i++) {
        const piece *open = &BRACKETS[i][0], *close = &BRACKETS[i][1];
        if (!has_suffix(b, *e, close))
            continue;
        for (size_t f = 0; f < COUNT(LEGAL_FORMS) + COUNT(SHORT_FORMS); f++) {
            const piece *form = form_at(f);
            if (has_suffix(b, *e - close->n, form) && has_suffix(b, *e - close->n - form->n, open)) {
                *e -= open->n + form->n + close->n;
                return true;
            }
        }
    }
    return false;
}

/* Quotes around the whole of [*b, *e), with no closing quote inside. */
static bool strip_quotes(const char **b, const char **e)
{
    for (size_t i = 0; i < COUNT(QUOTES); i++) {
        const piece *open = &QUOTES[i][0], *close = &QUOTES[i][1];
        if (has_prefix(*b, *e, open) && has_suffix(*b + open->n, *e, close)) {
            const char *in = *b + open->n, *end = *e - close->n;
            bool inner = false;
            for (const char *p = in; p + close->n <= end && !inner; p++)
                inner = memcmp(p, close->s, close->n) == 0;
            if (!inner) {
                *b = in;
                *e = end;
                return true;
            }
        }
    }
    return false;
}

/* Remove one legal form, pair of quotes or end separator; false when none. */
static bool strip_once(const char **b, const char **e)
{
    for (size_t i = 0; i < COUNT(LEGAL_FORMS); i++) {
        if (has_prefix(*b, *e, &LEGAL_FORMS[i])) {
            *b += LEGAL_FORMS[i].n;
            return true;
        }
        if (has_suffix(*b, *e, &LEGAL_FORMS[i])) {
            *e -= LEGAL_FORMS[i].n;
            return true;
        }
    }
    if (strip_bracketed_prefix(b, *e) || strip_bracketed_suffix(*b, e) || strip_quotes(b, e))
        return true;
    for (size_t i = 0; i < COUNT(SEPARATORS); i++) {
        if (has_prefix(*b, *e, &SEPARATORS[i])) {
            *b += SEPARATORS[i].n;
            return true;
        }
        if (has_suffix(*b, *e, &SEPARATORS[i])) {
            *e -= SEPARATORS[i].n;
            return true;
        }
    }
    return false;
}

static void ascii_lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
}

char *nps_org_name_key(const char *s, size_t len)
{
    char *k = nps_text_key(s, len);
    const char *b, *e;
    if (!k)
        return NULL;
    ascii_lower(k);
    b = k;
    e = k + strlen(k);
    while (b < e && strip_once(&b, &e))
        ;
    memmove(k, b, (size_t)(e - b));
    k[e - b] = '\0';
    return k;
}

char *nps_org_email_key(const char *s, size_t len)
{
    char *k = nps_text_key(s, len);
    if (k)
        ascii_lower(k);
    return k;
}

/* A key of one field of a row into *out (NULL: none). */
static nps_error field_key(const nps_dataset *d, size_t row, const nps_field *f, bool name, char **out)
{
    const char *t = f ? nps_dataset_text(d, row, f) : NULL;
    *out = NULL;
    if (!t || !*t)
        return NPS_OK;
    if (!(*out = name ? nps_org_name_key(t, strlen(t)) : nps_org_email_key(t, strlen(t))))
        return NPS_ERR_NOMEM; /* a text without its key */
    if (!**out) {
        nps_free(*out);
        *out = NULL;
    }
    return NPS_OK;
}

nps_error nps_org_row_keys(const nps_dataset *d, size_t row, const nps_field *name_field,
                           const nps_field *email_field, char **name, char **email)
{
    nps_error err = field_key(d, row, name_field, true, name);
    if (err == NPS_OK && (err = field_key(d, row, email_field, false, email)) != NPS_OK) {
        nps_free(*name);
        *name = NULL;
    }
    return err;
}

/* ---------- the keys of the rows read ---------- */

/* Union-find over rows sharing a key. */
static size_t find_root(size_t *parent, size_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

static void join(size_t *parent, size_t a, size_t b)
{
    a = find_root(parent, a);
    b = find_root(parent, b);
    if (a != b)
        parent[a] = b;
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
    char *keys[2] = {NULL, NULL};
    nps_error err = keys_reserve(k, k->n_rows + 1, 0);
    key_ref *refs = k->refs + 2 * k->n_rows;
    if (err == NPS_OK)
        err = nps_org_row_keys(d, row, k->fields[0], k->fields[1], &keys[0], &keys[1]);
    for (int i = 0; i < 2 && err == NPS_OK; i++) {
        size_t n = keys[i] ? strlen(keys[i]) + 1 : 0;
        refs[i] = (key_ref){0, 0};
        if (keys[i] && (err = keys_reserve(k, 0, k->len + n)) == NPS_OK) {
            memcpy(k->arena + k->len, keys[i], n);
            refs[i] = (key_ref){k->len + 1, key_hash(keys[i])};
            k->len += n;
        }
    }
    nps_free(keys[0]);
    nps_free(keys[1]);
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

#define NO_ROW ((size_t)-1)

/* first[r] = the first row whose key `field` (0 name, 1 e-mail) equals row
 * r's, NO_ROW when r has none: a hash table of the first row of every key,
 * linear probing. */
static nps_error first_of_key(const dedup_keys *k, int field, size_t *first)
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
        first[r] = NO_ROW;
        if (!ref->at)
            continue;
        for (size_t s = (size_t)ref->hash & mask;; s = (s + 1) & mask) {
            const key_ref *o = slots[s] ? &k->refs[2 * (slots[s] - 1) + (size_t)field] : NULL;
            if (!o) {
                slots[s] = r + 1;
                first[r] = r;
                break;
            }
            if (o->hash == ref->hash && strcmp(k->arena + o->at - 1, k->arena + ref->at - 1) == 0) {
                first[r] = slots[s] - 1;
                break;
            }
        }
    }
    nps_free(slots);
    return NPS_OK;
}

/* What one e-mail was given with, by its first row. */
typedef struct mail_use {
    size_t named;    /* a root of the rows with a name, NO_ROW: none yet */
    size_t nameless; /* a row without a name, NO_ROW: none */
    size_t last;     /* the last row of this e-mail so far (for `next`) */
    bool several;    /* given under two or more different names */
} mail_use;

/* "the same e-mail under different names" naming every line of it
 * (the first 20): a finding, the rows stay apart. */
static nps_error log_shared_email(nps_dataset *d, size_t first, const size_t *next)
{
    nps_strbuf b = {0};
    size_t n = 0;
    nps_error err;
    nps_strbuf_add(&b, "the same e-mail address under different 団体名 (lines");
    for (size_t r = first; r != NO_ROW; r = next[r], n++)
        if (n < 20)
            nps_strbuf_addf(&b, "%s %ld", n ? "," : "", nps_dataset_line(d, r));
    if (n > 20)
        nps_strbuf_addf(&b, " and %zu more", n - 20);
    nps_strbuf_add(&b, "): kept as separate organisations (an intermediary answering for several groups?)");
    err = b.failed ? NPS_ERR_NOMEM
                   : nps_dataset_add_quality(d, NPS_QUALITY_FINDING, nps_dataset_line(d, first), "", "", 0,
                                             nps_strbuf_get(&b));
    nps_strbuf_free(&b);
    return err;
}

/* Rows by e-mail (first[r]: the e-mail's first row): a row without a name
 * joins the one named organisation of its e-mail, else the other nameless
 * rows of it; an e-mail under several names is a finding. */
static nps_error join_by_email(nps_dataset *d, const dedup_keys *k, const size_t *first, size_t *parent)
{
    size_t n = k->n_rows;
    mail_use *use = nps_malloc((n ? n : 1) * sizeof *use);
    size_t *next = nps_malloc((n ? n : 1) * sizeof *next);
    nps_error err = NPS_ERR_NOMEM;
    if (!use || !next)
        goto cleanup;
    for (size_t r = 0; r < n; r++) {
        size_t e = first[r];
        mail_use *u = &use[e == NO_ROW ? r : e];
        next[r] = NO_ROW;
        if (e == NO_ROW)
            continue;
        if (e == r)
            *u = (mail_use){NO_ROW, NO_ROW, r, false};
        else
            next[u->last] = r;
        u->last = r;
        if (!k->refs[2 * r].at) { /* no name */
            if (u->nameless == NO_ROW)
                u->nameless = r;
            else
                join(parent, r, u->nameless);
        } else if (u->named == NO_ROW) {
            u->named = find_root(parent, r);
        } else if (find_root(parent, u->named) != find_root(parent, r)) {
            u->several = true;
        }
    }
    err = NPS_OK;
    for (size_t r = 0; r < n && err == NPS_OK; r++) {
        const mail_use *u = &use[r];
        if (first[r] != r)
            continue;
        if (u->several)
            err = log_shared_email(d, r, next);
        else if (u->named != NO_ROW && u->nameless != NO_ROW)
            join(parent, u->nameless, u->named);
    }
cleanup:
    nps_free(use);
    nps_free(next);
    return err;
}

/* Latest by timestamp; on a tie (or no timestamps) the later row in the file. */
static bool later(const nps_dataset *d, size_t a, size_t b)
{
    long long ta = nps_dataset_timestamp(d, a), tb = nps_dataset_timestamp(d, b);
    return ta != tb ? ta > tb : a > b;
}

static nps_error log_dropped(nps_dataset *d, size_t dropped, size_t kept)
{
    char action[256];
    snprintf(action, sizeof action,
             "duplicate response of one organisation (same 団体名, or same e-mail and no 団体名): dropped, the latest (line %ld) kept",
             nps_dataset_line(d, kept));
    return nps_dataset_add_quality(d, NPS_QUALITY_NOTE, nps_dataset_line(d, dropped), "", "", 0, action);
}

nps_error nps_dedup_remove_duplicates(nps_dataset *d, dedup_keys *keys)
{
    size_t n = nps_dataset_count(d);
    size_t *parent = nps_calloc(n ? n : 1, sizeof *parent), *best = nps_calloc(n ? n : 1, sizeof *best);
    bool *keep = nps_calloc(n ? n : 1, sizeof *keep);
    size_t *first = NULL;
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
    if (err == NPS_OK && (first = nps_malloc((n ? n : 1) * sizeof *first)) == NULL)
        err = NPS_ERR_NOMEM;
    if (err == NPS_OK && (err = first_of_key(keys, 0, first)) == NPS_OK)
        for (size_t i = 0; i < n; i++)
            if (first[i] != NO_ROW)
                join(parent, i, first[i]);
    if (err == NPS_OK && (err = first_of_key(keys, 1, first)) == NPS_OK)
        err = join_by_email(d, keys, first, parent);
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
    nps_free(first);
    return err;
}
