/*
 * numbers.c — the number rules of docs/reading.md (see numbers.h, docs/numbers.md).
 *
 * A cell is read in two steps:
 *   1. Text. A cell of pure ASCII is NFKC-stable and is read as it is (the
 *      fast path: most cells are "12" or "12.5"). Any other cell is NFKC-
 *      normalised into a fixed stack buffer of NUM_MAX_CP code points (by
 *      nps_text_nfkc_fast when it knows every character, as in "約１０人",
 *      else by utf8proc); a cell that needs more is not a number (INVALID).
 *      So nothing here allocates and every function is pure.
 *   2. Grammar, on the normalised bytes [p, end):
 *        cell     := WS* ( word | dashes | quantity ) WS*
 *        word     := なし | 無し | いない | ゼロ              → 0, NOTE_NONE
 *                  | 不明 | わからない | 分からない | わかりません
 *                  | 分かりません | 未定                   → UNKNOWN
 *        dashes   := one or more of - ー ― ‐ – — −     → UNKNOWN
 *        quantity := hedge* side ( WS* sep WS* side )? ( WS* suffix )*
 *        side     := number WS* unit?
 *        number   := digit+ ( ',' digit{3} )* ( '.' digit+ )?
 *                    (with ',' groups the first group has 1–3 digits)
 *        hedge    := 約 | およそ | 概ね | 大体 | だいたい           → NOTE_HEDGE
 *        suffix   := 程度 | くらい | ぐらい | 位 | ほど
 *                  | 以上 | 以下 | 未満 | 以内                    → NOTE_HEDGE
 *        sep      := ~ 〜 - ― ‐ – — − ー    (～ and － are ~ and - after NFKC)
 *      Units depend on the field's nps_unit (a unit of another kind makes the
 *      cell INVALID: "30%" is not a count, "6畳" is not an area):
 *        COUNT, AVERAGE  人/日 人 名 件 部屋 室
 *        PERCENT         % ; 割 multiplies by 10 (NOTE_WARI)
 *        AREA            m2 (also ㎡, m² after NFKC) 平方メートル 平方m 平米 ;
 *                        坪 multiplies by 400/121 (NOTE_TSUBO)
 *        NONE            no unit words
 *      Both sides of a range may carry a unit; if both do, of the same kind.
 *
 * Invariants: status OK ⇔ value is finite and ≥ 0; otherwise value is NAN
 * and notes is 0. A COUNT value is always whole (rounded half up, with
 * NOTE_ROUNDED when rounding changed it). At most NUM_MAX_DIGITS significant
 * digits are read, so the digit accumulator is exact in a double.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>
#include "read/numbers.h"
#include "base/text.h"

#define NUM_MAX_CP 128      /* code points of a normalised cell */
#define NUM_MAX_DIGITS 15   /* digits of one number (< 2^53) */

typedef struct cursor {
    const char *p;
    const char *end;
} cursor;

/* The unit a side of a quantity was written with. */
typedef enum side_unit {
    SIDE_BARE,      /* no unit word */
    SIDE_PLAIN,     /* a unit word of the field's unit (人, %, ㎡ …) */
    SIDE_WARI,      /* 割 */
    SIDE_TSUBO      /* 坪 */
} side_unit;

typedef struct unit_word {
    const char *text;
    side_unit kind;
} unit_word;

/* Longest first where one word is a prefix of another. */
static const unit_word COUNT_UNITS[] = {
    {"人/日", SIDE_PLAIN}, {"人", SIDE_PLAIN}, {"名", SIDE_PLAIN},
    {"件", SIDE_PLAIN}, {"部屋", SIDE_PLAIN}, {"室", SIDE_PLAIN}, {NULL, SIDE_BARE}
};
static const unit_word PERCENT_UNITS[] = {
    {"%", SIDE_PLAIN}, {"割", SIDE_WARI}, {NULL, SIDE_BARE}
};
static const unit_word AREA_UNITS[] = {
    {"m2", SIDE_PLAIN}, {"平方メートル", SIDE_PLAIN}, {"平方m", SIDE_PLAIN},
    {"平米", SIDE_PLAIN}, {"坪", SIDE_TSUBO}, {NULL, SIDE_BARE}
};
static const unit_word NO_UNITS[] = {{NULL, SIDE_BARE}};

