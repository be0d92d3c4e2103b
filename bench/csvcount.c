/*
 * csvcount.c — libcsv's raw parse speed: read a file in 64 KiB chunks, parse
 * it with libcsv (the options npo-survey's reader uses) and count fields and
 * records. No decoding, no line tracking, nothing kept: the ceiling of any
 * reader built on libcsv.
 *
 * build: cc -O2 -o csvcount bench/csvcount.c -lcsv
 * usage: csvcount FILE   → prints "records fields"
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct counts {
    unsigned long fields, records;
} counts;

static void on_field(void *data, size_t len, void *ctx)
{
    (void)data;
    (void)len;
    ((counts *)ctx)->fields++;
}

static void on_record(int term, void *ctx)
{
    (void)term;
    ((counts *)ctx)->records++;
}

int main(int argc, char **argv)
{
    static char buf[1 << 16];
    struct csv_parser p;
    counts c = {0, 0};
    size_t n;
    FILE *f;
    if (argc != 2) {
        fprintf(stderr, "usage: csvcount FILE\n");
        return 2;
    }
    f = fopen(argv[1], "rb");
    if (!f || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        perror(argv[1]);
        return 1;
    }
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (csv_parse(&p, buf, n, on_field, on_record, &c) != n) {
            fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&p)));
            return 1;
        }
    if (csv_fini(&p, on_field, on_record, &c) != 0) {
        fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&p)));
        return 1;
    }
    csv_free(&p);
    fclose(f);
    printf("%lu %lu\n", c.records, c.fields);
    return 0;
}
