/*
 * test_codebook.c — the naming and coding scheme of the data handed on
 * (present/codebook.c, docs/export.md): names valid and unique, the
 * variables of each kind of field, no variable for personal fields, codes
 * and missing values of hand-made responses, labels cut at code points.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include "unit.h"
#include "base/alloc.h"
#include "base/text.h"
#include "model/dataset.h"
#include "present/codebook.h"
#include "present/results.h"

static bool valid_name(const char *n)
{
    size_t len = strlen(n);
    if (len == 0 || len > 32 || !islower((unsigned char)n[0]))
        return false;
    for (size_t i = 0; i < len; i++)
        if (!islower((unsigned char)n[i]) && !isdigit((unsigned char)n[i]) && n[i] != '_')
            return false;
    return true;
}

TEST(names_valid_and_unique_for_the_shipped_questionnaire)
{
    nps_questionnaire *q = NULL;
    nps_codebook *cb = NULL;
    nps_diag diag = {0};
    CHECK(nps_questionnaire_load_default(&q, &diag) == NPS_OK);
    CHECK(nps_codebook_build(q, &cb) == NPS_OK);
    if (!cb)
        goto done;
    size_t n = nps_codebook_count(cb);
    CHECK(n > 250);
    for (size_t i = 0; i < n; i++) {
        const nps_cb_var *v = nps_codebook_var(cb, i);
        CHECK(valid_name(v->name));
        for (size_t k = 0; k < i; k++)
            CHECK(strcasecmp(v->name, nps_codebook_var(cb, k)->name) != 0);
        CHECK(v->label && v->label[0]);
        CHECK(!v->field || v->field->personal == NPS_PERSONAL_NONE);
    }
    CHECK_STR(nps_codebook_var(cb, 0)->name, "id");
    CHECK(nps_codebook_find(cb, "q1") == NULL && nps_codebook_find(cb, "q2") == NULL);
    CHECK(nps_codebook_find(cb, "q3") == NULL && nps_codebook_find(cb, "q4") == NULL);
    const nps_cb_var *v = nps_codebook_find(cb, "q6_3");
    CHECK(v && v->role == NPS_CB_OPTION && v->option == 3 && v->values && v->values->n_values == 2);
    CHECK(v && strstr(v->label, "子ども食堂") == v->label);
    CHECK(v && strcmp(v->source, "Q6") == 0);
    v = nps_codebook_find(cb, "q6_other");
    CHECK(v && v->role == NPS_CB_WRITEIN && v->is_string);
    v = nps_codebook_find(cb, "q22_33");
    CHECK(v && v->role == NPS_CB_CHOICE && v->measure == NPS_CB_ORDINAL && v->values &&
          v->values->n_values == 5);
    CHECK(v && strcmp(v->source, "Q22-33") == 0);
    v = nps_codebook_find(cb, "q13_2");
    CHECK(v && v->role == NPS_CB_NUMBER && v->measure == NPS_CB_SCALE && !v->values);
    v = nps_codebook_find(cb, "q13_2_bin");
    CHECK(v && v->role == NPS_CB_BIN && v->values && v->values->n_values > 20);
    v = nps_codebook_find(cb, "q37");
    CHECK(v && v->role == NPS_CB_RATING && v->measure == NPS_CB_ORDINAL);
    /* sets are shared: every 0/1 variable has the same one */
    CHECK(nps_codebook_find(cb, "q6_1")->values == nps_codebook_find(cb, "q7_1")->values);
done:
    nps_codebook_free(cb);
    nps_questionnaire_free(q);
}

/* A skipped multiple choice is missing in every 0/1 variable; 0 means
 * answered without that option; numbers, bins, codes, write-ins. */
