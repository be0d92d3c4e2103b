/*
 * test_export.c — the .sav and .dta files handed on (src/report/data/,
 * docs/export.md), read back by ReadStat's own parser: every value of the
 * fixture equals the codebook's cell (codes, numbers, system missing,
 * masked strings), names and Japanese labels are there and within the
 * format's limits, value labels are attached. A hand-made response with a
 * 3,000-byte answer shows the .dta's 2,045-byte cut.
 */
#include <math.h>
#include <readstat.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "unit.h"
#include "base/alloc.h"
#include "base/text.h"
#include "npo-survey/handoff.h"
#include "present/codebook.h"
#include "present/results.h"
#include "read/reader.h"

#define FIXTURE NPS_SOURCE_DIR "/fixtures/hokkaido-2023/responses.csv"

typedef struct readback {
    const nps_codebook *cb;
    const nps_publication *p;
    bool dta;
    long values, mismatches, labelled, value_labels;
    int vars;
    size_t max_label_chars, max_label_bytes, max_value_label_bytes;
    bool japanese_value_label;
} readback;

static int on_variable(int index, readstat_variable_t *v, const char *val_labels, void *ctx)
{
    readback *rb = ctx;
    const nps_cb_var *cv = nps_codebook_var(rb->cb, (size_t)index);
    const char *label = readstat_variable_get_label(v);
    rb->vars++;
    if (!cv || strcmp(cv->name, readstat_variable_get_name(v)) != 0) {
        fprintf(stderr, "variable %d: %s\n", index, readstat_variable_get_name(v));
        rb->mismatches++;
        return READSTAT_HANDLER_OK;
    }
    if (label) {
        size_t chars = nps_utf8_length(label), bytes = strlen(label);
        if (chars > rb->max_label_chars)
            rb->max_label_chars = chars;
        if (bytes > rb->max_label_bytes)
            rb->max_label_bytes = bytes;
    }
    if (!label || !label[0])
        rb->mismatches++;
    if ((cv->values != NULL) != (val_labels != NULL && val_labels[0])) {
        fprintf(stderr, "%s: value labels %s\n", cv->name, val_labels ? val_labels : "(none)");
        rb->mismatches++;
    }
    if (val_labels && val_labels[0])
        rb->labelled++;
    return READSTAT_HANDLER_OK;
}

static int on_value_label(const char *set, readstat_value_t value, const char *label, void *ctx)
{
    readback *rb = ctx;
    (void)set;
    (void)value;
    rb->value_labels++;
    if (strlen(label) > rb->max_value_label_bytes)
        rb->max_value_label_bytes = strlen(label);
    if (strcmp(label, "他団体と連携することによって対応できている") == 0)
        rb->japanese_value_label = true;
    return READSTAT_HANDLER_OK;
}

static int on_value(int obs, readstat_variable_t *variable, readstat_value_t value, void *ctx)
{
    readback *rb = ctx;
    const nps_cb_var *v = nps_codebook_var(rb->cb, (size_t)readstat_variable_get_index(variable));
    nps_cb_cell c;
    bool same;
    if (!v || nps_codebook_cell(v, rb->p, (size_t)obs, &c) != NPS_OK)
        return READSTAT_HANDLER_ABORT;
    if (v->is_string) {
        const char *s = readstat_string_value(value);
        same = c.text ? s && strcmp(s, c.text) == 0 : !s || !s[0];
    } else if (readstat_value_is_system_missing(value)) {
        same = c.missing;
    } else {
        double x = readstat_value_type(value) == READSTAT_TYPE_INT16 ? readstat_int16_value(value)
                   : readstat_value_type(value) == READSTAT_TYPE_INT8 ? readstat_int8_value(value)
                   : readstat_value_type(value) == READSTAT_TYPE_INT32 ? readstat_int32_value(value)
                                                                         : readstat_double_value(value);
        same = !c.missing && x == c.number;
    }
    if (!same && rb->mismatches++ < 5)
        fprintf(stderr, "%s of row %d differs\n", v->name, obs);
    rb->values++;
    nps_free(c.text);
    return READSTAT_HANDLER_OK;
}

