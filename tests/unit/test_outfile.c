/* Tests of src/outfile.c: nothing written over the database or its side
 * files, whatever name leads there; nothing replaced without REPLACE. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/outfile.h"

static char dir[64];

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(p);
}

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/dd-outfile-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

TestSuite(outfile, .init = setup, .fini = teardown);

static void path_of(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", dir, name);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

static char *slurp(const char *path)
{
    static char buf[256];
    FILE *f = fopen(path, "r");
    size_t n;

    cr_assert_not_null(f, "%s is missing", path);
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Every way of naming the database, or a side file, is refused. */
Test(outfile, the_database_and_its_side_files_are_refused)
{
    char db[128], p[192], lnk[192], err[512];
    const char *sides[] = { "-wal", "-shm", "-journal", "-busy" };

    path_of(db, sizeof db, "desk.db");
    write_file(db, "SQLite format 3");
    cr_assert_eq(outfile_check(db, db, true, NULL, err, sizeof err), -1);
    cr_assert(strstr(err, "is the database itself"), "%s", err);
    /* Another spelling of the same path. */
    snprintf(p, sizeof p, "%s/./../%s/desk.db", dir, strrchr(dir, '/') + 1);
    cr_assert_eq(outfile_check(db, p, true, NULL, err, sizeof err), -1);
    /* A symbolic link and a hard link to it. */
    path_of(lnk, sizeof lnk, "link.csv");
    cr_assert_eq(symlink(db, lnk), 0);
    cr_assert_eq(outfile_check(db, lnk, true, NULL, err, sizeof err), -1);
    path_of(p, sizeof p, "hard.csv");
    cr_assert_eq(link(db, p), 0);
    cr_assert_eq(outfile_check(db, p, true, NULL, err, sizeof err), -1);
    /* Side files, there or not yet there. */
    for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
        snprintf(p, sizeof p, "%s%s", db, sides[i]);
        cr_assert_eq(outfile_check(db, p, true, NULL, err, sizeof err), -1, "%s", p);
        cr_assert(strstr(err, "working file of the database"), "%s", err);
    }
    /* The database is untouched. */
    cr_assert_str_eq(slurp(db), "SQLite format 3");
}

Test(outfile, an_existing_file_is_kept_without_replace)
{
    char db[128], dest[128], err[512];
    struct outfile o;
    bool exists = false;

    path_of(db, sizeof db, "desk.db");
    path_of(dest, sizeof dest, "list.csv");
    write_file(dest, "old");
    cr_assert_eq(outfile_check(db, dest, false, &exists, err, sizeof err), -1);
    cr_assert(exists);
    cr_assert(strstr(err, "already exists: add --force"), "%s", err);
    cr_assert_eq(outfile_open(&o, db, dest, false, err, sizeof err), -1);
    cr_assert_str_eq(slurp(dest), "old");
    /* With REPLACE it is replaced, whole. */
    cr_assert_eq(outfile_open(&o, db, dest, true, err, sizeof err), 0, "%s", err);
    fputs("new", o.f);
    cr_assert_eq(outfile_commit(&o, err, sizeof err), 0, "%s", err);
    cr_assert_str_eq(slurp(dest), "new");
}

Test(outfile, a_file_made_meanwhile_is_not_replaced)
{
    char dest[128], err[512];
    struct outfile o;

    path_of(dest, sizeof dest, "list.csv");
    cr_assert_eq(outfile_open(&o, NULL, dest, false, err, sizeof err), 0, "%s", err);
    fputs("mine", o.f);
    write_file(dest, "theirs");
    cr_assert_eq(outfile_commit(&o, err, sizeof err), -1);
    cr_assert(strstr(err, "already exists"), "%s", err);
    cr_assert_str_eq(slurp(dest), "theirs");
}

Test(outfile, a_new_file_is_private_and_complete)
{
    char dest[128], err[512];
    struct outfile o;
    struct stat st;

    path_of(dest, sizeof dest, "list.csv");
    cr_assert_eq(outfile_open(&o, NULL, dest, false, err, sizeof err), 0, "%s", err);
    cr_assert_eq(access(dest, F_OK), -1, "nothing under the name before the commit");
    fputs("a,b\r\n", o.f);
    cr_assert_eq(outfile_commit(&o, err, sizeof err), 0, "%s", err);
    cr_assert_str_eq(slurp(dest), "a,b\r\n");
    cr_assert_eq(stat(dest, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0600);
}

Test(outfile, an_aborted_file_leaves_nothing)
{
    char dest[128], err[512];
    struct outfile o;
    int entries = 0;
    DIR *d;
    struct dirent *e;

    path_of(dest, sizeof dest, "list.csv");
    cr_assert_eq(outfile_open(&o, NULL, dest, false, err, sizeof err), 0, "%s", err);
    fputs("half", o.f);
    outfile_abort(&o);
    cr_assert_eq(access(dest, F_OK), -1);
    d = opendir(dir);
    cr_assert_not_null(d);
    while ((e = readdir(d)) != NULL)
        entries += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    cr_assert_eq(entries, 0, "the temporary file was left behind");
}

Test(outfile, a_folder_is_refused)
{
    char err[512];

    cr_assert_eq(outfile_check(NULL, dir, true, NULL, err, sizeof err), -1);
    cr_assert(strstr(err, "is a folder"), "%s", err);
}
