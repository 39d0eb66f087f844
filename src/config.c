/* config.c — the typed settings: one table drives the defaults, the loading,
 * the validation and cfg_describe.  See config.h for the contract and
 * man/dutydesk.conf.5 for the documentation of the same table. */
#include "src/config.h"

#include <errno.h>
#include <sys/stat.h>
#include <libconfig.h>
#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/i18n.h"

#include "gen/paths.h" /* DD_SYSCONFDIR, from the Makefile */

/* A configuration file is a few kilobytes; anything bigger is a mistake. */
#define CFG_MAX_FILE (1024 * 1024)

/* ---- the table -------------------------------------------------------- */

enum kind {
    K_STRING, /* a string into a char[] member */
    K_PATH,   /* a string with a leading "~/" expanded to the home directory */
    K_INT,    /* an int member, MIN..MAX */
    K_FLOAT,  /* a double member, MIN..MAX; an integer value is accepted */
    K_BOOL,   /* a bool member */
    K_SHIFTS, /* a list of MIN..MAX shift groups into struct cfg_shift[] */
    K_KEYS,   /* a group of action = "key names" into struct cfg_key[] */
};

struct setting {
    const char *path;     /* "quarantine.home_days" */
    enum kind kind;
    size_t offset;        /* of the member in struct config */
    size_t size;          /* of the member (strings: the buffer) */
    size_t count_offset;  /* K_SHIFTS, K_KEYS: the int that counts entries */
    double min, max;      /* K_INT, K_FLOAT; K_SHIFTS: entries */
    double dflt;          /* K_INT, K_FLOAT, K_BOOL */
    const char *dflt_str; /* K_STRING, K_PATH */
    const char *help;     /* N_() text */
};

#define MEMBER(m) .offset = offsetof(struct config, m), .size = sizeof(((struct config *)0)->m)

static const struct cfg_shift default_shifts[] = {
    {"白班", "08:00", "20:00"},
    {"夜班", "20:00", "08:00"},
};

static const struct setting settings[] = {
    {.path = "community", .kind = K_STRING, MEMBER(community), .dflt_str = "",
     .help = N_("community name shown in the title bar")},
    {.path = "database", .kind = K_PATH, MEMBER(database), .dflt_str = "",
     .help = N_("database file; \"\" means $XDG_DATA_HOME/dutydesk/dutydesk.db; "
                "a leading ~/ stands for the home directory")},
    {.path = "operator", .kind = K_STRING, MEMBER(operator_name), .dflt_str = "",
     .help = N_("name recorded as the operator when --operator is not given; "
                "\"\" means the login name")},
    {.path = "quarantine.home_days", .kind = K_INT, MEMBER(home_days), .min = 1, .max = 60,
     .dflt = 14, .help = N_("days of home quarantine")},
    {.path = "quarantine.central_days", .kind = K_INT, MEMBER(central_days), .min = 1,
     .max = 60, .dflt = 14, .help = N_("days of centralised quarantine")},
    {.path = "quarantine.monitor_days", .kind = K_INT, MEMBER(monitor_days), .min = 1,
     .max = 60, .dflt = 7, .help = N_("days of home health monitoring")},
    {.path = "health.fever_threshold", .kind = K_FLOAT, MEMBER(fever_threshold), .min = 35.0,
     .max = 42.0, .dflt = 37.3,
     .help = N_("body temperature in degrees Celsius at or above which a health check "
                "counts as fever")},
    {.path = "roster.teams", .kind = K_INT, MEMBER(teams), .min = 1, .max = 10, .dflt = 3,
     .help = N_("number of duty teams that take the shifts in turn")},
    {.path = "roster.min_staff", .kind = K_INT, MEMBER(min_staff), .min = 1, .max = 50,
     .dflt = 2,
     .help = N_("fewest staff a checkpoint needs on each shift; fewer shows as uncovered")},
    {.path = "roster.shifts", .kind = K_SHIFTS, MEMBER(shifts),
     .count_offset = offsetof(struct config, nshifts), .min = 1, .max = CFG_MAX_SHIFTS,
     .help = N_("the shifts of a duty day, each with a name, a start and an end (HH:MM); "
                "an end before the start is on the next day")},
    {.path = "ui.colors", .kind = K_BOOL, MEMBER(colors), .dflt = 1,
     .help = N_("use colours when the terminal has them")},
    {.path = "keys", .kind = K_KEYS, MEMBER(keys),
     .count_offset = offsetof(struct config, nkeys), .max = CFG_MAX_KEYS,
     .help = N_("key overrides: action = \"key names, separated by commas\"")},
};

