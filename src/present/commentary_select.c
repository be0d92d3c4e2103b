/*
 * commentary_select.c — commentary of choice fields (select_one,
 * select_multiple), yes/no questions and star ratings (docs/commentary.md,
 * "Choice questions", "Yes/no", "Ratings").
 *
 * A choice table is split into the options that may be named ("plain") and
 * the excluded answers, in this order: 無回答, the none-applies options, the
 * "other" option. Exactly one sentence form applies, tried in order:
 *   1. nothing chosen at all;
 *   2. only excluded options chosen;
 *   3. yes/no (select_one over exactly two plain options);
 *   4. none-applies first (chosen by more than half, and by no fewer than
 *      any other option);
 *   5. the ranked top / runner-up sentence.
 *
 * Invariants: every count named comes from the table row it describes; the
 * excluded answers are mentioned only when they would otherwise make a
 * 最も多く / 次いで claim false (nps_cm_sb_excluding's threshold).
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "base/alloc.h"
#include "present/commentary_internal.h"

typedef struct choice_split {
    nps_cm_item *plain;   /* named options, questionnaire order */
    size_t n_plain;
    nps_cm_item *ex;      /* 無回答, none-applies, other — in that order */
    size_t n_ex;
    size_t first_none;    /* index in ex of the first none-applies option */
    size_t n_none;
    long answered;        /* sum of the option rows' counts */
} choice_split;

static void split_free(choice_split *cs)
{
    nps_free(cs->plain);
    nps_free(cs->ex);
}

static const nps_table_row *no_answer_row(const nps_table *t)
{
    for (size_t i = 0; i < t->n_rows; i++)
        if (t->rows[i].option_index == 0)
            return &t->rows[i];
    return NULL;
}

static nps_error split_choices(const nps_table *t, choice_split *cs)
{
    const nps_list *list = t->field->list;
    memset(cs, 0, sizeof *cs);
    cs->plain = nps_calloc(list->n_options + 1, sizeof *cs->plain);
    cs->ex = nps_calloc(list->n_options + 1, sizeof *cs->ex);
    if (!cs->plain || !cs->ex)
        return NPS_ERR_NOMEM;
    const nps_table_row *na = no_answer_row(t);
    cs->ex[cs->n_ex++] = (nps_cm_item){"無回答", strlen("無回答"), na ? na->count : 0, true};
    cs->first_none = cs->n_ex;
    for (int pass = 0; pass < 3; pass++) {
        nps_option_role want = pass == 0 ? NPS_OPTION_PLAIN
                             : pass == 1 ? NPS_OPTION_EXCLUSIVE : NPS_OPTION_OTHER;
        for (size_t i = 0; i < t->n_rows; i++) {
            int oi = t->rows[i].option_index;
            if (oi < 1 || (size_t)oi > list->n_options || list->options[oi - 1].role != want)
                continue;
            nps_cm_item it = {NULL, 0, t->rows[i].count, false};
            nps_cm_option_label(list, (size_t)oi - 1, &it.label, &it.len);
            if (pass == 0)
                cs->plain[cs->n_plain++] = it;
            else
                cs->ex[cs->n_ex++] = it;
            if (pass == 1)
                cs->n_none++;
            cs->answered += it.count;
        }
    }
    return NPS_OK;
}

/* 2. 「当てはまる事業はない」が40.0%、「その他」が10.0%で、それ以外の… */
static void excluded_only(nps_strbuf *sb, const choice_split *cs, long base)
{
    long counts[NPS_MAX_OPTIONS + 1];
    char w[NPS_MAX_OPTIONS + 1][NPS_CM_WORD];
    size_t k = 0;
    for (size_t i = 1; i < cs->n_ex && k < NPS_MAX_OPTIONS + 1; i++)
        if (cs->ex[i].count > 0)
            counts[k++] = cs->ex[i].count;
    nps_cm_wordings(counts, NULL, k, base, w);
    k = 0;
    for (size_t i = 1; i < cs->n_ex; i++) {
        if (cs->ex[i].count <= 0)
            continue;
        if (k > 0)
            nps_strbuf_add(sb, "、");
        nps_cm_sb_quote(sb, cs->ex[i].label, cs->ex[i].len);
        nps_strbuf_addf(sb, "が%s", w[k++]);
    }
    nps_strbuf_add(sb, "で、それ以外の選択肢を選んだ団体はなかった。");
}

static bool is_yes_no(const nps_table *t, const choice_split *cs)
{
    return t->field->type == NPS_F_SELECT_ONE && t->field->list->n_options == 2 &&
           cs->n_plain == 2;
}

/* 3. [無回答が61.5%と多いものの、]「あり」と回答した団体は13.8%、「なし」は約1/4となっている。 */
static void yes_no(nps_strbuf *sb, const choice_split *cs, long base)
{
    long na = cs->ex[0].count;
    bool many_na = 2 * na > base;
    long counts[3] = {cs->plain[0].count, cs->plain[1].count, na};
    char w[3][NPS_CM_WORD];
    nps_cm_wordings(counts, NULL, many_na ? 3 : 2, base, w);
    if (many_na)
        nps_strbuf_addf(sb, "無回答が%sと多いものの、", w[2]);
    nps_cm_sb_quote(sb, cs->plain[0].label, cs->plain[0].len);
    nps_strbuf_addf(sb, "と回答した団体は%s、", w[0]);
    nps_cm_sb_quote(sb, cs->plain[1].label, cs->plain[1].len);
    nps_strbuf_addf(sb, "は%sとなっている。", w[1]);
}

