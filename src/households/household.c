/* household.c — households and residents: normalizing, checking, writing.
 *
 * Every write is one transaction (db_begin / db_commit; a savepoint inside
 * the caller's), every value is bound, and the schema's triggers write the
 * audit trail.  The search columns of a resident (pinyin initials, the
 * pinyin sort key, the reversed ID and phone) are computed here on every
 * save; the name n-grams follow from them by trigger (see
 * db/migrations/0002_households.sql).
 *
 * Statements are prepared through an hh_writer: the one-shot functions use
 * one on the stack for a single call, the importer keeps one open. */
#include "src/households/household.h"

#include "db/feed.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/date.h"
#include "src/i18n.h"
#include "src/numbers.h"
#include "src/pinyin.h"
#include "src/text.h"

enum {
    S_HH_FIND,
    S_HH_INSERT,
    S_HH_INSERT_NEW,
    S_HH_UPDATE,
    S_HH_GET,
    S_RES_GET,
    S_RES_BY_NUMBER,
    S_RES_BY_NAME,
    S_RES_INSERT,
    S_RES_UPDATE,
    S_COUNT
};

/* The search columns of R that need no ICU, in the form they are bound. */
struct search_columns {
    char id_rev[40], phone_rev[40];
};

struct hh_writer {
    db *d;
    bool bulk;    /* opened by hh_writer_open: see tx_begin */
    bool loading; /* between hh_writer_bulk_begin and hh_writer_bulk_end */
    bool all_new; /* loading into an empty resident table: see upsert_resident */
    bool households_new; /* into an empty household table: see ensure_household */
    bool feedable;  /* resident has no INSERT trigger left: see hh_writer_can_feed */
    int64_t since_household, since_resident; /* the highest ids before the load */
    char **restore; /* what makes again the indexes and triggers dropped for it */
    int nrestore;
    int64_t old_cache_size, old_threads; /* the connection's, put back at the end */
    db_stmt *s[S_COUNT];
    db_feed *feed; /* hh_writer_feed's, while loading */
    int (*feed_next)(void *ctx, struct resident **r, const struct resident_keys **k, char *why,
                     size_t whysz);
    void *feed_ctx;
    struct search_columns feed_cols; /* the row the feed gave last */
    db_feed *hh_feed;   /* hh_writer_households_feed's */
    db_stmt *hh_insert;
    int (*hh_next)(void *ctx, const struct household **h);
    void *hh_ctx;
    char hh_phone_rev[40];
};

#define HH_COLS "id, compound, building, unit, room, grid, grid_worker, kind, phone, notes"
#define RES_COLS                                                                 \
    "id, household_id, name, sex, id_kind, id_number, birth_date, phone, "      \
    "relation, floating, hukou_place, flags, returned_from, arrived_on, "        \
    "travel_notes, moved_out_on, moved_to, notes"

/* The columns a new resident is given, in the order of the statements
 * below and of the rows of a feed (feed_values). */
#define RES_INSERT_COLS                                                          \
    "household_id, name, sex, id_kind, id_number, birth_date, phone, relation,"  \
    " floating, hukou_place, flags, returned_from, arrived_on, travel_notes,"    \
    " moved_out_on, moved_to, notes, name_initials, name_key, id_rev, phone_rev"
#define RES_INSERT_NCOLS 21

static const char *const sql[S_COUNT] = {
    /* "x IS :x", not "x = :x": SQLite would put the value of an "=" into
     * length(x) and then miss the index on length(x) (see the migration). */
    [S_HH_FIND] = "SELECT id FROM household WHERE compound = :compound"
                  " AND length(building) = length(:building) AND building IS :building"
                  " AND length(unit) = length(:unit) AND unit IS :unit"
                  " AND length(room) = length(:room) AND room IS :room",
    [S_HH_INSERT] = "INSERT INTO household (compound, building, unit, room, grid,"
                    " grid_worker, kind, phone, phone_rev, notes, created_by, created_at,"
                    " updated_by, updated_at)"
                    " VALUES (:compound, :building, :unit, :room, :grid, :grid_worker,"
                    " :kind, :phone, :phone_rev, :notes, dd_operator(), dd_now(),"
                    " dd_operator(), dd_now())",
    /* The same, for a load into an empty table (see ensure_household). */
    [S_HH_INSERT_NEW] = "INSERT OR IGNORE INTO household (compound, building, unit, room, grid,"
                        " grid_worker, kind, phone, phone_rev, notes, created_by, created_at,"
                        " updated_by, updated_at)"
                        " VALUES (:compound, :building, :unit, :room, :grid, :grid_worker,"
                        " :kind, :phone, :phone_rev, :notes, dd_operator(), dd_now(),"
                        " dd_operator(), dd_now())",
    [S_HH_UPDATE] = "UPDATE household SET compound = :compound, building = :building,"
                    " unit = :unit, room = :room, grid = :grid, grid_worker = :grid_worker,"
                    " kind = :kind, phone = :phone, phone_rev = :phone_rev, notes = :notes,"
                    " updated_by = dd_operator(), updated_at = dd_now() WHERE id = :id",
    [S_HH_GET] = "SELECT " HH_COLS " FROM household WHERE id = :id",
    [S_RES_GET] = "SELECT " RES_COLS " FROM resident WHERE id = :id",
    [S_RES_BY_NUMBER] = "SELECT id FROM resident WHERE id_number = :number"
                        " AND (:kind < 0 OR id_kind = :kind) ORDER BY id_kind, id LIMIT 1",
    [S_RES_BY_NAME] = "SELECT id FROM resident WHERE name = :name AND household_id = :hh"
                      " AND id_number IS NULL ORDER BY gone, id LIMIT 1",
    [S_RES_INSERT] =
        "INSERT INTO resident (" RES_INSERT_COLS ", created_by, created_at, updated_by,"
        " updated_at)"
        " VALUES (:hh, :name, :sex, :id_kind, :id_number, :birth_date, :phone, :relation,"
        " :floating, :hukou_place, :flags, :returned_from, :arrived_on, :travel_notes,"
        " :moved_out_on, :moved_to, :notes, :initials, CAST(:name_key AS BLOB), :id_rev,"
        " :phone_rev, dd_operator(), dd_now(), dd_operator(), dd_now())",
    [S_RES_UPDATE] =
        "UPDATE resident SET household_id = :hh, name = :name, sex = :sex,"
        " id_kind = :id_kind, id_number = :id_number, birth_date = :birth_date,"
        " phone = :phone, relation = :relation, floating = :floating,"
        " hukou_place = :hukou_place, flags = :flags, returned_from = :returned_from,"
        " arrived_on = :arrived_on, travel_notes = :travel_notes,"
        " moved_out_on = :moved_out_on, moved_to = :moved_to, notes = :notes,"
        " name_initials = :initials, name_key = CAST(:name_key AS BLOB), id_rev = :id_rev,"
        " phone_rev = :phone_rev, updated_by = dd_operator(), updated_at = dd_now()"
        " WHERE id = :id",
};

/* ---- statements ------------------------------------------------------- */

static db_stmt *stmt(hh_writer *w, int which)
{
    if (!w->s[which])
        w->s[which] = db_prepare(w->d, sql[which]);
    else
        db_reset(w->s[which]);
    return w->s[which];
}

static void writer_done(hh_writer *w)
{
    for (int i = 0; i < S_COUNT; i++)
        db_finalize(&w->s[i]);
}

hh_writer *hh_writer_open(db *d)
{
    hh_writer *w = calloc(1, sizeof *w);

    if (w) {
        w->d = d;
        w->bulk = true;
    }
    return w;
}

/* Each write is a transaction of its own (a savepoint inside the caller's),
 * except a bulk write inside the caller's transaction: it is a look-up and
 * one INSERT or UPDATE, which SQLite undoes whole when it fails (its
 * triggers included), while a savepoint per row would copy every page the
 * row touches into the sub-journal.  *OWN says whether to end one. */
static int tx_begin(hh_writer *w, bool *own)
{
    *own = !(w->bulk && db_tx_depth(w->d) > 0);
    return *own ? db_begin(w->d) : 0;
}

static int tx_end(hh_writer *w, bool own, int rc)
{
    if (!own)
        return rc;
    if (rc == 0)
        return db_commit(w->d);
    db_rollback(w->d);
    return -1;
}