#define NSETTINGS (sizeof settings / sizeof settings[0])

static void *member(struct config *c, const struct setting *e)
{
    return (char *)c + e->offset;
}

static int *counter(struct config *c, const struct setting *e)
{
    return (int *)(void *)((char *)c + e->count_offset);
}

/* ---- defaults ---------------------------------------------------------- */

static void set_default(struct config *c, const struct setting *e)
{
    void *m = member(c, e);

    switch (e->kind) {
    case K_STRING:
    case K_PATH:
        snprintf(m, e->size, "%s", e->dflt_str);
        break;
    case K_INT:
        *(int *)m = (int)e->dflt;
        break;
    case K_FLOAT:
        *(double *)m = e->dflt;
        break;
    case K_BOOL:
        *(bool *)m = e->dflt != 0;
        break;
    case K_SHIFTS:
        memcpy(m, default_shifts, sizeof default_shifts);
        *counter(c, e) = (int)(sizeof default_shifts / sizeof default_shifts[0]);
        break;
    case K_KEYS:
        *counter(c, e) = 0;
        break;
    }
}

void cfg_defaults(struct config *c)
{
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < NSETTINGS; i++)
        set_default(c, &settings[i]);
}

/* ---- errors ------------------------------------------------------------ */

struct loader {
    struct config *c;
    const char *name; /* the file as given, for messages */
    char *err;
    size_t errsz;
};

