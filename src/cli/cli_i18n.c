/*
 * cli_i18n.c — chooses the language of the messages (cli_i18n.h). Only
 * the categories of text are taken from the environment: LC_MESSAGES
 * (which catalogue) and LC_CTYPE (its character set); LC_NUMERIC,
 * LC_COLLATE and the rest stay "C", so that tables, CSV and JSON with
 * decimals are the same bytes under LANG=C and LANG=ja_JP.UTF-8.
 */
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "npo-survey/error.h"
#include "cli_i18n.h"

#ifndef NPS_LOCALEDIR
#define NPS_LOCALEDIR "/usr/local/share/locale"
#endif
#ifndef NPS_LOCALEDIR_FROM_BIN
#define NPS_LOCALEDIR_FROM_BIN "../share/locale"
#endif

/* Whether dir holds a catalogue of the domain (the Japanese one: the only
 * translation). */
static bool has_catalogue(const char *dir)
{
    char path[2 * PATH_MAX];
    struct stat st;
    snprintf(path, sizeof path, "%s/ja/LC_MESSAGES/%s.mo", dir, NPS_TEXT_DOMAIN);
    return stat(path, &st) == 0;
}

/* The folder of the running executable into buf; false when unknown. */
static bool exe_dir(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    char *slash;
    if (n <= 0 || (size_t)n >= size - 1)
        return false;
    buf[n] = '\0';
    if (!(slash = strrchr(buf, '/')))
        return false;
    *slash = '\0';
    return true;
}

static void bind_catalogue(void)
{
    char bin[PATH_MAX], dir[PATH_MAX + 64];
    const char *found = NPS_LOCALEDIR;
    if (exe_dir(bin, sizeof bin)) {
        snprintf(dir, sizeof dir, "%s/locale", bin);
        if (has_catalogue(dir))
            found = dir;
        else {
            snprintf(dir, sizeof dir, "%s/%s", bin, NPS_LOCALEDIR_FROM_BIN);
            if (has_catalogue(dir))
                found = dir;
        }
    }
    bindtextdomain(NPS_TEXT_DOMAIN, found);
    bind_textdomain_codeset(NPS_TEXT_DOMAIN, "UTF-8");
    textdomain(NPS_TEXT_DOMAIN);
}

void nps_cli_i18n_init(void)
{
    setlocale(LC_MESSAGES, "");
    setlocale(LC_CTYPE, "");
    bind_catalogue();
}

bool nps_cli_lang_ja(void)
{
    /* TRANSLATORS: the language code of this catalogue ("ja"). */
    return strcmp(_("en"), "ja") == 0;
}
