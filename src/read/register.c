/*
 * register.c — the organisation register (npo-survey/register.h,
 * docs/register.md): a CSV file `id,name,email,first_seen` that gives each
 * organisation the same pseudonymous ID in every survey wave.
 *
 * Loading checks the whole file (IDs `R` + digits and unique, one line per
 * organisation, dates YYYY-MM-DD) and indexes it in one hash table of
 * prefixed keys:
 *   "n" + name key     → the entry of that organisation
 *   "m" + e-mail key   → the entry without a name that has this e-mail
 *   "e" + e-mail key   → the one named entry with this e-mail, or AMBIGUOUS
 *   "i" + ID           → the entry (to find repeated IDs)
 * Keys are made as duplicates.c makes them (read/register.h), so a row
 * finds its register line exactly when it would be a duplicate of it.
 *
 * Saving writes the whole register to a new file (mkstemp: mode 0600 from
 * its creation) beside the old one, syncs it and renames it over the old.
 * Lines already in the file keep their order and values; new organisations
 * are appended in row order. A cell starting with = + - @ is written with
 * an apostrophe before it (spreadsheets would run it as a formula), which
 * loading takes off again.
 *
 * Ownership: the register owns its entries, keys and path (nps_free).
 * Messages name the file and line and never quote a cell (a shifted line
 * could put a name or an e-mail in any column).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "npo-survey/register.h"
#include "base/alloc.h"
#include "base/emit.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "read/register.h"
#include "read/sheet.h"

#define AMBIGUOUS ((size_t)-1)
#define REGISTER_MAX_BYTES ((size_t)256 << 20)

typedef struct reg_entry {
    char *id, *name, *email, *first_seen;
    long line; /* of the file; 0 = added by nps_register_assign */
} reg_entry;

typedef struct key_slot {
    char *key;    /* NULL: empty slot */
    size_t entry; /* index into entries, or AMBIGUOUS */
} key_slot;

struct nps_register {
    char *path;
    bool existed;
    reg_entry *entries;
    size_t n, cap, added;
    unsigned long max_number; /* highest R-number in use */
    key_slot *slots;
    size_t n_slots, used;     /* n_slots: a power of 2, at most half used */
};

/* ---------- the key index ---------- */

/* FNV-1a of kind + key, as the slot stores it. */
static uint64_t hash_key(char kind, const char *key)
{
    uint64_t h = (0xcbf29ce484222325u ^ (unsigned char)kind) * 0x100000001b3u;
    for (; *key; key++)
        h = (h ^ (unsigned char)*key) * 0x100000001b3u;
    return h;
}

/* The slot of kind + key, or the empty slot where it would go. */
static key_slot *find_slot(const nps_register *r, char kind, const char *key)
{
    size_t mask = r->n_slots - 1;
    for (size_t s = (size_t)hash_key(kind, key) & mask;; s = (s + 1) & mask) {
        const char *k = r->slots[s].key;
        if (!k || (k[0] == kind && strcmp(k + 1, key) == 0))
            return &r->slots[s];
    }
}

static nps_error grow_index(nps_register *r)
{
    size_t old_n = r->n_slots;
    key_slot *old = r->slots;
    size_t n = old_n ? old_n * 2 : 64;
    if (!(r->slots = nps_calloc(n, sizeof *r->slots))) {
        r->slots = old;
        return NPS_ERR_NOMEM;
    }
    r->n_slots = n;
    for (size_t i = 0; i < old_n; i++)
        if (old[i].key)
            *find_slot(r, old[i].key[0], old[i].key + 1) = old[i];
    nps_free(old);
    return NPS_OK;
}

/* The slot of kind + key, or NULL when there is none. */
static key_slot *lookup(const nps_register *r, char kind, const char *key)
{
    key_slot *s = r->n_slots ? find_slot(r, kind, key) : NULL;
    return s && s->key ? s : NULL;
}

/* Map kind + key to `entry`, unless it is mapped already: *previous is
 * then the entry it has (else SIZE_MAX). */