static void put_err(char *err, size_t errsz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void put_err(char *err, size_t errsz, const char *fmt, ...)
{
    va_list ap;

    if (!err || errsz == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
}

/* "NAME:LINE: " followed by the message; always returns -1. */
static int fail_at(struct loader *ld, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail_at(struct loader *ld, int line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    put_err(ld->err, ld->errsz, "%s:%d: %s", ld->name, line, msg);
    return -1;
}

static int line_of(const config_setting_t *s)
{
    return (int)config_setting_source_line(s);
}

static int unknown(struct loader *ld, const config_setting_t *s, const char *path)
{
    return fail_at(ld, line_of(s), _("unknown setting \"%s\" (see dutydesk.conf(5))"), path);
}

/* The current locale with C numbers, so that "37.3" means the same
 * everywhere; (locale_t)0 when it cannot be made. */
static locale_t c_numeric(void)
{
    locale_t base = duplocale(uselocale((locale_t)0));
    locale_t l;

    if (!base)
        return (locale_t)0;
    l = newlocale(LC_NUMERIC_MASK, "C", base);
    if (!l)
        freelocale(base);
    return l;
}

/* ---- value checks ------------------------------------------------------ */

/* Is S valid UTF-8 (no overlong forms, surrogates or values past U+10FFFF)? */
static bool valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    while (*p) {
        int n;
        uint32_t cp;

        if (*p < 0x80) {
            p++;
            continue;
        }
        if (*p >= 0xc2 && *p <= 0xdf) {
            n = 1, cp = *p & 0x1f;
        } else if (*p >= 0xe0 && *p <= 0xef) {
            n = 2, cp = *p & 0x0f;
        } else if (*p >= 0xf0 && *p <= 0xf4) {
            n = 3, cp = *p & 0x07;
        } else {
            return false;
        }
        p++;
        for (int i = 0; i < n; i++, p++) {
            if ((*p & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (*p & 0x3f);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return false;
    }
    return true;
}

/* Does S hold an ASCII control character (a title bar has one line)? */
static bool has_control(const char *s)
{
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return true;
    }
    return false;
}

/* The text of string setting S, or NULL after reporting why it is refused. */
static const char *check_string(struct loader *ld, const config_setting_t *s, const char *path)
{
    const char *v;

    if (config_setting_type(s) != CONFIG_TYPE_STRING) {
        fail_at(ld, line_of(s), _("%s must be text in double quotes, like %s = \"...\";"), path,
                config_setting_name(s) ? config_setting_name(s) : path);
        return NULL;
    }
    v = config_setting_get_string(s);
    if (!valid_utf8(v)) {
        fail_at(ld, line_of(s), _("%s is not UTF-8 text; save the file in the UTF-8 encoding"),
                path);
        return NULL;
    }
    if (has_control(v)) {
        fail_at(ld, line_of(s), _("%s must not contain control characters such as \\n or \\t"),
                path);
        return NULL;
    }
    return v;
}

static int too_long(struct loader *ld, const config_setting_t *s, const char *path,
                    size_t dstsz)
{
    return fail_at(ld, line_of(s), _("%s is too long (at most %zu bytes)"), path, dstsz - 1);
}

/* Copies the string setting S into DST (DSTSZ bytes), or reports why not. */
static int take_string(struct loader *ld, const config_setting_t *s, const char *path,
                       char *dst, size_t dstsz)
{
    const char *v = check_string(ld, s, path);

    if (!v)
        return -1;
    if (strlen(v) >= dstsz)
        return too_long(ld, s, path, dstsz);
    memcpy(dst, v, strlen(v) + 1);
    return 0;
}

static bool get_whole(const config_setting_t *s, long long *v)
{
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_INT:
        *v = config_setting_get_int(s);
        return true;
    case CONFIG_TYPE_INT64:
        *v = config_setting_get_int64(s);
        return true;
    default:
        return false;
    }
}

static bool get_number(const config_setting_t *s, double *v)
{
    long long w;

    if (get_whole(s, &w)) {
        *v = (double)w;
        return true;
    }
    if (config_setting_type(s) != CONFIG_TYPE_FLOAT)
        return false;
    *v = config_setting_get_float(s);
    return true;
}

/* Accepts "H:MM" or "HH:MM" (00:00 to 23:59) and writes "HH:MM" to OUT. */
static bool parse_time(const char *s, char out[6])
{
    int h = 0, digits = 0;

    while (*s >= '0' && *s <= '9' && digits < 3) {
        h = h * 10 + (*s++ - '0');
        digits++;
    }
    if (digits < 1 || digits > 2 || *s++ != ':')
        return false;
    if (!(s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] == '\0'))
        return false;
    if (h > 23 || s[0] > '5')
        return false;
    out[0] = (char)('0' + h / 10);
    out[1] = (char)('0' + h % 10);
    out[2] = ':';
    out[3] = s[0];
    out[4] = s[1];
    out[5] = '\0';
    return true;
}

/* The home directory: $HOME when it is an absolute path, else the password
 * database.  False (and "") when unknown or BUF is too small. */
static bool home_dir(char *buf, size_t bufsz)
{
    const char *home = getenv("HOME");
    struct passwd *pw;

    if (!home || home[0] != '/') {
        pw = getpwuid(getuid());
        home = pw && pw->pw_dir && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
    }
    if (!home || (size_t)snprintf(buf, bufsz, "%s", home) >= bufsz) {
        if (bufsz)
            buf[0] = '\0';
        return false;
    }
    return true;
}

/* ---- loading the kinds -------------------------------------------------- */

static int load_path(struct loader *ld, const struct setting *e, const config_setting_t *s)
{
    const char *v = check_string(ld, s, e->path);
    char *dst = member(ld->c, e);
    char home[4096];
    size_t hl;

    if (!v)
        return -1;
    if (strncmp(v, "~/", 2) != 0)
        return take_string(ld, s, e->path, dst, e->size);
    if (!home_dir(home, sizeof home))
        return fail_at(ld, line_of(s),
                       _("%s starts with ~/ but the home directory is unknown "
                         "(HOME is not set); write the full path"),
                       e->path);
    hl = strlen(home);
    while (hl > 1 && home[hl - 1] == '/')
        home[--hl] = '\0';
    if (strcmp(home, "/") == 0)
        home[--hl] = '\0';
    if (hl + strlen(v + 1) >= e->size)
        return fail_at(ld, line_of(s),
                       _("%s is too long once ~ is replaced by %s (at most %zu bytes)"),
                       e->path, home, e->size - 1);
    snprintf(dst, e->size, "%s%s", home, v + 1);
    return 0;
}

static int load_int(struct loader *ld, const struct setting *e, const config_setting_t *s)
{
    long long v;

    if (!get_whole(s, &v) || v < (long long)e->min || v > (long long)e->max)
        return fail_at(ld, line_of(s), _("%s must be a whole number from %d to %d"), e->path,
                       (int)e->min, (int)e->max);
    *(int *)member(ld->c, e) = (int)v;
    return 0;
}

static int load_float(struct loader *ld, const struct setting *e, const config_setting_t *s)
{
    double v;

    if (!get_number(s, &v) || !(v >= e->min && v <= e->max))
        return fail_at(ld, line_of(s), _("%s must be a number from %.1f to %.1f"), e->path,
                       e->min, e->max);
    *(double *)member(ld->c, e) = v;
    return 0;
}

static int load_bool(struct loader *ld, const struct setting *e, const config_setting_t *s)
{
    if (config_setting_type(s) != CONFIG_TYPE_BOOL)
        return fail_at(ld, line_of(s), _("%s must be true or false"), e->path);
    *(bool *)member(ld->c, e) = config_setting_get_bool(s) != 0;
    return 0;
}

static int load_time(struct loader *ld, const config_setting_t *s, const char *path,
                     char out[6])
{
    if (config_setting_type(s) != CONFIG_TYPE_STRING ||
        !parse_time(config_setting_get_string(s), out))
        return fail_at(ld, line_of(s), _("%s must be a time like 08:00"), path);
    return 0;
}

/* One element of roster.shifts: { name = "..."; start = "HH:MM"; end = "HH:MM"; } */
static int load_shift(struct loader *ld, const config_setting_t *g, const char *path,
                      struct cfg_shift *sh)
{
    static const char *const need[] = {"name", "start", "end"};
    char sub[256];

    if (!config_setting_is_group(g))
        return fail_at(ld, line_of(g),
                       _("%s must be a group like { name = \"Day\"; start = \"08:00\"; "
                         "end = \"20:00\"; }"),
                       path);
    memset(sh, 0, sizeof *sh);
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(s);
        int rc;

        snprintf(sub, sizeof sub, "%s.%s", path, name);
        if (strcmp(name, "name") == 0) {
            rc = take_string(ld, s, sub, sh->name, sizeof sh->name);
            if (rc == 0 && sh->name[0] == '\0')
                rc = fail_at(ld, line_of(s), _("%s must not be empty"), sub);
        } else if (strcmp(name, "start") == 0) {
            rc = load_time(ld, s, sub, sh->start);
        } else if (strcmp(name, "end") == 0) {
            rc = load_time(ld, s, sub, sh->end);
        } else {
            rc = unknown(ld, s, sub);
        }
        if (rc < 0)
            return -1;
    }
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
        if (!config_setting_get_member(g, need[i]))
            return fail_at(ld, line_of(g), _("%s has no %s; every shift needs name, start and end"),
                           path, need[i]);
    }
    if (strcmp(sh->start, sh->end) == 0)
        return fail_at(ld, line_of(config_setting_get_member(g, "end")),
                       _("%s.end must differ from its start"), path);
    return 0;
}

