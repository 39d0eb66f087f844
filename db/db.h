/* db.h — a thin wrapper over SQLite: connection, statements, transactions.
 *
 * Values are always bound, never formatted into SQL.  Parameters are named
 * (":name"); binding a name the statement does not have is a programming
 * error and is reported loudly (stderr, and the bind returns -1).  A bare
 * "name" means ":name".  After a failed bind the statement is poisoned: every
 * db_step on it returns DB_ERR.  SQL that does not prepare, or that holds more
 * than one statement (use db_exec for several), is reported on stderr with
 * the site that prepared it, and db_prepare returns NULL.
 *
 * Ownership: a db owns its connection; a db_stmt belongs to the db that
 * prepared it and must be finalized before db_close.  A db and its
 * statements are used by one thread at a time (the connection takes no
 * lock of its own).  In debug builds
 * (NDEBUG not defined) db_close reports, with the file and line that began
 * them, every statement never finalized and every transaction never
 * committed or rolled back.
 *
 * This layer knows nothing of the domain.  It does provide two SQL functions
 * for the audit triggers of the schema: dd_operator() (who) and dd_now()
 * (when, "YYYY-MM-DDTHH:MM:SS"), whose values the caller sets.  The
 * triggers themselves are made from the tables' columns by the migration
 * runner, where a migration asks for them (db/migrate.h, db/audit.h). */
#ifndef DD_DB_H
#define DD_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct db db;
typedef struct db_stmt db_stmt;

enum { DB_ERR = -1, DB_DONE = 0, DB_ROW = 1 };

enum db_open_mode {
    DB_OPEN_EXISTING, /* the file must exist, and it and its folder be writable */
    DB_OPEN_CREATE,   /* the same, but a missing file is created (mode 0600) */
    DB_OPEN_READ,     /* the file must exist; read-only when it cannot be written */
};

/* Opens PATH: WAL, synchronous=FULL, foreign_keys=ON, a busy timeout of
 * 5 seconds.  On failure returns NULL and writes a one-line reason, in
 * plain words, into ERR.
 *
 * Refused in every mode, without writing anything: a file that is not an
 * SQLite database, an empty file (only a path that does not exist is ever
 * created, and only by DB_OPEN_CREATE), and anything that is not a regular
 * file (a directory, a device such as /dev/null, a pipe, a socket).
 *
 * DB_OPEN_EXISTING and DB_OPEN_CREATE write: they refuse a file that cannot
 * be written, and a folder that cannot be written (SQLite keeps its working
 * files PATH-wal and PATH-shm beside the database), naming the folder.
 *
 * DB_OPEN_READ opens read-write like DB_OPEN_EXISTING when the file and its
 * folder can be written, else read-only (db_readonly is then true).  When
 * only the file cannot be written, SQLite keeps its PATH-shm in the folder
 * and follows the changes of the others as usual.  When the folder cannot
 * be written either, the working files are used if they are both there
 * (another program has the database open); otherwise the file is read as
 * it is (SQLite's "immutable": without locks, so changes that another
 * program makes to it afterwards are not seen, and may even be read half
 * made), which is only done when no PATH-wal or PATH-journal holding
 * changes not yet in the file is there: such a file is refused, naming the
 * folder.  No connection in read-only use sets the journal mode.
 *
 * Permissions: files are created 0600 (residents' data).  After every
 * read-write open the file, its PATH-wal and its PATH-shm lose all group
 * and other permission bits (and any execute bit), but only those that are
 * regular files owned by this user (symbolic links are not followed); a
 * read-only open changes no permission. */
db *db_open(const char *path, enum db_open_mode mode, char *err, size_t errsz);

/* True when D was opened read-only (DB_OPEN_READ on a file or folder that
 * cannot be written).  Reading works; db_begin, and every statement that
 * would write, fail with a plain message ("... is open read-only ..."). */
bool db_readonly(const db *d);

/* For the tests only.  They run as root, whom no permission bit stops, so
 * the read-only cases of db_open cannot be made with chmod: from this call
 * on, db_open in this process acts as if the database file
 * (DB_TEST_DENY_FILE) and/or its folder (DB_TEST_DENY_FOLDER) could not be
 * written ("Permission denied").  0 ends it. */
enum { DB_TEST_DENY_FILE = 1, DB_TEST_DENY_FOLDER = 2 };
void db_test_deny_writes(int what);

/* Closes *D and sets it to NULL.  Returns the number of leaked statements
 * and open transactions found (always 0 in release builds).  Leaked
 * statements are finalized and an open transaction is rolled back in every
 * build; a long-write note is ended; a NULL D or *D is a no-op. */
int db_close(db **d);

const char *db_path(const db *d);

/* The message of the last failure on D, in plain words. */
const char *db_errmsg(const db *d);

/* Busy.  While another connection writes (holds the write lock), a write of
 * D waits up to the busy timeout (5 seconds unless set here; an interface
 * that must not freeze sets a fraction of a second), then fails: db_begin,
 * db_exec and db_step return -1 / DB_ERR, db_busy is true and db_errmsg
 * says "the database is busy: ..." with the other's long-write note when
 * there is one (below); db_prepare, failing for this reason, prints
 * nothing on stderr (it is no mistake of the program).  db_busy is true
 * when the last failure on D was such a wait (SQLITE_BUSY or
 * SQLITE_LOCKED); false again after the next statement or db_exec that
 * succeeds, or fails otherwise.  db_open, refused while a direct load
 * holds the file (below), gives the note too. */
void db_set_busy_timeout(db *d, int ms);
bool db_busy(const db *d);