/* Binds V, or NULL for "": text not known is NULL in the database.  V is
 * not copied (db_bind_text_ref): the writes here bind every parameter of
 * their statement from the record they were given, or from buffers of
 * their own, and step it before they return. */
static int bind_opt(db_stmt *s, const char *name, const char *v)
{
    return db_bind_text_ref(s, name, v && *v ? v : NULL);
}

/* ---- text helpers ----------------------------------------------------- */


/* Full-width ASCII (U+FF01..U+FF5E) to ASCII and U+3000 to a space, in
 * place (the result is never longer). */
static void fold_ascii(char *s)
{
    /* Only U+3000 (E3 80 80) and U+FF01..U+FF5E (EF BC 81..EF BD 9E) fold:
     * text without those lead bytes stays as it is. */
    const char *lead = s;
    while (*lead && (unsigned char)*lead != 0xE3 && (unsigned char)*lead != 0xEF)
        lead++;
    if (!*lead)
        return;
    size_t n = strlen(s), i = (size_t)(lead - s), o = i;

    while (i < n) {
        uint32_t cp;
        size_t k = text_decode(s + i, n - i, &cp);
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            s[o++] = (char)(cp - 0xFEE0);
        else if (cp == 0x3000)
            s[o++] = ' ';
        else {
            memmove(s + o, s + i, k);
            o += k;
        }
        i += k;
    }
    s[o] = '\0';
}

static void ascii_upper(char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
}

/* Drops one of MARKERS from the end of S (after trimming), once. */
static void drop_marker(char *s, const char *const *markers)
{
    size_t n = strlen(text_trim(s)), k;

    for (; *markers; markers++) {
        k = strlen(*markers);
        if (n > k && strcmp(s + n - k, *markers) == 0) {
            s[n - k] = '\0';
            text_trim(s);
            return;
        }
    }
}

/* text_trim trims in place but may return a pointer past leading space:
 * this moves the trimmed text to the start of S. */
static void trim_in_place(char *s)
{
    char *t = text_trim(s);
    if (t != s)
        memmove(s, t, strlen(t) + 1);
}

static void normalize_field(char *s)
{
    fold_ascii(s);
    trim_in_place(s);
}

/* The ASCII string SRC reversed into DST; "" when SRC is empty or not
 * ASCII (then there is nothing to search by suffix). */
static void reverse_ascii(const char *src, char *dst, size_t dstsz)
{
    size_t n = strlen(src);

    dst[0] = '\0';
    if (n >= dstsz)
        return;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)src[i] >= 0x80)
            return;
    for (size_t i = 0; i < n; i++)
        dst[i] = src[n - 1 - i];
    dst[n] = '\0';
}

/* The digits of a normalized phone number without its extension (the part
 * after a second '-'), reversed. */
static void phone_reversed(const char *phone, char *dst, size_t dstsz)
{
    char digits[40];
    size_t n = 0;
    int dashes = 0;

    for (const char *p = phone; *p && n + 1 < sizeof digits; p++) {
        if (*p == '-' && ++dashes == 2)
            break;
        if (*p >= '0' && *p <= '9')
            digits[n++] = *p;
    }
    digits[n] = '\0';
    reverse_ascii(digits, dst, dstsz);
}

static bool iso_date_or_empty(const char *s)
{
    struct date dt;
    return !*s || date_parse_iso(s, &dt);
}

/* ---- households ------------------------------------------------------- */

void household_normalize(struct household *h)
{
    static const char *const building_marks[] = { "号楼", "幢", "栋", "楼", "座", "号", NULL };
    static const char *const unit_marks[] = { "单元", NULL };
    static const char *const room_marks[] = { "室", "号", "房", NULL };
    char norm[32];

    normalize_field(h->compound);
    normalize_field(h->building);
    normalize_field(h->unit);
    normalize_field(h->room);
    drop_marker(h->building, building_marks);
    drop_marker(h->unit, unit_marks);
    drop_marker(h->room, room_marks);
    normalize_field(h->grid);
    normalize_field(h->grid_worker);
    trim_in_place(h->notes);
    if (h->kind < HH_OWNER || h->kind > HH_GROUP_RENTAL)
        h->kind = HH_OWNER;
    if (phone_check(h->phone, norm, sizeof norm) >= PHONE_MOBILE)
        text_copy(h->phone, sizeof h->phone, norm);
    else
        trim_in_place(h->phone);
}

/* household_check of a household already normalized. */
/* The member a refusal is about, for the caller's form. */
#define AT(field, type, member) (*(field) = offsetof(type, member))

static int check_normalized(const struct household *n, size_t *field, char *why, size_t whysz)
{
    char norm[32];

    if (!*n->compound && !*n->building) {
        AT(field, struct household, compound);
        snprintf(why, whysz, "%s", _("Type the compound or the building of the address."));
        return -1;
    }
    if (*n->phone && phone_check(n->phone, norm, sizeof norm) < PHONE_MOBILE) {
        AT(field, struct household, phone);
        snprintf(why, whysz, "%s",
                 _("This phone number is not valid: type a mobile number of 11 digits, "
                   "or a landline number with its area code."));
        return -1;
    }
    return 0;
}

int household_check_at(const struct household *h, size_t *field, char *why, size_t whysz)
{
    struct household n = *h;
    size_t scratch;

    household_normalize(&n);
    return check_normalized(&n, field ? field : &scratch, why, whysz);
}

int household_check(const struct household *h, char *why, size_t whysz)
{
    return household_check_at(h, NULL, why, whysz);
}

static int bind_address(db_stmt *s, const struct household *h)
{
    return db_bind_text_ref(s, ":compound", h->compound)
         | db_bind_text_ref(s, ":building", h->building)
         | db_bind_text_ref(s, ":unit", h->unit) | db_bind_text_ref(s, ":room", h->room);
}

/* The id at H's address (H normalized), 0 for none, -1 on error. */
static int64_t find_household(hh_writer *w, const struct household *h)
{
    db_stmt *s = stmt(w, S_HH_FIND);
    int rc;

    if (!s || bind_address(s, h) != 0)
        return -1;
    rc = db_step(s);
    int64_t id = rc == DB_ROW ? db_col_int(s, 0) : rc == DB_DONE ? 0 : -1;
    db_reset(s); /* not left on a row: it would hold a read open */
    return id;
}

/* Inserts H (WHICH: S_HH_INSERT or S_HH_INSERT_NEW) or updates it
 * (S_HH_UPDATE, by H->id).  *ID: its id; an insert the unique index of
 * addresses ignored (S_HH_INSERT_NEW, db_changes 0) leaves it alone. */
static int write_household(hh_writer *w, const struct household *h, int which, int64_t *id)
{
    char rev[40];
    db_stmt *s = stmt(w, which);

    phone_reversed(h->phone, rev, sizeof rev);
    if (!s || bind_address(s, h) != 0 || bind_opt(s, ":grid", h->grid) != 0
        || bind_opt(s, ":grid_worker", h->grid_worker) != 0
        || db_bind_int(s, ":kind", h->kind) != 0 || bind_opt(s, ":phone", h->phone) != 0
        || bind_opt(s, ":phone_rev", rev) != 0 || bind_opt(s, ":notes", h->notes) != 0)
        return -1;
    if (which == S_HH_UPDATE && db_bind_int(s, ":id", h->id) != 0)
        return -1;
    if (db_step(s) != DB_DONE)
        return -1;
    if (which == S_HH_UPDATE) {
        if (db_changes(w->d) != 1)
            return -1;
        *id = h->id;
    } else if (db_changes(w->d) == 1) {
        *id = db_last_rowid(w->d);
    }
    return 0;
}

/* The household at IN's address, created when there is none (*CREATED
 * says which; may be NULL).  Loading into an empty table, an address is
 * usually new: the insert is tried first and the look-up made only when
 * the unique index of addresses ignored it. */