static int load_shifts(struct loader *ld, const struct setting *e, const config_setting_t *s)
{
    struct cfg_shift got[CFG_MAX_SHIFTS];
    char path[128];
    int n;

    if (!config_setting_is_list(s) && !config_setting_is_array(s))
        return fail_at(ld, line_of(s), _("%s must be a list in parentheses: %s = ( { ... }, ... );"),
                       e->path, config_setting_name(s));
    n = config_setting_length(s);
    if (n < (int)e->min || n > (int)e->max)
        return fail_at(ld, line_of(s), _("%s must list from %d to %d shifts"), e->path,
                       (int)e->min, (int)e->max);
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(s, (unsigned)i);

        snprintf(path, sizeof path, "%s[%d]", e->path, i);
        if (load_shift(ld, g, path, &got[i]) < 0)
            return -1;
        for (int j = 0; j < i; j++) {
            if (strcmp(got[j].name, got[i].name) == 0)
                return fail_at(ld, line_of(config_setting_get_member(g, "name")),
                               _("%s.name \"%s\" is already used by %s[%d]"), path,
                               got[i].name, e->path, j);
        }
    }
    memcpy(member(ld->c, e), got, sizeof got[0] * (size_t)n);
    *counter(ld->c, e) = n;
    return 0;
}

