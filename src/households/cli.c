/* cli.c (households) — the commands on households and residents:
 *
 *   dutydesk import residents FILE [--dry-run]
 *   dutydesk lookup QUERY... [--sheet [-o FILE] [--force] [--width N] [--lines N]
 *                             [--form-feed]]
 *   dutydesk export residents [-o FILE] [--unmasked] [--force]
 *
 * Results go to stdout, messages and the import's row reports to stderr,
 * so `dutydesk lookup 张 > list.tsv` keeps the list clean.  Nothing from the
 * database or a file is written out with a control character in it (it
 * may be a terminal): text_put_clean. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "src/cli_cmds.h"
#include "src/date.h"
#include "src/households/export.h"
#include "src/households/vocab.h"
#include "src/households/household.h"
#include "src/i18n.h"
#include "src/households/import.h"
#include "src/msg.h"
#include "src/outfile.h"
#include "src/households/search.h"
#include "src/sheet.h"
#include "src/store.h"
#include "src/text.h"

/* ---- import ------------------------------------------------------------- */

struct import_view {
    bool tty;             /* stderr is a terminal: draw the progress bar */
    bool bar_shown;       /* a bar is on the last line of stderr */
    struct timespec start;
};

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void clear_bar(struct import_view *v)
{
    if (v->bar_shown) {
        fputs("\r\033[K", stderr);
        v->bar_shown = false;
    }
}

static void on_problem(const struct import_problem *p, void *ctx)
{
    struct import_view *v = ctx;

    clear_bar(v);
    fprintf(stderr, "%s\n", p->text);
}

/* "  42% [########            ]  12345 rows  8200 rows/s" */
static void on_progress(const struct import_progress *p, void *ctx)
{
    enum { BAR = 30 };
    struct import_view *v = ctx;
    double secs = seconds_since(&v->start);
    int pct = p->bytes_total > 0 ? (int)(p->bytes_done * 100 / p->bytes_total) : 100;
    char bar[BAR + 1];
    int filled;

    if (!v->tty)
        return;
    if (pct > 100)
        pct = 100;
    filled = pct * BAR / 100;
    memset(bar, '#', (size_t)filled);
    memset(bar + filled, ' ', (size_t)(BAR - filled));
    bar[BAR] = '\0';
    fputc('\r', stderr);
    fprintf(stderr, _("%3d%% [%s] %ld rows  %.0f rows/s"), pct, bar, p->rows,
            secs > 0 ? (double)p->rows / secs : 0.0);
    v->bar_shown = true;
    if (p->done) { /* the last bar stays, with the total and the rate */
        fputc('\n', stderr);
        v->bar_shown = false;
    }
    fflush(stderr);
}

int cmd_import(struct session *s, int argc, char **argv)
{
    struct import_view view = { .tty = isatty(STDERR_FILENO) == 1 };
    struct import_options opt = { .problem = on_problem, .progress = on_progress, .ctx = &view };
    struct import_result res;
    const char *path = NULL;
    int rc;

    if (argc < 1 || strcmp(argv[0], "residents") != 0)
        return cli_usage_error("%s", _("import needs what to import: dutydesk import residents "
                                       "FILE"));
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--dry-run") == 0)
            opt.dry_run = true;
        else if (argv[i][0] == '-' && argv[i][1] != '\0')
            return cli_usage_error(_("import: unknown option %s"), argv[i]);
        else if (path)
            return cli_usage_error("%s", _("import takes one file at a time"));
        else
            path = argv[i];
    }
    if (!path)
        return cli_usage_error("%s", _("import residents needs the CSV file to read"));
    if (cli_open_work(s) != 0)
        return EXIT_FAIL;

    clock_gettime(CLOCK_MONOTONIC, &view.start);
    rc = import_residents(s->db, path, &opt, &res);
    clear_bar(&view);
    if (rc < 0) /* the reasons, and that nothing was written, have been said */
        return EXIT_FAIL;
    printf(opt.dry_run ? _("dry run, nothing written: %ld new, %ld updated, %ld unchanged "
                           "residents; %ld new households; %ld rows rejected\n")
                       : _("imported: %ld new, %ld updated, %ld unchanged residents; %ld new "
                           "households; %ld rows rejected\n"),
           res.residents_created, res.residents_updated, res.residents_unchanged,
           res.households_created, res.rows_rejected);
    if (res.residents_moved)
        printf(opt.dry_run ? _("  %ld residents would move to another household (named above)\n")
                           : _("  %ld residents moved to another household (named above)\n"),
               res.residents_moved);
    if (res.households_headless)
        printf(opt.dry_run ? _("  %ld households would be left without a head (named above)\n")
                           : _("  %ld households left without a head (named above)\n"),
               res.households_headless);
    printf(_("  the file was read as %s\n"), csv_encoding_name(res.encoding));
    return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

