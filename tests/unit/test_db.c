/* Unit tests of db/db.c: opening (refusals, permissions, read-only use),
 * binding, transactions, busy databases and long-write notes, the debug
 * guards, the audit functions, online backup and the integrity check. */
#include <criterion/criterion.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"

static char dir[64];

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    return remove(p);
}

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/dd-test-db-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
    db_test_deny_writes(0);
    chmod(dir, 0700); /* a test may have taken the write permission off */
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

TestSuite(db, .init = setup, .fini = teardown);

/* DIR/NAME in a static buffer of its own per slot. */
static const char *in_dir(int slot, const char *name)
{
    static char buf[4][256];
    snprintf(buf[slot], sizeof buf[slot], "%s/%s", dir, name);
    return buf[slot];
}

static db *open_new(const char *path)
{
    char err[512] = "";
    db *d = db_open(path, DB_OPEN_CREATE, err, sizeof err);
    cr_assert_not_null(d, "db_open(%s): %s", path, err);
    return d;
}

static void write_file(const char *path, const char *bytes, size_t n)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(bytes, 1, n, f), n);
    cr_assert_eq(fclose(f), 0);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot read %s", path);
    size_t cap = 4096, n = 0, got;
    char *buf = malloc(cap);
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    *len = n;
    return buf;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static unsigned perms(const char *path)
{
    struct stat st;
    cr_assert_eq(stat(path, &st), 0, "%s: %s", path, strerror(errno));
    return st.st_mode & 07777;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* stderr into a file while a block runs, then its text. */
static int saved_stderr = -1;
static void capture_start(void)
{
    fflush(stderr);
    saved_stderr = dup(2);
    int fd = open(in_dir(3, "stderr.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    cr_assert_geq(fd, 0);
    dup2(fd, 2);
    close(fd);
}

static char *capture_end(void)
{
    fflush(stderr);
    dup2(saved_stderr, 2);
    close(saved_stderr);
    size_t n;
    char *text = slurp(in_dir(3, "stderr.txt"), &n);
    text = realloc(text, n + 1);
    text[n] = '\0';
    return text;
}

/* ---- opening ------------------------------------------------------------ */

Test(db, new_file_is_private_and_configured)
{
    const char *path = in_dir(0, "new.db");
    umask(022);
    db *d = open_new(path);
    cr_assert_eq(umask(022), 022, "db_open must restore the umask");
    cr_assert_eq(perms(path), 0600);

    cr_assert_eq(db_exec(d, "CREATE TABLE t(x); INSERT INTO t VALUES (1)"), 0, "%s", db_errmsg(d));
    const char *wal = in_dir(1, "new.db-wal");
    cr_assert(exists(wal), "a write in WAL mode leaves a -wal file");
    cr_assert_eq(perms(wal), 0600);
    cr_assert_eq(perms(in_dir(2, "new.db-shm")), 0600);

    char *mode = db_text(d, "PRAGMA journal_mode");
    cr_assert_str_eq(mode, "wal");
    free(mode);
    cr_assert_eq(db_int(d, "PRAGMA synchronous", -1), 2);
    cr_assert_eq(db_int(d, "PRAGMA foreign_keys", -1), 1);
    cr_assert_eq(db_int(d, "PRAGMA busy_timeout", -1), 5000);
    cr_assert_str_eq(db_path(d), path);
    cr_assert_eq(db_close(&d), 0);
    cr_assert_null(d);
}

Test(db, text_file_is_refused_and_left_alone)
{
    const char *path = in_dir(0, "residents.csv");
    const char text[] = "姓名,电话\n张三,13912347788\n李四,13800001111\n";
    write_file(path, text, sizeof text - 1);
    char err[512] = "";

    cr_assert_null(db_open(path, DB_OPEN_EXISTING, err, sizeof err));
    char want[600];
    snprintf(want, sizeof want,
             "%s is not a dutydesk database (not an SQLite file); nothing was changed", path);
    cr_assert_str_eq(err, want);
    err[0] = '\0';
    cr_assert_null(db_open(path, DB_OPEN_CREATE, err, sizeof err));
    cr_assert_str_eq(err, want);

    size_t n;
    char *after = slurp(path, &n);
    cr_assert_eq(n, sizeof text - 1);
    cr_assert_eq(memcmp(after, text, n), 0);
    free(after);
    cr_assert_not(exists(in_dir(1, "residents.csv-wal")));
    cr_assert_not(exists(in_dir(2, "residents.csv-shm")));
}

Test(db, short_file_is_refused)
{
    const char *path = in_dir(0, "short.db");
    write_file(path, "SQLite", 6);
    char err[512] = "";
    cr_assert_null(db_open(path, DB_OPEN_EXISTING, err, sizeof err));
    cr_assert(strstr(err, "not an SQLite file"), "%s", err);
}

Test(db, missing_file_is_refused_when_it_must_exist)
{
    const char *path = in_dir(0, "missing.db");
    char err[512] = "", want[600];
    cr_assert_null(db_open(path, DB_OPEN_EXISTING, err, sizeof err));
    snprintf(want, sizeof want, "%s does not exist; create it with \"dutydesk init\"", path);
    cr_assert_str_eq(err, want);
    cr_assert_not(exists(path));
}

Test(db, directory_is_refused)
{
    char err[512] = "";
    cr_assert_null(db_open(dir, DB_OPEN_CREATE, err, sizeof err));
    cr_assert(strstr(err, "is a directory"), "%s", err);
}

Test(db, missing_folder_gives_a_reason)
{
    char err[512] = "";
    cr_assert_null(db_open(in_dir(0, "no/such/folder.db"), DB_OPEN_CREATE, err, sizeof err));
    cr_assert(strstr(err, "cannot open") && strstr(err, "No such file"), "%s", err);
}

static const char *modes_name[] = { "EXISTING", "CREATE", "READ" };
static const enum db_open_mode all_modes[] = { DB_OPEN_EXISTING, DB_OPEN_CREATE, DB_OPEN_READ };

Test(db, empty_file_is_refused_and_left_alone)
{
    const char *path = in_dir(0, "empty.db");
    write_file(path, "", 0);
    cr_assert_eq(chmod(path, 0644), 0);
    char want[600];
    snprintf(want, sizeof want, "%s is empty: it is not a dutydesk database; nothing was changed "
             "(remove it, or give the path of the real database)", path);
    for (int m = 0; m < 3; m++) {
        char err[512] = "";
        cr_assert_null(db_open(path, all_modes[m], err, sizeof err), "%s", modes_name[m]);
        cr_assert_str_eq(err, want, "%s", modes_name[m]);
    }
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_assert_eq(st.st_size, 0, "nothing was written into it");
    cr_assert_eq(perms(path), 0644, "its mode is left as it was");
    cr_assert_not(exists(in_dir(1, "empty.db-wal")));
    cr_assert_not(exists(in_dir(1, "empty.db-shm")));
    cr_assert_not(exists(in_dir(1, "empty.db-journal")));
}

Test(db, dev_null_is_refused)
{
    struct stat before, after;
    cr_assert_eq(stat("/dev/null", &before), 0);
    for (int m = 0; m < 3; m++) {
        char err[512] = "";
        cr_assert_null(db_open("/dev/null", all_modes[m], err, sizeof err), "%s", modes_name[m]);
        cr_assert_str_eq(err, "/dev/null is not a regular file (but a device, a pipe or a "
                              "socket): it is not a dutydesk database; nothing was changed "
                              "(give the path of the real database)");
    }
    cr_assert_eq(stat("/dev/null", &after), 0);
    cr_assert(S_ISCHR(after.st_mode));
    cr_assert_eq(after.st_mode, before.st_mode);
    cr_assert_not(exists("/dev/null-wal"));
    cr_assert_not(exists("/dev/null-shm"));
}

Test(db, pipe_is_refused_without_waiting_for_a_writer, .timeout = 20)
{
    const char *path = in_dir(0, "pipe.db");
    cr_assert_eq(mkfifo(path, 0600), 0, "%s", strerror(errno));
    for (int m = 0; m < 3; m++) {
        char err[512] = "";
        cr_assert_null(db_open(path, all_modes[m], err, sizeof err), "%s", modes_name[m]);
        cr_assert(strstr(err, "is not a regular file"), "%s", err);
    }
    cr_assert_not(exists(in_dir(1, "pipe.db-wal")));
}

/* A failed creation leaves no empty file behind to be refused next time. */
Test(db, failed_creation_leaves_nothing)
{
    const char *path = in_dir(0, "new.db");
    const char *busy = in_dir(1, "new.db-journal");
    /* SQLite cannot write its journal while it sets WAL mode on the new file. */
    cr_assert_eq(mkdir(busy, 0700), 0);
    char err[512] = "";
    cr_assert_null(db_open(path, DB_OPEN_CREATE, err, sizeof err));
    cr_assert_neq(err[0], '\0');
    cr_assert_not(exists(path), "%s was left behind (%s)", path, err);
}

Test(db, every_database_file_is_made_private)
{
    const char *path = in_dir(0, "shared.db");
    const char *wal = in_dir(1, "shared.db-wal"), *shm = in_dir(2, "shared.db-shm");
    umask(022);
    db *a = open_new(path);
    cr_assert_eq(db_exec(a, "PRAGMA wal_autocheckpoint = 0; CREATE TABLE t(x);"
                            "INSERT INTO t VALUES (1)"), 0, "%s", db_errmsg(a));
    cr_assert(exists(wal) && exists(shm));
    /* As made by hand, or by an older program. */
    cr_assert_eq(chmod(path, 0644) | chmod(wal, 0664) | chmod(shm, 0755), 0);

    char err[512] = "";
    db *b = db_open(path, DB_OPEN_EXISTING, err, sizeof err);
    cr_assert_not_null(b, "%s", err);
    cr_assert_eq(perms(path), 0600);
    cr_assert_eq(perms(wal), 0600);
    cr_assert_eq(perms(shm), 0600);
    cr_assert_eq(db_close(&b), 0);
    cr_assert_eq(db_close(&a), 0);
    cr_assert_not(exists(wal), "the last close merges and removes the -wal");

    /* Alone, without working files: they are created private too. */
    cr_assert_eq(chmod(path, 0640), 0);
    a = db_open(path, DB_OPEN_EXISTING, err, sizeof err);
    cr_assert_not_null(a, "%s", err);
    cr_assert_eq(db_exec(a, "INSERT INTO t VALUES (2)"), 0);
    cr_assert_eq(perms(path), 0600);
    cr_assert_eq(perms(wal), 0600);
    cr_assert_eq(perms(shm), 0600);

    /* Another user's file is not touched (only root can make one here). */
    if (geteuid() == 0) {
        cr_assert_eq(chown(shm, 65534, 65534) | chmod(shm, 0644), 0);
        b = db_open(path, DB_OPEN_EXISTING, err, sizeof err);
        cr_assert_not_null(b, "%s", err);
        cr_assert_eq(perms(shm), 0644, "someone else's file was changed");
        cr_assert_eq(db_close(&b), 0);
    }
    cr_assert_eq(db_close(&a), 0);

    /* A read-only open changes no permission. */
    cr_assert_eq(chmod(path, 0644), 0);
    db_test_deny_writes(DB_TEST_DENY_FILE);
    b = db_open(path, DB_OPEN_READ, err, sizeof err);
    db_test_deny_writes(0);
    cr_assert_not_null(b, "%s", err);
    cr_assert(db_readonly(b));
    cr_assert_eq(perms(path), 0644);
    cr_assert_eq(db_close(&b), 0);
}

/* ---- statements --------------------------------------------------------- */

Test(db, unknown_parameter_is_loud_and_poisons_the_statement)
{
    db *d = open_new(in_dir(0, "p.db"));
    db_stmt *s = db_prepare(d, "SELECT :a + 1");
    int line = __LINE__ - 1;
    cr_assert_not_null(s);
    cr_assert_eq(db_bind_int(s, ":a", 41), 0);

    capture_start();
    int rc = db_bind_int(s, ":nope", 1);
    char *err = capture_end();
    cr_assert_eq(rc, -1);
    char want[300];
    snprintf(want, sizeof want, "db: %s:%d: statement has no parameter :nope\n", __FILE__, line);
    cr_assert_str_eq(err, want);
    free(err);
    cr_assert(strstr(db_errmsg(d), ":nope"), "%s", db_errmsg(d));

    cr_assert_eq(db_step(s), DB_ERR);
    db_finalize(&s);
    cr_assert_null(s);

    /* The same statement without the typo runs, and a bare name means ":a". */
    s = db_prepare(d, "SELECT :a + 1");
    cr_assert_eq(db_bind_int(s, "a", 41), 0);
    cr_assert_eq(db_step(s), DB_ROW);
    cr_assert_eq(db_col_int(s, 0), 42);
    db_finalize(&s);
    cr_assert_eq(db_close(&d), 0);
}

Test(db, prepare_failure_names_the_site)
{
    db *d = open_new(in_dir(0, "p.db"));
    capture_start();
    db_stmt *s = db_prepare(d, "SELECT * FROM no_such_table");
    int line = __LINE__ - 1;
    char *err = capture_end();
    cr_assert_null(s);
    char site[300];
    snprintf(site, sizeof site, "db: %s:%d: no such table: no_such_table", __FILE__, line);
    cr_assert(strncmp(err, site, strlen(site)) == 0, "stderr was: %s", err);
    free(err);
    cr_assert_str_eq(db_errmsg(d), "no such table: no_such_table");

    capture_start();
    s = db_prepare(d, "SELECT 1; SELECT 2");
    err = capture_end();
    cr_assert_null(s, "two statements in one prepare are refused");
    cr_assert(strstr(err, "more than one statement"), "%s", err);
    free(err);
    cr_assert_eq(db_close(&d), 0);
}

Test(db, values_round_trip)
{
    db *d = open_new(in_dir(0, "v.db"));
    cr_assert_eq(db_exec(d, "CREATE TABLE v(t TEXT, i INTEGER, r REAL, n TEXT)"), 0);
    const char name[] = "吉𠮷中文·买买提";
    db_stmt *s = db_prepare(d, "INSERT INTO v VALUES (:t, :i, :r, :n)");
    cr_assert_eq(db_bind_text(s, ":t", name), 0);
    cr_assert_eq(db_bind_int(s, ":i", INT64_MIN), 0);
    cr_assert_eq(db_bind_double(s, ":r", 36.75), 0);
    cr_assert_eq(db_bind_text(s, ":n", NULL), 0);
    cr_assert_eq(db_step(s), DB_DONE, "%s", db_errmsg(d));
    cr_assert_eq(db_changes(d), 1);
    cr_assert_eq(db_last_rowid(d), 1);
    cr_assert_eq(db_reset(s), 0);
    cr_assert_eq(db_bind_text(s, ":t", ""), 0);
    cr_assert_eq(db_bind_int(s, ":i", INT64_MAX), 0);
    cr_assert_eq(db_bind_double(s, ":r", -0.1), 0);
    cr_assert_eq(db_bind_null(s, ":n"), 0);
    cr_assert_eq(db_step(s), DB_DONE);
    db_finalize(&s);

    s = db_prepare(d, "SELECT t, i, r, n, length(t) AS chars FROM v ORDER BY rowid");
    cr_assert_eq(db_column_count(s), 5);
    cr_assert_str_eq(db_col_name(s, 4), "chars");
    cr_assert_eq(db_step(s), DB_ROW);
    cr_assert_str_eq(db_col_text(s, 0), name);
    cr_assert_eq(db_col_int(s, 4), 8, "𠮷 is one character, not two");
    cr_assert_eq(db_col_int(s, 1), INT64_MIN);
    cr_assert_eq(db_col_double(s, 2), 36.75);
    cr_assert(db_col_null(s, 3));
    cr_assert_str_eq(db_col_text(s, 3), "");
    cr_assert_not(db_col_null(s, 0));
    cr_assert_eq(db_step(s), DB_ROW);
    cr_assert_str_eq(db_col_text(s, 0), "");
    cr_assert_not(db_col_null(s, 0), "an empty string is not NULL");
    cr_assert_eq(db_col_int(s, 1), INT64_MAX);
    cr_assert_eq(db_col_double(s, 2), -0.1);
    cr_assert(db_col_null(s, 3));
    cr_assert_eq(db_step(s), DB_DONE);
    db_finalize(&s);

    char *t = db_text(d, "SELECT t FROM v WHERE rowid = 1");
    cr_assert_str_eq(t, name);
    free(t);
    cr_assert_null(db_text(d, "SELECT t FROM v WHERE rowid = 99"));
    cr_assert_eq(db_int(d, "SELECT count(*) FROM v", -1), 2);
    cr_assert_eq(db_int(d, "SELECT i FROM v WHERE rowid = 99", -7), -7);
    cr_assert_eq(db_close(&d), 0);
}

Test(db, parameters_found_in_any_order_and_bound_without_a_copy)
{
    db *d = open_new(in_dir(0, "p.db"));
    cr_assert_eq(db_exec(d, "CREATE TABLE p(a TEXT, b TEXT, c INTEGER, d TEXT)"), 0);
    db_stmt *s = db_prepare(d, "INSERT INTO p VALUES (:a, :b, :c, :a || :d)");
    char a[16] = "甲", b[16] = "乙";
    for (int round = 0; round < 3; round++) {
        /* in the order of the SQL, backwards, and with bare names */
        if (round == 0)
            cr_assert_eq(db_bind_text_ref(s, ":a", a) | db_bind_text_ref(s, ":b", b)
                             | db_bind_int(s, ":c", round) | db_bind_text(s, ":d", "丁"),
                         0);
        else if (round == 1)
            cr_assert_eq(db_bind_text(s, ":d", "丁") | db_bind_int(s, ":c", round)
                             | db_bind_text_ref(s, ":b", b) | db_bind_text_ref(s, ":a", a),
                         0);
        else
            cr_assert_eq(db_bind_int(s, "c", round) | db_bind_text_ref(s, "a", a)
                             | db_bind_text(s, "d", "丁") | db_bind_text_ref(s, "b", NULL),
                         0);
        cr_assert_eq(db_step(s), DB_DONE, "%s", db_errmsg(d));
        cr_assert_eq(db_reset(s), 0);
        /* the next round's values in the same buffers */
        snprintf(a, sizeof a, "甲%d", round + 1);
        snprintf(b, sizeof b, "乙%d", round + 1);
    }
    cr_assert_eq(db_bind_text_ref(s, ":nope", "x"), -1, "an unknown name is still refused");
    db_finalize(&s);
    /* The schema changes between two runs: SQLite prepares the statement
     * again, and the names are still found (under ASan: not read freed). */
    s = db_prepare(d, "SELECT count(*) FROM p WHERE a = :a OR b = :b");
    cr_assert_eq(db_bind_text(s, ":a", "甲") | db_bind_text(s, ":b", "乙"), 0);
    cr_assert_eq(db_step(s), DB_ROW);
    cr_assert_eq(db_reset(s), 0);
    cr_assert_eq(db_exec(d, "CREATE INDEX p_a ON p (a)"), 0);
    cr_assert_eq(db_step(s), DB_ROW, "%s", db_errmsg(d));
    cr_assert_eq(db_reset(s), 0);
    cr_assert_eq(db_bind_text(s, ":b", "乙1") | db_bind_text(s, ":a", "甲1"), 0);
    cr_assert_eq(db_step(s), DB_ROW, "%s", db_errmsg(d));
    cr_assert_eq(db_col_int(s, 0), 1);
    db_finalize(&s);
    char *t = db_text(d, "SELECT group_concat(a || '/' || coalesce(b, '-') || '/' || c || '/' || d,"
                         " ' ') FROM p");
    cr_assert_str_eq(t, "甲/乙/0/甲丁 甲1/乙1/1/甲1丁 甲2/-/2/甲2丁");
    free(t);
    cr_assert_eq(db_close(&d), 0);
}

static char *journal_mode(db *d)
{
    static char mode[16];
    char *t = db_text(d, "PRAGMA journal_mode");
    snprintf(mode, sizeof mode, "%s", t ? t : "");
    free(t);
    return mode;
}

Test(db, direct_load_writes_the_file_and_goes_back_to_wal)
{
    const char *path = in_dir(0, "direct.db");
    char err[512] = "";
    db *d = open_new(path);
    cr_assert_eq(db_exec(d, "CREATE TABLE t(x)"), 0);

    cr_assert_eq(db_direct_begin(d), 1, "%s", db_errmsg(d));
    cr_assert_str_eq(journal_mode(d), "delete");
    cr_assert_eq(db_begin(d), 0);
    cr_assert_eq(db_exec(d, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                            " WHERE i < 20000) INSERT INTO t SELECT randomblob(100) FROM n"),
                 0, "%s", db_errmsg(d));
    /* Another program starting now is told why it cannot. */
    db *other = db_open(path, DB_OPEN_EXISTING, err, sizeof err);
    cr_assert_null(other);
    cr_assert(strstr(err, "busy") && strstr(err, "import"), "%s", err);
    cr_assert_eq(db_direct_end(d), -1, "not inside the load's transaction");
    cr_assert_eq(db_commit(d), 0, "%s", db_errmsg(d));
    cr_assert_eq(perms(path), 0600);

    cr_assert_eq(db_direct_end(d), 0, "%s", db_errmsg(d));
    cr_assert_str_eq(journal_mode(d), "wal");
    cr_assert_eq(db_direct_end(d), 0, "a second end is harmless");
    cr_assert_eq(db_int(d, "SELECT count(*) FROM t", -1), 20000);
    other = db_open(path, DB_OPEN_EXISTING, err, sizeof err);
    cr_assert_not_null(other, "%s", err);
    cr_assert_eq(db_close(&other), 0);
    cr_assert_eq(db_close(&d), 0);
}

Test(db, direct_load_is_refused_while_another_connection_is_open)
{
    const char *path = in_dir(0, "shared.db");
    db *d = open_new(path), *other = open_new(path);
    cr_assert_eq(db_exec(d, "CREATE TABLE t(x); INSERT INTO t VALUES (1)"), 0);
    cr_assert_eq(db_int(other, "SELECT count(*) FROM t", -1), 1);

    cr_assert_eq(db_direct_begin(d), 0, "the other connection keeps the WAL");
    cr_assert_str_eq(journal_mode(d), "wal");
    cr_assert_str_eq(db_errmsg(d), "", "not a failure");
    cr_assert_eq(db_direct_end(d), 0, "nothing to end");
    /* The load goes through the WAL: the other goes on reading meanwhile. */
    cr_assert_eq(db_begin(d), 0);
    cr_assert_eq(db_exec(d, "INSERT INTO t VALUES (2)"), 0);
    cr_assert_eq(db_int(other, "SELECT count(*) FROM t", -1), 1);
    cr_assert_eq(db_commit(d), 0);
    cr_assert_eq(db_int(other, "SELECT count(*) FROM t", -1), 2);

    /* Alone, but with a statement of its own half-way through its rows. */
    cr_assert_eq(db_close(&other), 0);
    db_stmt *reading = db_prepare(d, "SELECT x FROM t");
    cr_assert_eq(db_step(reading), DB_ROW);
    cr_assert_eq(db_direct_begin(d), 0, "a statement still reads: the WAL stays");
    cr_assert_str_eq(journal_mode(d), "wal");
    db_finalize(&reading);

    /* Alone now; a close ends a direct load left open. */
    cr_assert_eq(db_direct_begin(d), 1);
    cr_assert_eq(db_begin(d), 0);
    cr_assert_eq(db_direct_begin(d), -1, "not inside a transaction");
    cr_assert_eq(db_rollback(d), 0);
    cr_assert_eq(db_close(&d), 0);
    d = open_new(path);
    cr_assert_str_eq(journal_mode(d), "wal");
    cr_assert_eq(db_int(d, "SELECT count(*) FROM t", -1), 2);
    cr_assert_eq(db_close(&d), 0);
}

Test(db, step_error_sets_the_message)
{
    db *d = open_new(in_dir(0, "e.db"));
    cr_assert_eq(db_exec(d, "CREATE TABLE u(k TEXT PRIMARY KEY)"), 0);
    cr_assert_eq(db_exec(d, "INSERT INTO u VALUES ('a')"), 0);
    db_stmt *s = db_prepare(d, "INSERT INTO u VALUES (:k)");
    cr_assert_eq(db_bind_text(s, ":k", "a"), 0);
    cr_assert_eq(db_step(s), DB_ERR);
    cr_assert(strstr(db_errmsg(d), "UNIQUE"), "%s", db_errmsg(d));
    db_finalize(&s);
    cr_assert_eq(db_exec(d, "INSERT INTO nowhere VALUES (1)"), -1);
    cr_assert(strstr(db_errmsg(d), "no such table"), "%s", db_errmsg(d));
    cr_assert_eq(db_close(&d), 0);
}

/* ---- transactions ------------------------------------------------------- */

static int64_t count_rows(db *d, const char *table)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    return db_int(d, sql, -1);
}

Test(db, nested_transactions)
{
    db *d = open_new(in_dir(0, "tx.db"));
    cr_assert_eq(db_exec(d, "CREATE TABLE t(x)"), 0);

    cr_assert_eq(db_begin(d), 0);
    cr_assert_eq(db_tx_depth(d), 1);
    cr_assert_eq(db_exec(d, "INSERT INTO t VALUES (1)"), 0);
    cr_assert_eq(db_begin(d), 0);
    cr_assert_eq(db_tx_depth(d), 2);
    cr_assert_eq(db_exec(d, "INSERT INTO t VALUES (2)"), 0);
    cr_assert_eq(db_begin(d), 0);
    cr_assert_eq(db_exec(d, "INSERT INTO t VALUES (3)"), 0);
    cr_assert_eq(db_commit(d), 0);
    cr_assert_eq(db_rollback(d), 0, "%s", db_errmsg(d)); /* drops 2 and 3 */
    cr_assert_eq(db_tx_depth(d), 1);
    cr_assert_eq(count_rows(d, "t"), 1);
    cr_assert_eq(db_begin(d), 0);
    cr_assert_eq(db_exec(d, "INSERT INTO t VALUES (4)"), 0);
    cr_assert_eq(db_commit(d), 0);
    cr_assert_eq(db_commit(d), 0);
    cr_assert_eq(db_tx_depth(d), 0);
    char *all = db_text(d, "SELECT group_concat(x, ',') FROM (SELECT x FROM t ORDER BY x)");
    cr_assert_str_eq(all, "1,4");
    free(all);

    /* Outer rollback drops everything, inner commits included. */
    cr_assert_eq(db_begin(d), 0);
    cr_assert_eq(db_exec(d, "INSERT INTO t VALUES (5)"), 0);
    cr_assert_eq(db_begin(d), 0);
    cr_assert_eq(db_exec(d, "INSERT INTO t VALUES (6)"), 0);
    cr_assert_eq(db_commit(d), 0);
    cr_assert_eq(db_rollback(d), 0);
    cr_assert_eq(db_tx_depth(d), 0);
    cr_assert_eq(count_rows(d, "t"), 2);
    cr_assert_eq(db_close(&d), 0);
}

Test(db, commit_without_begin_fails)
{
    db *d = open_new(in_dir(0, "tx.db"));
    capture_start();
    int c = db_commit(d), r = db_rollback(d);
    free(capture_end());
    cr_assert_eq(c, -1);
    cr_assert_eq(r, -1);
    cr_assert_eq(db_tx_depth(d), 0);
    cr_assert_eq(db_close(&d), 0);
}

Test(db, begin_takes_the_write_lock)
{
    const char *path = in_dir(0, "lock.db");
    db *a = open_new(path);
    db *b = open_new(path);
    cr_assert_eq(db_exec(b, "PRAGMA busy_timeout = 50"), 0);
    cr_assert_eq(db_begin(a), 0);
    cr_assert_eq(db_begin(b), -1, "a second writer waits, then fails: BEGIN IMMEDIATE");
    cr_assert(db_busy(b));
    cr_assert(strstr(db_errmsg(b), "busy"), "%s", db_errmsg(b));
    cr_assert_eq(db_tx_depth(b), 0);
    cr_assert_eq(db_commit(a), 0);
    cr_assert_eq(db_close(&a), 0);
    cr_assert_eq(db_close(&b), 0);
}

/* ---- read-only use ------------------------------------------------------ */

/* A database at PATH with table t holding ROWS rows, closed. */
static void make_db(const char *path, int rows)
{
    db *d = open_new(path);
    cr_assert_eq(db_exec(d, "CREATE TABLE t(x TEXT)"), 0);
    for (int i = 0; i < rows; i++)
        cr_assert_eq(db_exec(d, "INSERT INTO t VALUES ('居民')"), 0);
    cr_assert_eq(db_close(&d), 0);
}

static void expect_readonly_refusals(db *d, const char *path)
{
    char want[600];
    snprintf(want, sizeof want, "%s is open read-only (the file or its folder cannot be "
             "written): nothing can be saved", path);
    cr_assert(db_readonly(d));
    cr_assert_eq(db_begin(d), -1, "a transaction is for writing");
    cr_assert_str_eq(db_errmsg(d), want);
    cr_assert_eq(db_tx_depth(d), 0);
    cr_assert_not(db_busy(d));
    cr_assert_eq(db_exec(d, "INSERT INTO t VALUES ('x')"), -1);
    cr_assert_str_eq(db_errmsg(d), want);
    db_stmt *s = db_prepare(d, "DELETE FROM t");
    cr_assert_not_null(s);
    cr_assert_eq(db_step(s), DB_ERR);
    cr_assert_str_eq(db_errmsg(d), want);
    db_finalize(&s);
    cr_assert_eq(db_long_write_begin(d, "nobody writes here"), -1);
    char side[300];
    snprintf(side, sizeof side, "%s-busy", path);
    cr_assert_not(exists(side));
}

Test(db, read_mode_writes_when_it_can)
{
    const char *path = in_dir(0, "rw.db");
    make_db(path, 1);
    char err[512] = "";
    db *d = db_open(path, DB_OPEN_READ, err, sizeof err);
    cr_assert_not_null(d, "%s", err);
    cr_assert_not(db_readonly(d));
    cr_assert_eq(db_begin(d), 0, "%s", db_errmsg(d));
    cr_assert_eq(db_exec(d, "INSERT INTO t VALUES ('x')"), 0);
    cr_assert_eq(db_commit(d), 0);
    cr_assert_eq(count_rows(d, "t"), 2);
    cr_assert_eq(db_close(&d), 0);

    cr_assert_null(db_open(in_dir(1, "missing.db"), DB_OPEN_READ, err, sizeof err));
    cr_assert(strstr(err, "does not exist"), "%s", err);
    cr_assert_not(exists(in_dir(1, "missing.db")));
}

Test(db, file_that_cannot_be_written_is_read_only)
{
    const char *path = in_dir(0, "ro.db");
    make_db(path, 3);
    db *writer = open_new(path);
    db_test_deny_writes(DB_TEST_DENY_FILE);

    char err[512] = "", want[600];
    cr_assert_null(db_open(path, DB_OPEN_EXISTING, err, sizeof err));
    snprintf(want, sizeof want, "%s cannot be written (Permission denied); check the file's "
             "permissions", path);
    cr_assert_str_eq(err, want);

    db *d = db_open(path, DB_OPEN_READ, err, sizeof err);
    cr_assert_not_null(d, "%s", err);
    cr_assert_eq(count_rows(d, "t"), 3);
    cr_assert_str_eq(journal_mode(d), "wal", "the file stays as it is");
    cr_assert_eq(db_int(d, "PRAGMA foreign_keys", -1), 1);
    cr_assert_eq(db_int(d, "PRAGMA busy_timeout", -1), 5000);
    expect_readonly_refusals(d, path);
    cr_assert(exists(in_dir(1, "ro.db-shm")), "SQLite keeps its -shm in the folder");

    /* Through SQLite's locks it follows the others' changes. */
    cr_assert_eq(db_exec(writer, "INSERT INTO t VALUES ('new')"), 0, "%s", db_errmsg(writer));
    cr_assert_eq(count_rows(d, "t"), 4);
    cr_assert_eq(db_close(&d), 0);
    cr_assert_eq(db_close(&writer), 0);
    db_test_deny_writes(0);
}

static const char *real_dir(void)
{
    static char real[PATH_MAX];
    cr_assert_not_null(realpath(dir, real));
    return real;
}

Test(db, folder_that_cannot_be_written_is_refused_for_writing)
{
    const char *path = in_dir(0, "desk.db");
    make_db(path, 1);
    db_test_deny_writes(DB_TEST_DENY_FOLDER);
    char err[512] = "", want[600];
    snprintf(want, sizeof want, "the folder %s cannot be written (Permission denied): the "
             "database keeps its working files (desk.db-wal, desk.db-shm) beside it; ask the "
             "owner of the folder to let you write in it, or keep the database in a folder you "
             "can write", real_dir());
    cr_assert_null(db_open(path, DB_OPEN_EXISTING, err, sizeof err));
    cr_assert_str_eq(err, want);
    err[0] = '\0';
    cr_assert_null(db_open(path, DB_OPEN_CREATE, err, sizeof err));
    cr_assert_str_eq(err, want);

    /* Nor is a new database made there. */
    const char *fresh = in_dir(1, "fresh.db");
    cr_assert_null(db_open(fresh, DB_OPEN_CREATE, err, sizeof err));
    cr_assert(strstr(err, "the folder ") && strstr(err, "fresh.db-wal"), "%s", err);
    cr_assert_not(exists(fresh));
    db_test_deny_writes(0);
    cr_assert_not(exists(in_dir(2, "desk.db-wal")));
}

Test(db, folder_that_cannot_be_written_reads_the_file_as_it_is)
{
    const char *path = in_dir(0, "desk.db");
    make_db(path, 2);
    cr_assert_not(exists(in_dir(1, "desk.db-wal")));
    write_file(in_dir(1, "desk.db-wal"), "", 0); /* an empty one holds nothing */
    db_test_deny_writes(DB_TEST_DENY_FOLDER);
    char err[512] = "";
    db *d = db_open(path, DB_OPEN_READ, err, sizeof err);
    cr_assert_not_null(d, "%s", err);
    cr_assert_eq(count_rows(d, "t"), 2);
    cr_assert_eq(db_int(d, "PRAGMA foreign_keys", -1), 1);
    expect_readonly_refusals(d, path);
    cr_assert_not(exists(in_dir(1, "desk.db-shm")), "nothing is made in the folder");
    cr_assert_eq(db_close(&d), 0);
    db_test_deny_writes(0);
}

Test(db, immutable_reading_escapes_the_path)
{
    cr_assert_eq(mkdir(in_dir(0, "50% off?#1"), 0700), 0);
    const char *path = in_dir(0, "50% off?#1/desk%41 ?x=1#.db");
    make_db(path, 5);
    db_test_deny_writes(DB_TEST_DENY_FILE | DB_TEST_DENY_FOLDER);
    char err[512] = "";
    db *d = db_open(path, DB_OPEN_READ, err, sizeof err);
    cr_assert_not_null(d, "%s", err);
    cr_assert(db_readonly(d));
    cr_assert_eq(count_rows(d, "t"), 5);
    cr_assert_str_eq(db_path(d), path);
    cr_assert_eq(db_close(&d), 0);
    db_test_deny_writes(0);
}

/* ORIG and its -wal copied to COPY: a database whose last changes are in
 * its -wal only, as a program that stopped leaves it. */
static void copy_with_wal(const char *orig, const char *copy)
{
    char from[300], to[300];
    size_t n;
    char *bytes = slurp(orig, &n);
    write_file(copy, bytes, n);
    free(bytes);
    snprintf(from, sizeof from, "%s-wal", orig);
    snprintf(to, sizeof to, "%s-wal", copy);
    bytes = slurp(from, &n);
    cr_assert_gt(n, 0);
    write_file(to, bytes, n);
    free(bytes);
}

Test(db, folder_that_cannot_be_written_and_unmerged_changes)
{
    const char *path = in_dir(0, "live.db");
    make_db(path, 1);
    db *writer = open_new(path);
    cr_assert_eq(db_exec(writer, "PRAGMA wal_autocheckpoint = 0;"
                                 "INSERT INTO t VALUES ('only in the wal')"), 0);
    copy_with_wal(path, in_dir(1, "stopped.db"));
    db_test_deny_writes(DB_TEST_DENY_FOLDER);

    /* Without its -shm, SQLite cannot read it, and without the -wal it
     * would be wrong: refused, saying what to do. */
    char err[600] = "", want[600];
    cr_assert_null(db_open(in_dir(1, "stopped.db"), DB_OPEN_READ, err, sizeof err));
    snprintf(want, sizeof want, "cannot read %s: its folder %s cannot be written, and changes "
             "not yet merged into the file are in stopped.db-wal; ask the owner of the folder "
             "to open the database once with dutydesk (that merges them), or to let you write "
             "in the folder", in_dir(1, "stopped.db"), real_dir());
    cr_assert_str_eq(err, want);

    /* A rollback journal left by a direct load that stopped, the same. */
    write_file(in_dir(1, "journal.db"), "SQLite format 3\0 and some pages", 31);
    write_file(in_dir(2, "journal.db-journal"), "pages to put back", 17);
    cr_assert_null(db_open(in_dir(1, "journal.db"), DB_OPEN_READ, err, sizeof err));
    cr_assert(strstr(err, "are in journal.db-journal;"), "%s", err);

    /* With both working files there (the writer has it open), SQLite
     * reads through them: the change only in the -wal is seen. */
    db *d = db_open(path, DB_OPEN_READ, err, sizeof err);
    cr_assert_not_null(d, "%s", err);
    cr_assert(db_readonly(d));
    cr_assert_eq(count_rows(d, "t"), 2);
    cr_assert_eq(db_exec(writer, "INSERT INTO t VALUES ('later')"), 0);
    cr_assert_eq(count_rows(d, "t"), 3, "the writer's later changes are seen too");
    cr_assert_eq(db_close(&d), 0);
    db_test_deny_writes(0);
    cr_assert_eq(db_close(&writer), 0);
}

/* The same cases with real permissions.  Root may write anything, so as
 * root the checks run in a child process that has become the user nobody
 * (the hook-based tests above run everywhere).  The checks report a
 * failure by its line, as an exit status, since a child cannot assert. */
#define CHECK(cond)                                                             \
    do {                                                                        \
        if (!(cond)) {                                                          \
            fprintf(stderr, "real_permissions: %s:%d: %s (%s)\n", __FILE__,     \
                    __LINE__, #cond, err);                                      \
            return __LINE__;                                                    \
        }                                                                       \
    } while (0)

static int readonly_refusals(db *d, const char *path, char *err)
{
    char want[600];
    snprintf(want, sizeof want, "%s is open read-only (the file or its folder cannot be "
             "written): nothing can be saved", path);
    CHECK(db_readonly(d));
    CHECK(db_begin(d) == -1);
    CHECK(strcmp(db_errmsg(d), want) == 0);
    CHECK(db_exec(d, "INSERT INTO t VALUES ('x')") == -1);
    CHECK(strcmp(db_errmsg(d), want) == 0);
    return 0;
}

static int real_permission_checks(const char *path)
{
    char err[600] = "";
    int rc;

    CHECK(chmod(path, 0400) == 0);
    CHECK(db_open(path, DB_OPEN_EXISTING, err, sizeof err) == NULL);
    CHECK(strstr(err, "cannot be written") != NULL);
    db *d = db_open(path, DB_OPEN_READ, err, sizeof err);
    CHECK(d != NULL);
    CHECK(count_rows(d, "t") == 2);
    if ((rc = readonly_refusals(d, path, err)) != 0)
        return rc;
    CHECK(db_close(&d) == 0);
    remove(in_dir(1, "desk.db-wal"));
    remove(in_dir(1, "desk.db-shm"));

    CHECK(chmod(path, 0600) == 0);
    CHECK(chmod(dir, 0500) == 0);
    CHECK(db_open(path, DB_OPEN_EXISTING, err, sizeof err) == NULL);
    CHECK(strstr(err, "the folder ") && strstr(err, "Permission denied"));
    d = db_open(path, DB_OPEN_READ, err, sizeof err);
    CHECK(d != NULL);
    CHECK(count_rows(d, "t") == 2);
    if ((rc = readonly_refusals(d, path, err)) != 0)
        return rc;
    CHECK(db_close(&d) == 0);
    CHECK(chmod(dir, 0700) == 0);
    return 0;
}

Test(db, real_permissions)
{
    const char *path = in_dir(0, "desk.db");
    const uid_t nobody = 65534;
    make_db(path, 2);

    if (geteuid() != 0) {
        cr_assert_eq(real_permission_checks(path), 0, "see the message above");
        return;
    }
    cr_assert_eq(chown(dir, nobody, nobody), 0);
    cr_assert_eq(chown(path, nobody, nobody), 0);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        if (setgroups(0, NULL) != 0 || setgid(nobody) != 0 || setuid(nobody) != 0)
            _exit(1);
        _exit(real_permission_checks(path) ? 2 : 0);
    }
    int status = 0;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    chown(dir, 0, 0); /* for the removal */
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "the checks as the user nobody failed (exit %d; the reason is on stderr)",
              WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/* ---- busy --------------------------------------------------------------- */

static const char busy_plain[] =
    "the database is busy: another program is writing into it; try again in a moment";

Test(db, busy_write_fails_soon_in_plain_words)
{
    const char *path = in_dir(0, "busy.db");
    make_db(path, 1);
    db *a = open_new(path), *b = open_new(path);
    db_set_busy_timeout(b, 100);
    cr_assert_eq(db_int(b, "PRAGMA busy_timeout", -1), 100);
    cr_assert_eq(db_begin(a), 0);

    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cr_assert_eq(db_begin(b), -1);
    cr_assert_lt(seconds_since(&t0), 2.0, "the interface must not freeze");
    cr_assert(db_busy(b));
    cr_assert_str_eq(db_errmsg(b), busy_plain);
    cr_assert_eq(db_tx_depth(b), 0);

    cr_assert_eq(db_exec(b, "INSERT INTO t VALUES ('x')"), -1);
    cr_assert(db_busy(b));
    cr_assert_str_eq(db_errmsg(b), busy_plain);
    db_stmt *s = db_prepare(b, "INSERT INTO t VALUES ('y')");
    cr_assert_not_null(s);
    cr_assert_eq(db_step(s), DB_ERR);
    cr_assert(db_busy(b));
    cr_assert_str_eq(db_errmsg(b), busy_plain);
    db_finalize(&s);

    /* Reading goes on meanwhile (WAL), and clears it. */
    cr_assert_eq(count_rows(b, "t"), 1);
    cr_assert_not(db_busy(b));
    cr_assert_eq(db_exec(b, "INSERT INTO t VALUES ('z')"), -1);
    cr_assert(db_busy(b));
    cr_assert_eq(db_exec(b, "INSERT INTO nowhere VALUES (1)"), -1);
    cr_assert_not(db_busy(b), "another failure is not busy");

    cr_assert_eq(db_commit(a), 0);
    cr_assert_eq(db_begin(b), 0, "%s", db_errmsg(b));
    cr_assert_not(db_busy(b));
    cr_assert_eq(db_commit(b), 0);
    cr_assert_eq(db_close(&a), 0);
    cr_assert_eq(db_close(&b), 0);
}

static const char note_text[] = "张三 is importing 调查表.csv since 10:02";

/* The child: a long write with its note, until the parent writes to GO. */
static void long_writer_child(const char *path, int ready, int go)
{
    char err[512], c;
    db *d = db_open(path, DB_OPEN_EXISTING, err, sizeof err);
    if (!d)
        _exit(20);
    if (db_long_write_begin(d, note_text) != 0 || db_begin(d) != 0
        || db_exec(d, "INSERT INTO t VALUES ('imported')") != 0)
        _exit(21);
    if (write(ready, "x", 1) != 1 || read(go, &c, 1) != 1)
        _exit(22);
    if (db_commit(d) != 0)
        _exit(23);
    db_long_write_end(d);
    _exit(db_close(&d) == 0 ? 0 : 24);
}

Test(db, busy_message_says_who_is_writing, .timeout = 60)
{
    const char *path = in_dir(0, "import.db");
    const char *note_file = in_dir(1, "import.db-busy");
    make_db(path, 1);
    umask(022);
    int ready[2], go[2];
    cr_assert_eq(pipe(ready) | pipe(go), 0);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        close(ready[0]);
        close(go[1]);
        long_writer_child(path, ready[1], go[0]);
    }
    close(ready[1]);
    close(go[0]);
    char c;
    cr_assert_eq(read(ready[0], &c, 1), 1, "the long write did not start");

    cr_assert_eq(perms(note_file), 0600);
    char note[256];
    cr_assert(db_long_write_note(path, note, sizeof note));
    cr_assert_str_eq(note, note_text);

    db *b = open_new(path);
    db_set_busy_timeout(b, 100);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cr_assert_eq(db_begin(b), -1);
    cr_assert_lt(seconds_since(&t0), 2.0);
    cr_assert(db_busy(b));
    char want[300];
    snprintf(want, sizeof want, "the database is busy: %s; try again when it is done", note_text);
    cr_assert_str_eq(db_errmsg(b), want);

    cr_assert_eq(write(go[1], "x", 1), 1);
    int status = 0;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "long writer status %d", status);
    cr_assert_not(exists(note_file), "the note is removed when the write ends");
    cr_assert_not(db_long_write_note(path, note, sizeof note));
    cr_assert_str_eq(note, "");
    cr_assert_eq(db_begin(b), 0, "%s", db_errmsg(b));
    cr_assert_eq(db_commit(b), 0);
    cr_assert_eq(count_rows(b, "t"), 2);
    cr_assert_eq(db_close(&b), 0);
}

Test(db, note_left_by_a_stopped_program_is_ignored)
{
    const char *path = in_dir(0, "stale.db");
    make_db(path, 1);
    const char stale[] = "李四 is importing 旧表.csv since 09:00\n";
    write_file(in_dir(1, "stale.db-busy"), stale, sizeof stale - 1);
    char note[256] = "x";
    cr_assert_not(db_long_write_note(path, note, sizeof note), "nobody holds its lock");
    cr_assert_str_eq(note, "");

    db *a = open_new(path), *b = open_new(path);
    db_set_busy_timeout(b, 50);
    cr_assert_eq(db_begin(a), 0);
    cr_assert_eq(db_begin(b), -1);
    cr_assert_str_eq(db_errmsg(b), busy_plain);
    cr_assert_eq(db_commit(a), 0);

    /* The next long write takes the file over. */
    cr_assert_eq(db_long_write_begin(a, "王五 is importing 新表.csv"), 0);
    cr_assert(db_long_write_note(path, note, sizeof note));
    cr_assert_str_eq(note, "王五 is importing 新表.csv");
    cr_assert_eq(db_close(&a), 0, "the close ends the note");
    cr_assert_not(exists(in_dir(1, "stale.db-busy")));
    cr_assert_eq(db_close(&b), 0);
}

Test(db, long_write_note_is_one_line_cut_at_a_whole_character)
{
    const char *path = in_dir(0, "note.db");
    db *d = open_new(path);
    cr_assert_eq(db_long_write_begin(d, "张三 is importing\n调查表.csv"), 0);
    char note[256];
    cr_assert(db_long_write_note(path, note, sizeof note));
    cr_assert_str_eq(note, "张三 is importing 调查表.csv");
    cr_assert_eq(db_long_write_begin(d, "张三张三"), 0, "a second call replaces the note");
    char small[8]; /* 7 bytes: two characters of three and a third cut short */
    cr_assert(db_long_write_note(path, small, sizeof small));
    cr_assert_str_eq(small, "张三");
    db_long_write_end(d);
    cr_assert_not(exists(in_dir(1, "note.db-busy")));
    cr_assert_not(db_long_write_note(path, note, sizeof note));
    db_long_write_end(d); /* twice is harmless */
    cr_assert_eq(db_close(&d), 0);
}

Test(db, long_write_note_beside_the_real_file)
{
    const char *path = in_dir(0, "real.db"), *link = in_dir(1, "link.db");
    make_db(path, 1);
    cr_assert_eq(symlink("real.db", link), 0);
    char err[512] = "";
    db *d = db_open(link, DB_OPEN_EXISTING, err, sizeof err);
    cr_assert_not_null(d, "%s", err);
    cr_assert_eq(db_long_write_begin(d, "导入中"), 0);
    cr_assert(exists(in_dir(2, "real.db-busy")));
    char note[64];
    cr_assert(db_long_write_note(path, note, sizeof note));
    cr_assert(db_long_write_note(link, note, sizeof note));
    cr_assert_str_eq(note, "导入中");
    cr_assert_eq(db_close(&d), 0);
}

/* ---- debug guards ------------------------------------------------------- */

#ifndef NDEBUG
Test(db, close_reports_an_unfinalized_statement)
{
    db *d = open_new(in_dir(0, "g.db"));
    db_stmt *done = db_prepare(d, "SELECT 2");
    db_finalize(&done);
    db_stmt *s = db_prepare(d, "SELECT 1");
    int line = __LINE__ - 1;
    cr_assert_not_null(s);
    capture_start();
    int leaks = db_close(&d);
    char *err = capture_end();
    cr_assert_eq(leaks, 1);
    cr_assert_null(d);
    char want[300];
    snprintf(want, sizeof want, "db: statement prepared at %s:%d was never finalized\n", __FILE__,
             line);
    cr_assert_str_eq(err, want);
    free(err);
}

Test(db, close_reports_and_rolls_back_an_open_transaction)
{
    const char *path = in_dir(0, "g.db");
    db *d = open_new(path);
    cr_assert_eq(db_exec(d, "CREATE TABLE t(x)"), 0);
    cr_assert_eq(db_begin(d), 0);
    int line = __LINE__ - 1;
    cr_assert_eq(db_begin(d), 0);
    cr_assert_eq(db_exec(d, "INSERT INTO t VALUES (1)"), 0);
    capture_start();
    int leaks = db_close(&d);
    char *err = capture_end();
    cr_assert_eq(leaks, 1);
    char want[300];
    snprintf(want, sizeof want,
             "db: transaction begun at %s:%d was never committed; rolled back\n", __FILE__, line);
    cr_assert_str_eq(err, want);
    free(err);

    d = open_new(path);
    cr_assert_eq(count_rows(d, "t"), 0);
    cr_assert_eq(db_close(&d), 0);
}
#else
Test(db, release_close_finalizes_quietly)
{
    db *d = open_new(in_dir(0, "g.db"));
    db_stmt *s = db_prepare(d, "SELECT 1");
    cr_assert_not_null(s);
    cr_assert_eq(db_begin(d), 0);
    cr_assert_eq(db_close(&d), 0);
    cr_assert_null(d);
}
#endif

Test(db, close_of_nothing_is_harmless)
{
    db *d = NULL;
    cr_assert_eq(db_close(&d), 0);
    cr_assert_eq(db_close(NULL), 0);
    db_stmt *s = NULL;
    db_finalize(&s);
    db_finalize(NULL);
}

/* ---- dd_operator(), dd_now() -------------------------------------------- */

Test(db, audit_functions_return_what_was_set)
{
    db *d = open_new(in_dir(0, "f.db"));
    char *v = db_text(d, "SELECT dd_operator()");
    cr_assert_str_eq(v, "unknown");
    free(v);
    cr_assert_str_eq(db_actor(d), "unknown");

    db_set_actor(d, "王小𠮷");
    v = db_text(d, "SELECT dd_operator()");
    cr_assert_str_eq(v, "王小𠮷");
    free(v);
    cr_assert_str_eq(db_actor(d), "王小𠮷");

    db_set_now(d, "2022-04-01T08:30:15");
    v = db_text(d, "SELECT dd_now()");
    cr_assert_str_eq(v, "2022-04-01T08:30:15");
    free(v);
    db_set_now(d, "2022-04-02T21:05");
    v = db_text(d, "SELECT dd_now()");
    cr_assert_str_eq(v, "2022-04-02T21:05:00");
    free(v);

    db_set_now(d, NULL);
    time_t before = time(NULL);
    v = db_text(d, "SELECT dd_now()");
    time_t after = time(NULL);
    cr_assert_eq(strlen(v), 19, "%s", v);
    struct tm tm = { .tm_isdst = -1 };
    char *end = strptime(v, "%Y-%m-%dT%H:%M:%S", &tm);
    cr_assert(end && *end == '\0', "%s", v);
    time_t t = mktime(&tm);
    cr_assert(t >= before - 1 && t <= after + 1, "dd_now() %s is not the local time", v);
    free(v);
    cr_assert_eq(db_close(&d), 0);
}

/* ---- backup ------------------------------------------------------------- */

/* The child: its own connection, small write transactions for a second.
 * Writes one byte to READY after its first commit.  Never returns. */
static void writer_child(const char *path, int ready)
{
    char err[512];
    db *d = db_open(path, DB_OPEN_EXISTING, err, sizeof err);
    if (!d)
        _exit(10);
    db_stmt *s = db_prepare(d, "INSERT INTO r (pad) VALUES (:pad)");
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int n = 0;
    while (seconds_since(&t0) < 1.0) {
        if (db_begin(d) != 0)
            _exit(11);
        for (int i = 0; i < 20; i++) {
            char pad[64];
            snprintf(pad, sizeof pad, "child row %d 子进程写入", n++);
            if (db_bind_text(s, ":pad", pad) != 0 || db_step(s) != DB_DONE || db_reset(s) != 0)
                _exit(12);
        }
        if (db_commit(d) != 0)
            _exit(13);
        if (ready >= 0) {
            if (write(ready, "x", 1) != 1)
                _exit(14);
            close(ready);
            ready = -1;
        }
    }
    db_finalize(&s);
    _exit(db_close(&d) == 0 ? 0 : 15);
}

static void count_problem(const char *problem, void *ctx)
{
    ++*(int *)ctx;
}

Test(db, backup_while_another_process_writes, .timeout = 60)
{
    const char *path = in_dir(0, "live.db");
    db *d = open_new(path);
    cr_assert_eq(db_exec(d, "CREATE TABLE r (id INTEGER PRIMARY KEY, pad TEXT NOT NULL);"
                            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                            "WHERE i < 20000) INSERT INTO r (pad) "
                            "SELECT printf('%06d', i) || hex(zeroblob(60)) FROM n"), 0,
                 "%s", db_errmsg(d));
    cr_assert_gt(db_int(d, "PRAGMA page_count", 0), 2 * 256, "the copy needs several steps");
    cr_assert_eq(db_close(&d), 0);

    /* No connection crosses the fork: each process opens its own. */
    int pipefd[2];
    cr_assert_eq(pipe(pipefd), 0);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        close(pipefd[0]);
        writer_child(path, pipefd[1]);
    }
    close(pipefd[1]);
    char c;
    cr_assert_eq(read(pipefd[0], &c, 1), 1, "the writer did not start");
    close(pipefd[0]);

    d = open_new(path);
    int64_t first = count_rows(d, "r");
    for (int i = 0; i < 5; i++) {
        char name[32];
        snprintf(name, sizeof name, "copy-%d.db", i);
        const char *dest = in_dir(1, name);
        int64_t before = count_rows(d, "r");
        cr_assert_eq(db_backup(d, dest), 0, "%s", db_errmsg(d));
        int64_t after = count_rows(d, "r");
        cr_assert_eq(perms(dest), 0600);

        char err[512] = "";
        db *copy = db_open(dest, DB_OPEN_EXISTING, err, sizeof err);
        cr_assert_not_null(copy, "%s", err);
        int problems = 0;
        cr_assert_eq(db_check(copy, count_problem, &problems), 0);
        cr_assert_eq(problems, 0);
        int64_t n = count_rows(copy, "r");
        cr_assert(n >= before && n <= after, "copy %d has %lld rows, outside [%lld, %lld]", i,
                  (long long)n, (long long)before, (long long)after);
        cr_assert_eq(db_close(&copy), 0);
        usleep(50 * 1000);
    }

    int status = 0;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer status %d", status);
    cr_assert_gt(count_rows(d, "r"), first, "the writer kept writing");
    cr_assert_eq(db_close(&d), 0);
}

