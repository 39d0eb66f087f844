/* Unit tests of src/config.c: defaults, loading, every kind of error with its
 * line, the search order, and the documentation kept in step with the table. */
#include <criterion/criterion.h>
#include <errno.h>
#include <libconfig.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/config.h"

#ifndef DD_SYSCONFDIR
#define DD_SYSCONFDIR "/etc"
#endif

static char tmpdir[64];

static void setup(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    snprintf(tmpdir, sizeof tmpdir, "/tmp/dd-config-XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir));
}

static void rm_tree(const char *dir)
{
    char cmd[PATH_MAX + 16];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    (void)system(cmd);
}

static void teardown(void)
{
    rm_tree(tmpdir);
}

/* Writes TEXT to DIR/NAME, making the directories on the way; returns the
 * path in a static buffer. */
static const char *put(const char *dir, const char *name, const char *text)
{
    static char path[PATH_MAX];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = '\0';
        mkdir(path, 0700);
        *p = '/';
    }
    f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Loads TEXT (as "t.conf") over the defaults; returns the result. */
static int load(struct config *c, const char *text, char *err, size_t errsz)
{
    cfg_defaults(c);
    err[0] = '\0';
    return cfg_load_string(c, text, "t.conf", err, errsz);
}

static void expect_error(const char *text, const char *want)
{
    struct config c;
    char err[512];

    cr_assert_eq(load(&c, text, err, sizeof err), -1, "accepted: %s", text);
    cr_expect_str_eq(err, want, "for: %s", text);
}

static void expect_defaults(const struct config *c)
{
    cr_expect_str_eq(c->community, "");
    cr_expect_str_eq(c->database, "");
    cr_expect_str_eq(c->operator_name, "");
    cr_expect_eq(c->home_days, 14);
    cr_expect_eq(c->central_days, 14);
    cr_expect_eq(c->monitor_days, 7);
    cr_expect_float_eq(c->fever_threshold, 37.3, 1e-9);
    cr_expect_eq(c->teams, 3);
    cr_expect_eq(c->min_staff, 2);
    cr_assert_eq(c->nshifts, 2);
    cr_expect_str_eq(c->shifts[0].name, "白班");
    cr_expect_str_eq(c->shifts[0].start, "08:00");
    cr_expect_str_eq(c->shifts[0].end, "20:00");
    cr_expect_str_eq(c->shifts[1].name, "夜班");
    cr_expect_str_eq(c->shifts[1].start, "20:00");
    cr_expect_str_eq(c->shifts[1].end, "08:00");
    cr_expect(c->colors);
    cr_expect_eq(c->nkeys, 0);
}

TestSuite(config, .init = setup, .fini = teardown);

Test(config, defaults)
{
    struct config c;

    memset(&c, 0x5a, sizeof c);
    cfg_defaults(&c);
    cr_expect_str_eq(c.source, "");
    expect_defaults(&c);
}

static const char full_file[] =
    "# a full file\n"                                              /* 1 */
    "community = \"大美社区\";\n"                                  /* 2 */
    "database = \"/srv/dd/desk.db\";\n"                            /* 3 */
    "operator = \"王晓梅\";\n"                                     /* 4 */
    "quarantine = { home_days = 7; central_days = 21;\n"           /* 5 */
    "               monitor_days = 3; };\n"                        /* 6 */
    "health = { fever_threshold = 37.5; };\n"                      /* 7 */
    "roster = {\n"                                                 /* 8 */
    "  teams = 4;\n"                                               /* 9 */
    "  min_staff = 5;\n"                                           /* 10 */
    "  shifts = ( { name = \"早班\"; start = \"00:00\"; end = \"08:00\"; },\n"
    "             { name = \"中班\"; start = \"08:00\"; end = \"16:00\"; },\n"
    "             { name = \"晚班\"; start = \"16:00\"; end = \"00:00\"; } );\n"
    "};\n"                                                         /* 14 */
    "ui = { colors = false; };\n"                                  /* 15 */
    "keys = {\n"                                                   /* 16 */
    "  quit = \"F10,q\";\n"                                        /* 17 */
    "  help = \"F1,?\";\n"                                         /* 18 */
    "};\n";

Test(config, full_file)
{
    struct config c;
    char err[512];

    cr_assert_eq(load(&c, full_file, err, sizeof err), 0, "%s", err);
    cr_expect_str_eq(c.source, "t.conf");
    cr_expect_str_eq(c.community, "大美社区");
    cr_expect_str_eq(c.database, "/srv/dd/desk.db");
    cr_expect_str_eq(c.operator_name, "王晓梅");
    cr_expect_eq(c.home_days, 7);
    cr_expect_eq(c.central_days, 21);
    cr_expect_eq(c.monitor_days, 3);
    cr_expect_float_eq(c.fever_threshold, 37.5, 1e-9);
    cr_expect_eq(c.teams, 4);
    cr_expect_eq(c.min_staff, 5);
    cr_assert_eq(c.nshifts, 3);
    cr_expect_str_eq(c.shifts[0].name, "早班");
    cr_expect_str_eq(c.shifts[1].start, "08:00");
    cr_expect_str_eq(c.shifts[2].name, "晚班");
    cr_expect_str_eq(c.shifts[2].end, "00:00");
    cr_expect_not(c.colors);
    cr_assert_eq(c.nkeys, 2);
    cr_expect_str_eq(c.keys[0].action, "quit");
    cr_expect_str_eq(c.keys[0].keys, "F10,q");
    cr_expect_eq(c.keys[0].line, 17);
    cr_expect_str_eq(c.keys[1].action, "help");
    cr_expect_str_eq(c.keys[1].keys, "F1,?");
    cr_expect_eq(c.keys[1].line, 18);
}

Test(config, partial_file_keeps_other_defaults)
{
    struct config c;
    char err[512];

    cr_assert_eq(load(&c, "quarantine = { central_days = 10; };\n", err, sizeof err), 0);
    cr_expect_eq(c.central_days, 10);
    cr_expect_eq(c.home_days, 14);
    cr_expect_eq(c.monitor_days, 7);
    cr_expect_eq(c.nshifts, 2);
}

Test(config, unknown_setting_reports_its_line)
{
    char text[512] = "";

    for (int i = 1; i < 12; i++)
        strcat(text, "# comment\n");
    strcat(text, "quarantine = { home_dayz = 14; };\n");
    expect_error(text, "t.conf:12: unknown setting \"quarantine.home_dayz\" "
                       "(see dutydesk.conf(5))");
    expect_error("\n\ncolour = true;\n",
                 "t.conf:3: unknown setting \"colour\" (see dutydesk.conf(5))");
    expect_error("ui = {\n  colors = true;\n  theme = \"dark\";\n};\n",
                 "t.conf:3: unknown setting \"ui.theme\" (see dutydesk.conf(5))");
    expect_error("roster = { shifts = ( { name = \"A\"; start = \"08:00\"; end = \"20:00\";\n"
                 "  colour = 1; } ); };\n",
                 "t.conf:2: unknown setting \"roster.shifts[0].colour\" (see dutydesk.conf(5))");
}

Test(config, first_error_in_file_order)
{
    expect_error("quarantine = { home_days = 0; };\nbogus = 1;\n",
                 "t.conf:1: quarantine.home_days must be a whole number from 1 to 60");
}

Test(config, int_out_of_range_or_wrong_type)
{
    expect_error("\nquarantine = {\n  home_days = 61;\n};\n",
                 "t.conf:3: quarantine.home_days must be a whole number from 1 to 60");
    expect_error("quarantine = { monitor_days = 0; };",
                 "t.conf:1: quarantine.monitor_days must be a whole number from 1 to 60");
    expect_error("quarantine = { central_days = \"14\"; };",
                 "t.conf:1: quarantine.central_days must be a whole number from 1 to 60");
    expect_error("quarantine = { home_days = 14.5; };",
                 "t.conf:1: quarantine.home_days must be a whole number from 1 to 60");
    expect_error("quarantine = { home_days = 2147483648; };",
                 "t.conf:1: quarantine.home_days must be a whole number from 1 to 60");
    expect_error("roster = { teams = 11; };",
                 "t.conf:1: roster.teams must be a whole number from 1 to 10");
    expect_error("roster = { min_staff = 51; };",
                 "t.conf:1: roster.min_staff must be a whole number from 1 to 50");
    expect_error("roster = { teams = (3); };",
                 "t.conf:1: roster.teams must be a whole number from 1 to 10");
}

Test(config, int_limits_are_inclusive)
{
    struct config c;
    char err[512];

    cr_assert_eq(load(&c, "quarantine = { home_days = 1; central_days = 60; };\n"
                          "roster = { teams = 10; min_staff = 50; };\n",
                      err, sizeof err),
                 0, "%s", err);
    cr_expect_eq(c.home_days, 1);
    cr_expect_eq(c.central_days, 60);
    cr_expect_eq(c.teams, 10);
    cr_expect_eq(c.min_staff, 50);
}

Test(config, float_accepts_an_int_and_checks_range)
{
    struct config c;
    char err[512];

    cr_assert_eq(load(&c, "health = { fever_threshold = 38; };", err, sizeof err), 0, "%s", err);
    cr_expect_float_eq(c.fever_threshold, 38.0, 1e-9);
    cr_assert_eq(load(&c, "health = { fever_threshold = 42.0; };", err, sizeof err), 0);
    cr_expect_float_eq(c.fever_threshold, 42.0, 1e-9);
    expect_error("health = {\n fever_threshold = 42.1; };",
                 "t.conf:2: health.fever_threshold must be a number from 35.0 to 42.0");
    expect_error("health = { fever_threshold = 34; };",
                 "t.conf:1: health.fever_threshold must be a number from 35.0 to 42.0");
    expect_error("health = { fever_threshold = \"37.3\"; };",
                 "t.conf:1: health.fever_threshold must be a number from 35.0 to 42.0");
}

Test(config, bool_and_string_types)
{
    expect_error("ui = { colors = 1; };", "t.conf:1: ui.colors must be true or false");
    expect_error("ui = { colors = \"yes\"; };", "t.conf:1: ui.colors must be true or false");
    expect_error("community = 5;",
                 "t.conf:1: community must be text in double quotes, like community = \"...\";");
    expect_error("ui = 1;", "t.conf:1: ui must be a group: ui = { ... };");
}

Test(config, bool_false_and_true)
{
    struct config c;
    char err[512];

    cr_assert_eq(load(&c, "ui = { colors = FALSE; };", err, sizeof err), 0, "%s", err);
    cr_expect_not(c.colors);
    cr_assert_eq(cfg_load_string(&c, "ui = { colors = true; };", "t.conf", err, sizeof err), 0);
    cr_expect(c.colors);
}

Test(config, syntax_error_names_its_line)
{
    expect_error("community = \"a\";\nquarantine = {\n  home_days = ;\n};\n",
                 "t.conf:3: syntax error");
    expect_error("community = \"a\";\nroster = { start = 08:00; };\n", "t.conf:2: syntax error");
    /* libconfig's own text is passed on. */
    expect_error("community = \"a\";\n\nx = [1, \"a\"];\n",
                 "t.conf:3: mismatched element type in array");
}

Test(config, duplicate_setting_is_an_error)
{
    struct config c;
    char err[512];

    cr_assert_eq(load(&c, "keys = {\n quit = \"q\";\n quit = \"F10\"; };", err, sizeof err), -1);
    cr_expect(strncmp(err, "t.conf:", 7) == 0, "%s", err);
    cr_expect_eq(c.nkeys, 0);
}

Test(config, error_leaves_the_struct_unchanged)
{
    struct config c;
    char err[512];

    cr_assert_eq(load(&c, "community = \"大美社区\";\nquarantine = { home_days = 99; };\n", err,
                      sizeof err),
                 -1);
    cr_expect_str_eq(c.community, "");
    cr_expect_str_eq(c.source, "");
}

Test(config, too_long_string_is_refused)
{
    struct config c;
    char err[512];
    char text[1200];
    char value[300];

    memset(value, 'x', 255);
    value[255] = '\0';
    snprintf(text, sizeof text, "community = \"%s\";\n", value);
    cr_assert_eq(load(&c, text, err, sizeof err), 0, "%s", err);
    cr_expect_eq(strlen(c.community), 255);

    snprintf(text, sizeof text, "\ncommunity = \"%sx\";\n", value);
    expect_error(text, "t.conf:2: community is too long (at most 255 bytes)");

    /* 86 Chinese characters are 258 bytes. */
    strcpy(text, "operator = \"");
    for (int i = 0; i < 86; i++)
        strcat(text, "王");
    strcat(text, "\";");
    expect_error(text, "t.conf:1: operator is too long (at most 255 bytes)");

    snprintf(text, sizeof text,
             "roster = { shifts = ( { name = \"%.64s\"; start = \"08:00\"; end = \"20:00\"; } ); };",
             value);
    expect_error(text, "t.conf:1: roster.shifts[0].name is too long (at most 63 bytes)");

    snprintf(text, sizeof text, "keys = { quit = \"%.64s\"; };", value);
    expect_error(text, "t.conf:1: keys.quit is too long (at most 63 bytes)");
}

Test(config, text_must_be_utf8_without_controls)
{
    expect_error("community = \"\xb4\xf3\xc3\xc0\";",
                 "t.conf:1: community is not UTF-8 text; save the file in the UTF-8 encoding");
    /* A character cut short, an overlong form, a surrogate. */
    expect_error("community = \"\xe5\xa4\xa7\xe7\xbex\";",
                 "t.conf:1: community is not UTF-8 text; save the file in the UTF-8 encoding");
    expect_error("community = \"\xe0\x80\xaf\";",
                 "t.conf:1: community is not UTF-8 text; save the file in the UTF-8 encoding");
    expect_error("community = \"\xed\xa0\x80\";",
                 "t.conf:1: community is not UTF-8 text; save the file in the UTF-8 encoding");
    expect_error("community = \"a\\nb\";",
                 "t.conf:1: community must not contain control characters such as \\n or \\t");
}

Test(config, database_tilde_is_expanded)
{
    struct config c;
    char err[512];

    setenv("HOME", "/home/desk", 1);
    cr_assert_eq(load(&c, "database = \"~/data/dd.db\";", err, sizeof err), 0, "%s", err);
    cr_expect_str_eq(c.database, "/home/desk/data/dd.db");
    cr_assert_eq(load(&c, "database = \"relative/~/dd.db\";", err, sizeof err), 0);
    cr_expect_str_eq(c.database, "relative/~/dd.db");
}

Test(config, shift_times_are_checked)
{
    static const char *const bad[] = {"24:00", "08:60", "0800", "", "8:0", "08:00x", "-1:00",
                                      "123:00"};
    char text[256];

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(text, sizeof text,
                 "roster = {\n shifts = (\n  { name = \"A\"; start = \"08:00\"; end = \"20:00\"; },\n"
                 "  { name = \"B\";\n    start = \"%s\"; end = \"08:00\"; } ); };\n",
                 bad[i]);
        expect_error(text, "t.conf:5: roster.shifts[1].start must be a time like 08:00");
    }
    expect_error("roster = { shifts = ( { name = \"A\"; start = \"08:00\"; end = 2000; } ); };",
                 "t.conf:1: roster.shifts[0].end must be a time like 08:00");
}