/* ---- lookup ------------------------------------------------------------- */

/* A field of a tab-separated line: tabs and line breaks become spaces,
 * other control characters U+FFFD. */
static void put_field(const char *v, char sep)
{
    char one[512];
    size_t n = 0;

    for (; *v && n + 1 < sizeof one; v++)
        one[n++] = *v == '\t' || *v == '\n' || *v == '\r' ? ' ' : *v;
    one[n] = '\0';
    text_put_clean(stdout, one, NULL);
    putchar(sep);
}

/* The care marks and "moved out", translated, joined with commas. */
static void flag_text(const struct search_hit *h, char *buf, size_t bufsz)
{
    size_t len;

    vocab_join(&hh_vocab_care, h->flags, false, ",", buf, bufsz);
    len = strlen(buf);
    if (h->moved_out && len < bufsz)
        snprintf(buf + len, bufsz - len, "%s%s", len ? "," : "", _("moved out"));
}

static void print_hit(const struct search_hit *h, void *ctx)
{
    char flags[256];

    (void)ctx;
    flag_text(h, flags, sizeof flags);
    printf("%lld\t", (long long)h->household_id);
    put_field(h->address, '\t');
    put_field(h->name, '\t');
    put_field(h->id_masked, '\t');
    put_field(h->phone_masked, '\t');
    put_field(flags, '\n');
}

enum { LOOKUP_MIN_WIDTH = 20 }; /* --width: below this, hardly a column is left */

/* What `lookup` was asked: the query and how to print its hits. */
struct lookup_args {
    char query[512];
    bool sheet;            /* --sheet: a sheet to print, not tab-separated lines */
    const char *path;      /* -o FILE; NULL: standard output */
    bool force;
    int width, lines;      /* --width, --lines */
    bool form_feed;
};

/* A whole number from MIN to MAX in TEXT, into *OUT. */
static bool parse_count(const char *text, int min, int max, int *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < min || v > max)
        return false;
    *out = (int)v;
    return true;
}

/* One option of lookup at ARGV[*I].  EXIT_OK, or the usage error's status. */
static int lookup_option(int argc, char **argv, int *i, struct lookup_args *a)
{
    const char *v = NULL;
    int k;

    if (strcmp(argv[*i], "--sheet") == 0)
        a->sheet = true;
    else if (strcmp(argv[*i], "--force") == 0)
        a->force = true;
    else if (strcmp(argv[*i], "--form-feed") == 0)
        a->form_feed = true;
    else if ((k = cli_option_value(argc, argv, i, "--output", &a->path)) != 0
             || (k = cli_option_value(argc, argv, i, "-o", &a->path)) != 0) {
        if (k < 0)
            return cli_usage_error(_("%s needs a file name"), argv[*i]);
    } else if ((k = cli_option_value(argc, argv, i, "--width", &v)) != 0) {
        if (k < 0 || !parse_count(v, LOOKUP_MIN_WIDTH, SHEET_MAX_WIDTH, &a->width))
            return cli_usage_error(_("--width needs a number of columns from %d to %d"),
                                   LOOKUP_MIN_WIDTH, SHEET_MAX_WIDTH);
    } else if ((k = cli_option_value(argc, argv, i, "--lines", &v)) != 0) {
        if (k < 0 || !parse_count(v, 0, 100000, &a->lines)
            || (a->lines > 0 && a->lines < SHEET_MIN_PAGE_LENGTH))
            return cli_usage_error(_("--lines needs the lines of a page: 0 (no pages) or %d "
                                     "or more"), SHEET_MIN_PAGE_LENGTH);
    } else {
        return cli_usage_error(_("lookup: unknown option %s"), argv[*i]);
    }
    return EXIT_OK;
}

