/*
 * test_dataset.c — the dataset's storage (dataset.h) where it is not seen
 * through the reader: nps_dataset_tally against counting cell by cell with
 * the accessors (every field of the default questionnaire, values past the
 * options included), the quality log's strings across many blocks and an
 * append, texts of appended datasets (the arena in parts), new rows being
 * empty after filtering and appending, line shifting, and organisation ids
 * of every width.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "unit.h"
#include "model/dataset.h"

static nps_questionnaire *load_default(void)
{
    nps_questionnaire *q = NULL;
    nps_diag diag = {0};
    CHECK_INT(nps_questionnaire_load_default(&q, &diag), NPS_OK);
    return q;
}

static size_t option_count(const nps_field *f)
{
    if (f->type == NPS_F_RATING)
        return 10;
    if (f->type == NPS_F_NUMBER)
        return f->bins->n_bins;
    return f->list ? f->list->n_options : 0;
}

/* What tables.c counted before nps_dataset_tally: the accessors, row by row. */
static void count_by_accessors(const nps_dataset *d, const nps_field *f, long *counts, size_t n_options)
{
    for (size_t r = 0; r < nps_dataset_count(d); r++) {
        if (f->type == NPS_F_SELECT_MULTIPLE) {
            uint64_t set = nps_dataset_choices(d, r, f);
            if (!set)
                counts[n_options]++;
            for (size_t o = 0; set && o < n_options; o++)
                counts[o] += (set >> o) & 1u;
            continue;
        }
        int v = f->type == NPS_F_NUMBER ? nps_dataset_bin(d, r, f) : nps_dataset_choice(d, r, f);
        if (v >= 1 && (size_t)v <= n_options)
            counts[v - 1]++;
        else
            counts[n_options]++;
    }
}

TEST(tally_equals_accessors)
{
    nps_questionnaire *q = load_default();
    nps_dataset *d = NULL;
    unsigned seed = 12345;
    if (!q)
        return;
    CHECK_INT(nps_dataset_new(q, &d), NPS_OK);
    for (size_t r = 0; d && r < 3000; r++) {
        size_t row;
        CHECK_INT(nps_dataset_add_row(d, (long)r + 2, -1, &row), NPS_OK);
        for (size_t c = 0; c < nps_questionnaire_field_count(q); c++) {
            const nps_field *f = nps_questionnaire_field_at(q, c);
            seed = seed * 1103515245u + 12345u;
            unsigned v = (seed >> 8) % 300; /* past every option list too */
            if (f->type == NPS_F_SELECT_MULTIPLE)
                nps_dataset_set_choices(d, row, f, v < 30 ? 0 : ((uint64_t)seed << 20) ^ seed);
            else if (f->type == NPS_F_NUMBER)
                nps_dataset_set_number(d, row, f, (double)v, (int)(v % 40));
            else
                nps_dataset_set_choice(d, row, f, (int)(v % 270));
        }
    }
    for (size_t c = 0; d && c < nps_questionnaire_field_count(q); c++) {
        const nps_field *f = nps_questionnaire_field_at(q, c);
        size_t n = option_count(f);
        long *a = calloc(n + 1, sizeof *a), *b = calloc(n + 1, sizeof *b);
        CHECK(a && b);
        if (a && b) {
            count_by_accessors(d, f, a, n);
            nps_dataset_tally(d, f, b, n);
            for (size_t i = 0; i <= n; i++)
                if (a[i] != b[i]) {
                    CHECK_INT(b[i], a[i]);
                    fprintf(stderr, "  ^ field %zu (type %d), counter %zu\n", c, (int)f->type, i);
                }
        }
        free(a);
        free(b);
    }
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

/* Entries i of a log made by add_entries(d, from, to). */
static void entry_text(size_t i, char *column, size_t column_size, char *raw, size_t raw_size)
{
    snprintf(column, column_size, "Q%zu column", i % 37);
    snprintf(raw, raw_size, "raw value %zu %s", i, i % 5 ? "" : "with some more text to fill the blocks");
}

static void add_entries(nps_dataset *d, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        char column[64], raw[128];
        entry_text(i, column, sizeof column, raw, sizeof raw);
        CHECK_INT(nps_dataset_add_quality(d, i % 2 ? NPS_QUALITY_NOTE : NPS_QUALITY_FINDING, (long)i + 1,
                                          column, raw, strlen(raw), i % 3 ? "kept" : NULL),
                  NPS_OK);
    }
}

