/*
 * encoding.c — see encoding.h.
 *
 * Sections: the UTF-8 scanner (byte by byte, after a check of whole chunks
 * 32 bytes at a time where the CPU has AVX2), the split of a file for two
 * threads (counted, or guessed from two small windows), detection, and the
 * decoder (UTF-8 passes through without a copy; CP932 and UTF-16 through
 * iconv).
 *
 * Invariants: a scanner's `pending` holds the first bytes of a sequence cut
 * by a chunk boundary (at most 3); a decoder's `carry` likewise holds at most
 * one incomplete CP932 character (≤ 2 bytes), UTF-16 pair (≤ 3 bytes) or
 * UTF-8 sequence (≤ 3 bytes)
 * between calls. The decoder's output buffer only grows.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "base/alloc.h"
#include "read/encoding.h"
#include "base/text.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_AVX2_PATH 1
#endif

void nps_utf8_scanner_init(nps_utf8_scanner *s)
{
    memset(s, 0, sizeof *s);
    s->line = 1;
}

/* Expected length of a sequence from its lead byte; 0 = invalid lead. */
static size_t lead_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    if (c >= 0xE0 && c <= 0xEF)
        return 3;
    if (c >= 0xF0 && c <= 0xF4)
        return 4;
    return 0;
}

static void mark_invalid(nps_utf8_scanner *s)
{
    if (!s->invalid_line)
        s->invalid_line = s->line;
}

/* Validate one complete sequence. */
static void check_sequence(nps_utf8_scanner *s, const unsigned char *seq, size_t n)
{
    if (!nps_utf8_valid((const char *)seq, n))
        mark_invalid(s);
}

/* ---------- 32 bytes at a time ----------
 *
 * On x86-64 CPUs with AVX2, the scanner first checks as much of a chunk as
 * ends on a whole sequence with the "lookup" algorithm of Keiser and
 * Lemire ("Validating UTF-8 in less than one instruction per byte", 2021;
 * as in simdjson): three 16-entry tables indexed by the high and low
 * nibble of each byte's predecessor and the high nibble of the byte itself
 * flag every invalid pair of adjacent bytes (too short, too long, overlong,
 * surrogate, past U+10FFFF, two continuations), and a check of the bytes
 * two and three back finds the continuations that 3- and 4-byte sequences
 * need. Line ends are counted in the same pass. A chunk found valid costs
 * no more; one that is not is scanned again byte by byte, the one way that
 * knows the line of the first invalid byte, so results never depend on
 * the path. */

#ifdef HAVE_AVX2_PATH
#define AVX2 __attribute__((target("avx2")))

/* Bytes of `in` shifted up by n (1–3), the gap filled from the end of `prev`. */
#define PREV_BYTES(in, prev, n) _mm256_alignr_epi8((in), _mm256_permute2x128_si256((prev), (in), 0x21), 16 - (n))

#define TOO_SHORT (1 << 0)   /* 11______ 0_______ or 11______ 11______ */
#define TOO_LONG (1 << 1)    /* 0_______ 10______ */
#define OVERLONG_3 (1 << 2)  /* 11100000 100_____ */
#define TOO_LARGE (1 << 3)   /* 11110100 1001____ and above */
#define SURROGATE (1 << 4)   /* 11101101 101_____ */
#define OVERLONG_2 (1 << 5)  /* 1100000_ 10______ */
#define TOO_LARGE_1000 (1 << 6) /* 11110101 1000____ and above */
#define OVERLONG_4 (1 << 6)  /* 11110000 1000____ */
#define TWO_CONTS (1 << 7)   /* 10______ 10______ */
#define CARRY (TOO_SHORT | TOO_LONG | TWO_CONTS)