static int ensure_household(hh_writer *w, const struct household *in, int64_t *id, bool *created)
{
    struct household h = *in;
    char why[256];
    int64_t found = 0;
    bool own, fresh = false;
    int rc = 0;

    if (created)
        *created = false;
    household_normalize(&h);
    if (check_normalized(&h, &(size_t){ 0 }, why, sizeof why) != 0)
        return -1;
    if (tx_begin(w, &own) != 0)
        return -1;
    h.id = 0;
    if (w->loading && w->households_new) {
        if (write_household(w, &h, S_HH_INSERT_NEW, id) != 0)
            rc = -1;
        else if (db_changes(w->d) == 1)
            fresh = true;
        else
            found = find_household(w, &h);
    } else {
        found = find_household(w, &h);
        if (found == 0) {
            if (write_household(w, &h, S_HH_INSERT, id) != 0)
                rc = -1;
            else
                fresh = true;
        }
    }
    if (found > 0)
        *id = found;
    else if (found < 0 || (found == 0 && !fresh))
        rc = -1;
    if (rc == 0 && created)
        *created = fresh;
    return tx_end(w, own, rc);
}

int hh_writer_household(hh_writer *w, const struct household *h, int64_t *id, bool *created)
{
    return ensure_household(w, h, id, created);
}

int household_ensure(db *d, const struct household *h, int64_t *id)
{
    hh_writer w = { .d = d };
    int rc = ensure_household(&w, h, id, NULL);

    writer_done(&w);
    return rc;
}

int64_t household_find(db *d, const struct household *in)
{
    hh_writer w = { .d = d };
    struct household h = *in;
    int64_t id;

    household_normalize(&h);
    id = find_household(&w, &h);
    writer_done(&w);
    return id;
}

static void read_household(db_stmt *s, struct household *h)
{
    memset(h, 0, sizeof *h);
    h->id = db_col_int(s, 0);
    text_copy(h->compound, sizeof h->compound, db_col_text(s, 1));
    text_copy(h->building, sizeof h->building, db_col_text(s, 2));
    text_copy(h->unit, sizeof h->unit, db_col_text(s, 3));
    text_copy(h->room, sizeof h->room, db_col_text(s, 4));
    text_copy(h->grid, sizeof h->grid, db_col_text(s, 5));
    text_copy(h->grid_worker, sizeof h->grid_worker, db_col_text(s, 6));
    h->kind = (int)db_col_int(s, 7);
    text_copy(h->phone, sizeof h->phone, db_col_text(s, 8));
    text_copy(h->notes, sizeof h->notes, db_col_text(s, 9));
}

static int get_household(hh_writer *w, int64_t id, struct household *h)
{
    db_stmt *s = stmt(w, S_HH_GET);
    int rc;

    if (!s || db_bind_int(s, ":id", id) != 0)
        return -1;
    rc = db_step(s);
    if (rc == DB_ROW) {
        read_household(s, h);
        return 0;
    }
    return rc == DB_DONE ? 1 : -1;
}

int household_get(db *d, int64_t id, struct household *h)
{
    hh_writer w = { .d = d };
    int rc = get_household(&w, id, h);

    writer_done(&w);
    return rc;
}

static bool household_equal(const struct household *a, const struct household *b)
{
    return strcmp(a->compound, b->compound) == 0 && strcmp(a->building, b->building) == 0
        && strcmp(a->unit, b->unit) == 0 && strcmp(a->room, b->room) == 0
        && strcmp(a->grid, b->grid) == 0 && strcmp(a->grid_worker, b->grid_worker) == 0
        && a->kind == b->kind && strcmp(a->phone, b->phone) == 0
        && strcmp(a->notes, b->notes) == 0;
}

static int save_household(hh_writer *w, struct household *h)
{
    struct household old;
    int64_t id;

    if (h->id) {
        int rc = get_household(w, h->id, &old);
        if (rc != 0)
            return -1;
        if (household_equal(&old, h))
            return 0; /* nothing changed: no write, no audit row */
    }
    if (write_household(w, h, h->id ? S_HH_UPDATE : S_HH_INSERT, &id) != 0)
        return -1;
    h->id = id;
    return 0;
}

int household_save(db *d, struct household *h)
{
    hh_writer w = { .d = d };
    char why[256];
    int rc = -1;

    household_normalize(h);
    if (check_normalized(h, &(size_t){ 0 }, why, sizeof why) != 0)
        return -1;
    if (db_begin(d) == 0) {
        rc = save_household(&w, h);
        rc = rc == 0 ? db_commit(d) : (db_rollback(d), -1);
    }
    writer_done(&w);
    return rc;
}

void household_address(const struct household *h, char *buf, size_t bufsz)
{
    char whole[sizeof h->compound + sizeof h->building + sizeof h->unit + sizeof h->room + 16];

    if (!buf || bufsz == 0)
        return;
    snprintf(whole, sizeof whole, "%s%s%s%s%s%s%s", h->compound, h->building,
             *h->building ? "幢" : "", h->unit, *h->unit ? "单元" : "", h->room,
             *h->room ? "室" : "");
    text_copy(buf, bufsz, whole); /* never ends in half a character */
}

/* ---- residents: normalizing and checking ------------------------------ */

static const char *const dot_lookalikes[] = {
    ".", "\xE2\x80\xA2" /* • */, "\xE2\x80\xA7" /* ‧ */, "\xE3\x83\xBB" /* ・ */,
    "\xEF\xBD\xA5" /* ･ */, "\xEF\xBC\x8E" /* ． */, "\xE2\x88\x99" /* ∙ */,
    "\xE2\x8B\x85" /* ⋅ */, NULL,
};
#define MIDDLE_DOT "\xC2\xB7"

/* Can a look-alike of the middle dot start with byte C? */
static bool dot_lead(unsigned char c)
{
    return c == '.' || c == 0xE2 || c == 0xE3 || c == 0xEF;
}

void resident_name_normalize(char *name, size_t namesz)
{
    char out[256];
    size_t o = 0, i = 0, n;

    trim_in_place(name);
    const char *p = name;
    while (*p && !dot_lead((unsigned char)*p))
        p++;
    if (!*p)
        return; /* no dot of any kind: the name as it is */
    n = strlen(name);
    while (i < n && o + 4 < sizeof out) {
        const char *const *d;
        for (d = dot_lookalikes; *d; d++)
            if (strncmp(name + i, *d, strlen(*d)) == 0)
                break;
        if (*d) {
            memcpy(out + o, MIDDLE_DOT, 2);
            o += 2;
            i += strlen(*d);
        } else {
            out[o++] = name[i++];
        }
    }
    out[o] = '\0';
    text_copy(name, namesz, out);
}

void document_number_normalize(char *number)
{
    normalize_field(number);
    ascii_upper(number);
}

static int today_ymd(void)
{
    return date_ymd(clock_today());
}

/* Normalizes R in place; 0, or -1 with the reason in WHY and the member it
 * is about in *FIELD. */
static int normalize_resident_at(struct resident *r, size_t *field, char *why, size_t whysz)
{
    char norm[32];

    resident_name_normalize(r->name, sizeof r->name);
    if (!*r->name) {
        AT(field, struct resident, name);
        snprintf(why, whysz, "%s", _("Type the resident's name."));
        return -1;
    }
    normalize_field(r->id_number);
    if (*r->id_number) {
        struct id_info info;
        enum id_status st = id_check(r->id_number, today_ymd(), &info);

        if (r->id_kind == IDK_NONE)
            r->id_kind = IDK_RESIDENT;
        if (r->id_kind == IDK_RESIDENT) {
            if (st != ID_OK && st != ID_OK_LEGACY) {
                AT(field, struct resident, id_number);
                id_explain(st, &info, why, whysz);
                return -1;
            }
            text_copy(r->id_number, sizeof r->id_number, info.normalized);
            if (!*r->birth_date)
                date_format((struct date){ info.birth_year, info.birth_month, info.birth_day },
                            r->birth_date, sizeof r->birth_date);
            if (!*r->sex) {
                r->sex[0] = info.sex;
                r->sex[1] = '\0';
            }
        } else {
            document_number_normalize(r->id_number);
        }
    }
    if (r->id_kind < IDK_NONE || r->id_kind > IDK_OTHER)
        r->id_kind = IDK_OTHER;
    if (!*r->id_number && r->id_kind != IDK_NONE)
        r->id_kind = IDK_NONE;
    normalize_field(r->sex);
    if (r->sex[0] == 'm')
        r->sex[0] = 'M';
    if (r->sex[0] == 'f')
        r->sex[0] = 'F';
    if (*r->sex && strcmp(r->sex, "M") != 0 && strcmp(r->sex, "F") != 0) {
        AT(field, struct resident, sex);
        snprintf(why, whysz, "%s", _("Sex must be M or F, or left empty."));
        return -1;
    }
    normalize_field(r->phone);
    if (*r->phone) {
        if (phone_check(r->phone, norm, sizeof norm) < PHONE_MOBILE) {
            AT(field, struct resident, phone);
            snprintf(why, whysz, "%s",
                     _("This phone number is not valid: type a mobile number of 11 digits, "
                       "or a landline number with its area code."));
            return -1;
        }
        text_copy(r->phone, sizeof r->phone, norm);
    }
    normalize_field(r->birth_date);
    normalize_field(r->arrived_on);
    normalize_field(r->moved_out_on);
    if (!iso_date_or_empty(r->birth_date) || !iso_date_or_empty(r->arrived_on)
        || !iso_date_or_empty(r->moved_out_on)) {
        if (!iso_date_or_empty(r->birth_date))
            AT(field, struct resident, birth_date);
        else if (!iso_date_or_empty(r->arrived_on))
            AT(field, struct resident, arrived_on);
        else
            AT(field, struct resident, moved_out_on);
        snprintf(why, whysz, "%s", _("Type dates as YYYY-MM-DD, for example 2026-11-23."));
        return -1;
    }
    trim_in_place(r->relation);
    trim_in_place(r->hukou_place);
    trim_in_place(r->returned_from);
    trim_in_place(r->moved_to);
    return 0;
}