Test(config, shift_rules)
{
    struct config c;
    char err[512];

    cr_assert_eq(load(&c, "roster = { shifts = ( { name = \"全天\"; start = \"8:00\"; "
                          "end = \"7:59\"; } ); };",
                      err, sizeof err),
                 0, "%s", err);
    cr_assert_eq(c.nshifts, 1);
    cr_expect_str_eq(c.shifts[0].name, "全天");
    cr_expect_str_eq(c.shifts[0].start, "08:00");
    cr_expect_str_eq(c.shifts[0].end, "07:59");

    expect_error("roster = { shifts = (); };", "t.conf:1: roster.shifts must list from 1 to 4 shifts");
    expect_error("roster = { shifts = ( {name=\"a\";start=\"01:00\";end=\"02:00\";},\n"
                 "{name=\"b\";start=\"01:00\";end=\"02:00\";}, {name=\"c\";start=\"01:00\";end=\"02:00\";},\n"
                 "{name=\"d\";start=\"01:00\";end=\"02:00\";}, {name=\"e\";start=\"01:00\";end=\"02:00\";} ); };",
                 "t.conf:1: roster.shifts must list from 1 to 4 shifts");
    expect_error("roster = { shifts = ( { name = \"A\"; start = \"08:00\"; } ); };",
                 "t.conf:1: roster.shifts[0] has no end; every shift needs name, start and end");
    expect_error("roster = { shifts = ( { name = \"A\"; start = \"08:00\";\n end = \"08:00\"; } ); };",
                 "t.conf:2: roster.shifts[0].end must differ from its start");
    expect_error("roster = { shifts = ( { name = \"\"; start = \"08:00\"; end = \"09:00\"; } ); };",
                 "t.conf:1: roster.shifts[0].name must not be empty");
    expect_error("roster = { shifts = ( { name = \"A\"; start = \"08:00\"; end = \"20:00\"; },\n"
                 " { name = \"A\"; start = \"20:00\"; end = \"08:00\"; } ); };",
                 "t.conf:2: roster.shifts[1].name \"A\" is already used by roster.shifts[0]");
    expect_error("roster = { shifts = \"08:00-20:00\"; };",
                 "t.conf:1: roster.shifts must be a list in parentheses: shifts = ( { ... }, ... );");
    expect_error("roster = { shifts = ( \"day\" ); };",
                 "t.conf:1: roster.shifts[0] must be a group like { name = \"Day\"; "
                 "start = \"08:00\"; end = \"20:00\"; }");
}

