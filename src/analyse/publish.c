/*
 * publish.c — see publish.h. A thin view: every accessor reads the
 * borrowed dataset, after checking that the field is not personal, and
 * every respondent text passes through the borrowed masker before it
 * leaves. The view holds no copy of any answer.
 *
 * Invariants: a personal field (field->personal != NPS_PERSONAL_NONE)
 * yields no answer from any accessor; text leaves only masked; the
 * organisation field's text leaves unmasked only through
 * nps_publication_org_name, and only when reveal_names was given.
 *
 * Ownership: the publication owns only itself.
 */
#include <math.h>
#include <string.h>
#include "base/alloc.h"
#include "analyse/publish.h"

struct nps_publication {
    const nps_dataset *d;
    const nps_masker *m;
    const nps_field *org_field;   /* the organisation's name; NULL unless revealed */
};

nps_error nps_publication_new(const nps_dataset *d, const nps_masker *m, bool reveal_names,
                              nps_publication **out)
{
    nps_publication *p;
    *out = NULL;
    if (!d || !m)
        return NPS_ERR_USAGE;
    p = nps_calloc(1, sizeof *p);
    if (!p)
        return NPS_ERR_NOMEM;
    p->d = d;
    p->m = m;
    if (reveal_names)
        p->org_field = nps_questionnaire_personal_field(nps_dataset_questionnaire(d),
                                                        NPS_PERSONAL_ORGANISATION);
    *out = p;
    return NPS_OK;
}

void nps_publication_free(nps_publication *p)
{
    nps_free(p);
}

const nps_questionnaire *nps_publication_questionnaire(const nps_publication *p)
{
    return nps_dataset_questionnaire(p->d);
}

size_t nps_publication_count(const nps_publication *p)
{
    return nps_dataset_count(p->d);
}

bool nps_publication_period(const nps_publication *p, long long *first, long long *last)
{
    long long lo = -1, hi = -1;
    for (size_t i = 0; i < nps_dataset_count(p->d); i++) {
        long long t = nps_dataset_timestamp(p->d, i);
        if (t < 0)
            continue;
        if (lo < 0 || t < lo)
            lo = t;
        if (hi < 0 || t > hi)
            hi = t;
    }
    *first = lo;
    *last = hi;
    return lo >= 0;
}

const nps_read_info *nps_publication_read_info(const nps_publication *p)
{
    return nps_dataset_read_info(p->d);
}

const char *nps_publication_org_id(const nps_publication *p, size_t org)
{
    return nps_dataset_org_id(p->d, org);
}

const char *nps_publication_org_name(const nps_publication *p, size_t org)
{
    return p->org_field ? nps_dataset_text(p->d, org, p->org_field) : NULL;
}

bool nps_publication_reveals_names(const nps_publication *p)
{
    return p->org_field != NULL;
}

long long nps_publication_timestamp(const nps_publication *p, size_t org)
{
    return nps_dataset_timestamp(p->d, org);
}

static bool published(const nps_field *field)
{
    return field && field->personal == NPS_PERSONAL_NONE;
}

int nps_publication_choice(const nps_publication *p, size_t org, const nps_field *field)
{
    return published(field) ? nps_dataset_choice(p->d, org, field) : 0;
}

uint64_t nps_publication_choices(const nps_publication *p, size_t org, const nps_field *field)
{
    return published(field) ? nps_dataset_choices(p->d, org, field) : 0;
}

double nps_publication_number(const nps_publication *p, size_t org, const nps_field *field)
{
    return published(field) ? nps_dataset_number(p->d, org, field) : NAN;
}

int nps_publication_bin(const nps_publication *p, size_t org, const nps_field *field)
{
    return published(field) ? nps_dataset_bin(p->d, org, field) : 0;
}

nps_error nps_publication_text(const nps_publication *p, size_t org, const nps_field *field,
                               char **masked)
{
    const char *t = published(field) ? nps_dataset_text(p->d, org, field) : NULL;
    *masked = NULL;
    if (!t)
        return NPS_OK;
    *masked = nps_mask_text(p->m, t);
    return *masked ? NPS_OK : NPS_ERR_NOMEM;
}

size_t nps_publication_quality_count(const nps_publication *p)
{
    return nps_dataset_quality_count(p->d);
}

size_t nps_publication_quality_count_kind(const nps_publication *p, nps_quality_kind kind)
{
    return nps_dataset_quality_count_kind(p->d, kind);
}

nps_published_quality nps_publication_quality_at(const nps_publication *p, size_t i)
{
    const nps_quality_entry *e = nps_dataset_quality_at(p->d, i);
    nps_published_quality q = {e->kind, e->line, e->column, e->action, e->cell};
    return q;
}

nps_error nps_publication_quality_action(const nps_publication *p, size_t i, char **masked)
{
    const nps_quality_entry *e = nps_dataset_quality_at(p->d, i);
    *masked = nps_mask_text(p->m, e->action ? e->action : "");
    return *masked ? NPS_OK : NPS_ERR_NOMEM;
}

nps_error nps_publication_quality_raw(const nps_publication *p, size_t i, char **masked)
{
    const nps_quality_entry *e = nps_dataset_quality_at(p->d, i);
    *masked = NULL;
    if (!e->raw || !e->raw[0])
        return NPS_OK;
    *masked = nps_mask_text(p->m, e->raw);
    return *masked ? NPS_OK : NPS_ERR_NOMEM;
}

/* The masked form of `text` through the memo. */
static nps_error memo_mask(const nps_publication *p, nps_text_memo *memo, const char *text, const char **out)
{
    size_t len = strlen(text);
    bool found;
    char *masked = nps_text_memo_get(memo, text, len, &found);
    nps_error err = NPS_OK;
    if (!found) {
        if (!(masked = nps_mask_text_len(p->m, text, len)))
            err = NPS_ERR_NOMEM;
        else if ((err = nps_text_memo_put(memo, text, len, masked)) != NPS_OK)
            masked = NULL;
    }
    *out = masked;
    return err;
}

nps_error nps_publication_quality_masked(const nps_publication *p, size_t i, nps_text_memo *memo,
                                         const char **raw, const char **action)
{
    const nps_quality_entry *e = nps_dataset_quality_at(p->d, i);
    nps_error err = NPS_OK;
    *raw = *action = NULL;
    if (e->raw && e->raw[0])
        err = memo_mask(p, memo, e->raw, raw);
    if (err == NPS_OK)
        err = memo_mask(p, memo, e->action ? e->action : "", action);
    return err;
}
