/* list.c — the supervisors' lists and the recently changed households.
 *
 * Each list is one statement over the indexes of
 * db/migrations/0002_households.sql, read in the order it is shown:
 *
 *   list      index                                      order
 *   care      resident_by_key (gone, name_key), gone=0   pinyin, flags tested
 *                                                        on the way (a page of
 *                                                        40 reads a few hundred
 *                                                        entries when 1 in 10
 *                                                        is flagged)
 *   arrived   resident_by_arrival (arrived_on)           the day's rows, sorted
 *   building  household_address (compound, building, unit, room), then
 *             resident_by_household (household_id, gone, name_key)
 *   worker    household_by_worker (grid_worker)          the worker's
 *                                                        households, sorted
 *   recent    audit, by its rowid from the newest        the last changes
 *             (a bulk import's one row names the range of residents it
 *             created: a range of resident's rowid)
 *
 * The household lists (worker, recent) pick the page of households first
 * and look up each one's head and flags only for the rows shown.
 *
 * The indexes are named (INDEXED BY) for the reason search.c gives: without
 * statistics SQLite would rather walk an index in the order shown than take
 * the narrow range of another.  A household's head is the member living
 * there whose relation is 户主 (or 本人), else the first in pinyin order, as
 * household_members orders them. */
#include "src/households/list.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "src/households/vocab.h"
#include "src/households/household.h"
#include "src/i18n.h"
#include "src/text.h"

/* The columns every list selects, in this order (as search.c's hits). */
#define ROW_COLS                                                                  \
    " r.id, h.id, h.compound, h.building, h.unit, h.room, r.name, r.id_number,"  \
    " r.phone, r.flags, r.gone, h.phone "

/* The head of household h (a resident id, or NULL). */
#define HEAD_OF_H                                                                 \
    "(SELECT id FROM resident INDEXED BY resident_by_household"                 \
    " WHERE household_id = h.id AND gone = 0"                                    \
    " ORDER BY coalesce(relation IN ('户主', '本人'), 0) DESC, name_key, id LIMIT 1)"

/* The care flags of everyone living in household h, OR-ed (SQLite has no
 * bitwise aggregate: one max() per flag). */
#define FLAGS_OF_H                                                                \
    "(SELECT coalesce(max(flags & 1) | max(flags & 2) | max(flags & 4)"          \
    " | max(flags & 8) | max(flags & 16) | max(flags & 32), 0)"                  \
    " FROM resident INDEXED BY resident_by_household"                            \
    " WHERE household_id = h.id AND gone = 0)"

/* Household rows: the household, its head (r), the flags of all. */
#define HOUSEHOLD_COLS                                                            \
    " r.id, h.id, h.compound, h.building, h.unit, h.room, r.name, r.id_number,"  \
    " r.phone, " FLAGS_OF_H ", 0, h.phone "

/* The households the last changes touched: (hh, seq, sub), seq the audit
 * row, sub the resident an import created (0 otherwise), for the order.
 * A household or a resident written one at a time has an audit row of its
 * own; a bulk import has one for the whole load (import_run, see
 * db/migrations/0003), whose residents created are the ids
 * first_resident_id .. last_resident_id: the last :window of them count. */
#define RECENT_CHANGES                                                            \
    "WITH recent_audit AS ("                                                      \
    "  SELECT tbl, row_key, id FROM audit"                                        \
    "   WHERE +tbl IN ('household', 'resident', 'import_run')"                    \
    "   ORDER BY id DESC LIMIT :window),"                                         \
    " changes(hh, seq, sub) AS ("                                                 \
    "  SELECT CAST(row_key AS INTEGER), id, 0 FROM recent_audit"                  \
    "   WHERE tbl = 'household'"                                                  \
    "  UNION ALL"                                                                 \
    "  SELECT (SELECT household_id FROM resident"                                 \
    "           WHERE id = CAST(a.row_key AS INTEGER)), a.id, 0"                  \
    "    FROM recent_audit a WHERE a.tbl = 'resident'"                            \
    "  UNION ALL"                                                                 \
    "  SELECT r.household_id, a.id, r.id"                                         \
    "    FROM recent_audit a JOIN import_run i ON i.id = CAST(a.row_key AS INTEGER)" \
    "    CROSS JOIN resident r ON r.id BETWEEN max(i.first_resident_id,"                \
    "                                        i.last_resident_id - :window + 1)"   \
    "                               AND i.last_resident_id"                       \
    "   WHERE a.tbl = 'import_run')"