/* keys = { action = "F10,q"; screen = { action = "m"; }; ... }: replaces
 * an earlier entry for the same action, else appends.  A screen's action
 * is kept as "screen.action".  SCREEN: the group's name inside keys, or
 * NULL at the top. */
static int load_keys_in(struct loader *ld, const struct setting *e, const config_setting_t *g,
                        const char *screen)
{
    struct cfg_key *keys = member(ld->c, e);
    int *n = counter(ld->c, e);
    char path[160];

    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(s);
        struct cfg_key k = {.line = line_of(s)};
        char action[128];
        int slot;

        snprintf(action, sizeof action, "%s%s%s", screen ? screen : "", screen ? "." : "", name);
        snprintf(path, sizeof path, "%s.%s", e->path, action);
        if (!screen && config_setting_is_group(s)) {
            if (load_keys_in(ld, e, s, name) < 0)
                return -1;
            continue;
        }
        if (strlen(action) >= sizeof k.action)
            return fail_at(ld, line_of(s), _("%s: the action name is too long (at most %zu bytes)"),
                           path, sizeof k.action - 1);
        memcpy(k.action, action, strlen(action) + 1);
        if (config_setting_type(s) != CONFIG_TYPE_STRING)
            return fail_at(ld, line_of(s),
                           _("%s must be key names in double quotes, like \"F10\" or \"F10,q\""),
                           path);
        if (take_string(ld, s, path, k.keys, sizeof k.keys) < 0)
            return -1;
        if (k.keys[0] == '\0')
            return fail_at(ld, line_of(s),
                           _("%s must name at least one key, like \"F10\" or \"F10,q\""), path);
        for (slot = 0; slot < *n && strcmp(keys[slot].action, k.action) != 0; slot++)
            ;
        if (slot == (int)e->max)
            return fail_at(ld, line_of(s), _("too many key settings (at most %d)"), (int)e->max);
        keys[slot] = k;
        if (slot == *n)
            (*n)++;
    }
    return 0;
}

static int load_keys(struct loader *ld, const struct setting *e, const config_setting_t *g)
{
    if (!config_setting_is_group(g))
        return fail_at(ld, line_of(g), _("%s must be a group like keys = { quit = \"F10\"; };"),
                       e->path);
    return load_keys_in(ld, e, g, NULL);
}

