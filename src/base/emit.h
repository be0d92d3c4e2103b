/*
 * emit.h — writing a string as a JSON string literal or as a CSV field, for
 * every command and writer that emits JSON or CSV (base/emit.c).
 *
 * Each returns 0 on success, EOF on a write error. A JSON literal is valid
 * JSON whatever the input (invalid UTF-8 becomes \ufffd); a CSV field is
 * quoted exactly when RFC 4180 requires it.
 */
#ifndef NPS_EMIT_H
#define NPS_EMIT_H
#include <stdio.h>

/* A JSON string literal with quotes, escaping " \ and every control char. */
int nps_write_json_string(FILE *out, const char *s);
/* A CSV field (RFC 4180): quoted when it holds , " CR or LF; NULL -> empty. */
int nps_write_csv_field(FILE *out, const char *s);

#endif
