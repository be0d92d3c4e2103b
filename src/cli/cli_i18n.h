/*
 * cli_i18n.h — the language of the CLI's messages (GNU gettext, domain
 * "npo-survey"; docs/cli.md). _() translates a message where it is
 * printed; N_() marks a static text (a help line of an option table) that
 * is translated when printed. po/ja.po holds the Japanese.
 */
#ifndef NPS_CLI_I18N_H
#define NPS_CLI_I18N_H

#include <stdbool.h>
#include <libintl.h>

#define _(s) gettext(s)
#ifndef N_
#define N_(s) s
#endif

/* setlocale for LC_MESSAGES and LC_CTYPE only (LC_NUMERIC stays "C", so
 * every number is written the same in every locale), and the catalogue
 * bound from beside the executable: <bindir>/locale (the build tree),
 * <bindir>/../share/locale (an installed prefix), else the configured
 * NPS_LOCALEDIR. */
void nps_cli_i18n_init(void);
/* Whether messages are in Japanese (the catalogue found and the locale's
 * language ja): validate then gives each quality finding in Japanese. */
bool nps_cli_lang_ja(void);

#endif
