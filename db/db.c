/* db.c — the thin SQLite wrapper described in db.h.
 *
 * Misuse by the program (a parameter name the statement lacks, SQL that does
 * not prepare, a column out of range, a commit without a transaction) is
 * printed to stderr with the file and line that prepared the statement, so
 * a typo shows up the first time the code runs.  Failures the person can act
 * on (a missing file, a locked database) only set the message that
 * db_errmsg() returns. */
#include "db/db.h"

#include <errno.h>
#include <fcntl.h>
#include <libintl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db/conn.h"

/* db/ may not include src/i18n.h; the same marking, for xgettext. */
#define _(s) gettext(s)

#define BUSY_TIMEOUT_MS 5000
#define BACKUP_PAGES_PER_STEP 256
#define BACKUP_RETRY_MS 25
#define NOTE_MAX 256        /* the bytes of a long-write note put into a message */
#define NOTE_LOCK_TRIES 25  /* 2 ms apart: a reader holds the note's lock a moment */

static const char sqlite_magic[16] = "SQLite format 3";  /* with its '\0' */

struct db_stmt {
    db *d;
    sqlite3_stmt *st;
    const char *file; /* where it was prepared */
    int line;
    bool poisoned;    /* a bind failed: the next step fails */
    int nparams;      /* -1 until the first bind */
    const char **pname; /* each parameter's name (our copy), index - 1 */
    int hint;         /* where the next name is looked for first */
#ifndef NDEBUG
    db_stmt *prev, *next; /* the live statements of d */
#endif
};

struct db {
    sqlite3 *conn;
    char *path;
    char *actor;
    char *now;        /* NULL: the wall clock */
    time_t clock_at;  /* the second clock_text shows */
    char clock_text[32];
    int depth;        /* open db_begin calls */
    bool direct;      /* between db_direct_begin and db_direct_end */
    bool busy;        /* the last failure was a wait for another's lock */
    int busy_ms;      /* the busy timeout */
    char *note_path;  /* PATH-busy, the long-write note */
    int note_fd;      /* that file, locked, during a long write of ours; else -1 */
    char errmsg[512];
#ifndef NDEBUG
    db_stmt *live;
    const char *tx_file; /* where the outermost transaction began */
    int tx_line;
#endif
};

/* What the tests pretend cannot be written (db_test_deny_writes). */
static int deny_writes;

/* ---- long-write notes --------------------------------------------------- */