AVX2 static __m256i table16(__m256i index, int t0, int t1, int t2, int t3, int t4, int t5, int t6, int t7,
                            int t8, int t9, int t10, int t11, int t12, int t13, int t14, int t15)
{
    const __m128i t = _mm_setr_epi8((char)t0, (char)t1, (char)t2, (char)t3, (char)t4, (char)t5, (char)t6,
                                    (char)t7, (char)t8, (char)t9, (char)t10, (char)t11, (char)t12, (char)t13,
                                    (char)t14, (char)t15);
    return _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(t), index);
}

AVX2 static __m256i high_nibbles(__m256i v)
{
    return _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(0x0F));
}

/* Nonzero bytes where `in` (after `prev`) breaks UTF-8. */
AVX2 static __m256i block_errors(__m256i in, __m256i prev)
{
    __m256i prev1 = PREV_BYTES(in, prev, 1);
    __m256i byte_1_high = table16(high_nibbles(prev1), TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
                                  TOO_LONG, TOO_LONG, TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
                                  TOO_SHORT | OVERLONG_2, TOO_SHORT, TOO_SHORT | OVERLONG_3 | SURROGATE,
                                  (TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4));
    __m256i byte_1_low = table16(_mm256_and_si256(prev1, _mm256_set1_epi8(0x0F)),
                                 (CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4), (CARRY | OVERLONG_2),
                                 CARRY, CARRY, (CARRY | TOO_LARGE),
                                 (CARRY | TOO_LARGE | TOO_LARGE_1000), (CARRY | TOO_LARGE | TOO_LARGE_1000),
                                 (CARRY | TOO_LARGE | TOO_LARGE_1000), (CARRY | TOO_LARGE | TOO_LARGE_1000),
                                 (CARRY | TOO_LARGE | TOO_LARGE_1000), (CARRY | TOO_LARGE | TOO_LARGE_1000),
                                 (CARRY | TOO_LARGE | TOO_LARGE_1000), (CARRY | TOO_LARGE | TOO_LARGE_1000),
                                 (CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE),
                                 (CARRY | TOO_LARGE | TOO_LARGE_1000), (CARRY | TOO_LARGE | TOO_LARGE_1000));
    __m256i byte_2_high = table16(high_nibbles(in), TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
                                  TOO_SHORT, TOO_SHORT,
                                  (TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4),
                                  (TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE),
                                  (TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE),
                                  (TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE), TOO_SHORT,
                                  TOO_SHORT, TOO_SHORT, TOO_SHORT);
    __m256i special = _mm256_and_si256(_mm256_and_si256(byte_1_high, byte_1_low), byte_2_high);
    /* 3rd and 4th bytes of a sequence: 111_____ two back, 1111____ three back */
    __m256i third = _mm256_subs_epu8(PREV_BYTES(in, prev, 2), _mm256_set1_epi8((char)(0xE0 - 0x80)));
    __m256i fourth = _mm256_subs_epu8(PREV_BYTES(in, prev, 3), _mm256_set1_epi8((char)(0xF0 - 0x80)));
    __m256i must_be_cont = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
    return _mm256_xor_si256(must_be_cont, special);
}

/* Nonzero if the block ends inside a sequence. */
AVX2 static __m256i block_incomplete(__m256i in)
{
    const __m256i max = _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                         -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, (char)(0xF0 - 1),
                                         (char)(0xE0 - 1), (char)(0xC0 - 1));
    return _mm256_subs_epu8(in, max);
}

/* Whether p[0..n) is valid UTF-8 on its own; *newlines receives its count
 * of '\n' (meaningful only when valid). */