Test(db, backup_replaces_dest_and_refuses_itself)
{
    const char *path = in_dir(0, "src.db");
    const char *dest = in_dir(1, "dest.db");
    db *d = open_new(path);
    cr_assert_eq(db_exec(d, "CREATE TABLE t(x); INSERT INTO t VALUES ('居委会')"), 0);
    write_file(dest, "old contents", 12);
    chmod(dest, 0644);
    cr_assert_eq(db_backup(d, dest), 0, "%s", db_errmsg(d));
    cr_assert_eq(perms(dest), 0600);

    cr_assert_eq(db_backup(d, path), -1);
    cr_assert(strstr(db_errmsg(d), "is the database itself"), "%s", db_errmsg(d));
    cr_assert_eq(db_backup(d, in_dir(2, "no/such/dir.db")), -1);
    cr_assert(strstr(db_errmsg(d), "cannot create"), "%s", db_errmsg(d));
    cr_assert_eq(db_close(&d), 0);

    char err[512] = "";
    db *copy = db_open(dest, DB_OPEN_EXISTING, err, sizeof err);
    cr_assert_not_null(copy, "%s", err);
    char *v = db_text(copy, "SELECT x FROM t");
    cr_assert_str_eq(v, "居委会");
    free(v);
    cr_assert_eq(db_close(&copy), 0);

    /* Nothing but the two databases is left in the folder. */
    int others = 0;
    char cmd[200];
    snprintf(cmd, sizeof cmd, "ls %s | grep -c tmp", dir);
    FILE *p = popen(cmd, "r");
    cr_assert_eq(fscanf(p, "%d", &others), 1);
    pclose(p);
    cr_assert_eq(others, 0, "a temporary file was left behind");
}

