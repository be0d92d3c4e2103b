/*
 * cli_messages.c — how the CLI reports a library error: one line on stderr
 * ("npo-survey: FILE: line N: message (hint)") and the exit status of an
 * error (docs/cli.md). The lowest part of the CLI: every command file and
 * the option handling use it; it uses nothing of theirs.
 */
#include <stdio.h>
#include "cli_messages.h"
#include "cli_i18n.h"

void nps_cli_print_diag(const nps_diag *d, nps_error err)
{
    fputs("npo-survey: ", stderr);
    if (d->file[0]) {
        fputs(d->file, stderr);
        if (d->line > 0)
            fprintf(stderr, _(": line %ld"), d->line);
        fputs(": ", stderr);
    }
    fputs(d->message[0] ? d->message : nps_strerror(err), stderr);
    if (d->hint[0])
        fprintf(stderr, _(" (%s)"), d->hint);
    fputc('\n', stderr);
}

int nps_cli_exit_code(nps_error err)
{
    return err == NPS_OK ? 0 : err == NPS_ERR_USAGE ? 2 : 1;
}
