/* hh_list.c — the supervisors' lists and the recently changed households.
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
#include "src/hh_list.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "src/household.h"
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

struct word {
    const char *const *said; /* what a person may type, NULL-ended */
    const char *shown;       /* N_(): what is shown */
    int value;
};

static const struct word care_words[] = {
    /* TRANSLATORS: a short mark for a care flag in lists (独居). */
    { (const char *const[]){ "独居", "独居老人", "alone", "living alone", "elderly alone", NULL },
      N_("alone"), CARE_ALONE_ELDERLY },
    /* TRANSLATORS: a short mark for a care flag in lists (残疾). */
    { (const char *const[]){ "残疾", "残疾人", "残", "disabled", NULL },
      N_("disabled"), CARE_DISABLED },
    /* TRANSLATORS: a short mark for a care flag in lists (孕). */
    { (const char *const[]){ "孕", "孕妇", "孕产妇", "pregnant", NULL },
      N_("pregnant"), CARE_PREGNANT },
    /* TRANSLATORS: a short mark for a care flag in lists (慢病). */
    { (const char *const[]){ "慢病", "慢性病", "chronic", "chronic illness", NULL },
      N_("chronic"), CARE_CHRONIC },
    /* TRANSLATORS: a short mark for a care flag in lists (婴). */
    { (const char *const[]){ "婴", "婴幼儿", "婴儿", "infant", NULL },
      N_("infant"), CARE_INFANT },
    /* TRANSLATORS: a short mark for a care flag in lists (重点). */
    { (const char *const[]){ "重点", "重点人员", "key person", "key", NULL },
      N_("key person"), CARE_KEY_PERSON },
};

static const struct word kind_words[] = {
    { (const char *const[]){ "自住", "自有", "owner-occupied", "owner", "owned", "1", NULL },
      N_("owner-occupied"), HH_OWNER },
    { (const char *const[]){ "出租", "租住", "rented", "rental", "2", NULL },
      N_("rented"), HH_RENTED },
    { (const char *const[]){ "群租", "group rental", "group", "3", NULL },
      N_("group rental"), HH_GROUP_RENTAL },
};

static const struct word sex_words[] = {
    { (const char *const[]){ "男", "男性", "male", "m", NULL }, N_("male"), 'M' },
    { (const char *const[]){ "女", "女性", "female", "f", NULL }, N_("female"), 'F' },
};

static const struct word population_words[] = {
    { (const char *const[]){ "常住", "常住人口", "户籍", "permanent", NULL }, N_("permanent"), 0 },
    { (const char *const[]){ "流动", "流动人口", "外来", "暂住", "floating", NULL },
      N_("floating"), 1 },
};

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static bool is_separator(const char *s, size_t *len);

/* Does S start with WORD (ASCII letters in any case)?  A word ending in a
 * Latin letter or digit must be followed by the end or a separator (so
 * "key" is not read in "keys"); Chinese words may follow each other
 * (独居残疾).  The length of WORD when it does, else 0. */
static size_t starts_with_word(const char *s, const char *word)
{
    size_t n = strlen(word), sep;

    if (n == 0 || strncasecmp(s, word, n) != 0)
        return 0;
    if ((unsigned char)word[n - 1] >= 0x80)
        return n;
    return s[n] == '\0' || is_separator(s + n, &sep) ? n : 0;
}

/* Spaces, commas, semicolons, slashes, and their Chinese forms. */
static bool is_separator(const char *s, size_t *len)
{
    static const char *const seps[] = { " ", ",", ";", "/", "\t", "\u3001", "\uff0c",
                                        "\uff1b", "\u3000", "\uff0f", NULL };

    for (const char *const *p = seps; *p; p++) {
        size_t n = strlen(*p);
        if (strncmp(s, *p, n) == 0) {
            *len = n;
            return true;
        }
    }
    return false;
}

/* The longest word of TABLE that S starts with: its index, and its length
 * in *LEN; -1 when none.  The translated word counts too. */
static int match_word(const struct word *table, size_t n, const char *s, size_t *len)
{
    int best = -1;
    size_t best_len = 0;

    for (size_t i = 0; i < n; i++) {
        size_t k = starts_with_word(s, _(table[i].shown));
        if (k > best_len) {
            best = (int)i;
            best_len = k;
        }
        for (const char *const *w = table[i].said; *w; w++) {
            k = starts_with_word(s, *w);
            if (k > best_len) {
                best = (int)i;
                best_len = k;
            }
        }
    }
    *len = best_len;
    return best;
}

/* The one word of TABLE that TEXT (trimmed) is: its index, or -1. */
static int whole_word(const struct word *table, size_t n, const char *text)
{
    char buf[128];
    size_t len;
    const char *t;
    int i;

    text_copy(buf, sizeof buf, text ? text : "");
    t = text_trim(buf);
    i = match_word(table, n, t, &len);
    return i >= 0 && t[len] == '\0' ? i : -1;
}

void hh_care_marks(unsigned flags, char *buf, size_t bufsz)
{
    size_t used = 0;

    if (!buf || bufsz == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < COUNT(care_words); i++) {
        if (!(flags & (unsigned)care_words[i].value))
            continue;
        const char *mark = _(care_words[i].shown);
        size_t need = strlen(mark) + (used ? 1 : 0);
        if (used + need >= bufsz)
            break;
        snprintf(buf + used, bufsz - used, "%s%s", used ? " " : "", mark);
        used += need;
    }
}

int hh_care_parse(const char *text, unsigned *flags, char *bad, size_t badsz)
{
    const char *s = text ? text : "";
    unsigned got = 0;

    if (bad && badsz)
        bad[0] = '\0';
    while (*s) {
        size_t len;
        if (is_separator(s, &len)) {
            s += len;
            continue;
        }
        int i = match_word(care_words, COUNT(care_words), s, &len);
        if (i < 0) {
            size_t n = 0, sep;
            while (s[n] && !is_separator(s + n, &sep))
                n++;
            if (bad && badsz) {
                char word[128];
                text_copy(word, n + 1 < sizeof word ? n + 1 : sizeof word, s);
                text_copy(bad, badsz, word);
            }
            return -1;
        }
        got |= (unsigned)care_words[i].value;
        s += len;
    }
    *flags = got;
    return 0;
}

const char *hh_kind_word(int kind)
{
    for (size_t i = 0; i < COUNT(kind_words); i++)
        if (kind_words[i].value == kind)
            return _(kind_words[i].shown);
    return "";
}

int hh_kind_parse(const char *text)
{
    int i = whole_word(kind_words, COUNT(kind_words), text);
    return i < 0 ? -1 : kind_words[i].value;
}

const char *hh_sex_word(const char *sex)
{
    for (size_t i = 0; i < COUNT(sex_words); i++)
        if (sex && sex[0] == sex_words[i].value && sex[1] == '\0')
            return _(sex_words[i].shown);
    return "";
}

const char *hh_sex_parse(const char *text)
{
    char buf[64];

    text_copy(buf, sizeof buf, text ? text : "");
    if (*text_trim(buf) == '\0')
        return "";
    int i = whole_word(sex_words, COUNT(sex_words), text);
    return i < 0 ? NULL : sex_words[i].value == 'M' ? "M" : "F";
}

const char *hh_population_word(bool floating)
{
    return _(population_words[floating ? 1 : 0].shown);
}

int hh_population_parse(const char *text)
{
    int i = whole_word(population_words, COUNT(population_words), text);
    return i < 0 ? -1 : population_words[i].value;
}
