/*
 * themes.c — keyword coding of the free-text challenge themes (docs/analysis.md).
 *
 * For each text field of each theme question, for each organisation: the
 * text is masked; the masked text is cut at the mask tokens and each piece
 * is keyed (NFKC, white space removed, ASCII lower-cased); the text belongs
 * to theme i when any of theme i's keyed keywords occurs in a piece.
 *
 * The free-text listing (nps_free_texts) is the same collection over the
 * free_text_questions, with select fields' "other" write-ins, uncoded.
 *
 * Invariants after build: texts[] holds only non-blank texts, in question,
 * field, row order; each theme's quotes are the indices of the texts with
 * its bit, ascending; text_count = number of quotes; org_count ≤
 * respondents ≤ number of dataset rows.
 */
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "base/text.h"
#include "analyse/text_memo.h"
#include "analyse/themes.h"
#include "analyse/themes_private.h"
#include "base/emit.h"

#define THEMES_MAX 64

typedef struct theme_info {
    const char *name;
    char **keys;              /* keyed keywords, owned */
    size_t n_keys;
    char **excl;              /* keyed exclusions (themes.csv "!農福連携"), owned */
    size_t n_excl;
    long texts, orgs;
    size_t *quotes;           /* indices into texts[] */
    size_t n_quotes;
} theme_info;

struct nps_free_texts {
    const nps_dataset *d;
    nps_theme_text *texts;    /* quotes point into memo */
    size_t n_texts, cap;
    nps_text_memo *memo;      /* raw text → its masked text (NULL: blank) */
    bool memo_owned;          /* false: shared with other builders (nps_results) */
};

struct nps_themes {
    nps_free_texts all;       /* the theme questions' texts */
    theme_info *th;
    size_t n_th;
    long uncoded, respondents;
};

/* NFKC, white space removed, ASCII lower-cased; NULL on failure. */
static char *match_key(const char *s, size_t n)
{
    char *k = nps_text_key(s, n);
    for (char *p = k; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return k;
}

/* ---- themes and keywords ------------------------------------------------ */

static nps_error load_themes(nps_themes *t, const nps_questionnaire *q)
{
    t->n_th = nps_questionnaire_theme_count(q);
    if (t->n_th > THEMES_MAX)
        return NPS_ERR_LIMIT;
    if (!(t->th = nps_calloc(t->n_th ? t->n_th : 1, sizeof(theme_info))))
        return NPS_ERR_NOMEM;
    for (size_t i = 0; i < t->n_th; i++) {
        const nps_theme *qt = nps_questionnaire_theme_at(q, i);
        theme_info *ti = &t->th[i];
        ti->name = qt->name;
        if (!(ti->keys = nps_calloc(qt->n_keywords ? qt->n_keywords : 1, sizeof(char *))) ||
            !(ti->excl = nps_calloc(qt->n_keywords ? qt->n_keywords : 1, sizeof(char *))))
            return NPS_ERR_NOMEM;
        for (size_t k = 0; k < qt->n_keywords; k++) {
            const char *kw = qt->keywords[k];
            bool exclusion = kw[0] == '!';
            char *key = match_key(kw + exclusion, strlen(kw + exclusion));
            if (!key)
                return NPS_ERR_NOMEM;
            if (!*key) {
                nps_free(key);
                continue;
            }
            if (exclusion)
                ti->excl[ti->n_excl++] = key;
            else
                ti->keys[ti->n_keys++] = key;
        }
    }
    return NPS_OK;
}

/* key with every occurrence of theme ti's exclusions blanked out (each
 * byte replaced by 0x01, which no keyword holds), in `work` (as long as key). */
static void blank_exclusions(const theme_info *ti, const char *key, char *work)
{
    strcpy(work, key);
    for (size_t e = 0; e < ti->n_excl; e++) {
        size_t n = strlen(ti->excl[e]);
        for (char *hit = strstr(work, ti->excl[e]); hit; hit = strstr(hit + n, ti->excl[e]))
            memset(hit, 1, n);
    }
}

/* Themes of one keyed piece of text: a keyword counts only outside the
 * theme's exclusions (「農福連携」 is not 連携; 「連携はよくできて」 is no 課題). */
static nps_error code_piece(const nps_themes *t, const char *key, uint64_t *bits)
{
    char *work = nps_malloc(strlen(key) + 1);
    if (!work)
        return NPS_ERR_NOMEM;
    for (size_t i = 0; i < t->n_th; i++) {
        blank_exclusions(&t->th[i], key, work);
        for (size_t k = 0; k < t->th[i].n_keys; k++)
            if (strstr(work, t->th[i].keys[k])) {
                *bits |= (uint64_t)1 << i;
                break;
            }
    }
    nps_free(work);
    return NPS_OK;
}

/* The earliest mask token in s at or after p, its length in *len. */
static const char *next_token(const char *s, size_t *len)
{
    static const nps_mask_kind kinds[] = {NPS_MASK_URL,    NPS_MASK_EMAIL, NPS_MASK_PHONE,
                                          NPS_MASK_POSTAL, NPS_MASK_NAME,  NPS_MASK_ORGANISATION};
    const char *best = NULL;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        const char *tok = nps_mask_token(kinds[i]);
        const char *hit = strstr(s, tok);
        if (hit && (!best || hit < best)) {
            best = hit;
            *len = strlen(tok);
        }
    }
    return best;
}

