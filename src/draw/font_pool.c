/*
 * font_pool.c — pooled face sets, one thread at a time each (see
 * font_pool.h for why).
 *
 * A set is built in three steps: FcConfigCreate() gives an empty
 * configuration (no system fonts.conf, no directories, no substitution
 * rules); the two Noto Sans CJK collections are scanned into it as
 * application fonts; then every pattern of that font set gets the FT_Face
 * of its (file, index), opened on the set's own FT_Library. Cairo's
 * cairo_ft_font_face_create_for_pattern() uses a pattern's FC_FT_FACE when
 * there is one, instead of looking the file up in its process-wide table.
 *
 * Invariants: `pool` and every set's `busy` change only under pool_lock; a
 * set in the pool is fully loaded; nothing of a set is freed once it is in
 * the pool, except the pool's references on the configurations at exit
 * (pool_at_exit).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <fontconfig/fontconfig.h>
#include <fontconfig/fcfreetype.h>
#include "draw/font_pool.h"

struct nps_face_set {
    char *dir;          /* owned */
    FcConfig *config;   /* owned reference */
    FT_Library library; /* owned; used by the holder's thread only */
    FT_Face *faces;     /* owned, one per pattern of the application font set */
    int n_faces;
    bool busy;
    nps_face_set *next;
};

static const char *const font_files[] = {
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJK-Bold.ttc",
};

static GMutex pool_lock;
static nps_face_set *pool;
static GOnce fontconfig_once = G_ONCE_INIT;

/* Fontconfig's process-wide configuration, loaded once before any set or
 * font map exists. Pango 1.50 loads it on a thread of its own ("[pango]
 * FcInit") when the first font map is made; left to that, the parse races
 * the sets other threads are scanning meanwhile, a race other projects have
 * seen crash (docs/determinism.md, "Fontconfig's first load"). Loaded here
 * first, pango's FcInit() finds it and returns at once. */
static gpointer load_fontconfig(gpointer unused)
{
    (void)unused;
    return GINT_TO_POINTER(FcInit() ? 1 : 0);
}

/* Add dir/name to the configuration as an application font. */
static nps_error add_font_file(FcConfig *config, const char *dir, const char *name)
{
    char *path = g_strdup_printf("%s/%s", dir, name);
    nps_error err = NPS_OK;

    if (!path)
        return NPS_ERR_NOMEM;
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR) || !FcConfigAppFontAddFile(config, (const FcChar8 *)path))
        err = NPS_ERR_IO;
    g_free(path);
    return err;
}

/* Open the face each application pattern describes and record it in the
 * pattern as FC_FT_FACE. */
static nps_error attach_faces(nps_face_set *set)
{
    FcFontSet *fonts = FcConfigGetFonts(set->config, FcSetApplication);

    if (!fonts || fonts->nfont == 0)
        return NPS_ERR_IO;
    if (FT_Init_FreeType(&set->library) != 0) {
        set->library = NULL;
        return NPS_ERR_NOMEM;
    }
    set->faces = g_try_new0(FT_Face, fonts->nfont);
    if (!set->faces)
        return NPS_ERR_NOMEM;
    for (int i = 0; i < fonts->nfont; i++) {
        FcChar8 *file = NULL;
        int index = 0;
        if (FcPatternGetString(fonts->fonts[i], FC_FILE, 0, &file) != FcResultMatch
            || FcPatternGetInteger(fonts->fonts[i], FC_INDEX, 0, &index) != FcResultMatch)
            return NPS_ERR_IO;
        if (FT_New_Face(set->library, (const char *)file, index, &set->faces[i]) != 0)
            return NPS_ERR_IO;
        set->n_faces = i + 1;
        if (!FcPatternAddFTFace(fonts->fonts[i], FC_FT_FACE, set->faces[i]))
            return NPS_ERR_NOMEM;
    }
    return NPS_OK;
}

/* Free a set that never reached the pool (no cairo object has seen it). */
static void free_unpooled(nps_face_set *set)
{
    if (!set)
        return;
    if (set->config)
        FcConfigDestroy(set->config); /* drops the patterns before the faces */
    for (int i = 0; i < set->n_faces; i++)
        FT_Done_Face(set->faces[i]);
    g_free(set->faces);
    if (set->library)
        FT_Done_FreeType(set->library);
    g_free(set->dir);
    g_free(set);
}

static nps_error load_set(const char *dir, nps_face_set **out)
{
    nps_face_set *set = g_try_new0(nps_face_set, 1);
    nps_error err = NPS_OK;

    *out = NULL;
    if (!set || !(set->dir = g_strdup(dir)) || !(set->config = FcConfigCreate())) {
        err = NPS_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t i = 0; err == NPS_OK && i < sizeof font_files / sizeof font_files[0]; i++)
        err = add_font_file(set->config, dir, font_files[i]);
    if (err == NPS_OK)
        err = attach_faces(set);
    if (err == NPS_OK) {
        *out = set;
        set = NULL;
    }

cleanup:
    free_unpooled(set);
    return err;
}

/* A free pooled set for `dir`, marked busy; NULL when there is none. */
static nps_face_set *take_pooled(const char *dir)
{
    nps_face_set *found = NULL;

    g_mutex_lock(&pool_lock);
    for (nps_face_set *s = pool; s && !found; s = s->next)
        if (!s->busy && strcmp(s->dir, dir) == 0)
            found = s;
    if (found)
        found->busy = true;
    g_mutex_unlock(&pool_lock);
    return found;
}

/* At exit the pool drops its reference on every set's configuration, so
 * that its patterns and character sets (which fontconfig links by offsets
 * that leak checkers cannot follow) are freed once no font map holds them
 * either: a font map keeps its own reference (pango_fc_font_map_set_config)
 * until it is freed. The FreeType faces stay: cairo's caches still name
 * them. No set is handed out after this. */
static void pool_at_exit(void)
{
    g_mutex_lock(&pool_lock);
    for (nps_face_set *s = pool; s; s = s->next)
        if (s->config) {
            FcConfigDestroy(s->config);
            s->config = NULL;
            s->busy = true;
        }
    g_mutex_unlock(&pool_lock);
}

/* Put a loaded set, held, into the pool; the first one registers
 * pool_at_exit. */
static void pool_add(nps_face_set *set)
{
    set->busy = true;
    g_mutex_lock(&pool_lock);
    if (!pool)
        atexit(pool_at_exit);
    set->next = pool;
    pool = set;
    g_mutex_unlock(&pool_lock);
}

nps_error nps_face_set_acquire(const char *dir, nps_face_set **out)
{
    nps_face_set *set;
    nps_error err;

    *out = NULL;
    g_once(&fontconfig_once, load_fontconfig, NULL); /* no system font is used: a failure is no error */
    set = take_pooled(dir);
    if (!set) {
        if ((err = load_set(dir, &set)) != NPS_OK)
            return err;
        pool_add(set);
    }
    *out = set;
    return NPS_OK;
}

FcConfig *nps_face_set_config(const nps_face_set *set)
{
    return set->config;
}

const char *nps_face_set_dir(const nps_face_set *set)
{
    return set->dir;
}

void nps_face_set_release(nps_face_set *set, bool reusable)
{
    if (!set || !reusable)
        return;
    g_mutex_lock(&pool_lock);
    set->busy = false;
    g_mutex_unlock(&pool_lock);
}