static int normalize_resident(struct resident *r, char *why, size_t whysz)
{
    size_t field;

    return normalize_resident_at(r, &field, why, whysz);
}

int resident_check_at(const struct resident *r, size_t *field, char *why, size_t whysz)
{
    struct resident n = *r;
    char scratch[8];
    size_t f;

    if (!why || whysz == 0) {
        why = scratch;
        whysz = sizeof scratch;
    }
    return normalize_resident_at(&n, field ? field : &f, why, whysz);
}

int resident_check(const struct resident *r, char *why, size_t whysz)
{
    return resident_check_at(r, NULL, why, whysz);
}

/* ---- residents: reading ----------------------------------------------- */

static void read_resident(db_stmt *s, struct resident *r)
{
    memset(r, 0, sizeof *r);
    r->id = db_col_int(s, 0);
    r->household_id = db_col_int(s, 1);
    text_copy(r->name, sizeof r->name, db_col_text(s, 2));
    text_copy(r->sex, sizeof r->sex, db_col_text(s, 3));
    r->id_kind = (int)db_col_int(s, 4);
    text_copy(r->id_number, sizeof r->id_number, db_col_text(s, 5));
    text_copy(r->birth_date, sizeof r->birth_date, db_col_text(s, 6));
    text_copy(r->phone, sizeof r->phone, db_col_text(s, 7));
    text_copy(r->relation, sizeof r->relation, db_col_text(s, 8));
    r->floating = db_col_int(s, 9) != 0;
    text_copy(r->hukou_place, sizeof r->hukou_place, db_col_text(s, 10));
    r->flags = (unsigned)db_col_int(s, 11);
    text_copy(r->returned_from, sizeof r->returned_from, db_col_text(s, 12));
    text_copy(r->arrived_on, sizeof r->arrived_on, db_col_text(s, 13));
    text_copy(r->travel_notes, sizeof r->travel_notes, db_col_text(s, 14));
    text_copy(r->moved_out_on, sizeof r->moved_out_on, db_col_text(s, 15));
    text_copy(r->moved_to, sizeof r->moved_to, db_col_text(s, 16));
    text_copy(r->notes, sizeof r->notes, db_col_text(s, 17));
}

static int get_resident(hh_writer *w, int64_t id, struct resident *r)
{
    db_stmt *s = stmt(w, S_RES_GET);
    int rc;

    if (!s || db_bind_int(s, ":id", id) != 0)
        return -1;
    rc = db_step(s);
    if (rc == DB_ROW) {
        read_resident(s, r);
        return 0;
    }
    return rc == DB_DONE ? 1 : -1;
}

int resident_get(db *d, int64_t id, struct resident *r)
{
    hh_writer w = { .d = d };
    int rc = get_resident(&w, id, r);

    writer_done(&w);
    return rc;
}

/* The resident holding NUMBER of KIND (-1: of any kind): id, 0, -1. */
static int64_t find_by_number(hh_writer *w, const char *number, int kind)
{
    db_stmt *s = stmt(w, S_RES_BY_NUMBER);
    int rc;

    if (!s || db_bind_text(s, ":number", number) != 0 || db_bind_int(s, ":kind", kind) != 0)
        return -1;
    rc = db_step(s);
    if (rc == DB_ROW)
        return db_col_int(s, 0);
    return rc == DB_DONE ? 0 : -1;
}

int64_t resident_find_by_id_number(db *d, const char *id_number)
{
    hh_writer w = { .d = d };
    struct id_info info;
    char number[40];
    int64_t id;
    enum id_status st = id_check(id_number ? id_number : "", 0, &info);

    if (st == ID_OK || st == ID_OK_LEGACY) {
        text_copy(number, sizeof number, info.normalized);
    } else {
        text_copy(number, sizeof number, id_number ? id_number : "");
        normalize_field(number);
        ascii_upper(number);
    }
    if (!*number)
        return 0;
    id = find_by_number(&w, number, -1);
    writer_done(&w);
    return id < 0 ? 0 : id;
}

/* ---- residents: writing ----------------------------------------------- */

static bool resident_equal(const struct resident *a, const struct resident *b)
{
    return a->household_id == b->household_id && strcmp(a->name, b->name) == 0
        && strcmp(a->sex, b->sex) == 0 && a->id_kind == b->id_kind
        && strcmp(a->id_number, b->id_number) == 0 && strcmp(a->birth_date, b->birth_date) == 0
        && strcmp(a->phone, b->phone) == 0 && strcmp(a->relation, b->relation) == 0
        && a->floating == b->floating && strcmp(a->hukou_place, b->hukou_place) == 0
        && a->flags == b->flags && strcmp(a->returned_from, b->returned_from) == 0
        && strcmp(a->arrived_on, b->arrived_on) == 0
        && strcmp(a->travel_notes, b->travel_notes) == 0
        && strcmp(a->moved_out_on, b->moved_out_on) == 0
        && strcmp(a->moved_to, b->moved_to) == 0 && strcmp(a->notes, b->notes) == 0;
}

int resident_keys_make(const struct resident *r, struct resident_keys *k)
{
    size_t n = pinyin_sort_key(r->name, k->name_key, sizeof k->name_key);

    if (n == 0 || n >= sizeof k->name_key)
        return -1;
    pinyin_initials(r->name, k->initials, sizeof k->initials);
    return 0;
}

int resident_prepare(struct resident *r, struct resident_keys *k, char *why, size_t whysz)
{
    char scratch[8];

    if (!why || whysz == 0) {
        why = scratch;
        whysz = sizeof scratch;
    }
    if (normalize_resident(r, why, whysz) != 0)
        return -1;
    if (resident_keys_make(r, k) != 0) {
        snprintf(why, whysz, "%s", _("The name cannot be put in pinyin order: type it again."));
        return -1;
    }
    return 0;
}

/* Binds R's search columns, from K (C holds the others; both stay as they
 * are until the statement has run: see bind_opt). */
static int bind_search_columns(db_stmt *s, const struct resident *r,
                               const struct resident_keys *k, struct search_columns *c)
{
    reverse_ascii(r->id_number, c->id_rev, sizeof c->id_rev);
    phone_reversed(r->phone, c->phone_rev, sizeof c->phone_rev);
    /* The wrapper binds no blobs.  A sort key holds no zero byte, so it
     * passes through a text binding unchanged and the statement's
     * CAST(:name_key AS BLOB) stores the very bytes. */
    return db_bind_text_ref(s, ":initials", k->initials)
         | db_bind_text_ref(s, ":name_key", (const char *)k->name_key)
         | bind_opt(s, ":id_rev", c->id_rev) | bind_opt(s, ":phone_rev", c->phone_rev);
}

