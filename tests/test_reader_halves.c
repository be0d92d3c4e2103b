/*
 * test_reader_halves.c — a large export read in two halves (two threads)
 * gives exactly what one thread gives: every cell, timestamp, line, the
 * quality log in order, duplicates across the halves, and the same
 * diagnostic for a broken file. The export is the 2023 fixture repeated to
 * ~9 MB (past the reader's two-thread threshold of 8 MiB). A split guessed
 * inside a quoted cell (its lines looking like records) is found out and
 * gives the one-thread result too.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "read/encoding.h"
#include "model/questionnaire.h"
#include "read/reader.h"

#define FIXTURE NPS_SOURCE_DIR "/fixtures/hokkaido-2023/responses.csv"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0
        && (buf = malloc((size_t)n)) != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    *len = buf ? (size_t)n : 0;
    fclose(f);
    return buf;
}

/* The fixture's header, then its rows `copies` times; `inject` (if not
 * NULL) is written at the start of the row that begins past `at` of the
 * file. Returns the path (static). */
static const char *make_export(const char *name, int copies, double at, const char *inject,
                               size_t inject_len)
{
    static char path[512];
    size_t len, header;
    char *src = slurp(FIXTURE, &len);
    FILE *f;
    size_t written = 0, target;
    bool injected = inject == NULL;
    snprintf(path, sizeof path, "%s/tests/%s", NPS_BINARY_DIR, name);
    if (!src)
        return NULL;
    header = (size_t)((char *)memchr(src, '\n', len) - src) + 1;
    target = (size_t)(at * (double)(header + (len - header) * (size_t)copies));
    f = fopen(path, "wb");
    if (!f) {
        free(src);
        return NULL;
    }
    written += fwrite(src, 1, header, f);
    for (int c = 0; c < copies; c++) {
        /* rows one by one, to inject at a row start */
        for (size_t p = header; p < len;) {
            size_t q = p;
            bool quoted = false;
            while (q < len && (quoted || src[q] != '\n'))
                quoted ^= src[q++] == '"';
            q = q < len ? q + 1 : q;
            if (!injected && written >= target) {
                written += fwrite(inject, 1, inject_len ? inject_len : strlen(inject), f);
                injected = true;
            }
            written += fwrite(src + p, 1, q - p, f);
            p = q;
        }
    }
    fclose(f);
    free(src);
    return path;
}

static nps_error read_with(const char *path, const nps_questionnaire *q, bool keep, const char *threads,
                           nps_dataset **d, nps_diag *diag)
{
    nps_read_options opts = {NPS_ENCODING_AUTO, keep, 0, 0, NULL, NULL, NULL};
    setenv("NPS_READ_THREADS", threads, 1);
    nps_error err = nps_read_export(path, q, &opts, d, diag);
    unsetenv("NPS_READ_THREADS");
    return err;
}

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Every cell and log entry of the two datasets is the same. */
static void check_same(const nps_dataset *a, const nps_dataset *b, const nps_questionnaire *q)
{
    size_t n = nps_dataset_count(a), bad = 0;
    CHECK_INT(nps_dataset_count(b), n);
    if (nps_dataset_count(b) != n)
        return;
    for (size_t r = 0; r < n && bad < 5; r++) {
        bool ok = nps_dataset_line(a, r) == nps_dataset_line(b, r)
               && nps_dataset_timestamp(a, r) == nps_dataset_timestamp(b, r);
        for (size_t c = 0; c < nps_questionnaire_field_count(q); c++) {
            const nps_field *f = nps_questionnaire_field_at(q, c);
            double x = nps_dataset_number(a, r, f), y = nps_dataset_number(b, r, f);
            ok = ok && nps_dataset_choice(a, r, f) == nps_dataset_choice(b, r, f)
                 && nps_dataset_choices(a, r, f) == nps_dataset_choices(b, r, f)
                 && ((isnan(x) && isnan(y)) || x == y) && nps_dataset_bin(a, r, f) == nps_dataset_bin(b, r, f)
                 && same_text(nps_dataset_text(a, r, f), nps_dataset_text(b, r, f));
        }
        if (!ok) {
            bad++;
            fprintf(stderr, "row %zu differs (line %ld)\n", r, nps_dataset_line(a, r));
        }
    }
    CHECK_INT(bad, 0);
    CHECK_INT(nps_dataset_quality_count(b), nps_dataset_quality_count(a));
    for (size_t i = 0; i < nps_dataset_quality_count(a) && i < nps_dataset_quality_count(b); i++) {
        const nps_quality_entry *x = nps_dataset_quality_at(a, i), *y = nps_dataset_quality_at(b, i);
        if (x->kind != y->kind || x->line != y->line || strcmp(x->column, y->column) != 0
            || strcmp(x->raw, y->raw) != 0 || strcmp(x->action, y->action) != 0) {
            CHECK(!"quality entry differs");
            fprintf(stderr, "entry %zu: line %ld vs %ld: %s\n", i, x->line, y->line, x->action);
            break;
        }
    }
    CHECK_INT(nps_dataset_read_info(b)->records, nps_dataset_read_info(a)->records);
    CHECK_INT(nps_dataset_read_info(b)->empty_rows, nps_dataset_read_info(a)->empty_rows);
    CHECK_INT(nps_dataset_read_info(b)->duplicates_dropped, nps_dataset_read_info(a)->duplicates_dropped);
}

