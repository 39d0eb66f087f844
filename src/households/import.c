/* import.c — the survey spreadsheet into households and residents.
 *
 * The header row maps columns.  Then two passes over the rows: the first,
 * before anything is written, finds the ID numbers that appear twice
 * (find_twice: a sort whose memory does not grow with the file).  In the
 * second, two threads share the work.  The reading thread (reader_main)
 * reads each data row into a struct household and a struct resident,
 * checks it (every reason collected, so the person fixes a row once),
 * normalizes it and makes its ICU search keys -- everything that needs no
 * database -- and hands batches of rows over (src/batchq.h).  The calling
 * thread writes them through an hh_writer (src/households/household.h) inside the one
 * transaction of the whole import, reports each row's messages in file
 * order and calls the callbacks: the reading thread never does.  A row
 * whose address is the previous row's reuses that household without asking
 * the database.
 *
 * The writer loads in bulk (hh_writer_bulk_begin): the records created get
 * no audit row each, the import is recorded once (import_run, audited), and
 * for a file bigger than the table the indexes whose keys come in random
 * order are built again at the end.  How many rows to expect is guessed
 * from the file's size; from DIRECT_MIN_ROWS on, and when no other program
 * has the file open, the pages go straight into the database file
 * (db_direct_begin).
 *
 * Loading into empty tables (the first import of a community: the case
 * that must be fast), the writer takes many rows per statement
 * (hh_writer_feed, hh_writer_households_feed; write_fed): the households
 * of each batch first, then the residents, with ids chosen here; and the
 * reading thread, knowing those ids, makes the name n-grams of each
 * resident and sorts them (src/extsort.h), so the end of the load only
 * inserts them in order.  Otherwise each row is written on its own
 * (write_each).  Both write the same records (tests/unit/test_import.c).
 *
 * Counting what a write did: the writer says "created" or not; whether an
 * existing household or resident was changed is told by the connection's
 * count of changed rows, read before and after (see changes_now). */
#include "src/households/import.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pthread.h>

#include "src/batchq.h"
#include "src/date.h"
#include "src/extsort.h"
#include "src/households/vocab.h"
#include "src/households/household.h"
#include "src/i18n.h"
#include "src/numbers.h"
#include "src/text.h"

#define HEADER_SEARCH 5      /* records looked at for the header row */
#define PROGRESS_DEFAULT 4096
#define WHY_MAX 1024
#define BYTES_PER_ROW 80     /* a survey row's bytes, roughly: the rows to expect */
#define DIRECT_MIN_ROWS 50000 /* rows from which the load writes straight into the file */

/* ---- header names -------------------------------------------------------- */

/* Synonyms in key form (see header_key): lower-case ASCII, without spaces,
 * '_', '-', '.', '/', '*' and brackets. */
static const char *const *const synonyms[IC_COUNT] = {
    [IC_IGNORED] = (const char *const[]){ "序号", "编号", "行号", "no", "#", "seq", NULL },
    [IC_NAME] = (const char *const[]){ "姓名", "名字", "居民姓名", "人员姓名", "name", "fullname",
                                       NULL },
    [IC_SEX] = (const char *const[]){ "性别", "sex", "gender", NULL },
    [IC_ID_NUMBER] = (const char *const[]){ "身份证号", "身份证号码", "证件号码", "证件号",
                                            "身份证", "公民身份号码", "身份号码", "idnumber",
                                            "id", "idno", "idcard", "idcardnumber", NULL },
    [IC_ID_KIND] = (const char *const[]){ "证件类型", "证件种类", "idkind", "idtype",
                                          "documenttype", NULL },
    [IC_PHONE] = (const char *const[]){ "手机号", "手机号码", "手机", "联系电话", "电话",
                                        "电话号码", "联系方式", "phone", "mobile", "tel",
                                        "telephone", "phonenumber", NULL },
    [IC_COMPOUND] = (const char *const[]){ "小区", "小区名称", "小区名", "所在小区", "compound",
                                           "estate", NULL },
    [IC_BUILDING] = (const char *const[]){ "楼栋", "幢", "楼号", "栋", "楼栋号", "幢号", "栋号",
                                           "楼", "building", "bldg", NULL },
    [IC_UNIT] = (const char *const[]){ "单元", "单元号", "unit", NULL },
    [IC_ROOM] = (const char *const[]){ "室", "房号", "门牌", "门牌号", "房间号", "室号", "房间",
                                       "room", "roomno", NULL },
    [IC_RELATION] = (const char *const[]){ "与户主关系", "与户主的关系", "户主关系", "关系",
                                           "relation", "relationship", NULL },
    [IC_NOTES] = (const char *const[]){ "备注", "说明", "notes", "note", "remarks", "remark",
                                        NULL },
    [IC_BIRTH_DATE] = (const char *const[]){ "出生日期", "出生年月", "出生年月日", "生日",
                                             "birthdate", "birthday", "dateofbirth", "dob",
                                             NULL },
    [IC_HUKOU_PLACE] = (const char *const[]){ "户籍地", "户籍地址", "户籍所在地", "户籍",
                                              "户口所在地", "hukou", "hukouplace",
                                              "registeredresidence", NULL },
    [IC_POPULATION] = (const char *const[]){ "人员类型", "人口类型", "人员类别", "常住流动",
                                             "常住或流动", "居住类型", "residency",
                                             "population", "floating", NULL },
    [IC_RETURNED_FROM] = (const char *const[]){ "返乡来源地", "来源地", "从何地返回",
                                                "从何地来", "返回来源地", "出发地",
                                                "returnedfrom", "camefrom", NULL },
    [IC_ARRIVED_ON] = (const char *const[]){ "到达日期", "返乡日期", "抵达日期", "到达时间",
                                             "返回日期", "返乡时间", "arrivedon",
                                             "arrivaldate", "arrival", NULL },
    [IC_TRAVEL_NOTES] = (const char *const[]){ "行程", "行程备注", "行程轨迹", "出行轨迹",
                                               "旅居史", "travelnotes", "travel", NULL },
    [IC_FLAGS] = (const char *const[]){ "关爱标记", "关爱对象", "特殊人群", "重点关注",
                                        "人员标记", "标记", "flags", "care", "careflags", NULL },
    [IC_FLAG_ALONE] = (const char *const[]){ "独居老人", "独居", "livingalone", "alone",
                                             "elderlyalone", NULL },
    [IC_FLAG_DISABLED] = (const char *const[]){ "残疾人", "残疾", "disabled", NULL },
    [IC_FLAG_PREGNANT] = (const char *const[]){ "孕妇", "孕产妇", "pregnant", NULL },
    [IC_FLAG_CHRONIC] = (const char *const[]){ "慢性病", "慢病", "chronic", "chronicillness",
                                               NULL },
    [IC_FLAG_INFANT] = (const char *const[]){ "婴幼儿", "infant", NULL },
    [IC_FLAG_KEY] = (const char *const[]){ "重点人员", "keyperson", NULL },
    [IC_GRID] = (const char *const[]){ "网格", "所属网格", "网格名称", "grid", NULL },
    [IC_GRID_WORKER] = (const char *const[]){ "网格员", "包保人", "网格负责人", "gridworker",
                                              NULL },
    [IC_HOUSEHOLD_KIND] = (const char *const[]){ "房屋性质", "住房类型", "居住性质", "户类型",
                                                 "房屋类型", "householdkind", "tenure",
                                                 "housing", NULL },
    [IC_MOVED_OUT_ON] = (const char *const[]){ "迁出日期", "搬离日期", "movedout",
                                               "movedouton", NULL },
    [IC_MOVED_TO] = (const char *const[]){ "迁往", "迁往地", "去向", "movedto", NULL },
    [IC_HOUSEHOLD_PHONE] = (const char *const[]){ "户联系电话", "户电话", "家庭电话",
                                                  "住户电话", "householdphone", NULL },
    [IC_HOUSEHOLD_NOTES] = (const char *const[]){ "户备注", "住户备注", "householdnotes",
                                                  NULL },
};

/* Is CP dropped from a key? */
static bool key_drops(uint32_t cp)
{
    switch (cp) {
    case ' ': case '\t': case '_': case '-': case '.': case '/': case '*':
    case '(': case ')': case '[': case ']':
    case 0x00A0: /* no-break space */
    case 0x3000: /* ideographic space */
    case 0xFEFF: /* BOM */
    case 0xFF08: case 0xFF09: /* full-width brackets */
    case 0x3010: case 0x3011: /* 【 】 */
        return true;
    }
    return false;
}

/* S in key form into OUT: full-width ASCII folded, ASCII lower-cased, the
 * characters of key_drops left out, and a trailing 必填 / 选填 (the
 * "required" / "optional" marks of templates) cut off. */