static nps_error index_key(nps_register *r, char kind, const char *key, size_t entry, size_t *previous)
{
    size_t n = strlen(key);
    key_slot *s;
    char *k;
    *previous = SIZE_MAX;
    if ((r->used + 1) * 2 > r->n_slots && grow_index(r) != NPS_OK)
        return NPS_ERR_NOMEM;
    s = find_slot(r, kind, key);
    if (s->key) {
        *previous = s->entry;
        return NPS_OK;
    }
    if (!(k = nps_malloc(n + 2)))
        return NPS_ERR_NOMEM;
    k[0] = kind;
    memcpy(k + 1, key, n + 1);
    *s = (key_slot){k, entry};
    r->used++;
    return NPS_OK;
}

/* Index one entry's keys; *clash = the earlier entry of the same
 * organisation (SIZE_MAX: none). */
static nps_error index_entry(nps_register *r, size_t i, const char *name_key, const char *email_key,
                             size_t *clash)
{
    size_t prev;
    nps_error err = NPS_OK;
    *clash = SIZE_MAX;
    if (name_key) {
        err = index_key(r, 'n', name_key, i, clash);
        if (err == NPS_OK && *clash == SIZE_MAX && email_key &&
            (err = index_key(r, 'e', email_key, i, &prev)) == NPS_OK && prev != SIZE_MAX && prev != i) {
            lookup(r, 'e', email_key)->entry = AMBIGUOUS; /* the same e-mail under two names */
        }
    } else if (email_key) {
        err = index_key(r, 'm', email_key, i, clash);
    }
    return err;
}

/* ---------- entries ---------- */

/* "R" and 1-9 digits; its number into *number. */
static bool parse_id(const char *id, unsigned long *number)
{
    size_t n = strlen(id);
    if (n < 2 || n > 10 || id[0] != 'R')
        return false;
    *number = 0;
    for (size_t i = 1; i < n; i++) {
        if (id[i] < '0' || id[i] > '9')
            return false;
        *number = *number * 10 + (unsigned long)(id[i] - '0');
    }
    return true;
}

/* "" or YYYY-MM-DD with a month 01-12 and a day 01-31. */
static bool valid_date(const char *s)
{
    if (!*s)
        return true;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* A cell as it was before save_cell guarded it against formulas. */
static const char *unguard(const char *s)
{
    const char *p = s + 1;
    if (s[0] == '\'') {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '=' || *p == '+' || *p == '-' || *p == '@')
            return s + 1;
    }
    return s;
}

static nps_error add_entry(nps_register *r, const char *id, const char *name, const char *email,
                           const char *first_seen, long line)
{
    reg_entry *e;
    if (nps_grow((void **)&r->entries, &r->cap, r->n + 1, sizeof *r->entries, 64) != NPS_OK)
        return NPS_ERR_NOMEM;
    e = &r->entries[r->n];
    *e = (reg_entry){nps_strdup(id), nps_strdup(name), nps_strdup(email), nps_strdup(first_seen), line};
    if (!e->id || !e->name || !e->email || !e->first_seen) {
        nps_free(e->id);
        nps_free(e->name);
        nps_free(e->email);
        nps_free(e->first_seen);
        return NPS_ERR_NOMEM;
    }
    r->n++;
    return NPS_OK;
}

/* ---------- loading ---------- */