TEST(halves_equal_one_thread)
{
    nps_questionnaire *q = NULL;
    nps_diag diag;
    unsigned long long split = 0;
    long split_line = 0;
    const char *path = make_export("halves.csv", 28, 0, NULL, 0);
    FILE *f;
    CHECK(path != NULL);
    CHECK_INT(nps_questionnaire_load_default(&q, &diag), NPS_OK);
    if (!path || !q)
        return;
    f = fopen(path, "rb");
    if (f) { /* there is a split to use, past the middle */
        long size = (fseek(f, 0, SEEK_END), ftell(f));
        CHECK(nps_find_split(fileno(f), (unsigned long long)size, &split, &split_line));
        CHECK(split > (unsigned long long)size / 2 && split_line > 1);
        CHECK(nps_guess_split(fileno(f), (unsigned long long)size, &split));
        CHECK(split > (unsigned long long)size / 2);
        fclose(f);
    }
    for (int keep = 0; keep <= 1; keep++) {
        nps_dataset *one = NULL, *two = NULL;
        CHECK_INT(read_with(path, q, keep, "1", &one, &diag), NPS_OK);
        CHECK_INT(read_with(path, q, keep, "2", &two, &diag), NPS_OK);
        if (one && two)
            check_same(one, two, q);
        CHECK_INT(nps_dataset_count(one), keep ? 65 * 28 : 65);
        nps_dataset_free(one);
        nps_dataset_free(two);
    }
    remove(path);
    nps_questionnaire_free(q);
}

/* A record whose quoted cell spans the middle of the file, every line in
 * it starting like a record: the guessed split falls inside the cell, the
 * first half ends inside a record, and the file is read again with one
 * thread, to the same dataset and log. */
TEST(halves_guess_inside_quoted_cell)
{
    static const char line[] = "2023/10/03 08:26:01,inside a cell\n";
    const size_t lines = 15000; /* ~500 KB: past the middle from 0.49 */
    size_t n = strlen("2023/10/03 08:00:00,\"GUESS-START\n") + lines * strlen(line)
               + strlen("GUESS-END\",ＮＰＯ法人 テスト\n");
    char *inject = malloc(n + 1), *file = NULL, *start, *end;
    const char *path = NULL;
    size_t len = 0;
    unsigned long long split = 0;
    nps_questionnaire *q = NULL;
    nps_diag diag;
    FILE *f;
    CHECK(inject != NULL);
    CHECK_INT(nps_questionnaire_load_default(&q, &diag), NPS_OK);
    if (!inject || !q)
        goto cleanup;
    strcpy(inject, "2023/10/03 08:00:00,\"GUESS-START\n");
    end = inject + strlen(inject);
    for (size_t i = 0; i < lines; i++, end += strlen(line))
        memcpy(end, line, strlen(line));
    strcpy(end, "GUESS-END\",ＮＰＯ法人 テスト\n");
    path = make_export("halves_guess.csv", 28, 0.49, inject, 0);
    CHECK(path != NULL);
    if (!path || !(file = slurp(path, &len)))
        goto cleanup;
    start = strstr(file, "GUESS-START");
    end = strstr(file, "GUESS-END");
    f = fopen(path, "rb");
    CHECK(f && nps_guess_split(fileno(f), (unsigned long long)len, &split));
    CHECK(start && end && split > (unsigned long long)(start - file) && split < (unsigned long long)(end - file));
    if (f)
        fclose(f);
    for (int keep = 0; keep <= 1; keep++) {
        nps_dataset *one = NULL, *two = NULL;
        CHECK_INT(read_with(path, q, keep, "1", &one, &diag), NPS_OK);
        CHECK_INT(read_with(path, q, keep, "2", &two, &diag), NPS_OK);
        if (one && two)
            check_same(one, two, q);
        nps_dataset_free(one);
        nps_dataset_free(two);
    }
    remove(path);
cleanup:
    free(file);
    free(inject);
    nps_questionnaire_free(q);
}

/* A broken row in either half, or a non-UTF-8 or NUL byte that detection
 * must see: the same error, line and message. */
TEST(halves_broken_same_diagnostic)
{
    static const struct { double at; const char *inject; size_t len; } cases[] = {
        {0.25, "\"never closed,", 0}, {0.75, "\"never closed,", 0}, {0.75, "a\"b,", 0},
        {0.9, "\xFF\xFE,", 0}, {0.2, "\xE3\x81,", 0}, {0.6, "\x82\xA0,", 0}, {0.7, "a\0b,", 4},
    };
    nps_questionnaire *q = NULL;
    nps_diag diag;
    CHECK_INT(nps_questionnaire_load_default(&q, &diag), NPS_OK);
    for (size_t i = 0; q && i < sizeof cases / sizeof cases[0]; i++) {
        const char *path = make_export("halves_bad.csv", 28, cases[i].at, cases[i].inject, cases[i].len);
        nps_dataset *one = NULL, *two = NULL;
        nps_diag d1, d2;
        nps_error e1, e2;
        CHECK(path != NULL);
        if (!path)
            break;
        e1 = read_with(path, q, false, "1", &one, &d1);
        e2 = read_with(path, q, false, "2", &two, &d2);
        CHECK(e1 != NPS_OK);
        CHECK_INT(e2, e1);
        CHECK_INT(d2.line, d1.line);
        CHECK_STR(d2.message, d1.message);
        nps_dataset_free(one);
        nps_dataset_free(two);
        remove(path);
    }
    nps_questionnaire_free(q);
}

UNIT_MAIN()
