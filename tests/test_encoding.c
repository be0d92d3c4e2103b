/*
 * test_encoding.c — encoding detection and decoding (encoding.h, docs/reading.md):
 * the streaming UTF-8 scanner across chunk boundaries, detection of BOM /
 * UTF-8 / CP932 / NUL with line numbers, and the CP932 decoder including a
 * double-byte character split across calls and the offset of an invalid
 * sequence, and the guessed split of a large file (nps_guess_split). The
 * byte sequences CP932 rejects (0x85 0x40, 0x81 0x7F) were
 * checked with both glibc `iconv -f CP932` and Python's cp932 codec.
 */
#include <stdlib.h>
#include "unit.h"
#include "read/encoding.h"
#include "base/text.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---------- scanner ---------- */

typedef struct scan_case {
    const char *bytes;
    size_t len;            /* 0: strlen */
    long invalid_line;     /* expected first invalid line, 0 = valid */
    long lines;            /* expected line of the next byte after the input */
} scan_case;

static size_t blen(const char *s, size_t len) { return len ? len : strlen(s); }

static void scan_whole(const scan_case *c, long *invalid, long *line)
{
    nps_utf8_scanner s;
    nps_utf8_scanner_init(&s);
    nps_utf8_scanner_feed(&s, (const unsigned char *)c->bytes, blen(c->bytes, c->len));
    nps_utf8_scanner_finish(&s);
    *invalid = s.invalid_line;
    *line = s.line;
}

TEST(scanner_whole_buffers)
{
    static const scan_case cases[] = {
        {"", 0, 0, 1},
        {"abc\n日本\n", 0, 0, 3},
        {"a\nb\n\xFF\n", 0, 3, 4},               /* invalid lead byte on line 3 */
        {"\xC0\xAF", 0, 1, 1},                   /* overlong '/' */
        {"ok\n\xED\xA0\x80", 0, 2, 2},           /* a surrogate */
        {"\xF4\x90\x80\x80", 0, 1, 1},           /* above U+10FFFF */
        {"x\n\xE6\x97", 0, 2, 2},                /* cut at the end: invalid at finish */
        {"\xE6\x97\n", 0, 1, 2},                 /* lead without enough continuation */
        {"\x83\x65\x83\x58\x83\x67", 0, 1, 1},   /* テスト in CP932 */
        {"\xF0\x9F\x98\x80\n", 0, 0, 2},         /* a 4-byte character */
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        long invalid, line;
        int before = unit_failures;
        scan_whole(&cases[i], &invalid, &line);
        CHECK_INT(invalid, cases[i].invalid_line);
        CHECK_INT(line, cases[i].lines);
        if (unit_failures != before)
            fprintf(stderr, "  ^ case %zu\n", i);
    }
}

/* Every split of the input into two feeds gives the same verdict as one. */
TEST(scanner_every_split_point)
{
    static const scan_case cases[] = {
        {"a,日本語\nb,\xF0\x9F\x98\x80\n", 0, 0, 3},
        {"a\nb\n\xFF\n", 0, 3, 4},
        {"a\n\xE6\x41\n", 0, 2, 3},              /* lead then ASCII */
        {"\xE6\x97\xA5\n\xE6\x97\xA5", 0, 0, 2},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        const unsigned char *p = (const unsigned char *)cases[i].bytes;
        size_t n = blen(cases[i].bytes, cases[i].len);
        for (size_t cut = 0; cut <= n; cut++) {
            nps_utf8_scanner s;
            int before = unit_failures;
            nps_utf8_scanner_init(&s);
            nps_utf8_scanner_feed(&s, p, cut);
            nps_utf8_scanner_feed(&s, p + cut, n - cut);
            nps_utf8_scanner_finish(&s);
            CHECK_INT(s.invalid_line, cases[i].invalid_line);
            CHECK_INT(s.line, cases[i].lines);
            if (unit_failures != before)
                fprintf(stderr, "  ^ case %zu cut at %zu\n", i, cut);
        }
    }
}