/* The whole file; *data NULL (and NPS_OK) when it does not exist. */
static nps_error read_whole(const char *path, char **data, size_t *len, nps_diag *diag)
{
    FILE *f = fopen(path, "rb");
    nps_strbuf b = {0};
    char chunk[65536];
    size_t got;
    nps_error err = NPS_OK;
    *data = NULL;
    *len = 0;
    if (!f)
        return errno == ENOENT ? NPS_OK
                               : nps_diag_set(diag, NPS_ERR_IO, path, 0, "cannot open the register: %s",
                                              strerror(errno));
    while (err == NPS_OK && (got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        nps_strbuf_addn(&b, chunk, got);
        if (b.failed)
            err = NPS_ERR_NOMEM;
        else if (b.len > REGISTER_MAX_BYTES)
            err = nps_diag_set(diag, NPS_ERR_LIMIT, path, 0, "the register is larger than 256 MiB");
    }
    if (err == NPS_OK && ferror(f))
        err = nps_diag_set(diag, NPS_ERR_IO, path, 0, "cannot read the register: %s", strerror(errno));
    fclose(f);
    *len = b.len;
    if (err == NPS_OK && !(*data = b.len ? nps_strbuf_take(&b) : nps_strdup("")))
        err = NPS_ERR_NOMEM;
    nps_strbuf_free(&b);
    return err;
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static nps_error bad_line(nps_diag *diag, const char *path, long line, const char *fmt, ...)
{
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, nps_diag_text(fmt), ap);
    va_end(ap);
    nps_diag_set(diag, NPS_ERR_CSV, path, line, "%s", message);
    nps_diag_hint(diag, "the register's format is in docs/register.md");
    return NPS_ERR_CSV;
}

/* What is wrong with a line's id, date and width, or NULL. */
static const char *line_problem(const nps_sheet *s, const nps_sheet_row *row, const char *id, const char *date,
                                unsigned long *number)
{
    if (row->n > s->n_header)
        return N_("more cells than the header (a comma inside a name must be quoted)");
    if (!parse_id(id, number))
        return N_("the id is not R followed by 1 to 9 digits (e.g. R001)");
    if (!valid_date(date))
        return N_("first_seen is not a date YYYY-MM-DD (or empty)");
    return NULL;
}

/* One line of the file: checked, added and indexed. */
static nps_error load_row(nps_register *r, const nps_sheet *s, const nps_sheet_row *row, const int *cols,
                          nps_diag *diag)
{
    const char *id = nps_sheet_cell(row, cols[0]), *name = unguard(nps_sheet_cell(row, cols[1]));
    const char *email = unguard(nps_sheet_cell(row, cols[2])), *date = nps_sheet_cell(row, cols[3]);
    const char *problem;
    char *name_key = NULL, *email_key = NULL;
    unsigned long number = 0;
    size_t clash = SIZE_MAX;
    nps_error err = NPS_OK;
    if ((problem = line_problem(s, row, id, date, &number)) != NULL) {
        err = bad_line(diag, r->path, row->line, "%s", problem);
        goto cleanup;
    }
    if ((err = index_key(r, 'i', id, r->n, &clash)) != NPS_OK)
        goto cleanup;
    if (clash != SIZE_MAX) {
        err = bad_line(diag, r->path, row->line, "the id is already used on line %ld (every id must be unique)",
                       r->entries[clash].line);
        goto cleanup;
    }
    if (!(name_key = nps_org_name_key(name, strlen(name))) || !(email_key = nps_org_email_key(email, strlen(email))))
        err = NPS_ERR_NOMEM;
    if (err == NPS_OK)
        err = add_entry(r, id, name, email, date, row->line);
    if (err == NPS_OK)
        err = index_entry(r, r->n - 1, *name_key ? name_key : NULL, *email_key ? email_key : NULL, &clash);
    if (err == NPS_OK && clash != SIZE_MAX)
        err = bad_line(diag, r->path, row->line,
                       "the same organisation as line %ld (equal 団体名 once legal forms and spaces are removed, "
                       "or no name and the same e-mail): keep one of the two lines", r->entries[clash].line);
    if (err == NPS_OK && number > r->max_number)
        r->max_number = number;
cleanup:
    nps_free(name_key);
    nps_free(email_key);
    return err;
}

static nps_error load(nps_register *r, const char *data, size_t len, nps_diag *diag)
{
    static const char *const names[] = {"id", "name", "email", "first_seen"};
    nps_sheet s;
    int cols[4];
    nps_error err = nps_sheet_read(r->path, data, len, &s, diag);
    if (err != NPS_OK) /* the sheet's errors are the questionnaire's; here a register's */
        return err == NPS_ERR_NOMEM ? err : NPS_ERR_CSV;
    err = nps_sheet_require(&s, names, cols, 4, diag);
    if (err != NPS_OK && err != NPS_ERR_NOMEM) {
        nps_diag_hint(diag, "the register's first line is id,name,email,first_seen (docs/register.md)");
        err = NPS_ERR_CSV;
    }
    for (size_t i = 0; i < s.n_rows && err == NPS_OK; i++)
        err = load_row(r, &s, &s.rows[i], cols, diag);
    nps_sheet_free(&s);
    return err;
}

/* The file a symbolic link points to (saving replaces the file, not the
 * link), else path itself; a copy. */
static char *resolve_link(const char *path)
{
    struct stat st;
    char *target;
    if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode) || !(target = nps_malloc(PATH_MAX)))
        return nps_strdup(path);
    if (!realpath(path, target)) {
        nps_free(target);
        return nps_strdup(path);
    }
    return target;
}