Test(config, key_overrides_keep_their_lines)
{
    struct config c;
    char err[512];

    cr_assert_eq(load(&c, "# keys\n\nkeys = {\n  search = \"/,^F\";\n\n  quit = \"q\";\n};\n", err,
                      sizeof err),
                 0, "%s", err);
    cr_assert_eq(c.nkeys, 2);
    cr_expect_str_eq(c.keys[0].action, "search");
    cr_expect_str_eq(c.keys[0].keys, "/,^F");
    cr_expect_eq(c.keys[0].line, 4);
    cr_expect_str_eq(c.keys[1].action, "quit");
    cr_expect_eq(c.keys[1].line, 6);

    /* A second file replaces the entry of the same action and appends others. */
    cr_assert_eq(cfg_load_string(&c, "keys = { help = \"F1\";\n quit = \"F10\"; };", "u.conf", err,
                                 sizeof err),
                 0, "%s", err);
    cr_assert_eq(c.nkeys, 3);
    cr_expect_str_eq(c.keys[1].action, "quit");
    cr_expect_str_eq(c.keys[1].keys, "F10");
    cr_expect_eq(c.keys[1].line, 2);
    cr_expect_str_eq(c.keys[2].action, "help");
}

Test(config, key_override_errors)
{
    expect_error("keys = { quit = 10; };",
                 "t.conf:1: keys.quit must be key names in double quotes, like \"F10\" or \"F10,q\"");
    expect_error("keys = { quit = \"\"; };",
                 "t.conf:1: keys.quit must name at least one key, like \"F10\" or \"F10,q\"");
    expect_error("keys = \"F10\";",
                 "t.conf:1: keys must be a group like keys = { quit = \"F10\"; };");
}