/* ---- check -------------------------------------------------------------- */

struct problems {
    int n;
    char first[512];
};

static void keep_problem(const char *problem, void *ctx)
{
    struct problems *p = ctx;
    if (p->n++ == 0)
        snprintf(p->first, sizeof p->first, "%s", problem);
}

Test(db, check_finds_a_missing_parent)
{
    db *d = open_new(in_dir(0, "fk.db"));
    cr_assert_eq(db_exec(d, "CREATE TABLE household (id INTEGER PRIMARY KEY);"
                            "CREATE TABLE resident (id INTEGER PRIMARY KEY,"
                            "  household_id INTEGER REFERENCES household (id));"
                            "INSERT INTO household VALUES (1);"
                            "INSERT INTO resident VALUES (7, 1)"), 0);
    struct problems p = { 0 };
    cr_assert_eq(db_check(d, keep_problem, &p), 0);
    cr_assert_eq(p.n, 0);
    cr_assert_eq(db_exec(d, "INSERT INTO resident VALUES (8, 2)"), -1, "foreign keys are on");
    cr_assert_eq(db_exec(d, "PRAGMA foreign_keys = OFF; INSERT INTO resident VALUES (8, 2);"
                            "PRAGMA foreign_keys = ON"), 0);
    cr_assert_eq(db_check(d, keep_problem, &p), 1);
    cr_assert_eq(p.n, 1);
    cr_assert_str_eq(p.first, "row 8 of table resident refers to a row of household that does "
                              "not exist");
    cr_assert_eq(db_close(&d), 0);
}