/* K: R's keys, or NULL to make them here. */
static int write_resident(hh_writer *w, struct resident *r, const struct resident_keys *k)
{
    db_stmt *s = stmt(w, r->id ? S_RES_UPDATE : S_RES_INSERT);
    struct resident_keys own;
    struct search_columns cols;

    if (!k) {
        if (resident_keys_make(r, &own) != 0)
            return -1;
        k = &own;
    }
    if (!s || db_bind_int(s, ":hh", r->household_id) != 0
        || db_bind_text_ref(s, ":name", r->name) != 0
        || bind_opt(s, ":sex", r->sex) != 0 || db_bind_int(s, ":id_kind", r->id_kind) != 0
        || bind_opt(s, ":id_number", r->id_number) != 0
        || bind_opt(s, ":birth_date", r->birth_date) != 0 || bind_opt(s, ":phone", r->phone) != 0
        || bind_opt(s, ":relation", r->relation) != 0
        || db_bind_int(s, ":floating", r->floating) != 0
        || bind_opt(s, ":hukou_place", r->hukou_place) != 0
        || db_bind_int(s, ":flags", r->flags) != 0
        || bind_opt(s, ":returned_from", r->returned_from) != 0
        || bind_opt(s, ":arrived_on", r->arrived_on) != 0
        || bind_opt(s, ":travel_notes", r->travel_notes) != 0
        || bind_opt(s, ":moved_out_on", r->moved_out_on) != 0
        || bind_opt(s, ":moved_to", r->moved_to) != 0 || bind_opt(s, ":notes", r->notes) != 0
        || bind_search_columns(s, r, k, &cols) != 0)
        return -1;
    if (r->id && db_bind_int(s, ":id", r->id) != 0)
        return -1;
    if (db_step(s) != DB_DONE)
        return -1;
    if (r->id)
        return db_changes(w->d) == 1 ? 0 : -1;
    r->id = db_last_rowid(w->d);
    return 0;
}

/* Writes R (normalized; K its keys or NULL) unless the stored record is
 * the same. */
static int store_resident(hh_writer *w, struct resident *r, const struct resident_keys *k)
{
    struct resident old;

    if (r->id) {
        if (get_resident(w, r->id, &old) != 0)
            return -1;
        if (resident_equal(&old, r))
            return 0;
    }
    return write_resident(w, r, k);
}

int resident_save(db *d, struct resident *r, int64_t *existing)
{
    hh_writer w = { .d = d };
    char why[256];
    int64_t other = 0;
    int rc = -1;

    if (existing)
        *existing = 0;
    if (normalize_resident(r, why, sizeof why) != 0)
        return -1;
    if (db_begin(d) != 0)
        return -1;
    if (*r->id_number)
        other = find_by_number(&w, r->id_number, r->id_kind);
    if (other > 0 && other != r->id) {
        if (existing)
            *existing = other;
    } else if (other >= 0) {
        rc = store_resident(&w, r, NULL);
    }
    rc = rc == 0 ? db_commit(d) : (db_rollback(d), -1);
    writer_done(&w);
    return rc;
}

/* FIELD of R, or of OLD when R leaves it empty. */
#define KEEP_TEXT(r, old, field)                                \
    do {                                                        \
        if (!*(r)->field)                                       \
            text_copy((r)->field, sizeof (r)->field, (old)->field); \
    } while (0)

/* R over the stored record OLD: what R leaves empty, OLD keeps. */
static void merge_resident(struct resident *r, const struct resident *old)
{
    KEEP_TEXT(r, old, sex);
    KEEP_TEXT(r, old, birth_date);
    KEEP_TEXT(r, old, phone);
    KEEP_TEXT(r, old, relation);
    KEEP_TEXT(r, old, hukou_place);
    KEEP_TEXT(r, old, returned_from);
    KEEP_TEXT(r, old, arrived_on);
    KEEP_TEXT(r, old, travel_notes);
    KEEP_TEXT(r, old, moved_out_on);
    KEEP_TEXT(r, old, moved_to);
    KEEP_TEXT(r, old, notes);
    if (!r->flags)
        r->flags = old->flags;
    if (!r->floating)
        r->floating = old->floating;
    if (!r->household_id)
        r->household_id = old->household_id;
    r->id = old->id;
}

/* The resident an upsert of R (normalized) updates: its id, 0 when R is
 * new, -1 on error.  By ID number; without one, by household and name. */
static int64_t match_resident(hh_writer *w, const struct resident *r)
{
    if (*r->id_number)
        /* Loading into an empty table, a number can only be one given
         * earlier in the same load, which the loader has promised not to
         * do (and the unique index would refuse). */
        return w->all_new ? 0 : find_by_number(w, r->id_number, r->id_kind);
    db_stmt *s = stmt(w, S_RES_BY_NAME);
    if (!s || db_bind_text(s, ":name", r->name) != 0
        || db_bind_int(s, ":hh", r->household_id) != 0)
        return -1;
    int st = db_step(s);
    return st == DB_ROW ? db_col_int(s, 0) : st == DB_DONE ? 0 : -1;
}

int64_t hh_writer_resident_match(hh_writer *w, const struct resident *r)
{
    return match_resident(w, r);
}

/* K: R made ready by resident_prepare and its keys; NULL: R as given,
 * normalized here.  OUT (may be NULL) says what the write was. */
static int upsert_resident(hh_writer *w, struct resident *r, const struct resident_keys *k,
                           struct hh_upsert *out)
{
    char why[256];
    struct resident old;
    struct hh_upsert scratch;
    int64_t id;
    int rc = -1;
    bool own;

    if (!out)
        out = &scratch;
    memset(out, 0, sizeof *out);
    if (!k && normalize_resident(r, why, sizeof why) != 0)
        return -1;
    if (tx_begin(w, &own) != 0)
        return -1;
    id = match_resident(w, r);
    if (id > 0 && get_resident(w, id, &old) == 0) {
        merge_resident(r, &old);
        out->was_household = old.household_id;
        out->was_moved_out = *old.moved_out_on != '\0';
        rc = store_resident(w, r, k);
    } else if (id == 0) {
        r->id = 0;
        rc = write_resident(w, r, k);
        out->created = rc == 0;
    }
    return tx_end(w, own, rc);
}

int hh_writer_resident(hh_writer *w, struct resident *r, bool *created)
{
    struct hh_upsert u;
    int rc = upsert_resident(w, r, NULL, &u);

    if (created)
        *created = u.created;
    return rc;
}

int hh_writer_resident_prepared(hh_writer *w, struct resident *r, const struct resident_keys *k,
                                struct hh_upsert *out)
{
    return upsert_resident(w, r, k, out);
}

int resident_upsert_by_id(db *d, struct resident *r, bool *created)
{
    hh_writer w = { .d = d };
    struct hh_upsert u;
    int rc = upsert_resident(&w, r, NULL, &u);

    if (created)
        *created = u.created;
    writer_done(&w);
    return rc;
}

int household_heads(db *d, int64_t household_id, int *living, int *heads)
{
    db_stmt *s = db_prepare(d, "SELECT count(*), coalesce(sum(relation IN ('户主', '本人')), 0)"
                               "  FROM resident WHERE household_id = :hh AND gone = 0");
    int rc = -1;

    *living = *heads = 0;
    if (s && db_bind_int(s, ":hh", household_id) == 0 && db_step(s) == DB_ROW) {
        *living = (int)db_col_int(s, 0);
        *heads = (int)db_col_int(s, 1);
        rc = 0;
    }
    db_finalize(&s);
    return rc;
}

void resident_birth_shown(char *dst, size_t dstsz, const struct resident *r, bool masked)
{
    /* The 8 characters a masked ID number hides are the birth date: with
     * the full date beside it, the number is whole again. */
    if (masked && *r->id_number && (r->id_kind == IDK_RESIDENT || r->id_kind == IDK_NONE)
        && strlen(r->birth_date) >= 4)
        snprintf(dst, dstsz, "%.4s", r->birth_date);
    else
        text_copy(dst, dstsz, r->birth_date);
}

int resident_move(db *d, int64_t resident_id, int64_t to_household)
{
    hh_writer w = { .d = d };
    struct resident r;
    int rc = -1;

    if (db_begin(d) != 0)
        return -1;
    if (get_resident(&w, resident_id, &r) == 0) {
        r.household_id = to_household;
        rc = store_resident(&w, &r, NULL);
    }
    rc = rc == 0 ? db_commit(d) : (db_rollback(d), -1);
    writer_done(&w);
    return rc;
}