static void header_key(const char *s, char *out, size_t outsz)
{
    size_t n = strlen(s), o = 0;

    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += text_decode(s + i, n - i, &cp);
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0;
        if (key_drops(cp))
            continue;
        if (cp >= 'A' && cp <= 'Z')
            cp += 'a' - 'A';
        char buf[4];
        size_t k = text_encode(cp, buf);
        if (o + k >= outsz)
            break;
        memcpy(out + o, buf, k);
        o += k;
    }
    out[o] = '\0';
    static const char *const marks[] = { "必填", "选填", NULL };
    for (int m = 0; marks[m]; m++) {
        size_t k = strlen(marks[m]);
        if (o > k && strcmp(out + o - k, marks[m]) == 0)
            out[o - k] = '\0';
    }
}

enum import_column import_column_of(const char *header)
{
    char key[128];

    header_key(header ? header : "", key, sizeof key);
    if (!*key)
        return IC_UNKNOWN;
    for (int c = 0; c < IC_COUNT; c++)
        for (const char *const *s = synonyms[c]; s && *s; s++)
            if (strcmp(key, *s) == 0)
                return (enum import_column)c;
    return IC_UNKNOWN;
}

/* ---- ID numbers that appear twice in the file ---------------------------
 *
 * Before anything is written, a first pass over the file takes each row's
 * ID number as a 64-bit key (id_key) with the row's line.  Sorted by key,
 * the rows of a key seen before give pairs (line, first line); sorted by
 * line, those pairs are read alongside the import's own pass, which so
 * knows at each row whether its number came earlier in the file.  Memory
 * does not grow with the file: the sorts (src/extsort.h) write what their
 * memory cannot hold to a temporary file. */

/* A resident ID number is its exact key (17 digits and the check character
 * fit in 61 bits); other documents use a 64-bit hash with the top bit set. */
static uint64_t id_key(const char *number, int kind)
{
    if (kind == IDK_RESIDENT && strlen(number) == 18) {
        uint64_t v = 0;
        for (int i = 0; i < 17; i++)
            v = v * 10 + (uint64_t)(number[i] - '0');
        return v * 11 + (number[17] == 'X' ? 10 : (uint64_t)(number[17] - '0')) + 1;
    }
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)kind;
    for (const unsigned char *p = (const unsigned char *)number; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h | (1ULL << 63);
}

/* Why a sort stopped (ERR, an errno), as the import says it, into WHY. */
static void temp_file_failed(int err, char *why, size_t whysz)
{
    const char *dir = getenv("TMPDIR");

    if (err == ENOMEM)
        snprintf(why, whysz, "%s", _("out of memory: nothing was imported"));
    else
        snprintf(why, whysz,
                 _("the import could not write its temporary file in the folder %s (%s): "
                   "check that the folder is there and its disk has room, then import the "
                   "file again; nothing was imported"),
                 dir && *dir ? dir : "/tmp", strerror(err));
}

/* Two numbers as one record of the sorts: big-endian, so that the bytes
 * sort as the numbers do, the first one first. */
struct pair {
    uint64_t a, b;
};

#define PAIR_BYTES 16
#define KEY_RUN (256 * 1024)  /* pairs sorted in memory by the first sort */
#define TWICE_RUN (16 * 1024) /* by the second, which usually holds none */
#define GRAM_RUN (2 << 20)    /* bytes of n-grams sorted in memory by the reading */
/* What a pair takes in a sort's memory: its bytes, their length, its place. */
#define PAIR_MEMORY (PAIR_BYTES + 2 + 4)

static size_t run_for_tests; /* import_set_sort_run */
static bool one_thread_for_tests; /* import_set_one_thread */

void import_set_one_thread(bool one)
{
    one_thread_for_tests = one;
}

void import_set_sort_run(size_t pairs)
{
    run_for_tests = pairs;
}

static extsort *pair_sort(size_t pairs)
{
    return extsort_new((run_for_tests ? run_for_tests : pairs) * PAIR_MEMORY);
}

static int pair_add(extsort *s, uint64_t a, uint64_t b)
{
    unsigned char rec[PAIR_BYTES];

    for (int i = 0; i < 8; i++) {
        rec[i] = (unsigned char)(a >> (56 - 8 * i));
        rec[8 + i] = (unsigned char)(b >> (56 - 8 * i));
    }
    return extsort_add(s, rec, sizeof rec);
}

/* The next pair in order: 1, 0 at the end, -1 a read failure. */
static int pair_next(extsort *s, struct pair *p)
{
    const unsigned char *rec;
    size_t n;
    int rc = extsort_next(s, (const void **)&rec, &n);

    if (rc != 1)
        return rc;
    if (n != PAIR_BYTES)
        return -1;
    p->a = p->b = 0;
    for (int i = 0; i < 8; i++) {
        p->a = p->a << 8 | rec[i];
        p->b = p->b << 8 | rec[8 + i];
    }
    return 1;
}

/* ---- the import's state ------------------------------------------------- */

struct imp {
    db *d;
    const char *path;
    const struct import_options *opt;
    struct import_result *res;
    hh_writer *w;

    size_t ncols;
    int *col;               /* enum import_column of each column */
    char **head;            /* the header cells as written, for messages */
    int where[IC_COUNT];    /* the column of each kind, -1 when absent */
    long header_line;

    extsort *twice;         /* (line, first line) of each number seen before */
    struct pair twice_next; /* the next of them, when twice_left */
    bool twice_left;
    struct date today;
    int today_ymd;

    struct household last;  /* the previous row's address, normalized */
    int64_t last_id;

    long long bytes_total;  /* of the file */
    struct rows *rows;      /* the writing's (feed_next) */
    struct item *held;      /* a row feed_next left for write_fed */
    bool failed;            /* feed_next met a database failure */

    /* A load into an empty table (hh_writer_can_feed): the reading gives
     * each resident its id and makes its n-grams, sorted in GRAMS, for the
     * end of the load -- unless a row did not become the resident it was
     * given the id of (GRAMS_LOST: the end makes them from the table). */
    bool fast;
    extsort *grams;
    int64_t next_id, next_household;
    bool grams_lost;
    int grams_err;          /* the reading's sort failed: errno */

    /* The households people were moved out of (see moved), for the check
     * at the end that each still has a head. */
    int64_t *left;
    size_t nleft, capleft;

    /* Rows whose ID number is masked (330102********1234), of the rows
     * with one: the first pass counts them (see row_key). */
    long ids_masked, ids_given;

    /* The reading side's (see read_row): */
    char why[WHY_MAX];      /* reasons a row is rejected, "; " between */
    char note[WHY_MAX];     /* notices about a row that is kept */
};

/* A row as the reading hands it to the writer. */
enum item_kind {
    IT_ROW,    /* write it (and show its notice) */
    IT_REJECT, /* a row left out: show why */
    IT_STOP,   /* reading stopped: why; nothing is imported */
};

struct item {
    enum item_kind kind;
    long line;
    long long bytes_done;  /* of the file, when it was read */
    uint32_t why, note;    /* offsets of its texts in the batch; 0: none */
    struct household h;
    struct resident r;
    struct resident_keys k;
};

#define BATCH_ROWS 64
#define BATCHES 4   /* batches in flight: the reading runs at most that far ahead */

struct batch {
    size_t n;
    struct item item[BATCH_ROWS];
    size_t text_len;
    char text[8 * WHY_MAX];
};

/* The reading thread's own. */
struct reader {
    struct imp *im;
    csv_reader *r;
    batchq *q;
};

static void emit_kind(struct imp *im, long line, bool rejected, enum import_msg_kind kind,
                      const char *reason)
{
    char text[WHY_MAX + 512], clean[WHY_MAX + 512];

    if (!im->opt || !im->opt->problem)
        return;
    if (line > 0)
        snprintf(text, sizeof text, "%s:%ld: %s", im->path, line, reason);
    else
        snprintf(text, sizeof text, "%s: %s", im->path, reason);
    /* Values are quoted with text_escape where they are put in; this is
     * the guard for whatever else (the path) reaches a terminal. */
    text_clean(clean, sizeof clean, text, NULL);
    struct import_problem p = {
        .file = im->path, .line = line, .rejected = rejected, .kind = kind,
        .reason = reason, .text = clean,
    };
    im->opt->problem(&p, im->opt->ctx);
}

static void emit(struct imp *im, long line, bool rejected, const char *reason)
{
    emit_kind(im, line, rejected, rejected ? IMPORT_MSG_PROBLEM : IMPORT_MSG_NOTICE, reason);
}

/* The columns a quoted value takes at most in a message. */
#define QUOTE_COLS 40

/* V as a message quotes it: one line, no control character, cut after
 * QUOTE_COLS columns.  Returns BUF. */
static const char *quoted(char *buf, size_t bufsz, const char *v)
{
    text_escape(buf, bufsz, v, QUOTE_COLS);
    return buf;
}

/* ID and phone numbers in messages are masked, as in every list: a
 * message goes to a terminal, a log, a chat group.  Returns BUF. */
