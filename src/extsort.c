/* extsort.c — see extsort.h.
 *
 * In memory, records are packed one after the other in MEM, each as a
 * two-byte length and its bytes, and OFF holds where each starts; a run is
 * OFF sorted, written out in that order in the same form.  Reading back,
 * each run has a buffer that always holds its current record whole, and a
 * heap keeps the runs in the order of their current records. */
#include "src/extsort.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RUN_BUF (16 * 1024)   /* read back at a time from each run */
#define WRITE_BUF (64 * 1024)

struct run {
    off_t pos, end;           /* what is left of it in the file */
    unsigned char *buf;
    size_t len, at;           /* bytes in BUF; the current record's place */
};

struct extsort {
    size_t budget;
    unsigned char *mem;       /* the records not yet written */
    size_t used, cap;
    uint32_t *off;            /* where each starts in MEM */
    size_t n, offcap;
    size_t next;              /* reading MEM when nothing went to the file */
    bool finished;
    int fd;                   /* the temporary file, -1 while there is none */
    off_t size;
    off_t *ends;              /* where each run written ends */
    size_t nruns;
    struct run *runs;
    size_t *heap, nheap;      /* runs by their current record, smallest first */
    bool popped;              /* the heap's top must move on first */
    int err;
};

static int fail(extsort *s, int err)
{
    s->err = err ? err : EIO;
    return -1;
}

extsort *extsort_new(size_t budget)
{
    extsort *s = calloc(1, sizeof *s);

    if (!s)
        return NULL;
    s->budget = budget;
    s->fd = -1;
    return s;
}

void extsort_free(extsort **sp)
{
    if (!sp || !*sp)
        return;
    extsort *s = *sp;
    if (s->fd >= 0)
        close(s->fd);
    for (size_t i = 0; s->runs && i < s->nruns; i++)
        free(s->runs[i].buf);
    free(s->runs);
    free(s->heap);
    free(s->ends);
    free(s->off);
    free(s->mem);
    free(s);
    *sp = NULL;
}

int extsort_error(const extsort *s)
{
    return s->err;
}

size_t extsort_runs(const extsort *s)
{
    return s->nruns;
}

/* The record at P (its length, then its bytes). */
static size_t rec_len(const unsigned char *p)
{
    return (size_t)p[0] << 8 | p[1];
}

static int rec_cmp(const unsigned char *a, const unsigned char *b)
{
    size_t na = rec_len(a), nb = rec_len(b);
    int c = memcmp(a + 2, b + 2, na < nb ? na : nb);

    if (c)
        return c;
    return (na > nb) - (na < nb);
}

/* qsort has no context argument: the memory being sorted, per thread. */
static _Thread_local const unsigned char *sorting;

static int off_cmp(const void *x, const void *y)
{
    return rec_cmp(sorting + *(const uint32_t *)x, sorting + *(const uint32_t *)y);
}

static void sort_memory(extsort *s)
{
    if (s->n < 2)
        return;
    sorting = s->mem;
    qsort(s->off, s->n, sizeof *s->off, off_cmp);
    sorting = NULL;
}

/* A temporary file nobody else can see (unlinked at once). */
static int open_temp(extsort *s)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];

    if (!dir || !*dir)
        dir = "/tmp";
    snprintf(path, sizeof path, "%s/dutydesk-sort-XXXXXX", dir);
    s->fd = mkstemp(path);
    if (s->fd < 0)
        return fail(s, errno);
    unlink(path);
    return 0;
}

static int write_all(extsort *s, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = pwrite(s->fd, p, n, s->size);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return fail(s, k < 0 ? errno : EIO);
        p += k;
        n -= (size_t)k;
        s->size += k;
    }
    return 0;
}

/* Sorts the records in memory and writes them as one run. */
static int write_run(extsort *s)
{
    off_t *ends = realloc(s->ends, sizeof *ends * (s->nruns + 1));
    unsigned char *out;
    size_t o = 0;

    if (!ends)
        return fail(s, ENOMEM);
    s->ends = ends;
    if (s->fd < 0 && open_temp(s) != 0)
        return -1;
    if (!(out = malloc(WRITE_BUF)))
        return fail(s, ENOMEM);
    sort_memory(s);
    for (size_t i = 0; i < s->n; i++) {
        const unsigned char *r = s->mem + s->off[i];
        size_t k = 2 + rec_len(r);
        if (o + k > WRITE_BUF) {
            if (write_all(s, out, o) != 0) {
                free(out);
                return -1;
            }
            o = 0;
        }
        memcpy(out + o, r, k);
        o += k;
    }
    int rc = write_all(s, out, o);
    free(out);
    if (rc != 0)
        return -1;
    s->ends[s->nruns++] = s->size;
    s->n = s->used = 0;
    return 0;
}