static const char *const HEDGES[] = {"約", "およそ", "概ね", "大体", "だいたい", NULL};
static const char *const SUFFIXES[] = {
    "程度", "くらい", "ぐらい", "位", "ほど", "以上", "以下", "未満", "以内", NULL
};
static const char *const SEPARATORS[] = {
    "~", "〜", "-", "―", "‐", "–", "—", "−", "ー", NULL
};
static const char *const DASHES[] = {"-", "ー", "―", "‐", "–", "—", "−", NULL};
static const char *const NONE_WORDS[] = {"なし", "無し", "いない", "ゼロ", NULL};
static const char *const UNKNOWN_WORDS[] = {
    "不明", "わからない", "分からない", "わかりません", "分かりません", "未定", NULL
};

/* Byte length of a Unicode White_Space character at p, 0 if none. Written
 * out in UTF-8 so that raw (not yet normalised) text can be trimmed too. */
static size_t space_len(const char *p, const char *end)
{
    static const char *const wide[] = {
        "\xC2\x85", "\xC2\xA0", "\xE1\x9A\x80", "\xE2\x80\xA8", "\xE2\x80\xA9",
        "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE3\x80\x80", NULL
    };
    size_t i, n;

    if (p >= end)
        return 0;
    if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
        return 1;
    if ((unsigned char)*p < 0xC2 || ((unsigned char)*p > 0xC2 && (unsigned char)*p < 0xE1)
        || (unsigned char)*p > 0xE3)
        return 0; /* no white space starts with this byte */
    if ((size_t)(end - p) >= 3 && memcmp(p, "\xE2\x80", 2) == 0
        && (unsigned char)p[2] >= 0x80 && (unsigned char)p[2] <= 0x8A)
        return 3; /* U+2000..U+200A */
    for (i = 0; wide[i]; i++) {
        n = strlen(wide[i]);
        if ((size_t)(end - p) >= n && memcmp(p, wide[i], n) == 0)
            return n;
    }
    return 0;
}

static void skip_space(cursor *c)
{
    size_t n;
    while ((n = space_len(c->p, c->end)) > 0)
        c->p += n;
}

/* Narrow [p, end) to exclude white space at both ends. */
static void trim(cursor *c)
{
    skip_space(c);
    while (c->end > c->p) {
        size_t k, found = 0;
        if ((unsigned char)c->end[-1] < 0x80) { /* ASCII: only a 1-byte space can end here */
            if (space_len(c->end - 1, c->end) == 0)
                break;
            c->end--;
            continue;
        }
        for (k = 1; k <= 3 && k <= (size_t)(c->end - c->p); k++)
            if (space_len(c->end - k, c->end) == k) {
                found = k;
                break;
            }
        if (found == 0)
            break;
        c->end -= found;
    }
}

/* Consume `word` if the text continues with it. */
static bool accept(cursor *c, const char *word)
{
    size_t n;
    if (c->p >= c->end || *c->p != *word) /* most words fail on the first byte */
        return false;
    n = strlen(word);
    if ((size_t)(c->end - c->p) < n || memcmp(c->p, word, n) != 0)
        return false;
    c->p += n;
    return true;
}

/* Consume the first word of `list` the text continues with. */
static bool accept_any(cursor *c, const char *const *list)
{
    size_t i;
    for (i = 0; list[i]; i++)
        if (accept(c, list[i]))
            return true;
    return false;
}

/* True if the whole of [p, end) is one word of `list`. */
static bool is_word(const cursor *c, const char *const *list)
{
    size_t i, len = (size_t)(c->end - c->p);
    for (i = 0; list[i]; i++)
        if (len && *c->p == *list[i] && strlen(list[i]) == len && memcmp(c->p, list[i], len) == 0)
            return true;
    return false;
}

/* True if [p, end) is non-empty and made of dashes only. */
static bool is_dashes(cursor c)
{
    if (c.p >= c.end)
        return false;
    while (c.p < c.end)
        if (!accept_any(&c, DASHES))
            return false;
    return true;
}

static bool is_digit(const cursor *c)
{
    return c->p < c->end && *c->p >= '0' && *c->p <= '9';
}