/* Reads up to N bytes from the start of FD; the count, or -1. */
static ssize_t read_head(int fd, char *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

/* LEN, less the bytes of a UTF-8 character cut short at the end of S. */
static size_t whole_chars(const char *s, size_t len)
{
    size_t i = len;
    while (i > 0 && len - i < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return len;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return len - (i - 1) >= need ? len : i - 1;
}

/* The note in the file NOTE_PATH into BUF, when the file's lock is held
 * (its writer is still at work): a file nobody holds was left by a program
 * that stopped.  Trying the shared lock is how to ask: it fails only while
 * the writer holds its exclusive lock, and when it is taken, closing the
 * file lets it go at once. */
static bool read_note(const char *note_path, char *buf, size_t bufsz)
{
    struct stat st;
    if (!buf || bufsz == 0)
        return false;
    buf[0] = '\0';
    int fd = open(note_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return false;
    bool held = fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
                && flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    ssize_t n = held ? read_head(fd, buf, bufsz - 1) : -1;
    close(fd);
    if (n <= 0) {
        buf[0] = '\0';
        return false;
    }
    buf[n] = '\0';
    size_t len = strcspn(buf, "\n");
    if (!buf[len] && (size_t)n == bufsz - 1)
        len = whole_chars(buf, len);
    buf[len] = '\0';
    return len > 0;
}

static bool same_inode(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Creates or opens D's note file and takes its exclusive lock; 0 or -1. */
static int take_note_file(db *d)
{
    struct timespec pause = { 0, 2 * 1000000L };

    for (int tries = 0; tries < NOTE_LOCK_TRIES; tries++) {
        int fd = open(d->note_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0600);
        if (fd < 0)
            return -1; /* most often a folder that cannot be written */
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
            /* Its last holder may have removed it between the open and the
             * lock: a lock on a removed file would tell nobody anything. */
            struct stat mine, now;
            if (fstat(fd, &mine) == 0 && S_ISREG(mine.st_mode)
                && lstat(d->note_path, &now) == 0 && same_inode(&mine, &now)) {
                d->note_fd = fd;
                return 0;
            }
        } else if (errno != EWOULDBLOCK) {
            close(fd);
            return -1;
        }
        close(fd);
        nanosleep(&pause, NULL);
    }
    return -1; /* another long write holds it */
}

static int write_all(int fd, const char *buf, size_t n)
{
    off_t at = 0;
    while (n > 0) {
        ssize_t w = pwrite(fd, buf, n, at);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        buf += w, n -= (size_t)w, at += w;
    }
    return 0;
}

int db_long_write_begin(db *d, const char *note)
{
    if (!d || !d->note_path || db_readonly(d))
        return -1;
    if (d->note_fd < 0 && take_note_file(d) != 0)
        return -1;
    size_t n = strlen(note ? note : "");
    char *line = malloc(n + 2);
    if (!line) {
        db_long_write_end(d);
        return -1;
    }
    memcpy(line, note ? note : "", n);
    for (size_t i = 0; i < n; i++)
        if (line[i] == '\n' || line[i] == '\r')
            line[i] = ' ';
    line[n] = '\n';
    int rc = ftruncate(d->note_fd, 0) == 0 && write_all(d->note_fd, line, n + 1) == 0 ? 0 : -1;
    free(line);
    if (rc != 0)
        db_long_write_end(d);
    return rc;
}

void db_long_write_end(db *d)
{
    struct stat mine, now;

    if (!d || d->note_fd < 0)
        return;
    /* Removed while still locked, and only when the name is still ours. */
    if (fstat(d->note_fd, &mine) == 0 && lstat(d->note_path, &now) == 0 && same_inode(&mine, &now))
        unlink(d->note_path);
    close(d->note_fd);
    d->note_fd = -1;
}

/* ---- messages ----------------------------------------------------------- */

__attribute__((format(printf, 2, 3)))
static void set_err(db *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->errmsg, sizeof d->errmsg, fmt, ap);
    va_end(ap);
    d->busy = false;
}

__attribute__((format(printf, 3, 4)))
static void put_err(char *err, size_t errsz, const char *fmt, ...)
{
    va_list ap;
    if (!err || errsz == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
}

static void say_readonly(db *d)
{
    set_err(d, _("%s is open read-only (the file or its folder cannot be written): "
                 "nothing can be saved"), d->path);
}

/* SQLite failed with RC, MSG in its words: D's message, in plain words
 * where the person can act on it. */
static void sql_failed(db *d, int rc, const char *msg)
{
    char note[NOTE_MAX];
    int code = rc & 0xff;

    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
        /* D's own note would say nothing of the other program. */
        if (d->note_fd < 0 && d->note_path && read_note(d->note_path, note, sizeof note))
            set_err(d, _("the database is busy: %s; try again when it is done"), note);
        else
            set_err(d, "%s", _("the database is busy: another program is writing into it; "
                               "try again in a moment"));
        d->busy = true;
    } else if (code == SQLITE_READONLY && db_readonly(d)) {
        say_readonly(d);
    } else {
        set_err(d, "%s", msg);
    }
}

/* A programming error: to stderr, loudly, with the site. */
__attribute__((format(printf, 3, 4)))
static void complain(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "db: %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

/* ---- where the files are ------------------------------------------------ */

/* Where PATH is: its real path (after symbolic links, where SQLite keeps
 * its side files; PATH itself when it does not exist yet), the folder that
 * holds it, by its full name, and its name in that folder. */
struct place {
    char real[PATH_MAX];
    char folder[PATH_MAX];
    char name[PATH_MAX];
};

static void locate(const char *path, struct place *at)
{
    char full[PATH_MAX];

    if (!realpath(path, at->real))
        snprintf(at->real, sizeof at->real, "%s", path);
    const char *slash = strrchr(at->real, '/');
    snprintf(at->name, sizeof at->name, "%s", slash ? slash + 1 : at->real);
    if (!slash)
        snprintf(at->folder, sizeof at->folder, ".");
    else if (slash == at->real)
        snprintf(at->folder, sizeof at->folder, "/");
    else
        snprintf(at->folder, sizeof at->folder, "%.*s", (int)(slash - at->real), at->real);
    /* "." or "../data" say little to the person. */
    if (realpath(at->folder, full))
        memcpy(at->folder, full, sizeof full);
}

/* FOLDER/NAME followed by SUFFIX, malloc'd (NULL: out of memory). */
static char *side_name(const struct place *at, const char *suffix)
{
    size_t n = strlen(at->folder) + strlen(at->name) + strlen(suffix) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s%s", strcmp(at->folder, "/") == 0 ? "" : at->folder, at->name,
                 suffix);
    return p;
}

bool db_long_write_note(const char *path, char *buf, size_t bufsz)
{
    struct place at;

    if (buf && bufsz > 0)
        buf[0] = '\0';
    if (!path || !*path)
        return false;
    locate(path, &at);
    char *note_path = side_name(&at, "-busy");
    bool held = note_path && read_note(note_path, buf, bufsz);
    free(note_path);
    return held;
}

/* The size of what is at PATH (a symbolic link not followed), or -1 when
 * nothing is. */
static off_t size_at(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 ? st.st_size : -1;
}

/* 0 when this process may write PATH (a file or a folder), else why not
 * (an errno value).  Root may write anything but a read-only disk: WHAT
 * (DB_TEST_DENY_FILE or _FOLDER) lets the tests pretend otherwise. */
static int write_denied(const char *path, int what)
{
    if (deny_writes & what)
        return EACCES;
    return access(path, W_OK) == 0 ? 0 : errno;
}

void db_test_deny_writes(int what)
{
    deny_writes = what;
}

/* Takes the group's and others' permissions (and any execute or special
 * bit) off NAME when it is a regular file of this user.  A symbolic link is
 * not followed: it could lead to anyone's file.  The file is not opened:
 * closing a descriptor of it would drop every lock this process holds on it
 * (POSIX locks belong to the process), SQLite's own included. */
static void make_private(const char *name)
{
    struct stat st;
    if (lstat(name, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid()
        || (st.st_mode & 07777 & ~(mode_t)0600) == 0)
        return;
    mode_t mode = st.st_mode & 0600;
    if (fchmodat(AT_FDCWD, name, mode, AT_SYMLINK_NOFOLLOW) == 0)
        return;
    /* An older C library cannot change a mode without following links;
     * NAME was a regular file a moment ago. */
    if ((errno == ENOTSUP || errno == EOPNOTSUPP) && chmod(name, mode) == 0)
        return;
    fprintf(stderr, "db: cannot make %s private: %s\n", name, strerror(errno));
}

/* ---- opening ------------------------------------------------------------ */

/* How db_open is to open the file, as precheck found it. */
struct plan {
    enum { OPEN_WRITE, OPEN_READ, OPEN_IMMUTABLE } how;
    bool created;      /* the file does not exist: SQLite creates it */
    bool immutable_ok; /* OPEN_READ: when SQLite cannot, OPEN_IMMUTABLE may */
    char held[PATH_MAX + 16]; /* the side file with changes not yet in the file */
    struct place at;
};

static void folder_refused(const struct plan *pl, int why, char *err, size_t errsz)
{
    put_err(err, errsz, _("the folder %s cannot be written (%s): the database keeps its working "
                          "files (%s-wal, %s-shm) beside it; ask the owner of the folder to let "
                          "you write in it, or keep the database in a folder you can write"),
            pl->at.folder, strerror(why), pl->at.name, pl->at.name);
}

static void held_refused(const char *path, const struct plan *pl, char *err, size_t errsz)
{
    put_err(err, errsz, _("cannot read %s: its folder %s cannot be written, and changes not yet "
                          "merged into the file are in %s; ask the owner of the folder to open "
                          "the database once with dutydesk (that merges them), or to let you "
                          "write in the folder"), path, pl->at.folder, pl->held);
}

/* DB_OPEN_READ, the folder cannot be written: SQLite cannot make its -shm
 * there.  With both working files there (another program has the file
 * open), SQLite can read through them.  Otherwise the file is read as it
 * is, unless a -wal or a -journal holds changes not yet in it. */
static bool plan_unwritable_folder(const char *path, struct plan *pl, char *err, size_t errsz)
{
    char side[PATH_MAX + 16];
    off_t wal, shm, journal;

    snprintf(side, sizeof side, "%s-wal", pl->at.real);
    wal = size_at(side);
    snprintf(side, sizeof side, "%s-shm", pl->at.real);
    shm = size_at(side);
    snprintf(side, sizeof side, "%s-journal", pl->at.real);
    journal = size_at(side);
    if (wal > 0)
        snprintf(pl->held, sizeof pl->held, "%s-wal", pl->at.name);
    else if (journal > 0)
        snprintf(pl->held, sizeof pl->held, "%s-journal", pl->at.name);
    if (wal >= 0 && shm >= 0) {
        pl->immutable_ok = !pl->held[0];
        return true;
    }
    if (pl->held[0]) {
        held_refused(path, pl, err, errsz);
        return false;
    }
    pl->how = OPEN_IMMUTABLE;
    return true;
}

/* Looks at PATH before SQLite does and decides how to open it.  Refuses
 * what is missing (unless it is to be created), a directory or anything
 * else that is not a regular file, an empty file, an unreadable file, a
 * file that does not start with the SQLite header, and (when MODE writes)
 * a file or folder that cannot be written.  Nothing is written. */
static bool precheck(const char *path, enum db_open_mode mode, struct plan *pl, char *err,
                     size_t errsz)
{
    struct stat st;

    locate(path, &pl->at);
    pl->how = OPEN_WRITE;
    if (stat(path, &st) != 0) {
        int e = errno;
        if (e == ENOENT && mode == DB_OPEN_CREATE) {
            /* A missing folder is left to SQLite ("No such file or directory"). */
            int why = write_denied(pl->at.folder, DB_TEST_DENY_FOLDER);
            if (why != 0 && why != ENOENT && why != ENOTDIR) {
                folder_refused(pl, why, err, errsz);
                return false;
            }
            pl->created = true;
            return true;
        }
        if (e == ENOENT)
            put_err(err, errsz, _("%s does not exist; create it with \"dutydesk init\""), path);
        else
            put_err(err, errsz, _("cannot reach %s: %s"), path, strerror(e));
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        put_err(err, errsz, _("%s is a directory, not a database file; give the path of the file"),
                path);
        return false;
    }
    /* Not even opened: a pipe would wait for a writer, a device may act. */
    if (!S_ISREG(st.st_mode)) {
        put_err(err, errsz, _("%s is not a regular file (but a device, a pipe or a socket): it is "
                              "not a dutydesk database; nothing was changed (give the path of "
                              "the real database)"), path);
        return false;
    }
    /* SQLite would make an empty file a new database: only a path that
     * does not exist is ever created. */
    if (st.st_size == 0) {
        put_err(err, errsz, _("%s is empty: it is not a dutydesk database; nothing was changed "
                              "(remove it, or give the path of the real database)"), path);
        return false;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        put_err(err, errsz, _("cannot read %s: %s; check the file's permissions"), path,
                strerror(errno));
        return false;
    }
    char head[16];
    ssize_t got = read_head(fd, head, sizeof head);
    int read_errno = errno;
    close(fd);
    if (got < 0) {
        put_err(err, errsz, _("cannot read %s: %s"), path, strerror(read_errno));
        return false;
    }
    if (got < (ssize_t)sizeof head || memcmp(head, sqlite_magic, sizeof head) != 0) {
        put_err(err, errsz,
                _("%s is not a dutydesk database (not an SQLite file); nothing was changed"), path);
        return false;
    }
    int file_denied = write_denied(path, DB_TEST_DENY_FILE);
    int folder_denied = write_denied(pl->at.folder, DB_TEST_DENY_FOLDER);
    if (mode != DB_OPEN_READ) {
        if (file_denied) {
            put_err(err, errsz, _("%s cannot be written (%s); check the file's permissions"), path,
                    strerror(file_denied));
            return false;
        }
        if (folder_denied) {
            folder_refused(pl, folder_denied, err, errsz);
            return false;
        }
        return true;
    }
    if (!file_denied && !folder_denied)
        return true;
    pl->how = OPEN_READ;
    if (!folder_denied)
        return true; /* SQLite keeps its -shm in the folder */
    return plan_unwritable_folder(path, pl, err, errsz);
}

static void fn_operator(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    db *d = sqlite3_user_data(ctx);
    sqlite3_result_text(ctx, d->actor, -1, SQLITE_TRANSIENT);
}

/* The wall clock is formatted once a second: a bulk load asks for it a few
 * times per row. */
static void fn_now(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    db *d = sqlite3_user_data(ctx);
    if (d->now) {
        sqlite3_result_text(ctx, d->now, -1, SQLITE_TRANSIENT);
        return;
    }
    struct tm tm;
    time_t t = time(NULL);
    if (t != d->clock_at || !d->clock_text[0]) {
        if (!localtime_r(&t, &tm)
            || strftime(d->clock_text, sizeof d->clock_text, "%Y-%m-%dT%H:%M:%S", &tm) == 0) {
            d->clock_text[0] = '\0';
            sqlite3_result_error(ctx, "dd_now: the clock cannot be read", -1);
            return;
        }
        d->clock_at = t;
    }
    sqlite3_result_text(ctx, d->clock_text, -1, SQLITE_TRANSIENT);
}

/* The text of the first column of SQL's first row into OUT ("" when none). */
static int pragma_text(db *d, const char *sql, char *out, size_t outsz)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(d->conn, sql, -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        sql_failed(d, rc, sqlite3_errmsg(d->conn));
        sqlite3_finalize(st);
        return -1;
    }
    const unsigned char *v = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
    snprintf(out, outsz, "%s", v ? (const char *)v : "");
    sqlite3_finalize(st);
    d->busy = false;
    return 0;
}

/* Before SQLite starts: no count of the memory it holds (each of its
 * allocations would take a lock for it).  Too late once SQLite is in use
 * (then SQLite says so and nothing changes). */
static void configure_library(void)
{
    static bool done;

    if (!done) {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        done = true;
    }
}

/* Opens D's connection to NAME (the path, or a URI with SQLITE_OPEN_URI). */
static bool open_conn(db *d, const char *name, int flags, char *err, size_t errsz)
{
    /* NOMUTEX: a connection is used by one thread at a time (db.h), so
     * it needs no lock of its own around every call. */
    int rc = sqlite3_open_v2(name, &d->conn, flags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK)
        return true;
    int e = d->conn ? sqlite3_system_errno(d->conn) : 0;
    put_err(err, errsz, _("cannot open %s: %s; check that its folder exists and can be written"),
            d->path, e ? strerror(e) : (d->conn ? sqlite3_errmsg(d->conn) : sqlite3_errstr(rc)));
    return false;
}

/* Sets the connection up.  A read-write one is put in WAL mode; a
 * read-only one is left as the file is (it cannot be changed), and only
 * read once to learn whether it can be read at all. */
static bool configure(db *d, char *err, size_t errsz)
{
    char mode[16];
    bool readonly = db_readonly(d);
    sqlite3_extended_result_codes(d->conn, 1);
    sqlite3_busy_timeout(d->conn, d->busy_ms);
    if (pragma_text(d, readonly ? "PRAGMA schema_version" : "PRAGMA journal_mode=WAL", mode,
                    sizeof mode) != 0) {
        char note[NOTE_MAX];
        if (d->busy && read_note(d->note_path, note, sizeof note))
            put_err(err, errsz, _("%s is busy: %s; try again when it is done"), d->path, note);
        else if (d->busy)
            /* Without a note, only a direct load (db_direct_begin) holds the file so. */
            put_err(err, errsz, _("%s is busy: a large import is being written into it; "
                                  "try again when it is done"), d->path);
        else
            put_err(err, errsz, _("cannot use %s: %s"), d->path, sqlite3_errmsg(d->conn));
        return false;
    }
    if (!readonly && strcmp(mode, "wal") != 0) {
        put_err(err, errsz, _("cannot use %s: it stays in journal mode \"%s\" instead of WAL; "
                              "keep the file on a local disk"), d->path, mode);
        return false;
    }
    if (db_exec(d, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON") != 0) {
        put_err(err, errsz, _("cannot use %s: %s"), d->path, d->errmsg);
        return false;
    }
    int fl = SQLITE_UTF8 | SQLITE_INNOCUOUS;
    if (sqlite3_create_function(d->conn, "dd_operator", 0, fl, d, fn_operator, NULL, NULL)
        || sqlite3_create_function(d->conn, "dd_now", 0, fl, d, fn_now, NULL, NULL)) {
        put_err(err, errsz, _("cannot use %s: %s"), d->path, sqlite3_errmsg(d->conn));
        return false;
    }
    return true;
}

/* "file:PATH?immutable=1", with the characters a URI gives a meaning to
 * escaped; malloc'd. */
static char *immutable_uri(const char *path)
{
    char *uri = malloc(3 * strlen(path) + 32);
    if (!uri)
        return NULL;
    /* "file:///abs/path": an empty authority, so that "//x" stays a path. */
    char *p = uri + sprintf(uri, "%s", path[0] == '/' ? "file://" : "file:");
    for (const char *s = path; *s; s++) {
        if (*s == '%' || *s == '?' || *s == '#')
            p += sprintf(p, "%%%02X", (unsigned)(unsigned char)*s);
        else
            *p++ = *s;
    }
    strcpy(p, "?immutable=1");
    return uri;
}

/* Connects D as PL says: read-write; read-only through SQLite's locks and
 * its -shm; or, when that cannot be and is safe, the file as it is. */
static bool connect(db *d, const struct plan *pl, enum db_open_mode mode, char *err,
                    size_t errsz)
{
    if (pl->how == OPEN_WRITE) {
        int flags = SQLITE_OPEN_READWRITE | (mode == DB_OPEN_CREATE ? SQLITE_OPEN_CREATE : 0);
        return open_conn(d, d->path, flags, err, errsz) && configure(d, err, errsz);
    }
    if (pl->how == OPEN_READ) {
        if (open_conn(d, d->path, SQLITE_OPEN_READONLY, err, errsz) && configure(d, err, errsz))
            return true;
        if (d->busy || !pl->immutable_ok) {
            if (!d->busy && pl->held[0])
                held_refused(d->path, pl, err, errsz);
            return false;
        }
        sqlite3_close_v2(d->conn);
        d->conn = NULL;
    }
    char *uri = immutable_uri(d->path);
    if (!uri) {
        put_err(err, errsz, "%s", _("out of memory"));
        return false;
    }
    bool ok = open_conn(d, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, err, errsz)
              && configure(d, err, errsz);
    free(uri);
    return ok;
}

/* Files, -wal and -shm of a read-write connection: see make_private. */
static void make_files_private(db *d)
{
    const char *file = sqlite3_db_filename(d->conn, "main");
    if (!file || !*file)
        return;
    make_private(file);
    make_private(sqlite3_filename_wal(file));
    char *shm = malloc(strlen(file) + 5);
    if (shm) {
        sprintf(shm, "%s-shm", file);
        make_private(shm);
        free(shm);
    }
}

static void free_db(db *d)
{
    db_long_write_end(d);
    if (d->conn)
        sqlite3_close_v2(d->conn);
    free(d->path);
    free(d->actor);
    free(d->now);
    free(d->note_path);
    free(d);
}

db *db_open(const char *path, enum db_open_mode mode, char *err, size_t errsz)
{
    struct plan pl = { 0 };

    if (!path || !*path) {
        put_err(err, errsz, "%s", _("no database file was given"));
        return NULL;
    }
    if (!precheck(path, mode, &pl, err, errsz))
        return NULL;
    db *d = calloc(1, sizeof *d);
    if (d) {
        d->note_fd = -1;
        d->busy_ms = BUSY_TIMEOUT_MS;
    }
    if (!d || !(d->path = dup_str(path)) || !(d->actor = dup_str("unknown"))
        || !(d->note_path = side_name(&pl.at, "-busy"))) {
        put_err(err, errsz, "%s", _("out of memory"));
        if (d)
            free_db(d);
        return NULL;
    }
    configure_library();
    /* The file, its -wal and its -shm are created 0600: residents' data. */
    mode_t old_mask = umask(077);
    bool ok = connect(d, &pl, mode, err, errsz);
    umask(old_mask);
    if (!ok) {
        free_db(d);
        /* What SQLite created before it failed would be refused as empty. */
        struct stat st;
        if (pl.created && lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0)
            unlink(path);
        return NULL;
    }
    if (!db_readonly(d))
        make_files_private(d);
    return d;
}

bool db_readonly(const db *d)
{
    return d->conn && sqlite3_db_readonly(d->conn, "main") == 1;
}

int db_close(db **dp)
{
    if (!dp || !*dp)
        return 0;
    db *d = *dp;
    int leaks = 0;
    if (d->direct && d->depth == 0)
        db_direct_end(d);
#ifndef NDEBUG
    while (d->live) {
        db_stmt *s = d->live;
        fprintf(stderr, "db: statement prepared at %s:%d was never finalized\n", s->file, s->line);
        leaks++;
        db_finalize(&s);
    }
    if (d->depth > 0) {
        fprintf(stderr, "db: transaction begun at %s:%d was never committed; rolled back\n",
                d->tx_file, d->tx_line);
        leaks++;
    }
#endif
    /* Release builds do not track: finalize whatever is left so the close
     * succeeds (the wrappers leak, as the caller already did). */
    sqlite3_stmt *st;
    while ((st = sqlite3_next_stmt(d->conn, NULL)) != NULL)
        sqlite3_finalize(st);
    if (d->depth > 0 && !sqlite3_get_autocommit(d->conn))
        sqlite3_exec(d->conn, "ROLLBACK", NULL, NULL, NULL);
    free_db(d);
    *dp = NULL;
    return leaks;
}

sqlite3 *db_conn(db *d)
{
    return d->conn;
}

void db_say(db *d, const char *msg)
{
    set_err(d, "%s", msg);
}

const char *db_path(const db *d)
{
    return d->path;
}

const char *db_errmsg(const db *d)
{
    return d->errmsg;
}

void db_set_busy_timeout(db *d, int ms)
{
    d->busy_ms = ms > 0 ? ms : 0;
    sqlite3_busy_timeout(d->conn, d->busy_ms);
}

bool db_busy(const db *d)
{
    return d->busy;
}

void db_set_actor(db *d, const char *operator_name)
{
    char *copy = dup_str(operator_name && *operator_name ? operator_name : "unknown");
    if (!copy)
        return;
    free(d->actor);
    d->actor = copy;
}

void db_set_now(db *d, const char *iso_now)
{
    char *copy = NULL;
    if (iso_now) {
        size_t n = strlen(iso_now);
        copy = malloc(n + 4);
        if (!copy)
            return;
        memcpy(copy, iso_now, n + 1);
        if (n == 16) /* "YYYY-MM-DDTHH:MM": complete the seconds */
            memcpy(copy + n, ":00", 4);
    }
    free(d->now);
    d->now = copy;
}

const char *db_actor(const db *d)
{
    return d->actor;
}

/* ---- statements --------------------------------------------------------- */

/* Prepares SQL, which must be exactly one statement.  Failures set the
 * message and, when LOUD, are printed with the site. */
static db_stmt *prepare(db *d, const char *sql, const char *file, int line, bool loud)
{
    sqlite3_stmt *st = NULL, *extra = NULL;
    const char *tail = NULL;
    int rc = sqlite3_prepare_v2(d->conn, sql, -1, &st, &tail);
    if (rc == SQLITE_OK && !st) {
        set_err(d, "the SQL holds no statement");
        rc = SQLITE_MISUSE;
    } else if (rc != SQLITE_OK) {
        sql_failed(d, rc, sqlite3_errmsg(d->conn));
        /* Waiting for another program is no mistake of this one. */
        loud = loud && !d->busy;
    } else if (tail && *tail
               && (sqlite3_prepare_v2(d->conn, tail, -1, &extra, NULL) != SQLITE_OK || extra)) {
        set_err(d, "the SQL holds more than one statement; only the first would run");
        rc = SQLITE_MISUSE;
    }
    sqlite3_finalize(extra);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(st);
        if (loud)
            complain(file, line, "%s\n    in: %s", d->errmsg, sql);
        return NULL;
    }
    db_stmt *s = calloc(1, sizeof *s);
    if (!s) {
        sqlite3_finalize(st);
        set_err(d, "%s", _("out of memory"));
        return NULL;
    }
    *s = (db_stmt){ .d = d, .st = st, .file = file, .line = line, .nparams = -1 };
#ifndef NDEBUG
    s->next = d->live;
    if (d->live)
        d->live->prev = s;
    d->live = s;
#endif
    return s;
}

db_stmt *db_prepare_at(db *d, const char *sql, const char *file, int line)
{
    if (!d || !sql) {
        complain(file, line, "db_prepare called without a database or SQL");
        return NULL;
    }
    return prepare(d, sql, file, line, true);
}

void db_finalize(db_stmt **sp)
{
    if (!sp || !*sp)
        return;
    db_stmt *s = *sp;
#ifndef NDEBUG
    if (s->prev)
        s->prev->next = s->next;
    else
        s->d->live = s->next;
    if (s->next)
        s->next->prev = s->prev;
#endif
    sqlite3_finalize(s->st);
    free(s->pname);
    free(s);
    *sp = NULL;
}

/* Reads the names of S's parameters once, into one block of its own:
 * SQLite frees its copies when it prepares the statement again after the
 * schema changed (the names stay the same). */
static bool load_names(db_stmt *s)
{
    int n = sqlite3_bind_parameter_count(s->st);
    size_t bytes = sizeof *s->pname * (size_t)n;

    for (int i = 0; i < n; i++) {
        const char *p = sqlite3_bind_parameter_name(s->st, i + 1);
        bytes += p ? strlen(p) + 1 : 0;
    }
    if (n > 0 && !(s->pname = malloc(bytes)))
        return false;
    char *text = (char *)(s->pname + n);
    for (int i = 0; i < n; i++) {
        const char *p = sqlite3_bind_parameter_name(s->st, i + 1);
        s->pname[i] = NULL;
        if (p) {
            size_t k = strlen(p) + 1;
            memcpy(text, p, k);
            s->pname[i] = text;
            text += k;
        }
    }
    s->nparams = n;
    return true;
}

/* Is PNAME (as SQLite holds it: ":x", "@x", "$x") the parameter NAME? */
static bool names(const char *pname, const char *name)
{
    if (!pname)
        return false; /* a nameless "?" */
    if (*name == ':' || *name == '@' || *name == '$')
        return strcmp(pname, name) == 0;
    return pname[0] == ':' && strcmp(pname + 1, name) == 0;
}

/* The index of NAME in S (":name"; a bare "name" means ":name"), or 0 after
 * reporting the mistake and poisoning S.  Callers bind in about the order of
 * the SQL, so the search starts after the parameter found last: a row bound
 * in order costs one comparison a parameter instead of a scan. */
static int param_index(db_stmt *s, const char *name)
{
    int i = 0;
    if (s->nparams < 0 && !load_names(s)) {
        set_err(s->d, "%s", _("out of memory"));
        s->poisoned = true;
        return 0;
    }
    if (name && *name) {
        for (int k = 0; k < s->nparams; k++) {
            int at = (s->hint + k) % s->nparams;
            if (names(s->pname[at], name)) {
                s->hint = at + 1;
                i = at + 1;
                break;
            }
        }
    }
    if (i == 0) {
        complain(s->file, s->line, "statement has no parameter %s", name ? name : "(null)");
        set_err(s->d, "statement prepared at %s:%d has no parameter %s", s->file, s->line,
                name ? name : "(null)");
        s->poisoned = true;
    }
    return i;
}

static int bind_result(db_stmt *s, const char *name, int rc)
{
    if (rc == SQLITE_OK)
        return 0;
    complain(s->file, s->line, "cannot bind %s: %s", name, sqlite3_errmsg(s->d->conn));
    set_err(s->d, "%s", sqlite3_errmsg(s->d->conn));
    s->poisoned = true;
    return -1;
}

/* V (NULL: NULL) copied by SQLite (HOW: SQLITE_TRANSIENT) or not
 * (SQLITE_STATIC). */
static int bind_text(db_stmt *s, const char *name, const char *v, sqlite3_destructor_type how)
{
    int i = param_index(s, name);
    if (i == 0)
        return -1;
    if (!v)
        return bind_result(s, name, sqlite3_bind_null(s->st, i));
    return bind_result(s, name, sqlite3_bind_text(s->st, i, v, -1, how));
}

int db_bind_text(db_stmt *s, const char *name, const char *v)
{
    return bind_text(s, name, v, SQLITE_TRANSIENT);
}

int db_bind_text_ref(db_stmt *s, const char *name, const char *v)
{
    return bind_text(s, name, v, SQLITE_STATIC);
}

int db_bind_int(db_stmt *s, const char *name, int64_t v)
{
    int i = param_index(s, name);
    return i == 0 ? -1 : bind_result(s, name, sqlite3_bind_int64(s->st, i, v));
}

int db_bind_double(db_stmt *s, const char *name, double v)
{
    int i = param_index(s, name);
    return i == 0 ? -1 : bind_result(s, name, sqlite3_bind_double(s->st, i, v));
}

int db_bind_null(db_stmt *s, const char *name)
{
    int i = param_index(s, name);
    return i == 0 ? -1 : bind_result(s, name, sqlite3_bind_null(s->st, i));
}

int db_step(db_stmt *s)
{
    if (!s)
        return DB_ERR;
    if (s->poisoned) {
        set_err(s->d, "statement prepared at %s:%d was not run: a parameter could not be bound",
                s->file, s->line);
        return DB_ERR;
    }
    int rc = sqlite3_step(s->st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
        s->d->busy = false;
        return rc == SQLITE_ROW ? DB_ROW : DB_DONE;
    }
    sql_failed(s->d, rc, sqlite3_errmsg(s->d->conn));
    if (rc == SQLITE_MISUSE)
        complain(s->file, s->line, "misuse: %s", s->d->errmsg);
    return DB_ERR;
}

int db_reset(db_stmt *s)
{
    if (!s)
        return -1;
    return sqlite3_reset(s->st) == SQLITE_OK ? 0 : -1;
}

int db_column_count(db_stmt *s)
{
    return sqlite3_column_count(s->st);
}

static bool col_ok(db_stmt *s, int col)
{
    int n = sqlite3_column_count(s->st);
    if (col >= 0 && col < n)
        return true;
    complain(s->file, s->line, "column %d is out of range (the statement has %d)", col, n);
    return false;
}

const char *db_col_text(db_stmt *s, int col)
{
    const unsigned char *v = col_ok(s, col) ? sqlite3_column_text(s->st, col) : NULL;
    return v ? (const char *)v : "";
}

int64_t db_col_int(db_stmt *s, int col)
{
    return col_ok(s, col) ? sqlite3_column_int64(s->st, col) : 0;
}

double db_col_double(db_stmt *s, int col)
{
    return col_ok(s, col) ? sqlite3_column_double(s->st, col) : 0.0;
}

bool db_col_null(db_stmt *s, int col)
{
    return !col_ok(s, col) || sqlite3_column_type(s->st, col) == SQLITE_NULL;
}

const char *db_col_name(db_stmt *s, int col)
{
    const char *n = col_ok(s, col) ? sqlite3_column_name(s->st, col) : NULL;
    return n ? n : "";
}

/* ---- one-shot helpers --------------------------------------------------- */

int db_exec(db *d, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(d->conn, sql, NULL, NULL, &msg);
    if (rc == SQLITE_OK) {
        d->busy = false;
        return 0;
    }
    sql_failed(d, rc, msg ? msg : sqlite3_errmsg(d->conn));
    sqlite3_free(msg);
    return -1;
}

int64_t db_int(db *d, const char *sql, int64_t dflt)
{
    db_stmt *s = prepare(d, sql, __FILE__, __LINE__, true);
    int64_t v = dflt;
    if (s && db_step(s) == DB_ROW && !db_col_null(s, 0))
        v = db_col_int(s, 0);
    db_finalize(&s);
    return v;
}

char *db_text(db *d, const char *sql)
{
    db_stmt *s = prepare(d, sql, __FILE__, __LINE__, true);
    char *v = NULL;
    if (s && db_step(s) == DB_ROW)
        v = dup_str(db_col_text(s, 0));
    db_finalize(&s);
    return v;
}

int64_t db_last_rowid(db *d)
{
    return sqlite3_last_insert_rowid(d->conn);
}

int db_changes(db *d)
{
    return sqlite3_changes(d->conn);
}

int64_t db_total_changes(db *d)
{
    return sqlite3_total_changes64(d->conn);
}

#define DIRECT_RETRY_MS 25 /* between tries, for as long as D's busy timeout */

int db_direct_begin(db *d)
{
    char mode[16];

    if (d->depth > 0 || d->direct) {
        fprintf(stderr, "db: db_direct_begin inside a transaction or twice\n");
        set_err(d, "db_direct_begin inside a transaction");
        return -1;
    }
    /* Refused when another connection has the file open (busy, locked),
     * or when a statement of this one is still reading: either way the
     * load goes through the WAL, as it always may. */
    if (pragma_text(d, "PRAGMA journal_mode=DELETE", mode, sizeof mode) != 0
        || strcmp(mode, "delete") != 0) {
        d->errmsg[0] = '\0';
        d->busy = false;
        return 0;
    }
    d->direct = true;
    return 1;
}

int db_direct_end(db *d)
{
    char mode[16] = "";
    struct timespec pause = { 0, DIRECT_RETRY_MS * 1000000L };

    if (!d->direct)
        return 0;
    if (d->depth > 0) {
        fprintf(stderr, "db: db_direct_end inside a transaction\n");
        set_err(d, "db_direct_end inside a transaction");
        return -1;
    }
    struct timespec start, t;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        if (pragma_text(d, "PRAGMA journal_mode=WAL", mode, sizeof mode) == 0)
            break;
        int code = sqlite3_errcode(d->conn) & 0xff;
        clock_gettime(CLOCK_MONOTONIC, &t);
        long ms = (long)(t.tv_sec - start.tv_sec) * 1000 + (t.tv_nsec - start.tv_nsec) / 1000000;
        if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || ms >= d->busy_ms)
            break;
        nanosleep(&pause, NULL);
    }
    d->direct = false;
    if (strcmp(mode, "wal") != 0) {
        if (!mode[0])
            return -1; /* the message is set */
        set_err(d, "the database stays in journal mode \"%s\"", mode);
        return -1;
    }
    return 0;
}