Test(config, too_many_key_overrides)
{
    char text[8192] = "keys = {\n";
    char line[64];

    for (int i = 0; i <= CFG_MAX_KEYS; i++) {
        snprintf(line, sizeof line, "a%d = \"x\";\n", i);
        strcat(text, line);
    }
    strcat(text, "};\n");
    snprintf(line, sizeof line, "t.conf:%d: too many key settings (at most %d)", CFG_MAX_KEYS + 2,
             CFG_MAX_KEYS);
    expect_error(text, line);
}

Test(config, include_is_refused)
{
    expect_error("community = \"x\";\n  @include \"/etc/passwd\"\n",
                 "t.conf:2: @include is not supported; put all settings in this one file");
}

Test(config, bom_crlf_and_empty_files)
{
    struct config c;
    char err[512];
    const char *path;

    path = put(tmpdir, "bom.conf", "\xef\xbb\xbf# 配置\r\ncommunity = \"大美社区\";\r\n"
                                   "quarantine = {\r\n  home_days = 10; };\r\n");
    cfg_defaults(&c);
    cr_assert_eq(cfg_load_file(&c, path, err, sizeof err), 0, "%s", err);
    cr_expect_str_eq(c.community, "大美社区");
    cr_expect_eq(c.home_days, 10);
    cr_expect_str_eq(c.source, path);

    path = put(tmpdir, "bom-error.conf", "\xef\xbb\xbfui = { colors = 3; };\n");
    cfg_defaults(&c);
    cr_assert_eq(cfg_load_file(&c, path, err, sizeof err), -1);
    cr_expect(strstr(err, ":1: ui.colors must be true or false") != NULL, "%s", err);

    path = put(tmpdir, "empty.conf", "");
    cfg_defaults(&c);
    cr_assert_eq(cfg_load_file(&c, path, err, sizeof err), 0, "%s", err);
    expect_defaults(&c);
    cr_expect_str_eq(c.source, path);
}

