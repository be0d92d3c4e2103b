/*
 * test_png_write.c — nps_png_write: RGB for opaque images (ARGB32 whose
 * every alpha is 255, and RGB24 whatever its padding byte holds), RGBA with
 * un-premultiplied colours otherwise; pixels survive a round trip through
 * cairo's own PNG reader; the same surface gives the same bytes; bad
 * surfaces are usage errors and unwritable paths I/O errors that leave no
 * file behind.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>
#include <cairo.h>
#include "draw/png_write.h"
#include "unit.h"

/* ---- helpers -------------------------------------------------------- */

static char tmpdir[64];

static void remove_tmpdir(void)
{
    DIR *d = opendir(tmpdir);
    struct dirent *e;
    char path[512];

    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(path, sizeof path, "%s/%s", tmpdir, e->d_name);
        if (remove(path) != 0) {
            /* one level of subfolders at most */
            DIR *sub = opendir(path);
            struct dirent *s;
            char inner[768];
            while (sub && (s = readdir(sub)) != NULL) {
                if (!strcmp(s->d_name, ".") || !strcmp(s->d_name, ".."))
                    continue;
                snprintf(inner, sizeof inner, "%s/%s", path, s->d_name);
                remove(inner);
            }
            if (sub)
                closedir(sub);
            remove(path);
        }
    }
    closedir(d);
    rmdir(tmpdir);
}

/* A fresh private folder under /tmp, removed at exit. */
static const char *tmp(void)
{
    if (!tmpdir[0]) {
        strcpy(tmpdir, "/tmp/nps-png-XXXXXX");
        if (!mkdtemp(tmpdir)) {
            perror("mkdtemp");
            exit(1);
        }
        atexit(remove_tmpdir);
    }
    return tmpdir;
}

static void tmp_path(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", tmp(), name);
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

typedef struct ihdr {
    bool ok;
    uint32_t width, height;
    int bit_depth, colour_type;
} ihdr;

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The IHDR chunk, which must come right after the signature. */
static ihdr read_ihdr(const char *path)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    ihdr h = {false, 0, 0, 0, 0};
    size_t len;
    unsigned char *b = unit_slurp(path, &len);

    if (b && len >= 33 && !memcmp(b, sig, 8) && be32(b + 8) == 13 && !memcmp(b + 12, "IHDR", 4)) {
        h.ok = true;
        h.width = be32(b + 16);
        h.height = be32(b + 20);
        h.bit_depth = b[24];
        h.colour_type = b[25];
    }
    free(b);
    return h;
}

static uint32_t *pixel(cairo_surface_t *s, int x, int y)
{
    unsigned char *data = cairo_image_surface_get_data(s);
    return (uint32_t *)(void *)(data + (size_t)y * (size_t)cairo_image_surface_get_stride(s)) + x;
}

/* Set raw (premultiplied) pixel words of an image surface. */
static void put(cairo_surface_t *s, int x, int y, uint32_t argb)
{
    cairo_surface_flush(s);
    *pixel(s, x, y) = argb;
    cairo_surface_mark_dirty(s);
}

static int channel(uint32_t v, int shift)
{
    return (int)((v >> shift) & 0xFF);
}

/* Number of pixels of `got` differing from `want` by more than tol in a
 * channel; the alpha channel is compared only when with_alpha. */
static int count_mismatches(cairo_surface_t *want, cairo_surface_t *got, int tol, bool with_alpha)
{
    int bad = 0, w = cairo_image_surface_get_width(want), h = cairo_image_surface_get_height(want);
    cairo_surface_flush(want);
    cairo_surface_flush(got);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t a = *pixel(want, x, y), b = *pixel(got, x, y);
            for (int sh = 0; sh < (with_alpha ? 32 : 24); sh += 8)
                if (abs(channel(a, sh) - channel(b, sh)) > tol) {
                    if (bad < 5)
                        fprintf(stderr, "pixel (%d,%d): wrote %08x, read %08x\n", x, y, (unsigned)a,
                                (unsigned)b);
                    bad++;
                    break;
                }
        }
    return bad;
}

/* A 13×9 opaque picture: four painted colour blocks and a diagonal line
 * (antialiased against opaque colours, so still opaque). */
