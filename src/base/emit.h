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
#include <stdbool.h>
#include <stdio.h>

/* A JSON string literal with quotes, escaping " \ and every control char. */
int nps_write_json_string(FILE *out, const char *s);
/* A CSV text field (RFC 4180): quoted when it holds , " CR or LF; NULL ->
 * empty. A cell nps_csv_cell_is_formula calls a formula is written with a
 * leading apostrophe ('=1+1), so a spreadsheet shows it as text. Write
 * numbers with printf, not through here. */
int nps_write_csv_field(FILE *out, const char *s);
/* Whether a spreadsheet would evaluate the cell: TAB or CR first, or
 * = + - @ first after leading white space (ASCII, U+3000). */
bool nps_csv_cell_is_formula(const char *s);

#endif