/* Append the digits at the cursor to the accumulator; count them. */
static int take_digits(cursor *c, uint64_t *acc, int *total)
{
    int n = 0;
    while (is_digit(c)) {
        *acc = *acc * 10 + (uint64_t)(*c->p - '0');
        c->p++;
        n++;
        if (++*total > NUM_MAX_DIGITS)
            return -1;
    }
    return n;
}

/* number := digit+ (',' digit{3})* ('.' digit+)? ; value = digits / 10^frac,
 * a single correctly rounded division of two exact doubles. */
static bool parse_number(cursor *c, double *value)
{
    static const double pow10[] = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15
    };
    uint64_t acc = 0;
    int total = 0, lead, frac = 0;

    lead = take_digits(c, &acc, &total);
    if (lead <= 0)
        return false;
    if (c->p < c->end && *c->p == ',') {
        if (lead > 3)
            return false;
        while (c->p < c->end && *c->p == ',') {
            c->p++;
            if (take_digits(c, &acc, &total) != 3)
                return false;
        }
    }
    if (c->p < c->end && *c->p == '.') {
        c->p++;
        frac = take_digits(c, &acc, &total);
        if (frac <= 0)
            return false;
    }
    *value = (double)acc / pow10[frac];
    return true;
}

static const unit_word *units_of(nps_unit unit)
{
    switch (unit) {
    case NPS_UNIT_COUNT:
    case NPS_UNIT_AVERAGE:
        return COUNT_UNITS;
    case NPS_UNIT_PERCENT:
        return PERCENT_UNITS;
    case NPS_UNIT_AREA:
        return AREA_UNITS;
    case NPS_UNIT_NONE:
        break;
    }
    return NO_UNITS;
}

/* side := number WS* unit? */
static bool parse_side(cursor *c, const unit_word *units, double *value,
                       side_unit *kind)
{
    size_t i;

    if (!parse_number(c, value))
        return false;
    skip_space(c);
    *kind = SIDE_BARE;
    for (i = 0; units[i].text; i++)
        if (accept(c, units[i].text)) {
            *kind = units[i].kind;
            break;
        }
    return true;
}

/* quantity := hedge* side (sep side)? suffix* — over the whole cursor. */
static nps_number parse_quantity(cursor c, nps_unit unit)
{
    nps_number r = {NPS_NUMBER_INVALID, NAN, 0};
    const unit_word *units = units_of(unit);
    double a = 0, b = 0, value;
    side_unit ka = SIDE_BARE, kb = SIDE_BARE, kind;
    unsigned notes = 0;
    bool range = false;

    while (accept_any(&c, HEDGES)) {
        notes |= NPS_NUMBER_NOTE_HEDGE;
        skip_space(&c);
    }
    if (!parse_side(&c, units, &a, &ka))
        goto cleanup;
    skip_space(&c);
    if (accept_any(&c, SEPARATORS)) {
        skip_space(&c);
        if (!parse_side(&c, units, &b, &kb))
            goto cleanup;
        skip_space(&c);
        range = true;
        notes |= NPS_NUMBER_NOTE_RANGE;
    }
    while (accept_any(&c, SUFFIXES)) {
        notes |= NPS_NUMBER_NOTE_HEDGE;
        skip_space(&c);
    }
    if (c.p != c.end)
        goto cleanup;                      /* words left over: not a number */
    if (ka != SIDE_BARE && kb != SIDE_BARE && ka != kb)
        goto cleanup;                      /* 20坪～30㎡, 3割～50% */
    kind = ka != SIDE_BARE ? ka : kb;

    value = range ? (a + b) / 2 : a;
    if (kind == SIDE_WARI) {
        value *= 10;
        notes |= NPS_NUMBER_NOTE_WARI;
    } else if (kind == SIDE_TSUBO) {
        value = value * 400.0 / 121.0;
        notes |= NPS_NUMBER_NOTE_TSUBO;
    }
    if (unit == NPS_UNIT_COUNT && value != floor(value)) {
        value = floor(value + 0.5);
        notes |= NPS_NUMBER_NOTE_ROUNDED;
    }
    r.status = NPS_NUMBER_OK;
    r.value = value;
    r.notes = notes;
cleanup:
    return r;
}