TEST(codes_and_missing_values)
{
    nps_questionnaire *q = NULL;
    nps_dataset *d = NULL;
    nps_results *r = NULL;
    nps_codebook *cb = NULL;
    nps_diag diag = {0};
    size_t row;
    nps_results_options ro = {false};
    CHECK(nps_questionnaire_load_default(&q, &diag) == NPS_OK);
    CHECK(nps_dataset_new(q, &d) == NPS_OK);
    const nps_field *q6 = nps_questionnaire_field(q, 6, 0), *q22 = nps_questionnaire_field(q, 22, 1);
    const nps_field *q13 = nps_questionnaire_field(q, 13, 2), *name = nps_questionnaire_field(q, 1, 0);
    CHECK(nps_dataset_add_row(d, 2, 1696500000, &row) == NPS_OK);
    nps_dataset_set_choices(d, row, q6, (1u << 2) | (1u << 8));
    CHECK(nps_dataset_set_text(d, row, q6, "手作り教室", strlen("手作り教室")) == NPS_OK);
    nps_dataset_set_choice(d, row, q22, 2);
    nps_dataset_set_number(d, row, q13, 7, 3);
    CHECK(nps_dataset_set_text(d, row, name, "山田花子", strlen("山田花子")) == NPS_OK);
    CHECK(nps_dataset_add_row(d, 3, -1, &row) == NPS_OK);
    CHECK(nps_dataset_finish(d) == NPS_OK);
    CHECK(nps_results_build(d, &ro, &r) == NPS_OK);
    CHECK(nps_codebook_build(q, &cb) == NPS_OK);
    if (!r || !cb)
        goto done;
    struct { const char *var; size_t org; bool missing; double value; } want[] = {
        {"q6_3", 0, false, 1}, {"q6_1", 0, false, 0}, {"q6_9", 0, false, 1},
        {"q6_3", 1, true, 0},  {"q6_1", 1, true, 0},
        {"q22_1", 0, false, 2}, {"q22_1", 1, true, 0}, {"q22_2", 0, true, 0},
        {"q13_2", 0, false, 7}, {"q13_2_bin", 0, false, 3}, {"q13_2", 1, true, 0},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        nps_cb_cell c;
        const nps_cb_var *v = nps_codebook_find(cb, want[i].var);
        CHECK(v != NULL);
        if (!v)
            continue;
        CHECK(nps_codebook_cell(v, r->publication, want[i].org, &c) == NPS_OK);
        if (c.missing != want[i].missing || (!c.missing && c.number != want[i].value))
            fprintf(stderr, "%s of org %zu\n", want[i].var, want[i].org);
        CHECK(c.missing == want[i].missing);
        CHECK(c.missing || c.number == want[i].value);
        nps_free(c.text);
    }
    nps_cb_cell c;
    CHECK(nps_codebook_cell(nps_codebook_find(cb, "q6_other"), r->publication, 0, &c) == NPS_OK);
    CHECK_STR(c.text, "手作り教室");
    nps_free(c.text);
    CHECK(nps_codebook_cell(nps_codebook_find(cb, "id"), r->publication, 1, &c) == NPS_OK);
    CHECK_STR(c.text, "R002");
    nps_free(c.text);
    CHECK(nps_codebook_cell(nps_codebook_find(cb, "date"), r->publication, 0, &c) == NPS_OK);
    CHECK_STR(c.text, "2023-10-05");
    nps_free(c.text);
    CHECK(nps_codebook_cell(nps_codebook_find(cb, "date"), r->publication, 1, &c) == NPS_OK);
    CHECK(c.missing && c.text == NULL);
done:
    nps_codebook_free(cb);
    nps_results_free(r);
    nps_dataset_free(d);
    nps_questionnaire_free(q);
}

TEST(labels_cut_at_code_points)
{
    char *s = nps_codebook_cut_label("あいうえおかきくけこ", 12, 0); /* 9 bytes + … */
    CHECK_STR(s, "あいう…");
    nps_free(s);
    s = nps_codebook_cut_label("あいうえおかきくけこ", 1000, 5);
    CHECK_STR(s, "あいうえ…");
    CHECK_INT(nps_utf8_length(s), 5);
    nps_free(s);
    s = nps_codebook_cut_label("short", 5, 5);
    CHECK_STR(s, "short");
    nps_free(s);
    s = nps_codebook_cut_label("abcdef", 5, 0);
    CHECK_STR(s, "ab…");
    CHECK(strlen(s) <= 5);
    nps_free(s);
}

UNIT_MAIN()
