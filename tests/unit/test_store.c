/* Tests of src/store.c: opening, migrating and the audit trail. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/migrate.h"
#include "src/store.h"

static char dir[64];

static void make_dir(void)
{
    strcpy(dir, "/tmp/dd-store-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    setenv("DUTYDESK_NOW", "2026-11-23T09:30", 1);
}

static void remove_dir(void)
{
    char cmd[128];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

TestSuite(store, .init = make_dir, .fini = remove_dir);

Test(store, creates_missing_folders_and_migrates)
{
    char path[256], err[512] = "";
    struct stat st;

    snprintf(path, sizeof path, "%s/a/b/dutydesk.db", dir);
    db *d = store_open(path, true, "王小明", err, sizeof err);
    cr_assert_not_null(d, "store_open: %s", err);
    cr_assert_eq(db_user_version(d), db_schema_version());
    cr_assert_eq(stat(path, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0600);
    snprintf(path, sizeof path, "%s/a/b", dir);
    cr_assert_eq(stat(path, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0700);
    cr_assert_eq(db_close(&d), 0);
}

Test(store, missing_file_is_not_created_unless_asked)
{
    char path[256], err[512] = "";

    snprintf(path, sizeof path, "%s/none.db", dir);
    cr_assert_null(store_open(path, false, "x", err, sizeof err));
    cr_assert(strstr(err, path) != NULL, "the error names the file: %s", err);
    cr_assert_neq(access(path, F_OK), 0);
}

Test(store, settings_are_audited_with_operator_and_time)
{
    char path[256], err[512] = "";
    char *v, *who, *at, *old;

    snprintf(path, sizeof path, "%s/s.db", dir);
    db *d = store_open(path, true, "李䶮", err, sizeof err);
    cr_assert_not_null(d, "%s", err);
    cr_assert_null(store_get_setting(d, "community"));
    cr_assert_eq(store_set_setting(d, "community", "大美社区"), 0);
    cr_assert_eq(store_set_setting(d, "community", "大美社区"), 0); /* no change: no audit row */
    cr_assert_eq(store_set_setting(d, "community", "𠮷祥社区"), 0);
    v = store_get_setting(d, "community");
    cr_assert_str_eq(v, "𠮷祥社区");
    cr_assert_eq(store_audit_count(d), 2);
    who = db_text(d, "SELECT operator FROM audit ORDER BY id DESC LIMIT 1");
    at = db_text(d, "SELECT at FROM audit ORDER BY id DESC LIMIT 1");
    old = db_text(d, "SELECT json_extract(old, '$.value') FROM audit ORDER BY id DESC LIMIT 1");
    cr_assert_str_eq(who, "李䶮");
    cr_assert_str_eq(at, "2026-11-23T09:30:00");
    cr_assert_str_eq(old, "大美社区");
    free(v);
    free(who);
    free(at);
    free(old);
    cr_assert_eq(db_close(&d), 0);
}

Test(store, demo_names_the_community)
{
    char path[256], err[512] = "";
    char *v;

    snprintf(path, sizeof path, "%s/demo.db", dir);
    db *d = store_open(path, true, "demo", err, sizeof err);
    cr_assert_not_null(d, "%s", err);
    cr_assert_eq(store_fill_demo(d, ""), 0);
    v = store_get_setting(d, "community");
    cr_assert_str_eq(v, "大美社区");
    free(v);
    cr_assert_eq(db_close(&d), 0);
}