static cairo_surface_t *opaque_picture(cairo_format_t format)
{
    cairo_surface_t *s = cairo_image_surface_create(format, 13, 9);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.8, 0.1, 0.2);
    cairo_rectangle(cr, 0, 0, 6, 4);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.0, 0.45, 0.9);
    cairo_rectangle(cr, 6, 0, 7, 4);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.2, 0.7, 0.3);
    cairo_rectangle(cr, 0, 4, 13, 5);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 1.3);
    cairo_move_to(cr, 0.5, 8.5);
    cairo_line_to(cr, 12.5, 0.5);
    cairo_stroke(cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

/* ---- tests ---------------------------------------------------------- */

TEST(opaque_argb32_is_rgb_and_round_trips_exactly)
{
    char path[256];
    cairo_surface_t *s = opaque_picture(CAIRO_FORMAT_ARGB32), *back;
    int distinct = 0;
    uint32_t first = *pixel(s, 0, 0);

    /* the picture really has several colours, and every alpha is 255 */
    for (int y = 0; y < 9; y++)
        for (int x = 0; x < 13; x++) {
            distinct += *pixel(s, x, y) != first;
            CHECK_INT(*pixel(s, x, y) >> 24, 0xFF);
        }
    CHECK(distinct > 20);

    tmp_path(path, sizeof path, "opaque.png");
    CHECK_INT(nps_png_write(s, path), NPS_OK);
    ihdr h = read_ihdr(path);
    CHECK(h.ok);
    CHECK_INT(h.width, 13);
    CHECK_INT(h.height, 9);
    CHECK_INT(h.bit_depth, 8);
    CHECK_INT(h.colour_type, 2); /* RGB */

    back = cairo_image_surface_create_from_png(path);
    CHECK_INT(cairo_surface_status(back), CAIRO_STATUS_SUCCESS);
    CHECK_INT(cairo_image_surface_get_format(back), CAIRO_FORMAT_RGB24);
    CHECK_INT(cairo_image_surface_get_width(back), 13);
    CHECK_INT(cairo_image_surface_get_height(back), 9);
    if (cairo_surface_status(back) == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_width(back) == 13 &&
        cairo_image_surface_get_height(back) == 9)
        CHECK_INT(count_mismatches(s, back, 0, false), 0);
    cairo_surface_destroy(back);
    cairo_surface_destroy(s);
}

TEST(translucent_pixels_give_rgba_unpremultiplied)
{
    /* premultiplied ARGB words: colour channels never exceed alpha */
    static const uint32_t words[] = {
        0xFFFF0000, 0x80800000, 0x80004000, 0x80000080, 0x40202020, 0x01010000,
        0x00000000, 0xC0604020, 0x7F7F7F7F, 0x10080402, 0xFE112233, 0x33333333,
    };
    const int n = (int)(sizeof words / sizeof words[0]);
    char path[256];
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, n, 2), *back;

    for (int x = 0; x < n; x++) {
        put(s, x, 0, words[x]);
        put(s, x, 1, 0xFF000000u | (uint32_t)(x * 20) << 16 | 0x00AA55u); /* opaque row */
    }
    tmp_path(path, sizeof path, "translucent.png");
    CHECK_INT(nps_png_write(s, path), NPS_OK);
    ihdr h = read_ihdr(path);
    CHECK(h.ok);
    CHECK_INT(h.width, n);
    CHECK_INT(h.height, 2);
    CHECK_INT(h.bit_depth, 8);
    CHECK_INT(h.colour_type, 6); /* RGBA */

    back = cairo_image_surface_create_from_png(path);
    CHECK_INT(cairo_surface_status(back), CAIRO_STATUS_SUCCESS);
    CHECK_INT(cairo_image_surface_get_format(back), CAIRO_FORMAT_ARGB32);
    if (cairo_surface_status(back) == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_width(back) == n &&
        cairo_image_surface_get_height(back) == 2) {
        CHECK_INT(count_mismatches(s, back, 1, true), 0);
        /* alpha is stored as is, and opaque pixels stay exact */
        for (int x = 0; x < n; x++) {
            CHECK_INT(*pixel(back, x, 0) >> 24, words[x] >> 24);
            CHECK_INT(*pixel(back, x, 1), *pixel(s, x, 1));
        }
        CHECK_INT(*pixel(back, 6, 0), 0); /* fully transparent stays 0 */
    }
    cairo_surface_destroy(back);
    cairo_surface_destroy(s);
}

TEST(one_translucent_pixel_anywhere_makes_rgba)
{
    /* The opacity scan must cover the whole image, last pixel included. */
    static const int spots[][2] = {{0, 0}, {12, 0}, {0, 8}, {12, 8}, {6, 4}};
    for (size_t k = 0; k < sizeof spots / sizeof spots[0]; k++) {
        char path[256];
        cairo_surface_t *s = opaque_picture(CAIRO_FORMAT_ARGB32);
        put(s, spots[k][0], spots[k][1], 0xFEFE0000); /* alpha 254 */
        tmp_path(path, sizeof path, "spot.png");
        CHECK_INT(nps_png_write(s, path), NPS_OK);
        ihdr h = read_ihdr(path);
        CHECK(h.ok);
        CHECK_INT(h.colour_type, 6);
        cairo_surface_destroy(s);
    }
}