/* Code a masked text: every piece between tokens separately. */
static nps_error code_text(const nps_themes *t, const char *masked, uint64_t *bits)
{
    const char *p = masked;
    *bits = 0;
    while (*p) {
        size_t toklen = 0;
        const char *tok = next_token(p, &toklen);
        size_t n = tok ? (size_t)(tok - p) : strlen(p);
        char *key = match_key(p, n);
        if (!key)
            return NPS_ERR_NOMEM;
        nps_error err = code_piece(t, key, bits);
        nps_free(key);
        if (err != NPS_OK)
            return err;
        p += n + toklen;
    }
    return NPS_OK;
}

/* ---- texts -------------------------------------------------------------- */

/* Mask `raw`: *masked its masked text, *blank whether it keys to nothing. */
nps_error nps_themes_mask_one(const nps_masker *m, const char *raw, size_t len, char **masked, bool *blank)
{
    nps_error err = NPS_ERR_NOMEM;
    char *key = NULL;
    /* mask first: the masked text is valid UTF-8 even when raw is not */
    if (!(*masked = nps_mask_text_len(m, raw, len)) || !(key = match_key(*masked, strlen(*masked)))) {
        nps_free(*masked);
        *masked = NULL;
        goto cleanup;
    }
    *blank = !*key;
    err = NPS_OK;
cleanup:
    nps_free(key);
    return err;
}

/* The masked text of `raw` (NULL when blank), owned by the memo: each
 * distinct text is masked once however many organisations wrote it (なし,
 * 特になし, a phrase many wrote) and however many listings quote it. The
 * memo borrows its keys from the dataset, so it costs a slot per distinct
 * text, not a copy. */
static nps_error masked_text(nps_free_texts *l, const nps_masker *m, const char *raw, const char **out)
{
    size_t len = strlen(raw);
    bool found = false, blank = false;
    char *masked = nps_text_memo_get(l->memo, raw, len, &found);
    nps_error err;
    *out = NULL;
    if (!found) {
        if ((err = nps_themes_mask_one(m, raw, len, &masked, &blank)) != NPS_OK)
            return err;
        if (blank) {
            nps_free(masked);
            masked = NULL;
        }
        if (nps_text_memo_put(l->memo, raw, len, masked) != NPS_OK)
            return NPS_ERR_NOMEM;
    }
    *out = masked;
    return NPS_OK;
}

/* Append the masked text of field f, row `row` (its "other" write-in for a
 * select field), unless blank. */