TEST(quality_log_blocks_append_and_shift)
{
    nps_questionnaire *q = load_default();
    nps_dataset *a = NULL, *b = NULL;
    static char big[40000];
    if (!q)
        return;
    CHECK_INT(nps_dataset_new(q, &a), NPS_OK);
    CHECK_INT(nps_dataset_new(q, &b), NPS_OK);
    if (!a || !b)
        goto cleanup;
    add_entries(a, 0, 3000);
    /* one entry larger than a block, its raw value cut to 200 bytes */
    memset(big, 'x', sizeof big - 1);
    CHECK_INT(nps_dataset_add_quality(b, NPS_QUALITY_NOTE, 0, big, big, sizeof big - 1, big), NPS_OK);
    add_entries(b, 3001, 5000);
    nps_dataset_shift_lines(b, 0); /* a no-op */
    CHECK_INT(nps_dataset_append(a, b), NPS_OK);
    CHECK_INT(nps_dataset_quality_count(b), 0);
    nps_dataset_free(b);
    b = NULL;
    add_entries(a, 5000, 5100); /* a goes on filling after the append */
    CHECK_INT(nps_dataset_quality_count(a), 5100);
    for (size_t i = 0; i < 5100; i++) {
        const nps_quality_entry *e = nps_dataset_quality_at(a, i);
        char column[64], raw[128];
        if (i == 3000) {
            CHECK(strlen(e->column) == sizeof big - 1 && strlen(e->action) == sizeof big - 1);
            CHECK_INT(strlen(e->raw), 200);
            CHECK_INT(e->line, 0);
            continue;
        }
        entry_text(i, column, sizeof column, raw, sizeof raw);
        if (e->line != (long)i + 1 || strcmp(e->column, column) != 0 || strcmp(e->raw, raw) != 0
            || strcmp(e->action, i % 3 ? "kept" : "") != 0) {
            CHECK(!"entry differs");
            fprintf(stderr, "  ^ entry %zu\n", i);
            break;
        }
    }
    nps_dataset_shift_lines(a, 10);
    CHECK_INT(nps_dataset_quality_at(a, 0)->line, 11);
    CHECK_INT(nps_dataset_quality_at(a, 3000)->line, 0); /* file-level entries keep line 0 */
cleanup:
    nps_dataset_free(a);
    nps_dataset_free(b);
    nps_questionnaire_free(q);
}

/* A text field of the default questionnaire (Q5, the activity's purpose). */
static const nps_field *text_field(const nps_questionnaire *q)
{
    for (size_t c = 0; c < nps_questionnaire_field_count(q); c++)
        if (nps_questionnaire_field_at(q, c)->type == NPS_F_TEXT)
            return nps_questionnaire_field_at(q, c);
    return NULL;
}

/* `rows` rows whose text is "<tag> <row>" (every third row none). */
static nps_dataset *dataset_with_texts(const nps_questionnaire *q, const char *tag, size_t rows)
{
    nps_dataset *d = NULL;
    CHECK_INT(nps_dataset_new(q, &d), NPS_OK);
    for (size_t r = 0; d && r < rows; r++) {
        char text[64];
        size_t row;
        snprintf(text, sizeof text, "%s %zu", tag, r);
        CHECK_INT(nps_dataset_add_row(d, (long)r + 2, -1, &row), NPS_OK);
        if (r % 3)
            CHECK_INT(nps_dataset_set_text(d, row, text_field(q), text, strlen(text)), NPS_OK);
    }
    return d;
}

static void check_texts(const nps_dataset *d, const nps_questionnaire *q, size_t from, const char *tag, size_t rows)
{
    for (size_t r = 0; r < rows; r++) {
        const char *t = nps_dataset_text(d, from + r, text_field(q));
        char text[64];
        snprintf(text, sizeof text, "%s %zu", tag, r);
        if (r % 3 ? !t || strcmp(t, text) != 0 : t != NULL) {
            CHECK(!"text differs");
            fprintf(stderr, "  ^ row %zu: \"%s\", expected \"%s\"\n", from + r, t ? t : "(none)", r % 3 ? text : "(none)");
            return;
        }
    }
}

/* Appending takes the other arena over as a part: every text stays, the
 * appended-to dataset goes on adding text, and a dataset that is itself
 * in parts can be appended. */
TEST(append_texts_in_parts)
{
    nps_questionnaire *q = load_default();
    nps_dataset *a, *b, *c, *e;
    size_t row;
    if (!q || !text_field(q)) {
        CHECK(!"no text field");
        nps_questionnaire_free(q);
        return;
    }
    a = dataset_with_texts(q, "a", 500);
    b = dataset_with_texts(q, "b", 700);
    c = dataset_with_texts(q, "c", 300);
    e = dataset_with_texts(q, "e", 0);
    CHECK(a && b && c && e);
    if (a && b && c && e) {
        CHECK_INT(nps_dataset_append(b, c), NPS_OK);  /* b in two parts */
        CHECK_INT(nps_dataset_append(a, e), NPS_OK);  /* no text: nothing taken */
        CHECK_INT(nps_dataset_append(a, b), NPS_OK);
        CHECK_INT(nps_dataset_count(a), 1500);
        CHECK_INT(nps_dataset_add_row(a, 9999, -1, &row), NPS_OK);
        CHECK_INT(nps_dataset_set_text(a, row, text_field(q), "last", 4), NPS_OK);
        check_texts(a, q, 0, "a", 500);
        check_texts(a, q, 500, "b", 700);
        check_texts(a, q, 1200, "c", 300);
        CHECK_STR(nps_dataset_text(a, row, text_field(q)), "last");
        CHECK_INT(nps_dataset_count(b), 0);
    }
    nps_dataset_free(a);
    nps_dataset_free(b);
    nps_dataset_free(c);
    nps_dataset_free(e);
    nps_questionnaire_free(q);
}

