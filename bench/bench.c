/* bench.c — the measuring tool behind `make bench` (bench/run.sh drives it).
 *
 *   bench csv N SEED FILE     the demo community of N residents (src/households/demo.h)
 *                             as a survey spreadsheet
 *   bench import DB FILE      imports FILE into DB in this process
 *                             (import_residents), for a program without the
 *                             import command
 *   bench exec CMD [ARG...]   runs CMD; its wall time and peak memory
 *   bench first DB QUERY      opens DB (store_open: migrations included) and
 *                             runs one search: what the first search costs
 *   bench screen PROG DB      starts PROG on DB in a pseudo-terminal of
 *                             80x24 and waits for its key bar: the first
 *                             screen as the person sees it
 *   bench search DB [N]       search latency of each kind of query, N
 *                             different queries of each drawn from the
 *                             residents of DB, and the same kind of query in
 *                             the sqlite3 shell, as the floor
 *
 * Every figure goes to stdout as one line "name key value key value ...",
 * which run.sh turns into its table.  Times are milliseconds, memory KiB. */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "src/date.h"
#include "src/households/demo.h"
#include "src/households/import.h"
#include "src/pinyin.h"
#include "src/households/search.h"
#include "src/store.h"

#define SCREEN 50          /* hits asked for: one screen, as the list asks */
#define PASSES 3           /* every query runs this many times */