static nps_error add_text(nps_free_texts *l, const nps_masker *m, const nps_field *f, size_t row)
{
    const char *raw = nps_dataset_text(l->d, row, f), *masked = NULL;
    nps_error err;
    if (!raw)
        return NPS_OK;
    if ((err = masked_text(l, m, raw, &masked)) != NPS_OK || !masked)
        return err;
    if (nps_grow((void **)&l->texts, &l->cap, l->n_texts + 1, sizeof *l->texts, 64) != NPS_OK)
        return NPS_ERR_NOMEM;
    l->texts[l->n_texts++] = (nps_theme_text){row, nps_dataset_org_id(l->d, row), f->question,
                                              f->item_index, f->item_index ? f->label : "",
                                              masked, 0};
    return NPS_OK;
}

static bool has_other_option(const nps_field *f)
{
    for (size_t i = 0; f->list && i < f->list->n_options; i++)
        if (f->list->options[i].role == NPS_OPTION_OTHER)
            return true;
    return false;
}

/* Whether a listing takes f's texts: text fields always, select fields'
 * write-ins when `write_ins`; never a personal field. */
bool nps_themes_field_listed(const nps_field *f, bool write_ins)
{
    bool select = f->type == NPS_F_SELECT_ONE || f->type == NPS_F_SELECT_MULTIPLE;
    if (f->personal != NPS_PERSONAL_NONE)
        return false;
    return f->type == NPS_F_TEXT || (write_ins && select && has_other_option(f));
}

/* Text fields always; select fields' write-ins when `write_ins`. */
static nps_error add_question(nps_free_texts *l, const nps_masker *m, const nps_question *qu,
                              bool write_ins)
{
    for (size_t i = 0; i < qu->n_fields; i++) {
        const nps_field *f = qu->fields[i];
        if (!nps_themes_field_listed(f, write_ins))
            continue;
        for (size_t r = 0; r < nps_dataset_count(l->d); r++) {
            nps_error err = add_text(l, m, f, r);
            if (err != NPS_OK)
                return err;
        }
    }
    return NPS_OK;
}

/* The questions of a setting's list, in that order. */
static nps_error add_questions(nps_free_texts *l, const nps_masker *m, const nps_number_list *list,
                               bool write_ins)
{
    const nps_questionnaire *q = nps_dataset_questionnaire(l->d);
    const int *numbers = list->numbers;
    size_t n = list->n;
    if (n == 0)
        return NPS_ERR_QUESTIONNAIRE;
    for (size_t i = 0; i < n; i++) {
        const nps_question *qu = nps_questionnaire_question(q, numbers[i]);
        if (!qu)
            return NPS_ERR_QUESTIONNAIRE;
        nps_error err = add_question(l, m, qu, write_ins);
        if (err != NPS_OK)
            return err;
    }
    return NPS_OK;
}

/* The listing's memo: `shared` (borrowed) or a new one of its own. */
static nps_error texts_init(nps_free_texts *l, const nps_dataset *d, nps_text_memo *shared)
{
    l->d = d;
    l->memo = shared;
    if (!shared) {
        l->memo_owned = true;
        if (!(l->memo = nps_text_memo_new()))
            return NPS_ERR_NOMEM;
    }
    return NPS_OK;
}

static void texts_clear(nps_free_texts *l)
{
    if (l->memo_owned)
        nps_text_memo_free(l->memo);
    nps_free(l->texts);
}

static nps_error code_texts(nps_themes *t)
{
    for (size_t k = 0; k < t->all.n_texts; k++) {
        nps_error err = code_text(t, t->all.texts[k].text, &t->all.texts[k].themes);
        if (err != NPS_OK)
            return err;
    }
    return NPS_OK;
}

/* ---- counting ----------------------------------------------------------- */

