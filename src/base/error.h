/*
 * error.h — the library's error enum and diagnostics. They are part of the
 * public API, so they are declared once, in include/npo-survey/error.h;
 * this header lets the stages include them by their stage path.
 */
#ifndef NPS_ERROR_H
#define NPS_ERROR_H

#include "npo-survey/error.h"

/* Marks a static message that nps_diag_set(d, e, f, l, "%s", msg) or
 * nps_diag_text translates later (xgettext keyword N_; docs/cli.md). */
#ifndef N_
#define N_(s) s
#endif

#endif
