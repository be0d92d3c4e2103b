/*
 * cells.c — one record of the export → one dataset row. The record is
 * skipped when every cell is blank; otherwise each cell of a mapped column
 * is coded by its field's type (text trimmed, options matched, numbers
 * parsed and binned, stars counted). A cell that cannot be coded is no
 * answer and a line in the quality log, never an error: only allocation
 * failures and (unchecked) invalid UTF-8 stop the read. This is the CSV
 * stream's callback, run in both threads of a read in halves, each with its
 * own reader copy and dataset.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/alloc.h"
#include "base/text.h"
#include "base/timestamp.h"
#include "read/numbers.h"
#include "read/read_private.h"

static nps_error note(reader *r, nps_quality_kind kind, long line, const column_map *c,
                      const char *raw, size_t len, const char *action)
{
    return nps_dataset_add_quality(r->d, kind, line, c->header, raw, len, action);
}

/* An answer one slip from an option label, counted as that option. */
static nps_error note_near_miss(reader *r, long line, const column_map *c, const char *raw,
                                size_t len, int option)
{
    const char *label = c->field->list->options[option - 1].label;
    char *shown = nps_utf8_truncate(label, 60);
    char message[200];
    if (!shown)
        return NPS_ERR_NOMEM;
    snprintf(message, sizeof message,
             "not a label, but one slip (a character, or a look-alike such as 〜 for ～) from option %d「%s」: counted as that option",
             option, shown);
    nps_free(shown);
    return note(r, NPS_QUALITY_FINDING, line, c, raw, len, message);
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
    if (err == NPS_OK && m.near_option)
        err = note_near_miss(r, line, c, raw, len, m.near_option);
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
    if (n.value > NPS_NUMBER_PLAUSIBLE_MAX)
        return note(r, NPS_QUALITY_FINDING, line, c, raw, len,
                    "too large to be an answer (a phone or other number?): no answer");
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
    nps_free(t);
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
        err = nps_dedup_keys_add_row(&r->keys, r->d, row);
    return err;
}

nps_error nps_reader_on_record(void *ctx, long line, size_t n, const char *const *fields,
                           const size_t *lens)
{
    reader *r = ctx;
    if (!r->header_done) {
        for (size_t i = 0; i < n; i++)
            if (!nps_utf8_valid(fields[i], lens[i]))
                return NPS_ERR_ENCODING;
        return nps_reader_read_header(r, n, fields, lens);
    }
    return read_row(r, line, n, fields, lens);
}