static nps_error count_themes(nps_themes *t)
{
    size_t rows = nps_dataset_count(t->all.d);
    uint64_t *row_bits = nps_calloc(rows ? rows : 1, sizeof(uint64_t));
    unsigned char *has = nps_calloc(rows ? rows : 1, 1);
    nps_error err = NPS_ERR_NOMEM;
    if (!row_bits || !has)
        goto cleanup;
    for (size_t k = 0; k < t->all.n_texts; k++) {
        row_bits[t->all.texts[k].row] |= t->all.texts[k].themes;
        has[t->all.texts[k].row] = 1;
        t->uncoded += t->all.texts[k].themes == 0;
    }
    for (size_t r = 0; r < rows; r++)
        t->respondents += has[r];
    for (size_t i = 0; i < t->n_th; i++) {
        theme_info *ti = &t->th[i];
        uint64_t bit = (uint64_t)1 << i;
        if (!(ti->quotes = nps_calloc(t->all.n_texts ? t->all.n_texts : 1, sizeof(size_t))))
            goto cleanup;
        for (size_t k = 0; k < t->all.n_texts; k++)
            if (t->all.texts[k].themes & bit)
                ti->quotes[ti->n_quotes++] = k;
        ti->texts = (long)ti->n_quotes;
        for (size_t r = 0; r < rows; r++)
            ti->orgs += (row_bits[r] & bit) != 0;
    }
    err = NPS_OK;
cleanup:
    nps_free(row_bits);
    nps_free(has);
    return err;
}

nps_error nps_themes_build(const nps_dataset *d, const nps_masker *m, nps_themes **out)
{
    return nps_themes_build_shared(d, m, NULL, out);
}

nps_error nps_themes_build_shared(const nps_dataset *d, const nps_masker *m, nps_text_memo *memo,
                                  nps_themes **out)
{
    nps_error err = NPS_ERR_NOMEM;
    nps_masker *own = NULL;
    const nps_questionnaire *q = nps_dataset_questionnaire(d);
    nps_themes *t = nps_calloc(1, sizeof *t);
    *out = NULL;
    if (!t)
        goto cleanup;
    if ((err = texts_init(&t->all, d, memo)) != NPS_OK)
        goto cleanup;
    if (!m) {
        if ((err = nps_masker_new(d, &own)) != NPS_OK)
            goto cleanup;
        m = own;
    }
    if ((err = load_themes(t, q)) != NPS_OK)
        goto cleanup;
    if ((err = add_questions(&t->all, m, &nps_questionnaire_settings(q)->theme_questions, false)) != NPS_OK)
        goto cleanup;
    if ((err = code_texts(t)) != NPS_OK)
        goto cleanup;
    if ((err = count_themes(t)) != NPS_OK)
        goto cleanup;
    *out = t;
    t = NULL;
cleanup:
    nps_masker_free(own);
    nps_themes_free(t);
    return err;
}

void nps_themes_free(nps_themes *t)
{
    if (!t)
        return;
    for (size_t i = 0; t->th && i < t->n_th; i++) {
        for (size_t k = 0; k < t->th[i].n_keys; k++)
            nps_free(t->th[i].keys[k]);
        nps_free(t->th[i].keys);
        for (size_t k = 0; k < t->th[i].n_excl; k++)
            nps_free(t->th[i].excl[k]);
        nps_free(t->th[i].excl);
        nps_free(t->th[i].quotes);
    }
    nps_free(t->th);
    texts_clear(&t->all);
    nps_free(t);
}

/* ---- accessors ---------------------------------------------------------- */

size_t nps_themes_count(const nps_themes *t) { return t->n_th; }

const char *nps_themes_name(const nps_themes *t, size_t i)
{
    return i < t->n_th ? t->th[i].name : NULL;
}

long nps_themes_text_count(const nps_themes *t, size_t i)
{
    return i < t->n_th ? t->th[i].texts : 0;
}

long nps_themes_org_count(const nps_themes *t, size_t i)
{
    return i < t->n_th ? t->th[i].orgs : 0;
}

size_t nps_themes_quote_count(const nps_themes *t, size_t i)
{
    return i < t->n_th ? t->th[i].n_quotes : 0;
}

const nps_theme_text *nps_themes_quote_at(const nps_themes *t, size_t i, size_t k)
{
    if (i >= t->n_th || k >= t->th[i].n_quotes)
        return NULL;
    return &t->all.texts[t->th[i].quotes[k]];
}

size_t nps_themes_text_total(const nps_themes *t) { return t->all.n_texts; }

const nps_theme_text *nps_themes_text_at(const nps_themes *t, size_t k)
{
    return k < t->all.n_texts ? &t->all.texts[k] : NULL;
}

