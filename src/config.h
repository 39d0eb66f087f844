/* config.h — the typed settings, read once from a libconfig file.
 *
 * Where the file comes from (first found wins):
 *   --config PATH (must exist), $XDG_CONFIG_HOME/dutydesk/dutydesk.conf
 *   (~/.config when XDG_CONFIG_HOME is unset), /etc/dutydesk.conf, else the
 *   built-in defaults.
 *
 * One table in config.c lists every setting with its type, default and
 * limits; man/dutydesk.conf.5 and conf/dutydesk.conf document the same
 * table.  An unknown setting, a wrong type or a value out of range is an
 * error naming the file and line ("dutydesk.conf:12: ...").  A UTF-8 BOM at
 * the start of the file is accepted.
 *
 * Further rules of the loader:
 *   - on any error nothing of the file is used: C is left as it was;
 *   - text must be UTF-8 without control characters, and a string longer
 *     than its member is refused ("... is too long (at most N bytes)"),
 *     never cut;
 *   - a leading "~/" in `database` is replaced by the home directory at load
 *     time, so c->database is ready to open;
 *   - shift times are stored as "HH:MM" ("8:00" is read as "08:00"); start
 *     and end differ; shift names are not empty and differ;
 *   - `keys` entries keep the file's order; an entry for an action already
 *     in C (from an earlier load) replaces it, others are appended;
 *   - @include is refused: libconfig never opens a file itself. */
#ifndef DD_CONFIG_H
#define DD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define CFG_MAX_SHIFTS 4
#define CFG_MAX_KEYS 64
#define CFG_STR 256

struct cfg_shift {
    char name[64];  /* "白班" */
    char start[6];  /* "08:00" */
    char end[6];    /* "20:00" (may be earlier than start: ends next day) */
};

struct cfg_key {
    char action[64]; /* action name: "quit", or a screen's "households.move" */
    char keys[64];   /* key names, comma-separated ("F10,q") */
    int line;        /* where in the file, for errors found later */
};

struct config {
    char source[CFG_STR];       /* the file read, "" for built-in defaults */
    char community[CFG_STR];    /* community name shown in the title */
    char database[CFG_STR];     /* database path, "" for the XDG default */
    char operator_name[CFG_STR];/* default operator, "" for the login name */
    int home_days;              /* 居家隔离: 14 */
    int central_days;           /* 集中隔离: 14 */
    int monitor_days;           /* 居家健康监测: 7 */
    double fever_threshold;     /* 37.3 */
    int teams;                  /* rotating teams: 3 */
    int min_staff;              /* minimum staff per shift: 2 */
    int nshifts;
    struct cfg_shift shifts[CFG_MAX_SHIFTS]; /* 08:00-20:00, 20:00-08:00 */
    bool colors;
    int nkeys;
    struct cfg_key keys[CFG_MAX_KEYS];
    char warning[CFG_STR + 256]; /* cfg_load: a default file skipped, and why; "" */
};

/* The built-in defaults. */
void cfg_defaults(struct config *c);

/* Reads PATH over the defaults already in C.  Returns 0, or -1 with one
 * line "FILE:LINE: reason" in ERR (FILE as given in PATH).  On success
 * c->source is PATH. */
int cfg_load_file(struct config *c, const char *path, char *err, size_t errsz);

/* The same from a string in memory; NAME stands for the file in errors and
 * becomes c->source. */
int cfg_load_string(struct config *c, const char *text, const char *name, char *err, size_t errsz);

/* Finds and reads the configuration as described above.  EXPLICIT is the
 * --config argument or NULL.  Returns 0, or -1 with a reason in ERR.  The
 * file asked for with EXPLICIT must be read (else an error); of the files
 * looked for by default, one that cannot be reached is taken as absent and
 * one that exists but cannot be read is skipped, said in c->warning (the
 * program goes on with the built-in settings).  With no file, c->source is
 * "" and C keeps what it held (the defaults). */
int cfg_load(struct config *c, const char *explicit_path, char *err, size_t errsz);

/* The path where the file would be looked for first (XDG), for messages.
 * An XDG variable that is unset, empty or not absolute is ignored, and
 * $HOME (else the password database) is used; BUF gets "" when no home
 * directory is known or BUF is too small.  The same for the next one. */
void cfg_user_path(char *buf, size_t bufsz);

/* The default database path: $XDG_DATA_HOME/dutydesk/dutydesk.db
 * (~/.local/share when XDG_DATA_HOME is unset). */
void cfg_default_db_path(char *buf, size_t bufsz);

/* Describes the table of settings (for --help-config and the man page
 * check): calls FN once per setting with its path, type, default and
 * meaning.  TYPE includes the limits ("whole number 1..60"); TYPE and HELP
 * are translated, PATH and DFLT ("14", "\"\"", "true") are not. */
void cfg_describe(void (*fn)(const char *path, const char *type, const char *dflt,
                             const char *help, void *ctx),
                  void *ctx);

#endif