static double now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static long maxrss_kib(int who)
{
    struct rusage ru;

    return getrusage(who, &ru) == 0 ? ru.ru_maxrss : -1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The P-th percentile (0..100) of the N values of V, sorted in place
 * (nearest rank). */
static double percentile(double *v, int n, double p)
{
    int rank;

    if (n <= 0)
        return NAN;
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    rank = (int)ceil(p / 100.0 * n);
    return v[rank < 1 ? 0 : rank > n ? n - 1 : rank - 1];
}

static int usage(void)
{
    fprintf(stderr, "usage: bench csv N SEED FILE | import DB FILE | exec CMD [ARG...]"
                    " | first DB QUERY | screen PROG DB | search DB [N]\n");
    return 2;
}

/* ---- csv, import, exec, first ---------------------------------------------- */

static int cmd_csv(int argc, char **argv)
{
    FILE *f;

    if (argc != 3)
        return usage();
    f = fopen(argv[2], "w");
    if (!f) {
        fprintf(stderr, "bench: %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    if (demo_write_csv(f, atol(argv[0]), strtoull(argv[1], NULL, 10)) != 0 || fclose(f) != 0) {
        fprintf(stderr, "bench: %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    return 0;
}

static void print_problem(const struct import_problem *p, void *ctx)
{
    long *shown = ctx;

    if ((*shown)++ < 10)
        fprintf(stderr, "%s\n", p->text);
}

static int cmd_import(int argc, char **argv)
{
    struct import_result res;
    struct import_options opt = { .problem = print_problem };
    char err[512];
    long shown = 0;
    double t0 = now_ms(), t1;
    int rc;

    if (argc != 2)
        return usage();
    opt.ctx = &shown;
    db *d = store_open(argv[0], true, "bench", err, sizeof err);
    if (!d) {
        fprintf(stderr, "bench: %s\n", err);
        return 1;
    }
    rc = import_residents(d, argv[1], &opt, &res);
    t1 = now_ms();
    db_close(&d);
    pinyin_cleanup();
    printf("import rows %ld residents %ld households %ld rejected %ld ms %.1f maxrss %ld\n",
           res.rows, res.residents_created + res.residents_updated + res.residents_unchanged,
           res.households_created, res.rows_rejected, t1 - t0, maxrss_kib(RUSAGE_SELF));
    return rc == 0 ? 0 : 1;
}

/* Runs ARGV with its output thrown away; *MS its wall time, *KIB its peak
 * memory.  Its exit status, or -1. */
static int run_child(char **argv, double *ms, long *kib)
{
    struct rusage ru;
    int status;
    double t0 = now_ms();
    pid_t pid;

    *ms = NAN;
    *kib = -1;
    fflush(stdout);
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout))
            _exit(127);
        execvp(argv[0], argv);
        fprintf(stderr, "bench: %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) < 0)
        return -1;
    *ms = now_ms() - t0;
    *kib = ru.ru_maxrss;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int cmd_exec(int argc, char **argv)
{
    double ms = NAN;
    long kib = -1;
    int status;

    if (argc < 1)
        return usage();
    status = run_child(argv, &ms, &kib);
    printf("exec ms %.1f maxrss %ld status %d\n", ms, kib, status);
    return status == 0 ? 0 : 1;
}

static void count_hit(const struct search_hit *h, void *ctx)
{
    (*(int *)ctx)++;
}

static int cmd_first(int argc, char **argv)
{
    char err[512];
    int hits = 0;
    double t0 = now_ms();

    if (argc != 2)
        return usage();
    db *d = store_open(argv[0], false, "bench", err, sizeof err);
    if (!d) {
        fprintf(stderr, "bench: %s\n", err);
        return 1;
    }
    int rc = search_run(d, argv[1], 0, SCREEN, count_hit, &hits);
    printf("first ms %.2f hits %d\n", now_ms() - t0, hits);
    db_close(&d);
    pinyin_cleanup();
    return rc < 0 ? 1 : 0;
}

/* Starts PROG on DB in an 80x24 pseudo-terminal; the milliseconds from the
 * fork until the key bar's "F10" has come out of the terminal (the whole
 * first screen: curses sends a refresh in one go), and the program's peak
 * memory by then. */
static int cmd_screen(int argc, char **argv)
{
    struct winsize ws = { .ws_row = 24, .ws_col = 80 };
    char buf[4096];
    size_t kept = 0; /* bytes of the last read kept at the start of BUF */
    int fd, status;
    double t0 = now_ms(), t1 = NAN;
    pid_t pid;

    if (argc != 2)
        return usage();
    fflush(stdout);
    pid = forkpty(&fd, NULL, NULL, &ws);
    if (pid < 0) {
        fprintf(stderr, "bench: no pseudo-terminal: %s\n", strerror(errno));
        return 1;
    }
    if (pid == 0) {
        setenv("TERM", "xterm-256color", 1);
        setenv("ESCDELAY", "25", 1);
        execl(argv[0], argv[0], "--db", argv[1], "--operator", "bench", (char *)NULL);
        _exit(127);
    }
    while (isnan(t1)) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        if (poll(&p, 1, 10000) <= 0)
            break;
        ssize_t got = read(fd, buf + kept, sizeof buf - kept);
        if (got <= 0)
            break;
        size_t n = kept + (size_t)got;
        for (size_t i = 0; i + 3 <= n; i++)
            if (memcmp(buf + i, "F10", 3) == 0)
                t1 = now_ms();
        /* "F10" may be cut between two reads: keep the last two bytes */
        kept = n < 2 ? n : 2;
        memmove(buf, buf + n - kept, kept);
    }
    struct rusage ru = { 0 };
    kill(pid, SIGTERM);
    wait4(pid, &status, 0, &ru);
    close(fd);
    if (isnan(t1)) {
        fprintf(stderr, "bench: %s showed no key bar\n", argv[0]);
        return 1;
    }
    printf("screen ms %.2f maxrss %ld\n", t1 - t0, ru.ru_maxrss);
    return 0;
}

/* ---- search: the queries ---------------------------------------------------- */

/* One resident drawn from the database, with the household's address. */
struct sample {
    char name[96], id_number[40], phone[32];
    char compound[96], building[16], unit[16], room[16];
};

enum kind { K_NAME1, K_NAME2, K_NAME3, K_ADDRESS, K_COMPOUND, K_ID6, K_PHONE4, K_INITIALS, K_COUNT };

static const char *const kind_name[K_COUNT] = {
    [K_NAME1] = "name-1char",   [K_NAME2] = "name-2char",   [K_NAME3] = "name-3plus",
    [K_ADDRESS] = "address",    [K_COMPOUND] = "compound+bldg",
    [K_ID6] = "id-last6",       [K_PHONE4] = "phone-last4", [K_INITIALS] = "pinyin-initials",
};

struct query {
    char text[128]; /* what the person types */
    char sql[1536]; /* the same kind of query for the sqlite3 shell */
};

struct kind_run {
    struct query *q;
    int n;
    double *ms;  /* n * PASSES: wall time of each run */
    double *cpu; /* the same runs' CPU time (what was not waiting for the machine) */
    long hits;
};

static uint64_t rng = 0x5EED;

static uint64_t next_rand(void)
{
    uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static int draw_sample(db *d, db_stmt *s, int64_t max_id, struct sample *out)
{
    for (int tries = 0; tries < 100; tries++) {
        db_reset(s);
        db_bind_int(s, ":id", 1 + (int64_t)(next_rand() % (uint64_t)max_id));
        if (db_step(s) != DB_ROW)
            continue;
        snprintf(out->name, sizeof out->name, "%s", db_col_text(s, 0));
        snprintf(out->id_number, sizeof out->id_number, "%s", db_col_text(s, 1));
        snprintf(out->phone, sizeof out->phone, "%s", db_col_text(s, 2));
        snprintf(out->compound, sizeof out->compound, "%s", db_col_text(s, 3));
        snprintf(out->building, sizeof out->building, "%s", db_col_text(s, 4));
        snprintf(out->unit, sizeof out->unit, "%s", db_col_text(s, 5));
        snprintf(out->room, sizeof out->room, "%s", db_col_text(s, 6));
        return 0;
    }
    return -1;
}

/* The byte offsets of the characters of S into AT (up to MAX); their count. */
static int char_starts(const char *s, int *at, int max)
{
    int n = 0;

    for (int i = 0; s[i] && n < max; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            at[n++] = i;
    return n;
}

/* CHARS characters of S from character FROM into OUT. */
static void substring(const char *s, int from, int chars, char *out, size_t outsz)
{
    int at[64], n = char_starts(s, at, 64);
    int end = from + chars < n ? at[from + chars] : (int)strlen(s);

    snprintf(out, outsz, "%.*s", end - at[from], s + at[from]);
}

static void hex(const uint8_t *b, char *out, size_t outsz)
{
    size_t o = 0;

    for (; *b && o + 3 < outsz; b++)
        o += (size_t)snprintf(out + o, outsz - o, "%02X", *b);
    out[o] = '\0';
}

static void reverse(const char *s, char *out, size_t outsz)
{
    size_t n = strlen(s);

    if (n >= outsz)
        n = outsz - 1;
    for (size_t i = 0; i < n; i++)
        out[i] = s[n - 1 - i];
    out[n] = '\0';
}

/* "[LO, HI)": HI is LO with its last byte one higher. */
static void upper_bound(const char *lo, char *hi, size_t hisz)
{
    snprintf(hi, hisz, "%s", lo);
    if (*hi)
        hi[strlen(hi) - 1]++;
}

/* The columns and joins the search itself selects (src/households/search.c). */
#define FLOOR_COLS                                                               \
    "SELECT r.id, h.id, h.compound, h.building, h.unit, h.room, r.name,"        \
    " r.id_number, r.phone, r.flags, r.gone, h.phone "
#define FLOOR_JOIN " JOIN household h ON h.id = r.household_id "

/* The query of kind K made from S into Q; false when S has nothing for it. */
static bool make_query(enum kind k, const struct sample *s, struct query *q)
{
    int at[64], n = char_starts(s->name, at, 64);
    char part[96], a[64], b[64];
    uint8_t lo[128], hi[128];
    char hlo[2 * sizeof lo + 1], hhi[2 * sizeof hi + 1];

    switch (k) {
    case K_NAME1:
    case K_NAME2: {
        int len = k == K_NAME1 ? 1 : 2;
        if (n < len || strstr(s->name, "\xC2\xB7"))
            return false;
        substring(s->name, (int)(next_rand() % (uint64_t)(n - len + 1)), len, part, sizeof part);
        snprintf(q->text, sizeof q->text, "%s", part);
        /* names holding the fragment: the n-gram index, in pinyin order */
        snprintf(q->sql, sizeof q->sql,
                 FLOOR_COLS "FROM resident_gram g JOIN resident r ON r.id = g.resident_id"
                 FLOOR_JOIN "WHERE g.gram = '%s' AND g.gone = 0"
                 " ORDER BY g.name_key, g.resident_id LIMIT %d",
                 part, SCREEN);
        return true;
    }
    case K_NAME3:
        if (n < 3)
            return false;
        snprintf(q->text, sizeof q->text, "%s", s->name);
        /* names starting with it: a range of the name's sort key */
        if (pinyin_prefix_bounds(s->name, lo, sizeof lo, hi, sizeof hi) != 0)
            return false;
        hex(lo, hlo, sizeof hlo);
        hex(hi, hhi, sizeof hhi);
        snprintf(q->sql, sizeof q->sql,
                 FLOOR_COLS "FROM resident r INDEXED BY resident_by_key" FLOOR_JOIN
                 "WHERE r.gone = 0 AND r.name_key >= X'%s' AND r.name_key < X'%s'"
                 " ORDER BY r.name_key, r.id LIMIT %d",
                 hlo, hhi, SCREEN);
        return true;
    case K_ADDRESS:
        if (!*s->building || !*s->room)
            return false;
        if (*s->unit)
            snprintf(q->text, sizeof q->text, "%s幢%s单元%s", s->building, s->unit, s->room);
        else
            snprintf(q->text, sizeof q->text, "%s幢%s", s->building, s->room);
        snprintf(q->sql, sizeof q->sql,
                 FLOOR_COLS "FROM household h INDEXED BY household_by_building"
                 " JOIN resident r ON r.household_id = h.id AND r.gone = 0"
                 " WHERE length(h.building) = %zu AND h.building IS '%s'"
                 " AND length(h.unit) = %zu AND h.unit IS '%s'"
                 " AND length(h.room) = %zu AND h.room IS '%s'"
                 " ORDER BY h.id, r.name_key, r.id LIMIT %d",
                 strlen(s->building), s->building, strlen(s->unit), s->unit, strlen(s->room),
                 s->room, SCREEN);
        return true;
    case K_COMPOUND: {
        int cn = char_starts(s->compound, at, 64);
        if (cn < 2 || !*s->building)
            return false;
        substring(s->compound, cn - 2, 2, part, sizeof part); /* 大美南苑 -> 南苑 */
        snprintf(q->text, sizeof q->text, "%s %s", part, s->building);
        snprintf(q->sql, sizeof q->sql,
                 "WITH RECURSIVE c(x) AS (SELECT min(compound) FROM household UNION ALL"
                 " SELECT (SELECT min(compound) FROM household WHERE compound > c.x) FROM c"
                 " WHERE c.x IS NOT NULL) "
                 FLOOR_COLS "FROM household h INDEXED BY household_address"
                 " LEFT JOIN resident r ON r.household_id = h.id AND r.gone = 0"
                 " WHERE h.compound IN (SELECT x FROM c WHERE instr(x, '%s') > 0)"
                 " AND length(h.building) = %zu AND h.building IS '%s'"
                 " ORDER BY h.compound, length(h.unit), h.unit, length(h.room), h.room,"
                 " r.name_key, r.id LIMIT %d",
                 part, strlen(s->building), s->building, SCREEN);
        return true;
    }
    case K_ID6:
    case K_PHONE4: {
        const char *v = k == K_ID6 ? s->id_number : s->phone;
        size_t len = k == K_ID6 ? 6 : 4;
        if (strlen(v) < len || strchr(v, '-'))
            return false;
        snprintf(q->text, sizeof q->text, "%s", v + strlen(v) - len);
        reverse(q->text, a, sizeof a);
        upper_bound(a, b, sizeof b);
        snprintf(q->sql, sizeof q->sql,
                 FLOOR_COLS "FROM resident r INDEXED BY %s" FLOOR_JOIN
                 "WHERE r.%s >= '%s' AND r.%s < '%s' AND r.gone = 0"
                 " ORDER BY r.name_key, r.id LIMIT %d",
                 k == K_ID6 ? "resident_by_id_rev" : "resident_by_phone_rev",
                 k == K_ID6 ? "id_rev" : "phone_rev", a, k == K_ID6 ? "id_rev" : "phone_rev",
                 b, SCREEN);
        return true;
    }
    case K_INITIALS:
        if (pinyin_initials(s->name, a, sizeof a) < 2)
            return false;
        snprintf(q->text, sizeof q->text, "%s", a);
        snprintf(q->sql, sizeof q->sql,
                 FLOOR_COLS "FROM resident r INDEXED BY resident_by_initials" FLOOR_JOIN
                 "WHERE r.gone = 0 AND r.name_initials = '%s'"
                 " ORDER BY r.name_key, r.id LIMIT %d",
                 a, SCREEN);
        return true;
    case K_COUNT:
        break;
    }
    return false;
}

static int draw_queries(db *d, struct kind_run *runs, int per_kind)
{
    db_stmt *s = db_prepare(d, "SELECT r.name, r.id_number, r.phone, h.compound, h.building,"
                               " h.unit, h.room FROM resident r JOIN household h"
                               " ON h.id = r.household_id WHERE r.id = :id");
    int64_t max_id = db_int(d, "SELECT max(id) FROM resident", 0);
    struct sample smp;

    if (!s || max_id <= 0) {
        db_finalize(&s);
        fprintf(stderr, "bench: the database has no residents\n");
        return -1;
    }
    for (int k = 0; k < K_COUNT; k++) {
        runs[k].q = calloc((size_t)per_kind, sizeof *runs[k].q);
        runs[k].ms = calloc((size_t)per_kind * PASSES, sizeof *runs[k].ms);
        runs[k].cpu = calloc((size_t)per_kind * PASSES, sizeof *runs[k].cpu);
        if (!runs[k].q || !runs[k].ms || !runs[k].cpu)
            return -1;
        for (int tries = 0; runs[k].n < per_kind && tries < per_kind * 50; tries++)
            if (draw_sample(d, s, max_id, &smp) == 0
                && make_query((enum kind)k, &smp, &runs[k].q[runs[k].n]))
                runs[k].n++;
    }
    db_finalize(&s);
    return 0;
}

/* ---- search: timing ----------------------------------------------------------- */

/* Every query of every kind, PASSES times, the kinds taking turns. */
static int time_searches(db *d, struct kind_run *runs, int per_kind)
{
    for (int pass = 0; pass < PASSES; pass++)
        for (int i = 0; i < per_kind; i++)
            for (int k = 0; k < K_COUNT; k++) {
                if (i >= runs[k].n)
                    continue;
                int hits = 0;
                double c0 = cpu_ms(), t0 = now_ms();
                if (search_run(d, runs[k].q[i].text, 0, SCREEN, count_hit, &hits) < 0) {
                    fprintf(stderr, "bench: search \"%s\" failed: %s\n", runs[k].q[i].text,
                            db_errmsg(d));
                    return -1;
                }
                runs[k].ms[pass * runs[k].n + i] = now_ms() - t0;
                runs[k].cpu[pass * runs[k].n + i] = cpu_ms() - c0;
                runs[k].hits += hits;
            }
    return 0;
}

/* The floor: the queries of R run by the sqlite3 shell, PASSES times each,
 * timed by its own ".timer on".  Its "real" figure has a resolution of a
 * millisecond, so the CPU time it reports (user + sys, in microseconds)
 * is taken: for a file in the page cache it is the time the query takes.
 * The medians go to *P50 and *P99 (NAN when the shell cannot run). */
static void shell_floor(const char *path, const struct kind_run *r, double *p50, double *p99)
{
    char script[] = "/tmp/dd-bench-sql-XXXXXX", out[] = "/tmp/dd-bench-out-XXXXXX";
    int fs = mkstemp(script), fo = mkstemp(out);
    double *v = calloc((size_t)r->n * PASSES + 1, sizeof *v);
    char line[256];
    int n = 0;
    FILE *f;

    *p50 = *p99 = NAN;
    if (fs < 0 || fo < 0 || !v || !(f = fdopen(fs, "w")))
        goto done;
    fs = -1;
    fputs(".output /dev/null\n.timer on\n", f);
    for (int pass = 0; pass < PASSES; pass++)
        for (int i = 0; i < r->n; i++)
            fprintf(f, "%s;\n", r->q[i].sql);
    if (fclose(f) != 0)
        goto done;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen(script, "r", stdin) || dup2(fo, STDOUT_FILENO) < 0)
            _exit(127);
        execlp("sqlite3", "sqlite3", path, (char *)NULL);
        _exit(127);
    }
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        goto done;
    f = fopen(out, "r");
    while (f && fgets(line, sizeof line, f) && n < r->n * PASSES) {
        double real, user, sys;
        if (sscanf(line, "Run Time: real %lf user %lf sys %lf", &real, &user, &sys) == 3)
            v[n++] = (user + sys) * 1e3;
    }
    if (f)
        fclose(f);
    if (n == r->n * PASSES) {
        *p99 = percentile(v, n, 99);
        *p50 = percentile(v, n, 50);
    }
done:
    if (fs >= 0)
        close(fs);
    if (fo >= 0)
        close(fo);
    unlink(script);
    unlink(out);
    free(v);
}

static int cmd_search(int argc, char **argv)
{
    struct kind_run runs[K_COUNT] = { 0 };
    int per_kind = argc >= 2 ? atoi(argv[1]) : 200;
    char err[512];
    int rc = 0;

    if (argc < 1 || per_kind <= 0)
        return usage();
    db *d = store_open(argv[0], false, "bench", err, sizeof err);
    if (!d) {
        fprintf(stderr, "bench: %s\n", err);
        return 1;
    }
    if (draw_queries(d, runs, per_kind) != 0 || time_searches(d, runs, per_kind) != 0)
        rc = 1;
    long rss = maxrss_kib(RUSAGE_SELF);
    db_close(&d);
    pinyin_cleanup();

    for (int k = 0; k < K_COUNT && rc == 0; k++) {
        struct kind_run *r = &runs[k];
        int n = r->n * PASSES;
        if (n == 0) {
            fprintf(stderr, "bench: no query of kind %s could be drawn\n", kind_name[k]);
            continue;
        }
        double f50, f99, cpu99 = percentile(r->cpu, n, 99);
        double p50 = percentile(r->ms, n, 50), p99 = percentile(r->ms, n, 99);
        shell_floor(argv[0], r, &f50, &f99);
        /* the example last: it may hold a space */
        printf("search kind %s queries %d hits %.1f p50 %.3f p99 %.3f max %.3f"
               " cpu_p99 %.3f floor_p50 %.3f floor_p99 %.3f example %s\n",
               kind_name[k], r->n, (double)r->hits / n, p50, p99, r->ms[n - 1],
               cpu99, f50, f99, r->q[0].text);
    }
    printf("search maxrss %ld\n", rss);
    for (int k = 0; k < K_COUNT; k++) {
        free(runs[k].q);
        free(runs[k].ms);
        free(runs[k].cpu);
    }
    return rc;
}

int main(int argc, char **argv)
{
    char why[256];

    if (argc < 2)
        return usage();
    if (!clock_init(why, sizeof why))
        fprintf(stderr, "bench: %s\n", why);
    if (strcmp(argv[1], "csv") == 0)
        return cmd_csv(argc - 2, argv + 2);
    if (strcmp(argv[1], "import") == 0)
        return cmd_import(argc - 2, argv + 2);
    if (strcmp(argv[1], "exec") == 0)
        return cmd_exec(argc - 2, argv + 2);
    if (strcmp(argv[1], "first") == 0)
        return cmd_first(argc - 2, argv + 2);
    if (strcmp(argv[1], "screen") == 0)
        return cmd_screen(argc - 2, argv + 2);
    if (strcmp(argv[1], "search") == 0)
        return cmd_search(argc - 2, argv + 2);
    return usage();
}
