/*
 * error.c — nps_strerror and the diagnostic helpers. The library never
 * prints; it writes what went wrong into the caller's nps_diag.
 *
 * Translation hook (docs/cli.md): the format of every diagnostic and hint,
 * and the error names, are looked up in the "npo-survey" gettext domain
 * (dgettext) before they are formatted, so a program that has called
 * setlocale and bindtextdomain (the CLI does) gets them in the user's
 * language; any other caller, in the "C" locale, gets the English msgid.
 * The library itself never calls setlocale. xgettext finds the messages
 * through the keywords nps_diag_set:5, nps_diag_hint:2, N_ and
 * nps_diag_text (po/CMakeLists.txt: NPS_XGETTEXT_KEYWORDS).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <libintl.h>
#include "base/error.h"

const char *nps_diag_text(const char *msgid)
{
    return msgid && msgid[0] ? dgettext(NPS_TEXT_DOMAIN, msgid) : "";
}

static const char *error_name(nps_error err)
{
    switch (err) {
    case NPS_OK: return N_("success");
    case NPS_ERR_NOMEM: return N_("out of memory");
    case NPS_ERR_IO: return N_("input/output error");
    case NPS_ERR_ENCODING: return N_("invalid text encoding");
    case NPS_ERR_CSV: return N_("malformed CSV");
    case NPS_ERR_EMPTY: return N_("no responses");
    case NPS_ERR_HEADER: return N_("unrecognised header");
    case NPS_ERR_QUESTIONNAIRE: return N_("invalid questionnaire");
    case NPS_ERR_LIMIT: return N_("limit exceeded");
    case NPS_ERR_USAGE: return N_("usage error");
    case NPS_ERR_RENDER: return N_("rendering failed");
    case NPS_ERR_FINDINGS: return N_("data-quality findings");
    }
    return N_("unknown error");
}

const char *nps_strerror(nps_error err)
{
    return nps_diag_text(error_name(err));
}

/* A format of exactly "%s" passes a message made elsewhere: that message
 * is itself looked up (a static text marked N_, or nps_strerror's name,
 * already translated: then it is not in the catalogue and stays as is). */
static void format_into(char *buf, size_t size, const char *fmt, va_list ap)
{
    if (strcmp(fmt, "%s") == 0) {
        const char *s = va_arg(ap, const char *);
        snprintf(buf, size, "%s", nps_diag_text(s ? s : ""));
    } else {
        vsnprintf(buf, size, nps_diag_text(fmt), ap);
    }
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
    format_into(diag->message, sizeof diag->message, fmt, ap);
    va_end(ap);
    return err;
}

void nps_diag_hint(nps_diag *diag, const char *fmt, ...)
{
    va_list ap;
    if (!diag)
        return;
    va_start(ap, fmt);
    format_into(diag->hint, sizeof diag->hint, fmt, ap);
    va_end(ap);
}
