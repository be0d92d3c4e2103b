/*
 * register.h — how the reader recognises an organisation (private to
 * src/read/): the keys shared by duplicate removal (duplicates.c) and the
 * organisation register (register.c, public API in npo-survey/register.h).
 *
 * An organisation is its normalised 団体名 (docs/reading.md, "Duplicates"):
 * NFKC, all white space removed, ASCII lower-cased, legal forms before or
 * after the name removed (特定非営利活動法人, NPO法人, (特非) …), quotes
 * around it removed. A row whose name normalises to nothing is recognised
 * by its e-mail (NFKC, white space removed, lower-cased) instead.
 *
 * Results are allocated with nps_malloc and owned by the caller.
 */
#ifndef NPS_READ_REGISTER_H
#define NPS_READ_REGISTER_H

#include <stddef.h>
#include "model/dataset.h"

/* The organisation key of a 団体名; "" when nothing is left (empty, or
 * only a legal form); NULL when out of memory or s is not UTF-8. */
char *nps_org_name_key(const char *s, size_t len);
/* The key of an e-mail address; "" when empty; NULL as above. */
char *nps_org_email_key(const char *s, size_t len);

/* The two keys of dataset row `row` from its Q2 and Q3 fields (NULL field:
 * no key). *name / *email are NULL when the row has no such key (empty
 * key: freed and NULL); NPS_ERR_NOMEM leaves both NULL. */
nps_error nps_org_row_keys(const nps_dataset *d, size_t row, const nps_field *name_field,
                           const nps_field *email_field, char **name, char **email);

#endif