int resident_move_out(db *d, int64_t resident_id, const char *date, const char *where)
{
    hh_writer w = { .d = d };
    struct resident r;
    struct date dt;
    char day[11];
    int rc = -1;

    if (date && *date) {
        if (!date_parse_iso(date, &dt))
            return -1;
    } else {
        dt = clock_today();
    }
    date_format(dt, day, sizeof day);
    if (db_begin(d) != 0)
        return -1;
    if (get_resident(&w, resident_id, &r) == 0) {
        text_copy(r.moved_out_on, sizeof r.moved_out_on, day);
        text_copy(r.moved_to, sizeof r.moved_to, where ? where : "");
        trim_in_place(r.moved_to);
        rc = store_resident(&w, &r, NULL);
    }
    rc = rc == 0 ? db_commit(d) : (db_rollback(d), -1);
    writer_done(&w);
    return rc;
}

int household_members(db *d, int64_t household_id,
                      void (*fn)(const struct resident *r, void *ctx), void *ctx)
{
    db_stmt *s = db_prepare(d, "SELECT " RES_COLS " FROM resident WHERE household_id = :hh"
                               " ORDER BY gone, coalesce(relation IN ('户主', '本人'), 0) DESC,"
                               " name_key, id");
    struct resident r;
    int count = 0, rc;

    if (!s || db_bind_int(s, ":hh", household_id) != 0) {
        db_finalize(&s);
        return -1;
    }
    while ((rc = db_step(s)) == DB_ROW) {
        read_resident(s, &r);
        if (fn)
            fn(&r, ctx);
        count++;
    }
    db_finalize(&s);
    return rc == DB_DONE ? count : -1;
}

/* ---- bulk loading --------------------------------------------------------
 *
 * A bulk load drops, inside the caller's transaction, two kinds of schema
 * objects and creates them again at its end from their own text (read from
 * sqlite_schema, so the migrations stay their one definition; no other
 * connection sees the schema without them, and a rollback restores them):
 *
 *   - the insert triggers whose work it does itself (db/migrations/0003):
 *     an audit row and the name's n-grams per row.  Besides their own
 *     work, a statement that fires triggers keeps a statement journal (a
 *     copy of every page it changes, so it can be undone alone), which
 *     spills to a temporary file in a big transaction: without them an
 *     insert is one row and its index entries.
 *   - when the load will write many rows, more than the table holds, the
 *     indexes whose keys arrive in random order (a name's sort key, pinyin
 *     initials, a reversed ID or phone number, and the ID number when the
 *     writer does not read it): at a million residents they no longer fit
 *     the page cache, so every insert would read and write a page of each;
 *     built at the end from sorted keys they cost a fraction of that.  So
 *     too the indexes of households by building and by room without the
 *     compound: each compound's 1幢, 2幢 ... fall between those of every
 *     compound before it, so its rows split pages all over them.  The
 *     other indexes take their keys in about the order rows come (a survey
 *     goes building by building) and stay. */

#define REBUILD_MIN_ROWS 20000
/* The page cache while rows are written: the pages where rows and the kept
 * index entries go (at a million rows a bigger cache is no faster: the
 * pages written go on to the WAL file, which the system keeps in memory
 * anyway).  The sorts at the end are faster with less (a sort works
 * through its memory in pieces of this size, and small pieces stay in the
 * processor's cache), and use the processors there are, up to two: each
 * thread holds memory of its own (its pieces, and its own heap of the C
 * library), and past two the sorts gain little. */
#define LOAD_CACHE_KIB (4 * 1024)
#define SORT_CACHE_KIB 1024
#define SORT_THREADS_MAX 2

static const char *const quiet_triggers[] = {
    "resident_gram_insert", "resident_audit_insert", "household_audit_insert", NULL,
};
static const char *const random_order_indexes[] = {
    "resident_by_key", "resident_by_initials", "resident_by_id_rev", "resident_by_phone_rev",
    "household_by_building", "household_by_room", NULL,
};

static void forget_restore(hh_writer *w)
{
    for (int i = 0; i < w->nrestore; i++)
        free(w->restore[i]);
    free(w->restore);
    w->restore = NULL;
    w->nrestore = 0;
}

/* Drops the index or trigger NAME (TYPE says which), keeping the statement
 * that made it in w->restore.  One the schema lacks is left alone.  0, -1. */
static int drop_object(hh_writer *w, const char *type, const char *name)
{
    db_stmt *s = db_prepare(w->d, "SELECT sql FROM sqlite_schema WHERE type = :type"
                                  " AND name = :name AND sql IS NOT NULL");
    char drop[128], **grown;
    int rc = -1, st;

    if (!s || db_bind_text(s, ":type", type) != 0 || db_bind_text(s, ":name", name) != 0)
        goto done;
    st = db_step(s);
    if (st != DB_ROW) {
        rc = st == DB_DONE ? 0 : -1;
        goto done;
    }
    grown = realloc(w->restore, sizeof *w->restore * (size_t)(w->nrestore + 1));
    if (!grown)
        goto done;
    w->restore = grown;
    if (!(w->restore[w->nrestore] = strdup(db_col_text(s, 0))))
        goto done;
    w->nrestore++;
    db_finalize(&s); /* a statement still reading would lock the schema */
    /* Names cannot be bound; these are our own, from the tables above. */
    snprintf(drop, sizeof drop, "DROP %s %s", strcmp(type, "index") == 0 ? "INDEX" : "TRIGGER",
             name);
    rc = db_exec(w->d, drop);
done:
    db_finalize(&s);
    return rc;
}

/* Resets the writer's statements: one left on a row keeps a read open,
 * and the schema cannot change under it. */
static void writer_idle(hh_writer *w)
{
    for (int i = 0; i < S_COUNT; i++)
        if (w->s[i])
            db_reset(w->s[i]);
}

/* PRAGMA NAME = VALUE.  A PRAGMA takes no bound value; these are numbers. */
static void set_pragma(hh_writer *w, const char *name, int64_t value)
{
    char pragma[64];

    snprintf(pragma, sizeof pragma, "PRAGMA %s = %lld", name, (long long)value);
    db_exec(w->d, pragma);
}

/* ---- a load into an empty table: one statement for the residents ---- */

static struct db_value opt_text(const char *v)
{
    return v && *v ? (struct db_value){ .type = DB_TEXT, .p = v } : (struct db_value){ DB_NULL };
}

/* R and K as the row of the feed, in the order of RES_INSERT_COLS (the
 * columns that need it in C's buffers). */
static void feed_values(const struct resident *r, const struct resident_keys *k,
                        struct search_columns *c, struct db_value *v)
{
    reverse_ascii(r->id_number, c->id_rev, sizeof c->id_rev);
    phone_reversed(r->phone, c->phone_rev, sizeof c->phone_rev);
    v[0] = (struct db_value){ .type = DB_INT, .i = r->household_id };
    v[1] = (struct db_value){ .type = DB_TEXT, .p = r->name };
    v[2] = opt_text(r->sex);
    v[3] = (struct db_value){ .type = DB_INT, .i = r->id_kind };
    v[4] = opt_text(r->id_number);
    v[5] = opt_text(r->birth_date);
    v[6] = opt_text(r->phone);
    v[7] = opt_text(r->relation);
    v[8] = (struct db_value){ .type = DB_INT, .i = r->floating };
    v[9] = opt_text(r->hukou_place);
    v[10] = (struct db_value){ .type = DB_INT, .i = r->flags };
    v[11] = opt_text(r->returned_from);
    v[12] = opt_text(r->arrived_on);
    v[13] = opt_text(r->travel_notes);
    v[14] = opt_text(r->moved_out_on);
    v[15] = opt_text(r->moved_to);
    v[16] = opt_text(r->notes);
    v[17] = (struct db_value){ .type = DB_TEXT, .p = k->initials };
    v[18] = (struct db_value){ .type = DB_BLOB, .p = k->name_key,
                               .n = strlen((const char *)k->name_key) };
    v[19] = opt_text(c->id_rev);
    v[20] = opt_text(c->phone_rev);
    /* and the id, when the loader chose it (NULL: the next one) */
    v[21] = r->id > 0 ? (struct db_value){ .type = DB_INT, .i = r->id }
                      : (struct db_value){ DB_NULL };
}