long nps_themes_uncoded_count(const nps_themes *t) { return t->uncoded; }
long nps_themes_respondents(const nps_themes *t) { return t->respondents; }

/* ---- writers ------------------------------------------------------------ */

static void write_quote_json(const nps_theme_text *x, FILE *out)
{
    fputs("{\"org\":", out);
    nps_write_json_string(out, x->org);
    fprintf(out, ",\"question\":%d,\"item_index\":%d,\"item\":", x->question, x->item_index);
    nps_write_json_string(out, x->item);
    fputs(",\"text\":", out);
    nps_write_json_string(out, x->text);
    fputc('}', out);
}

static void write_json(const nps_themes *t, FILE *out)
{
    fprintf(out, "{\"respondents\":%ld,\"texts\":%zu,\"themes\":[", t->respondents, t->all.n_texts);
    for (size_t i = 0; i < t->n_th; i++) {
        const theme_info *ti = &t->th[i];
        fputs(i ? ",\n{\"theme\":" : "\n{\"theme\":", out);
        nps_write_json_string(out, ti->name);
        fprintf(out, ",\"texts\":%ld,\"organisations\":%ld,\"quotes\":[", ti->texts, ti->orgs);
        for (size_t k = 0; k < ti->n_quotes; k++) {
            fputs(k ? ",\n" : "\n", out);
            write_quote_json(&t->all.texts[ti->quotes[k]], out);
        }
        fputs("]}", out);
    }
    fputs("\n],\"uncoded\":[", out);
    bool first = true;
    for (size_t k = 0; k < t->all.n_texts; k++) {
        if (t->all.texts[k].themes)
            continue;
        fputs(first ? "\n" : ",\n", out);
        write_quote_json(&t->all.texts[k], out);
        first = false;
    }
    fputs("]}\n", out);
}

static void write_text(const nps_themes *t, FILE *out)
{
    fprintf(out, "texts %zu from %ld organisations\n", t->all.n_texts, t->respondents);
    for (size_t i = 0; i < t->n_th; i++)
        fprintf(out, "%s  %ld texts, %ld organisations\n", t->th[i].name, t->th[i].texts,
                t->th[i].orgs);
    fprintf(out, "%s  %ld texts\n", NPS_THEMES_UNCODED, t->uncoded);
    for (size_t i = 0; i < t->n_th; i++) {
        fprintf(out, "\n%s\n", t->th[i].name);
        for (size_t k = 0; k < t->th[i].n_quotes; k++) {
            const nps_theme_text *x = &t->all.texts[t->th[i].quotes[k]];
            fprintf(out, "  [%s Q%d%s%s] %s\n", x->org, x->question, *x->item ? " " : "", x->item,
                    x->text);
        }
    }
}

static void write_counts_csv(const nps_themes *t, FILE *out)
{
    fputs("theme,texts,organisations\n", out);
    for (size_t i = 0; i < t->n_th; i++) {
        nps_write_csv_field(out, t->th[i].name);
        fprintf(out, ",%ld,%ld\n", t->th[i].texts, t->th[i].orgs);
    }
    fprintf(out, "%s,%ld,\n", NPS_THEMES_UNCODED, t->uncoded);
}

nps_error nps_themes_write(const nps_themes *t, nps_table_format format, FILE *out)
{
    switch (format) {
    case NPS_FORMAT_CSV: write_counts_csv(t, out); break;
    case NPS_FORMAT_JSON: write_json(t, out); break;
    default: write_text(t, out); break;
    }
    return ferror(out) ? NPS_ERR_IO : NPS_OK;
}

static void write_quote_csv(const char *theme, const nps_theme_text *x, FILE *out)
{
    nps_write_csv_field(out, theme);
    fprintf(out, ",Q%d,", x->question);
    if (x->item_index)
        fprintf(out, "%d", x->item_index);
    fputc(',', out);
    nps_write_csv_field(out, x->item);
    fputc(',', out);
    nps_write_csv_field(out, x->org);
    fputc(',', out);
    nps_write_csv_field(out, x->text);
    fputc('\n', out);
}