TEST(scanner_three_byte_char_across_feeds)
{
    /* 日 = E6 97 A5, fed one byte per call */
    nps_utf8_scanner s;
    nps_utf8_scanner_init(&s);
    nps_utf8_scanner_feed(&s, (const unsigned char *)"\xE6", 1);
    CHECK_INT(s.n_pending, 1);
    nps_utf8_scanner_feed(&s, (const unsigned char *)"\x97", 1);
    CHECK_INT(s.n_pending, 2);
    nps_utf8_scanner_feed(&s, (const unsigned char *)"\xA5", 1);
    CHECK_INT(s.n_pending, 0);
    nps_utf8_scanner_finish(&s);
    CHECK_INT(s.invalid_line, 0);

    /* the same lead continued by a non-continuation byte is invalid, and
     * that byte (a newline) still counts */
    nps_utf8_scanner_init(&s);
    nps_utf8_scanner_feed(&s, (const unsigned char *)"ok\n\xE6", 4);
    nps_utf8_scanner_feed(&s, (const unsigned char *)"\nnext", 5);
    nps_utf8_scanner_finish(&s);
    CHECK_INT(s.invalid_line, 2);
    CHECK_INT(s.line, 3);
}

/* The scanner's verdict on buf[0..n) fed at once (32 bytes at a time where
 * the CPU can) and fed byte by byte (never so). */
static void scan_both(const unsigned char *buf, size_t n, nps_utf8_scanner *whole, nps_utf8_scanner *bytes)
{
    nps_utf8_scanner_init(whole);
    nps_utf8_scanner_feed(whole, buf, n);
    nps_utf8_scanner_finish(whole);
    nps_utf8_scanner_init(bytes);
    for (size_t i = 0; i < n; i++)
        nps_utf8_scanner_feed(bytes, buf + i, 1);
    nps_utf8_scanner_finish(bytes);
}

static long newlines(const unsigned char *p, size_t n)
{
    long k = 0;
    for (size_t i = 0; i < n; i++)
        k += p[i] == '\n';
    return k;
}

/* Every 1-, 2- and 3-byte sequence and many 4-byte ones, placed across a
 * 32-byte boundary of a 96-byte buffer: the verdict of a whole feed is
 * nps_utf8_valid's, and every line end is counted. */
TEST(scanner_whole_chunk_every_sequence)
{
    unsigned char buf[96];
    size_t bad = 0;
    unsigned seed = 1;
    for (unsigned long v = 0; v < 0x1000000 + 0x400000 && bad < 5; v++) {
        unsigned char seq[4];
        size_t len;
        if (v < 0x10000) { /* b1 b2 */
            seq[0] = (unsigned char)(v >> 8), seq[1] = (unsigned char)v, len = 2;
        } else if (v < 0x1000000) { /* b1 b2 b3, b1 a lead byte */
            if ((v >> 16) < 0xC0)
                continue;
            seq[0] = (unsigned char)(v >> 16), seq[1] = (unsigned char)(v >> 8), seq[2] = (unsigned char)v, len = 3;
        } else { /* F0–FF b2 b3 b4, random */
            seed = seed * 1103515245u + 12345u;
            seq[0] = (unsigned char)(0xF0 | (seed >> 28));
            seq[1] = (unsigned char)(seed >> 4), seq[2] = (unsigned char)(seed >> 12), seq[3] = (unsigned char)(seed >> 20);
            if (seed & 1)
                seq[1] = (unsigned char)(0x80 | (seq[1] & 0x3F)), seq[2] = (unsigned char)(0x80 | (seq[2] & 0x3F));
            len = 4;
        }
        for (size_t at = 29; at <= 31; at++) {
            nps_utf8_scanner s;
            memset(buf, 'a', sizeof buf);
            buf[10] = '\n';
            memcpy(buf + at, seq, len);
            nps_utf8_scanner_init(&s);
            nps_utf8_scanner_feed(&s, buf, sizeof buf);
            nps_utf8_scanner_finish(&s);
            if ((s.invalid_line == 0) != nps_utf8_valid((const char *)buf, sizeof buf)
                || s.line != 2 + newlines(seq, len)) {
                CHECK(!"whole feed disagrees");
                fprintf(stderr, "  ^ %02X %02X %02X %02X (%zu bytes) at %zu\n", seq[0], seq[1], seq[2], seq[3], len, at);
                bad++;
            }
        }
    }
}

/* Random text (kana, kanji, ASCII, line ends, now and then a broken
 * byte): the same first invalid line and line count fed at once as fed
 * byte by byte, at any length. */