AVX2 static bool valid_avx2(const unsigned char *p, size_t n, long *newlines)
{
    __m256i prev = _mm256_setzero_si256(), error = _mm256_setzero_si256(), incomplete = _mm256_setzero_si256();
    const __m256i nl = _mm256_set1_epi8('\n');
    unsigned char last[32];
    long lines = 0;
    for (size_t i = 0; i < n; i += 32) {
        __m256i in;
        if (n - i >= 32) {
            in = _mm256_loadu_si256((const __m256i *)(p + i));
        } else { /* the tail, padded with NUL (ASCII) */
            memset(last, 0, sizeof last);
            memcpy(last, p + i, n - i);
            in = _mm256_loadu_si256((const __m256i *)last);
        }
        lines += __builtin_popcount((unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(in, nl)));
        if (_mm256_movemask_epi8(in) == 0) { /* ASCII: only a sequence cut before it can be wrong */
            error = _mm256_or_si256(error, incomplete);
        } else {
            error = _mm256_or_si256(error, block_errors(in, prev));
            incomplete = block_incomplete(in);
        }
        prev = in;
    }
    error = _mm256_or_si256(error, incomplete);
    *newlines = lines;
    return _mm256_testz_si256(error, error);
}
#endif

/* The end of the part of p[i..n) that holds whole sequences only: n, or
 * the lead byte of a sequence cut by the end (then at most 3 bytes short). */
static size_t whole_sequences_end(const unsigned char *p, size_t i, size_t n);

/* Check p[i..n) at once if the CPU can (see above): on success the line
 * count is brought forward and the index to go on from (byte by byte, for
 * a sequence cut by the end of the chunk) returned; else `i`. */
static size_t fast_forward(nps_utf8_scanner *s, const unsigned char *p, size_t i, size_t n)
{
#ifdef HAVE_AVX2_PATH
    size_t end;
    long lines;
    /* (asked every time: cheap, and no cache shared between threads) */
    if (!__builtin_cpu_supports("avx2") || s->invalid_line || n - i < 64)
        return i;
    end = whole_sequences_end(p, i, n);
    if (valid_avx2(p + i, end - i, &lines)) {
        s->line += lines;
        return end;
    }
#else
    (void)s;
    (void)p;
    (void)n;
#endif
    return i;
}