Test(config, file_errors_name_the_path_as_given)
{
    struct config c;
    char err[512], want[PATH_MAX + 64];
    const char *path = put(tmpdir, "bad.conf", "\n\nroster = { teams = 0; };\n");

    cfg_defaults(&c);
    cr_assert_eq(cfg_load_file(&c, path, err, sizeof err), -1);
    snprintf(want, sizeof want, "%s:3: roster.teams must be a whole number from 1 to 10", path);
    cr_expect_str_eq(err, want);

    path = put(tmpdir, "nul.conf", "community = \"a\";\n\0x");
    /* put() writes up to the NUL only; write the NUL byte by hand. */
    FILE *f = fopen(path, "ab");
    fwrite("\0\n", 1, 2, f);
    fclose(f);
    cr_assert_eq(cfg_load_file(&c, path, err, sizeof err), -1);
    snprintf(want, sizeof want, "%s:2: the file contains a NUL byte; save it as plain UTF-8 text",
             path);
    cr_expect_str_eq(err, want);
}

Test(config, missing_explicit_file)
{
    struct config c;
    char err[512], want[PATH_MAX + 80];
    char path[PATH_MAX];

    snprintf(path, sizeof path, "%s/nope.conf", tmpdir);
    setenv("XDG_CONFIG_HOME", tmpdir, 1);
    put(tmpdir, "dutydesk/dutydesk.conf", "community = \"user\";\n");
    cfg_defaults(&c);
    cr_assert_eq(cfg_load(&c, path, err, sizeof err), -1);
    snprintf(want, sizeof want, "%s: cannot read the configuration file: %s", path,
             strerror(ENOENT));
    cr_expect_str_eq(err, want);
    cr_expect_str_eq(c.community, "");
}

