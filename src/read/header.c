/*
 * header.c — see header.h. Pure string work on the NFKC form of a header;
 * owns nothing beyond the strings it returns in nps_header.
 */
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "read/header.h"
#include "base/text.h"

static int take_number(const char **p, int max)
{
    long v = 0;
    int digits = 0;
    while (**p >= '0' && **p <= '9' && digits < 4) {
        v = v * 10 + (**p - '0');
        (*p)++;
        digits++;
    }
    if (digits == 0 || (**p >= '0' && **p <= '9') || v < 1 || v > max)
        return 0;
    return (int)v;
}

/* After "Q<n>[-<i>]": a separator, or white space, or the end. */
static const char *after_separator(const char *p)
{
    if (*p == '.' || *p == ':' || *p == ')')
        return p + 1;
    if (*p == ' ' || *p == '\0')
        return p;
    if (strncmp(p, "\xE3\x80\x81", 3) == 0) /* 、 */
        return p + 3;
    return NULL;
}

/* Split off a final " [row]" (Google Forms grid rows). */
static int split_row(char *text, char **row)
{
    size_t len = strlen(text);
    *row = NULL;
    if (len < 3 || text[len - 1] != ']')
        return 0;
    char *open = strrchr(text, '[');
    if (!open || open == text)
        return 0;
    *row = nps_text_trim(open + 1, (size_t)(text + len - 1 - (open + 1)));
    if (!*row)
        return -1;
    *open = '\0';
    return 0;
}

int nps_header_parse(const char *raw, size_t len, nps_header *out)
{
    char *norm = nps_text_nfkc(raw, len);
    const char *p, *rest;
    int number = 0, item = 0;
    memset(out, 0, sizeof *out);
    if (!norm)
        return -1;
    p = norm;
    if (*p == 'Q' || *p == 'q')
        p++;
    else if (strncmp(p, "\xE5\x95\x8F", 3) == 0) /* 問 */
        p += 3;
    else
        p = NULL;
    rest = norm;
    if (p && (number = take_number(&p, 999)) > 0) {
        if ((*p == '-' || *p == '_') && p[1] >= '0' && p[1] <= '9') {
            p++;
            item = take_number(&p, 255);
        }
        const char *after = item >= 0 ? after_separator(p) : NULL;
        if (after) {
            rest = after;
        } else {
            number = 0;
            item = 0;
        }
    } else {
        number = 0;
    }
    out->number = number;
    out->item = number ? item : 0;
    out->text = nps_text_trim(rest, strlen(rest));
    nps_free(norm);
    if (!out->text)
        return -1;
    if (split_row(out->text, &out->row) != 0) {
        nps_header_clear(out);
        return -1;
    }
    /* trim what remains before the row */
    char *t = nps_text_trim(out->text, strlen(out->text));
    if (!t) {
        nps_header_clear(out);
        return -1;
    }
    nps_free(out->text);
    out->text = t;
    return 0;
}

void nps_header_clear(nps_header *h)
{
    nps_free(h->text);
    nps_free(h->row);
    memset(h, 0, sizeof *h);
}

/* NFKC, ASCII lower-cased; NULL on allocation failure. */
static char *folded(const char *raw, size_t len)
{
    char *t = nps_text_nfkc(raw, len);
    for (char *c = t; c && *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    return t;
}

nps_header_metadata nps_header_form_metadata(const char *raw, size_t len)
{
    static const struct { const char *name; nps_header_metadata kind; } names[] = {
        {"タイムスタンプ", NPS_META_TIME}, {"timestamp", NPS_META_TIME},
        {"開始時刻", NPS_META_TIME}, {"start time", NPS_META_TIME},
        {"完了時刻", NPS_META_TIME}, {"completion time", NPS_META_TIME},
        {"最終変更時刻", NPS_META_TIME}, {"last modified time", NPS_META_TIME},
        {"id", NPS_META_ID}, {"スコア", NPS_META_ID}, {"score", NPS_META_ID},
        {"合計ポイント", NPS_META_ID}, {"total points", NPS_META_ID},
        {"クイズのフィードバック", NPS_META_ID}, {"quiz feedback", NPS_META_ID},
        {"メール", NPS_META_PERSONAL}, {"email", NPS_META_PERSONAL},
        {"メールアドレス", NPS_META_PERSONAL}, {"email address", NPS_META_PERSONAL},
        {"名前", NPS_META_PERSONAL}, {"name", NPS_META_PERSONAL}};
    char *t = folded(raw, len);
    nps_header_metadata kind = NPS_META_NONE;
    for (size_t i = 0; t && i < sizeof names / sizeof names[0] && !kind; i++)
        if (strcmp(t, names[i].name) == 0)
            kind = names[i].kind;
    nps_free(t);
    return kind;
}

int nps_header_timestamp_rank(const char *raw, size_t len)
{
    static const struct { const char *name; int rank; } names[] = {
        {"タイムスタンプ", 1}, {"timestamp", 1}, {"完了時刻", 2}, {"completion time", 2},
        {"開始時刻", 3}, {"start time", 3}};
    char *t = nps_text_nfkc(raw, len);
    int rank = 0;
    if (!t)
        return 0;
    for (char *c = t; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !rank; i++)
        if (strcmp(t, names[i].name) == 0)
            rank = names[i].rank;
    nps_free(t);
    return rank;
}
