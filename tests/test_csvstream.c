/*
 * test_csvstream.c — libcsv fed line by line (csvstream.h): each record's
 * start line with quoted newlines, CRLF and blank lines; an unterminated
 * quote reported on the line where its field began; the field-size and
 * column limits; and identical results whatever the split of the input
 * (whole, line by line, one byte at a time).
 */
#include <stdlib.h>
#include "unit.h"
#include "read/csvstream.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Records collected as text: "line|field|field...\n" per record, fields
 * with '\n' shown as "\\n" and '\r' as "\\r". */
typedef struct collect {
    char text[8192];
    size_t len;
    int records;
    int stop_at;           /* return NPS_ERR_USAGE on this record (1-based); 0 never */
} collect;

static void put(collect *c, const char *s, size_t n)
{
    for (size_t i = 0; i < n && c->len + 3 < sizeof c->text; i++) {
        if (s[i] == '\n' || s[i] == '\r') {
            c->text[c->len++] = '\\';
            c->text[c->len++] = s[i] == '\n' ? 'n' : 'r';
        } else {
            c->text[c->len++] = s[i];
        }
    }
    c->text[c->len] = '\0';
}

static nps_error on_record(void *ctx, long line, size_t n, const char *const *fields,
                           const size_t *lens)
{
    collect *c = ctx;
    char num[32];
    int k = snprintf(num, sizeof num, "%ld", line);
    c->records++;
    put(c, num, (size_t)k);
    for (size_t i = 0; i < n; i++) {
        put(c, "|", 1);
        CHECK_INT(fields[i][lens[i]], '\0'); /* NUL-terminated */
        put(c, fields[i], lens[i]);
    }
    c->text[c->len++] = '\n';
    c->text[c->len] = '\0';
    return c->stop_at && c->records == c->stop_at ? NPS_ERR_USAGE : NPS_OK;
}

enum split { WHOLE, LINES, BYTES };

typedef struct run_result {
    nps_error feed_err, finish_err;
    long error_line;
    const char *limit_kind;
    collect c;
} run_result;

static void run(const char *in, size_t n, enum split how, const nps_csv_limits *limits,
                run_result *r)
{
    nps_csv_stream *s = NULL;
    memset(r, 0, sizeof *r);
    r->c.stop_at = 0;
    CHECK_INT(nps_csv_stream_new(',', limits, on_record, &r->c, &s), NPS_OK);
    if (!s)
        return;
    size_t i = 0;
    while (i < n && r->feed_err == NPS_OK) {
        size_t k = n - i;
        if (how == BYTES) {
            k = 1;
        } else if (how == LINES) {
            const char *nl = memchr(in + i, '\n', n - i);
            k = nl ? (size_t)(nl - (in + i)) + 1 : n - i;
        }
        r->feed_err = nps_csv_stream_feed(s, in + i, k);
        i += k;
    }
    r->finish_err = r->feed_err == NPS_OK ? nps_csv_stream_finish(s) : r->feed_err;
    r->error_line = nps_csv_stream_error_line(s);
    r->limit_kind = nps_csv_stream_limit_kind(s);
    nps_csv_stream_free(s);
}

typedef struct record_case {
    const char *in;
    const char *records;   /* expected collect text */
} record_case;

static const record_case RECORD_CASES[] = {
    {"a,b\nc,d\n", "1|a|b\n2|c|d\n"},
    {"a,b\nc,d", "1|a|b\n2|c|d\n"},                          /* no final newline */
    /* a quoted cell with two newlines: the record starts on line 2, the next on 5 */
    {"h1,h2\n\"q1\nq2\nq3\",v\np,q\n", "1|h1|h2\n2|q1\\nq2\\nq3|v\n5|p|q\n"},
    /* CRLF line ends; a CRLF inside quotes is kept */
    {"a,b\r\nc,d\r\n", "1|a|b\n2|c|d\n"},
    {"a,\"x\r\ny\"\r\nc,d\r\n", "1|a|x\\r\\ny\n3|c|d\n"},
    /* blank lines between records are skipped; later lines stay exact */
    {"a,b\n\n\nc,d\n", "1|a|b\n4|c|d\n"},
    {"a,b\r\n\r\n\r\nc,d\r\n\r\n", "1|a|b\n4|c|d\n"},
    {"\n\na,b\n", "3|a|b\n"},                                 /* leading blank lines */
    /* a quoted newline then blank lines */
    {"\"x\ny\"\n\n\"z\"\n", "1|x\\ny\n4|z\n"},
    /* empty fields, doubled quotes, commas in quotes */
    {",,\n\"a,b\",\"say \"\"hi\"\"\",\n", "1|||\n2|a,b|say \"hi\"|\n"},
    /* UTF-8 content passes unchanged */
    {"タイムスタンプ,Q6\n2023/10/05,\"子ども食堂, その他\"\n",
     "1|タイムスタンプ|Q6\n2|2023/10/05|子ども食堂, その他\n"},
};