Test(config, search_order)
{
    struct config c;
    char err[512], want[PATH_MAX], path[PATH_MAX];
    const char *explicit_path;

    /* XDG_CONFIG_HOME set: its file is read. */
    setenv("XDG_CONFIG_HOME", tmpdir, 1);
    setenv("HOME", "/nonexistent-home", 1);
    put(tmpdir, "dutydesk/dutydesk.conf", "community = \"xdg\";\n");
    cfg_defaults(&c);
    cr_assert_eq(cfg_load(&c, NULL, err, sizeof err), 0, "%s", err);
    cr_expect_str_eq(c.community, "xdg");
    snprintf(want, sizeof want, "%s/dutydesk/dutydesk.conf", tmpdir);
    cr_expect_str_eq(c.source, want);

    /* An explicit file wins over the user's file. */
    explicit_path = put(tmpdir, "other.conf", "community = \"explicit\";\n");
    snprintf(path, sizeof path, "%s", explicit_path);
    cfg_defaults(&c);
    cr_assert_eq(cfg_load(&c, path, err, sizeof err), 0, "%s", err);
    cr_expect_str_eq(c.community, "explicit");
    cr_expect_str_eq(c.source, path);

    /* XDG_CONFIG_HOME empty or unset: $HOME/.config. */
    put(tmpdir, "home/.config/dutydesk/dutydesk.conf", "community = \"home\";\n");
    snprintf(path, sizeof path, "%s/home", tmpdir);
    setenv("HOME", path, 1);
    setenv("XDG_CONFIG_HOME", "", 1);
    cfg_defaults(&c);
    cr_assert_eq(cfg_load(&c, NULL, err, sizeof err), 0, "%s", err);
    cr_expect_str_eq(c.community, "home");
    unsetenv("XDG_CONFIG_HOME");
    cfg_defaults(&c);
    cr_assert_eq(cfg_load(&c, NULL, err, sizeof err), 0, "%s", err);
    cr_expect_str_eq(c.community, "home");
    snprintf(want, sizeof want, "%s/home/.config/dutydesk/dutydesk.conf", tmpdir);
    cr_expect_str_eq(c.source, want);
}

