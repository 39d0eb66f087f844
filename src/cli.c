/* cli.c — options, commands and exit codes of the command line. */
#include "src/cli.h"
#include "src/cli_cmds.h"

#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/migrate.h"
#include "src/date.h"
#include "src/i18n.h"
#include "src/msg.h"
#include "src/outfile.h"
#include "src/pinyin.h"
#include "src/store.h"

struct options {
    const char *db_path;
    const char *config_path;
    const char *operator_name;
};

struct command {
    const char *name;
    int (*run)(struct session *s, int argc, char **argv);
    const char *usage;   /* N_() */
    const char *summary; /* N_() */
    bool available;
};

int cli_usage_error(const char *fmt, ...)
{
    char text[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    msg_error(_("%s (see dutydesk --help)"), text);
    return EXIT_USAGE;
}

/* ---- locale ------------------------------------------------------------ */

static bool utf8_codeset(void)
{
    const char *cs = nl_langinfo(CODESET);

    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* The program needs a UTF-8 locale: the person's own, else C.UTF-8. */
static bool setup_locale(void)
{
    setlocale(LC_ALL, "");
    if (!utf8_codeset() && !setlocale(LC_CTYPE, "C.UTF-8"))
        return false;
    if (!utf8_codeset())
        return false;
    i18n_init();
    return true;
}

/* ---- the session ------------------------------------------------------- */

void session_set_operator(struct session *s, const char *name)
{
    snprintf(s->operator_name, sizeof s->operator_name, "%s", name);
    if (s->db)
        db_set_actor(s->db, s->operator_name);
}

static void default_operator(struct session *s, const struct options *o)
{
    const char *name = o->operator_name;
    const struct passwd *pw;

    if (!name || !*name)
        name = s->cfg.operator_name;
    if (!*name)
        name = getenv("USER");
    if (!name || !*name) {
        pw = getpwuid(getuid());
        name = pw ? pw->pw_name : "unknown";
    }
    session_set_operator(s, name);
}

static int open_store_as(struct session *s, enum store_mode mode)
{
    char err[1024];

    s->db = store_open(s->db_path, mode, s->operator_name, err, sizeof err);
    if (!s->db) {
        msg_error("%s", err);
        return -1;
    }
    return 0;
}

int cli_open_store(struct session *s, bool create)
{
    return open_store_as(s, create ? STORE_CREATE : STORE_EXISTING);
}

static bool file_exists(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0;
}

/* ---- commands ---------------------------------------------------------- */

static int cmd_init(struct session *s, int argc, char **argv)
{
    bool demo = false;

    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--demo") == 0)
            demo = true;
        else
            return cli_usage_error(_("init: unknown argument %s"), argv[i]);
    }
    if (file_exists(s->db_path)) {
        msg_error(_("%s already exists; nothing was changed"), s->db_path);
        return EXIT_FAIL;
    }
    if (cli_open_store(s, true) != 0)
        return EXIT_FAIL;
    if (demo && store_fill_demo(s->db, s->cfg.community) != 0) {
        msg_error(_("cannot fill the demo community: %s"), db_errmsg(s->db));
        return EXIT_FAIL;
    }
    if (!demo && *s->cfg.community && store_set_setting(s->db, "community", s->cfg.community) != 0) {
        msg_error(_("cannot save the community name: %s"), db_errmsg(s->db));
        return EXIT_FAIL;
    }
    printf(demo ? _("Created %s with a demo community.\n") : _("Created %s.\n"), s->db_path);
    return EXIT_OK;
}

static void print_problem(const char *problem, void *ctx)
{
    printf("%s: %s\n", (const char *)ctx, problem);
}

static int cmd_check(struct session *s, int argc, char **argv)
{
    char err[1024];
    int problems, version;

    if (argc > 0)
        return cli_usage_error(_("check: unknown argument %s"), argv[0]);
    s->db = db_open(s->db_path, DB_OPEN_READ, err, sizeof err);
    if (!s->db) {
        msg_error("%s", err);
        return EXIT_FAIL;
    }
    problems = db_check(s->db, print_problem, s->db_path);
    if (problems < 0) {
        msg_error(_("%s: the check could not run: %s"), s->db_path, db_errmsg(s->db));
        return EXIT_FAIL;
    }
    version = db_user_version(s->db);
    if (version > db_schema_version()) {
        printf(_("%s: written by a newer version of dutydesk (schema %d)\n"), s->db_path, version);
        problems++;
    }
    if (problems > 0) {
        msg_error(_("%s: %d problem(s) found; restore the last good backup"), s->db_path, problems);
        return EXIT_FAIL;
    }
    printf(_("%s: ok\n"), s->db_path);
    return EXIT_OK;
}

static int cmd_backup(struct session *s, int argc, char **argv)
{
    const char *dest = NULL;
    bool force = false;
    char err[1024];

    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--force") == 0)
            force = true;
        else if (argv[i][0] == '-' && argv[i][1] != '\0')
            return cli_usage_error(_("backup: unknown option %s"), argv[i]);
        else if (dest)
            return cli_usage_error("%s", _("backup needs exactly one argument: the file to "
                                           "write"));
        else
            dest = argv[i];
    }
    if (!dest)
        return cli_usage_error("%s", _("backup needs exactly one argument: the file to write"));
    if (outfile_check(s->db_path, dest, force, NULL, err, sizeof err) != 0) {
        msg_error("%s", err);
        return EXIT_FAIL;
    }
    s->db = db_open(s->db_path, DB_OPEN_READ, err, sizeof err);
    if (!s->db) {
        msg_error("%s", err);
        return EXIT_FAIL;
    }
    if (db_backup(s->db, dest) != 0) {
        msg_error(_("backup to %s failed: %s"), dest, db_errmsg(s->db));
        return EXIT_FAIL;
    }
    printf(_("Backed up %s to %s.\n"), s->db_path, dest);
    return EXIT_OK;
}