int db_user_version(db *d)
{
    return (int)db_int(d, "PRAGMA user_version", -1);
}

/* ---- transactions ------------------------------------------------------- */

int db_begin_at(db *d, const char *file, int line)
{
    char sql[48];
    /* BEGIN IMMEDIATE would succeed on a read-only connection (as a read
     * transaction), and the first write in it fail: refused here at once. */
    if (d->depth == 0 && db_readonly(d)) {
        say_readonly(d);
        return -1;
    }
    if (d->depth == 0)
        snprintf(sql, sizeof sql, "BEGIN IMMEDIATE");
    else
        snprintf(sql, sizeof sql, "SAVEPOINT dd_%d", d->depth);
    if (db_exec(d, sql) != 0)
        return -1;
#ifndef NDEBUG
    if (d->depth == 0) {
        d->tx_file = file;
        d->tx_line = line;
    }
#endif
    d->depth++;
    return 0;
}

int db_commit(db *d)
{
    char sql[48];
    if (d->depth == 0) {
        fprintf(stderr, "db: db_commit without a transaction\n");
        set_err(d, "commit without a transaction");
        return -1;
    }
    if (d->depth == 1)
        snprintf(sql, sizeof sql, "COMMIT");
    else
        snprintf(sql, sizeof sql, "RELEASE dd_%d", d->depth - 1);
    /* A failed COMMIT leaves the transaction open: the caller rolls back. */
    if (db_exec(d, sql) != 0)
        return -1;
    d->depth--;
    return 0;
}