Test(db, check_finds_a_damaged_index)
{
    const char *path = in_dir(0, "damaged.db");
    db *d = open_new(path);
    cr_assert_eq(db_exec(d, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);"
                            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                            "WHERE i < 4000) INSERT INTO t (name) "
                            "SELECT printf('居民-%05d-%d', (i * 7919) % 4000, i) FROM n;"
                            "CREATE INDEX t_name ON t (name)"), 0, "%s", db_errmsg(d));
    int64_t page_size = db_int(d, "PRAGMA page_size", 0);
    int64_t root = db_int(d, "SELECT rootpage FROM sqlite_schema WHERE name = 't_name'", 0);
    int64_t pages = db_int(d, "PRAGMA page_count", 0);
    cr_assert_gt(root, 1);
    cr_assert_gt(pages, root);
    cr_assert_eq(db_close(&d), 0);
    cr_assert_not(exists(in_dir(1, "damaged.db-wal")), "closing checkpoints into the file");

    /* Garbage over the middle of the index's root page. */
    char junk[1024];
    memset(junk, 0x5a, sizeof junk);
    int fd = open(path, O_WRONLY);
    cr_assert_geq(fd, 0);
    off_t at = (off_t)(root - 1) * page_size + page_size / 2 - (off_t)sizeof junk / 2;
    cr_assert_eq(pwrite(fd, junk, sizeof junk, at), (ssize_t)sizeof junk);
    cr_assert_eq(pwrite(fd, junk, 8, (off_t)(root - 1) * page_size), 8, "and over its header");
    close(fd);

    char err[512] = "";
    d = db_open(path, DB_OPEN_EXISTING, err, sizeof err);
    if (!d) {
        cr_assert_neq(err[0], '\0', "a refused open says why");
        return;
    }
    struct problems p = { 0 };
    int n = db_check(d, keep_problem, &p);
    cr_assert_geq(n, 1, "damage went unnoticed");
    cr_assert_eq(n, p.n, "every problem is reported");
    cr_assert_neq(p.first[0], '\0');
    cr_assert(strncmp(p.first, "***", 3) != 0, "a heading is not a problem: %s", p.first);
    db_close(&d);
}