static const struct command commands[] = {
    { "init", cmd_init, "init [--demo]",
      N_("create the database (--demo: a sample community)"), true },
    { "check", cmd_check, "check", N_("integrity check of the database"), true },
    { "backup", cmd_backup, "backup FILE [--force]", N_("online copy of the database"), true },
    { "import", cmd_import, "import residents FILE [--dry-run]",
      N_("households and residents from a spreadsheet CSV"), true },
    { "lookup", cmd_lookup,
      "lookup QUERY [--sheet [-o F] [--force] [--width N] [--lines N] [--form-feed]]",
      N_("matching residents, tab-separated, or a sheet to print (--sheet)"), true },
    { "quarantine", NULL, "quarantine list", N_("quarantine lists, tab-separated"), false },
    { "roster", NULL, "roster show", N_("the roster of a day or range"), false },
    { "summary", NULL, "summary [--date D] [-o F]", N_("the daily summary as text"), false },
    { "export", cmd_export, "export residents [-o F] [--unmasked] [--force]",
      N_("a list as CSV for Excel and WPS"), true },
};

static void print_help(void)
{
    printf(_("Usage: dutydesk [--db PATH] [--config PATH] [--operator NAME] [COMMAND ...]\n"
             "\n"
             "The duty desk of a residential community: households, quarantine lists,\n"
             "checkpoint rosters, supply orders and the daily summary.\n"
             "Without a command, opens the terminal interface.\n"
             "\n"
             "Commands:\n"));
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        printf("  %s\n        %s%s\n", commands[i].usage, _(commands[i].summary),
               commands[i].available ? "" : _(" (not available yet)"));
    printf(_("\n"
             "Options:\n"
             "  --db PATH         the database (default: $XDG_DATA_HOME/dutydesk/dutydesk.db)\n"
             "  --config PATH     the configuration file (see dutydesk.conf(5))\n"
             "  --operator NAME   who is working; recorded with every change\n"
             "  --help            this help\n"
             "  --version         the version\n"
             "\n"
             "Exit status: 0 success, 1 the work failed or input was rejected, 2 usage error.\n"
             "See dutydesk(1).\n"));
}

/* ---- option parsing ---------------------------------------------------- */

int cli_option_value(int argc, char **argv, int *i, const char *name, const char **val)
{
    size_t n = strlen(name);

    if (strncmp(argv[*i], name, n) != 0)
        return 0;
    if (argv[*i][n] == '=') {
        *val = argv[*i] + n + 1;
        return 1;
    }
    if (argv[*i][n] != '\0')
        return 0;
    if (*i + 1 >= argc)
        return -1;
    *val = argv[++*i];
    return 1;
}

/* Parses the options before the command.  Returns the index of the command
 * (argc when none), or -1 after printing a usage error, or -2 for
 * --help/--version (already handled). */
