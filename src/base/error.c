/*
 * error.c — nps_strerror and the diagnostic helpers. The library never
 * prints; it writes what went wrong into the caller's nps_diag.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "base/error.h"

const char *nps_strerror(nps_error err)
{
    switch (err) {
    case NPS_OK: return "success";
    case NPS_ERR_NOMEM: return "out of memory";
    case NPS_ERR_IO: return "input/output error";
    case NPS_ERR_ENCODING: return "invalid text encoding";
    case NPS_ERR_CSV: return "malformed CSV";
    case NPS_ERR_EMPTY: return "no responses";
    case NPS_ERR_HEADER: return "unrecognised header";
    case NPS_ERR_QUESTIONNAIRE: return "invalid questionnaire";
    case NPS_ERR_LIMIT: return "limit exceeded";
    case NPS_ERR_USAGE: return "usage error";
    case NPS_ERR_RENDER: return "rendering failed";
    case NPS_ERR_FINDINGS: return "data-quality findings";
    }
    return "unknown error";
}

nps_error nps_diag_set(nps_diag *diag, nps_error err, const char *file, long line,
                       const char *fmt, ...)
{
    va_list ap;
    if (!diag)
        return err;
    memset(diag, 0, sizeof *diag);
    snprintf(diag->file, sizeof diag->file, "%s", file ? file : "");
    diag->line = line;
    va_start(ap, fmt);
    vsnprintf(diag->message, sizeof diag->message, fmt, ap);
    va_end(ap);
    return err;
}

void nps_diag_hint(nps_diag *diag, const char *fmt, ...)
{
    va_list ap;
    if (!diag)
        return;
    va_start(ap, fmt);
    vsnprintf(diag->hint, sizeof diag->hint, fmt, ap);
    va_end(ap);
}