/* Long writes (an import of many rows) say who is writing, so that the
 * others are told more than "busy".  db_long_write_begin writes NOTE (one
 * line, composed by the caller, e.g. "张三 is importing 调查表.csv since
 * 10:02"; line breaks become spaces) into the side file PATH-busy beside
 * the database (after symbolic links; created 0600), and holds an exclusive flock on it until
 * db_long_write_end (or db_close), which removes the file.  Called again,
 * it replaces the note.  Returns 0, or -1 when the note cannot be left (a
 * read-only connection or folder, another long write holding it): that is
 * no error, nothing else changes and the write may go on.
 *
 * db_long_write_note copies into BUF (BUFSZ bytes, cut at a whole
 * character) the note of the database at PATH and returns true, when
 * PATH-busy exists and its lock is held; a file whose lock nobody holds
 * (left by a program that stopped) is ignored: false. */
int db_long_write_begin(db *d, const char *note);
void db_long_write_end(db *d);
bool db_long_write_note(const char *path, char *buf, size_t bufsz);

/* Who and when, as the audit triggers see them through dd_operator() and
 * dd_now().  The strings are copied.  NOW may be NULL: the wall clock.
 * The operator defaults to "unknown" (also for NULL or "").  A NOW of the
 * form "YYYY-MM-DDTHH:MM" (as DUTYDESK_NOW gives it) gets ":00" added. */
void db_set_actor(db *d, const char *operator_name);
void db_set_now(db *d, const char *iso_now);
const char *db_actor(const db *d);

/* Statements. */
db_stmt *db_prepare_at(db *d, const char *sql, const char *file, int line);
#define db_prepare(d, sql) db_prepare_at((d), (sql), __FILE__, __LINE__)
int db_bind_text(db_stmt *s, const char *name, const char *v); /* v NULL binds NULL */
/* The same without a copy, for statements run many times in a row: V must
 * stay as it is until db_step on S has returned, and S must be bound again
 * before it is stepped after that. */
int db_bind_text_ref(db_stmt *s, const char *name, const char *v);
int db_bind_int(db_stmt *s, const char *name, int64_t v);
int db_bind_double(db_stmt *s, const char *name, double v);
int db_bind_null(db_stmt *s, const char *name);
int db_step(db_stmt *s); /* DB_ROW, DB_DONE or DB_ERR */
int db_reset(db_stmt *s); /* keeps the bindings; -1 when the last step had failed */
int db_column_count(db_stmt *s);
const char *db_col_text(db_stmt *s, int col); /* "" for NULL */
int64_t db_col_int(db_stmt *s, int col);
double db_col_double(db_stmt *s, int col);
bool db_col_null(db_stmt *s, int col);
const char *db_col_name(db_stmt *s, int col);
void db_finalize(db_stmt **s);

/* One-shot helpers. */
int db_exec(db *d, const char *sql);                        /* statements, no parameters */
int64_t db_int(db *d, const char *sql, int64_t dflt);       /* first column of first row */
char *db_text(db *d, const char *sql);                      /* malloc'd, NULL when no row, "" for NULL */
int64_t db_last_rowid(db *d);
int db_changes(db *d);
int64_t db_total_changes(db *d); /* rows changed since the connection opened */

/* Transactions.  The outermost db_begin is BEGIN IMMEDIATE (every write
 * takes the write lock up front, so two desks never deadlock on an upgrade);
 * inner ones are savepoints.  Each db_begin must be matched by one db_commit
 * or db_rollback.  On a read-only connection db_begin fails (a transaction
 * is for writing); when another program writes it fails busy (above). */
int db_begin_at(db *d, const char *file, int line);
#define db_begin(d) db_begin_at((d), __FILE__, __LINE__)
int db_commit(db *d);
int db_rollback(db *d);
int db_tx_depth(const db *d);

/* Bulk loading (an import of many rows).  Through the WAL every page a
 * load writes is written twice: into the WAL, then into the file by the
 * checkpoint after the commit.  While no other connection has the file
 * open, db_direct_begin (outside a transaction) has the pages written
 * straight into the file instead, with a rollback journal keeping what
 * they replace (as safe: a load cut short is rolled back at the next
 * open): 1 it did, 0 it could not (another connection has the file open,
 * or a statement of D is still reading; nothing changes: the load goes
 * through the WAL as always, and the others go on reading while it runs),
 * -1 called inside a transaction.  db_direct_end, after the load's
 * commit or rollback, puts the file back in WAL mode (retrying for a
 * moment when another program holds a lock): 0, or -1 with db_errmsg (the
 * next db_open does it then).  In between, a program opening the file is
 * told that it is busy with an import.  db_close ends it too. */
int db_direct_begin(db *d);
int db_direct_end(db *d);

/* PRAGMA user_version. */
int db_user_version(db *d);

/* Online copy of the database into DEST (created 0600, replaced if it
 * exists), safe while another connection writes.  0 or -1 with db_errmsg.
 * The copy is one consistent snapshot, written to a temporary file beside
 * DEST and renamed over it (old DEST-wal/-shm files are removed).  Refused
 * inside a transaction and when DEST is the database itself. */
int db_backup(db *d, const char *dest);

/* integrity_check and foreign_key_check.  Calls REPORT once per problem
 * found; returns the number of problems, or -1 when the check could not
 * run.  REPORT may be NULL.  Damage that stops a check part-way counts as
 * one more problem ("the database file is damaged: ..."). */
int db_check(db *d, void (*report)(const char *problem, void *ctx), void *ctx);

#endif
