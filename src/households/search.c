/* search.c — what the counter types, classified and looked up.
 *
 * Design (schema in db/migrations/0002_households.sql).  Every kind of
 * query is one range of one index, read in the order the hits are shown,
 * so a screenful costs a few dozen index steps however large the community
 * is; nothing here scans a table.
 *
 *   kind               index                                  range / order
 *   whole ID           resident_id_number (id_number, kind)   = id
 *   whole phone        resident_by_phone_rev, household_by_phone_rev
 *                                                             = reversed digits
 *   exact name         resident_by_key (gone, name_key)       = the name's key; sorted
 *                                                             by address (a few rows)
 *   name prefix        resident_by_key (gone, name_key)       [lo, hi) from ICU's
 *                                                             prefix bounds: pinyin order
 *   initials           resident_by_initials (gone, initials, name_key)
 *                                                             = zsf, then (zsf, zsg)
 *   end of an ID       resident_by_id_rev                     [rev, rev+1); ~100 rows
 *                                                             at 1,000,000 for 4 digits,
 *                                                             sorted by name_key
 *   start of an ID     resident_id_number                     [digits, digits+1)
 *   end of a phone     resident_by_phone_rev, household_by_phone_rev
 *   address            household_address (compound, building, unit, room) when a
 *                      compound is named (the compounds matching the fragment are
 *                      found by a skip-scan of that index: one seek per compound);
 *                      household_by_building / household_by_room otherwise; then
 *                      resident_by_household (household_id, gone, name_key)
 *   name contains      resident_gram (gram, gone, name_key, resident_id)
 *
 * "Name contains": SQLite 3.40's FTS5 trigram index finds nothing for
 * fewer than three Chinese characters, and a scan of a million names is
 * ~100 ms, so the schema keeps an n-gram side table: each character and
 * each pair of characters of a name that does not start at its first
 * character (those are the prefix search's), keyed by the name's sort key.
 * A one- or two-character fragment is then an equality range already in
 * pinyin order; a longer one reads the range of its first two characters
 * and keeps the names that hold the whole fragment.  The cost: about 2.3
 * rows of ~30 bytes per resident (some 70 MB at a million residents) and
 * three more B-tree inserts per saved name, kept by triggers.
 *
 * Residents still living here come first: every kind runs once with
 * gone = 0, then, if the screen is not full, again with gone = 1 (gone
 * leads every resident index, so both are ranges).  A resident found by an
 * earlier kind is not shown again (a small hash set of the ids seen; it
 * holds at most OFFSET + LIMIT ids plus the duplicates met on the way). */
#include "src/households/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/households/household.h"
#include "src/numbers.h"
#include "src/idset.h"
#include "src/pinyin.h"
#include "src/text.h"

/* ---- small text helpers ----------------------------------------------- */