static const char *const list_sql[] = {
    [HH_LIST_RECENT] =
        RECENT_CHANGES
        ", page(hh, last, sub) AS (SELECT hh, max(seq) AS last, max(sub) AS sub FROM changes"
        "                         WHERE hh IS NOT NULL GROUP BY hh"
        "                         ORDER BY last DESC, sub DESC LIMIT :limit OFFSET :offset)"
        " SELECT" HOUSEHOLD_COLS
        " FROM page JOIN household h ON h.id = page.hh"
        " LEFT JOIN resident r ON r.id = " HEAD_OF_H
        " ORDER BY page.last DESC, page.sub DESC",
    [HH_LIST_CARE] =
        "SELECT" ROW_COLS "FROM resident r INDEXED BY resident_by_key"
        " JOIN household h ON h.id = r.household_id"
        " WHERE r.gone = 0 AND r.flags <> 0"
        " ORDER BY r.name_key, r.id LIMIT :limit OFFSET :offset",
    [HH_LIST_ARRIVED] =
        "SELECT" ROW_COLS "FROM resident r INDEXED BY resident_by_arrival"
        " JOIN household h ON h.id = r.household_id"
        " WHERE r.arrived_on = :date"
        " ORDER BY r.gone, r.name_key, r.id LIMIT :limit OFFSET :offset",
    [HH_LIST_BUILDING] =
        "SELECT" ROW_COLS "FROM household h INDEXED BY household_address"
        " JOIN resident r INDEXED BY resident_by_household"
        "   ON r.household_id = h.id AND r.gone = 0"
        " WHERE h.compound = :compound"
        "   AND length(h.building) = length(:building) AND h.building IS :building"
        " ORDER BY length(h.unit), h.unit, length(h.room), h.room, h.id,"
        "   coalesce(r.relation IN ('户主', '本人'), 0) DESC, r.name_key, r.id"
        " LIMIT :limit OFFSET :offset",
    [HH_LIST_WORKER] =
        "WITH page(id, n) AS ("
        "  SELECT id, row_number() OVER (ORDER BY compound, length(building), building,"
        "                                length(unit), unit, length(room), room, id)"
        "    FROM household INDEXED BY household_by_worker WHERE grid_worker = :worker"
        "   ORDER BY 2 LIMIT :limit OFFSET :offset)"
        " SELECT" HOUSEHOLD_COLS
        " FROM page JOIN household h ON h.id = page.id"
        " LEFT JOIN resident r ON r.id = " HEAD_OF_H
        " ORDER BY page.n",
};

static const char *const count_sql[] = {
    [HH_LIST_RECENT] =
        RECENT_CHANGES
        " SELECT count(DISTINCT hh) FROM changes JOIN household h ON h.id = changes.hh",
    /* All flagged (the partial index alone), less those who moved out (a
     * short range of resident_by_key): no table row is read for the many. */
    [HH_LIST_CARE] =
        "SELECT (SELECT count(*) FROM resident INDEXED BY resident_by_flags WHERE flags <> 0)"
        "     - (SELECT count(*) FROM resident INDEXED BY resident_by_key"
        "        WHERE gone = 1 AND flags <> 0)",
    [HH_LIST_ARRIVED] =
        "SELECT count(*) FROM resident INDEXED BY resident_by_arrival WHERE arrived_on = :date",
    [HH_LIST_BUILDING] =
        "SELECT count(*) FROM household h INDEXED BY household_address"
        " JOIN resident r INDEXED BY resident_by_household"
        "   ON r.household_id = h.id AND r.gone = 0"
        " WHERE h.compound = :compound"
        "   AND length(h.building) = length(:building) AND h.building IS :building",
    [HH_LIST_WORKER] =
        "SELECT count(*) FROM household INDEXED BY household_by_worker"
        " WHERE grid_worker = :worker",
};