TEST(scanner_whole_chunk_random_text)
{
    static const char *const pieces[] = {"日本", "語の", "テキスト", "a,b", "\n", "12", "\xF0\x9F\x98\x80", "é", "\"x\"", " "};
    static const unsigned char broken[] = {0xFF, 0x80, 0xE3, 0xC0, 0xED, 0xF4, 0x00, 0xBF};
    unsigned char buf[700];
    unsigned seed = 99;
    size_t bad = 0;
    for (int round = 0; round < 3000 && bad < 5; round++) {
        size_t n = 0, target;
        nps_utf8_scanner a, b;
        seed = seed * 1103515245u + 12345u;
        target = (seed >> 8) % 600;
        while (n < target) {
            const char *p;
            seed = seed * 1103515245u + 12345u;
            p = pieces[(seed >> 16) % COUNT_OF(pieces)];
            memcpy(buf + n, p, strlen(p));
            n += strlen(p);
        }
        if (round % 3 == 0 && n) { /* break one byte */
            seed = seed * 1103515245u + 12345u;
            buf[(seed >> 8) % n] = broken[(seed >> 4) % COUNT_OF(broken)];
        }
        scan_both(buf, n, &a, &b);
        if (a.invalid_line != b.invalid_line || a.line != b.line) {
            CHECK(!"whole and byte-by-byte feeds differ");
            fprintf(stderr, "  ^ round %d: invalid %ld/%ld, lines %ld/%ld\n", round, a.invalid_line, b.invalid_line,
                    a.line, b.line);
            bad++;
        }
    }
}

/* ---------- detection ---------- */

static FILE *file_with(const char *bytes, size_t len)
{
    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (!f)
        return NULL;
    CHECK_INT(fwrite(bytes, 1, len, f), len);
    rewind(f);
    return f;
}

typedef struct detect_case {
    const char *bytes;
    size_t len;
    nps_detected encoding;
    long invalid_line;
    long nul_line;
    unsigned long long bytes_counted;
} detect_case;

/* A file of `n` records "ID,text" after a one-line header (a BOM first
 * with `bom`); ids count up from 1, so their width changes. */
static FILE *numbered_file(int n, bool bom)
{
    FILE *f = tmpfile();
    if (!f)
        return NULL;
    fputs(bom ? "\xEF\xBB\xBFID,\"a\nheader\"\n" : "ID,\"a\nheader\"\n", f);
    for (int i = 1; i <= n; i++)
        fprintf(f, "%d,text of record %d\n", i, i);
    fflush(f);
    return f;
}

TEST(guess_split_at_a_record_like_the_first)
{
    for (int bom = 0; bom <= 1; bom++) {
        FILE *f = numbered_file(20000, bom);
        unsigned long long size, split = 0;
        char buf[32] = {0};
        CHECK(f != NULL);
        if (!f)
            return;
        size = (unsigned long long)(fseek(f, 0, SEEK_END), ftell(f));
        CHECK(nps_guess_split(fileno(f), size, &split));
        CHECK(split > size / 2 && split < size / 2 + 64);
        /* just after a '\n', at an id */
        fseek(f, (long)split - 1, SEEK_SET);
        CHECK(fread(buf, 1, sizeof buf - 1, f) > 2);
        CHECK(buf[0] == '\n' && buf[1] >= '1' && buf[1] <= '9');
        fclose(f);
    }
}

TEST(guess_split_none)
{
    /* the first record's first cell is not followed by ',' in 64 bytes */
    FILE *f = tmpfile();
    unsigned long long split = 1;
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("a,b\n", f);
    for (int i = 0; i < 5000; i++)
        fputs("a cell far longer than the sixty-four bytes that a record's shape may have,x\n", f);
    fflush(f);
    CHECK(!nps_guess_split(fileno(f), (unsigned long long)ftell(f), &split));
    CHECK_INT(split, 0);
    fclose(f);
}