/* Reads lookup's words and options.  EXIT_OK, or the usage error's status.
 * `dutydesk lookup 南苑 12` is one query, as typed in the search box; words
 * starting with '-' are options, and "--" ends them. */
static int lookup_parse(int argc, char **argv, struct lookup_args *a)
{
    size_t len = 0;
    bool options = true;

    memset(a, 0, sizeof *a);
    for (int i = 0; i < argc; i++) {
        int w, st;

        if (options && strcmp(argv[i], "--") == 0) {
            options = false;
            continue;
        }
        if (options && argv[i][0] == '-' && argv[i][1] != '\0') {
            if ((st = lookup_option(argc, argv, &i, a)) != EXIT_OK)
                return st;
            continue;
        }
        w = snprintf(a->query + len, sizeof a->query - len, "%s%s", len ? " " : "", argv[i]);
        if (w < 0 || (size_t)w >= sizeof a->query - len)
            return cli_usage_error("%s", _("lookup: the query is too long"));
        len += (size_t)w;
    }
    if (!*a->query)
        return cli_usage_error("%s", _("lookup needs what to look for: a name, an address, an "
                                       "ID or phone number or its last digits"));
    if (!a->sheet && (a->path || a->force || a->width || a->lines || a->form_feed))
        return cli_usage_error("%s", _("lookup: -o, --force, --width, --lines and --form-feed "
                                       "go with --sheet"));
    if (a->path && strcmp(a->path, "-") == 0)
        a->path = NULL;
    return EXIT_OK;
}

/* Runs the query, handing every hit to FN.  The number of hits, or -1 said. */
static long lookup_run(struct session *s, const char *query,
                       void (*fn)(const struct search_hit *h, void *ctx), void *ctx)
{
    enum { PAGE = 500 };
    long offset = 0;
    int n;

    do {
        n = search_run(s->db, query, (int)offset, PAGE, fn, ctx);
        if (n < 0) {
            msg_error(_("the search failed: %s"), db_errmsg(s->db));
            return -1;
        }
        offset += n;
    } while (n == PAGE);
    return offset;
}

/* ---- lookup as a sheet to print --------------------------------------------- */

enum { LOOK_ADDRESS, LOOK_NAME, LOOK_ID, LOOK_PHONE, LOOK_MARKS, LOOK_NCOLS };

/* The household whose rows are being written, to start a group at the next. */
struct lookup_sheet {
    sheet *sh;
    int64_t household;
};

/* A group a household: the hits come best first, so a household that two
 * kinds of match found may be named twice. */
static void sheet_hit(const struct search_hit *h, void *ctx)
{
    struct lookup_sheet *ls = ctx;
    char marks[256];
    const char *cells[LOOK_NCOLS];

    if (h->household_id != ls->household) {
        sheet_group(ls->sh, h->address);
        ls->household = h->household_id;
    }
    flag_text(h, marks, sizeof marks);
    cells[LOOK_ADDRESS] = h->address;
    cells[LOOK_NAME] = h->resident_id ? h->name : _("(nobody)");
    cells[LOOK_ID] = h->id_masked;
    cells[LOOK_PHONE] = h->phone_masked;
    cells[LOOK_MARKS] = marks;
    sheet_row(ls->sh, cells);
}

/* The community's name: the database's setting, else the configuration's
 * (as the interface's title bar).  Malloc'd, or NULL. */