void nps_utf8_scanner_feed(nps_utf8_scanner *s, const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n && s->n_pending > 0) { /* complete a sequence cut last time */
        size_t need = lead_len(s->pending[0]);
        if ((p[i] & 0xC0) != 0x80) {
            mark_invalid(s);
            s->n_pending = 0;
            break;
        }
        s->pending[s->n_pending++] = p[i++];
        if (s->n_pending == need) {
            check_sequence(s, s->pending, need);
            s->n_pending = 0;
        }
    }
    if (s->n_pending == 0)
        i = fast_forward(s, p, i, n);
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            if (c == '\n')
                s->line++;
            i++;
            /* ASCII runs 8 bytes at a time, line ends counted exactly
             * (bytes equal to '\n' found without carries between bytes) */
            for (uint64_t w; i + 8 <= n && (memcpy(&w, p + i, 8), (w & 0x8080808080808080u) == 0); i += 8) {
                uint64_t t = w ^ 0x0A0A0A0A0A0A0A0Au;
                uint64_t nl = ~(((t & 0x7F7F7F7F7F7F7F7Fu) + 0x7F7F7F7F7F7F7F7Fu) | t) & 0x8080808080808080u;
                for (; nl; nl &= nl - 1)
                    s->line++;
            }
            continue;
        }
        /* The common case, a whole 3-byte sequence (kana, kanji): checked
         * here inline (RFC 3629: E0 needs A0–BF, ED 80–9F next). */
        if (c >= 0xE1 && c != 0xED && c <= 0xEF && i + 2 < n && (p[i + 1] & 0xC0) == 0x80
            && (p[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        size_t len = lead_len(c), k = 1;
        if (len == 0) {
            mark_invalid(s);
            i++;
            continue;
        }
        while (k < len && i + k < n && (p[i + k] & 0xC0) == 0x80)
            k++;
        if (k < len && i + k < n) { /* cut short by a non-continuation byte: */
            mark_invalid(s);        /* resume at that byte (it may be '\n') */
            i += k;
            continue;
        }
        if (i + len > n) { /* cut by the chunk boundary */
            memcpy(s->pending, p + i, n - i);
            s->n_pending = n - i;
            return;
        }
        check_sequence(s, p + i, len);
        i += len;
    }
}

static size_t whole_sequences_end(const unsigned char *p, size_t i, size_t n)
{
    size_t k = n, len;
    while (k > i && n - k < 3 && (p[k - 1] & 0xC0) == 0x80)
        k--;
    if (k == i || p[k - 1] < 0xC0)
        return n;
    len = lead_len(p[k - 1]);
    return len > n - (k - 1) ? k - 1 : n;
}

void nps_utf8_scanner_finish(nps_utf8_scanner *s)
{
    if (s->n_pending)
        mark_invalid(s);
    s->n_pending = 0;
}

/* Looking for the split point (see nps_find_split): `quotes` counts '"'
 * before `offset`, the file offset of the chunk being looked at. */
typedef struct splitter {
    unsigned long long target, offset;
    unsigned long quotes;
    bool done;
} splitter;

/* Look at one chunk p[0..n) whose first byte is on line `line`. */
static void splitter_feed(splitter *sp, const unsigned char *p, size_t n, long line,
                          unsigned long long *split_offset, long *split_line)
{
    size_t i = 0;
    if (sp->done)
        return;
    if (sp->offset + n <= sp->target) { /* before the middle: count quotes only */
        const unsigned char *q = p, *end = p + n;
        while ((q = memchr(q, '"', (size_t)(end - q))) != NULL) {
            sp->quotes++;
            q++;
        }
        sp->offset += n;
        return;
    }
    for (i = 0; i < n; i++) {
        line += p[i] == '\n';
        if (p[i] == '"')
            sp->quotes++;
        else if (p[i] == '\n' && sp->offset + i >= sp->target && sp->quotes % 2 == 0 && i + 1 < n) {
            *split_offset = sp->offset + i + 1;
            *split_line = line;
            sp->done = true;
            return;
        }
    }
    sp->offset += n;
}

bool nps_find_split(int fd, unsigned long long size, unsigned long long *offset, long *line)
{
    unsigned char buf[65536];
    splitter sp = {size / 2, 0, 0, false};
    long at = 1;
    *offset = 0;
    *line = 0;
    while (!sp.done && sp.offset < size) {
        ssize_t n = pread(fd, buf, sizeof buf, (off_t)sp.offset);
        const unsigned char *q = buf, *end;
        if (n <= 0)
            return false;
        splitter_feed(&sp, buf, (size_t)n, at, offset, line);
        for (end = buf + n; (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
            at++;
    }
    return sp.done && *offset < size;
}

/* ---------- guessing the split ----------
 *
 * nps_guess_split looks at two windows of the file only: its start, for
 * the shape of the first data record (its first cell and delimiter, runs
 * of digits standing for any run of digits: "2023/10/01 9:00:00,"), and
 * GUESS_WINDOW bytes from the middle, for the first line that starts with
 * that shape. */

#define GUESS_WINDOW ((size_t)1 << 16)
#define SHAPE_MAX 64

typedef struct record_shape {
    unsigned char b[SHAPE_MAX];
    size_t n;
} record_shape;

static size_t digit_run(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n && p[i] >= '0' && p[i] <= '9')
        i++;
    return i;
}

/* Whether p[0..n) starts with shape `s`. */
static bool has_shape(const record_shape *s, const unsigned char *p, size_t n)
{
    size_t i = 0, j = 0;
    while (i < s->n) {
        size_t a = digit_run(s->b + i, s->n - i), b;
        if (a) {
            if ((b = digit_run(p + j, n - j)) == 0)
                return false;
            i += a;
            j += b;
        } else if (j < n && p[j] == s->b[i]) {
            i++;
            j++;
        } else {
            return false;
        }
    }
    return true;
}

/* The shape of the first record after the header in p[0..n) (the file's
 * start); false if the header does not end there or the record's first
 * cell is not followed by a ',' within SHAPE_MAX bytes. */
static bool first_record_shape(const unsigned char *p, size_t n, record_shape *s)
{
    size_t i = n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    unsigned long quotes = 0;
    for (; i < n && !(p[i] == '\n' && quotes % 2 == 0); i++)
        quotes += p[i] == '"';
    s->n = 0;
    for (i++; i < n && s->n < SHAPE_MAX; i++) {
        if (p[i] == '\n' || p[i] == '\r')
            return false;
        s->b[s->n++] = p[i];
        if (p[i] == ',')
            return s->n >= 2;
    }
    return false;
}

bool nps_guess_split(int fd, unsigned long long size, unsigned long long *offset)
{
    unsigned char buf[GUESS_WINDOW];
    unsigned long long from = size / 2;
    record_shape shape;
    ssize_t n = pread(fd, buf, sizeof buf, 0);
    *offset = 0;
    if (n <= 0 || !first_record_shape(buf, (size_t)n, &shape))
        return false;
    n = pread(fd, buf, sizeof buf, (off_t)from);
    for (const unsigned char *nl = buf, *end = buf + (n > 0 ? n : 0);
         (nl = memchr(nl, '\n', (size_t)(end - nl))) != NULL; nl++)
        if (has_shape(&shape, nl + 1, (size_t)(end - nl - 1))) {
            *offset = from + (unsigned long long)(nl + 1 - buf);
            return *offset < size;
        }
    return false;
}

nps_error nps_encoding_detect(FILE *f, nps_detection *out)
{
    unsigned char buf[65536];
    nps_utf8_scanner sc;
    size_t n;
    bool first = true;
    memset(out, 0, sizeof *out);
    nps_utf8_scanner_init(&sc);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        const unsigned char *p = buf;
        if (first && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
            out->encoding = NPS_DETECTED_UTF8_BOM;
            p += 3;
            n -= 3;
        } else if (first && n >= 2 && (memcmp(buf, "\xFF\xFE", 2) == 0 || memcmp(buf, "\xFE\xFF", 2) == 0)) {
            out->encoding = buf[0] == 0xFF ? NPS_DETECTED_UTF16LE : NPS_DETECTED_UTF16BE;
            p += 2;
            n -= 2;
        }
        first = false;
        if (out->encoding == NPS_DETECTED_UTF16LE || out->encoding == NPS_DETECTED_UTF16BE) {
            out->bytes += n; /* validity is iconv's to find */
            continue;
        }
        if (!out->nul_line && memchr(p, '\0', n)) {
            const unsigned char *z = memchr(p, '\0', n);
            long line = sc.line;
            for (const unsigned char *q = p; q < z; q++)
                line += *q == '\n';
            out->nul_line = line;
        }
        nps_utf8_scanner_feed(&sc, p, n);
        out->bytes += n;
    }
    if (ferror(f))
        return NPS_ERR_IO;
    nps_utf8_scanner_finish(&sc);
    out->first_invalid_utf8_line = sc.invalid_line;
    if (out->encoding == NPS_DETECTED_UTF8)
        out->encoding = sc.invalid_line ? NPS_DETECTED_CP932 : NPS_DETECTED_UTF8;
    rewind(f);
    return NPS_OK;
}

struct nps_decoder {
    nps_detected encoding;
    iconv_t cd;
    bool bom_checked;
    char carry[8];
    size_t n_carry;
    char *out;
    size_t out_cap;
    unsigned long long consumed;
};

nps_error nps_decoder_new(nps_detected encoding, nps_decoder **out)
{
    nps_decoder *d = nps_calloc(1, sizeof *d);
    if (!d)
        return NPS_ERR_NOMEM;
    d->encoding = encoding;
    d->cd = (iconv_t)-1;
    if (encoding == NPS_DETECTED_CP932 || encoding == NPS_DETECTED_UTF16LE || encoding == NPS_DETECTED_UTF16BE) {
        d->cd = iconv_open("UTF-8", encoding == NPS_DETECTED_CP932    ? "CP932"
                                    : encoding == NPS_DETECTED_UTF16LE ? "UTF-16LE"
                                                                       : "UTF-16BE");
        if (d->cd == (iconv_t)-1) {
            nps_free(d);
            return NPS_ERR_ENCODING;
        }
    }
    *out = d;
    return NPS_OK;
}

static nps_error ensure_out(nps_decoder *d, size_t need)
{
    if (need <= d->out_cap)
        return NPS_OK;
    size_t cap = d->out_cap ? d->out_cap : 65536;
    while (cap < need)
        cap *= 2;
    char *n = nps_realloc(d->out, cap);
    if (!n)
        return NPS_ERR_NOMEM;
    d->out = n;
    d->out_cap = cap;
    return NPS_OK;
}

/* Convert carry + in through iconv into d->out. */
static nps_error convert_iconv(nps_decoder *d, const char *in, size_t n, bool last,
                               size_t *produced, unsigned long long *bad_offset)
{
    /* CP932 or UTF-16 → UTF-8 at most triples the size; carry is tiny. */
    size_t total = d->n_carry + n;
    nps_error err = ensure_out(d, total * 3 + 16);
    char *src = NULL;
    if (err != NPS_OK)
        return err;
    src = nps_malloc(total ? total : 1);
    if (!src)
        return NPS_ERR_NOMEM;
    memcpy(src, d->carry, d->n_carry);
    memcpy(src + d->n_carry, in, n);
    char *ip = src, *op = d->out;
    size_t il = total, ol = d->out_cap;
    unsigned long long base = d->consumed - d->n_carry;
    size_t rc = iconv(d->cd, &ip, &il, &op, &ol);
    *produced = (size_t)(op - d->out);
    d->n_carry = 0;
    if (rc == (size_t)-1 && errno == EINVAL && !last && il <= sizeof d->carry) {
        memcpy(d->carry, ip, il); /* an incomplete character at the end */
        d->n_carry = il;
    } else if (rc == (size_t)-1) {
        *bad_offset = base + (unsigned long long)(ip - src);
        err = errno == E2BIG ? NPS_ERR_NOMEM : NPS_ERR_ENCODING;
    }
    d->consumed += n;
    nps_free(src);
    return err;
}

nps_error nps_decoder_convert(nps_decoder *d, const char *in, size_t n, bool last,
                              const char **out, size_t *out_len, unsigned long long *bad_offset)
{
    size_t produced = 0;
    nps_error err = NPS_OK;
    if (!d->bom_checked && d->encoding == NPS_DETECTED_UTF8_BOM) {
        /* the BOM is at the start of the first chunk (the reader reads ≥ 3 bytes) */
        if (n >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0) {
            in += 3;
            n -= 3;
            d->consumed += 3;
        }
    }
    if (!d->bom_checked && (d->encoding == NPS_DETECTED_UTF16LE || d->encoding == NPS_DETECTED_UTF16BE)
        && n >= 2 && ((unsigned char)in[0] ^ (unsigned char)in[1]) == 0x01 && ((unsigned char)in[0] & 0xFE) == 0xFE) {
        in += 2; /* FF FE or FE FF */
        n -= 2;
        d->consumed += 2;
    }
    d->bom_checked = true;
    if (d->cd != (iconv_t)-1) {
        err = convert_iconv(d, in, n, last, &produced, bad_offset);
    } else {
        /* UTF-8 was validated by detection: pass through, without a copy. */
        d->consumed += n;
        *out = in;
        *out_len = n;
        return NPS_OK;
    }
    *out = d->out;
    *out_len = produced;
    return err;
}

void nps_decoder_free(nps_decoder *d)
{
    if (!d)
        return;
    if (d->cd != (iconv_t)-1)
        iconv_close(d->cd);
    nps_free(d->out);
    nps_free(d);
}