static int feed_row(void *ctx, struct db_value *v, char *why, size_t whysz)
{
    hh_writer *w = ctx;
    struct resident *r;
    const struct resident_keys *k;
    int rc = w->feed_next(w->feed_ctx, &r, &k, why, whysz);

    if (rc > 0)
        feed_values(r, k, &w->feed_cols, v);
    return rc;
}

bool hh_writer_can_feed(const hh_writer *w)
{
    return w && w->loading && w->all_new && w->feedable;
}

/* Does TABLE have an INSERT trigger (of the schema or a temporary one)?
 * SQLite then runs INSERT ... SELECT through a temporary table: the rows
 * of a feed would all be read before the first is written, and the feed
 * could no longer look up what it wrote (hh_writer_resident_match). */
static bool has_insert_trigger(hh_writer *w, const char *table)
{
    db_stmt *s = db_prepare(w->d,
        "WITH t(tbl, sql) AS (SELECT tbl_name, sql FROM sqlite_schema WHERE type = 'trigger'"
        " UNION ALL SELECT tbl_name, sql FROM sqlite_temp_schema WHERE type = 'trigger'),"
        " h(tbl, head) AS (SELECT tbl, ' ' || upper(replace(replace(replace(sql, char(10), ' '),"
        " char(13), ' '), char(9), ' ')) FROM t)"
        " SELECT count(*) FROM h WHERE tbl = :table"
        " AND instr(substr(head, 1, instr(head, ' ON ')), ' INSERT ') > 0");
    int64_t n = -1;

    if (s && db_bind_text(s, ":table", table) == 0 && db_step(s) == DB_ROW)
        n = db_col_int(s, 0);
    db_finalize(&s);
    return n != 0; /* an error: as if there were one */
}

bool hh_writer_can_feed_households(const hh_writer *w)
{
    return w && w->loading && w->households_new;
}

/* A household as the row of a feed: the columns of S_HH_INSERT, then the
 * id (C holds the reversed phone). */
static void household_values(const struct household *h, char *phone_rev, size_t revsz,
                             struct db_value *v)
{
    phone_reversed(h->phone, phone_rev, revsz);
    v[0] = (struct db_value){ .type = DB_TEXT, .p = h->compound };
    v[1] = (struct db_value){ .type = DB_TEXT, .p = h->building };
    v[2] = (struct db_value){ .type = DB_TEXT, .p = h->unit };
    v[3] = (struct db_value){ .type = DB_TEXT, .p = h->room };
    v[4] = opt_text(h->grid);
    v[5] = opt_text(h->grid_worker);
    v[6] = (struct db_value){ .type = DB_INT, .i = h->kind };
    v[7] = opt_text(h->phone);
    v[8] = opt_text(phone_rev);
    v[9] = opt_text(h->notes);
    v[10] = (struct db_value){ .type = DB_INT, .i = h->id };
}

static int household_row(void *ctx, struct db_value *v, char *why, size_t whysz)
{
    hh_writer *w = ctx;
    const struct household *h;
    int rc = w->hh_next(w->hh_ctx, &h);

    if (rc > 0)
        household_values(h, w->hh_phone_rev, sizeof w->hh_phone_rev, v);
    return rc;
}

/* The feed of households and its statement, made before the feed of
 * residents runs: a table made while a statement runs would stop it (the
 * schema changed under it). */
static int open_household_feed(hh_writer *w)
{
    if (!w->hh_feed
        && !(w->hh_feed = db_feed_open(w->d, "dd_households", 11, household_row, w)))
        return -1;
    if (!w->hh_insert
        && !(w->hh_insert = db_prepare(w->d, "INSERT OR IGNORE INTO household (compound, building,"
                                             " unit, room, grid, grid_worker, kind, phone, phone_rev,"
                                             " notes, id, created_by, created_at, updated_by,"
                                             " updated_at) SELECT c0, c1, c2, c3, c4, c5, c6, c7, c8,"
                                             " c9, c10, dd_operator(), dd_now(), dd_operator(),"
                                             " dd_now() FROM temp.dd_households")))
        return -1;
    return 0;
}

long hh_writer_households_feed(hh_writer *w, int (*next)(void *ctx, const struct household **h),
                               void *ctx)
{
    if (!hh_writer_can_feed_households(w) || !next) {
        fprintf(stderr, "hh_writer_households_feed: not loading into an empty table\n");
        return -1;
    }
    if (open_household_feed(w) != 0)
        return -1;
    w->hh_next = next;
    w->hh_ctx = ctx;
    db_reset(w->hh_insert);
    if (db_step(w->hh_insert) != DB_DONE)
        return -1;
    return db_changes(w->d);
}

int64_t hh_writer_household_find(hh_writer *w, const struct household *h)
{
    return find_household(w, h);
}

int hh_writer_feed(hh_writer *w,
                   int (*next)(void *ctx, struct resident **r, const struct resident_keys **k,
                               char *why, size_t whysz),
                   void *ctx)
{
    static const char insert[] =
        "INSERT INTO resident (" RES_INSERT_COLS ", id, created_by, created_at, updated_by,"
        " updated_at) SELECT c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14,"
        " c15, c16, c17, c18, c19, c20, c21, dd_operator(), dd_now(), dd_operator(), dd_now()"
        " FROM temp.dd_residents";

    if (!hh_writer_can_feed(w) || !next) {
        fprintf(stderr, "hh_writer_feed: not loading into an empty table\n");
        return -1;
    }
    if (!w->feed
        && !(w->feed = db_feed_open(w->d, "dd_residents", RES_INSERT_NCOLS + 1, feed_row, w)))
        return -1;
    if (hh_writer_can_feed_households(w) && open_household_feed(w) != 0)
        return -1;
    w->feed_next = next;
    w->feed_ctx = ctx;
    return db_exec(w->d, insert);
}

/* The end of a load, done or not: the connection's settings back.  What
 * was dropped and not made again comes back with the caller's rollback. */
static void stop_loading(hh_writer *w)
{
    db_feed_close(&w->feed);
    db_finalize(&w->hh_insert);
    db_feed_close(&w->hh_feed);
    if (w->loading) {
        set_pragma(w, "cache_size", w->old_cache_size);
        set_pragma(w, "threads", w->old_threads);
    }
    w->loading = w->all_new = w->households_new = w->feedable = false;
    forget_restore(w);
}

void hh_writer_close(hh_writer **w)
{
    if (!w || !*w)
        return;
    stop_loading(*w);
    writer_done(*w);
    free(*w);
    *w = NULL;
}

int hh_writer_bulk_begin(hh_writer *w, long expected_rows)
{
    int rc = 0;

    if (!w || w->loading || db_tx_depth(w->d) == 0)
        return -1;
    w->since_household = db_int(w->d, "SELECT coalesce(max(id), 0) FROM household", -1);
    w->since_resident = db_int(w->d, "SELECT coalesce(max(id), 0) FROM resident", -1);
    if (w->since_household < 0 || w->since_resident < 0)
        return -1;
    w->old_cache_size = db_int(w->d, "PRAGMA cache_size", -2000);
    w->old_threads = db_int(w->d, "PRAGMA threads", 0);
    w->loading = true;
    w->all_new = w->since_resident == 0;
    w->households_new = w->since_household == 0;
    set_pragma(w, "cache_size", -LOAD_CACHE_KIB);
    writer_idle(w);
    if (expected_rows >= REBUILD_MIN_ROWS && expected_rows >= 2 * w->since_resident) {
        for (int i = 0; rc == 0 && random_order_indexes[i]; i++)
            rc = drop_object(w, "index", random_order_indexes[i]);
        /* Loading into an empty table the writer does not look residents
         * up by ID number (see upsert_resident), so it needs no index. */
        if (rc == 0 && w->all_new)
            rc = drop_object(w, "index", "resident_id_number");
    }
    for (int i = 0; rc == 0 && quiet_triggers[i]; i++)
        rc = drop_object(w, "trigger", quiet_triggers[i]);
    if (rc == 0)
        w->feedable = !has_insert_trigger(w, "resident");
    if (rc != 0)
        stop_loading(w);
    return rc;
}