/* Code points of valid UTF-8 s[0..n): its bytes that are not continuations. */
static size_t code_points(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* Classify trimmed, normalised text. */
static nps_number parse_text(cursor c, nps_unit unit)
{
    nps_number r = {NPS_NUMBER_EMPTY, NAN, 0};

    trim(&c);
    if (c.p == c.end)
        r.status = NPS_NUMBER_EMPTY;
    else if (is_word(&c, NONE_WORDS)) {
        r.status = NPS_NUMBER_OK;
        r.value = 0;
        r.notes = NPS_NUMBER_NOTE_NONE;
    } else if (is_word(&c, UNKNOWN_WORDS) || is_dashes(c))
        r.status = NPS_NUMBER_UNKNOWN;
    else
        r = parse_quantity(c, unit);
    return r;
}

static bool is_ascii(const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return false;
    return true;
}

nps_number nps_number_parse(const char *raw, size_t len, nps_unit unit)
{
    nps_number r = {NPS_NUMBER_INVALID, NAN, 0};
    utf8proc_int32_t buf[NUM_MAX_CP];
    utf8proc_ssize_t n;
    cursor c;

    if (!raw) {
        raw = "";
        len = 0;
    }
    c.p = raw;
    c.end = raw + len;
    trim(&c);
    if (c.p < c.end && c.end - c.p <= NUM_MAX_DIGITS) { /* plain digits: the common cell */
        uint64_t acc = 0;
        const char *q = c.p;
        while (q < c.end && *q >= '0' && *q <= '9')
            acc = acc * 10 + (uint64_t)(*q++ - '0');
        if (q == c.end) {
            r.status = NPS_NUMBER_OK;
            r.value = (double)acc;
            goto cleanup;
        }
    }
    if (c.p == c.end || is_ascii(c.p, (size_t)(c.end - c.p))) {
        r = parse_text(c, unit);               /* fast path: NFKC-stable */
        goto cleanup;
    }
    if ((size_t)(c.end - c.p) > 4 * NUM_MAX_CP)
        goto cleanup;                          /* too long to be a number */
    /* kana, kanji, full-width ASCII: one code point each, as utf8proc would
     * make them (its limit of NUM_MAX_CP code points kept) */
    n = (size_t)(c.end - c.p) < sizeof buf /* room for the NUL too */
            ? (utf8proc_ssize_t)nps_text_nfkc_fast(c.p, (size_t)(c.end - c.p), (char *)buf)
            : -1;
    if (n != -1) {
        if (code_points((const char *)buf, (size_t)n) >= NUM_MAX_CP)
            goto cleanup;
        c.p = (const char *)buf;
        c.end = c.p + n;
        r = parse_text(c, unit);
        goto cleanup;
    }
    n = utf8proc_decompose((const utf8proc_uint8_t *)c.p,
                           (utf8proc_ssize_t)(c.end - c.p), buf, NUM_MAX_CP,
                           UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
    if (n < 0 || n >= NUM_MAX_CP)
        goto cleanup;                          /* bad UTF-8, or too long */
    /* Re-encode in place: n code points need at most 4n + 1 bytes, and the
     * buffer holds 4 * NUM_MAX_CP > 4n. */
    n = utf8proc_reencode(buf, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
    if (n < 0)
        goto cleanup;
    c.p = (const char *)buf;
    c.end = c.p + n;
    r = parse_text(c, unit);
cleanup:
    return r;
}

int nps_bin_index(const nps_binset *set, double value)
{
    size_t i;
    int index = 0;

    if (!set || !set->bins || isnan(value))
        return 0;
    for (i = 0; i < set->n_bins && index == 0; i++) {
        const nps_bin *b = &set->bins[i];
        bool above, below;
        if (b->kind != NPS_BIN_INTERVAL)
            continue;
        above = isnan(b->low) || value > b->low || (b->low_closed && value == b->low);
        below = isnan(b->high) || value < b->high || (b->high_closed && value == b->high);
        if (above && below)
            index = (int)i + 1;
    }
    return index;
}

int nps_bin_special(const nps_binset *set, nps_bin_kind kind)
{
    size_t i;
    int index = 0;

    if (!set || !set->bins)
        return 0;
    for (i = 0; i < set->n_bins && index == 0; i++)
        if (set->bins[i].kind == kind)
            index = (int)i + 1;
    return index;
}