/* Every cell of row `r` is "no answer". */
static bool row_empty(const nps_dataset *d, const nps_questionnaire *q, size_t r)
{
    for (size_t c = 0; c < nps_questionnaire_field_count(q); c++) {
        const nps_field *f = nps_questionnaire_field_at(q, c);
        if (nps_dataset_choice(d, r, f) || nps_dataset_choices(d, r, f) || !isnan(nps_dataset_number(d, r, f))
            || nps_dataset_bin(d, r, f) || nps_dataset_text(d, r, f))
            return false;
    }
    return true;
}

/* Fill row `r` with an answer in every cell. */
static void fill_row(nps_dataset *d, const nps_questionnaire *q, size_t r)
{
    for (size_t c = 0; c < nps_questionnaire_field_count(q); c++) {
        const nps_field *f = nps_questionnaire_field_at(q, c);
        nps_dataset_set_choice(d, r, f, 1);
        nps_dataset_set_choices(d, r, f, 1);
        nps_dataset_set_number(d, r, f, 1.0, 1);
        CHECK_INT(nps_dataset_set_text(d, r, f, "x", 1), NPS_OK);
    }
}

/* A new row has no answers, also where rows were filtered out before and
 * in a dataset that was appended to another. */
TEST(new_rows_are_empty)
{
    nps_questionnaire *q = load_default();
    nps_dataset *a = NULL, *b = NULL;
    bool keep[100];
    size_t row;
    if (!q)
        return;
    CHECK_INT(nps_dataset_new(q, &a), NPS_OK);
    CHECK_INT(nps_dataset_new(q, &b), NPS_OK);
    for (size_t r = 0; a && b && r < 100; r++) {
        CHECK_INT(nps_dataset_add_row(a, (long)r, -1, &row), NPS_OK);
        CHECK(row_empty(a, q, row));
        fill_row(a, q, row);
        CHECK(!row_empty(a, q, row));
        CHECK_INT(nps_dataset_add_row(b, (long)r, -1, &row), NPS_OK);
        fill_row(b, q, row);
        keep[r] = r % 4 == 0;
    }
    if (a && b) {
        CHECK_INT(nps_dataset_filter_rows(a, keep), NPS_OK);
        CHECK_INT(nps_dataset_count(a), 25);
        for (size_t r = 0; r < 80; r++) { /* over the rows filtered out, and past */
            CHECK_INT(nps_dataset_add_row(a, 0, -1, &row), NPS_OK);
            CHECK(row_empty(a, q, row));
        }
        CHECK_INT(nps_dataset_append(a, b), NPS_OK);
        CHECK_INT(nps_dataset_count(a), 205);
        CHECK(!row_empty(a, q, 204));
        CHECK_INT(nps_dataset_add_row(b, 0, -1, &row), NPS_OK);
        CHECK_INT(row, 0);
        CHECK(row_empty(b, q, 0));
        fill_row(b, q, 0);
        CHECK(!row_empty(b, q, 0));
    }
    nps_dataset_free(a);
    nps_dataset_free(b);
    nps_questionnaire_free(q);
}

TEST(org_ids_widths)
{
    static const struct { size_t rows; const char *first, *last; } cases[] = {
        {1, "R001", "R001"}, {999, "R001", "R999"}, {1000, "R0001", "R1000"}, {12345, "R00001", "R12345"},
    };
    nps_questionnaire *q = load_default();
    for (size_t i = 0; q && i < sizeof cases / sizeof cases[0]; i++) {
        nps_dataset *d = NULL;
        CHECK_INT(nps_dataset_new(q, &d), NPS_OK);
        for (size_t r = 0; d && r < cases[i].rows; r++)
            CHECK_INT(nps_dataset_add_row(d, (long)r + 2, -1, NULL), NPS_OK);
        if (!d)
            break;
        nps_dataset_shift_lines(d, 5);
        CHECK_INT(nps_dataset_line(d, 0), 7);
        CHECK_INT(nps_dataset_finish(d), NPS_OK);
        CHECK_STR(nps_dataset_org_id(d, 0), cases[i].first);
        CHECK_STR(nps_dataset_org_id(d, cases[i].rows - 1), cases[i].last);
        CHECK_STR(nps_dataset_org_id(d, cases[i].rows), "");
        nps_dataset_free(d);
    }
    nps_questionnaire_free(q);
}

UNIT_MAIN()