Test(config, no_user_file_falls_back)
{
    struct config c;
    char err[512];
    const char *sys = DD_SYSCONFDIR "/dutydesk.conf";

    setenv("XDG_CONFIG_HOME", tmpdir, 1);
    cfg_defaults(&c);
    cr_assert_eq(cfg_load(&c, NULL, err, sizeof err), 0, "%s", err);
    if (access(sys, F_OK) == 0) {
        cr_expect_str_eq(c.source, sys);
    } else {
        cr_expect_str_eq(c.source, "");
        expect_defaults(&c);
    }
}

/* Nobody asked for the file where it is looked for by default: one that
 * is there but cannot be read is skipped, with a warning, and the built-in
 * settings are used (a shared PC, a home folder of someone else). */
Test(config, unreadable_user_file_is_skipped_with_a_warning)
{
    struct config c;
    char err[512] = "", want[PATH_MAX + 80], path[PATH_MAX];

    setenv("XDG_CONFIG_HOME", tmpdir, 1);
    snprintf(path, sizeof path, "%s/dutydesk", tmpdir);
    cr_assert_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/dutydesk/dutydesk.conf", tmpdir);
    cr_assert_eq(mkdir(path, 0700), 0);
    cfg_defaults(&c);
    cr_assert_eq(cfg_load(&c, NULL, err, sizeof err), 0, "%s", err);
    snprintf(want, sizeof want, "%s cannot be read (%s)", path, strerror(EISDIR));
    cr_expect(strstr(c.warning, want) != NULL, "%s", c.warning);
    cr_expect_str_eq(c.source, "");
    cr_expect_eq(c.home_days, 14, "the built-in settings");

    /* A symbolic link to itself: the same. */
    cr_assert_eq(rmdir(path), 0);
    cr_assert_eq(symlink(path, path), 0);
    cfg_defaults(&c);
    cr_assert_eq(cfg_load(&c, NULL, err, sizeof err), 0, "%s", err);
    snprintf(want, sizeof want, "%s cannot be read (%s)", path, strerror(ELOOP));
    cr_expect(strstr(c.warning, want) != NULL, "%s", c.warning);

    /* Asked for with --config, it must be read. */
    cfg_defaults(&c);
    cr_assert_eq(cfg_load(&c, path, err, sizeof err), -1);
    snprintf(want, sizeof want, "%s: cannot read the configuration file: %s", path,
             strerror(ELOOP));
    cr_expect_str_eq(err, want);
}

Test(config, user_and_database_paths)
{
    char buf[PATH_MAX];

    setenv("HOME", "/home/desk", 1);
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("XDG_DATA_HOME");
    cfg_user_path(buf, sizeof buf);
    cr_expect_str_eq(buf, "/home/desk/.config/dutydesk/dutydesk.conf");
    cfg_default_db_path(buf, sizeof buf);
    cr_expect_str_eq(buf, "/home/desk/.local/share/dutydesk/dutydesk.db");

    setenv("XDG_CONFIG_HOME", "/cfg", 1);
    setenv("XDG_DATA_HOME", "/data", 1);
    cfg_user_path(buf, sizeof buf);
    cr_expect_str_eq(buf, "/cfg/dutydesk/dutydesk.conf");
    cfg_default_db_path(buf, sizeof buf);
    cr_expect_str_eq(buf, "/data/dutydesk/dutydesk.db");

    setenv("XDG_DATA_HOME", "", 1);
    cfg_default_db_path(buf, sizeof buf);
    cr_expect_str_eq(buf, "/home/desk/.local/share/dutydesk/dutydesk.db");
    setenv("XDG_DATA_HOME", "relative", 1);
    cfg_default_db_path(buf, sizeof buf);
    cr_expect_str_eq(buf, "/home/desk/.local/share/dutydesk/dutydesk.db");

    /* A buffer too small gives "" rather than a cut path. */
    char small[8];
    cfg_default_db_path(small, sizeof small);
    cr_expect_str_eq(small, "");
}