TEST(detect_table)
{
    static const detect_case cases[] = {
        {"a,b\n日本,語\n", 0, NPS_DETECTED_UTF8, 0, 0, 15},
        {"\xEF\xBB\xBF" "a,b\n", 0, NPS_DETECTED_UTF8_BOM, 0, 0, 4},   /* BOM not counted */
        {"\x83\x65\x83\x58\x83\x67,1\n", 0, NPS_DETECTED_CP932, 1, 0, 9},
        {"h1,h2\nx,y\n\x83\x65\x83\x58\x83\x67,z\n", 0, NPS_DETECTED_CP932, 3, 0, 19},
        {"a,b\nc\0d\n", 8, NPS_DETECTED_UTF8, 0, 2, 8},
        /* CP932 kanji with lead 0xE0 end lines 1 and 2: their newlines must
         * still count, so the NUL is on line 3 */
        {"\xE0\x9F\n\xE0\x9F\nz\0\n", 9, NPS_DETECTED_CP932, 1, 3, 9},
        {"", 0, NPS_DETECTED_UTF8, 0, 0, 0},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        size_t n = cases[i].len ? cases[i].len : strlen(cases[i].bytes);
        FILE *f = file_with(cases[i].bytes, n);
        nps_detection d;
        int before = unit_failures;
        if (!f)
            continue;
        CHECK_INT(nps_encoding_detect(f, &d), NPS_OK);
        CHECK_INT(d.encoding, cases[i].encoding);
        CHECK_INT(d.first_invalid_utf8_line, cases[i].invalid_line);
        CHECK_INT(d.nul_line, cases[i].nul_line);
        CHECK_INT(d.bytes, cases[i].bytes_counted);
        CHECK_INT(ftell(f), 0); /* rewound */
        fclose(f);
        if (unit_failures != before)
            fprintf(stderr, "  ^ case %zu\n", i);
    }
}

/* A file larger than the detector's 64 KiB buffer: a multi-byte character
 * straddles the buffer boundary, and the invalid byte and the NUL come after
 * it, so their lines must carry over from the first buffer. */
TEST(detect_across_buffer_boundary)
{
    size_t n = 65536 + 64;
    char *buf = malloc(n);
    FILE *f;
    nps_detection d;
    if (!buf)
        return;
    memset(buf, 'x', n);
    for (size_t i = 99; i < 65000; i += 100)
        buf[i] = '\n';                       /* 650 newlines: line 651 follows */
    memcpy(buf + 65535, "\xE6\x97\xA5", 3);  /* 日 across the boundary */
    buf[65540] = '\n';                        /* line 652 from here */
    memcpy(buf + 65541, "\0", 1);
    f = file_with(buf, n);
    if (f) {
        CHECK_INT(nps_encoding_detect(f, &d), NPS_OK);
        CHECK_INT(d.encoding, NPS_DETECTED_UTF8);
        CHECK_INT(d.first_invalid_utf8_line, 0);
        CHECK_INT(d.nul_line, 652);
        CHECK_INT(d.bytes, n);
        fclose(f);
    }
    buf[65541] = 'x';
    buf[65550] = '\xFF';
    f = file_with(buf, n);
    if (f) {
        CHECK_INT(nps_encoding_detect(f, &d), NPS_OK);
        CHECK_INT(d.encoding, NPS_DETECTED_CP932);
        CHECK_INT(d.first_invalid_utf8_line, 652);
        CHECK_INT(d.nul_line, 0);
        fclose(f);
    }
    /* CP932 lines ending in a kanji with lead 0xE0 (E0 9F '\n'): the
     * newlines of the first buffer must still count for the NUL's line. */
    for (size_t i = 99; i < 65000; i += 100)
        memcpy(buf + i - 2, "\xE0\x9F\n", 3);
    buf[65550] = 'x';
    buf[65541] = '\0';
    f = file_with(buf, n);
    if (f) {
        CHECK_INT(nps_encoding_detect(f, &d), NPS_OK);
        CHECK_INT(d.encoding, NPS_DETECTED_CP932);
        CHECK_INT(d.first_invalid_utf8_line, 1);
        CHECK_INT(d.nul_line, 652);
        fclose(f);
    }
    free(buf);
}

/* ---------- decoder ---------- */

/* Decode `in` in pieces cut at `cuts` (ascending offsets); returns the
 * concatenated output (malloc'ed) and the last error. */
static char *decode_pieces(nps_detected enc, const char *in, size_t n, const size_t *cuts,
                           size_t n_cuts, nps_error *err, unsigned long long *bad)
{
    nps_decoder *d = NULL;
    char *acc = calloc(1, n * 3 + 1);
    size_t acc_len = 0, start = 0;
    *err = nps_decoder_new(enc, &d);
    *bad = 0;
    if (*err != NPS_OK || !acc) {
        free(acc);
        return NULL;
    }
    for (size_t i = 0; i <= n_cuts && *err == NPS_OK; i++) {
        size_t end = i < n_cuts ? cuts[i] : n;
        const char *out;
        size_t out_len;
        *err = nps_decoder_convert(d, in + start, end - start, i == n_cuts, &out, &out_len, bad);
        if (*err == NPS_OK) {
            memcpy(acc + acc_len, out, out_len);
            acc_len += out_len;
        }
        start = end;
    }
    acc[acc_len] = '\0';
    nps_decoder_free(d);
    return acc;
}

