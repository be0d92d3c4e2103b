/*
 * stubs_pending.c — commands whose library modules have not landed yet.
 * They say so plainly and exit 1; nothing pretends to work.
 */
#include <stdio.h>
#include "commands.h"

static int not_yet(const char *name)
{
    fprintf(stderr, "npo-survey: '%s' is not implemented in this build yet\n", name);
    return 1;
}

int nps_cli_report(const nps_cli_args *a) { (void)a; return not_yet("report"); }