/* ---- the documentation follows the table ---------------------------------- */

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    cr_assert_not_null(f, "cannot open %s (run the tests from the top of the tree)", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    cr_assert_not_null(buf);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

struct seen {
    int count;
    char paths[32][64];
    char types[32][64];
    char dflts[32][128];
};

static void collect(const char *path, const char *type, const char *dflt, const char *help,
                    void *ctx)
{
    struct seen *s = ctx;

    cr_assert_lt(s->count, 32);
    cr_expect(help && *help, "%s has no help text", path);
    snprintf(s->paths[s->count], sizeof s->paths[0], "%s", path);
    snprintf(s->types[s->count], sizeof s->types[0], "%s", type);
    snprintf(s->dflts[s->count], sizeof s->dflts[0], "%s", dflt);
    s->count++;
}

Test(config, describe_reports_the_table)
{
    struct seen s = {0};
    int found = 0;

    cfg_describe(collect, &s);
    cr_expect_eq(s.count, 12);
    for (int i = 0; i < s.count; i++) {
        if (strcmp(s.paths[i], "quarantine.home_days") == 0) {
            cr_expect_str_eq(s.types[i], "whole number 1..60");
            cr_expect_str_eq(s.dflts[i], "14");
            found++;
        } else if (strcmp(s.paths[i], "health.fever_threshold") == 0) {
            cr_expect_str_eq(s.types[i], "number 35.0..42.0");
            cr_expect_str_eq(s.dflts[i], "37.3");
            found++;
        } else if (strcmp(s.paths[i], "roster.shifts") == 0) {
            cr_expect_str_eq(s.dflts[i], "白班 08:00-20:00, 夜班 20:00-08:00");
            found++;
        } else if (strcmp(s.paths[i], "community") == 0) {
            cr_expect_str_eq(s.types[i], "string");
            cr_expect_str_eq(s.dflts[i], "\"\"");
            found++;
        }
    }
    cr_expect_eq(found, 4);
}

/* Removes the roff escape "\-" so that "08:00\-20:00" reads "08:00-20:00". */
static void unescape_minus(char *s)
{
    char *w = s;

    for (const char *r = s; *r; r++) {
        if (r[0] == '\\' && r[1] == '-')
            r++;
        *w++ = *r;
    }
    *w = '\0';
}

Test(config, man_page_documents_every_setting)
{
    struct seen s = {0};
    char *man = read_all("man/dutydesk.conf.5");

    unescape_minus(man);
    cfg_describe(collect, &s);
    cr_assert_gt(s.count, 0);
    for (int i = 0; i < s.count; i++) {
        char head[96];
        char *entry, *end;

        /* The entry is ".TP\n.B PATH\n" up to the next .TP or section. */
        snprintf(head, sizeof head, ".TP\n.B %s\n", s.paths[i]);
        entry = strstr(man, head);
        cr_expect_not_null(entry, "man/dutydesk.conf.5 has no entry for %s", s.paths[i]);
        if (!entry)
            continue;
        entry += strlen(head);
        end = entry + strcspn(entry, "");
        for (char *p = entry; *p; p++) {
            if (p[0] == '\n' && p[1] == '.' &&
                (strncmp(p + 1, ".TP\n", 4) == 0 || strncmp(p + 1, ".SH", 3) == 0)) {
                end = p;
                break;
            }
        }
        char saved = *end;
        *end = '\0';
        cr_expect(strstr(entry, s.types[i]) != NULL, "man entry of %s lacks its type \"%s\"",
                  s.paths[i], s.types[i]);
        cr_expect(strstr(entry, s.dflts[i]) != NULL, "man entry of %s lacks its default %s",
                  s.paths[i], s.dflts[i]);
        *end = saved;
    }
    free(man);
}

Test(config, sample_file_sets_every_setting_at_its_default)
{
    struct seen s = {0};
    struct config c;
    char err[512];
    config_t cf;
    char *text = read_all("conf/dutydesk.conf");

    cfg_describe(collect, &s);
    config_init(&cf);
    cr_assert_eq(config_read_string(&cf, text), CONFIG_TRUE, "conf/dutydesk.conf:%d: %s",
                 config_error_line(&cf), config_error_text(&cf));
    for (int i = 0; i < s.count; i++)
        cr_expect_not_null(config_lookup(&cf, s.paths[i]), "conf/dutydesk.conf does not set %s",
                           s.paths[i]);
    config_destroy(&cf);
    free(text);

    memset(&c, 0, sizeof c);
    cfg_defaults(&c);
    cr_assert_eq(cfg_load_file(&c, "conf/dutydesk.conf", err, sizeof err), 0, "%s", err);
    cr_expect_str_eq(c.source, "conf/dutydesk.conf");
    expect_defaults(&c);
}