TEST(decoder_utf8_passthrough_and_bom)
{
    static const char with_bom[] = "\xEF\xBB\xBF" "タイムスタンプ,Q6\n";
    nps_error err;
    unsigned long long bad;
    char *out = decode_pieces(NPS_DETECTED_UTF8_BOM, with_bom, sizeof with_bom - 1, NULL, 0, &err, &bad);
    CHECK_INT(err, NPS_OK);
    CHECK_STR(out, "タイムスタンプ,Q6\n");
    free(out);
    /* plain UTF-8 keeps a leading BOM-like sequence untouched */
    out = decode_pieces(NPS_DETECTED_UTF8, "a,日本\n", strlen("a,日本\n"), NULL, 0, &err, &bad);
    CHECK_INT(err, NPS_OK);
    CHECK_STR(out, "a,日本\n");
    free(out);
    /* a UTF-8 character split across calls passes through intact */
    static const size_t cut[] = {3};
    out = decode_pieces(NPS_DETECTED_UTF8, "a,\xE6\x97\xA5\n", 6, cut, 1, &err, &bad);
    CHECK_INT(err, NPS_OK);
    CHECK_STR(out, "a,日\n");
    free(out);
}

TEST(decoder_cp932_whole)
{
    static const char in[] = "\x83\x65\x83\x58\x83\x67,\x82\xA0\n"; /* テスト,あ */
    nps_error err;
    unsigned long long bad;
    char *out = decode_pieces(NPS_DETECTED_CP932, in, sizeof in - 1, NULL, 0, &err, &bad);
    CHECK_INT(err, NPS_OK);
    CHECK_STR(out, "テスト,あ\n");
    free(out);
    /* Excel's CP932 extensions: ① (0x87 0x40) and ～ (0x81 0x60 → U+FF5E) */
    out = decode_pieces(NPS_DETECTED_CP932, "\x87\x40\x81\x60", 4, NULL, 0, &err, &bad);
    CHECK_INT(err, NPS_OK);
    CHECK_STR(out, "①～");
    free(out);
}

TEST(decoder_cp932_split_double_byte)
{
    static const char in[] = "\x83\x65\x83\x58\x83\x67"; /* テスト */
    nps_error err;
    unsigned long long bad;
    /* every cut, including through the middle of each character */
    for (size_t c = 0; c <= 6; c++) {
        size_t cut[] = {c};
        char *out = decode_pieces(NPS_DETECTED_CP932, in, 6, cut, 1, &err, &bad);
        int before = unit_failures;
        CHECK_INT(err, NPS_OK);
        CHECK_STR(out, "テスト");
        free(out);
        if (unit_failures != before)
            fprintf(stderr, "  ^ cut at %zu\n", c);
    }
    /* and one byte per call */
    static const size_t cuts[] = {1, 2, 3, 4, 5};
    char *out = decode_pieces(NPS_DETECTED_CP932, in, 6, cuts, 5, &err, &bad);
    CHECK_INT(err, NPS_OK);
    CHECK_STR(out, "テスト");
    free(out);
}

TEST(decoder_cp932_split_output_per_call)
{
    /* The first call holds the lead byte back: it outputs テ only. */
    nps_decoder *d = NULL;
    const char *out;
    size_t out_len;
    unsigned long long bad = 0;
    CHECK_INT(nps_decoder_new(NPS_DETECTED_CP932, &d), NPS_OK);
    if (!d)
        return;
    CHECK_INT(nps_decoder_convert(d, "\x83\x65\x83", 3, false, &out, &out_len, &bad), NPS_OK);
    CHECK_INT(out_len, 3);
    CHECK(out_len == 3 && memcmp(out, "テ", 3) == 0);
    CHECK_INT(nps_decoder_convert(d, "\x58", 1, true, &out, &out_len, &bad), NPS_OK);
    CHECK_INT(out_len, 3);
    CHECK(out_len == 3 && memcmp(out, "ス", 3) == 0);
    nps_decoder_free(d);
}

typedef struct bad_case {
    const char *in;
    size_t len;
    size_t cuts[3];
    size_t n_cuts;
    unsigned long long bad_offset;
} bad_case;