/* The highest id of TABLE above SINCE into *LAST (0 when none).  0, -1. */
static int created_up_to(hh_writer *w, const char *table, int64_t since, int64_t *last)
{
    char query[64];

    snprintf(query, sizeof query, "SELECT coalesce(max(id), 0) FROM %s", table);
    *last = db_int(w->d, query, -1);
    if (*last < 0)
        return -1;
    if (*last <= since)
        *last = 0;
    return 0;
}

/* The load's own record (db/migrations/0003), and with it its audit row. */
static int record_load(hh_writer *w, const struct hh_load *l)
{
    int64_t hh_last, r_last;
    db_stmt *s;
    int rc = -1;

    if (!l->households_created && !l->residents_created && !l->residents_updated)
        return 0; /* nothing changed, nothing to record */
    if (created_up_to(w, "household", w->since_household, &hh_last) != 0
        || created_up_to(w, "resident", w->since_resident, &r_last) != 0)
        return -1;
    s = db_prepare(w->d, "INSERT INTO import_run (what, file, rows, rows_rejected,"
                         " households_created, residents_created, residents_updated,"
                         " residents_unchanged, first_household_id, last_household_id,"
                         " first_resident_id, last_resident_id, created_by, created_at)"
                         " VALUES (:what, :file, :rows, :rejected, :hh, :created, :updated,"
                         " :unchanged, nullif(:hh_first, 0), nullif(:hh_last, 0),"
                         " nullif(:r_first, 0), nullif(:r_last, 0), dd_operator(), dd_now())");
    if (s && db_bind_text(s, ":what", l->what) == 0 && db_bind_text(s, ":file", l->file) == 0
        && db_bind_int(s, ":rows", l->rows) == 0
        && db_bind_int(s, ":rejected", l->rows_rejected) == 0
        && db_bind_int(s, ":hh", l->households_created) == 0
        && db_bind_int(s, ":created", l->residents_created) == 0
        && db_bind_int(s, ":updated", l->residents_updated) == 0
        && db_bind_int(s, ":unchanged", l->residents_unchanged) == 0
        && db_bind_int(s, ":hh_first", hh_last ? w->since_household + 1 : 0) == 0
        && db_bind_int(s, ":hh_last", hh_last) == 0
        && db_bind_int(s, ":r_first", r_last ? w->since_resident + 1 : 0) == 0
        && db_bind_int(s, ":r_last", r_last) == 0 && db_step(s) == DB_DONE)
        rc = 0;
    db_finalize(&s);
    return rc;
}

/* ---- n-grams made by the loader ---------------------------------------- */

#define GRAM_BYTES 8 /* two characters of four bytes at most */

/* The start of each character of NAME (as SQLite's substr counts them: a
 * byte that does not continue a UTF-8 sequence), and the end, into AT;
 * the count of characters. */
static size_t char_starts(const char *name, size_t *at, size_t max)
{
    size_t n = 0, i = 0;

    for (; name[i] && n < max; i++)
        if (((unsigned char)name[i] & 0xC0) != 0x80)
            at[n++] = i;
    at[n] = strlen(name);
    return n;
}

int resident_gram_records(const struct resident *r, const struct resident_keys *k,
                          int (*add)(void *ctx, const void *rec, size_t n), void *ctx)
{
    size_t at[sizeof r->name + 1];
    size_t chars = char_starts(r->name, at, sizeof r->name);
    size_t keylen = strlen((const char *)k->name_key);
    unsigned char rec[RESIDENT_GRAM_RECORD_MAX];
    int count = 0;

    if (keylen >= sizeof k->name_key)
        return -1;
    /* (gram, gone, name_key, id) as the table orders them (BINARY text,
     * integer, BLOB, integer): the gram padded with zero bytes, which no
     * character holds, so a shorter gram sorts first as in SQLite; the key
     * ended by a zero byte, which no sort key holds; the id big-endian. */
    size_t tail = GRAM_BYTES + 1;
    rec[GRAM_BYTES] = *r->moved_out_on ? 1 : 0; /* gone */
    memcpy(rec + tail, k->name_key, keylen);
    rec[tail + keylen] = 0;
    for (int i = 0; i < 8; i++)
        rec[tail + keylen + 1 + i] = (unsigned char)((uint64_t)r->id >> (56 - 8 * i));
    size_t n = tail + keylen + 1 + 8;
    /* Every character but the first, and every pair that does not start
     * at the first (the view resident_gram_source, db/migrations/0003). */
    for (int width = 1; width <= 2; width++) {
        for (size_t c = 1; c + width <= chars; c++) {
            size_t len = at[c + width] - at[c];
            if (len > GRAM_BYTES)
                return -1;
            memset(rec, 0, GRAM_BYTES);
            memcpy(rec, r->name + at[c], len);
            if (add(ctx, rec, n) != 0)
                return -1;
            count++;
        }
    }
    return count;
}

struct gram_feed {
    const struct hh_load *load;
    char gram[GRAM_BYTES + 1];
};

static int gram_row(void *ctx, struct db_value *v, char *why, size_t whysz)
{
    struct gram_feed *g = ctx;
    const unsigned char *rec;
    size_t n;
    int rc = g->load->grams(g->load->grams_ctx, (const void **)&rec, &n);

    if (rc <= 0) {
        if (rc < 0)
            snprintf(why, whysz, "%s", _("the name n-grams made by the import could not be read"));
        return rc;
    }
    if (n < GRAM_BYTES + 1 + 1 + 8) {
        snprintf(why, whysz, "%s", _("the name n-grams made by the import could not be read"));
        return -1;
    }
    uint64_t id = 0;
    for (int i = 0; i < 8; i++)
        id = id << 8 | rec[n - 8 + i];
    memcpy(g->gram, rec, GRAM_BYTES);
    g->gram[GRAM_BYTES] = '\0';
    v[0] = (struct db_value){ .type = DB_TEXT, .p = g->gram };
    v[1] = (struct db_value){ .type = DB_INT, .i = rec[GRAM_BYTES] };
    v[2] = (struct db_value){ .type = DB_BLOB, .p = rec + GRAM_BYTES + 1,
                              .n = n - (GRAM_BYTES + 1) - 1 - 8 };
    v[3] = (struct db_value){ .type = DB_INT, .i = (int64_t)id };
    return 1;
}

/* The n-grams of the residents created, in the order of their index, so
 * each lands at its end: from the loader's records when it made them,
 * else from the table (see db/migrations/0003). */
static int fill_grams(hh_writer *w, const struct hh_load *load)
{
    int rc = 0;

    if (load->grams) {
        struct gram_feed g = { .load = load };
        db_feed *f = db_feed_open(w->d, "dd_grams", 4, gram_row, &g);
        if (!f)
            return -1;
        rc = db_exec(w->d, "INSERT OR IGNORE INTO resident_gram (gram, gone, name_key,"
                           " resident_id) SELECT c0, c1, c2, c3 FROM temp.dd_grams");
        db_feed_close(&f);
        return rc;
    }
    db_stmt *s = db_prepare(w->d, "INSERT OR IGNORE INTO resident_gram (gram, gone, name_key,"
                                  " resident_id) SELECT gram, gone, name_key, resident_id"
                                  " FROM resident_gram_source WHERE resident_id > :since"
                                  " ORDER BY 1, 2, 3, 4");
    if (!s || db_bind_int(s, ":since", w->since_resident) != 0 || db_step(s) != DB_DONE)
        rc = -1;
    db_finalize(&s);
    return rc;
}

int hh_writer_bulk_end(hh_writer *w, const struct hh_load *load)
{
    int rc;

    if (!w || !w->loading || !load)
        return -1;
    writer_idle(w);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    set_pragma(w, "cache_size", -SORT_CACHE_KIB);
    set_pragma(w, "threads", cpus < 1 ? 0 : cpus > SORT_THREADS_MAX ? SORT_THREADS_MAX : cpus);
    rc = fill_grams(w, load);
    for (int i = 0; rc == 0 && i < w->nrestore; i++)
        rc = db_exec(w->d, w->restore[i]) == 0 ? 0 : -1;
    if (rc == 0)
        rc = record_load(w, load);
    stop_loading(w);
    return rc;
}
