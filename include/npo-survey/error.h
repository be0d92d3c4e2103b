/*
 * npo-survey/error.h — the one error enum of libnpo-survey and the diagnostic record
 * through which the library tells its caller what went wrong.
 *
 * The library never prints. Every function that can fail returns an
 * nps_error; where a file and line are known, it also fills the caller's
 * nps_diag (which may be NULL when the caller does not care). The CLI maps
 * errors to exit codes: NPS_ERR_USAGE → 2, every other error → 1.
 */
#ifndef NPS_PUBLIC_ERROR_H
#define NPS_PUBLIC_ERROR_H

#include <stddef.h>
#include "npo-survey/export.h"

typedef enum nps_error {
    NPS_OK = 0,
    NPS_ERR_NOMEM,          /* an allocation failed */
    NPS_ERR_IO,             /* a file could not be opened, read or written */
    NPS_ERR_ENCODING,       /* bytes valid in neither UTF-8 nor CP932 */
    NPS_ERR_CSV,            /* malformed CSV (e.g. an unterminated quote) */
    NPS_ERR_EMPTY,          /* no header, or a header and no responses */
    NPS_ERR_HEADER,         /* the header matches no question of the questionnaire */
    NPS_ERR_QUESTIONNAIRE,  /* the questionnaire files are invalid */
    NPS_ERR_LIMIT,          /* a safety limit was exceeded (field size, columns) */
    NPS_ERR_USAGE,          /* wrong arguments */
    NPS_ERR_RENDER,         /* cairo/pango/xlsx reported a failure */
    NPS_ERR_FINDINGS        /* validate --strict: the quality log is not empty */
} nps_error;

/* Where and what. `file` and `message` are always NUL-terminated; line is 0
 * when unknown, column 0 when unknown. `hint` says what the user can do. */
typedef struct nps_diag {
    char file[512];
    long line;
    int column;
    char message[768];
    char hint[256];
} nps_diag;

/* The gettext domain of the library's messages (docs/cli.md). */
#define NPS_TEXT_DOMAIN "npo-survey"

/* A static name of the error (never NULL): English, or its translation in
 * the "npo-survey" domain when the program has set a locale. */
NPS_API const char *nps_strerror(nps_error err);

/* The translation of msgid in the "npo-survey" domain (msgid itself when
 * there is none or no locale is set; "" for NULL). */
NPS_API const char *nps_diag_text(const char *msgid);

/* Fill diag (if non-NULL) with printf-style message, the format translated
 * first (nps_diag_text; a format of "%s" translates its argument instead); returns err so callers
 * can write `return nps_diag_set(d, NPS_ERR_CSV, file, line, "...")`. */
NPS_API nps_error nps_diag_set(nps_diag *diag, nps_error err, const char *file, long line,
                       const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Set the hint of an already filled diag (printf-style, translated the same way). */
NPS_API void nps_diag_hint(nps_diag *diag, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
