/*
 * org_register.c — the common option --org-register FILE
 * (docs/register.md): every command that loads an export gives its
 * organisations the IDs of the register (nps_cli_load in cli_common.c calls
 * both functions below, with the paths; this file uses only
 * cli_messages.h of the CLI).
 *
 * The register holds names and e-mails, so it must never lie in the folder
 * a report is published to: the -o folder, or without -o the default
 * reports/<export name> (report writes there, charts below it). Both paths
 * are compared once made absolute, with the symbolic links of their
 * existing part resolved, so `out/../out/reg.csv` or a link into the folder
 * is caught as well. That is a usage error (exit 2), checked before
 * anything is read or written.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "npo-survey/register.h"
#include "base/alloc.h"
#include "base/strbuf.h"
#include "cli_messages.h"
#include "org_register.h"
#include "cli_i18n.h"

/* Append the components of `rest` to the absolute path in `out`: "" and
 * "." skipped, ".." goes up (never above "/"). */
static void append_components(nps_strbuf *out, const char *rest)
{
    while (*rest) {
        const char *end = strchr(rest, '/');
        size_t n = end ? (size_t)(end - rest) : strlen(rest);
        if (n == 2 && rest[0] == '.' && rest[1] == '.') {
            char *slash = strrchr(out->s, '/');
            out->len = slash && slash != out->s ? (size_t)(slash - out->s) : 1;
            out->s[out->len] = '\0';
        } else if (n && !(n == 1 && rest[0] == '.')) {
            if (out->len > 1)
                nps_strbuf_add(out, "/");
            nps_strbuf_addn(out, rest, n);
        }
        rest += n + (end != NULL);
    }
}

/* `path` absolute, links of its longest existing prefix resolved; NULL
 * when out of memory. The caller frees it. */
static char *resolve(const char *path)
{
    nps_strbuf abs = {0}, out = {0};
    char *real = nps_malloc(PATH_MAX), *result = NULL;
    size_t cut;
    if (!real)
        return NULL;
    if (path[0] != '/') {
        if (!getcwd(real, PATH_MAX))
            goto cleanup;
        nps_strbuf_addf(&abs, "%s/", real);
    }
    nps_strbuf_add(&abs, path);
    if (abs.failed)
        goto cleanup;
    for (cut = abs.len;; ) {
        char keep = abs.s[cut];
        bool found;
        abs.s[cut] = '\0';
        found = realpath(cut ? abs.s : "/", real) != NULL;
        abs.s[cut] = keep;
        if (!found && cut == 0)
            strcpy(real, "/");
        if (found || cut == 0)
            break;
        do
            cut--;
        while (cut > 0 && abs.s[cut] != '/');
    }
    nps_strbuf_add(&out, real);
    append_components(&out, abs.s + cut);
    if (!out.failed)
        result = nps_strbuf_take(&out);
cleanup:
    nps_strbuf_free(&abs);
    nps_strbuf_free(&out);
    nps_free(real);
    return result;
}

int nps_cli_register_check_place(const char *register_path, const char *dir)
{
    char *reg, *folder;
    int rc = 0;
    reg = resolve(register_path);
    folder = resolve(dir);
    if (!reg || !folder) {
        fprintf(stderr, _("npo-survey: out of memory\n"));
        rc = 1;
    } else {
        size_t n = strlen(folder);
        if (strncmp(reg, folder, n) == 0 && (reg[n] == '/' || reg[n] == '\0' || n == 1)) {
            fprintf(stderr,
                    _("npo-survey: --org-register %s lies inside the report folder %s: the register holds "
                      "organisation names and e-mails and must never be published with a report "
                      "(keep it elsewhere, e.g. beside the export; docs/register.md)\n"),
                    register_path, dir);
            rc = 2;
        }
    }
    nps_free(reg);
    nps_free(folder);
    return rc;
}

int nps_cli_register_apply(const char *register_path, nps_dataset *d)
{
    nps_diag diag = {0};
    nps_register *reg = NULL;
    nps_error err = nps_register_open(register_path, &reg, &diag);
    size_t added = 0;
    if (err == NPS_OK && (err = nps_register_assign(reg, d)) != NPS_OK)
        nps_diag_set(&diag, err, register_path, 0, "cannot give the organisations their IDs: %s",
                     nps_strerror(err));
    added = nps_register_added(reg);
    if (err == NPS_OK)
        err = nps_register_save(reg, &diag);
    if (err != NPS_OK)
        nps_cli_print_diag(&diag, err);
    else if (added)
        fprintf(stderr, _("npo-survey: %s: %zu new organisation%s added to the register (%zu in all)\n"),
                register_path, added, added == 1 ? "" : "s", nps_register_count(reg));
    nps_register_free(reg);
    return nps_cli_exit_code(err);
}
