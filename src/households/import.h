/* import.h — households and residents from the survey spreadsheet (CSV).
 *
 * The file is read by src/csv.h (UTF-8 with or without BOM, or GB18030;
 * CRLF or LF; quotes).  The header row is matched by name, in any order,
 * Chinese or English, with the usual synonyms (import_column_of); cells are
 * trimmed of spaces, U+3000 and a BOM.  A title row above the header (a
 * merged cell saying what the sheet is) is skipped: the header is the first
 * of the first five records that names the name column.
 *
 * The file as a whole is refused, before anything is written, when it
 * cannot be read or lacks a required column (name, building, room), or
 * when a temporary file its sorts need (in $TMPDIR, else /tmp; only for a
 * file of tens of thousands of rows and more: the check for ID numbers seen
 * twice, and the name n-grams of a load into an empty table) cannot be
 * written.  An unknown column is reported once and skipped.  Each bad row
 * is reported with its line (as a text editor counts lines) and the
 * reason, and left out; the good rows are written in ONE transaction — or,
 * with dry_run, checked in that transaction and rolled back, so a dry run
 * reports exactly what a real run would do and writes nothing.
 *
 * While it runs, a thread of its own reads the file (and uses src/pinyin.h:
 * the caller does not, meanwhile); the callbacks of struct import_options
 * are called from the calling thread only, in file order.  A large import
 * into a file no other program has open writes straight into it
 * (db_direct_begin in db/db.h): another program opening the file meanwhile
 * is told it is busy.
 *
 * The trail: an import that changed something is recorded once, in the
 * table import_run (who, when, the file, the counts below, and the ids of
 * the households and residents it created), and that record is audited;
 * the records it creates have no audit row of their own, the ones it
 * changes are audited one by one, old and new (db/migrations/0003).
 *
 * Households are found or created from the address columns (building 12幢,
 * unit 2单元, room 301室 are stored as 12, 2, 301).  A resident with the same
 * ID number is updated, and counted unchanged when nothing differs; one
 * without an ID number is matched by household and name.  So importing the
 * same file again creates nothing.  An existing household keeps its grid,
 * kind and notes (the file only fills them in for a new one).
 *
 * Messages are translated with _() when they are made. */
#ifndef DD_IMPORT_H
#define DD_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"
#include "src/csv.h"

/* What a message is about. */
enum import_msg_kind {
    IMPORT_MSG_PROBLEM,  /* a row or a column left out, or the file refused */
    IMPORT_MSG_NOTICE,   /* about a row that is imported */
    IMPORT_MSG_MOVE,     /* a registered person the row moves to another household */
    IMPORT_MSG_HEADLESS, /* a household those moves leave without a head (line 0) */
};

/* One message about the file, a column or a row.  Values from the file are
 * quoted on one line with no control character (text_escape), ID and phone
 * numbers masked: the text is safe for a terminal and a log. */
struct import_problem {
    const char *file;   /* the path as given */
    long line;          /* 1-based; 0 for the file as a whole */
    bool rejected;      /* the row (or, with line 0 or a missing column, the
                           file) was left out; false: a notice only */
    enum import_msg_kind kind;
    const char *reason; /* translated, plain words */
    const char *text;   /* "FILE:LINE: reason" (or "FILE: reason"), ready for stderr */
};

struct import_progress {
    long rows;               /* data rows read so far */
    long long bytes_done;    /* of the file */
    long long bytes_total;
    bool done;               /* the last call */
};

struct import_options {
    bool dry_run;
    /* Called once per message, in file order.  May be NULL. */
    void (*problem)(const struct import_problem *p, void *ctx);
    /* Called every PROGRESS_EVERY rows (0: every 4096) and once at the end.
     * May be NULL. */
    void (*progress)(const struct import_progress *p, void *ctx);
    long progress_every;
    void *ctx;
};

struct import_result {
    long rows;                /* data rows read (header and empty rows not counted) */
    long residents_created;
    long residents_updated;
    long residents_unchanged;
    long households_created;
    long residents_moved;     /* of those updated: moved to another household */
    long households_headless; /* left without a head by those moves */
    long rows_rejected;
    long unknown_columns;
    enum csv_encoding encoding;
    bool stopped;             /* the whole import was refused: nothing written */
};

/* Imports PATH into D (opened with store_open: migrated, operator set).
 * Returns 0 when every row was imported, 1 when some rows were rejected
 * (the others were imported), -1 when the import stopped and wrote nothing
 * (unreadable file, a required column missing, a database error); every
 * reason has gone to OPT->problem.  RES is always filled.  OPT may be NULL
 * (a real run, no messages). */
int import_residents(db *d, const char *path, const struct import_options *opt,
                     struct import_result *res);

/* For tests: how many (number, line) pairs the check for ID numbers seen
 * twice sorts in memory before it writes them to its temporary file (0:
 * the default, a few hundred thousand), so a small file can go through
 * the temporary file too. */
void import_set_sort_run(size_t pairs);

/* For tests: read and write in the calling thread alone, as when no thread
 * can be started (false: the default, a reading thread). */
void import_set_one_thread(bool one);

/* ---- header matching (exposed for tests and for the help text) ---- */

enum import_column {
    IC_UNKNOWN = -1,
    IC_IGNORED = 0,  /* 序号 and the like: a known column with nothing to import */
    IC_NAME,
    IC_SEX,
    IC_ID_NUMBER,
    IC_ID_KIND,
    IC_PHONE,
    IC_COMPOUND,
    IC_BUILDING,
    IC_UNIT,
    IC_ROOM,
    IC_RELATION,
    IC_NOTES,
    IC_BIRTH_DATE,
    IC_HUKOU_PLACE,
    IC_POPULATION,   /* 常住 / 流动 */
    IC_RETURNED_FROM,
    IC_ARRIVED_ON,
    IC_TRAVEL_NOTES,
    IC_FLAGS,        /* care flags as words: 独居老人, 孕妇 ... */
    IC_FLAG_ALONE,   /* one column per flag, 是 / 否 */
    IC_FLAG_DISABLED,
    IC_FLAG_PREGNANT,
    IC_FLAG_CHRONIC,
    IC_FLAG_INFANT,
    IC_FLAG_KEY,
    IC_GRID,
    IC_GRID_WORKER,
    IC_HOUSEHOLD_KIND, /* 自住 / 出租 / 群租 */
    IC_MOVED_OUT_ON,
    IC_MOVED_TO,
    IC_HOUSEHOLD_PHONE, /* the household's own phone (户联系电话) */
    IC_HOUSEHOLD_NOTES, /* the household's notes (户备注) */
    IC_COUNT
};

/* The column a header cell names (trimmed of spaces, U+3000 and a BOM; a
 * '*' marking a required column and a trailing (必填) are ignored; English
 * in any case, with or without spaces, '_' or '-'). */
enum import_column import_column_of(const char *header);

#endif