static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char upper(char c)
{
    return (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
}

static char lower(char c)
{
    return (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

/* QUERY with full-width ASCII folded, white space made plain spaces, runs
 * of spaces made one, and trimmed, into OUT. */
static void fold_query(const char *in, char *out, size_t outsz)
{
    size_t n = strlen(in), i = 0, o = 0;

    while (i < n && o + 5 < outsz) {
        uint32_t cp;
        size_t k = text_decode(in + i, n - i, &cp);
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0;
        if (cp == 0x3000 || cp == '\t' || cp == '\r' || cp == '\n')
            cp = ' ';
        if (cp == ' ' && (o == 0 || out[o - 1] == ' ')) {
            i += k;
            continue;
        }
        if (cp < 0x80)
            out[o++] = (char)cp;
        else if (cp == TEXT_REPLACEMENT && k == 1)
            ; /* an invalid byte: dropped */
        else
            o += text_encode(cp, out + o);
        i += k;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
}

/* The number of characters in UTF-8 S. */
static int count_chars(const char *s)
{
    int n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* ---- addresses -------------------------------------------------------- */

enum { SLOT_BUILDING, SLOT_UNIT, SLOT_ROOM, SLOT_NONE };

struct marker {
    const char *text;
    int slot;
};

/* Longer words first: 号楼 before 号. */
static const struct marker markers[] = {
    { "号楼", SLOT_BUILDING }, { "幢", SLOT_BUILDING }, { "栋", SLOT_BUILDING },
    { "楼", SLOT_BUILDING },   { "座", SLOT_BUILDING }, { "单元", SLOT_UNIT },
    { "室", SLOT_ROOM },       { "号", SLOT_ROOM },     { "房", SLOT_ROOM },
};

struct addr_token {
    char num[16];
    int slot; /* SLOT_NONE when no word follows the number */
};

static const char *read_marker(const char *p, int *slot)
{
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++) {
        size_t k = strlen(markers[i].text);
        if (strncmp(p, markers[i].text, k) == 0) {
            *slot = markers[i].slot;
            return p + k;
        }
    }
    *slot = SLOT_NONE;
    return p;
}

/* Puts the numbers of TOK into building, unit and room: a word after a
 * number says where it goes; a bare number takes the place after the one
 * before it, except that a last bare number of 3 digits or more after a
 * building is a room (12-301, 12幢301). */
static bool place_tokens(const struct addr_token *tok, int n, struct search_address *a)
{
    char *slot_of[] = { a->building, a->unit, a->room };
    int prev = -1;

    for (int i = 0; i < n; i++) {
        int slot = tok[i].slot;
        if (slot == SLOT_NONE) {
            slot = prev + 1;
            if (i == n - 1 && slot == SLOT_UNIT && strlen(tok[i].num) >= 3)
                slot = SLOT_ROOM;
        }
        if (slot <= prev || slot > SLOT_ROOM)
            return false;
        text_copy(slot_of[slot], sizeof a->building, tok[i].num);
        prev = slot;
    }
    return true;
}

/* Reads the numbers of an address from P: each perhaps followed by 幢 /
 * 单元 / 室 and the like, separated by nothing, spaces or dashes.  Fills
 * building, unit and room of *A and clears its compound. */
static bool parse_numbers(const char *p, struct search_address *a)
{
    struct addr_token tok[3];
    int n = 0;

    memset(a, 0, sizeof *a);
    while (*p) {
        size_t k = 0;
        if (*p == ' ' || *p == '-') {
            p++;
            continue;
        }
        if (!is_digit(*p) || n == 3)
            return false;
        while (is_digit(p[k]))
            k++;
        if (k >= sizeof tok[n].num)
            return false;
        memcpy(tok[n].num, p, k);
        tok[n].num[k] = '\0';
        p = read_marker(p + k, &tok[n].slot);
        n++;
    }
    return n > 0 && place_tokens(tok, n, a);
}

/* The length of the first N bytes of T without the spaces and dashes at
 * their end. */
static size_t trim_end(const char *t, size_t n)
{
    while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '-'))
        n--;
    return n;
}

/* Whether the first N bytes of T (trimmed, not empty) can be the end of a
 * compound's name: not when they end in a number (12, 12-) or in a number
 * and the word after it (12幢, 2单元, 301室): those are the address's.  A
 * number inside a name is the name's (万科城3期), and so is one before 号,
 * which also starts 1号院 and 2号地块: 时代1号 may be that compound typed so
 * far as well as room 1 of 时代. */
static bool can_end_compound(const char *t, size_t n)
{
    if (n == 0 || is_digit(t[n - 1]))
        return false;
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++) {
        size_t k = strlen(markers[i].text);
        if (n > k && memcmp(t + n - k, markers[i].text, k) == 0 && is_digit(t[n - k - 1]))
            return strcmp(markers[i].text, "号") == 0;
    }
    return true;
}

/* The first N bytes of T as a compound into DST: spaces next to a Chinese
 * character dropped (万科城 3期 -> 万科城3期), as in names.  False when
 * they do not fit. */
static bool set_compound(char *dst, size_t dstsz, const char *t, size_t n)
{
    size_t o = 0;

    for (size_t i = 0; i < n; i++) {
        if (t[i] == ' '
            && (i == 0 || (unsigned char)t[i - 1] >= 0x80 || (unsigned char)t[i + 1] >= 0x80))
            continue;
        if (o + 1 >= dstsz)
            return false;
        dst[o++] = t[i];
    }
    dst[o] = '\0';
    return true;
}

/* Reads T as an address: a compound, perhaps none, then the numbers
 * (parse_numbers).  A compound's name may hold numbers (万科城3期,
 * 时代1号院), so the compound ends before the first number from which the
 * rest of T reads as building, unit and room, provided the text before it
 * can end a compound (can_end_compound): 时代1号院5幢2单元301 is 5幢2单元301
 * of 时代1号院 (1号院5幢2单元301 is no address, and 时代1号院5幢 cannot end
 * a compound), 万科城3期 12-2-301 is 12-2-301 of 万科城3期.  Only one
 * number can start such a rest: a later one would follow a number (12,
 * 12-, 12幢), which cannot end a compound, or a number and 号, a room,
 * after which nothing can come. */
static bool parse_address(const char *t, struct search_address *a)
{
    for (const char *p = t; *p; p++) {
        size_t n;
        if (!is_digit(*p) || (p > t && is_digit(p[-1])))
            continue;
        n = trim_end(t, (size_t)(p - t));
        if (n > 0 && !can_end_compound(t, n))
            continue;
        if (!parse_numbers(p, a))
            continue;
        if (!set_compound(a->compound, sizeof a->compound, t, n))
            return false;
        /* A unit alone is not an index range: it needs a building, a room
         * or a compound with it. */
        return *a->compound || *a->building || *a->room;
    }
    return false;
}

/* ---- classifying ------------------------------------------------------ */

static void set_name(struct search_query *q, const char *t)
{
    char buf[sizeof q->name];
    size_t o = 0;

    /* Spaces next to a Chinese character are dropped (张 三 -> 张三);
     * between Latin words one stays. */
    for (const char *p = t; *p && o + 1 < sizeof buf; p++) {
        if (*p == ' ' && (p == t || (unsigned char)p[-1] >= 0x80 || (unsigned char)p[1] >= 0x80))
            continue;
        buf[o++] = *p;
    }
    buf[o] = '\0';
    text_copy(q->name, sizeof q->name, buf);
    resident_name_normalize(q->name, sizeof q->name);
    q->name_chars = count_chars(q->name);
    if (q->name_chars > 0)
        q->kinds |= SEARCH_NAME;
}

static void add_address(struct search_query *q, const struct search_address *a)
{
    if (q->naddr < SEARCH_MAX_ADDR) {
        q->addr[q->naddr++] = *a;
        q->kinds |= SEARCH_ADDRESS;
    }
}

/* Text with Chinese (or other non-ASCII) characters: an address, else a
 * name; and the whole text as part of a compound's name when it can end
 * one, numbers and all (万科城3期, 3期, 时代1号院, but not 12幢: see
 * can_end_compound), so that a compound is found by its full name. */
static void classify_chinese(const char *t, struct search_query *q, bool has_digit)
{
    struct search_address a;
    bool address = has_digit && parse_address(t, &a);
    size_t n = trim_end(t, strlen(t));

    if (address)
        add_address(q, &a);
    else
        set_name(q, t);
    if (!has_digit) {
        if (q->name_chars > 0) {
            text_copy(q->compound, sizeof q->compound, q->name);
            q->kinds |= SEARCH_COMPOUND;
        }
    } else if (can_end_compound(t, n) && set_compound(q->compound, sizeof q->compound, t, n)) {
        q->kinds |= SEARCH_COMPOUND;
    }
}

/* Letters only: pinyin initials, and a Latin name. */
static void classify_letters(const char *t, struct search_query *q)
{
    size_t o = 0;

    for (const char *p = t; *p; p++)
        if (is_alpha(*p) && o + 1 < sizeof q->initials)
            q->initials[o++] = lower(*p);
    q->initials[o] = '\0';
    if (o > 0)
        q->kinds |= SEARCH_INITIALS;
    set_name(q, t);
}

static void set_whole_id(struct search_query *q, const char *s)
{
    struct id_info info;
    enum id_status st = id_check(s, 0, &info);

    if (st == ID_OK || st == ID_OK_LEGACY) {
        text_copy(q->id, sizeof q->id, info.normalized);
        q->kinds |= SEARCH_ID;
    }
}

/* Digits (perhaps a final X), with dashes or spaces. */
static void classify_number(const char *t, struct search_query *q)
{
    char digits[64], norm[32];
    struct search_address a;
    size_t n = 0;
    bool dash = false, space = false;

    for (const char *p = t; *p; p++) {
        if (*p == '-')
            dash = true;
        else if (*p == ' ')
            space = true;
        else if (n + 1 < sizeof digits)
            digits[n++] = upper(*p);
    }
    digits[n] = '\0';
    if (n == 0)
        return;
    if ((dash || space) && phone_check(t, norm, sizeof norm) == PHONE_LANDLINE) {
        /* 0571-87654321-123: the digits before the extension */
        size_t k = 0;
        int dashes = 0;
        for (const char *p = norm; *p && k + 1 < sizeof q->phone; p++) {
            if (*p == '-' && ++dashes == 2)
                break;
            if (is_digit(*p))
                q->phone[k++] = *p;
        }
        q->phone[k] = '\0';
        q->kinds |= SEARCH_PHONE;
        return;
    }
    /* 12-2-301 and 12 301 are addresses; 139 1234 7788 is a number. */
    if (dash || (space && n < 7)) {
        if (parse_numbers(t, &a) && (*a.building || *a.room))
            add_address(q, &a);
        return;
    }
    if (digits[n - 1] == 'X' || strchr(digits, 'X')) {
        if (strchr(digits, 'X') != digits + n - 1 || n < 4 || n > 18)
            return;
        text_copy(q->id_part, sizeof q->id_part, digits);
        q->kinds |= SEARCH_ID_END;
        set_whole_id(q, digits);
        return;
    }
    if (n > 18)
        return;
    if (n <= 4) {
        memset(&a, 0, sizeof a);
        if (n <= 3) {
            text_copy(a.building, sizeof a.building, digits);
            add_address(q, &a);
            memset(&a, 0, sizeof a);
        }
        text_copy(a.room, sizeof a.room, digits);
        add_address(q, &a);
        if (n < 4)
            return;
    }
    text_copy(q->id_part, sizeof q->id_part, digits);
    q->kinds |= SEARCH_ID_END;
    if (n >= 7)
        q->kinds |= SEARCH_ID_START;
    if (n <= 12) {
        text_copy(q->phone, sizeof q->phone, digits);
        q->kinds |= SEARCH_PHONE_END;
        if (phone_check(digits, norm, sizeof norm) == PHONE_MOBILE)
            q->kinds |= SEARCH_PHONE;
    }
    if (n == 15 || n == 18)
        set_whole_id(q, digits);
}

/* Letters and digits: a passport or other document's number. */
static void classify_document(const char *t, struct search_query *q)
{
    size_t n = 0;

    for (const char *p = t; *p && n + 1 < sizeof q->id; p++)
        if (is_alpha(*p) || is_digit(*p))
            q->id[n++] = upper(*p);
    q->id[n] = '\0';
    if (n < 4)
        return;
    q->kinds |= SEARCH_ID;
    text_copy(q->id_part, sizeof q->id_part, q->id);
    q->kinds |= SEARCH_ID_END;
}

unsigned search_parse(const char *query, struct search_query *q)
{
    char t[256];
    bool digit = false, alpha = false, wide = false, only_final_x = true;

    memset(q, 0, sizeof *q);
    fold_query(query ? query : "", t, sizeof t);
    for (const char *p = t; *p; p++) {
        if ((unsigned char)*p >= 0x80)
            wide = true;
        else if (is_digit(*p))
            digit = true;
        else if (is_alpha(*p)) {
            alpha = true;
            if (lower(*p) != 'x' || (p[1] && p[1] != ' '))
                only_final_x = false;
        }
    }
    if (!*t)
        return 0;
    if (wide)
        classify_chinese(t, q, digit);
    else if (digit && (!alpha || only_final_x))
        classify_number(t, q);
    else if (alpha && !digit)
        classify_letters(t, q);
    else if (alpha)
        classify_document(t, q);
    return q->kinds;
}

/* ---- the set of residents already shown ------------------------------- */


/* ---- running ---------------------------------------------------------- */

struct run {
    db *d;
    const struct search_query *q;
    int gone;       /* the pass: 0 living here, 1 moved out */
    int skip;       /* hits still to pass over (the offset) */
    int left;       /* hits still wanted */
    int given;
    struct idset seen;
    void (*fn)(const struct search_hit *h, void *ctx);
    void *ctx;
};

/* The columns every query selects, in this order. */
#define HIT_COLS                                                                  \
    "SELECT r.id, h.id, h.compound, h.building, h.unit, h.room, r.name,"         \
    " r.id_number, r.phone, r.flags, r.gone, h.phone "
/* Each kind names its index: without statistics SQLite would rather walk
 * (gone, name_key) to save a sort than take a narrow range of another
 * index, and the range is the point. */
#define FROM_RESIDENT(index) \
    "FROM resident r INDEXED BY " index " JOIN household h ON h.id = r.household_id "

void search_hit_read(db_stmt *s, struct search_hit *h)
{
    struct household hh;
    const char *phone = db_col_text(s, 8);

    memset(h, 0, sizeof *h);
    memset(&hh, 0, sizeof hh);
    h->resident_id = db_col_int(s, 0);
    h->household_id = db_col_int(s, 1);
    text_copy(hh.compound, sizeof hh.compound, db_col_text(s, 2));
    text_copy(hh.building, sizeof hh.building, db_col_text(s, 3));
    text_copy(hh.unit, sizeof hh.unit, db_col_text(s, 4));
    text_copy(hh.room, sizeof hh.room, db_col_text(s, 5));
    household_address(&hh, h->address, sizeof h->address);
    h->compound_len = (int)strlen(hh.compound);
    if (h->compound_len > (int)strlen(h->address))
        h->compound_len = (int)strlen(h->address);
    text_copy(h->name, sizeof h->name, db_col_text(s, 6));
    text_mask_id(h->id_masked, sizeof h->id_masked, db_col_text(s, 7));
    text_mask_phone(h->phone_masked, sizeof h->phone_masked, *phone ? phone : db_col_text(s, 11));
    h->flags = (unsigned)db_col_int(s, 9);
    h->moved_out = db_col_int(s, 10) != 0;
}

static void fill_hit(db_stmt *s, unsigned kind, struct search_hit *h)
{
    search_hit_read(s, h);
    h->matched = kind;
}

/* Steps S (already bound) and gives its new rows; finalizes S.  0, or -1. */
static int drain(struct run *r, db_stmt *s, unsigned kind)
{
    struct search_hit hit;
    int rc = DB_DONE;

    if (!s)
        return -1;
    while (r->left > 0 && (rc = db_step(s)) == DB_ROW) {
        int64_t rid = db_col_int(s, 0), hid = db_col_int(s, 1);
        int fresh = idset_add(&r->seen, (uint64_t)(rid ? rid : -hid));
        if (fresh < 0) {
            rc = DB_ERR;
            break;
        }
        if (!fresh)
            continue;
        if (r->skip > 0) {
            r->skip--;
            continue;
        }
        fill_hit(s, kind, &hit);
        r->fn(&hit, r->ctx);
        r->given++;
        r->left--;
    }
    db_finalize(&s);
    return rc == DB_ERR ? -1 : 0;
}

/* Prepares SQL and binds :gone (when the statement has it). */
static db_stmt *prepare(struct run *r, const char *sql)
{
    db_stmt *s = db_prepare(r->d, sql);

    if (s && strstr(sql, ":gone") && db_bind_int(s, ":gone", r->gone) != 0)
        db_finalize(&s);
    return s;
}

/* S with :v bound to V, run.  For the one-value queries below. */
static int run_text(struct run *r, const char *sql, const char *v, unsigned kind)
{
    db_stmt *s = prepare(r, sql);

    if (s && db_bind_text(s, ":v", v) != 0)
        db_finalize(&s);
    return drain(r, s, kind);
}

/* [LO, HI): every ASCII string that starts with V. */
static int run_ascii_prefix(struct run *r, const char *sql, const char *v, unsigned kind)
{
    char hi[64];
    size_t n = strlen(v);
    db_stmt *s;

    if (n == 0 || n >= sizeof hi)
        return 0;
    memcpy(hi, v, n + 1);
    hi[n - 1]++;
    s = prepare(r, sql);
    if (s && (db_bind_text(s, ":lo", v) != 0 || db_bind_text(s, ":hi", hi) != 0))
        db_finalize(&s);
    return drain(r, s, kind);
}

static void reverse(const char *src, char *dst, size_t dstsz)
{
    size_t n = strlen(src);

    if (n >= dstsz)
        n = dstsz - 1;
    for (size_t i = 0; i < n; i++)
        dst[i] = src[n - 1 - i];
    dst[n] = '\0';
}

/* Household-led queries: with gone = 0 a household with nobody living
 * there is a hit too (LEFT JOIN); with gone = 1 only its movers-out. */
static void household_from(const struct run *r, char *buf, size_t bufsz, const char *with,
                           const char *index, const char *where, const char *order)
{
    snprintf(buf, bufsz,
             "%s" HIT_COLS "FROM household h INDEXED BY %s %s resident r INDEXED BY"
             " resident_by_household ON r.household_id = h.id AND r.gone = :gone"
             " WHERE %s ORDER BY %s, r.name_key, r.id",
             with, index, r->gone ? "JOIN" : "LEFT JOIN", where, order);
}

static int tier_whole_id(struct run *r)
{
    return run_text(r, HIT_COLS FROM_RESIDENT("resident_id_number")
                    "WHERE r.id_number = :v AND r.gone = :gone ORDER BY r.id_kind, r.id",
                    r->q->id, SEARCH_ID);
}

static int tier_whole_phone(struct run *r)
{
    char rev[40], sql[1024];

    reverse(r->q->phone, rev, sizeof rev);
    if (run_text(r, HIT_COLS FROM_RESIDENT("resident_by_phone_rev")
                 "WHERE r.phone_rev = :v AND r.gone = :gone ORDER BY r.name_key, r.id",
                 rev, SEARCH_PHONE) != 0)
        return -1;
    household_from(r, sql, sizeof sql, "", "household_by_phone_rev", "h.phone_rev = :v", "h.id");
    return run_text(r, sql, rev, SEARCH_PHONE);
}

static int tier_name_exact(struct run *r)
{
    uint8_t key[512];
    size_t n = pinyin_sort_key(r->q->name, key, sizeof key);
    db_stmt *s;

    if (n == 0 || n >= sizeof key)
        return 0;
    /* Equal names have equal keys: the key's index finds them. */
    s = prepare(r, HIT_COLS FROM_RESIDENT("resident_by_key")
                "WHERE r.gone = :gone AND r.name_key = CAST(:key AS BLOB) AND r.name = :v"
                " ORDER BY h.compound, length(h.building), h.building, length(h.unit), h.unit,"
                " length(h.room), h.room, r.id");
    /* The wrapper binds no blobs: see tier_name_prefix. */
    if (s && (db_bind_text(s, ":key", (const char *)key) != 0
              || db_bind_text(s, ":v", r->q->name) != 0))
        db_finalize(&s);
    return drain(r, s, SEARCH_NAME);
}

static int tier_name_prefix(struct run *r)
{
    uint8_t lo[512], hi[512];
    db_stmt *s;

    if (pinyin_prefix_bounds(r->q->name, lo, sizeof lo, hi, sizeof hi) != 0)
        return 0;
    s = prepare(r, HIT_COLS FROM_RESIDENT("resident_by_key")
                "WHERE r.gone = :gone AND r.name_key >= CAST(:lo AS BLOB)"
                " AND r.name_key < CAST(:hi AS BLOB) ORDER BY r.name_key, r.id");
    /* The wrapper binds no blobs; a sort key and its bounds hold no zero
     * byte, so they pass through a text binding unchanged (see household.c). */
    if (s && (db_bind_text(s, ":lo", (const char *)lo) != 0
              || db_bind_text(s, ":hi", (const char *)hi) != 0))
        db_finalize(&s);
    return drain(r, s, SEARCH_NAME);
}

static int tier_initials(struct run *r)
{
    const char *ini = r->q->initials;

    if (run_text(r, HIT_COLS FROM_RESIDENT("resident_by_initials")
                 "WHERE r.gone = :gone AND r.name_initials = :v ORDER BY r.name_key, r.id",
                 ini, SEARCH_INITIALS) != 0)
        return -1;
    return run_ascii_prefix(r, HIT_COLS FROM_RESIDENT("resident_by_initials")
                            "WHERE r.gone = :gone AND r.name_initials > :lo"
                            " AND r.name_initials < :hi"
                            " ORDER BY r.name_initials, r.name_key, r.id",
                            ini, SEARCH_INITIALS);
}

static int tier_id_end(struct run *r)
{
    char rev[40];

    reverse(r->q->id_part, rev, sizeof rev);
    return run_ascii_prefix(r, HIT_COLS FROM_RESIDENT("resident_by_id_rev")
                            "WHERE r.id_rev >= :lo AND r.id_rev < :hi AND r.gone = :gone"
                            " ORDER BY r.name_key, r.id",
                            rev, SEARCH_ID_END);
}

static int tier_id_start(struct run *r)
{
    return run_ascii_prefix(r, HIT_COLS FROM_RESIDENT("resident_id_number")
                            "WHERE r.id_number >= :lo AND r.id_number < :hi"
                            " AND r.gone = :gone ORDER BY r.id_number, r.id_kind",
                            r->q->id_part, SEARCH_ID_START);
}

static int tier_phone_end(struct run *r)
{
    char rev[40], sql[1024];

    reverse(r->q->phone, rev, sizeof rev);
    if (run_ascii_prefix(r, HIT_COLS FROM_RESIDENT("resident_by_phone_rev")
                         "WHERE r.phone_rev >= :lo AND r.phone_rev < :hi AND r.gone = :gone"
                         " ORDER BY r.name_key, r.id",
                         rev, SEARCH_PHONE_END) != 0)
        return -1;
    household_from(r, sql, sizeof sql, "", "household_by_phone_rev",
                   "h.phone_rev >= :lo AND h.phone_rev < :hi", "h.phone_rev, h.id");
    return run_ascii_prefix(r, sql, rev, SEARCH_PHONE_END);
}

/* The compounds whose name holds :compound, one index seek each. */
#define COMPOUNDS_CTE                                                             \
    "WITH RECURSIVE c(x) AS (SELECT min(compound) FROM household UNION ALL"       \
    " SELECT (SELECT min(compound) FROM household WHERE compound > c.x) FROM c"   \
    " WHERE c.x IS NOT NULL) "

/* One part of an address as the address indexes key it: by length first. */
static void address_part(char *where, char *order, size_t sz, const char *col, const char *value)
{
    char buf[160];

    if (*value) {
        /* Fixed by the query.  "IS" rather than "=": SQLite would put the
         * value of an "=" into length(x) and miss the index on length(x);
         * and a fixed part left in ORDER BY makes it sort. */
        snprintf(buf, sizeof buf, " AND length(h.%s) = length(:%s) AND h.%s IS :%s", col, col,
                 col, col);
        strncat(where, buf, sz - strlen(where) - 1);
    } else {
        snprintf(buf, sizeof buf, "%slength(h.%s), h.%s", *order ? ", " : "", col, col);
        strncat(order, buf, sz - strlen(order) - 1);
    }
}

static int run_address(struct run *r, const struct search_address *a, unsigned kind)
{
    char where[512], order[256] = "", sql[2048];
    const char *index;
    db_stmt *s;

    if (*a->compound) {
        /* household_address: compound, then each part. */
        snprintf(where, sizeof where, "h.compound IN (SELECT x FROM c WHERE instr(x, :compound) > 0)");
        snprintf(order, sizeof order, "h.compound");
        index = "household_address";
        address_part(where, order, sizeof where, "building", a->building);
        address_part(where, order, sizeof where, "unit", a->unit);
        address_part(where, order, sizeof where, "room", a->room);
    } else if (*a->building) {
        /* household_by_building: each part, then the rowid. */
        index = "household_by_building";
        snprintf(where, sizeof where, "1");
        address_part(where, order, sizeof where, "building", a->building);
        address_part(where, order, sizeof where, "unit", a->unit);
        address_part(where, order, sizeof where, "room", a->room);
        strcat(order, *order ? ", h.id" : "h.id");
    } else if (*a->room) {
        /* household_by_room: the room, then the rowid. */
        index = "household_by_room";
        snprintf(where, sizeof where, "1");
        address_part(where, order, sizeof where, "room", a->room);
        if (*a->unit)
            strcat(where, " AND h.unit = :unit");
        strcat(order, "h.id");
    } else {
        return 0; /* a unit alone is no index range: see parse_address */
    }
    household_from(r, sql, sizeof sql, *a->compound ? COMPOUNDS_CTE : "", index, where, order);
    s = prepare(r, sql);
    if (s && ((*a->compound && db_bind_text(s, ":compound", a->compound) != 0)
              || (*a->building && db_bind_text(s, ":building", a->building) != 0)
              || (*a->unit && db_bind_text(s, ":unit", a->unit) != 0)
              || (*a->room && db_bind_text(s, ":room", a->room) != 0)))
        db_finalize(&s);
    return drain(r, s, kind);
}

static int tier_address(struct run *r)
{
    for (int i = 0; i < r->q->naddr; i++)
        if (run_address(r, &r->q->addr[i], SEARCH_ADDRESS) != 0)
            return -1;
    return 0;
}

static int tier_name_contains(struct run *r)
{
    char gram[16];
    const char *p = r->q->name;
    size_t n = 0;
    int chars = 0;
    db_stmt *s;

    /* The first one or two characters of the fragment. */
    while (p[n] && chars < 2) {
        n++;
        while (((unsigned char)p[n] & 0xC0) == 0x80)
            n++;
        chars++;
    }
    if (n == 0 || n >= sizeof gram)
        return 0;
    memcpy(gram, p, n);
    gram[n] = '\0';
    s = prepare(r, r->q->name_chars <= 2
                       ? HIT_COLS "FROM resident_gram g JOIN resident r ON r.id = g.resident_id"
                         " JOIN household h ON h.id = r.household_id"
                         " WHERE g.gram = :gram AND g.gone = :gone"
                         " ORDER BY g.name_key, g.resident_id"
                       : HIT_COLS "FROM resident_gram g JOIN resident r ON r.id = g.resident_id"
                         " JOIN household h ON h.id = r.household_id"
                         " WHERE g.gram = :gram AND g.gone = :gone AND instr(r.name, :name) > 0"
                         " ORDER BY g.name_key, g.resident_id");
    if (s && (db_bind_text(s, ":gram", gram) != 0
              || (r->q->name_chars > 2 && db_bind_text(s, ":name", r->q->name) != 0)))
        db_finalize(&s);
    return drain(r, s, SEARCH_NAME);
}

static int tier_compound(struct run *r)
{
    struct search_address a;

    memset(&a, 0, sizeof a);
    text_copy(a.compound, sizeof a.compound, r->q->compound);
    return run_address(r, &a, SEARCH_COMPOUND);
}

/* The kinds, best first. */
static const struct tier {
    unsigned kind;
    int (*run)(struct run *r);
} tiers[] = {
    { SEARCH_ID, tier_whole_id },
    { SEARCH_PHONE, tier_whole_phone },
    { SEARCH_INITIALS, tier_initials },
    { SEARCH_NAME, tier_name_exact },
    { SEARCH_NAME, tier_name_prefix },
    { SEARCH_ID_END, tier_id_end },
    { SEARCH_ID_START, tier_id_start },
    { SEARCH_PHONE_END, tier_phone_end },
    { SEARCH_ADDRESS, tier_address },
    { SEARCH_NAME, tier_name_contains },
    { SEARCH_COMPOUND, tier_compound },
};

int search_run(db *d, const char *query, int offset, int limit,
               void (*fn)(const struct search_hit *h, void *ctx), void *ctx)
{
    struct search_query q;
    struct run r = { .d = d, .q = &q, .fn = fn, .ctx = ctx };
    int rc = 0;

    if (search_parse(query, &q) == 0 || limit <= 0 || !fn)
        return 0;
    r.skip = offset > 0 ? offset : 0;
    r.left = limit;
    for (r.gone = 0; r.gone <= 1 && rc == 0; r.gone++)
        for (size_t i = 0; i < sizeof tiers / sizeof tiers[0] && r.left > 0 && rc == 0; i++)
            if (q.kinds & tiers[i].kind)
                rc = tiers[i].run(&r);
    idset_free(&r.seen);
    return rc == 0 ? r.given : -1;
}