TEST(decoder_cp932_invalid_offsets)
{
    static const bad_case cases[] = {
        {"ab\x85\x40", 4, {0}, 0, 2},                         /* 0x85 row is unassigned */
        {"\x81\x7F", 2, {0}, 0, 0},                           /* 0x7F is no trail byte */
        {"\x83\x65" "ab\x81\x7F" "cd", 8, {0}, 0, 4},
        {"abcd" "e\x85\x40", 7, {4}, 1, 5},                   /* offset over all calls */
        {"\x83\x65\x83" "\x58" "x\x85\x40", 7, {3}, 1, 5},    /* after a carried byte */
        {"abc\x83", 4, {0}, 0, 3},                            /* dangling lead at the end */
        {"ab\x83", 3, {3}, 1, 2},                             /* ... kept, then last call */
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        nps_error err;
        unsigned long long bad;
        int before = unit_failures;
        char *out = decode_pieces(NPS_DETECTED_CP932, cases[i].in, cases[i].len, cases[i].cuts,
                                  cases[i].n_cuts, &err, &bad);
        CHECK_INT(err, NPS_ERR_ENCODING);
        CHECK_INT(bad, cases[i].bad_offset);
        free(out);
        if (unit_failures != before)
            fprintf(stderr, "  ^ case %zu\n", i);
    }
}

/* ---------- UTF-16 (Excel's 「Unicode テキスト」) ---------- */

/* "a\tあ\n😀\n" in UTF-16LE / BE with their BOMs (😀 = D83D DE00). */
static const char U16LE[] = "\xFF\xFE" "a\0\t\0\x42\x30\n\0\x3D\xD8\x00\xDE\n\0";
static const char U16BE[] = "\xFE\xFF" "\0a\0\t\x30\x42\0\n\xD8\x3D\xDE\x00\0\n";

TEST(detect_utf16_by_bom)
{
    FILE *f = file_with(U16LE, sizeof U16LE - 1);
    nps_detection d;
    if (!f)
        return;
    CHECK_INT(nps_encoding_detect(f, &d), NPS_OK);
    CHECK_INT(d.encoding, NPS_DETECTED_UTF16LE);
    CHECK_INT(d.nul_line, 0); /* its NUL bytes are no binary file */
    CHECK_INT(d.bytes, sizeof U16LE - 3);
    fclose(f);
    f = file_with(U16BE, sizeof U16BE - 1);
    if (!f)
        return;
    CHECK_INT(nps_encoding_detect(f, &d), NPS_OK);
    CHECK_INT(d.encoding, NPS_DETECTED_UTF16BE);
    CHECK_INT(d.nul_line, 0);
    fclose(f);
    /* without a BOM, UTF-16 is still a binary file */
    f = file_with(U16LE + 2, sizeof U16LE - 3);
    if (!f)
        return;
    CHECK_INT(nps_encoding_detect(f, &d), NPS_OK);
    CHECK_INT(d.nul_line, 1);
    fclose(f);
}

TEST(decoder_utf16_every_cut)
{
    static const struct { nps_detected enc; const char *in; size_t n; } cases[] = {
        {NPS_DETECTED_UTF16LE, U16LE, sizeof U16LE - 1},
        {NPS_DETECTED_UTF16BE, U16BE, sizeof U16BE - 1},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++)
        for (size_t cut = 2; cut <= cases[i].n; cut++) { /* (the reader's first chunk holds the BOM) */
            nps_error err;
            unsigned long long bad;
            size_t cuts[1] = {cut};
            char *out = decode_pieces(cases[i].enc, cases[i].in, cases[i].n, cuts, 1, &err, &bad);
            CHECK_INT(err, NPS_OK);
            CHECK_STR(out ? out : "", "a\tあ\n😀\n");
            free(out);
        }
}

TEST(decoder_utf16_unpaired_surrogate)
{
    static const char in[] = "\xFF\xFE" "a\0\n\0\x3D\xD8" "b\0"; /* D83D then 'b' */
    nps_error err;
    unsigned long long bad = 0;
    char *out = decode_pieces(NPS_DETECTED_UTF16LE, in, sizeof in - 1, NULL, 0, &err, &bad);
    CHECK_INT(err, NPS_ERR_ENCODING);
    CHECK_INT(bad, 6); /* the surrogate's offset in the file */
    free(out);
    /* cut short inside a pair at the end of the file */
    out = decode_pieces(NPS_DETECTED_UTF16LE, in, 8, NULL, 0, &err, &bad);
    CHECK_INT(err, NPS_ERR_ENCODING);
    free(out);
}

UNIT_MAIN()