static int load_setting(struct loader *ld, const struct setting *e, const config_setting_t *s)
{
    switch (e->kind) {
    case K_STRING:
        return take_string(ld, s, e->path, member(ld->c, e), e->size);
    case K_PATH:
        return load_path(ld, e, s);
    case K_INT:
        return load_int(ld, e, s);
    case K_FLOAT:
        return load_float(ld, e, s);
    case K_BOOL:
        return load_bool(ld, e, s);
    case K_SHIFTS:
        return load_shifts(ld, e, s);
    case K_KEYS:
        return load_keys(ld, e, s);
    }
    return -1;
}

/* ---- walking the file --------------------------------------------------- */

static const struct setting *find_setting(const char *path)
{
    for (size_t i = 0; i < NSETTINGS; i++) {
        if (strcmp(settings[i].path, path) == 0)
            return &settings[i];
    }
    return NULL;
}

/* Is PATH a group that holds settings of the table ("quarantine")? */
static bool is_group_path(const char *path)
{
    size_t n = strlen(path);

    for (size_t i = 0; i < NSETTINGS; i++) {
        if (strncmp(settings[i].path, path, n) == 0 && settings[i].path[n] == '.')
            return true;
    }
    return false;
}

/* Every setting of GROUP, in file order, is looked up in the table. */
static int walk(struct loader *ld, const config_setting_t *group, const char *prefix)
{
    for (int i = 0; i < config_setting_length(group); i++) {
        const config_setting_t *s = config_setting_get_elem(group, (unsigned)i);
        const struct setting *e;
        char path[128];
        int rc;

        snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "",
                 config_setting_name(s));
        if ((e = find_setting(path)) != NULL) {
            rc = load_setting(ld, e, s);
        } else if (is_group_path(path)) {
            if (!config_setting_is_group(s))
                return fail_at(ld, line_of(s), _("%s must be a group: %s = { ... };"), path,
                               config_setting_name(s));
            rc = walk(ld, s, path);
        } else {
            rc = unknown(ld, s, path);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* libconfig would open the file named by @include itself; one file only. */
static int refuse_include(struct loader *ld, const char *text)
{
    int line = 1;

    for (const char *p = text; *p; line++) {
        const char *q = p + strspn(p, " \t");

        if (strncmp(q, "@include", 8) == 0)
            return fail_at(ld, line, _("@include is not supported; "
                                       "put all settings in this one file"));
        p = strchr(p, '\n');
        if (!p)
            break;
        p++;
    }
    return 0;
}

/* Parses TEXT (BOM already removed) into the tree and walks it. */
static int parse_and_load(struct loader *ld, const char *text)
{
    config_t cf;
    /* Numbers in the file always use a decimal point, whatever the locale. */
    locale_t cloc = c_numeric();
    locale_t old = cloc ? uselocale(cloc) : (locale_t)0;
    int rc;

    config_init(&cf);
    if (config_read_string(&cf, text) != CONFIG_TRUE)
        rc = fail_at(ld, config_error_line(&cf), "%s",
                     config_error_text(&cf) ? config_error_text(&cf) : _("syntax error"));
    else
        rc = walk(ld, config_root_setting(&cf), "");
    config_destroy(&cf);
    if (cloc) {
        uselocale(old);
        freelocale(cloc);
    }
    return rc;
}

int cfg_load_string(struct config *c, const char *text, const char *name, char *err,
                    size_t errsz)
{
    struct config *tmp = malloc(sizeof *tmp);
    struct loader ld = {.c = tmp, .name = name, .err = err, .errsz = errsz};
    int rc;

    if (!tmp) {
        put_err(err, errsz, _("%s: out of memory"), name);
        return -1;
    }
    *tmp = *c;
    if (strncmp(text, "\xef\xbb\xbf", 3) == 0)
        text += 3;
    rc = refuse_include(&ld, text);
    if (rc == 0)
        rc = parse_and_load(&ld, text);
    if (rc == 0 && strlen(name) >= sizeof tmp->source) {
        put_err(err, errsz, _("%s: the path of the configuration file is too long "
                              "(at most %zu bytes)"),
                name, sizeof tmp->source - 1);
        rc = -1;
    }
    if (rc == 0) {
        memcpy(tmp->source, name, strlen(name) + 1);
        *c = *tmp;
    }
    free(tmp);
    return rc;
}

/* ---- files -------------------------------------------------------------- */

/* Reads the whole file into a malloc'd, NUL-terminated buffer.  NULL with
 * errno set when it cannot be read; *TOO_BIG when it is over the limit. */
static char *slurp(const char *path, size_t *len, bool *too_big)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int saved;

    *too_big = false;
    if (!f)
        return NULL;
    for (;;) {
        size_t got;

        if (cap - n < 4096) {
            char *nb;

            cap = cap ? cap * 2 : 8192;
            nb = realloc(buf, cap + 1);
            if (!nb) {
                errno = ENOMEM;
                break;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
        if (n > CFG_MAX_FILE) {
            *too_big = true;
            break;
        }
    }
    if (*too_big || ferror(f) || !buf || !feof(f)) {
        saved = ferror(f) ? errno : (errno ? errno : EIO);
        free(buf);
        fclose(f);
        errno = saved;
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

int cfg_load_file(struct config *c, const char *path, char *err, size_t errsz)
{
    size_t len = 0;
    bool too_big;
    char *text;
    const char *nul;
    int rc;

    errno = 0;
    text = slurp(path, &len, &too_big);
    if (!text && too_big) {
        put_err(err, errsz, _("%s: the file is too large for a configuration file "
                              "(over %d KiB)"),
                path, CFG_MAX_FILE / 1024);
        return -1;
    }
    if (!text) {
        put_err(err, errsz, _("%s: cannot read the configuration file: %s"), path,
                strerror(errno));
        return -1;
    }
    nul = memchr(text, '\0', len);
    if (nul) {
        int line = 1;

        for (const char *p = text; p < nul; p++)
            line += *p == '\n';
        put_err(err, errsz, _("%s:%d: the file contains a NUL byte; "
                              "save it as plain UTF-8 text"),
                path, line);
        free(text);
        return -1;
    }
    rc = cfg_load_string(c, text, path, err, errsz);
    free(text);
    return rc;
}

/* ---- where the files are ------------------------------------------------ */

/* $VAR/TAIL when VAR holds an absolute path, else HOME/FALLBACK/TAIL; ""
 * when neither is known or BUF is too small. */
static void xdg_path(char *buf, size_t bufsz, const char *var, const char *fallback,
                     const char *tail)
{
    const char *base = getenv(var);
    char home[4096];
    int n;

    if (base && base[0] == '/') {
        n = snprintf(buf, bufsz, "%s/%s", base, tail);
    } else if (home_dir(home, sizeof home)) {
        n = snprintf(buf, bufsz, "%s/%s/%s", strcmp(home, "/") == 0 ? "" : home, fallback,
                     tail);
    } else {
        n = -1;
    }
    if ((n < 0 || (size_t)n >= bufsz) && bufsz)
        buf[0] = '\0';
}

void cfg_user_path(char *buf, size_t bufsz)
{
    xdg_path(buf, bufsz, "XDG_CONFIG_HOME", ".config", "dutydesk/dutydesk.conf");
}

void cfg_default_db_path(char *buf, size_t bufsz)
{
    xdg_path(buf, bufsz, "XDG_DATA_HOME", ".local/share", "dutydesk/dutydesk.db");
}

/* A default file that is there but cannot be read: said in c->warning. */
static int skipped(struct config *c, const char *path, const char *why)
{
    snprintf(c->warning, sizeof c->warning,
             _("%s cannot be read (%s): its settings are not used, the built-in ones are"), path,
             why);
    return 0;
}

/* Reads PATH, a file looked for where it usually is, when it is there: 1
 * read, 0 absent, -1 error (in ERR).  Nobody asked for this file, so one
 * that cannot be reached (a home folder others cannot read) is absent, and
 * one that is there but cannot be read is skipped with a warning in
 * c->warning: neither stops the program. */
static int try_file(struct config *c, const char *path, char *err, size_t errsz)
{
    struct stat st;
    FILE *f;

    if (path[0] == '\0')
        return 0;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR || errno == EACCES)
            return 0;
        return skipped(c, path, strerror(errno));
    }
    if (!S_ISREG(st.st_mode))
        return skipped(c, path, strerror(EISDIR));
    f = fopen(path, "rb");
    if (!f)
        return skipped(c, path, strerror(errno));
    fclose(f);
    return cfg_load_file(c, path, err, errsz) < 0 ? -1 : 1;
}

int cfg_load(struct config *c, const char *explicit_path, char *err, size_t errsz)
{
    char user[4096];
    int rc;

    if (explicit_path)
        return cfg_load_file(c, explicit_path, err, errsz);
    cfg_user_path(user, sizeof user);
    rc = try_file(c, user, err, errsz);
    if (rc == 0)
        rc = try_file(c, DD_SYSCONFDIR "/dutydesk.conf", err, errsz);
    if (rc == 0)
        c->source[0] = '\0';
    return rc < 0 ? -1 : 0;
}

/* ---- describing the table ---------------------------------------------- */

static void describe_type(const struct setting *e, char *buf, size_t bufsz)
{
    switch (e->kind) {
    case K_STRING:
    case K_PATH:
        snprintf(buf, bufsz, "%s", _("string"));
        break;
    case K_INT:
        snprintf(buf, bufsz, _("whole number %d..%d"), (int)e->min, (int)e->max);
        break;
    case K_FLOAT:
        snprintf(buf, bufsz, _("number %.1f..%.1f"), e->min, e->max);
        break;
    case K_BOOL:
        snprintf(buf, bufsz, "%s", _("true or false"));
        break;
    case K_SHIFTS:
        snprintf(buf, bufsz, _("list of %d..%d shifts"), (int)e->min, (int)e->max);
        break;
    case K_KEYS:
        snprintf(buf, bufsz, _("group of key lists, at most %d"), (int)e->max);
        break;
    }
}

static void describe_default(const struct setting *e, char *buf, size_t bufsz)
{
    size_t used = 0;

    switch (e->kind) {
    case K_STRING:
    case K_PATH:
        snprintf(buf, bufsz, "\"%s\"", e->dflt_str);
        break;
    case K_INT:
        snprintf(buf, bufsz, "%d", (int)e->dflt);
        break;
    case K_FLOAT:
        snprintf(buf, bufsz, "%.1f", e->dflt);
        break;
    case K_BOOL:
        snprintf(buf, bufsz, "%s", e->dflt != 0 ? "true" : "false");
        break;
    case K_SHIFTS:
        buf[0] = '\0';
        for (size_t i = 0; i < sizeof default_shifts / sizeof default_shifts[0]; i++) {
            int n = snprintf(buf + used, bufsz - used, "%s%s %s-%s", i ? ", " : "",
                             default_shifts[i].name, default_shifts[i].start,
                             default_shifts[i].end);
            if (n < 0 || (size_t)n >= bufsz - used)
                break;
            used += (size_t)n;
        }
        break;
    case K_KEYS:
        snprintf(buf, bufsz, "none");
        break;
    }
}

void cfg_describe(void (*fn)(const char *path, const char *type, const char *dflt,
                             const char *help, void *ctx),
                  void *ctx)
{
    locale_t cloc = c_numeric();

    for (size_t i = 0; i < NSETTINGS; i++) {
        char type[128], dflt[256];
        locale_t old = cloc ? uselocale(cloc) : (locale_t)0;

        describe_type(&settings[i], type, sizeof type);
        describe_default(&settings[i], dflt, sizeof dflt);
        if (cloc)
            uselocale(old);
        fn(settings[i].path, type, dflt, _(settings[i].help), ctx);
    }
    if (cloc)
        freelocale(cloc);
}