int db_rollback(db *d)
{
    char sql[80];
    if (d->depth == 0) {
        fprintf(stderr, "db: db_rollback without a transaction\n");
        set_err(d, "rollback without a transaction");
        return -1;
    }
    d->depth--;
    if (sqlite3_get_autocommit(d->conn)) {
        /* SQLite already rolled the whole transaction back after an error
         * (disk full, I/O): nothing is left to undo, and the enclosing
         * levels are gone too. */
        if (d->depth == 0)
            return 0;
        d->depth = 0;
        set_err(d, "the transaction was already rolled back");
        return -1;
    }
    if (d->depth == 0)
        snprintf(sql, sizeof sql, "ROLLBACK");
    else
        snprintf(sql, sizeof sql, "ROLLBACK TO dd_%d; RELEASE dd_%d", d->depth, d->depth);
    return db_exec(d, sql);
}

int db_tx_depth(const db *d)
{
    return d->depth;
}

/* ---- backup ------------------------------------------------------------- */

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev
           && sa.st_ino == sb.st_ino;
}

/* Copies the source page by page into DST.  The caller holds a read
 * transaction on the source, so every step sees the same snapshot and the
 * copy never restarts, while other connections keep writing (WAL). */
static int copy_pages(db *d, sqlite3 *dst)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", d->conn, "main");
    if (!b) {
        set_err(d, "%s", sqlite3_errmsg(dst));
        return -1;
    }
    int rc;
    do {
        rc = sqlite3_backup_step(b, BACKUP_PAGES_PER_STEP);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(BACKUP_RETRY_MS);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE || sqlite3_errcode(dst) != SQLITE_OK) {
        set_err(d, "%s", rc != SQLITE_DONE ? sqlite3_errstr(rc) : sqlite3_errmsg(dst));
        return -1;
    }
    return 0;
}

