/* Unit tests of db/migrate.c: the real schema, and test lists that fail,
 * have gaps, or meet a database from a newer program. */
#include <criterion/criterion.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/db.h"
#include "db/migrate.h"

static char dir[64];
static char path[128];

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    return remove(p);
}

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/dd-test-migrate-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/desk.db", dir);
}

static void teardown(void)
{
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

TestSuite(migrate, .init = setup, .fini = teardown);

static db *open_new(void)
{
    char err[512] = "";
    db *d = db_open(path, DB_OPEN_CREATE, err, sizeof err);
    cr_assert_not_null(d, "%s", err);
    return d;
}

static int64_t tables_named(db *d, const char *name)
{
    db_stmt *s = db_prepare(d, "SELECT count(*) FROM sqlite_schema WHERE name = :name");
    cr_assert_eq(db_bind_text(s, ":name", name), 0);
    cr_assert_eq(db_step(s), DB_ROW);
    int64_t n = db_col_int(s, 0);
    db_finalize(&s);
    return n;
}

static char *slurp(const char *p, size_t *len)
{
    FILE *f = fopen(p, "rb");
    cr_assert_not_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static const struct db_migration two_ok[] = {
    { 1, "0001_a", "CREATE TABLE a (x INTEGER);" },
    { 2, "0002_b", "CREATE TABLE b (y INTEGER); INSERT INTO b VALUES (2);" },
};

/* ---- the real schema ---------------------------------------------------- */

Test(migrate, embedded_list_is_numbered_from_one)
{
    cr_assert_geq(db_migration_count, 1);
    cr_assert_eq(db_schema_version(), db_migration_count);
    for (int i = 0; i < db_migration_count; i++) {
        cr_assert_eq(db_migrations[i].version, i + 1);
        char prefix[16];
        snprintf(prefix, sizeof prefix, "%04d_", i + 1);
        cr_assert(strncmp(db_migrations[i].name, prefix, 5) == 0, "%s", db_migrations[i].name);
    }
    cr_assert_str_eq(db_migrations[0].name, "0001_base");
}

Test(migrate, empty_file_gets_the_whole_schema)
{
    db *d = open_new();
    char err[512] = "";
    cr_assert_eq(db_user_version(d), 0);
    cr_assert_eq(db_migrate(d, err, sizeof err), 0, "%s", err);
    cr_assert_eq(db_user_version(d), db_schema_version());
    cr_assert_eq(db_tx_depth(d), 0);
    cr_assert_eq(tables_named(d, "audit"), 1);
    cr_assert_eq(tables_named(d, "setting"), 1);
    /* Again: nothing to do, no error. */
    cr_assert_eq(db_migrate(d, err, sizeof err), 0, "%s", err);
    cr_assert_eq(db_user_version(d), db_schema_version());
    cr_assert_eq(db_close(&d), 0);

    /* And it stays so after reopening. */
    d = db_open(path, DB_OPEN_EXISTING, err, sizeof err);
    cr_assert_not_null(d, "%s", err);
    cr_assert_eq(db_user_version(d), db_schema_version());
    cr_assert_eq(db_close(&d), 0);
}

Test(migrate, every_change_is_audited_and_the_audit_is_append_only)
{
    db *d = open_new();
    char err[512] = "";
    cr_assert_eq(db_migrate(d, err, sizeof err), 0, "%s", err);
    db_set_actor(d, "社工 李𠮷");
    db_set_now(d, "2022-04-03T09:15:00");

    db_stmt *s = db_prepare(d, "INSERT INTO setting (key, value, updated_by, updated_at) "
                               "VALUES (:k, :v, dd_operator(), dd_now())");
    cr_assert_eq(db_bind_text(s, ":k", "community"), 0);
    cr_assert_eq(db_bind_text(s, ":v", "幸福里社区"), 0);
    cr_assert_eq(db_step(s), DB_DONE, "%s", db_errmsg(d));
    db_finalize(&s);

    cr_assert_eq(db_int(d, "SELECT count(*) FROM audit", -1), 1);
    s = db_prepare(d, "SELECT at, operator, tbl, row_key, action, old, "
                      "json_extract(new, '$.value') FROM audit");
    cr_assert_eq(db_step(s), DB_ROW);
    cr_assert_str_eq(db_col_text(s, 0), "2022-04-03T09:15:00");
    cr_assert_str_eq(db_col_text(s, 1), "社工 李𠮷");
    cr_assert_str_eq(db_col_text(s, 2), "setting");
    cr_assert_str_eq(db_col_text(s, 3), "community");
    cr_assert_str_eq(db_col_text(s, 4), "insert");
    cr_assert(db_col_null(s, 5));
    cr_assert_str_eq(db_col_text(s, 6), "幸福里社区");
    db_finalize(&s);

    cr_assert_eq(db_exec(d, "UPDATE audit SET operator = 'nobody'"), -1);
    cr_assert(strstr(db_errmsg(d), "the audit trail cannot be changed"), "%s", db_errmsg(d));
    cr_assert_eq(db_exec(d, "DELETE FROM audit"), -1);
    cr_assert(strstr(db_errmsg(d), "the audit trail cannot be changed"), "%s", db_errmsg(d));
    char *who = db_text(d, "SELECT operator FROM audit");
    cr_assert_str_eq(who, "社工 李𠮷");
    free(who);
    cr_assert_eq(db_int(d, "SELECT count(*) FROM audit", -1), 1);

    cr_assert_eq(db_exec(d, "DELETE FROM setting"), 0);
    cr_assert_eq(db_int(d, "SELECT count(*) FROM audit WHERE action = 'delete'", -1), 1);
    cr_assert_eq(db_close(&d), 0);
}

/* ---- test lists --------------------------------------------------------- */

Test(migrate, test_list_applies_in_order)
{
    db *d = open_new();
    char err[512] = "";
    cr_assert_eq(db_migrate_with(d, two_ok, 1, err, sizeof err), 0, "%s", err);
    cr_assert_eq(db_user_version(d), 1);
    cr_assert_eq(tables_named(d, "b"), 0);
    cr_assert_eq(db_migrate_with(d, two_ok, 2, err, sizeof err), 0, "%s", err);
    cr_assert_eq(db_user_version(d), 2);
    cr_assert_eq(db_int(d, "SELECT y FROM b", 0), 2);
    cr_assert_eq(db_close(&d), 0);
}

Test(migrate, failing_migration_leaves_no_trace)
{
    static const struct db_migration list[] = {
        { 1, "0001_a", "CREATE TABLE a (x INTEGER);" },
        { 2, "0002_x", "CREATE TABLE b (y INTEGER); CREATE INDEX b_y ON b (y);"
                       "INSERT INTO no_such_table VALUES (1);" },
        { 3, "0003_c", "CREATE TABLE c (z INTEGER);" },
    };
    db *d = open_new();
    char err[512] = "";
    cr_assert_eq(db_migrate_with(d, list, 3, err, sizeof err), -1);
    cr_assert_str_eq(err, "migration 0002_x: no such table: no_such_table");
    cr_assert_eq(db_user_version(d), 1);
    cr_assert_eq(db_tx_depth(d), 0);
    cr_assert_eq(tables_named(d, "a"), 1);
    cr_assert_eq(tables_named(d, "b"), 0);
    cr_assert_eq(tables_named(d, "b_y"), 0);
    cr_assert_eq(tables_named(d, "c"), 0);
    cr_assert_eq(db_close(&d), 0);
}

Test(migrate, gap_in_numbering_is_refused)
{
    static const struct db_migration list[] = {
        { 1, "0001_a", "CREATE TABLE a (x INTEGER);" },
        { 3, "0003_c", "CREATE TABLE c (z INTEGER);" },
    };
    db *d = open_new();
    char err[512] = "";
    cr_assert_eq(db_migrate_with(d, list, 2, err, sizeof err), -1);
    cr_assert(strstr(err, "0003_c"), "%s", err);
    cr_assert_eq(db_user_version(d), 0);
    cr_assert_eq(tables_named(d, "a"), 0, "nothing is applied from a broken list");
    cr_assert_eq(db_close(&d), 0);
}

Test(migrate, list_not_starting_at_one_is_refused)
{
    static const struct db_migration list[] = {
        { 2, "0002_b", "CREATE TABLE b (y INTEGER);" },
    };
    db *d = open_new();
    char err[512] = "";
    cr_assert_eq(db_migrate_with(d, list, 1, err, sizeof err), -1);
    cr_assert(strstr(err, "0002_b"), "%s", err);
    cr_assert_eq(tables_named(d, "b"), 0);
    cr_assert_eq(db_close(&d), 0);
}

Test(migrate, newer_database_is_refused_and_unchanged)
{
    db *d = open_new();
    cr_assert_eq(db_exec(d, "CREATE TABLE future (x); PRAGMA user_version = 99"), 0);
    cr_assert_eq(db_close(&d), 0);
    size_t n0, n1;
    char *before = slurp(path, &n0);

    char err[512] = "";
    d = db_open(path, DB_OPEN_EXISTING, err, sizeof err);
    cr_assert_not_null(d, "%s", err);
    cr_assert_eq(db_migrate_with(d, two_ok, 2, err, sizeof err), -1);
    char want[600];
    snprintf(want, sizeof want,
             "%s was written by a newer version of dutydesk (schema 99, this program knows up to "
             "2); use the newer program or restore a backup", path);
    cr_assert_str_eq(err, want);
    err[0] = '\0';
    cr_assert_eq(db_migrate(d, err, sizeof err), -1);
    cr_assert(strstr(err, "schema 99"), "%s", err);
    cr_assert_eq(db_user_version(d), 99);
    cr_assert_eq(db_close(&d), 0);

    char *after = slurp(path, &n1);
    cr_assert_eq(n1, n0);
    cr_assert_eq(memcmp(before, after, n0), 0, "the file was changed");
    free(before);
    free(after);
}

Test(migrate, foreign_database_is_refused)
{
    db *d = open_new();
    cr_assert_eq(db_exec(d, "CREATE TABLE accounts (id INTEGER PRIMARY KEY)"), 0);
    char err[512] = "";
    cr_assert_eq(db_migrate(d, err, sizeof err), -1);
    cr_assert(strstr(err, "is not a dutydesk database"), "%s", err);
    cr_assert_eq(db_user_version(d), 0);
    cr_assert_eq(tables_named(d, "audit"), 0);
    cr_assert_eq(db_close(&d), 0);
}

Test(migrate, refused_inside_a_transaction)
{
    db *d = open_new();
    char err[512] = "";
    cr_assert_eq(db_begin(d), 0);
    cr_assert_eq(db_migrate_with(d, two_ok, 2, err, sizeof err), -1);
    cr_assert(strstr(err, "inside a transaction"), "%s", err);
    cr_assert_eq(db_rollback(d), 0);
    cr_assert_eq(db_user_version(d), 0);
    cr_assert_eq(db_close(&d), 0);
}
