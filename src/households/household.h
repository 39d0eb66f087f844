/* household.h — households and residents: records, writes, the card.
 *
 * "One file per household" (一户一档): a household is an address (compound
 * 小区, building 幢, unit 单元, room 室) and the people living there.  A
 * resident who leaves is marked moved out, never deleted.  Every write runs
 * in a transaction and is recorded in the audit trail by the schema's
 * triggers (who: the db's actor; when: dd_now()).
 *
 * Records are plain structs of fixed char arrays so forms can bind to them
 * (src/kit/form.h); an empty string means "not known".  IDs are int64 rowids,
 * 0 for a record not yet saved. */
#ifndef DD_HOUSEHOLD_H
#define DD_HOUSEHOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

enum household_kind { HH_OWNER = 0, HH_RENTED, HH_GROUP_RENTAL };

struct household {
    int64_t id;
    char compound[96];   /* 大美南苑 */
    char building[16];   /* "12" */
    char unit[16];       /* "2" */
    char room[16];       /* "301" */
    char grid[48];
    char grid_worker[48];
    int kind;            /* enum household_kind */
    char phone[32];      /* normalized */
    char notes[256];
};

/* Care flags, stored as a bit set. */
enum care_flag {
    CARE_ALONE_ELDERLY = 1 << 0, /* 独居老人 */
    CARE_DISABLED = 1 << 1,      /* 残疾人 */
    CARE_PREGNANT = 1 << 2,      /* 孕妇 */
    CARE_CHRONIC = 1 << 3,       /* 慢性病 */
    CARE_INFANT = 1 << 4,        /* 婴幼儿 */
    CARE_KEY_PERSON = 1 << 5,    /* 重点人员 */
};

enum id_kind { IDK_NONE = 0, IDK_RESIDENT, IDK_PASSPORT, IDK_HK_MACAO, IDK_TAIWAN, IDK_OTHER };

struct resident {
    int64_t id;
    int64_t household_id;
    char name[96];
    char sex[2];          /* "M", "F" or "" */
    int id_kind;          /* enum id_kind */
    char id_number[40];   /* normalized; "" when none */
    char birth_date[11];  /* YYYY-MM-DD or "" */
    char phone[32];       /* normalized */
    char relation[32];    /* 与户主关系: 户主, 配偶, 子, 女 ... */
    bool floating;        /* 流动人口 (else 常住) */
    char hukou_place[128];/* 户籍地, when it differs (人户分离) */
    unsigned flags;       /* enum care_flag */
    char returned_from[96];
    char arrived_on[11];
    char travel_notes[256];
    char moved_out_on[11];/* "" while living here */
    char moved_to[128];
    char notes[256];
};

/* Finds the household at that address, or creates it.  0 and *ID, or -1
 * with db_errmsg. */
int household_ensure(db *d, const struct household *h, int64_t *id);
int household_save(db *d, struct household *h);   /* insert (id 0) or update */
int household_get(db *d, int64_t id, struct household *h); /* 0, 1 not found, -1 */

/* Inserts (id 0) or updates R.  With an ID number of a resident already
 * registered under another id, fails and puts that resident's id in
 * *EXISTING (when not NULL) so the caller can offer to open them. */
int resident_save(db *d, struct resident *r, int64_t *existing);
/* Inserts, or updates the resident with the same ID number (import).
 * *CREATED says which.  A resident without an ID number is matched by
 * household and name instead (so importing a file again adds nobody).  On
 * update, fields left empty in R (and flags 0, floating false) keep their
 * stored values; R gets the id and the merged record. */
int resident_upsert_by_id(db *d, struct resident *r, bool *created);
int resident_get(db *d, int64_t id, struct resident *r);
int64_t resident_find_by_id_number(db *d, const char *id_number); /* 0: none */
int resident_move(db *d, int64_t resident_id, int64_t to_household);
int resident_move_out(db *d, int64_t resident_id, const char *date, const char *where);

/* Who lives in household HOUSEHOLD_ID now (moved out excluded): *LIVING,
 * and of them *HEADS with the relation 户主 (or 本人).  0 or -1. */
int household_heads(db *d, int64_t household_id, int *living, int *heads);

/* The birth date of R as a list or export shows it: where R's ID number
 * is a resident ID number and the list masks it (MASKED), the year only
 * (1990): the 8 characters the mask hides are the birth date, so the full
 * date beside a masked number would give the number away.  Otherwise the
 * date as stored (YYYY-MM-DD, or ""). */
void resident_birth_shown(char *dst, size_t dstsz, const struct resident *r, bool masked);

/* The address as people write it: 大美南苑12幢2单元301室. */
void household_address(const struct household *h, char *buf, size_t bufsz);

/* Members of a household, head first, then by pinyin order of the name;
 * those who moved out come last.  Calls FN once per member; returns the
 * count or -1. */