/* SRC without its surrounding spaces, in BUF. */
static const char *text_trim_copy(const char *src, char *buf, size_t bufsz)
{
    text_copy(buf, bufsz, src);
    return text_trim(buf);
}

/* Q's texts as the saves store them, in *N. */
static void normalized(const struct hh_list_query *q, struct hh_list_query *n)
{
    struct household h;
    char date[sizeof q->date];

    *n = *q;
    memset(&h, 0, sizeof h);
    text_copy(h.compound, sizeof h.compound, q->compound);
    text_copy(h.building, sizeof h.building, q->building);
    text_copy(h.grid_worker, sizeof h.grid_worker, q->worker);
    household_normalize(&h);
    text_copy(n->compound, sizeof n->compound, h.compound);
    text_copy(n->building, sizeof n->building, h.building);
    text_copy(n->worker, sizeof n->worker, h.grid_worker);
    text_copy(n->date, sizeof n->date, text_trim_copy(q->date, date, sizeof date));
}

static bool known_kind(enum hh_list_kind kind)
{
    return kind >= HH_LIST_RECENT && kind <= HH_LIST_WORKER;
}

/* Binds the parameters of Q that S has (each statement names only its own). */
static int bind_query(db_stmt *s, const char *sql, const struct hh_list_query *q)
{
    int rc = 0;

    if (strstr(sql, ":window"))
        rc |= db_bind_int(s, ":window", HH_LIST_RECENT_WINDOW);
    if (strstr(sql, ":date"))
        rc |= db_bind_text(s, ":date", q->date);
    if (strstr(sql, ":compound"))
        rc |= db_bind_text(s, ":compound", q->compound);
    if (strstr(sql, ":building"))
        rc |= db_bind_text(s, ":building", q->building);
    if (strstr(sql, ":worker"))
        rc |= db_bind_text(s, ":worker", q->worker);
    return rc;
}

int hh_list_run(db *d, const struct hh_list_query *q, int offset, int limit,
                void (*fn)(const struct search_hit *h, void *ctx), void *ctx)
{
    struct hh_list_query n;
    struct search_hit hit;
    db_stmt *s;
    const char *sql;
    int given = 0, rc;

    if (!known_kind(q->kind) || limit <= 0 || !fn)
        return 0;
    normalized(q, &n);
    sql = list_sql[n.kind];
    s = db_prepare(d, sql);
    if (!s || bind_query(s, sql, &n) != 0 || db_bind_int(s, ":limit", limit) != 0
        || db_bind_int(s, ":offset", offset > 0 ? offset : 0) != 0) {
        db_finalize(&s);
        return -1;
    }
    while ((rc = db_step(s)) == DB_ROW) {
        search_hit_read(s, &hit);
        fn(&hit, ctx);
        given++;
    }
    db_finalize(&s);
    return rc == DB_DONE ? given : -1;
}

long hh_list_count(db *d, const struct hh_list_query *q)
{
    struct hh_list_query n;
    db_stmt *s;
    const char *sql;
    long count = -1;

    if (!known_kind(q->kind))
        return 0;
    normalized(q, &n);
    sql = count_sql[n.kind];
    s = db_prepare(d, sql);
    if (s && bind_query(s, sql, &n) == 0 && db_step(s) == DB_ROW)
        count = (long)db_col_int(s, 0);
    db_finalize(&s);
    return count;
}

/* ---- names ---------------------------------------------------------------- */

/* Every distinct value of a column, one index seek each (a skip-scan: a
 * community has a handful of compounds and some dozens of grid workers). */