nps_error nps_themes_write_quotes(const nps_themes *t, nps_table_format format, FILE *out)
{
    if (format != NPS_FORMAT_CSV)
        return nps_themes_write(t, format, out);
    fputs("theme,question,item_index,item,org,text\n", out);
    for (size_t i = 0; i < t->n_th; i++)
        for (size_t k = 0; k < t->th[i].n_quotes; k++)
            write_quote_csv(t->th[i].name, &t->all.texts[t->th[i].quotes[k]], out);
    for (size_t k = 0; k < t->all.n_texts; k++)
        if (!t->all.texts[k].themes)
            write_quote_csv(NPS_THEMES_UNCODED, &t->all.texts[k], out);
    return ferror(out) ? NPS_ERR_IO : NPS_OK;
}

/* ---- the free-text listing ---------------------------------------------- */

nps_error nps_free_texts_build(const nps_dataset *d, const nps_masker *m, nps_free_texts **out)
{
    return nps_free_texts_build_shared(d, m, NULL, out);
}

nps_error nps_free_texts_build_shared(const nps_dataset *d, const nps_masker *m, nps_text_memo *memo,
                                      nps_free_texts **out)
{
    nps_error err = NPS_ERR_NOMEM;
    nps_masker *own = NULL;
    nps_free_texts *l = nps_calloc(1, sizeof *l);
    *out = NULL;
    if (!l)
        goto cleanup;
    if ((err = texts_init(l, d, memo)) != NPS_OK)
        goto cleanup;
    if (!m) {
        if ((err = nps_masker_new(d, &own)) != NPS_OK)
            goto cleanup;
        m = own;
    }
    if ((err = add_questions(l, m, &nps_questionnaire_settings(nps_dataset_questionnaire(d))->free_text_questions,
                             true)) != NPS_OK)
        goto cleanup;
    *out = l;
    l = NULL;
cleanup:
    nps_masker_free(own);
    nps_free_texts_free(l);
    return err;
}

void nps_free_texts_free(nps_free_texts *ft)
{
    if (!ft)
        return;
    texts_clear(ft);
    nps_free(ft);
}

size_t nps_free_texts_count(const nps_free_texts *ft) { return ft->n_texts; }

const nps_theme_text *nps_free_texts_at(const nps_free_texts *ft, size_t k)
{
    return k < ft->n_texts ? &ft->texts[k] : NULL;
}

static void write_free_text(const nps_free_texts *ft, FILE *out)
{
    const nps_theme_text *prev = NULL;
    for (size_t k = 0; k < ft->n_texts; k++) {
        const nps_theme_text *x = &ft->texts[k];
        if (!prev || prev->question != x->question || prev->item_index != x->item_index)
            fprintf(out, "%sQ%d%s%s\n", prev ? "\n" : "", x->question, *x->item ? " " : "", x->item);
        fprintf(out, "  [%s] %s\n", x->org, x->text);
        prev = x;
    }
}

nps_error nps_free_texts_write(const nps_free_texts *ft, nps_table_format format, FILE *out)
{
    switch (format) {
    case NPS_FORMAT_CSV:
        fputs("question,item_index,item,org,text\n", out);
        for (size_t k = 0; k < ft->n_texts; k++) {
            const nps_theme_text *x = &ft->texts[k];
            fprintf(out, "Q%d,", x->question);
            if (x->item_index)
                fprintf(out, "%d", x->item_index);
            fputc(',', out);
            nps_write_csv_field(out, x->item);
            fputc(',', out);
            nps_write_csv_field(out, x->org);
            fputc(',', out);
            nps_write_csv_field(out, x->text);
            fputc('\n', out);
        }
        break;
    case NPS_FORMAT_JSON:
        fputs("{\"texts\":[", out);
        for (size_t k = 0; k < ft->n_texts; k++) {
            fputs(k ? ",\n" : "\n", out);
            write_quote_json(&ft->texts[k], out);
        }
        fputs("\n]}\n", out);
        break;
    default:
        write_free_text(ft, out);
        break;
    }
    return ferror(out) ? NPS_ERR_IO : NPS_OK;
}
