/*
 * cli_messages.h — one-line error messages and exit statuses of the CLI
 * (see cli_messages.c). Part of the executable, where printing is allowed.
 */
#ifndef NPS_CLI_MESSAGES_H
#define NPS_CLI_MESSAGES_H

#include "npo-survey/error.h"

/* "npo-survey: FILE: line N: message (hint)" on stderr. */
void nps_cli_print_diag(const nps_diag *d, nps_error err);
/* 0 for NPS_OK, 2 for a usage error, 1 for any other error. */
int nps_cli_exit_code(nps_error err);

#endif