int household_members(db *d, int64_t household_id,
                      void (*fn)(const struct resident *r, void *ctx), void *ctx);

/* ---- additions --------------------------------------------------------
 *
 * What the saves do to a record first, and the reasons they refuse one.
 * household_save, household_ensure, resident_save and resident_upsert_by_id
 * normalize the record (and write the normalized values back when it is
 * not const); a record the checks below refuse is not saved (-1) and
 * db_errmsg does not explain it: forms call the check first for the reason
 * to show. */

/* Address parts as stored: spaces trimmed, full-width digits and letters
 * folded to ASCII, the words people add dropped (12幢 / 12栋 / 12号楼 -> 12,
 * 2单元 -> 2, 301室 -> 301); the phone normalized when it is valid. */
void household_normalize(struct household *h);
/* 0, or -1 with the reason, translated, in WHY: no compound and no
 * building, or a phone number that is not valid. */
int household_check(const struct household *h, char *why, size_t whysz);
/* The same, with the member it refuses (offsetof(struct household, ...))
 * in *FIELD, so a form shows the reason at that field. */
int household_check_at(const struct household *h, size_t *field, char *why, size_t whysz);
/* The household at H's address (normalized first): its id, 0 when there is
 * none, -1 on error.  Forms use it to offer the existing household instead
 * of failing on a duplicate address. */
int64_t household_find(db *d, const struct household *h);

/* The number of a document other than the resident ID card as stored:
 * full-width letters and digits folded, trimmed, upper-case (e1234567 and
 * Ｅ１２３４５６７ are E1234567). */
void document_number_normalize(char *number);

/* A name as stored: trimmed, and the look-alikes of the middle dot of
 * minority names (. • ‧ ・ ･ ．) made U+00B7 (阿依古丽·买买提). */
void resident_name_normalize(char *name, size_t namesz);
/* 0, or -1 with the reason, translated, in WHY: an empty name; a resident
 * ID number (kind IDK_RESIDENT, or kind IDK_NONE with a number) that fails
 * id_check; a sex other than M or F; a phone number that phone_check
 * refuses; a date (birth, arrival, moved out) that is not YYYY-MM-DD. */
int resident_check(const struct resident *r, char *why, size_t whysz);
/* The same, with the member it refuses (offsetof(struct resident, ...)) in
 * *FIELD. */
int resident_check_at(const struct resident *r, size_t *field, char *why, size_t whysz);

/* Bulk writes (the importer): the same as household_ensure and
 * resident_upsert_by_id, with their statements prepared once.  Outside a
 * transaction each call is one of its own.  Inside the caller's, a call
 * takes no savepoint: it makes one INSERT or UPDATE, which SQLite undoes
 * whole when it fails, so a refused row leaves nothing behind and the
 * caller's transaction goes on.  hh_writer_close finalizes and clears *W;
 * NULL is a no-op. */
typedef struct hh_writer hh_writer;
hh_writer *hh_writer_open(db *d);
/* *CREATED (may be NULL): whether the household was made by this call. */
int hh_writer_household(hh_writer *w, const struct household *h, int64_t *id, bool *created);
int hh_writer_resident(hh_writer *w, struct resident *r, bool *created);
void hh_writer_close(hh_writer **w);

/* The search keys of a resident that come from ICU (src/pinyin.h): the
 * pinyin initials and the pinyin sort key of the name.  A loader makes them
 * beside its writer (the importer, in its reading thread) and hands them
 * over with the record. */
struct resident_keys {
    char initials[96];
    uint8_t name_key[512]; /* NUL-terminated; holds no zero byte */
};
/* R's keys into K: 0, or -1 when ICU gives no sort key for the name. */
int resident_keys_make(const struct resident *r, struct resident_keys *k);
/* What hh_writer_resident does to R before it writes, without the
 * database: R normalized, checked (as resident_check) and its keys made.
 * 0, or -1 with the reason, translated, in WHY.  Uses src/pinyin.h, so it
 * is not called from two threads at once. */
int resident_prepare(struct resident *r, struct resident_keys *k, char *why, size_t whysz);
/* What an upsert did: created a resident, or updated the one who lived in
 * WAS_HOUSEHOLD (R's household_id now; a different one is a move), who
 * had moved out when WAS_MOVED_OUT. */
struct hh_upsert {
    bool created;
    int64_t was_household; /* 0 when created */
    bool was_moved_out;
};
/* hh_writer_resident for R and K from resident_prepare: the same write,
 * with no normalizing and no ICU.  OUT (may be NULL) says what it did. */
int hh_writer_resident_prepared(hh_writer *w, struct resident *r, const struct resident_keys *k,
                                struct hh_upsert *out);