/* Room for one more record of K bytes (with its length) in memory. */
static int make_room(extsort *s, size_t k)
{
    if (s->used + k + (s->n + 1) * sizeof *s->off > s->budget && s->n > 0 && write_run(s) != 0)
        return -1;
    if (s->used + k > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 4096;
        while (cap < s->used + k)
            cap *= 2;
        unsigned char *mem = realloc(s->mem, cap);
        if (!mem)
            return fail(s, ENOMEM);
        s->mem = mem;
        s->cap = cap;
    }
    if (s->n == s->offcap) {
        size_t cap = s->offcap ? s->offcap * 2 : 1024;
        uint32_t *off = realloc(s->off, sizeof *off * cap);
        if (!off)
            return fail(s, ENOMEM);
        s->off = off;
        s->offcap = cap;
    }
    return 0;
}

int extsort_add(extsort *s, const void *rec, size_t n)
{
    if (s->finished || n > EXTSORT_MAX)
        return fail(s, EINVAL);
    if (make_room(s, n + 2) != 0)
        return -1;
    s->off[s->n++] = (uint32_t)s->used;
    s->mem[s->used] = (unsigned char)(n >> 8);
    s->mem[s->used + 1] = (unsigned char)n;
    memcpy(s->mem + s->used + 2, rec, n);
    s->used += n + 2;
    return 0;
}

/* Makes the current record of run R whole in its buffer: 1 there is one,
 * 0 the run is over, -1 a read failure. */
static int run_fill(extsort *s, struct run *r)
{
    for (;;) {
        size_t have = r->len - r->at;
        if (have >= 2 && have >= 2 + rec_len(r->buf + r->at))
            return 1;
        if (r->pos >= r->end) {
            if (have)
                return fail(s, EIO); /* a record cut short: the file was damaged */
            return 0;
        }
        memmove(r->buf, r->buf + r->at, have);
        r->len = have;
        r->at = 0;
        size_t want = RUN_BUF - have;
        if ((off_t)want > r->end - r->pos)
            want = (size_t)(r->end - r->pos);
        ssize_t k;
        do
            k = pread(s->fd, r->buf + r->len, want, r->pos);
        while (k < 0 && errno == EINTR);
        if (k <= 0)
            return fail(s, k < 0 ? errno : EIO);
        r->pos += k;
        r->len += (size_t)k;
    }
}

static const unsigned char *head_rec(const extsort *s, size_t h)
{
    const struct run *r = &s->runs[s->heap[h]];
    return r->buf + r->at;
}

static void sift_down(extsort *s, size_t k)
{
    for (;;) {
        size_t l = 2 * k + 1, m = k;
        if (l < s->nheap && rec_cmp(head_rec(s, l), head_rec(s, m)) < 0)
            m = l;
        if (l + 1 < s->nheap && rec_cmp(head_rec(s, l + 1), head_rec(s, m)) < 0)
            m = l + 1;
        if (m == k)
            return;
        size_t t = s->heap[k];
        s->heap[k] = s->heap[m];
        s->heap[m] = t;
        k = m;
    }
}

int extsort_finish(extsort *s)
{
    if (s->finished)
        return fail(s, EINVAL);
    s->finished = true;
    if (s->fd < 0) {
        sort_memory(s);
        return 0;
    }
    if (s->n && write_run(s) != 0)
        return -1;
    free(s->mem);
    free(s->off);
    s->mem = NULL;
    s->off = NULL;
    s->cap = s->offcap = 0;
    s->runs = calloc(s->nruns, sizeof *s->runs);
    s->heap = calloc(s->nruns, sizeof *s->heap);
    if (!s->runs || !s->heap)
        return fail(s, ENOMEM);
    for (size_t i = 0; i < s->nruns; i++) {
        struct run *r = &s->runs[i];
        r->pos = i ? s->ends[i - 1] : 0;
        r->end = s->ends[i];
        if (!(r->buf = malloc(RUN_BUF)))
            return fail(s, ENOMEM);
        int rc = run_fill(s, r);
        if (rc < 0)
            return -1;
        if (rc > 0)
            s->heap[s->nheap++] = i;
    }
    for (size_t k = s->nheap / 2; k-- > 0;)
        sift_down(s, k);
    return 0;
}

int extsort_next(extsort *s, const void **rec, size_t *n)
{
    if (!s->finished)
        return fail(s, EINVAL);
    if (s->fd < 0) {
        if (s->next >= s->n)
            return 0;
        const unsigned char *r = s->mem + s->off[s->next++];
        *rec = r + 2;
        *n = rec_len(r);
        return 1;
    }
    if (s->popped) {
        /* The record given last is no longer needed: its run moves on. */
        struct run *r = &s->runs[s->heap[0]];
        r->at += 2 + rec_len(r->buf + r->at);
        int rc = run_fill(s, r);
        if (rc < 0)
            return -1;
        if (rc == 0)
            s->heap[0] = s->heap[--s->nheap];
        sift_down(s, 0);
        s->popped = false;
    }
    if (s->nheap == 0)
        return 0;
    const unsigned char *r = head_rec(s, 0);
    *rec = r + 2;
    *n = rec_len(r);
    s->popped = true;
    return 1;
}
