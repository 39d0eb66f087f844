/* feed.h — rows the program hands to one SQL statement, one at a time.
 *
 * SQLite writes many rows much faster with one statement that takes them
 * all (INSERT INTO t SELECT ... FROM s) than with one statement per row:
 * the statement is started, and its table and indexes opened, only once,
 * and each row goes in where the last one went.  A feed is the "FROM s" of
 * such a statement when the rows are the program's: a table (virtual, in
 * the temp schema) whose rows come from a function, as the statement reads
 * them.
 *
 *   db_feed *f = db_feed_open(d, "dd_rows", 3, next, ctx);
 *   rc = db_exec(d, "INSERT INTO t (a, b, c) SELECT c0, c1, c2 FROM temp.dd_rows");
 *   db_feed_close(&f);
 *
 * NEXT fills VALUES[0..NCOLS) with the next row and returns 1; returns 0
 * when there are no more; or returns -1 to stop the statement, which then
 * fails with the reason NEXT wrote into WHY (WHYSZ bytes; db_errmsg gives
 * it).  Text and blobs are not copied: they stay as they are until the next
 * call.  NEXT may run other statements on the same connection (not the
 * one reading the feed).  A statement reads the feed until NEXT returns 0;
 * another statement reading it after that asks NEXT again, so a program
 * may stop one statement (NEXT returns 0), do something else, and go on
 * with the next rows in a new statement.
 *
 * NAME is the caller's own SQL identifier (ASCII letters, digits and '_'),
 * used by no other table or feed of the connection while the feed is
 * open; the columns are c0, c1, ...  db_feed_open may be called inside a
 * transaction.  It returns NULL with db_errmsg on failure.  db_feed_close
 * drops the table and clears *F; NULL is a no-op. */
#ifndef DD_FEED_H
#define DD_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

enum db_type { DB_NULL, DB_INT, DB_TEXT, DB_BLOB };

struct db_value {
    enum db_type type;
    int64_t i;        /* DB_INT */
    const void *p;    /* DB_TEXT (NUL-terminated) and DB_BLOB */
    size_t n;         /* DB_BLOB: its bytes */
};

typedef struct db_feed db_feed;

db_feed *db_feed_open(db *d, const char *name, int ncols,
                      int (*next)(void *ctx, struct db_value *values, char *why, size_t whysz),
                      void *ctx);
void db_feed_close(db_feed **f);

#endif