static void sync_dir_of(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    int fd = open(dir, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Side files of an older database at DEST would be read as part of the new
 * copy: remove them before the copy takes its place. */
static void remove_side_files(const char *dest)
{
    char side[4200];
    snprintf(side, sizeof side, "%s-wal", dest);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", dest);
    unlink(side);
}

int db_backup(db *d, const char *dest)
{
    char tmp[4200];
    if (d->depth > 0) {
        set_err(d, "%s", _("a backup cannot be made inside a transaction"));
        return -1;
    }
    if (same_file(d->path, dest)) {
        set_err(d, _("%s is the database itself; choose another file for the backup"), dest);
        return -1;
    }
    if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", dest) >= (int)sizeof tmp) {
        set_err(d, "%s", _("the backup file name is too long"));
        return -1;
    }
    int fd = mkstemp(tmp); /* 0600 */
    if (fd < 0) {
        set_err(d, _("cannot create a file beside %s: %s"), dest, strerror(errno));
        return -1;
    }
    close(fd);

    sqlite3 *dst = NULL;
    int rc = -1;
    mode_t old_mask = umask(077);
    if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        set_err(d, _("cannot open %s: %s"), tmp, sqlite3_errmsg(dst));
    else if (db_exec(d, "BEGIN; SELECT count(*) FROM sqlite_schema") == 0)
        rc = copy_pages(d, dst);
    if (!sqlite3_get_autocommit(d->conn)) /* end the read transaction */
        sqlite3_exec(d->conn, "COMMIT", NULL, NULL, NULL);
    umask(old_mask);
    if (sqlite3_close(dst) != SQLITE_OK)
        rc = -1;
    if (rc == 0) {
        remove_side_files(dest);
        if (rename(tmp, dest) != 0) {
            set_err(d, _("cannot replace %s: %s"), dest, strerror(errno));
            rc = -1;
        } else {
            sync_dir_of(dest);
        }
    }
    if (rc != 0) {
        char msg[sizeof d->errmsg];
        snprintf(msg, sizeof msg, "%s", d->errmsg);
        set_err(d, _("backup to %s failed: %s"), dest, msg);
        unlink(tmp);
        snprintf(tmp + strlen(tmp), sizeof tmp - strlen(tmp), "-journal");
        unlink(tmp);
    }
    return rc;
}

/* ---- check -------------------------------------------------------------- */

static bool is_damage(int rc)
{
    rc &= 0xff;
    return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

/* Runs SQL and hands each row to ROW; damage found on the way counts as one
 * problem.  Returns the problems found, or -1. */
static int check_rows(db *d, const char *sql,
                      int (*row)(sqlite3_stmt *st, void (*report)(const char *, void *), void *ctx),
                      void (*report)(const char *, void *), void *ctx)
{
    sqlite3_stmt *st = NULL;
    int n = 0, rc = sqlite3_prepare_v2(d->conn, sql, -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        n += row(st, report, ctx), rc = SQLITE_OK;
    if (rc != SQLITE_DONE) {
        set_err(d, "%s", sqlite3_errmsg(d->conn));
        if (is_damage(rc)) {
            char msg[600];
            snprintf(msg, sizeof msg, _("the database file is damaged: %s"), d->errmsg);
            if (report)
                report(msg, ctx);
            n++;
        } else {
            n = -1;
        }
    }
    sqlite3_finalize(st);
    return n;
}

/* A row of integrity_check is "ok" or problems, one a line, the first
 * prefixed with a "*** in database main ***" line that is not one. */
static int integrity_row(sqlite3_stmt *st, void (*report)(const char *, void *), void *ctx)
{
    const char *v = (const char *)sqlite3_column_text(st, 0);
    if (v && strcmp(v, "ok") == 0)
        return 0;
    int n = 0;
    for (const char *p = v ? v : "?"; *p;) {
        size_t len = strcspn(p, "\n");
        if (len > 0 && strncmp(p, "*** in database ", 16) != 0) {
            char line[600];
            snprintf(line, sizeof line, "%.*s", (int)len, p);
            if (report)
                report(line, ctx);
            n++;
        }
        p += len + (p[len] == '\n');
    }
    return n;
}

static int fk_row(sqlite3_stmt *st, void (*report)(const char *, void *), void *ctx)
{
    char msg[600];
    const char *tbl = (const char *)sqlite3_column_text(st, 0);
    const char *parent = (const char *)sqlite3_column_text(st, 2);
    if (sqlite3_column_type(st, 1) == SQLITE_NULL)
        snprintf(msg, sizeof msg, _("a row of table %s refers to a row of %s that does not exist"),
                 tbl ? tbl : "?", parent ? parent : "?");
    else
        snprintf(msg, sizeof msg,
                 _("row %lld of table %s refers to a row of %s that does not exist"),
                 (long long)sqlite3_column_int64(st, 1), tbl ? tbl : "?", parent ? parent : "?");
    if (report)
        report(msg, ctx);
    return 1;
}

int db_check(db *d, void (*report)(const char *problem, void *ctx), void *ctx)
{
    int a = check_rows(d, "PRAGMA integrity_check", integrity_row, report, ctx);
    if (a < 0)
        return -1;
    int b = check_rows(d, "PRAGMA foreign_key_check", fk_row, report, ctx);
    if (b < 0)
        return -1;
    return a + b;
}
