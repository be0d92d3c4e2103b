/*
 * font_pool.h — copies of the Noto Sans CJK files, one per thread at work.
 *
 * Why copies: cairo shares a cairo_ft font face, and every scaled font made
 * from it, among all callers that name the same font file. Cairo 1.16 is not
 * safe when two threads draw, measure or release the same scaled font: a
 * report written with two threads aborted in cairo_scaled_font_destroy
 * ("Assertion `! scaled_font->cache_frozen' failed"; docs/determinism.md). A face set here is a private FcConfig
 * whose patterns carry their own FreeType faces (FC_FT_FACE), so cairo keys
 * its font faces — and so its scaled fonts and glyph caches — on faces that
 * belong to this set alone. A set is held by one nps_fonts handle, and so by
 * one thread, at a time.
 *
 * Lifetime: sets are pooled for the life of the process (at exit the pool
 * releases its fontconfig references; acquire nothing after exit begins).
 * Cairo keeps the scaled fonts of a face in its global cache after their
 * last user is gone; the faces must outlive them. A released set is handed
 * to the next handle that asks for the same folder, so a program that
 * writes many reports loads each copy once.
 */
#ifndef NPS_FONT_POOL_H
#define NPS_FONT_POOL_H

#include <stdbool.h>
#include <fontconfig/fontconfig.h>
#include "base/error.h"

typedef struct nps_face_set nps_face_set;

/* A face set of NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc in `dir`,
 * held exclusively by the caller until nps_face_set_release: a pooled one
 * when one for `dir` is free, otherwise a new one (loading takes ~0.1 s).
 * NPS_ERR_IO when a file is missing or unreadable, NPS_ERR_NOMEM. */
nps_error nps_face_set_acquire(const char *dir, nps_face_set **out);

/* The set's configuration (owned by the set; valid for the process). */
FcConfig *nps_face_set_config(const nps_face_set *set);

/* The folder the set was loaded from (owned by the set). */
const char *nps_face_set_dir(const nps_face_set *set);

/* Give the set back. With `reusable` false (something may still draw with
 * it) it stays held for good. NULL is allowed. */
void nps_face_set_release(nps_face_set *set, bool reusable);

#endif
