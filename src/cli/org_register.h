/*
 * org_register.h — --org-register in the CLI (see org_register.c).
 */
#ifndef NPS_CLI_ORG_REGISTER_H
#define NPS_CLI_ORG_REGISTER_H

#include "model/dataset.h"

/* Refuse (exit status 2, message printed) a register inside the report
 * folder `dir`; 0 when it lies elsewhere, 1 when out of memory. */
int nps_cli_register_check_place(const char *register_path, const char *dir);
/* Give d's organisations the register's IDs and save the register; 0 or 1
 * (message printed). */
int nps_cli_register_apply(const char *register_path, nps_dataset *d);

#endif