static int parse_options(int argc, char **argv, struct options *o, int *status)
{
    static const char *const names[] = { "--db", "--config", "--operator" };
    const char **targets[] = { &o->db_path, &o->config_path, &o->operator_name };
    int i;

    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        int matched = 0;

        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            print_help();
            *status = EXIT_OK;
            return -2;
        }
        if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0) {
            printf("dutydesk %s\n", DD_VERSION);
            *status = EXIT_OK;
            return -2;
        }
        for (size_t k = 0; k < sizeof names / sizeof names[0] && !matched; k++) {
            matched = cli_option_value(argc, argv, &i, names[k], targets[k]);
            if (matched < 0) {
                *status = cli_usage_error(_("%s needs a value"), names[k]);
                return -1;
            }
        }
        if (!matched) {
            *status = cli_usage_error(_("unknown option %s"), argv[i]);
            return -1;
        }
    }
    return i;
}

static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static int setup_session(struct session *s, const struct options *o)
{
    char err[1024];

    memset(s, 0, sizeof *s);
    cfg_defaults(&s->cfg);
    if (cfg_load(&s->cfg, o->config_path, err, sizeof err) != 0) {
        msg_error("%s", err);
        return EXIT_FAIL;
    }
    if (o->db_path && *o->db_path)
        snprintf(s->db_path, sizeof s->db_path, "%s", o->db_path);
    else if (*s->cfg.database)
        snprintf(s->db_path, sizeof s->db_path, "%s", s->cfg.database);
    else
        cfg_default_db_path(s->db_path, sizeof s->db_path);
    s->db_explicit = (o->db_path && *o->db_path) || *s->cfg.database;
    default_operator(s, o);
    return EXIT_OK;
}

/* The interface and the commands that work on the community open the
 * database this way: a missing default database is created (the first
 * start), a missing one named with --db or in the config file is not (a
 * typo must not look like an empty community). */
int cli_open_work(struct session *s)
{
    if (!file_exists(s->db_path) && s->db_explicit) {
        msg_error(_("%s does not exist; create it with: dutydesk --db %s init"), s->db_path,
                  s->db_path);
        return -1;
    }
    return cli_open_store(s, !s->db_explicit);
}

int cli_open_read(struct session *s)
{
    if (!file_exists(s->db_path) && s->db_explicit) {
        msg_error(_("%s does not exist; create it with: dutydesk --db %s init"), s->db_path,
                  s->db_path);
        return -1;
    }
    return open_store_as(s, file_exists(s->db_path) ? STORE_READ : STORE_CREATE);
}

static int run_interface(struct session *s, cli_ui_fn run_ui)
{
    if (!run_ui) {
        msg_error("%s", _("this program has no terminal interface"));
        return EXIT_FAIL;
    }
    if (cli_open_read(s) != 0) /* read-only when it cannot be written: the interface says so */
        return EXIT_FAIL;
    return run_ui(s);
}

int cli_main(int argc, char **argv, cli_ui_fn run_ui)
{
    struct options o = { 0 };
    struct session *s;
    const struct command *cmd;
    char why[256];
    int status = EXIT_OK;
    int at;

    if (!setup_locale()) {
        fprintf(stderr, "dutydesk: needs a UTF-8 locale (for example LANG=C.UTF-8 or "
                        "zh_CN.UTF-8), and none is available on this system\n");
        return EXIT_FAIL;
    }
    at = parse_options(argc, argv, &o, &status);
    if (at < 0)
        return status;
    if (!clock_init(why, sizeof why)) {
        msg_error("%s", why);
        return EXIT_USAGE;
    }
    cmd = at < argc ? find_command(argv[at]) : NULL;
    if (at < argc && !cmd)
        return cli_usage_error(_("unknown command %s"), argv[at]);
    if (cmd && !cmd->available) {
        msg_error(_("the command \"%s\" is not available in this version yet"), cmd->name);
        return EXIT_FAIL;
    }

    s = calloc(1, sizeof *s);
    if (!s) {
        msg_error("%s", _("out of memory"));
        return EXIT_FAIL;
    }
    status = setup_session(s, &o);
    if (status == EXIT_OK && cmd && *s->cfg.warning)
        msg_warn("%s", s->cfg.warning); /* the interface shows it on its status line */
    if (status == EXIT_OK)
        status = cmd ? cmd->run(s, argc - at - 1, argv + at + 1) : run_interface(s, run_ui);
    if (s->db)
        db_close(&s->db);
    free(s);
    pinyin_cleanup();
    return status;
}