/* Write the fixture in `format` and read it back. */
static void read_back(nps_handoff_format format, readback *out)
{
    nps_questionnaire *q = NULL;
    nps_dataset *d = NULL;
    nps_results *r = NULL;
    nps_codebook *cb = NULL;
    nps_diag diag = {0};
    nps_results_options ro = {false};
    nps_handoff_options ho = {format, 1700000000};
    char path[] = "/tmp/nps-export-XXXXXX";
    int fd = mkstemp(path);
    memset(out, 0, sizeof *out);
    CHECK(fd >= 0);
    if (fd >= 0)
        close(fd);
    CHECK(nps_questionnaire_load_default(&q, &diag) == NPS_OK);
    CHECK(nps_read_export(FIXTURE, q, NULL, &d, &diag) == NPS_OK);
    CHECK(nps_results_build(d, &ro, &r) == NPS_OK);
    CHECK(nps_codebook_build(q, &cb) == NPS_OK);
    if (!r || !cb)
        goto done;
    CHECK(nps_handoff_write(r, &ho, path, &diag) == NPS_OK);
    out->cb = cb;
    out->p = r->publication;
    out->dta = format == NPS_HANDOFF_DTA;
    readstat_parser_t *parser = readstat_parser_init();
    readstat_set_variable_handler(parser, on_variable);
    readstat_set_value_handler(parser, on_value);
    readstat_set_value_label_handler(parser, on_value_label);
    readstat_error_t e = out->dta ? readstat_parse_dta(parser, path, out) : readstat_parse_sav(parser, path, out);
    if (e != READSTAT_OK)
        fprintf(stderr, "readstat: %s\n", readstat_error_message(e));
    CHECK(e == READSTAT_OK);
    readstat_parser_free(parser);
    CHECK_INT(out->vars, (long)nps_codebook_count(cb));
    CHECK_INT(out->values, 65L * (long)nps_codebook_count(cb));
    CHECK_INT(out->mismatches, 0);
    CHECK(out->labelled > 200);
    if (out->value_labels <= 60) fprintf(stderr, "value labels: %ld\n", out->value_labels);
    CHECK(out->value_labels > 60);
    CHECK(out->japanese_value_label);
done:
    unlink(path);
    out->cb = NULL;
    out->p = NULL;
    nps_codebook_free(cb);
    nps_results_free(r);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

TEST(dta_reads_back_with_the_same_values_and_labels)
{
    readback rb;
    read_back(NPS_HANDOFF_DTA, &rb);
    CHECK(rb.max_label_chars <= 80);
    CHECK(rb.max_label_chars == 80); /* the fixture's long question texts are cut to 80 */
}

TEST(sav_reads_back_with_the_same_values_and_labels)
{
    readback rb;
    read_back(NPS_HANDOFF_SAV, &rb);
    CHECK(rb.max_label_bytes <= 255);
    CHECK(rb.max_label_bytes > 200);
    CHECK(rb.max_value_label_bytes <= 120);
}

static int count_variable(int index, readstat_variable_t *v, const char *val_labels, void *ctx)
{
    (void)index;
    (void)v;
    (void)val_labels;
    (void)ctx;
    return READSTAT_HANDLER_OK;
}

static int longest_string(int obs, readstat_variable_t *variable, readstat_value_t value, void *ctx)
{
    size_t *longest = ctx;
    const char *s = readstat_value_type(value) == READSTAT_TYPE_STRING ? readstat_string_value(value) : NULL;
    (void)obs;
    (void)variable;
    if (s && strlen(s) > *longest)
        *longest = strlen(s);
    return READSTAT_HANDLER_OK;
}

/* A 3,000-byte answer: whole in .sav, cut to 2,045 bytes with … in .dta.
 * (ReadStat 1.1.8's parser crashes when no variable handler is set, hence
 * count_variable.) */
TEST(long_text_cut_in_dta_only)
{
    nps_questionnaire *q = NULL;
    nps_dataset *d = NULL;
    nps_results *r = NULL;
    nps_diag diag = {0};
    nps_results_options ro = {false};
    size_t row;
    char text[3001];
    memset(text, 'a', 3000);
    text[3000] = '\0';
    CHECK(nps_questionnaire_load_default(&q, &diag) == NPS_OK);
    CHECK(nps_dataset_new(q, &d) == NPS_OK);
    CHECK(nps_dataset_add_row(d, 2, -1, &row) == NPS_OK);
    CHECK(nps_dataset_set_text(d, row, nps_questionnaire_field(q, 5, 0), text, 3000) == NPS_OK);
    CHECK(nps_dataset_finish(d) == NPS_OK);
    CHECK(nps_results_build(d, &ro, &r) == NPS_OK);
    for (int f = 0; f < 2 && r; f++) {
        char path[] = "/tmp/nps-export-XXXXXX";
        int fd = mkstemp(path);
        nps_handoff_options ho = {f ? NPS_HANDOFF_DTA : NPS_HANDOFF_SAV, 0};
        if (fd >= 0)
            close(fd);
        CHECK(nps_handoff_write(r, &ho, path, &diag) == NPS_OK);
        size_t longest = 0;
        readstat_parser_t *parser = readstat_parser_init();
        readstat_set_variable_handler(parser, count_variable);
        readstat_set_value_handler(parser, longest_string);
        CHECK((f ? readstat_parse_dta(parser, path, &longest) : readstat_parse_sav(parser, path, &longest)) ==
              READSTAT_OK);
        readstat_parser_free(parser);
        CHECK_INT(longest, f ? 2045 : 3000); /* .dta: 2,042 a and the 3-byte … */
        unlink(path);
    }
    nps_results_free(r);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

UNIT_MAIN()