nps_error nps_register_open(const char *path, nps_register **out, nps_diag *diag)
{
    nps_register *r = nps_calloc(1, sizeof *r);
    char *data = NULL;
    size_t len = 0;
    nps_error err = NPS_ERR_NOMEM;
    *out = NULL;
    if (!r || !(r->path = resolve_link(path)))
        goto cleanup;
    if ((err = read_whole(path, &data, &len, diag)) != NPS_OK)
        goto cleanup;
    r->existed = data != NULL;
    if (data)
        err = load(r, data, len, diag);
cleanup:
    nps_free(data);
    if (err != NPS_OK) {
        if (err == NPS_ERR_NOMEM && diag && !diag->message[0])
            nps_diag_set(diag, err, path, 0, "out of memory");
        nps_register_free(r);
        return err;
    }
    *out = r;
    return NPS_OK;
}

/* ---------- assigning ---------- */

/* YYYY-MM-DD of the latest response, "" when none has a timestamp. */
static void wave_date(const nps_dataset *d, char *out, size_t size)
{
    long long latest = -1;
    struct tm tm;
    time_t t;
    for (size_t r = 0; r < nps_dataset_count(d); r++)
        if (nps_dataset_timestamp(d, r) > latest)
            latest = nps_dataset_timestamp(d, r);
    t = (time_t)latest;
    if (latest < 0 || !gmtime_r(&t, &tm) || strftime(out, size, "%Y-%m-%d", &tm) == 0)
        out[0] = '\0';
}

/* The entry of a row's keys, SIZE_MAX when it is not in the register. */
static size_t entry_of(const nps_register *r, const char *name_key, const char *email_key)
{
    const key_slot *s;
    if (name_key)
        return (s = lookup(r, 'n', name_key)) ? s->entry : SIZE_MAX;
    if (!email_key)
        return SIZE_MAX;
    if ((s = lookup(r, 'm', email_key)) != NULL)
        return s->entry;
    s = lookup(r, 'e', email_key);
    return s && s->entry != AMBIGUOUS ? s->entry : SIZE_MAX;
}

/* A new organisation from row `row`: the next free ID, appended. */
static nps_error add_organisation(nps_register *r, const nps_dataset *d, size_t row, const nps_field *fields[2],
                                  const char *name_key, const char *email_key, const char *date)
{
    char id[32];
    const char *name = fields[0] ? nps_dataset_text(d, row, fields[0]) : NULL;
    const char *email = fields[1] ? nps_dataset_text(d, row, fields[1]) : NULL;
    size_t clash;
    nps_error err;
    if (r->max_number >= 999999999ul)
        return NPS_ERR_LIMIT;
    snprintf(id, sizeof id, "R%03lu", r->max_number + 1);
    if ((err = add_entry(r, id, name ? name : "", email ? email : "", date, 0)) != NPS_OK)
        return err;
    r->max_number++;
    r->added++;
    return index_entry(r, r->n - 1, name_key, email_key, &clash);
}

nps_error nps_register_assign(nps_register *r, nps_dataset *d)
{
    const nps_questionnaire *q = nps_dataset_questionnaire(d);
    const nps_field *fields[2] = {nps_questionnaire_personal_field(q, NPS_PERSONAL_ORGANISATION),
                                  nps_questionnaire_personal_field(q, NPS_PERSONAL_EMAIL)};
    size_t n = nps_dataset_count(d);
    size_t *entry = nps_malloc((n ? n : 1) * sizeof *entry);
    const char **ids = nps_malloc((n ? n : 1) * sizeof *ids);
    char date[16];
    nps_error err = entry && ids ? NPS_OK : NPS_ERR_NOMEM;
    wave_date(d, date, sizeof date);
    for (size_t row = 0; row < n && err == NPS_OK; row++) {
        char *name_key = NULL, *email_key = NULL;
        err = nps_org_row_keys(d, row, fields[0], fields[1], &name_key, &email_key);
        if (err == NPS_OK && (entry[row] = entry_of(r, name_key, email_key)) == SIZE_MAX &&
            (err = add_organisation(r, d, row, fields, name_key, email_key, date)) == NPS_OK)
            entry[row] = r->n - 1;
        nps_free(name_key);
        nps_free(email_key);
    }
    for (size_t row = 0; row < n && err == NPS_OK; row++)
        ids[row] = r->entries[entry[row]].id;
    if (err == NPS_OK)
        err = nps_dataset_set_org_ids(d, ids);
    nps_free(entry);
    nps_free(ids);
    return err;
}