static char *community_name(struct session *s)
{
    char *name = store_get_setting(s->db, "community");

    if (name && *name)
        return name;
    free(name);
    return strdup(s->cfg.community);
}

/* Writes the sheet of the hits to OUT.  The number of hits, or -1 said. */
static long write_lookup_sheet(struct session *s, const struct lookup_args *a, FILE *out,
                               const char *where)
{
    /* The address is the group's heading: in the rows it is the first
     * column left out when the page is narrow (at 80 columns). */
    const struct sheet_column cols[LOOK_NCOLS] = {
        [LOOK_ADDRESS] = { _("Address"), 22, 30, true, false, 1 },
        [LOOK_NAME] = { _("Name"), 12, 20, true, false, 5 },
        [LOOK_ID] = { _("ID number"), 18, 0, false, false, 4 },
        [LOOK_PHONE] = { _("Phone"), 13, 0, false, false, 3 },
        [LOOK_MARKS] = { _("Marks"), 10, 0, true, false, 2 },
    };
    struct datetime now = clock_now();
    char title[700], written[32], *community = community_name(s);
    struct sheet_spec spec = { .columns = cols, .ncolumns = LOOK_NCOLS, .title = title,
                               .community = community, .written = written,
                               .operator_name = s->operator_name, .page_width = a->width,
                               .page_length = a->lines, .form_feed = a->form_feed };
    struct lookup_sheet ls = { 0 };
    long hits;

    snprintf(title, sizeof title, _("Residents matching «%s»"), a->query);
    snprintf(written, sizeof written, "%04d-%02d-%02d %02d:%02d", now.date.y, now.date.m,
             now.date.d, now.hour, now.min);
    ls.sh = sheet_begin(out, &spec);
    free(community);
    if (!ls.sh) {
        msg_error(_("cannot start the sheet: %s"), strerror(errno));
        return -1;
    }
    hits = lookup_run(s, a->query, sheet_hit, &ls);
    if (sheet_end(&ls.sh) != 0) {
        msg_error(_("cannot write the sheet to %s: %s"), where, strerror(errno));
        return -1;
    }
    return hits;
}

/* lookup --sheet: to standard output, or through a file put in place only
 * when complete (never the database, not over a file without --force). */
static int lookup_sheet(struct session *s, const struct lookup_args *a)
{
    struct outfile o;
    char err[1024];
    long hits;

    /* Checked before the database is opened, so a mistyped -o never
     * touches it. */
    if (a->path && outfile_check(s->db_path, a->path, a->force, NULL, err, sizeof err) != 0) {
        msg_error("%s", err);
        return EXIT_FAIL;
    }
    if (cli_open_read(s) != 0)
        return EXIT_FAIL;
    if (!a->path) {
        hits = write_lookup_sheet(s, a, stdout, _("standard output"));
    } else {
        if (outfile_open(&o, s->db_path, a->path, a->force, err, sizeof err) != 0) {
            msg_error("%s", err);
            return EXIT_FAIL;
        }
        hits = write_lookup_sheet(s, a, o.f, a->path);
        if (hits <= 0) {
            outfile_abort(&o);
        } else if (outfile_commit(&o, err, sizeof err) != 0) {
            msg_error("%s", err);
            return EXIT_FAIL;
        }
    }
    if (hits < 0)
        return EXIT_FAIL;
    if (hits == 0) {
        if (a->path)
            msg_info(_("nobody matches \"%s\"; %s was not written"), a->query, a->path);
        else
            msg_info(_("nobody matches \"%s\""), a->query);
        return EXIT_FAIL;
    }
    if (a->path)
        msg_info(_("wrote the sheet of %ld matches to %s"), hits, a->path);
    return EXIT_OK;
}

