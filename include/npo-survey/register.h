/*
 * npo-survey/register.h — the organisation register: pseudonymous IDs
 * (R001 …) that stay with an organisation from one survey wave to the next
 * (docs/register.md).
 *
 * The register is a CSV file `id,name,email,first_seen` (UTF-8). It is the
 * only file that links an ID to an organisation's name and e-mail: keep it
 * private, never with the report. Organisations are recognised as duplicates
 * are (docs/reading.md): by the normalised 団体名, or by the e-mail when the
 * response gives no name.
 *
 *     nps_register *reg;
 *     nps_register_open("orgs.csv", &reg, &diag);   // a missing file: empty
 *     nps_register_assign(reg, d);                  // IDs into the dataset
 *     nps_register_save(reg, &diag);                // new organisations added
 *     nps_register_free(reg);
 *
 * Ownership: the register owns its entries and a copy of the path; the
 * dataset keeps copies of the IDs it was given.
 */
#ifndef NPS_PUBLIC_REGISTER_H
#define NPS_PUBLIC_REGISTER_H

#include <stddef.h>
#include "npo-survey/dataset.h"
#include "npo-survey/error.h"
#include "npo-survey/export.h"

typedef struct nps_register nps_register;

/* Load the register at `path`; a file that does not exist is an empty
 * register (nps_register_save creates it). A bad register — not UTF-8, a
 * missing column, a malformed or repeated ID, two lines of one
 * organisation, a bad date — is NPS_ERR_CSV with diag naming file and line. */
NPS_API nps_error nps_register_open(const char *path, nps_register **out, nps_diag *diag);

/* Give every organisation of `d` its ID: an organisation of the register
 * keeps its own, any other gets the next free ID (one above the highest
 * R-number) and is added, with first_seen = the date (YYYY-MM-DD) of the
 * latest response of `d` (empty when no response has a timestamp).
 * Deterministic: the same register and export give the same IDs and file. */
NPS_API nps_error nps_register_assign(nps_register *reg, nps_dataset *d);

/* Organisations in the register, and how many nps_register_assign added. */
NPS_API size_t nps_register_count(const nps_register *reg);
NPS_API size_t nps_register_added(const nps_register *reg);

/* Write the register back to its file when something was added or the file
 * did not exist: a new file of mode 0600 in the same folder, renamed over
 * the old one, so a reader sees the old register or the new, never a part. */
NPS_API nps_error nps_register_save(nps_register *reg, nps_diag *diag);

NPS_API void nps_register_free(nps_register *reg);

#endif