TEST(records_and_lines)
{
    for (size_t i = 0; i < COUNT_OF(RECORD_CASES); i++) {
        run_result r;
        int before = unit_failures;
        run(RECORD_CASES[i].in, strlen(RECORD_CASES[i].in), WHOLE, NULL, &r);
        CHECK_INT(r.finish_err, NPS_OK);
        CHECK_STR(r.c.text, RECORD_CASES[i].records);
        if (unit_failures != before)
            fprintf(stderr, "  ^ case %zu\n", i);
    }
}

TEST(split_line_by_line_and_byte_by_byte)
{
    for (size_t i = 0; i < COUNT_OF(RECORD_CASES); i++) {
        for (int how = LINES; how <= BYTES; how++) {
            run_result r;
            int before = unit_failures;
            run(RECORD_CASES[i].in, strlen(RECORD_CASES[i].in), (enum split)how, NULL, &r);
            CHECK_INT(r.finish_err, NPS_OK);
            CHECK_STR(r.c.text, RECORD_CASES[i].records);
            if (unit_failures != before)
                fprintf(stderr, "  ^ case %zu, %s\n", i, how == LINES ? "lines" : "bytes");
        }
    }
}

TEST(line_counter)
{
    nps_csv_stream *s = NULL;
    collect c = {0};
    CHECK_INT(nps_csv_stream_new(',', NULL, on_record, &c, &s), NPS_OK);
    if (!s)
        return;
    CHECK_INT(nps_csv_stream_line(s), 1);
    CHECK_INT(nps_csv_stream_feed(s, "a,b\nc", 5), NPS_OK);
    CHECK_INT(nps_csv_stream_line(s), 2);
    CHECK_INT(nps_csv_stream_feed(s, ",d\n\n", 4), NPS_OK);
    CHECK_INT(nps_csv_stream_line(s), 4);
    CHECK_INT(nps_csv_stream_finish(s), NPS_OK);
    CHECK_STR(c.text, "1|a|b\n2|c|d\n");
    CHECK(nps_csv_stream_limit_kind(s) == NULL);
    nps_csv_stream_free(s);
}

typedef struct error_case {
    const char *in;
    nps_error err;          /* from feed or finish */
    long line;              /* nps_csv_stream_error_line */
    const char *records;    /* records delivered before the error */
} error_case;

TEST(unterminated_quote)
{
    static const error_case cases[] = {
        /* the quote opens on line 2 and never closes */
        {"a,b\nc,\"d\ne,f\ng,h\n", NPS_ERR_CSV, 2, "1|a|b\n"},
        /* a quote opening a record after blank lines */
        {"a,b\n\n\n\"x\ny\n", NPS_ERR_CSV, 4, "1|a|b\n"},
        /* after a record with a quoted newline */
        {"\"a\nb\",c\nd,e\nf,\"g\n", NPS_ERR_CSV, 4, "1|a\\nb|c\n3|d|e\n"},
        /* the second field of a record that began a line earlier */
        {"x,y\n1,\"a\n", NPS_ERR_CSV, 2, "1|x|y\n"},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        for (int how = WHOLE; how <= BYTES; how++) {
            run_result r;
            int before = unit_failures;
            run(cases[i].in, strlen(cases[i].in), (enum split)how, NULL, &r);
            CHECK_INT(r.finish_err, cases[i].err);
            CHECK_INT(r.error_line, cases[i].line);
            CHECK_STR(r.c.text, cases[i].records);
            if (unit_failures != before)
                fprintf(stderr, "  ^ case %zu, split %d\n", i, how);
        }
    }
}

TEST(stray_quote_is_csv_error)
{
    /* strict parsing: a quote in the middle of an unquoted field */
    run_result r;
    run("a,b\nc,d\"e\n", strlen("a,b\nc,d\"e\n"), WHOLE, NULL, &r);
    CHECK_INT(r.feed_err, NPS_ERR_CSV);
    CHECK_INT(r.error_line, 2);
    CHECK_STR(r.c.text, "1|a|b\n");
}