TEST(padded_stride_is_not_read_as_pixels)
{
    /* A surface over caller memory whose rows are followed by transparent
     * padding: the padding must neither make the image RGBA nor show up. */
    const int w = 5, h = 4, stride = 5 * 4 + 12;
    unsigned char *mem = calloc((size_t)stride * h, 1);
    char path[256];
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            memcpy(mem + y * stride + x * 4, &(uint32_t){0xFF000000u | (uint32_t)(y * 60 + x * 10) << 8 | 0x33u}, 4);
    cairo_surface_t *s = cairo_image_surface_create_for_data(mem, CAIRO_FORMAT_ARGB32, w, h, stride);
    CHECK_INT(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    tmp_path(path, sizeof path, "stride.png");
    CHECK_INT(nps_png_write(s, path), NPS_OK);
    ihdr hd = read_ihdr(path);
    CHECK_INT(hd.colour_type, 2);
    CHECK_INT(hd.width, w);
    cairo_surface_t *back = cairo_image_surface_create_from_png(path);
    CHECK_INT(cairo_surface_status(back), CAIRO_STATUS_SUCCESS);
    if (cairo_surface_status(back) == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_width(back) == w)
        CHECK_INT(count_mismatches(s, back, 0, false), 0);
    cairo_surface_destroy(back);
    cairo_surface_destroy(s);
    free(mem);
}

TEST(rgb24_is_rgb_whatever_its_unused_byte)
{
    char path[256];
    cairo_surface_t *s = opaque_picture(CAIRO_FORMAT_RGB24), *back;
    /* RGB24's top byte is unused: 0 there must not read as transparent */
    put(s, 0, 0, 0x00112233);
    put(s, 3, 2, 0x7F445566);
    tmp_path(path, sizeof path, "rgb24.png");
    CHECK_INT(nps_png_write(s, path), NPS_OK);
    ihdr h = read_ihdr(path);
    CHECK(h.ok);
    CHECK_INT(h.width, 13);
    CHECK_INT(h.height, 9);
    CHECK_INT(h.colour_type, 2);
    back = cairo_image_surface_create_from_png(path);
    CHECK_INT(cairo_surface_status(back), CAIRO_STATUS_SUCCESS);
    if (cairo_surface_status(back) == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_width(back) == 13) {
        CHECK_INT(count_mismatches(s, back, 0, false), 0);
        CHECK_INT(*pixel(back, 0, 0) & 0xFFFFFF, 0x112233);
        CHECK_INT(*pixel(back, 3, 2) & 0xFFFFFF, 0x445566);
    }
    cairo_surface_destroy(back);
    cairo_surface_destroy(s);
}

TEST(same_surface_same_bytes)
{
    char a[256], b[256];
    size_t la, lb, lc;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 64, 40);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgba(cr, 0.2, 0.4, 0.8, 0.5);
    cairo_arc(cr, 32, 20, 15, 0, 6.283185307179586);
    cairo_fill(cr);
    cairo_destroy(cr);

    tmp_path(a, sizeof a, "same-a.png");
    tmp_path(b, sizeof b, "same-b.png");
    /* b first holds a longer file, which the write must replace entirely */
    FILE *f = fopen(b, "wb");
    CHECK(f != NULL);
    for (int i = 0; f && i < 100000; i++)
        fputc('x', f);
    if (f)
        fclose(f);
    CHECK_INT(nps_png_write(s, a), NPS_OK);
    CHECK_INT(nps_png_write(s, b), NPS_OK);
    unsigned char *da = unit_slurp(a, &la), *db = unit_slurp(b, &lb);
    CHECK(da && db);
    CHECK(la > 50 && la < 100000);
    CHECK_INT(lb, la);
    CHECK(da && db && la == lb && memcmp(da, db, la) == 0);
    /* and writing a again gives the same bytes again */
    CHECK_INT(nps_png_write(s, a), NPS_OK);
    unsigned char *dc = unit_slurp(a, &lc);
    CHECK(dc && lc == la && memcmp(da, dc, la) == 0);
    /* no time or text chunks */
    for (size_t i = 0; da && i + 4 <= la; i++) {
        CHECK(memcmp(da + i, "tIME", 4) != 0);
        CHECK(memcmp(da + i, "tEXt", 4) != 0);
    }
    free(da);
    free(db);
    free(dc);
    cairo_surface_destroy(s);
}