/* Loading in bulk (the importer, the demo community), inside the caller's
 * transaction; see db/migrations/0003.  From hh_writer_bulk_begin to
 * hh_writer_bulk_end the rows created get no audit row and no name n-grams
 * of their own (updates are audited row by row as always).  The end fills
 * the n-grams of the residents created in one statement and records the
 * load in import_run -- what, which file, the caller's counts, and the ids
 * of the households and residents created -- whose insert is audited: the
 * trail the per-row triggers would have written, in one row.  A load that
 * changed nothing leaves no record.
 *
 * EXPECTED_ROWS is a guess of the rows to come: when they are many
 * (20,000 or more) and at least twice the residents already there, the
 * indexes whose keys come in random order are built again, sorted, at the
 * end instead of row by row.  Loading into an empty resident table, the
 * writer does not look residents up by ID number: the caller gives each
 * number once (the importer refuses a number seen twice in the file; the
 * unique index, built again at the end, would refuse it anyway).
 *
 * Between the two the schema lacks some triggers and indexes: the caller
 * either calls hh_writer_bulk_end and commits, or rolls back (which brings
 * them back); it never commits without the end.  The schema cannot change
 * while a statement of the connection is half-way through its rows: reset
 * or finalize those first.  Both return 0 or -1 with db_errmsg (then roll
 * back). */
/* Loading into a resident table that was empty when the load began (and
 * so holds only what the load wrote), the residents go in much faster with
 * one statement for many (db/feed.h) than with hh_writer_resident_prepared
 * for each: hh_writer_can_feed says whether this load can (not when the
 * table has an INSERT trigger besides those the load drops).  hh_writer_feed
 * runs one such statement: it inserts every resident NEXT gives -- *R made
 * ready by resident_prepare, with its household_id (and its id, or 0 for
 * the next one), and *K its keys, both left as they are until the next
 * call -- until NEXT returns 0 (no more
 * for now; hh_writer_feed may be called again for more), or -1 to stop
 * (the statement fails with the reason NEXT wrote in WHY).  NEXT may write
 * households (hh_writer_household) and look residents up
 * (hh_writer_resident_match), on the same writer.  A resident that
 * hh_writer_resident_match finds is not for the feed: it is an update (a
 * resident without ID number given twice for one household), for
 * hh_writer_resident_prepared between two statements.  0, or -1 with
 * db_errmsg. */
bool hh_writer_can_feed(const hh_writer *w);
int hh_writer_feed(hh_writer *w,
                   int (*next)(void *ctx, struct resident **r, const struct resident_keys **k,
                               char *why, size_t whysz),
                   void *ctx);
/* The rows of resident_gram for R (R->id set: a feed given the ids chosen
 * by the loader) as records whose memcmp order is the table's, each given
 * to ADD (0, or -1 to stop).  The count, or -1.  A loader that makes them
 * beside its writer sorts them and hands them to hh_writer_bulk_end
 * (struct hh_load), which then has none to make at its end. */
#define RESIDENT_GRAM_RECORD_MAX (8 + 1 + 512 + 8)
int resident_gram_records(const struct resident *r, const struct resident_keys *k,
                          int (*add)(void *ctx, const void *rec, size_t n), void *ctx);

/* Loading into a household table that was empty when the load began,
 * households too go in many to a statement: hh_writer_can_feed_households
 * says whether this load can.  hh_writer_households_feed inserts each
 * household NEXT gives (1 with *H, left as it is until the next call; 0 at
 * the end) -- normalized (household_normalize) and checked, H->id the id
 * the loader chose for it -- and skips one whose address is there already
 * (or that the schema refuses): it returns how many it inserted, or -1
 * with db_errmsg.  When that is fewer than it was given,
 * hh_writer_household_find tells what each address holds: the id, 0 for
 * nothing, -1 on error.  NEXT may not use the writer.  It may run inside
 * the NEXT of hh_writer_feed. */
bool hh_writer_can_feed_households(const hh_writer *w);
long hh_writer_households_feed(hh_writer *w, int (*next)(void *ctx, const struct household **h),
                               void *ctx);
int64_t hh_writer_household_find(hh_writer *w, const struct household *h);

/* The resident hh_writer_resident* would update for R (normalized): its id,
 * 0 when it would create one, -1 on error. */
int64_t hh_writer_resident_match(hh_writer *w, const struct resident *r);

struct hh_load {
    const char *what;         /* "residents", "demo" */
    const char *file;         /* where the rows came from */
    long rows, rows_rejected; /* read, and left out */
    long households_created, residents_created, residents_updated, residents_unchanged;
    /* The n-grams of the residents created, when the loader made them
     * itself (resident_gram_records, for every resident the load created
     * and no other, sorted in memcmp order): GRAMS gives the next record
     * (1; 0 at the end; -1 a failure).  NULL: hh_writer_bulk_end makes
     * them from the table. */
    int (*grams)(void *ctx, const void **rec, size_t *n);
    void *grams_ctx;
};
int hh_writer_bulk_begin(hh_writer *w, long expected_rows);
int hh_writer_bulk_end(hh_writer *w, const struct hh_load *load);

#endif
