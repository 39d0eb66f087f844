/* outfile.c — writing a file for the person without ever hitting the
 * database or a file they did not ask to replace; see outfile.h. */
#include "src/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/i18n.h"

/* The side files SQLite and the program keep beside a database. */
static const char *const side_suffixes[] = { "", "-wal", "-shm", "-journal", "-busy" };
#define NSUFFIXES (sizeof side_suffixes / sizeof side_suffixes[0])

/* PATH's folder made absolute and free of links, and its last part, into
 * OUT: two names of one file give one text.  False when the folder cannot
 * be resolved (ERRNO set). */
static bool canonical(const char *path, char *out, size_t outsz)
{
    char dir[PATH_MAX], real[PATH_MAX];
    const char *slash = strrchr(path, '/'), *base;

    if (!slash) {
        snprintf(dir, sizeof dir, ".");
        base = path;
    } else if (slash == path) {
        snprintf(dir, sizeof dir, "/");
        base = slash + 1;
    } else {
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
        base = slash + 1;
    }
    if (!realpath(dir, real))
        return false;
    int n = snprintf(out, outsz, "%s/%s", strcmp(real, "/") == 0 ? "" : real, base);
    return n >= 0 && (size_t)n < outsz;
}

/* Is DEST the database DB_PATH or one of its side files, by name or by
 * identity?  The suffix it is into *WHICH. */
static bool hits_database(const char *db_path, const char *dest, const char **which)
{
    char cdb[PATH_MAX + 16], cdest[PATH_MAX + 16], side[PATH_MAX + 16];
    struct stat sd, ss;
    bool dest_there = stat(dest, &sd) == 0;
    bool names = canonical(db_path, cdb, sizeof cdb) && canonical(dest, cdest, sizeof cdest);

    for (size_t i = 0; i < NSUFFIXES; i++) {
        *which = side_suffixes[i];
        if (names && snprintf(side, sizeof side, "%s%s", cdb, side_suffixes[i]) < (int)sizeof side
            && strcmp(side, cdest) == 0)
            return true;
        snprintf(side, sizeof side, "%s%s", db_path, side_suffixes[i]);
        if (dest_there && stat(side, &ss) == 0 && ss.st_dev == sd.st_dev && ss.st_ino == sd.st_ino)
            return true;
    }
    return false;
}

int outfile_check(const char *db_path, const char *dest, bool replace, bool *exists, char *err,
                  size_t errsz)
{
    struct stat st;
    const char *which = "";
    bool there = stat(dest, &st) == 0;

    if (exists)
        *exists = there;
    if (!*dest) {
        snprintf(err, errsz, "%s", _("no file name was given"));
        return -1;
    }
    if (db_path && *db_path && hits_database(db_path, dest, &which)) {
        if (*which)
            snprintf(err, errsz,
                     _("%s is a working file of the database %s: choose another file name; "
                       "nothing was written"), dest, db_path);
        else
            snprintf(err, errsz,
                     _("%s is the database itself: choose another file name; nothing was "
                       "written"), dest);
        return -1;
    }
    if (there && S_ISDIR(st.st_mode)) {
        snprintf(err, errsz, _("%s is a folder: give the name of the file to write"), dest);
        return -1;
    }
    if (there && !replace) {
        snprintf(err, errsz,
                 _("%s already exists: add --force to replace it, or choose another name; "
                   "nothing was written"), dest);
        return -1;
    }
    return 0;
}

int outfile_open(struct outfile *o, const char *db_path, const char *dest, bool replace,
                 char *err, size_t errsz)
{
    const char *slash;
    int fd;

    memset(o, 0, sizeof *o);
    if (outfile_check(db_path, dest, replace, NULL, err, errsz) != 0)
        return -1;
    if (snprintf(o->dest, sizeof o->dest, "%s", dest) >= (int)sizeof o->dest) {
        snprintf(err, errsz, _("%s: the file name is too long"), dest);
        return -1;
    }
    /* ".NAME.XXXXXX" beside DEST: the same file system, so the rename is
     * one step, and a name no database side file has. */
    slash = strrchr(dest, '/');
    snprintf(o->tmp, sizeof o->tmp, "%.*s.%s.XXXXXX", slash ? (int)(slash - dest + 1) : 0, dest,
             slash ? slash + 1 : dest);
    fd = mkstemp(o->tmp); /* 0600 */
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        snprintf(err, errsz, _("cannot write %s: %s"), dest, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        o->tmp[0] = '\0';
        return -1;
    }
    o->replace = replace;
    return 0;
}

static void sync_folder_of(const char *path)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    int fd;

    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    fd = open(dir, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* The temporary file becomes DEST.  0, or -1 with ERRNO. */
static int put_in_place(struct outfile *o)
{
    if (o->replace)
        return rename(o->tmp, o->dest);
    if (link(o->tmp, o->dest) == 0) {
        unlink(o->tmp); /* DEST holds the file now; a leftover name is harmless */
        return 0;
    }
    if (errno == EEXIST)
        return -1;
    /* No hard links here (FAT, some network shares): the check again. */
    struct stat st;
    if (lstat(o->dest, &st) == 0) {
        errno = EEXIST;
        return -1;
    }
    return rename(o->tmp, o->dest);
}

int outfile_commit(struct outfile *o, char *err, size_t errsz)
{
    int rc = 0, e = 0;

    if (!o->f)
        return -1;
    if (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0)
        rc = -1, e = errno ? errno : EIO;
    if (fclose(o->f) != 0 && rc == 0)
        rc = -1, e = errno;
    o->f = NULL;
    if (rc == 0 && put_in_place(o) != 0)
        rc = -1, e = errno;
    if (rc != 0) {
        if (e == EEXIST)
            snprintf(err, errsz,
                     _("%s already exists: add --force to replace it, or choose another name; "
                       "nothing was written"), o->dest);
        else
            snprintf(err, errsz, _("cannot write %s: %s"), o->dest, strerror(e));
        unlink(o->tmp);
        o->tmp[0] = '\0';
        return -1;
    }
    o->tmp[0] = '\0';
    sync_folder_of(o->dest);
    return 0;
}

void outfile_abort(struct outfile *o)
{
    if (o->f)
        fclose(o->f);
    o->f = NULL;
    if (o->tmp[0])
        unlink(o->tmp);
    o->tmp[0] = '\0';
}