TEST(missing_directory_is_io_error_without_file)
{
    char path[300], dir[256];
    cairo_surface_t *s = opaque_picture(CAIRO_FORMAT_ARGB32);
    tmp_path(dir, sizeof dir, "no-such-dir");
    snprintf(path, sizeof path, "%s/x.png", dir);
    CHECK_INT(nps_png_write(s, path), NPS_ERR_IO);
    CHECK(!exists(path));
    CHECK(!exists(dir));
    cairo_surface_destroy(s);
}

TEST(path_under_a_regular_file_is_io_error)
{
    /* ENOTDIR even for root */
    char file[256], path[300];
    cairo_surface_t *s = opaque_picture(CAIRO_FORMAT_ARGB32);
    tmp_path(file, sizeof file, "plain-file");
    FILE *f = fopen(file, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs("not a folder", f);
        fclose(f);
    }
    snprintf(path, sizeof path, "%s/x.png", file);
    CHECK_INT(nps_png_write(s, path), NPS_ERR_IO);
    CHECK(!exists(path));
    /* the regular file is left alone */
    size_t len;
    unsigned char *kept = unit_slurp(file, &len);
    CHECK(kept && len == 12 && memcmp(kept, "not a folder", 12) == 0);
    free(kept);
    if (access("/etc/hostname", F_OK) == 0) {
        CHECK_INT(nps_png_write(s, "/etc/hostname/x.png"), NPS_ERR_IO);
        CHECK(!exists("/etc/hostname/x.png"));
    }
    cairo_surface_destroy(s);
}

TEST(read_only_folder_is_io_error)
{
    /* Root ignores folder permissions: the check only means something for
     * other users. */
    char dir[256], path[300];
    cairo_surface_t *s = opaque_picture(CAIRO_FORMAT_ARGB32);
    if (geteuid() == 0) {
        fprintf(stderr, "read_only_folder_is_io_error: running as root, permission part skipped\n");
        cairo_surface_destroy(s);
        return;
    }
    tmp_path(dir, sizeof dir, "read-only");
    CHECK_INT(mkdir(dir, 0500), 0);
    snprintf(path, sizeof path, "%s/x.png", dir);
    CHECK_INT(nps_png_write(s, path), NPS_ERR_IO);
    CHECK(!exists(path));
    chmod(dir, 0700);
    cairo_surface_destroy(s);
}

TEST(non_image_or_null_is_usage_error)
{
    char path[256];
    cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_surface_t *a8 = cairo_image_surface_create(CAIRO_FORMAT_A8, 8, 8);
    cairo_surface_t *a1 = cairo_image_surface_create(CAIRO_FORMAT_A1, 8, 8);
    cairo_surface_t *empty = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 0, 0);
    cairo_surface_t *ok = opaque_picture(CAIRO_FORMAT_ARGB32);

    tmp_path(path, sizeof path, "usage.png");
    CHECK_INT(nps_png_write(NULL, path), NPS_ERR_USAGE);
    CHECK_INT(nps_png_write(rec, path), NPS_ERR_USAGE);
    CHECK_INT(nps_png_write(a8, path), NPS_ERR_USAGE);
    CHECK_INT(nps_png_write(a1, path), NPS_ERR_USAGE);
    CHECK_INT(nps_png_write(ok, NULL), NPS_ERR_USAGE);
    CHECK(nps_png_write(empty, path) != NPS_OK); /* a PNG cannot be 0×0 */
    CHECK(!exists(path));
    cairo_surface_destroy(rec);
    cairo_surface_destroy(a8);
    cairo_surface_destroy(a1);
    cairo_surface_destroy(empty);
    cairo_surface_destroy(ok);
}

UNIT_MAIN()

/* A path that names a folder, or a device that fails every write, is an
 * I/O error — and the folder or device is still there afterwards (a failed
 * write removes only a regular file it made). */
TEST(failed_write_never_removes_what_the_path_named)
{
    cairo_surface_t *s = opaque_picture(CAIRO_FORMAT_ARGB32);
    char dir[512];
    struct stat st;

    tmp_path(dir, sizeof dir, "folder.png");
    CHECK(mkdir(dir, 0755) == 0);
    CHECK(nps_png_write(s, dir) == NPS_ERR_IO);
    CHECK(stat(dir, &st) == 0 && S_ISDIR(st.st_mode));
    if (stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode)) {
        CHECK(nps_png_write(s, "/dev/full") == NPS_ERR_IO);
        CHECK(stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode));
    }
    rmdir(dir);
    cairo_surface_destroy(s);
}
