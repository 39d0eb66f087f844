/* Tests of db/feed.c: rows the program hands to one statement. */
#include <criterion/criterion.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db/db.h"
#include "db/feed.h"

static char dir[64];
static db *d;

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    return remove(p);
}

static void setup(void)
{
    char path[128], err[512] = "";

    snprintf(dir, sizeof dir, "/tmp/dd-test-feed-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/f.db", dir);
    d = db_open(path, DB_OPEN_CREATE, err, sizeof err);
    cr_assert_not_null(d, "%s", err);
    cr_assert_eq(db_exec(d, "CREATE TABLE t (n INTEGER NOT NULL, name TEXT, b BLOB, x)"), 0);
}

static void teardown(void)
{
    if (d)
        cr_expect_eq(db_close(&d), 0, "statements or transactions left open");
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

TestSuite(feed, .init = setup, .fini = teardown);

struct gen {
    int left, made, fail_at;
    char name[32];
    unsigned char blob[3];
};

static int next_row(void *ctx, struct db_value *v, char *why, size_t whysz)
{
    struct gen *g = ctx;

    if (g->fail_at && g->made + 1 == g->fail_at) {
        snprintf(why, whysz, "row %d is refused", g->fail_at);
        return -1;
    }
    if (g->left-- <= 0)
        return 0;
    g->made++;
    snprintf(g->name, sizeof g->name, "张𠮷%d", g->made);
    g->blob[0] = (unsigned char)g->made;
    g->blob[1] = 0; /* a zero byte inside a blob */
    g->blob[2] = 0xFF;
    v[0] = (struct db_value){ .type = DB_INT, .i = g->made };
    v[1] = (struct db_value){ .type = DB_TEXT, .p = g->name };
    v[2] = (struct db_value){ .type = DB_BLOB, .p = g->blob, .n = sizeof g->blob };
    v[3] = (struct db_value){ .type = g->made % 2 ? DB_NULL : DB_TEXT, .p = NULL };
    return 1;
}

Test(feed, one_statement_takes_every_row)
{
    struct gen g = { .left = 5000 };
    cr_assert_eq(db_begin(d), 0);
    db_feed *f = db_feed_open(d, "dd_rows", 4, next_row, &g);
    cr_assert_not_null(f, "%s", db_errmsg(d));
    cr_assert_eq(db_exec(d, "INSERT INTO t (n, name, b, x) SELECT c0, c1, c2, c3 FROM temp.dd_rows"),
                 0, "%s", db_errmsg(d));
    cr_assert_eq(db_changes(d), 5000);
    g.left = 3;
    cr_assert_eq(db_exec(d, "INSERT INTO t (n) SELECT c0 FROM temp.dd_rows"), 0);
    cr_assert_eq(db_changes(d), 3, "a second statement goes on with the next rows");
    cr_assert_eq(db_exec(d, "DELETE FROM t WHERE n > 5000"), 0);
    db_feed_close(&f);
    cr_assert_null(f);
    cr_assert_eq(db_commit(d), 0);

    cr_assert_eq(db_int(d, "SELECT count(*) FROM t", -1), 5000);
    cr_assert_eq(db_int(d, "SELECT sum(n) FROM t", -1), 5000 * 5001 / 2);
    char *name = db_text(d, "SELECT name FROM t WHERE n = 4321");
    cr_assert_str_eq(name, "张𠮷4321");
    free(name);
    cr_assert_eq(db_int(d, "SELECT length(b) FROM t WHERE n = 7", -1), 3);
    cr_assert_eq(db_int(d, "SELECT hex(b) = '0700FF' FROM t WHERE n = 7", -1), 1);
    cr_assert_eq(db_int(d, "SELECT count(*) FROM t WHERE x IS NULL", -1), 5000);
    cr_assert_eq(db_int(d, "SELECT count(*) FROM sqlite_temp_schema", -1), 0, "the table is gone");
    /* The name is free again. */
    g = (struct gen){ .left = 1 };
    f = db_feed_open(d, "dd_rows", 4, next_row, &g);
    cr_assert_not_null(f, "%s", db_errmsg(d));
    db_feed_close(&f);
    db_feed_close(&f); /* NULL is a no-op */
}

Test(feed, a_row_refused_stops_the_statement_with_its_reason)
{
    struct gen g = { .left = 100, .fail_at = 40 };
    cr_assert_eq(db_begin(d), 0);
    db_feed *f = db_feed_open(d, "dd_rows", 4, next_row, &g);
    cr_assert_not_null(f);
    cr_assert_eq(db_exec(d, "INSERT INTO t (n, name, b, x) SELECT c0, c1, c2, c3 FROM temp.dd_rows"),
                 -1);
    cr_assert(strstr(db_errmsg(d), "row 40 is refused") != NULL, "%s", db_errmsg(d));
    db_feed_close(&f);
    cr_assert(strstr(db_errmsg(d), "row 40 is refused") != NULL, "close keeps the reason");
    cr_assert_eq(db_int(d, "SELECT count(*) FROM t", -1), 0, "the statement took nothing");
    cr_assert_eq(db_rollback(d), 0);
}

Test(feed, bad_names_are_refused)
{
    struct gen g = { 0 };
    cr_assert_null(db_feed_open(d, "x; DROP TABLE t", 1, next_row, &g));
    cr_assert_null(db_feed_open(d, "", 1, next_row, &g));
    cr_assert_null(db_feed_open(d, "ok", 0, next_row, &g));
    cr_assert_eq(db_int(d, "SELECT count(*) FROM sqlite_schema WHERE name = 't'", -1), 1);
}