size_t nps_register_count(const nps_register *r) { return r ? r->n : 0; }

size_t nps_register_added(const nps_register *r) { return r ? r->added : 0; }

/* ---------- saving ---------- */

/* One cell; = + - @ at its start (after blanks) guarded by an apostrophe. */
static int save_cell(FILE *f, const char *s)
{
    const char *p = s;
    char *guarded;
    int rc;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != '=' && *p != '+' && *p != '-' && *p != '@')
        return nps_write_csv_field(f, s);
    if (!(guarded = nps_malloc(strlen(s) + 2)))
        return EOF;
    guarded[0] = '\'';
    memcpy(guarded + 1, s, strlen(s) + 1);
    rc = nps_write_csv_field(f, guarded);
    nps_free(guarded);
    return rc;
}

static int save_entries(const nps_register *r, FILE *f)
{
    int rc = fputs("id,name,email,first_seen\n", f) == EOF ? EOF : 0;
    for (size_t i = 0; i < r->n && rc == 0; i++) {
        const reg_entry *e = &r->entries[i];
        if (fputs(e->id, f) == EOF || fputc(',', f) == EOF || save_cell(f, e->name) == EOF ||
            fputc(',', f) == EOF || save_cell(f, e->email) == EOF || fputc(',', f) == EOF ||
            fputs(e->first_seen, f) == EOF || fputc('\n', f) == EOF)
            rc = EOF;
    }
    return rc;
}

/* The folder of `path` synced, so the rename survives a crash. */
static void sync_folder(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? nps_strndup(path, slash == path ? 1 : (size_t)(slash - path)) : nps_strdup(".");
    int fd = dir ? open(dir, O_RDONLY) : -1;
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    nps_free(dir);
}

/* Write the entries to the new file `fd` (closed here); 0 or an errno. */
static int write_file(const nps_register *r, int fd)
{
    FILE *f = fchmod(fd, 0600) == 0 ? fdopen(fd, "w") : NULL;
    int failed = 0;
    if (!f) {
        failed = errno ? errno : EIO;
        close(fd);
        return failed;
    }
    if (save_entries(r, f) != 0 || fflush(f) != 0 || fsync(fileno(f)) != 0)
        failed = errno ? errno : EIO;
    if (fclose(f) != 0 && !failed)
        failed = errno ? errno : EIO;
    return failed;
}

nps_error nps_register_save(nps_register *r, nps_diag *diag)
{
    nps_strbuf tmp = {0};
    int fd, failed = 0;
    if (r->existed && !r->added)
        return NPS_OK;
    nps_strbuf_addf(&tmp, "%s.new-XXXXXX", r->path);
    if (tmp.failed)
        return NPS_ERR_NOMEM;
    errno = 0;
    if ((fd = mkstemp(tmp.s)) < 0) /* mode 0600 from its creation */
        failed = errno ? errno : EIO;
    else if ((failed = write_file(r, fd)) == 0 && rename(tmp.s, r->path) != 0)
        failed = errno ? errno : EIO;
    if (fd >= 0 && failed)
        nps_remove_partial_file(tmp.s);
    if (!failed) {
        sync_folder(r->path);
        r->existed = true;
        r->added = 0;
    } else {
        nps_diag_set(diag, NPS_ERR_IO, r->path, 0, "cannot write the register: %s", strerror(failed));
    }
    nps_strbuf_free(&tmp);
    return failed ? NPS_ERR_IO : NPS_OK;
}

void nps_register_free(nps_register *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        nps_free(r->entries[i].id);
        nps_free(r->entries[i].name);
        nps_free(r->entries[i].email);
        nps_free(r->entries[i].first_seen);
    }
    for (size_t i = 0; i < r->n_slots; i++)
        nps_free(r->slots[i].key);
    nps_free(r->slots);
    nps_free(r->entries);
    nps_free(r->path);
    nps_free(r);
}