TEST(field_size_limit)
{
    char in[512];
    nps_csv_limits limits = {100, 0};
    for (int quoted = 0; quoted <= 1; quoted++) {
        for (int how = WHOLE; how <= BYTES; how++) {
            run_result r;
            int before = unit_failures;
            size_t n = 0;
            n += (size_t)snprintf(in, sizeof in, "a,b\nc,%s", quoted ? "\"" : "");
            memset(in + n, 'x', 200);
            n += 200;
            n += (size_t)snprintf(in + n, sizeof in - n, "%s\n", quoted ? "\"" : "");
            run(in, n, (enum split)how, &limits, &r);
            CHECK_INT(r.finish_err, NPS_ERR_LIMIT);
            CHECK_STR(r.limit_kind, "field");
            CHECK_INT(r.error_line, 2);
            CHECK_STR(r.c.text, "1|a|b\n");
            if (unit_failures != before)
                fprintf(stderr, "  ^ quoted %d, split %d\n", quoted, how);
        }
    }
    /* exactly at the limit is fine */
    {
        run_result r;
        size_t n = (size_t)snprintf(in, sizeof in, "a,");
        memset(in + n, 'y', 100);
        n += 100;
        in[n++] = '\n';
        run(in, n, WHOLE, &limits, &r);
        CHECK_INT(r.finish_err, NPS_OK);
        CHECK_INT(r.c.records, 1);
    }
}

TEST(unterminated_quote_in_huge_input_hits_limit)
{
    /* An opening quote followed by 50 KB of lines: the field-size cap
     * stops the parse while reading (memory stays bounded). */
    size_t n = 4 + 50000;
    char *in = malloc(n);
    nps_csv_limits limits = {1000, 0};
    run_result r;
    if (!in)
        return;
    memcpy(in, "a,\"x", 4);
    for (size_t i = 4; i < n; i++)
        in[i] = (i % 50 == 0) ? '\n' : 'z';
    run(in, n, WHOLE, &limits, &r);
    CHECK_INT(r.feed_err, NPS_ERR_LIMIT);
    CHECK_STR(r.limit_kind, "field");
    CHECK_INT(r.error_line, 1);
    CHECK_INT(r.c.records, 0);
    free(in);
}

TEST(column_limit)
{
    nps_csv_limits limits = {0, 5};
    for (int how = WHOLE; how <= BYTES; how++) {
        run_result r;
        int before = unit_failures;
        run("1,2,3,4,5\n1,2,3,4,5,6\n", strlen("1,2,3,4,5\n1,2,3,4,5,6\n"), (enum split)how, &limits, &r);
        CHECK_INT(r.finish_err, NPS_ERR_LIMIT);
        CHECK_STR(r.limit_kind, "columns");
        CHECK_STR(r.c.text, "1|1|2|3|4|5\n");
        if (unit_failures != before)
            fprintf(stderr, "  ^ split %d\n", how);
    }
    /* five columns pass */
    run_result r;
    run("1,2,3,4,5\n", 10, WHOLE, &limits, &r);
    CHECK_INT(r.finish_err, NPS_OK);
    CHECK(r.limit_kind == NULL);
}

TEST(callback_error_stops_and_names_record_line)
{
    /* The callback refuses the second record (which starts on line 2 and
     * ends on line 3): its error is returned and the error line is where
     * that record began. */
    nps_csv_stream *s = NULL;
    collect c = {0};
    c.stop_at = 2;
    CHECK_INT(nps_csv_stream_new(',', NULL, on_record, &c, &s), NPS_OK);
    if (!s)
        return;
    const char *in = "a,b\n\"c\nC\",d\ne,f\n";
    CHECK_INT(nps_csv_stream_feed(s, in, strlen(in)), NPS_ERR_USAGE);
    CHECK_INT(c.records, 2);
    CHECK_INT(nps_csv_stream_error_line(s), 2);
    nps_csv_stream_free(s);
}

TEST(other_delimiter)
{
    nps_csv_stream *s = NULL;
    collect c = {0};
    CHECK_INT(nps_csv_stream_new(';', NULL, on_record, &c, &s), NPS_OK);
    if (!s)
        return;
    CHECK_INT(nps_csv_stream_feed(s, "a;b,c\n", 6), NPS_OK);
    CHECK_INT(nps_csv_stream_finish(s), NPS_OK);
    CHECK_STR(c.text, "1|a|b,c\n");
    nps_csv_stream_free(s);
}

TEST(delimiter_set_before_the_first_byte)
{
    nps_csv_stream *s = NULL;
    collect c = {0};
    CHECK_INT(nps_csv_stream_new(',', NULL, on_record, &c, &s), NPS_OK);
    if (!s)
        return;
    nps_csv_stream_set_delimiter(s, '\t');
    static const char in[] = "a\tb,c\t\"d\te\"\n1\t2\n";
    CHECK_INT(nps_csv_stream_feed(s, in, sizeof in - 1), NPS_OK);
    CHECK_INT(nps_csv_stream_finish(s), NPS_OK);
    CHECK_STR(c.text, "1|a|b,c|d\te\n2|1|2\n");
    nps_csv_stream_free(s);
}

UNIT_MAIN()