int cmd_lookup(struct session *s, int argc, char **argv)
{
    struct lookup_args a;
    int st = lookup_parse(argc, argv, &a);
    long hits;

    if (st != EXIT_OK)
        return st;
    if (a.sheet)
        return lookup_sheet(s, &a);
    if (cli_open_read(s) != 0)
        return EXIT_FAIL;
    printf("household\taddress\tname\tid\tphone\tflags\n");
    hits = lookup_run(s, a.query, print_hit, NULL);
    if (hits < 0)
        return EXIT_FAIL;
    if (hits == 0) {
        msg_info(_("nobody matches \"%s\""), a.query);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

/* ---- export ------------------------------------------------------------- */

/* The export of the residents to OUT; unmasked, recorded in the trail in
 * the same transaction (nothing is exported that is not recorded).  WHERE
 * is the file for the record ("-": standard output).  0, or -1 said. */
static int export_to(struct session *s, FILE *out, const char *where, bool unmasked,
                     long *count)
{
    if (unmasked && db_begin(s->db) != 0) {
        msg_error(_("the export could not start: %s"), db_errmsg(s->db));
        return -1;
    }
    if (export_residents(s->db, out, unmasked, count) != 0) {
        msg_error(_("the export failed: %s"), db_errmsg(s->db));
        if (unmasked)
            db_rollback(s->db);
        return -1;
    }
    if (unmasked && (export_record(s->db, "residents", where, *count) != 0
                     || db_commit(s->db) != 0)) {
        msg_error(_("the export with ID and phone numbers in full could not be recorded in the "
                    "database (%s): it was not written"), db_errmsg(s->db));
        db_rollback(s->db);
        return -1;
    }
    return 0;
}

int cmd_export(struct session *s, int argc, char **argv)
{
    const char *path = NULL;
    bool unmasked = false, force = false;
    struct outfile o;
    char err[1024];
    long count = 0;

    if (argc < 1 || strcmp(argv[0], "residents") != 0)
        return cli_usage_error("%s", _("export needs what to export: dutydesk export residents "
                                       "[-o FILE]"));
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--unmasked") == 0) {
            unmasked = true;
        } else if (strcmp(argv[i], "--force") == 0) {
            force = true;
        } else if (strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) {
            if (++i >= argc)
                return cli_usage_error(_("%s needs a file name"), argv[i - 1]);
            path = argv[i];
        } else if (strncmp(argv[i], "--output=", 9) == 0) {
            path = argv[i] + 9;
        } else {
            return cli_usage_error(_("export: unknown argument %s"), argv[i]);
        }
    }
    if (path && strcmp(path, "-") == 0)
        path = NULL;
    /* Checked before the database is opened, so a mistyped -o never
     * touches it. */
    if (path && outfile_check(s->db_path, path, force, NULL, err, sizeof err) != 0) {
        msg_error("%s", err);
        return EXIT_FAIL;
    }
    if (cli_open_read(s) != 0)
        return EXIT_FAIL;
    if (unmasked && store_readonly(s->db)) {
        msg_error(_("%s is open read-only: an export with ID and phone numbers in full is "
                    "recorded in it, so it cannot be made now (a masked export can)"),
                  s->db_path);
        return EXIT_FAIL;
    }
    if (!path) {
        if (export_to(s, stdout, "-", unmasked, &count) != 0)
            return EXIT_FAIL;
        if (fflush(stdout) != 0 || ferror(stdout)) {
            msg_error(_("cannot write the export: %s"), strerror(errno));
            return EXIT_FAIL;
        }
        return EXIT_OK;
    }
    if (outfile_open(&o, s->db_path, path, force, err, sizeof err) != 0) {
        msg_error("%s", err);
        return EXIT_FAIL;
    }
    if (export_to(s, o.f, path, unmasked, &count) != 0) {
        outfile_abort(&o);
        return EXIT_FAIL;
    }
    if (outfile_commit(&o, err, sizeof err) != 0) {
        msg_error("%s", err);
        return EXIT_FAIL;
    }
    msg_info(unmasked ? _("wrote %ld residents to %s, ID and phone numbers in full: keep the "
                          "file safe")
                      : _("wrote %ld residents to %s (ID and phone numbers masked)"),
             count, path);
    return EXIT_OK;
}