/* The none-applies option chosen by more than half and by no fewer than any
 * other option, or NULL. */
static const nps_cm_item *leading_none(const choice_split *cs, long base)
{
    const nps_cm_item *best = NULL;
    for (size_t i = cs->first_none; i < cs->first_none + cs->n_none; i++)
        if (2 * cs->ex[i].count > base && (!best || cs->ex[i].count > best->count))
            best = &cs->ex[i];
    if (!best)
        return NULL;
    for (size_t i = 0; i < cs->n_plain; i++)
        if (cs->plain[i].count > best->count)
            return NULL;
    for (size_t i = 1; i < cs->n_ex; i++)
        if (cs->ex[i].count > best->count)
            return NULL;
    return best;
}

/* 4. 「E」が55.4%と最も多く、[「その他」を除くと、]次いで「A」が36.9%となっている。 */
static nps_error none_first(nps_strbuf *sb, const choice_split *cs, const nps_cm_item *none,
                            long base)
{
    nps_error err = NPS_OK;
    const nps_cm_item **top = nps_calloc(cs->n_plain, sizeof *top);
    nps_cm_item *rest = nps_calloc(cs->n_ex, sizeof *rest);
    if (!top || !rest) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    long c = nps_cm_max_below(cs->plain, cs->n_plain, LONG_MAX);
    size_t n_top = nps_cm_collect(cs->plain, cs->n_plain, c, top);
    size_t n_rest = 0;
    for (size_t i = 0; i < cs->n_ex; i++)
        if (&cs->ex[i] != none)
            rest[n_rest++] = cs->ex[i];
    long counts[2] = {none->count, c};
    bool exact[2] = {false, n_top > 1};
    char w[2][NPS_CM_WORD];
    nps_cm_wordings(counts, exact, 2, base, w);
    nps_cm_sb_quote(sb, none->label, none->len);
    nps_strbuf_addf(sb, "が%sと最も多く、", w[0]);
    nps_cm_sb_excluding(sb, rest, n_rest, c);
    nps_strbuf_add(sb, "次いで");
    nps_cm_sb_items(sb, top, n_top, 3);
    nps_strbuf_addf(sb, "%s%sとなっている%s。", n_top > 1 ? "が共に" : "が", w[1],
                    nps_cm_differ(none->count, c, base) ? "" : "（差は誤差の範囲内）");

cleanup:
    nps_free(top);
    nps_free(rest);
    return err;
}

nps_error nps_cm_select(nps_strbuf *sb, const nps_table *t)
{
    choice_split cs;
    nps_error err = NPS_OK;
    if (!t->field->list)
        return NPS_OK;
    if ((err = split_choices(t, &cs)) != NPS_OK)
        goto cleanup;
    const nps_cm_item *none;
    if (cs.answered == 0)
        nps_strbuf_add(sb, "いずれの選択肢を選んだ団体もなかった。");
    else if (nps_cm_max_below(cs.plain, cs.n_plain, LONG_MAX) == 0)
        excluded_only(sb, &cs, t->base);
    else if (is_yes_no(t, &cs))
        yes_no(sb, &cs, t->base);
    else if ((none = leading_none(&cs, t->base)) != NULL)
        err = none_first(sb, &cs, none, t->base);
    else
        err = nps_cm_ranked(sb, cs.plain, cs.n_plain, cs.ex, cs.n_ex, t->base, "");

cleanup:
    split_free(&cs);
    return err;
}

/* ---- ratings -------------------------------------------------------------- */

#define STAR_LABEL 24

nps_error nps_cm_rating(nps_strbuf *sb, const nps_table *t)
{
    nps_error err = NPS_OK;
    size_t n = 0;
    nps_cm_item *items = nps_calloc(t->n_rows, sizeof *items);
    char (*labels)[STAR_LABEL] = nps_calloc(t->n_rows, sizeof *labels);
    nps_cm_item na = {"無回答", strlen("無回答"), 0, true};
    if (!items || !labels) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < t->n_rows; i++) {
        if (t->rows[i].option_index == 0) {
            na.count = t->rows[i].count;
            continue;
        }
        int len = snprintf(labels[n], STAR_LABEL, "★%dつ", t->rows[i].option_index);
        items[n] = (nps_cm_item){labels[n], (size_t)len, t->rows[i].count, false};
        n++;
    }
    if (nps_cm_max_below(items, n, LONG_MAX) == 0) {
        nps_strbuf_add(sb, "回答した団体はなかった。");
        goto cleanup;
    }
    char scale[32];
    snprintf(scale, sizeof scale, "%zu段階中", n);
    err = nps_cm_ranked(sb, items, n, &na, 1, t->base, scale);

cleanup:
    nps_free(items);
    nps_free(labels);
    return err;
}