static const char *mask_id(char *buf, size_t bufsz, const char *number)
{
    char q[256];

    text_mask_id(buf, bufsz, quoted(q, sizeof q, number));
    return buf;
}


static void say(struct imp *im, long line, bool rejected, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void say(struct imp *im, long line, bool rejected, const char *fmt, ...)
{
    char reason[WHY_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    emit(im, line, rejected, reason);
}

/* The whole import is refused: REASON said, nothing counted. */
static int stop(struct imp *im, const char *reason)
{
    if (reason)
        emit(im, 0, true, reason);
    im->res->stopped = true;
    im->res->residents_created = im->res->residents_updated = 0;
    im->res->residents_unchanged = im->res->households_created = 0;
    return -1;
}

/* Appends a formatted reason to BUF ("; " between reasons). */
static void add_to(char *buf, const char *fmt, va_list ap)
{
    size_t n = strlen(buf);

    if (n + 3 >= WHY_MAX)
        return;
    if (n) {
        memcpy(buf + n, "; ", 3);
        n += 2;
    }
    vsnprintf(buf + n, WHY_MAX - n, fmt, ap);
}

static void reject(struct imp *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void reject(struct imp *im, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    add_to(im->why, fmt, ap);
    va_end(ap);
}

static void notice(struct imp *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void notice(struct imp *im, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    add_to(im->note, fmt, ap);
    va_end(ap);
}

/* The header cell of column kind C, as the file writes it. */
static const char *head_of(const struct imp *im, int c)
{
    return im->where[c] >= 0 ? im->head[im->where[c]] : "";
}

static void phone_refused(struct imp *im, int c, const char *raw)
{
    char q[256], masked[256];

    text_mask_phone(masked, sizeof masked, quoted(q, sizeof q, raw));
    reject(im, _("the %s \"%s\" is not a possible phone number: a mobile number has 11 "
                 "digits and starts with 13 to 19, a landline number has its area code, "
                 "like 0571-87654321"),
           head_of(im, c), masked);
}

/* The rows the connection has changed so far. */
static long long changes_now(struct imp *im)
{
    return db_total_changes(im->d);
}

/* ---- the header row ------------------------------------------------------- */

static int record_names_name(const struct csv_record *rec)
{
    for (size_t i = 0; i < rec->nfields; i++)
        if (import_column_of(rec->field[i]) == IC_NAME)
            return 1;
    return 0;
}

/* Copies the header record and maps its columns.  -1 when out of memory. */
static int take_header(struct imp *im, const struct csv_record *rec)
{
    im->ncols = rec->nfields;
    im->header_line = rec->line;
    im->col = calloc(rec->nfields ? rec->nfields : 1, sizeof *im->col);
    im->head = calloc(rec->nfields ? rec->nfields : 1, sizeof *im->head);
    if (!im->col || !im->head)
        return -1;
    for (int c = 0; c < IC_COUNT; c++)
        im->where[c] = -1;
    for (size_t i = 0; i < rec->nfields; i++) {
        char *cell = text_trim(rec->field[i]), q[256];
        /* a BOM that a second export left in the first cell */
        if (strncmp(cell, "\xEF\xBB\xBF", 3) == 0)
            cell = text_trim(cell + 3);
        /* The header cells are named in messages: as quoted values are. */
        im->head[i] = strdup(quoted(q, sizeof q, cell));
        if (!im->head[i])
            return -1;
        int c = import_column_of(cell);
        im->col[i] = IC_IGNORED;
        if (!*cell)
            continue;
        if (c == IC_UNKNOWN) {
            say(im, rec->line, false, _("unknown column \"%s\" skipped"), im->head[i]);
            im->res->unknown_columns++;
        } else if (c != IC_IGNORED && im->where[c] >= 0) {
            say(im, rec->line, false,
                _("the column \"%s\" says the same as column %d (\"%s\"): it is skipped"),
                im->head[i], im->where[c] + 1, im->head[im->where[c]]);
        } else {
            im->where[c] = (int)i;
            im->col[i] = c;
        }
    }
    return 0;
}

/* Reports every required column that is missing.  True when all are there. */
static bool required_columns_present(struct imp *im)
{
    static const struct {
        int col;
        const char *what;
    } req[] = {
        { IC_NAME, N_("the name: name a header cell 姓名 (or name)") },
        { IC_BUILDING, N_("the building: name a header cell 楼栋 (or 幢, 楼号, building)") },
        { IC_ROOM, N_("the room: name a header cell 室 (or 房号, 门牌, room)") },
    };
    bool ok = true;

    for (size_t i = 0; i < sizeof req / sizeof req[0]; i++) {
        if (im->where[req[i].col] >= 0)
            continue;
        say(im, im->header_line, true, _("no column for %s"), _(req[i].what));
        ok = false;
    }
    return ok;
}

/* ---- values -------------------------------------------------------------- */


/* V into DST, or a reason naming the column when it does not fit (CUT_OK:
 * cut at a character boundary, with a notice). */
static void put(struct imp *im, int c, char *dst, size_t dstsz, const char *v, bool cut_ok)
{
    size_t n = strlen(v);

    if (n < dstsz) {
        memcpy(dst, v, n + 1);
        return;
    }
    char q[256];
    if (!cut_ok) {
        reject(im, _("the %s \"%s\" is too long"), head_of(im, c), quoted(q, sizeof q, v));
        return;
    }
    text_copy(dst, dstsz, v);
    notice(im, _("the %s was too long and was cut after \"%s\""), head_of(im, c),
           quoted(q, sizeof q, dst));
}

/* The words of a code column are those of its vocabulary (src/households/vocab.h):
 * the form takes the same.  V is the cell, Q it quoted for a message. */

/* 是 / 否 and their friends: 1 yes, 0 no (or empty), -1 neither. */
static int yes_no(const char *v)
{
    int value;

    if (!*v)
        return 0;
    return vocab_parse(&hh_vocab_yes_no, v, &value) == 0 ? value : -1;
}

static void parse_sex(struct imp *im, const char *v, const char *q, struct resident *r)
{
    int value;

    if (!*v)
        return;
    if (vocab_parse(&hh_vocab_sex, v, &value) == 0) {
        r->sex[0] = (char)value;
        r->sex[1] = '\0';
    } else {
        reject(im, _("the %s \"%s\" is neither 男 nor 女"), head_of(im, IC_SEX), q);
    }
}

static void parse_population(struct imp *im, const char *v, const char *q, struct resident *r)
{
    int value = 0;

    if (*v && vocab_parse(&hh_vocab_population, v, &value) != 0)
        reject(im, _("the %s \"%s\" is neither 常住 nor 流动"), head_of(im, IC_POPULATION), q);
    r->floating = value == 1;
}

static void parse_household_kind(struct imp *im, const char *v, const char *q,
                                 struct household *h)
{
    int value = HH_OWNER;

    if (*v && vocab_parse(&hh_vocab_kind, v, &value) != 0)
        reject(im, _("the %s \"%s\" is not one of 自住, 出租 or 群租"),
               head_of(im, IC_HOUSEHOLD_KIND), q);
    h->kind = value;
}

static void parse_id_kind(struct imp *im, const char *v, const char *q, struct resident *r)
{
    int value = IDK_NONE;

    if (*v && vocab_parse(&hh_vocab_id_kind, v, &value) != 0)
        reject(im, _("the %s \"%s\" is not one of 身份证, 护照, 港澳通行证, 台胞证 or 其他"),
               head_of(im, IC_ID_KIND), q);
    r->id_kind = value;
}

/* Care flags written as words in one cell: 独居老人、孕妇 (否 or empty:
 * none). */
static void parse_flags(struct imp *im, const char *v, const char *q, struct resident *r)
{
    unsigned flags = 0;
    char bad[64];

    if (yes_no(v) == 0)
        return;
    if (vocab_parse_set(&hh_vocab_care, v, &flags, bad, sizeof bad) != 0 || !flags)
        reject(im, _("the %s \"%s\" names none of 独居老人, 残疾人, 孕妇, 慢性病, 婴幼儿, 重点人员"),
               head_of(im, IC_FLAGS), q);
    r->flags |= flags;
}

static void parse_flag_column(struct imp *im, int c, const char *v, const char *q,
                              struct resident *r)
{
    static const unsigned flag_of[IC_COUNT] = {
        [IC_FLAG_ALONE] = CARE_ALONE_ELDERLY, [IC_FLAG_DISABLED] = CARE_DISABLED,
        [IC_FLAG_PREGNANT] = CARE_PREGNANT,   [IC_FLAG_CHRONIC] = CARE_CHRONIC,
        [IC_FLAG_INFANT] = CARE_INFANT,       [IC_FLAG_KEY] = CARE_KEY_PERSON,
    };
    int yn = yes_no(v);

    if (yn < 0)
        reject(im, _("the %s \"%s\" is neither 是 nor 否"), head_of(im, c), q);
    else if (yn)
        r->flags |= flag_of[c];
}

/* The relation: one of its words stored as the vocabulary stores it (妻 is
 * 配偶); another text is kept as written. */
static void parse_relation(struct imp *im, char *v, struct resident *r)
{
    int value;

    if (vocab_parse(&hh_vocab_relation, v, &value) == 0)
        text_copy(r->relation, sizeof r->relation, vocab_stored(&hh_vocab_relation, value));
    else
        put(im, IC_RELATION, r->relation, sizeof r->relation, v, true);
}

/* A date as spreadsheets write it into DST (YYYY-MM-DD); for a birth date,
 * not in the future and not before 1900. */
static void parse_date(struct imp *im, int c, const char *v, char *dst, bool birth)
{
    struct date dt;
    char why[256];

    if (!*v)
        return;
    char q[256];
    if (!date_parse_human(v, im->today, &dt, why, sizeof why)) {
        reject(im, _("the %s \"%s\" is not a date: write it like 1990-03-07"), head_of(im, c),
               quoted(q, sizeof q, v));
        return;
    }
    if (birth && date_cmp(dt, im->today) > 0) {
        reject(im, _("the %s %s is in the future"), head_of(im, c), quoted(q, sizeof q, v));
        return;
    }
    if (birth && dt.y < 1900) {
        reject(im, _("the %s %s is before 1900"), head_of(im, c), quoted(q, sizeof q, v));
        return;
    }
    date_format(dt, dst, 11);
}

/* The ID number as spreadsheets export it: '330102... (a text mark) or
 * ="330102..." (a formula) give the bare number. */
static const char *strip_sheet_marks(char *v)
{
    size_t n = strlen(v);

    if (v[0] == '\'')
        return text_trim(v + 1);
    if (n >= 3 && v[0] == '=' && v[1] == '"' && v[n - 1] == '"') {
        v[n - 1] = '\0';
        return text_trim(v + 2);
    }
    return v;
}

/* Free text, where a line break made in a cell (Alt+Enter) is kept as a
 * space; in every other column a line break is a mistake. */
static bool free_text(int c)
{
    return c == IC_NOTES || c == IC_TRAVEL_NOTES || c == IC_HUKOU_PLACE || c == IC_RETURNED_FROM
        || c == IC_MOVED_TO || c == IC_HOUSEHOLD_NOTES || c == IC_GRID || c == IC_GRID_WORKER;
}

/* A cell as it may be stored, in place: a tab is a space; a line break is
 * a space in free text (false elsewhere: the row is refused); control
 * characters that no text holds (ESC, BEL, C1, DEL...) are refused; a NUL
 * byte (the cell is LEN bytes long, its text shorter) too.  False with the
 * reason given to reject. */
static bool clean_cell(struct imp *im, int c, char *cell, size_t len)
{
    uint32_t cp;
    long at;

    if (strlen(cell) != len) {
        long before = 0;
        for (const char *p = cell; *p; p++)
            before += ((unsigned char)*p & 0xC0) != 0x80;
        reject(im, _("the %s holds a NUL byte at character %ld, which no text has: type the "
                     "cell again in the spreadsheet and import the file again"),
               head_of(im, c), before + 1);
        return false;
    }
    at = text_find_control(cell, "\t\r\n", &cp, NULL);
    if (at >= 0) {
        reject(im, _("the %s holds a control character (U+%04X) at character %ld, which no "
                     "text has: delete it in the spreadsheet and import the file again"),
               head_of(im, c), (unsigned)cp, at + 1);
        return false;
    }
    char *o = cell;
    for (char *p = cell; *p; p++) {
        if (*p == '\r' && p[1] == '\n')
            continue; /* CRLF inside a cell of a CRLF file: one line break */
        if (*p == '\r' || *p == '\n') {
            if (!free_text(c)) {
                reject(im, _("the %s holds a line break: put it on one line"), head_of(im, c));
                return false;
            }
            *o++ = ' ';
        } else {
            *o++ = *p == '\t' ? ' ' : *p;
        }
    }
    *o = '\0';
    return true;
}

/* A cell that our export (or a careful person) wrote '=... so that a
 * spreadsheet shows it as text, not a formula: the bare text. */
static char *strip_formula_mark(char *v)
{
    if (v[0] == '\'' && v[1] && strchr("=+-@", v[1]))
        return v + 1;
    return v;
}

/* One cell of column kind C (LEN bytes, as the file has it). */
static void take_cell(struct imp *im, int c, char *cell, size_t len, struct household *h,
                      struct resident *r, char *phone_raw, size_t phone_rawsz)
{
    char q[256];
    char *v;

    if (c == IC_UNKNOWN || c == IC_IGNORED || !clean_cell(im, c, cell, len))
        return;
    v = strip_formula_mark(text_trim(cell));
    quoted(q, sizeof q, v); /* the value as a message shows it */
    switch ((enum import_column)c) {
    case IC_UNKNOWN:
    case IC_IGNORED:
    case IC_COUNT:
        break;
    case IC_NAME: put(im, c, r->name, sizeof r->name, v, false); break;
    case IC_SEX: parse_sex(im, v, q, r); break;
    case IC_ID_NUMBER:
        put(im, c, r->id_number, sizeof r->id_number, strip_sheet_marks(v), false);
        break;
    case IC_ID_KIND: parse_id_kind(im, v, q, r); break;
    case IC_PHONE:
        text_copy(phone_raw, phone_rawsz, v);
        break;
    case IC_COMPOUND: put(im, c, h->compound, sizeof h->compound, v, false); break;
    case IC_BUILDING: put(im, c, h->building, sizeof h->building, v, false); break;
    case IC_UNIT: put(im, c, h->unit, sizeof h->unit, v, false); break;
    case IC_ROOM: put(im, c, h->room, sizeof h->room, v, false); break;
    case IC_RELATION: parse_relation(im, v, r); break;
    case IC_NOTES: put(im, c, r->notes, sizeof r->notes, v, true); break;
    case IC_BIRTH_DATE: parse_date(im, c, v, r->birth_date, true); break;
    case IC_HUKOU_PLACE: put(im, c, r->hukou_place, sizeof r->hukou_place, v, true); break;
    case IC_POPULATION: parse_population(im, v, q, r); break;
    case IC_RETURNED_FROM: put(im, c, r->returned_from, sizeof r->returned_from, v, true); break;
    case IC_ARRIVED_ON: parse_date(im, c, v, r->arrived_on, false); break;
    case IC_TRAVEL_NOTES: put(im, c, r->travel_notes, sizeof r->travel_notes, v, true); break;
    case IC_FLAGS: parse_flags(im, v, q, r); break;
    case IC_FLAG_ALONE:
    case IC_FLAG_DISABLED:
    case IC_FLAG_PREGNANT:
    case IC_FLAG_CHRONIC:
    case IC_FLAG_INFANT:
    case IC_FLAG_KEY:
        parse_flag_column(im, c, v, q, r);
        break;
    case IC_GRID: put(im, c, h->grid, sizeof h->grid, v, true); break;
    case IC_GRID_WORKER: put(im, c, h->grid_worker, sizeof h->grid_worker, v, true); break;
    case IC_HOUSEHOLD_KIND: parse_household_kind(im, v, q, h); break;
    case IC_MOVED_OUT_ON: parse_date(im, c, v, r->moved_out_on, false); break;
    case IC_MOVED_TO: put(im, c, r->moved_to, sizeof r->moved_to, v, true); break;
    case IC_HOUSEHOLD_PHONE: put(im, c, h->phone, sizeof h->phone, v, false); break;
    case IC_HOUSEHOLD_NOTES: put(im, c, h->notes, sizeof h->notes, v, true); break;
    }
}

/* ---- checks of a whole row ------------------------------------------------- */

/* The line where the ID number of the row on LINE first appears in the
 * file, when it appears before (see find_twice); 0 when not, -1 when the
 * temporary file could not be read.  Called for rows in file order. */
static long first_line_of(struct imp *im, long line)
{
    while (im->twice_left && im->twice_next.a < (uint64_t)line) {
        int rc = pair_next(im->twice, &im->twice_next);
        if (rc < 0)
            return -1;
        im->twice_left = rc > 0;
    }
    return im->twice_left && im->twice_next.a == (uint64_t)line ? (long)im->twice_next.b : 0;
}

static void check_duplicate(struct imp *im, const struct resident *r, long line)
{
    long first = first_line_of(im, line);

    char masked[64];
    if (first > 0)
        reject(im, _("the ID number %s appears twice in the file (first on line %ld)"),
               mask_id(masked, sizeof masked, r->id_number), first);
    else if (first < 0)
        reject(im, _("the temporary file of the import could not be read (%s)"),
               strerror(extsort_error(im->twice)));
}

/* R's ID number made ready for the checks: none (false); another
 * document's number, as it is stored (true); a resident ID number that ID_CHECK
 * (in *ST, with *INFO) finds right, normalized (true), or wrong (false). */
static bool number_of(const struct imp *im, struct resident *r, enum id_status *st,
                      struct id_info *info)
{
    *st = ID_OK;
    if (!*r->id_number) {
        r->id_kind = IDK_NONE;
        return false;
    }
    if (r->id_kind != IDK_NONE && r->id_kind != IDK_RESIDENT) {
        /* as the writer stores it, so the same passport written e1234567
         * and E1234567 is seen twice */
        document_number_normalize(r->id_number);
        return *r->id_number != '\0';
    }
    r->id_kind = IDK_RESIDENT;
    *st = id_check(r->id_number, im->today_ymd, info);
    if (*st != ID_OK && *st != ID_OK_LEGACY)
        return false;
    text_copy(r->id_number, sizeof r->id_number, info->normalized);
    return true;
}

/* The resident ID number: its check character and birth date, then the
 * sex and birth date of the file against it (a notice when they differ). */
static void check_id(struct imp *im, struct resident *r, long line)
{
    struct id_info info;
    enum id_status st;
    char why[512];
    const char *col = head_of(im, IC_ID_NUMBER);

    if (number_of(im, r, &st, &info))
        check_duplicate(im, r, line);
    if (r->id_kind != IDK_RESIDENT)
        return;
    char q[256];
    if (st == ID_DAMAGED) {
        reject(im, _("the %s \"%s\" was turned into a number by the spreadsheet and its last "
                     "digits are lost: format the column as text, type the numbers again "
                     "and export the file again"),
               col, quoted(q, sizeof q, r->id_number));
        return;
    }
    if (strchr(r->id_number, '*')) {
        reject(im, _("the %s %s is masked: the full number is needed to know who this is"), col,
               quoted(q, sizeof q, r->id_number));
        return;
    }
    if (st != ID_OK && st != ID_OK_LEGACY) {
        reject(im, _("%s %s: %s"), col, mask_id(q, sizeof q, r->id_number),
               id_explain(st, &info, why, sizeof why));
        return;
    }
    if (*r->sex && r->sex[0] != info.sex)
        notice(im, _("the %s says %s but the ID number says %s: kept as in the file"),
               head_of(im, IC_SEX), r->sex[0] == 'M' ? _("male") : _("female"),
               info.sex == 'M' ? _("male") : _("female"));
    char from_id[11];
    date_format((struct date){ info.birth_year, info.birth_month, info.birth_day }, from_id,
                sizeof from_id);
    if (*r->birth_date && strcmp(r->birth_date, from_id) != 0)
        notice(im, _("the %s %s differs from the one in the ID number (%s): kept as in the file"),
               head_of(im, IC_BIRTH_DATE), r->birth_date, from_id);
}

static void check_phone(struct imp *im, struct resident *r, const char *raw)
{
    char norm[32];

    if (!*raw)
        return;
    if (phone_check(raw, norm, sizeof norm) == PHONE_INVALID) {
        phone_refused(im, IC_PHONE, raw);
        return;
    }
    text_copy(r->phone, sizeof r->phone, norm);
}

/* The household's own phone, when the file has that column. */
static void check_household_phone(struct imp *im, struct household *h)
{
    char norm[32];

    if (!*h->phone)
        return;
    if (phone_check(h->phone, norm, sizeof norm) == PHONE_INVALID) {
        phone_refused(im, IC_HOUSEHOLD_PHONE, h->phone);
        h->phone[0] = '\0';
        return;
    }
    text_copy(h->phone, sizeof h->phone, norm);
}

static void check_row(struct imp *im, struct household *h, struct resident *r,
                      const char *phone_raw, long line)
{
    if (!*r->name)
        reject(im, _("the %s is empty"), head_of(im, IC_NAME));
    check_id(im, r, line);
    check_phone(im, r, phone_raw);
    check_household_phone(im, h);
    household_normalize(h);
    if (!*h->room)
        reject(im, _("the %s is empty: every household needs its room number"),
               head_of(im, IC_ROOM));
    if (!*h->building && !*h->compound)
        reject(im, _("the %s is empty (and there is no compound)"), head_of(im, IC_BUILDING));
}

/* Is every field of REC empty (a row a spreadsheet left blank)? */
static bool blank_record(const struct csv_record *rec)
{
    for (size_t i = 0; i < rec->nfields; i++)
        if (*text_trim(rec->field[i]))
            return false;
    return true;
}

/* The number of fields is right: the header's, or more when the extra
 * ones are empty. */
static bool columns_fit(const struct imp *im, const struct csv_record *rec)
{
    if (rec->nfields < im->ncols)
        return false;
    for (size_t i = im->ncols; i < rec->nfields; i++)
        if (rec->len[i] > 0)
            return false;
    return true;
}

/* ---- writing --------------------------------------------------------------- */

static bool same_address(const struct household *a, const struct household *b)
{
    return strcmp(a->room, b->room) == 0 && strcmp(a->building, b->building) == 0
        && strcmp(a->unit, b->unit) == 0 && strcmp(a->compound, b->compound) == 0;
}

/* The household of a row the reading made ready (read_row): found, or
 * created; its id into the row.  0, 1 refused by the record checks (the
 * reason in WHY), -1 a database failure. */
static int write_household_of(struct imp *im, struct item *it, char *why, size_t whysz)
{
    bool created = false;

    if (!im->last_id || !same_address(&it->h, &im->last)) {
        int64_t id = 0;
        if (hh_writer_household(im->w, &it->h, &id, &created) != 0)
            return household_check(&it->h, why, whysz) != 0 ? 1 : -1;
        if (created)
            im->res->households_created++;
        im->last = it->h;
        im->last_id = id;
    }
    it->r.household_id = im->last_id;
    return 0;
}

/* HH's address into BUF, read from the database. */
static int address_of(struct imp *im, int64_t hh, char *buf, size_t bufsz)
{
    struct household h;

    if (household_get(im->d, hh, &h) != 0)
        return -1;
    household_address(&h, buf, bufsz);
    return 0;
}

/* The row IT moved a registered person out of household WAS into another:
 * said with both addresses (no import moves anyone unnamed), and WAS kept
 * for the check that it still has a head.  0, -1 a database failure. */
static int moved(struct imp *im, const struct item *it, int64_t was)
{
    char from[256], to[256], who[600], q[256], masked[64], reason[WHY_MAX];

    if (address_of(im, was, from, sizeof from) != 0
        || address_of(im, it->r.household_id, to, sizeof to) != 0)
        return -1;
    im->res->residents_moved++;
    quoted(q, sizeof q, it->r.name);
    if (*it->r.id_number)
        snprintf(who, sizeof who, "%s (%s)", q, mask_id(masked, sizeof masked, it->r.id_number));
    else
        snprintf(who, sizeof who, "%s", q);
    snprintf(reason, sizeof reason,
             im->opt && im->opt->dry_run ? _("would move %s from %s to %s")
                                         : _("moved %s from %s to %s"),
             who, from, to);
    emit_kind(im, it->line, false, IMPORT_MSG_MOVE, reason);
    for (size_t i = 0; i < im->nleft; i++)
        if (im->left[i] == was)
            return 0;
    if (im->nleft == im->capleft) {
        size_t cap = im->capleft ? 2 * im->capleft : 16;
        int64_t *l = realloc(im->left, cap * sizeof *l);
        if (!l)
            return -1;
        im->left = l;
        im->capleft = cap;
    }
    im->left[im->nleft++] = was;
    return 0;
}

/* The resident of that row, created or updated: the same. */
static int write_resident_of(struct imp *im, struct item *it, char *why, size_t whysz)
{
    struct hh_upsert u;
    long long before = changes_now(im);

    if (hh_writer_resident_prepared(im->w, &it->r, &it->k, &u) != 0)
        return resident_check(&it->r, why, whysz) != 0 ? 1 : -1;
    if (u.created)
        im->res->residents_created++;
    else if (changes_now(im) > before)
        im->res->residents_updated++;
    else
        im->res->residents_unchanged++;
    if (!u.created && u.was_household && u.was_household != it->r.household_id
        && moved(im, it, u.was_household) != 0)
        return -1;
    return 0;
}

/* After the rows: each household someone was moved out of that now has
 * nobody living there, or no head (户主), said by its address.  0, -1 a
 * database failure. */
static int check_left(struct imp *im)
{
    bool dry = im->opt && im->opt->dry_run;

    for (size_t i = 0; i < im->nleft; i++) {
        char addr[256], reason[WHY_MAX];
        int living, heads;
        if (household_heads(im->d, im->left[i], &living, &heads) != 0
            || address_of(im, im->left[i], addr, sizeof addr) != 0)
            return -1;
        if (living > 0 && heads > 0)
            continue;
        im->res->households_headless++;
        if (living == 0)
            snprintf(reason, sizeof reason,
                     dry ? _("%s would have nobody living there after these moves")
                         : _("%s has nobody living there after these moves"),
                     addr);
        else
            snprintf(reason, sizeof reason,
                     dry ? _("%s would be left without a head (户主): %d people live there; "
                             "choose one on its card")
                         : _("%s is left without a head (户主): %d people live there; choose "
                             "one on its card"),
                     addr, living);
        emit_kind(im, 0, false, IMPORT_MSG_HEADLESS, reason);
    }
    return 0;
}

/* What came of writing a row: 0 written (its notice shown), 1 refused
 * (WHY shown, the row counted as rejected), -1 passed on. */
static int row_done(struct imp *im, const struct batch *b, const struct item *it, int rc,
                    const char *why)
{
    if (rc > 0) {
        im->res->rows_rejected++;
        emit(im, it->line, true, why);
        return 1;
    }
    if (rc == 0 && it->note)
        emit(im, it->line, false, b->text + it->note);
    return rc;
}

/* ---- rows ------------------------------------------------------------------- */

/* Keeps TEXT (a reason or a notice) in B for its item: the offset, 0 for
 * none. */
static uint32_t keep_text(struct batch *b, const char *text)
{
    size_t n = strlen(text) + 1;

    if (n == 1 || b->text_len + n > sizeof b->text)
        return 0;
    uint32_t at = (uint32_t)b->text_len;
    memcpy(b->text + at, text, n);
    b->text_len += n;
    return at;
}

static int add_gram(void *ctx, const void *rec, size_t n)
{
    return extsort_add(ctx, rec, n);
}

/* One data record made ready for the writer in IT: read, checked,
 * normalized, its search keys made.  False for a blank record (no item).
 * The reading side of the import: it uses im->why and im->note, never the
 * callbacks. */
static bool read_row(struct imp *im, const struct csv_record *rec, struct item *it)
{
    char phone_raw[128] = "";

    if (blank_record(rec))
        return false;
    it->line = rec->line;
    it->kind = IT_REJECT;
    im->why[0] = im->note[0] = '\0';
    if (rec->problem == CSV_REC_BAD_BYTES) {
        reject(im, _("not valid %s (byte 0x%02X at column %ld): the row is left out; correct "
                     "that cell, or save the spreadsheet again as CSV, and import the file "
                     "again"),
               im->res->encoding == CSV_ENC_GB18030 ? "GB18030" : "UTF-8",
               (unsigned)rec->problem_byte, rec->problem_column);
        it->line = rec->problem_line;
        return true;
    }
    if (rec->problem == CSV_REC_UNCLOSED_QUOTE) {
        reject(im, "%s", _("a quote opens a field on this line and is never closed, so the "
                           "rest of the file was read as that field: check the quotes"));
        return true;
    }
    if (!columns_fit(im, rec)) {
        reject(im, _("wrong number of columns: this row has %zu, the header has %zu (a comma "
                     "inside a field needs quotes around the field)"),
               rec->nfields, im->ncols);
        return true;
    }
    struct household *h = &it->h;
    struct resident *r = &it->r;
    memset(h, 0, sizeof *h);
    memset(r, 0, sizeof *r);
    /* The document kind first: it decides how the number is checked. */
    if (im->where[IC_ID_KIND] >= 0)
        take_cell(im, IC_ID_KIND, rec->field[im->where[IC_ID_KIND]],
                  rec->len[im->where[IC_ID_KIND]], h, r, phone_raw,
                  sizeof phone_raw);
    for (size_t i = 0; i < im->ncols; i++)
        if (im->col[i] != IC_ID_KIND)
            take_cell(im, im->col[i], rec->field[i], rec->len[i], h, r, phone_raw,
                      sizeof phone_raw);
    check_row(im, h, r, phone_raw, rec->line);
    if (!im->why[0]) {
        /* What the writer would refuse, found here, where the time is. */
        char why[512];
        if (household_check(h, why, sizeof why) != 0 || resident_prepare(r, &it->k, why,
                                                                          sizeof why) != 0)
            reject(im, "%s", why);
    }
    if (!im->why[0]) {
        it->kind = IT_ROW;
        if (im->fast) {
            it->r.id = im->next_id++;
            if (resident_gram_records(&it->r, &it->k, add_gram, im->grams) < 0)
                im->grams_err = extsort_error(im->grams) ? extsort_error(im->grams) : EINVAL;
        }
    }
    return true;
}

/* Fills B with the next rows of the file: false when the file is over
 * (or reading stopped: the last item says so). */
static bool reader_fill(struct reader *rd, struct batch *b)
{
    struct imp *im = rd->im;
    struct csv_record rec;
    int rc;

    b->n = 0;
    b->text_len = 1; /* offset 0 is "none" */
    while (b->n < BATCH_ROWS && b->text_len + 2 * WHY_MAX <= sizeof b->text) {
        char why[768];
        rc = csv_reader_next(rd->r, &rec);
        if (rc == 0 && im->fast && extsort_finish(im->grams) != 0)
            im->grams_err = extsort_error(im->grams);
        if (rc == 0 && !im->grams_err)
            return false;
        struct item *it = &b->item[b->n];
        if (rc < 0 || im->grams_err) {
            if (im->grams_err)
                temp_file_failed(im->grams_err, why, sizeof why);
            else
                snprintf(why, sizeof why, _("reading stopped: %s; nothing was imported"),
                         csv_reader_error(rd->r));
            it->kind = IT_STOP;
            it->why = keep_text(b, why);
            b->n++;
            return false;
        }
        if (rec.line <= im->header_line)
            continue; /* the header and what is above it, read again */
        if (!read_row(im, &rec, it))
            continue;
        it->bytes_done = csv_reader_bytes_done(rd->r);
        it->why = it->kind == IT_REJECT ? keep_text(b, im->why) : 0;
        it->note = it->kind == IT_ROW ? keep_text(b, im->note) : 0;
        b->n++;
    }
    return true;
}

static void *reader_main(void *arg)
{
    struct reader *rd = arg;
    struct batch *b;

    while ((b = batchq_empty(rd->q)) != NULL) {
        bool more = reader_fill(rd, b);
        batchq_put(rd->q, b);
        if (!more)
            break;
    }
    batchq_close(rd->q);
    return NULL;
}

static void progress_at(struct imp *im, long long bytes_done, bool done)
{
    if (!im->opt || !im->opt->progress)
        return;
    struct import_progress p = {
        .rows = im->res->rows,
        .bytes_done = bytes_done,
        .bytes_total = im->bytes_total,
        .done = done,
    };
    im->opt->progress(&p, im->opt->ctx);
}

/* The writer's way through the rows the reading makes ready: the batches
 * from the reading thread (or, without one, filled here). */
struct rows {
    struct reader *rd;
    bool threaded;
    bool more;            /* without a thread: the file is not over */
    struct batch *own;    /* without a thread: the one batch */
    struct batch *b;      /* the batch being written, or NULL */
    size_t i;             /* its next item */
    long every;           /* progress every that many rows */
    int end;              /* why next_row gave NULL: 0 the end, -2 reading stopped */
    /* Called with each batch as it comes, before its rows (NULL: none);
     * -1 stops the writing (a database failure). */
    int (*on_batch)(struct imp *im, struct batch *b);
    bool failed;          /* on_batch failed */
};

/* The next row to write, with what comes before it done: the rows
 * rejected by the reading counted and reported, the progress shown.  NULL
 * at the end, or when reading stopped (the reason said; rows->end). */
static struct item *next_row(struct imp *im, struct rows *rows)
{
    for (;;) {
        if (rows->b && rows->i >= rows->b->n) {
            if (rows->threaded)
                batchq_give_back(rows->rd->q, rows->b);
            rows->b = NULL;
        }
        if (!rows->b) {
            if (rows->threaded) {
                rows->b = batchq_full(rows->rd->q);
            } else if (rows->more) {
                rows->more = reader_fill(rows->rd, rows->own);
                rows->b = rows->own;
            }
            rows->i = 0;
            if (!rows->b) {
                rows->end = 0;
                return NULL;
            }
            if (rows->on_batch && rows->on_batch(im, rows->b) != 0) {
                rows->failed = true;
                rows->end = 0;
                return NULL;
            }
            continue;
        }
        struct item *it = &rows->b->item[rows->i++];
        if (it->kind == IT_STOP) {
            stop(im, rows->b->text + it->why);
            rows->end = -2;
            return NULL;
        }
        im->res->rows++;
        if (im->res->rows % rows->every == 0)
            progress_at(im, it->bytes_done, false);
        if (it->kind == IT_ROW)
            return it;
        im->res->rows_rejected++;
        emit(im, it->line, true, rows->b->text + it->why);
    }
}

/* Each row written on its own.  0, -1 a database failure, -2 reading
 * stopped (the reason said). */
static int write_each(struct imp *im, struct rows *rows)
{
    char why[WHY_MAX];
    struct item *it;

    while ((it = next_row(im, rows)) != NULL) {
        int rc = write_household_of(im, it, why, sizeof why);
        if (rc == 0)
            rc = write_resident_of(im, it, why, sizeof why);
        if (row_done(im, rows->b, it, rc, why) < 0)
            return -1;
    }
    return rows->end;
}

/* The new households of a batch, for hh_writer_households_feed. */
struct new_households {
    struct item *item[BATCH_ROWS];
    size_t n, next;
};

static int next_household(void *ctx, const struct household **h)
{
    struct new_households *nh = ctx;

    if (nh->next >= nh->n)
        return 0;
    *h = &nh->item[nh->next++]->h;
    return 1;
}

/* Loading into an empty household table (rows->on_batch): the households
 * of the rows of B, made in one statement before their residents, each
 * given its id here.  An address met before (not just on the row before)
 * is not made again: its rows get the household there, and the id given
 * to it stays unused (ids may have gaps; nothing counts on them being
 * consecutive).  A household the
 * schema refuses leaves household_id 0 to its rows (feed_next rejects
 * them).  0, -1 a database failure. */
static int batch_households(struct imp *im, struct batch *b)
{
    struct new_households nh = { .n = 0 };

    for (size_t i = 0; i < b->n; i++) {
        struct item *it = &b->item[i];
        if (it->kind != IT_ROW)
            continue;
        if (!im->last_id || !same_address(&it->h, &im->last)) {
            it->h.id = im->next_household++;
            nh.item[nh.n++] = it;
            im->last = it->h;
            im->last_id = it->h.id;
        }
        it->r.household_id = im->last_id;
    }
    if (nh.n == 0)
        return 0;
    long made = hh_writer_households_feed(im->w, next_household, &nh);
    if (made < 0)
        return -1;
    im->res->households_created += made;
    if ((size_t)made == nh.n)
        return 0;
    /* Some were there already: where their rows belong. */
    for (size_t k = 0; k < nh.n; k++) {
        int64_t given = nh.item[k]->h.id, found = hh_writer_household_find(im->w, &nh.item[k]->h);
        if (found < 0)
            return -1;
        if (found == given)
            continue;
        for (size_t i = 0; i < b->n; i++)
            if (b->item[i].kind == IT_ROW && b->item[i].r.household_id == given)
                b->item[i].r.household_id = found;
        if (im->last_id == given)
            im->last_id = found;
        if (found == 0)
            im->last_id = 0; /* nothing to reuse */
    }
    return 0;
}

/* The feed of hh_writer_feed (loading into an empty table): the next
 * resident, with its household written.  A resident the writer would
 * update instead of create ends the statement: it is kept in
 * im->held for write_fed. */
static int feed_next(void *ctx, struct resident **r, const struct resident_keys **k, char *why,
                     size_t whysz)
{
    struct imp *im = ctx;
    struct rows *rows = im->rows;
    struct item *it;

    while ((it = next_row(im, rows)) != NULL) {
        int rc;
        if (!rows->on_batch)
            rc = write_household_of(im, it, why, whysz);
        else if (it->r.household_id == 0)
            rc = household_check(&it->h, why, whysz) != 0 ? 1 : -1;
        else
            rc = 0;
        if (rc > 0) {
            row_done(im, rows->b, it, rc, why);
            im->grams_lost = true; /* its id stays unused */
            continue;
        }
        if (rc == 0) {
            int64_t match = hh_writer_resident_match(im->w, &it->r);
            if (match > 0) {
                im->held = it;
                im->grams_lost = true; /* an update: its id stays unused */
                return 0;
            }
            rc = match < 0 ? -1 : 0;
        }
        if (rc < 0) {
            snprintf(why, whysz, "%s", db_errmsg(im->d));
            im->failed = true;
            return -1;
        }
        im->res->residents_created++;
        row_done(im, rows->b, it, 0, NULL);
        *r = &it->r;
        *k = &it->k;
        return 1;
    }
    if (rows->failed) {
        snprintf(why, whysz, "%s", db_errmsg(im->d));
        im->failed = true;
        return -1;
    }
    if (rows->end < 0) {
        snprintf(why, whysz, "%s", _("reading stopped"));
        return -1;
    }
    return 0;
}

/* The residents in statements of many (hh_writer_feed), the few the
 * writer updates instead written one by one in between.  The same
 * results. */
static int write_fed(struct imp *im, struct rows *rows)
{
    char why[WHY_MAX];

    im->rows = rows;
    for (;;) {
        im->held = NULL;
        im->failed = false;
        if (hh_writer_feed(im->w, feed_next, im) != 0)
            return rows->end < 0 && !im->failed ? rows->end : -1;
        if (!im->held)
            return 0;
        int rc = write_resident_of(im, im->held, why, sizeof why);
        if (row_done(im, rows->b, im->held, rc, why) < 0)
            return -1;
    }
}

/* ---- the whole import --------------------------------------------------------- */

static void imp_free(struct imp *im)
{
    hh_writer_close(&im->w);
    for (size_t i = 0; im->head && i < im->ncols; i++)
        free(im->head[i]);
    free(im->head);
    free(im->col);
    extsort_free(&im->twice);
    extsort_free(&im->grams);
    free(im->left);
}

static void free_cells(char **cells, size_t n)
{
    for (size_t i = 0; cells && i < n; i++)
        free(cells[i]);
    free(cells);
}

/* Finds and takes the header row: the first of the first records that
 * names the name column (a title row above it is skipped), else the first
 * record, so its columns can be named in the messages.  1 found, 0 the
 * file has no records, -1 out of memory or a read failure. */
static int find_header(struct imp *im, csv_reader *r)
{
    struct csv_record rec, first = { 0 };
    char **saved = NULL;
    size_t nsaved = 0;
    int rc, seen = 0;

    while (seen < HEADER_SEARCH && (rc = csv_reader_next(r, &rec)) == 1) {
        if (blank_record(&rec))
            continue;
        if (record_names_name(&rec)) {
            free_cells(saved, nsaved);
            return take_header(im, &rec) == 0 ? 1 : -1;
        }
        if (seen++ == 0) {
            first = rec;
            saved = calloc(rec.nfields ? rec.nfields : 1, sizeof *saved);
            for (size_t i = 0; saved && i < rec.nfields; i++, nsaved++)
                if (!(saved[i] = strdup(rec.field[i])))
                    break;
            if (!saved || nsaved < rec.nfields) {
                free_cells(saved, nsaved);
                return -1;
            }
            first.field = saved;
        }
    }
    if (!saved)
        return rc < 0 ? -1 : 0;
    rc = take_header(im, &first);
    free_cells(saved, nsaved);
    return rc == 0 ? 1 : -1;
}


/* ---- the first pass: ID numbers that come twice ---------------------------- */

/* The key of REC's ID number as the import's pass will check it (do_row,
 * check_id), into *KEY: false when do_row refuses the row before reading
 * its cells, or when the row has no number that check_id would take. */
static bool row_key(struct imp *im, const struct csv_record *rec, uint64_t *key)
{
    struct household h;
    struct resident r;
    struct id_info info;
    enum id_status st;
    char phone_raw[8];
    int kind = im->where[IC_ID_KIND], number = im->where[IC_ID_NUMBER];

    if (number < 0 || blank_record(rec) || rec->problem != CSV_REC_OK || !columns_fit(im, rec))
        return false;
    r.id_kind = IDK_NONE; /* all take_cell reads or writes of these two columns */
    r.id_number[0] = '\0';
    if (kind >= 0)
        take_cell(im, IC_ID_KIND, rec->field[kind], rec->len[kind], &h, &r, phone_raw,
                  sizeof phone_raw);
    take_cell(im, IC_ID_NUMBER, rec->field[number], rec->len[number], &h, &r, phone_raw,
              sizeof phone_raw);
    im->why[0] = im->note[0] = '\0';
    if (*r.id_number) {
        im->ids_given++;
        im->ids_masked += strchr(r.id_number, '*') != NULL;
    }
    if (!number_of(im, &r, &st, &info))
        return false;
    *key = id_key(r.id_number, r.id_kind);
    return true;
}


/* The pairs (line, first line) of the numbers seen before, from the keys
 * sorted with their lines: the first line of a key is its smallest. */
static int pair_up(struct imp *im, extsort *keys)
{
    struct pair p, first = { 0, 0 };
    int rc;

    while ((rc = pair_next(keys, &p)) == 1) {
        if (first.b && p.a == first.a) {
            if (pair_add(im->twice, p.b, first.b) != 0)
                return -1;
        } else {
            first = p;
        }
    }
    return rc;
}

/* The first pass: the rest of the file from R (after the header) read for
 * its ID numbers, and im->twice made ready for first_line_of.  0, or -1
 * when the import stops (the reason said). */
static int find_twice(struct imp *im, csv_reader *r)
{
    extsort *keys = pair_sort(KEY_RUN);
    struct csv_record rec;
    char why[768];
    int rc = 0;

    im->twice = pair_sort(TWICE_RUN);
    if (!keys || !im->twice) {
        extsort_free(&keys);
        return stop(im, _("out of memory: nothing was imported"));
    }
    while ((rc = csv_reader_next(r, &rec)) == 1) {
        uint64_t key;
        if (row_key(im, &rec, &key) && pair_add(keys, key, (uint64_t)rec.line) != 0)
            break;
    }
    if (rc < 0) {
        extsort_free(&keys);
        snprintf(why, sizeof why, _("reading stopped: %s; nothing was imported"),
                 csv_reader_error(r));
        return stop(im, why);
    }
    if (rc == 1 || extsort_finish(keys) != 0 || pair_up(im, keys) != 0
        || extsort_finish(im->twice) != 0) {
        int err = extsort_error(keys) ? extsort_error(keys) : extsort_error(im->twice);
        temp_file_failed(err, why, sizeof why);
        extsort_free(&keys);
        return stop(im, why);
    }
    extsort_free(&keys);
    if (im->ids_masked > 0 && 2 * im->ids_masked >= im->ids_given) {
        char why2[WHY_MAX];
        snprintf(why2, sizeof why2,
                 _("this file is a list with the ID numbers masked (like 330102********1234): "
                   "%ld of its %ld ID numbers are hidden, so nobody in it can be told from "
                   "anyone else. Import the survey spreadsheet itself, or an export made with "
                   "--unmasked; nothing was imported"),
                 im->ids_masked, im->ids_given);
        return stop(im, why2);
    }
    int got = pair_next(im->twice, &im->twice_next);
    im->twice_left = got > 0;
    if (got < 0)
        return stop(im, _("the temporary file of the import could not be read: nothing was "
                          "imported"));
    return 0;
}

/* The rows of the file from R, written: read and made ready in a thread
 * of their own (reader_main) while this one writes what is ready, so the
 * work of the two goes on at once on a machine with two processors; on
 * one, or when no thread can be started, the same work one after the
 * other.  0, -1 a database failure, -2 reading stopped (the reason said). */
static int read_rows(struct imp *im, csv_reader *r)
{
    struct reader rd = { .im = im, .r = r };
    struct rows rows = {
        .rd = &rd,
        .every = im->opt && im->opt->progress_every > 0 ? im->opt->progress_every
                                                        : PROGRESS_DEFAULT,
    };
    pthread_t thread;
    int rc;

    if (!one_thread_for_tests)
        rd.q = batchq_new(BATCHES, sizeof(struct batch));
    if (rd.q && pthread_create(&thread, NULL, reader_main, &rd) == 0) {
        rows.threaded = true;
    } else {
        batchq_free(&rd.q);
        if (!(rows.own = malloc(sizeof *rows.own))) {
            stop(im, _("out of memory: nothing was imported"));
            return -2;
        }
        rows.more = true;
    }
    if (hh_writer_can_feed(im->w)) {
        if (hh_writer_can_feed_households(im->w))
            rows.on_batch = batch_households;
        rc = write_fed(im, &rows);
    } else {
        rc = write_each(im, &rows);
    }
    if (rows.threaded) {
        if (rows.b)
            batchq_give_back(rd.q, rows.b);
        batchq_abort(rd.q); /* the reading stops, if it has not yet */
        pthread_join(thread, NULL);
        batchq_free(&rd.q);
    }
    free(rows.own);
    return rc;
}

static int db_failed(struct imp *im)
{
    char why[768];

    snprintf(why, sizeof why, _("the database could not be written (%s): nothing was imported"),
             db_errmsg(im->d));
    if (db_tx_depth(im->d) > 0)
        db_rollback(im->d);
    return stop(im, why);
}

/* Tells other programs that wait for the database who holds it, and since
 * when (db_long_write_begin): the import keeps it for its whole length. */
static void leave_note(struct imp *im)
{
    char note[1024], at[8];
    struct datetime now = clock_now();

    snprintf(at, sizeof at, "%02d:%02d", now.hour, now.min);
    snprintf(note, sizeof note,
             im->opt && im->opt->dry_run ? _("%s is checking an import of %s (since %s)")
                                         : _("%s is importing %s (since %s)"),
             db_actor(im->d), im->path, at);
    db_long_write_begin(im->d, note);
}

/* The second reading of the file, from its start (read_rows skips the
 * header again), in the encoding found by the first.  0, or -1 when the
 * import stops (the reason said). */
static int reopen(struct imp *im, csv_reader **r)
{
    char why[512];

    if (csv_reader_rewind(*r) == 0)
        return 0;
    snprintf(why, sizeof why, _("reading stopped: %s; nothing was imported"),
             csv_reader_error(*r));
    return stop(im, why);
}

static int next_gram(void *ctx, const void **rec, size_t *n)
{
    return extsort_next(ctx, rec, n);
}

static int run(struct imp *im, csv_reader **rp)
{
    csv_reader *r = *rp;

    im->res->encoding = csv_reader_encoding(r);
    int found = find_header(im, r);
    if (found < 0) {
        char why[512];
        snprintf(why, sizeof why, _("reading stopped: %s; nothing was imported"),
                 *csv_reader_error(r) ? csv_reader_error(r) : _("out of memory"));
        return stop(im, why);
    }
    if (found == 0)
        return stop(im, _("the file is empty: there is no header row; nothing was imported"));
    if (!required_columns_present(im))
        return stop(im, _("nothing was imported: name the columns and import the file again"));
    if (find_twice(im, r) != 0 || reopen(im, rp) != 0)
        return -1;
    r = *rp;

    im->bytes_total = csv_reader_bytes_total(r);
    long expected = (long)(im->bytes_total / BYTES_PER_ROW);
    /* A dry run is rolled back: straight into the file, the rollback would
     * have to write every page back. */
    bool dry = im->opt && im->opt->dry_run;
    if (expected >= DIRECT_MIN_ROWS && !dry && db_direct_begin(im->d) < 0)
        return db_failed(im);
    leave_note(im);
    im->w = hh_writer_open(im->d);
    if (!im->w || db_begin(im->d) != 0)
        return db_failed(im);
    if (hh_writer_bulk_begin(im->w, expected) != 0)
        return db_failed(im);
    im->fast = hh_writer_can_feed(im->w);
    im->next_id = im->next_household = 1; /* the tables are empty: see hh_writer_can_feed */
    if (im->fast && !(im->grams = extsort_new(GRAM_RUN))) {
        db_rollback(im->d);
        return stop(im, _("out of memory: nothing was imported"));
    }
    int rc = read_rows(im, r);
    if (rc == -1)
        return db_failed(im);
    if (rc < 0) {
        db_rollback(im->d);
        return -1;
    }
    struct hh_load load = {
        .what = "residents", .file = im->path, .rows = im->res->rows,
        .rows_rejected = im->res->rows_rejected,
        .households_created = im->res->households_created,
        .residents_created = im->res->residents_created,
        .residents_updated = im->res->residents_updated,
        .residents_unchanged = im->res->residents_unchanged,
        .grams = im->fast && !im->grams_lost ? next_gram : NULL,
        .grams_ctx = im->grams,
    };
    if (hh_writer_bulk_end(im->w, &load) != 0 || check_left(im) != 0)
        return db_failed(im);
    if (im->opt && im->opt->dry_run) {
        if (db_rollback(im->d) != 0)
            return db_failed(im);
    } else if (db_commit(im->d) != 0) {
        return db_failed(im);
    }
    return im->res->rows_rejected ? 1 : 0;
}

int import_residents(db *d, const char *path, const struct import_options *opt,
                     struct import_result *res)
{
    struct imp im = { .d = d, .path = path, .opt = opt, .res = res };
    char err[512];
    int rc;

    memset(res, 0, sizeof *res);
    im.today = clock_today();
    im.today_ymd = date_ymd(im.today);
    csv_reader *r = csv_reader_open_file(path, err, sizeof err);
    if (!r)
        return stop(&im, err);
    rc = run(&im, &r);
    /* The writer's statements go first: one still on a row would keep the
     * file from going back to WAL mode. */
    hh_writer_close(&im.w);
    db_long_write_end(d);
    if (db_direct_end(d) != 0) {
        char why[768];
        snprintf(why, sizeof why, _("the database file could not be put back in WAL mode (%s): "
                                    "the next start of dutydesk does it"),
                 db_errmsg(d));
        emit(&im, 0, false, why);
    }
    if (r)
        progress_at(&im, csv_reader_bytes_done(r), true);
    csv_reader_close(&r);
    imp_free(&im);
    return rc;
}