static const char *const names_sql[] = {
    [HH_NAME_COMPOUND] =
        "WITH RECURSIVE v(name) AS ("
        "  SELECT min(compound) FROM household INDEXED BY household_address"
        "  UNION ALL"
        "  SELECT (SELECT min(compound) FROM household INDEXED BY household_address"
        "          WHERE compound > v.name) FROM v WHERE v.name IS NOT NULL)"
        " SELECT name FROM v WHERE name IS NOT NULL AND instr(name, :fragment) > 0"
        " ORDER BY name <> :fragment, name",
    [HH_NAME_WORKER] =
        "WITH RECURSIVE v(name) AS ("
        "  SELECT min(grid_worker) FROM household INDEXED BY household_by_worker"
        "  WHERE grid_worker IS NOT NULL"
        "  UNION ALL"
        "  SELECT (SELECT min(grid_worker) FROM household INDEXED BY household_by_worker"
        "          WHERE grid_worker IS NOT NULL AND grid_worker > v.name)"
        "  FROM v WHERE v.name IS NOT NULL)"
        " SELECT name FROM v WHERE name IS NOT NULL AND instr(name, :fragment) > 0"
        " ORDER BY name <> :fragment, name",
};

int hh_list_names(db *d, enum hh_name_kind which, const char *fragment, int max,
                  void (*fn)(const char *name, void *ctx), void *ctx)
{
    struct hh_list_query q = { 0 }, n;
    db_stmt *s;
    int count = 0, rc = DB_DONE;

    if (which != HH_NAME_COMPOUND && which != HH_NAME_WORKER)
        return 0;
    if (which == HH_NAME_COMPOUND)
        text_copy(q.compound, sizeof q.compound, fragment ? fragment : "");
    else
        text_copy(q.worker, sizeof q.worker, fragment ? fragment : "");
    normalized(&q, &n);
    s = db_prepare(d, names_sql[which]);
    if (!s || db_bind_text(s, ":fragment", which == HH_NAME_COMPOUND ? n.compound : n.worker)
                  != 0) {
        db_finalize(&s);
        return -1;
    }
    while (count <= max && (rc = db_step(s)) == DB_ROW) {
        if (count < max && fn)
            fn(db_col_text(s, 0), ctx);
        count++;
    }
    db_finalize(&s);
    return rc == DB_ERR ? -1 : count;
}

/* ---- words for the codes of a record -------------------------------------- */

/* The vocabularies' (src/households/vocab.h), for the lists and forms that show
 * and read these codes. */

void hh_care_marks(unsigned flags, char *buf, size_t bufsz)
{
    vocab_join(&hh_vocab_care, flags, false, " ", buf, bufsz);
}

int hh_care_parse(const char *text, unsigned *flags, char *bad, size_t badsz)
{
    return vocab_parse_set(&hh_vocab_care, text, flags, bad, badsz);
}

const char *hh_kind_word(int kind)
{
    return vocab_label(&hh_vocab_kind, kind);
}

int hh_kind_parse(const char *text)
{
    int value;

    return vocab_parse(&hh_vocab_kind, text, &value) == 0 ? value : -1;
}

const char *hh_sex_word(const char *sex)
{
    return sex && sex[0] && !sex[1] ? vocab_label(&hh_vocab_sex, sex[0]) : "";
}

const char *hh_sex_parse(const char *text)
{
    char buf[64];
    int value;

    text_copy(buf, sizeof buf, text ? text : "");
    if (*text_trim(buf) == '\0')
        return "";
    if (vocab_parse(&hh_vocab_sex, buf, &value) != 0)
        return NULL;
    return value == 'M' ? "M" : "F";
}

const char *hh_population_word(bool floating)
{
    return vocab_label(&hh_vocab_population, floating ? 1 : 0);
}

int hh_population_parse(const char *text)
{
    int value;

    return vocab_parse(&hh_vocab_population, text, &value) == 0 ? value : -1;
}
